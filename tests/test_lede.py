"""A lede or headline that tells the article's main event without a date puts that event on the
timeline, dated to the publication day (or the day before, by tense), marked inferred and weaker
than dated rows (extract/lede.py, resources/lede.yaml). The articles here are our own writing."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timeline import chronology, schema
from timeline.extract.events import extract_events
from timeline.extract.lede import rules
from timeline.present.evidence import event_evidence_html

PUBLISHED = dt.date(2013, 2, 1)


def inferred(events: pd.DataFrame) -> pd.DataFrame:
    """The rows dated by no time expression of their own."""
    return events[events[schema.TIMEX_START].isna()]


def day(value: object) -> dt.date:
    return pd.Timestamp(value).date()


@pytest.mark.parametrize("text, published, expected", rules().examples, ids=[e[0][:40] for e in rules().examples])
def test_every_example_of_the_lede_rules_gives_what_it_says(text, published, expected):
    rows = inferred(extract_events(text, published=published))
    if expected is None:
        assert rows.empty
    else:
        event_type, date = expected.split()
        assert len(rows) == 1
        assert rows.iloc[0][schema.EVENT_TYPE] == event_type
        assert day(rows.iloc[0][schema.DATE_START]) == dt.date.fromisoformat(date)


PRESENT_PERFECT = """Rebels Tighten Grip on Northern Mali

BAMAKO, Mali — Tuareg rebels have seized the town of Kidal, residents said.

Government troops withdrew towards Gao, where aid agencies reported long queues for fuel."""


def test_a_present_perfect_lede_is_dated_to_the_publication_day_and_marked_inferred():
    events = extract_events(PRESENT_PERFECT, published=PUBLISHED)
    rows = inferred(events)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row[schema.SENTENCE].startswith("BAMAKO, Mali — Tuareg rebels have seized the town of Kidal")
    assert day(row[schema.DATE_START]) == day(row[schema.DATE_END]) == PUBLISHED
    assert row[schema.STATUS] == "occurred" and row[schema.GRANULARITY] == "day"
    assert row[schema.TIMEX_TEXT] == "" and "(inferred)" in row[schema.DATE_RULE]
    assert "publication day 2013-02-01" in row[schema.DATE_RULE]
    assert "Kidal" in row[schema.LOCATIONS]
    assert row[schema.CONFIDENCE] < 0.5


SIMPLE_PAST = """Opposition Quits Geneva Talks

GENEVA — The opposition delegation walked out of the peace talks, accusing the government of bombing civilians during the negotiations.

