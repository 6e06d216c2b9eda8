"""What a reader of the timeline notices about the temporal tagger: relative dates resolved
against the publication date, durations and sets never mistaken for event dates, no false
dates, and bad input answered with a clear message."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline import tag_times
from timeline.errors import InputError

SEED_PUBLISHED = dt.date(2016, 2, 3)


def find(expressions, text):
    """The expression whose span covers `text` (or overlaps it most)."""
    hits = [e for e in expressions if e.text == text] or [e for e in expressions if text in e.text or e.text in text]
    assert hits, f"{text!r} not found in {[e.text for e in expressions]}"
    return hits[0]


def sentence_of(article: str, words: str) -> str:
    at = article.index(words)
    start = max(article.rfind(". ", 0, at) + 2, article.rfind("\n", 0, at) + 1)
    end = article.find("\n", at)
    return article[start:end if end != -1 else len(article)]


# ------------------------------------------------------------------ the seed article
@pytest.mark.parametrize(
    "anchor, expression, value, first, last, granularity",
    [
        ("talks in Geneva Wednesday", "Wednesday", "2016-02-03", "2016-02-03", "2016-02-03", "day"),
        ("air campaign last September", "last September", "2015-09", "2015-09-01", "2015-09-30", "month"),
        ("meet in Munich on Feb. 11", "Feb. 11", "2016-02-11", "2016-02-11", "2016-02-11", "day"),
        ("over the Sinai late last year", "late last year", "2015", "2015-09-01", "2015-12-31", "fuzzy"),
        ("would resume on Feb. 25", "Feb. 25", "2016-02-25", "2016-02-25", "2016-02-25", "day"),
        ("Last week, de Mistura", "Last week", "2016-W04", "2016-01-25", "2016-01-31", "week"),
        ("by Monday, he had shifted gears", "Monday", "2016-02-01", "2016-02-01", "2016-02-01", "day"),
    ],
)
def test_seed_expressions_resolve_against_publication_day(seed_text, anchor, expression, value, first, last,
                                                          granularity):
    found = tag_times(sentence_of(seed_text, anchor), published=SEED_PUBLISHED)
    expr = find(found, expression)
    assert (expr.value, expr.interval_start.isoformat(), expr.interval_end.isoformat(), expr.granularity) == (
        value, first, last, granularity), expr.explanation
    assert expr.is_dated


def test_seed_late_last_year_is_the_end_of_2015(seed_text):
    expr = find(tag_times(seed_text, published=SEED_PUBLISHED), "late last year")
    assert (expr.value, expr.mod) == ("2015", "END")


def test_seed_in_recent_days_is_a_short_interval_ending_on_publication_day(seed_text):
    expr = find(tag_times(seed_text, published=SEED_PUBLISHED), "In recent days")
    assert expr.interval_end == SEED_PUBLISHED
    assert 1 <= (expr.interval_end - expr.interval_start).days <= 14
    assert expr.granularity == "fuzzy"


def test_seed_whole_article_is_sorted_and_non_overlapping(seed_text):
    found = tag_times(seed_text, published="2016-02-03")
    assert [e.start for e in found] == sorted(e.start for e in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(seed_text[e.start:e.end] == e.text for e in found)
    assert {"Wednesday", "Feb. 11", "Feb. 25", "Last week", "last September"} <= {e.text for e in found}


# ------------------------------------------------------------------ other articles, other years
@pytest.mark.parametrize(
    "text, published, expression, value",
    [
        # month-day: the year from publication date and tense
        ("The truce has held since Dec. 30, officials said.", "2014-01-09", "Dec. 30", "2013-12-30"),
        ("Negotiators plan to resume on Feb. 8 in Astana.", "2017-01-25", "Feb. 8", "2017-02-08"),
        ("The ballot will take place on Jan. 4.", "2009-12-15", "Jan. 4", "2010-01-04"),
        # weekdays by tense
        ("The foreign minister said on Thursday that the border would reopen.", "2014-07-16", "Thursday",
         "2014-07-10"),
        ("The president will fly to Havana on Tuesday.", "2014-07-16", "Tuesday", "2014-07-22"),
        ("Rebels shelled the port city on Saturday.", "2019-03-11", "Saturday", "2019-03-09"),
        # reported speech: the plan is future, the reporting past; participles are not tense
        ("The minister said talks would resume on Thursday.", "2016-02-03", "Thursday", "2016-02-04"),
        ("On Saturday, the junta announced it would free the prisoners.", "2021-04-07", "Saturday",
         "2021-04-03"),
        ("The leaders are expected to sign the text on Friday evening, followed by a dinner.", "2018-04-25",
         "Friday evening", "2018-04-27TEV"),
        ("The talks had been due to end on Friday.", "2016-02-03", "Friday", "2016-01-29"),
        ("The president complicated matters on Sunday by rejecting a clause that would free prisoners.",
         "2020-03-02", "Sunday", "2020-03-01"),
        ("The leader told supporters in the port city on Monday that she would not step aside.", "2023-10-18",
         "Monday", "2023-10-16"),
        ("Leaders agreed on Wednesday that a ceasefire should take effect on Friday evening.", "2022-11-24",
         "Wednesday", "2022-11-23"),
        ("Leaders agreed on Wednesday that a ceasefire should take effect on Friday evening.", "2022-11-24",
         "Friday evening", "2022-11-25TEV"),
        ("In January, the court ruled that the envoy should leave.", "2000-04-03", "January", "2000-01"),
        # the present of a timetable is future; a stake held is not
        ("The opposition holds its own primary election on Sunday.", "2023-10-18", "Sunday", "2023-10-22"),
        ("The summit opens on Monday in Addis Ababa.", "2023-10-18", "Monday", "2023-10-23"),
        ("Mr. Boutros-Ghali, whose term ends on Tuesday, told the ceremony the task was harder.", "1996-12-29",
         "Tuesday", "1996-12-31"),
        ("The fund began buying shares in July and holds 14 percent.", "2023-10-18", "July", "2023-07"),
        # British, American, ISO
        ("The agreement was signed on 11 February 2016 in Munich.", "2016-03-01", "11 February 2016", "2016-02-11"),
        ("The agreement was signed on February 11, 2016, in Munich.", "2016-03-01", "February 11, 2016", "2016-02-11"),
        ("The decree is dated 2003-03-20.", "2003-04-01", "2003-03-20", "2003-03-20"),
        ("The uprising began in March 2011.", "2014-01-01", "March 2011", "2011-03"),
        ("The economy collapsed in the 1990s.", "2014-01-01", "the 1990s", "199"),
        ("Elections are planned for early January 2016.", "2015-11-30", "early January 2016", "2016-01"),
        ("Two weeks ago, the militia withdrew.", "2008-08-20", "Two weeks ago", "2008-W32"),
        ("Trade collapsed in the third quarter.", "1997-11-05", "the third quarter", "1997-Q3"),
        ("The rebels held the town this year.", "2012-06-01", "this year", "2012"),
        ("The ceasefire is holding now.", "2012-06-01", "now", "PRESENT_REF"),
        ("The militia recently regrouped.", "2012-06-01", "recently", "PAST_REF"),
        ("Talks collapsed next month, the envoy predicted.", "2012-06-01", "next month", "2012-07"),
        ("Earlier in the day, the envoy met rebel leaders.", "2012-06-01", "Earlier in the day", "2012-06-01"),
        # anaphora: the reference time from the text
        ("Talks opened in October 2012. The following month, they collapsed.", "2016-02-03",
         "The following month", "2012-11"),
        ("Fighting flared in January 2016. On 28 January, a truce was agreed.", "2016-06-10", "28 January",
         "2016-01-28"),
        ("The army entered Grozny in December 1994. On 19 January, the palace fell.", "2000-06-10",
         "19 January", "1995-01-19"),
        # a year said from publication ends the narrative of an older one
        ("Talks opened in June 1996, stalled until the truce of July 20 last year and resumed in September.",
         "1998-04-11", "September", "1997-09"),
        ("Talks began on March 3, 2014. The rebels left on March 5.", "2016-02-03", "March 5", "2014-03-05"),
        ("Troops crossed the border in May 2014, and in August they took the airport.", "2016-02-03", "August",
         "2014-08"),
        # ... but only within its paragraph, and not once the text is back in the present
        ("The war erupted on Nov. 4, 2020, when troops moved in. A truce declared in March collapsed in late "
         "August.", "2022-11-03", "March", "2022-03"),
        ("The three states, invited to join the alliance in July 1997, will join it on March 12.", "1999-02-27",
         "March 12", "1999-03-12"),
        ("The envoy praised the May 2019 accord. Rebels broke it on June 2.", "2021-06-20", "June 2", "2021-06-02"),
        ("The talks, the first since October 2016, followed a pullback in late October.", "2019-12-10",
         "late October", "2019-10"),
        ("The deal was abandoned in May 2018.\n\nThe envoy met officials in Tehran on Nov. 23.", "2021-12-02",
         "Nov. 23", "2021-11-23"),
        ("The deal was abandoned in May 2018. On Wednesday the envoy said that talks on Nov. 23 had failed.",
         "2021-12-02", "Nov. 23", "2021-11-23"),
    ],
)
def test_expressions_resolve_in_other_articles(text, published, expression, value):
    expr = find(tag_times(text, published=published), expression)
    assert expr.value == value, expr.explanation


@pytest.mark.parametrize(
    "text, expression, value, typ",
    [
        ("The war has lasted five years.", "five years", "P5Y", "DURATION"),
        ("The government gave the rebels 60 days to disarm.", "60 days", "P60D", "DURATION"),
        ("The envoy got an answer within a week.", "a week", "P1W", "DURATION"),
        ("Protesters gather every Friday in the square.", "every Friday", "XXXX-WXX-5", "SET"),
        ("The ministry publishes casualty figures daily.", "daily", "P1D", "SET"),
    ],
)
def test_durations_and_sets_are_typed_and_never_dated(text, expression, value, typ):
    expr = find(tag_times(text, published="2016-02-03"), expression)
    assert (expr.value, expr.type) == (value, typ)
    assert not expr.is_dated
    assert expr.interval_start is None


def test_a_deadline_to_come_is_a_duration_anchored_from_publication_to_its_end():
    """ "expects an answer within a week": still P1W, but on the calendar as the stretch in
    which the answer is due (publication up to a week later), so the event is on the timeline."""
    expr = find(tag_times("The envoy expects an answer within a week.", published="2016-02-03"), "a week")
    assert (expr.value, expr.type, expr.is_dated) == ("P1W", "DURATION", True)
    assert (expr.interval_start, expr.interval_end) == (dt.date(2016, 2, 3), dt.date(2016, 2, 10))


@pytest.mark.parametrize(
    "text",
    [
        "We may never know what the sun looked like to them.",
        "May would decide later whether to join the March on Washington.",
        "The fund lost $2,015 million, or 19.95 percent, and 2,016 jobs.",
        "Turnout was 1990% of the target, at 2014.50 dollars a share.",
        "The deadline of Feb. 30 passed without a deal.",
    ],
)
def test_no_false_dates(text):
    assert [e for e in tag_times(text, published="2016-02-03") if e.is_dated] == []


def test_without_publication_date_relative_expressions_stay_unresolved():
    found = tag_times("The talks will resume on Feb. 11 and the envoy arrived Wednesday.")
    values = {e.text: e for e in found}
    assert values["Feb. 11"].value == "XXXX-02-11"
    assert values["Wednesday"].value == "XXXX-WXX-3"
    assert not any(e.is_dated for e in found)


def test_fixed_holidays_keep_their_day_without_publication_date():
    expr = find(tag_times("The ceasefire held over Christmas."), "Christmas")
    assert (expr.value, expr.is_dated) == ("XXXX-12-25", False)


def test_absolute_dates_resolve_without_publication_date():
    expr = find(tag_times("The accord was signed on 11 February 2016."), "11 February 2016")
    assert expr.value == "2016-02-11" and expr.is_dated


@pytest.mark.parametrize("published", ["2016-02-03", dt.date(2016, 2, 3), dt.datetime(2016, 2, 3, 18, 30),
                                       "2016-02-03T18:30:00"])
def test_publication_date_accepts_date_datetime_and_iso_string(published):
    assert find(tag_times("He spoke on Wednesday.", published=published), "Wednesday").value == "2016-02-03"


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_gives_no_expressions(text):
    assert tag_times(text, published="2016-02-03") == []


@pytest.mark.parametrize("text", [None, b"Feb. 11", 42])
def test_text_that_is_not_a_string_is_a_clear_input_error(text):
    with pytest.raises(InputError, match="tag_times needs text"):
        tag_times(text, published="2016-02-03")


@pytest.mark.parametrize("published", ["yesterday", "2016-13-45", 20160203])
def test_bad_publication_date_is_a_clear_input_error(published):
    with pytest.raises(InputError, match="publication date"):
        tag_times("He spoke on Wednesday.", published=published)


@pytest.mark.parametrize("text", ["In year 0000 nothing happened.", "By 99999 the sun will be gone.",
                                  "It was 9999-99-99 on the form.", "The date 2016-02-30 does not exist."])
def test_impossible_years_and_dates_give_nothing_dated(text):
    assert [e for e in tag_times(text, published="2016-02-03") if e.is_dated] == []


def test_long_line_without_punctuation_is_handled():
    line = " ".join(["the talks may resume next week or in May 2016 after the sun sets"] * 320)[:20_000]
    found = tag_times(line, published="2016-02-03")
    assert found and all(line[e.start:e.end] == e.text for e in found)


def test_five_megabyte_article_is_handled(seed_text):
    big = (seed_text + "\n\n") * (5_000_000 // len(seed_text) + 1)
    found = tag_times(big, published="2016-02-03")
    per_copy = len(tag_times(seed_text + "\n\n", published="2016-02-03"))
    assert len(found) >= per_copy * (5_000_000 // len(seed_text))


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_publication_dates_at_the_ends_of_the_calendar_give_no_error(published):
    text = ("Last year and next week, on Monday, two weeks ago, the following year, at Christmas, "
            "the next day, Feb. 11, two days later, the third quarter, this weekend, tomorrow, this week, "
            "by the end of the month, in December, on the 25th, in two weeks, the first week of March.")
    found = tag_times(text, published=published)
    assert found
    assert all(e.interval_start <= e.interval_end for e in found if e.is_dated)


@pytest.mark.parametrize(
    "unit",
    ["in in in ", "1 1 1 1 ", "the the ", "last last ", "May May ", "Feb. 11 ", "2016-02-", "a a a ",
     "twenty twenty ", "9 a.m. ", "'90s ", "on the 25th ", "holds the holds ", "2015-16 ", "resolution 2254 and ",
     "killed 2000 ", "Monday to ", "that she would ", "between March 3 and "],
)
def test_repetitive_adversarial_lines_are_handled(unit):
    line = (unit * (20_000 // len(unit) + 1))[:20_000]
    found = tag_times(line, published="2016-02-03")
    assert all(line[e.start:e.end] == e.text for e in found)


@pytest.mark.parametrize(
    "text, published, expression, first, last, granularity",
    [
        ("Foreign ministers will meet in Vienna on Nov. 14-15.", "2015-11-10", "Nov. 14-15",
         "2015-11-14", "2015-11-15", "day"),
        ("A deal on prisoners is expected in the coming days.", "2019-03-14", "in the coming days",
         "2019-03-14", "2019-03-21", "fuzzy"),
        ("The monitors will leave by the end of the month.", "2014-09-03", "the end of the month",
         "2014-09-21", "2014-09-30", "fuzzy"),
        ("Elections are planned for mid-2017.", "2016-11-02", "mid-2017", "2017-05-01", "2017-08-31", "fuzzy"),
    ],
)
def test_ranges_and_fuzzy_periods_cover_the_right_days(text, published, expression, first, last, granularity):
    expr = find(tag_times(text, published=published), expression)
    assert (expr.interval_start.isoformat(), expr.interval_end.isoformat(), expr.granularity) == (
        first, last, granularity), expr.explanation


@pytest.mark.parametrize("published", [None, "0001-01-01", "2000-02-29", "2023-01-01", "2023-12-31", "9999-12-31"])
def test_every_rule_example_tags_cleanly_on_any_publication_date(published):
    """Whatever the publication date, the examples of every rule give sorted, non-overlapping
    expressions with intervals that run forward, and no error."""
    from timeline.temporal.rulebook import rulebook

    for text in {example.text for rule in rulebook().rules for example in rule.examples}:
        found = tag_times(text, published=published)
        assert all(a.end <= b.start for a, b in zip(found, found[1:])), text
        assert all(e.interval_start <= e.interval_end for e in found if e.is_dated), text
        if published is None:
            # an unknown year stays off the calendar ("2014-03-XX" after "March 2014" is within it)
            assert not [e for e in found if e.is_dated and "XXXX" in e.value], text