Mediators from the United Nations said they hoped to bring both sides back to the table."""


def test_a_simple_past_lede_is_dated_to_the_day_before_publication():
    rows = inferred(extract_events(SIMPLE_PAST, published="2016-02-03"))
    assert len(rows) == 1
    assert day(rows.iloc[0][schema.DATE_START]) == dt.date(2016, 2, 2)
    assert rows.iloc[0][schema.EVENT_TYPE] == "suspension"
    assert "the day before publication, 2016-02-02 (inferred)" in rows.iloc[0][schema.DATE_RULE]


def test_an_inferred_row_is_weaker_than_every_dated_row_of_its_article():
    text = SIMPLE_PAST + "\n\nThe envoy met the government delegation on Monday in Geneva."
    events = extract_events(text, published="2016-02-03")
    guessed, dated = inferred(events), events[events[schema.TIMEX_START].notna()]
    assert len(guessed) == 1 and not dated.empty
    assert guessed[schema.CONFIDENCE].max() < dated[schema.CONFIDENCE].min()


def test_a_dated_lede_is_not_told_again_as_an_inferred_row():
    text = ("Envoy Halts Talks\n\nGENEVA — The United Nations envoy suspended the peace talks on Wednesday, "
            "citing the fighting around the northern city.")
    events = extract_events(text, published="2016-02-03")
    assert inferred(events).empty
    assert len(events) == 1 and day(events.iloc[0][schema.DATE_START]) == dt.date(2016, 2, 3)


def test_a_lede_whose_event_the_body_dates_just_before_publication_takes_that_day():
    text = ("Rebels have seized the town of Kidal, residents said.\n\n"
            "The rebels seized the town on Tuesday as government troops withdrew to the south.")
    events = extract_events(text, published=PUBLISHED)
    rows = inferred(events)
    assert len(rows) == 1
    assert day(rows.iloc[0][schema.DATE_START]) == dt.date(2013, 1, 29)   # that Tuesday
    assert "the one the article dates later to 2013-01-29 (inferred)" in rows.iloc[0][schema.DATE_RULE]
    # Without the body's date, the lede is dated by its tense.
    alone = inferred(extract_events(text.split("\n\n")[0], published=PUBLISHED))
    assert day(alone.iloc[0][schema.DATE_START]) == PUBLISHED


def test_a_lede_told_again_with_its_date_and_place_takes_that_place_when_it_names_none():
    text = ("Salva Kiir and Riek Machar have agreed to a permanent ceasefire across the country.\n\n"
            "Kiir and Machar signed the declaration on Wednesday evening in Khartoum.")
    row = inferred(extract_events(text, published=dt.date(2018, 6, 28))).iloc[0]
    assert row[schema.LOCATIONS] == ["Khartoum"]
    # A lede that names its own place keeps it.
    named = text.replace("across the country", "in Juba")
    assert inferred(extract_events(named, published=dt.date(2018, 6, 28))).iloc[0][schema.LOCATIONS] == ["Juba"]


def test_another_event_of_the_same_kind_dated_in_the_body_does_not_date_the_lede():
    text = PRESENT_PERFECT.replace("withdrew towards Gao,", "withdrew towards Gao on Monday,")
    events = extract_events(text, published=PUBLISHED)
    assert list(events[schema.TIMEX_TEXT]) == ["Monday", ""]
    row = inferred(events).iloc[0]
    assert row[schema.SENTENCE].endswith("have seized the town of Kidal, residents said.")
    assert day(row[schema.DATE_START]) == PUBLISHED


def test_a_line_of_another_story_above_the_article_is_no_lede():
    text = ("Gunmen attacked a police post in a northern village, killing two officers.\n\n"
            "Thousands of demonstrators gathered in the capital's central square on Friday.\n\n"
            "Protesters demanded the resignation of the prime minister.\n\n"
            "Barriers closed the roads around the square and the metro stations nearby.\n\n"
            "The demonstrators said they would stay in the square until the government resigned.")
    assert inferred(extract_events(text, published=PUBLISHED)).empty
    # The same line as the lede of its own story is one.
    story = text.split("\n\n")[0] + "\n\nThe gunmen fled into the hills after the attack on the police post."
    assert len(inferred(extract_events(story, published=PUBLISHED))) == 1


@pytest.mark.parametrize("lede", [
    "The two delegations will meet in Geneva to discuss a ceasefire.",
    "The ceasefire could collapse within days, diplomats warned.",
    "Government and rebel negotiators are expected to sign an agreement in Doha.",
    "Has the ceasefire in the north collapsed?",
    "“We have signed the agreement and we will keep it,” the rebel commander said.",
    "The government has not signed the agreement, despite pressure from its neighbours.",
    "The ceasefire has held for five years.",
])
def test_plans_possibilities_denials_questions_and_quotes_give_no_inferred_row(lede):
    assert inferred(extract_events(f"Mali Talks\n\n{lede}", published=PUBLISHED)).empty


SCENE_LEDE = """Rebels Seize Kidal as Troops Pull Back

By our West Africa correspondent

BAMAKO, Mali — Residents of the desert town woke to silence and empty streets."""


def test_a_headline_event_is_inferred_when_the_lede_has_no_event_word():
    rows = inferred(extract_events(SCENE_LEDE, published=PUBLISHED))
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row[schema.SENTENCE] == "Rebels Seize Kidal as Troops Pull Back"
    assert row[schema.CHAR_START] == 0
    assert day(row[schema.DATE_START]) == PUBLISHED and row[schema.EVENT_TYPE] == "military"
    assert "headline" in row[schema.DATE_RULE]


def test_a_headline_announcing_a_plan_gives_no_row():
    text = SCENE_LEDE.replace("Rebels Seize Kidal as Troops Pull Back", "Rebels to Seize Kidal, Leaders Warn")
    assert inferred(extract_events(text, published=PUBLISHED)).empty


def test_the_headline_is_not_used_when_the_lede_tells_an_event():
    rows = inferred(extract_events(PRESENT_PERFECT, published=PUBLISHED))
    assert list(rows[schema.SENTENCE].str.startswith("BAMAKO")) == [True]


@pytest.mark.parametrize("text", [PRESENT_PERFECT, SIMPLE_PAST, SCENE_LEDE])
def test_without_a_publication_date_nothing_is_inferred(text):
    assert inferred(extract_events(text)).empty


def test_the_evidence_of_an_inferred_row_says_how_it_was_dated():
    row = inferred(extract_events(PRESENT_PERFECT, published=PUBLISHED)).iloc[0]
    document = {schema.TEXT: PRESENT_PERFECT, schema.PUBLISHED: pd.Timestamp(PUBLISHED), schema.TITLE: "Mali",
                schema.SOURCE: "test", schema.DOC_ID: row[schema.DOC_ID]}
    html = event_evidence_html(row.to_dict(), document)
    assert "(inferred)" in html and "2013-02-01" in html


def test_an_inferred_row_does_not_count_as_its_article_naming_the_publication_day():
    dated = extract_events("The envoy suspended the peace talks in Geneva on Friday, 1 February 2013.",
                           published=PUBLISHED, doc_id="dated")
    guessed = extract_events(PRESENT_PERFECT, published=PUBLISHED, doc_id="guessed")
    assert len(inferred(guessed)) == 1
    alone = chronology(dated)
    both = chronology(pd.concat([dated, guessed], ignore_index=True))
    talks = lambda table: table[table[schema.EVENT_TYPE] == "suspension"].iloc[0]  # noqa: E731
    # The other article's inferred row names no day: the suspension's day is as much news as before.
    assert talks(both)[schema.SALIENCE] == pytest.approx(talks(alone)[schema.SALIENCE])


@pytest.mark.parametrize("published", ["1600-03-04", "2300-01-02"])
def test_no_lede_event_is_inferred_on_a_day_the_table_cannot_hold(published):
    # (the events table holds the years pandas can: 1678-2261; a garbled date is worse than none)
    events = extract_events("Rebels seize town\n\nThe rebels have seized the town of Kobo.", published=published)
    assert events.empty


def test_an_undated_lede_event_takes_its_participants_and_place_from_the_article_as_a_dated_row_would():
    # The lede names no one: who and where come from the next sentence and the headline, and
    # the evidence says so (context_rule), as for a dated row of the same sentence.
    text = ("Talks fail in Geneva\n\nThe talks have broken down. The government and the opposition blamed each "
            "other, and the envoy, Staffan de Mistura, left Geneva.\n\nMore follows.")
    row = inferred(extract_events(text, published=dt.date(2016, 2, 3))).iloc[0]
    assert "Staffan de Mistura" in list(row[schema.ACTORS])
    assert list(row[schema.LOCATIONS]) == ["Geneva"]
    assert "next sentence" in row[schema.CONTEXT_RULE] and "headline" in row[schema.CONTEXT_RULE]


def test_an_undated_lede_event_takes_the_parties_the_lede_paragraph_names():
    text = ("The peace talks have collapsed. Delegations of Ethiopia and Eritrea left Algiers without agreeing "
            "to meet again, mediators said.\n\nThe two countries fought a border war.")
    row = inferred(extract_events(text, published=dt.date(2016, 2, 3))).iloc[0]
    assert {"Ethiopia", "Eritrea"} <= set(row[schema.ACTORS])
