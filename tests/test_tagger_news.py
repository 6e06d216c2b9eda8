"""A check-list of news phrasings: sentences of our own about other conflicts and years,
published on every day of the week and across year boundaries, each with the value and the
calendar days a reader of the timeline expects."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline import tag_times


def find(expressions, text):
    hits = [e for e in expressions if e.text == text]
    assert hits, f"{text!r} not found in {[e.text for e in expressions]}"
    return hits[0]


# (published, sentence, expression, value, first day, last day); None: not on the calendar.
NEWS = [
    # Monday 2 January 2023: last year, last week and last winter lie across the year boundary.
    ("2023-01-02", "The truce in Tigray has held since Dec. 30, mediators said.", "Dec. 30", "2022-12-30",
     "2022-12-30", "2022-12-30"),
    ("2023-01-02", "Ethiopian officials met rebel envoys in Nairobi last Friday.", "last Friday", "2022-12-30",
     "2022-12-30", "2022-12-30"),
    ("2023-01-02", "The African Union will convene a new round next month.", "next month", "2023-02",
     "2023-02-01", "2023-02-28"),
    ("2023-01-02", "Monitors arrive in Mekelle this week.", "this week", "2023-W01", "2023-01-02", "2023-01-08"),
    ("2023-01-02", "Disarmament began last week.", "last week", "2022-W52", "2022-12-26", "2023-01-01"),
    ("2023-01-02", "Aid convoys reached the region last year.", "last year", "2022", "2022-01-01", "2022-12-31"),
    ("2023-01-02", "The talks will resume on Jan. 10 in Pretoria.", "Jan. 10", "2023-01-10", "2023-01-10",
     "2023-01-10"),
    ("2023-01-02", "The front lines froze last winter.", "last winter", "2021-WI", "2021-12-01", "2022-02-28"),
    ("2023-01-02", "Tomorrow, the envoy flies to Addis Ababa.", "Tomorrow", "2023-01-03", "2023-01-03",
     "2023-01-03"),
    ("2023-01-02", "The crisis deepened over the weekend.", "the weekend", "2022-W52-WE", "2022-12-31",
     "2023-01-01"),
    ("2023-01-02", "The border was closed at the end of last year.", "the end of last year", "2022",
     "2022-09-01", "2022-12-31"),
    ("2023-01-02", "A referendum is planned for the start of next year.", "the start of next year", "2024",
     "2024-01-01", "2024-04-30"),
    # Thursday 14 March 2019
    ("2019-03-14", "Yemen's warring parties agreed on Tuesday to pull back from Hodeidah.", "Tuesday",
     "2019-03-12", "2019-03-12", "2019-03-12"),
    ("2019-03-14", "The U.N. envoy will brief the Security Council on Monday.", "Monday", "2019-03-18",
     "2019-03-18", "2019-03-18"),
    ("2019-03-14", "The plan was announced earlier this month.", "earlier this month", "2019-03", "2019-03-01",
     "2019-03-13"),
    ("2019-03-14", "A second phase is expected later this month.", "later this month", "2019-03", "2019-03-15",
     "2019-03-31"),
    ("2019-03-14", "Talks on the port collapsed three years ago.", "three years ago", "2016", "2016-01-01",
     "2016-12-31"),
    ("2019-03-14", "A prisoner swap is expected in the coming weeks.", "in the coming weeks", "FUTURE_REF",
     "2019-03-14", "2019-04-11"),
    ("2019-03-14", "Shelling continued overnight in Taiz.", "overnight", "2019-03-13TNI", "2019-03-13",
     "2019-03-13"),
    ("2019-03-14", "Houthi leaders met the envoy this morning.", "this morning", "2019-03-14TMO", "2019-03-14",
     "2019-03-14"),
    ("2019-03-14", "Yemen rivals agree to pull back on Tuesday", "Tuesday", "2019-03-12", "2019-03-12",
     "2019-03-12"),  # a headline: present tense tells of the past
    ("2019-03-14", "Mediators expect a breakthrough in the weeks ahead.", "in the weeks ahead", "FUTURE_REF",
     "2019-03-14", "2019-04-11"),
    # Sunday 20 July 2014
    ("2014-07-20", "Rebels shot down the airliner on Thursday, U.S. officials said.", "Thursday", "2014-07-17",
     "2014-07-17", "2014-07-17"),
    ("2014-07-20", "Investigators are expected to reach the crash site on Monday.", "Monday", "2014-07-21",
     "2014-07-21", "2014-07-21"),
    ("2014-07-20", "Separatists seized Slovyansk in April.", "April", "2014-04", "2014-04-01", "2014-04-30"),
    ("2014-07-20", "The rebellion began in the spring.", "spring", "2014-SP", "2014-03-01", "2014-05-31"),
    ("2014-07-20", "Kiev and Moscow will hold talks between July 24 and July 26.", "July 24 and July 26",
     "2014-07-24", "2014-07-24", "2014-07-26"),
    ("2014-07-20", "Ministers first met in Geneva on April 17.", "April 17", "2014-04-17", "2014-04-17",
     "2014-04-17"),
    # Friday 31 December 2021: next month and Jan. 10 are next year.
    ("2021-12-31", "Russian and U.S. diplomats will meet in Geneva on Jan. 10.", "Jan. 10", "2022-01-10",
     "2022-01-10", "2022-01-10"),
    ("2021-12-31", "The two presidents spoke by phone on Thursday.", "Thursday", "2021-12-30", "2021-12-30",
     "2021-12-30"),
    ("2021-12-31", "Further talks are set for next month.", "next month", "2022-01", "2022-01-01", "2022-01-31"),
    ("2021-12-31", "Troops massed near the border this fall.", "this fall", "2021-FA", "2021-09-01",
     "2021-11-30"),
    ("2021-12-31", "The alliance expanded eastward in the 2000s.", "the 2000s", "200", "2000-01-01",
     "2009-12-31"),
    ("2021-12-31", "Moscow sent troops into Georgia in August 2008.", "August 2008", "2008-08", "2008-08-01",
     "2008-08-31"),
    ("2021-12-31", "A NATO-Russia Council meeting is planned for Jan. 12, 2022.", "Jan. 12, 2022", "2022-01-12",
     "2022-01-12", "2022-01-12"),
    # Wednesday 8 June 2011
    ("2011-06-08", "Protesters have filled the square since Feb. 11.", "Feb. 11", "2011-02-11", "2011-02-11",
     "2011-02-11"),
    ("2011-06-08", "The president flew to Riyadh on Saturday.", "Saturday", "2011-06-04", "2011-06-04",
     "2011-06-04"),
    ("2011-06-08", "The transition accord will be signed next Tuesday.", "next Tuesday", "2011-06-14",
     "2011-06-14", "2011-06-14"),
    ("2011-06-08", "The mediator will return this Tuesday.", "this Tuesday", "2011-06-14", "2011-06-14",
     "2011-06-14"),
    ("2011-06-08", "Gunfire was heard yesterday in Sanaa.", "yesterday", "2011-06-07", "2011-06-07",
     "2011-06-07"),
    ("2011-06-08", "Opposition leaders will meet tonight.", "tonight", "2011-06-08TNI", "2011-06-08",
     "2011-06-08"),
    ("2011-06-08", "Tuesday's talks ended without a deal.", "Tuesday", "2011-06-07", "2011-06-07", "2011-06-07"),
    ("2011-06-08", "The ministers meet today in Sanaa.", "today", "2011-06-08", "2011-06-08", "2011-06-08"),
    # Saturday 28 October 2017
    ("2017-10-28", "Catalonia's parliament declared independence on Friday.", "Friday", "2017-10-27",
     "2017-10-27", "2017-10-27"),
    ("2017-10-28", "Regional elections will be held on Dec. 21.", "Dec. 21", "2017-12-21", "2017-12-21",
     "2017-12-21"),
    ("2017-10-28", "The referendum took place on Oct. 1.", "Oct. 1", "2017-10-01", "2017-10-01", "2017-10-01"),
    ("2017-10-28", "Catalan leaders will appear in court on Monday.", "Monday", "2017-10-30", "2017-10-30",
     "2017-10-30"),
    # Saturday 29 February 2020 (a leap day)
    ("2020-02-29", "A week-long reduction in violence began on Feb. 22.", "Feb. 22", "2020-02-22", "2020-02-22",
     "2020-02-22"),
    ("2020-02-29", "Intra-Afghan talks are due to start on March 10.", "March 10", "2020-03-10", "2020-03-10",
     "2020-03-10"),
    ("2020-02-29", "Prisoners will be freed by the end of the month.", "the end of the month", "2020-02",
     "2020-02-21", "2020-02-29"),
    ("2020-02-29", "U.S. forces have been in Afghanistan since 2001.", "2001", "2001", "2001-01-01",
     "2001-12-31"),
    ("2020-02-29", "The deal was called off on 7 September last year.", "7 September last year", "2019-09-07",
     "2019-09-07", "2019-09-07"),
    # Tuesday 5 March 2024
    ("2024-03-05", "Negotiators met in Cairo on Sunday.", "Sunday", "2024-03-03", "2024-03-03", "2024-03-03"),
    ("2024-03-05", "The war began with the Oct. 7 attack.", "Oct. 7", "2023-10-07", "2023-10-07", "2023-10-07"),
    ("2024-03-05", "Talks will resume on the 10th, officials said.", "the 10th", "2024-03-10", "2024-03-10",
     "2024-03-10"),
    ("2024-03-05", "Aid drops began over the weekend.", "the weekend", "2024-W09-WE", "2024-03-02",
     "2024-03-03"),
    ("2024-03-05", "A decade ago, the blockade was tightened.", "A decade ago", "2014", "2014-01-01",
     "2014-12-31"),
    ("2024-03-05", "Talks were held in the first week of March.", "the first week of March", "2024-W10",
     "2024-03-01", "2024-03-07"),
    ("2024-03-05", "Growth slowed in the second half of 2023.", "the second half of 2023", "2023-H2",
     "2023-07-01", "2023-12-31"),
    # Monday 11 August 2008
    ("2008-08-11", "Russian tanks rolled into South Ossetia on Friday.", "Friday", "2008-08-08", "2008-08-08",
     "2008-08-08"),
    ("2008-08-11", "Observers will be deployed from Aug. 14 to Aug. 20.", "Aug. 14 to Aug. 20", "2008-08-14",
     "2008-08-14", "2008-08-20"),
    ("2008-08-11", "Georgian troops shelled Tskhinvali on Thursday night.", "Thursday night", "2008-08-07TNI",
     "2008-08-07", "2008-08-07"),
    # Monday 29 March 1999
    ("1999-03-29", "NATO began bombing Yugoslavia on Wednesday.", "Wednesday", "1999-03-24", "1999-03-24",
     "1999-03-24"),
    ("1999-03-29", "The talks collapsed on March 19. Two days later, the envoy flew to Belgrade.",
     "Two days later", "1999-03-21", "1999-03-21", "1999-03-21"),
    ("1999-03-29", "The talks collapsed on March 19. The previous day, the envoy had left.", "The previous day",
     "1999-03-18", "1999-03-18", "1999-03-18"),
    ("1999-03-29", "The talks collapsed on March 19. The day before, the envoy had left.", "The day before",
     "1999-03-18", "1999-03-18", "1999-03-18"),
    # a week from a known day is the day so many weeks away, as a reader gives it (TimeML's
    # value stays the week)
    ("1999-03-29", "The talks collapsed on March 19. A week earlier, the envoy had warned of war.",
     "A week earlier", "1999-W10", "1999-03-12", "1999-03-12"),
    ("1999-03-29", "The Dayton accords ended the Bosnian war in November 1995.", "November 1995", "1995-11",
     "1995-11-01", "1995-11-30"),
    ("1999-03-29", "Serbia stripped Kosovo of its autonomy in the summer of 1989.", "the summer of 1989",
     "1989-SU", "1989-06-01", "1989-08-31"),
    ("1999-03-29", "The province was fought over in the 19th century.", "the 19th century", "18", "1800-01-01",
     "1899-12-31"),
    ("1999-03-29", "Elections were held in 1996 and 1997.", "1997", "1997", "1997-01-01", "1997-12-31"),
    # The verb or preposition right before a date outweighs the guess that a near date is meant
    ("2020-01-20", "The militia has besieged the capital since April.", "April", "2019-04", "2019-04-01",
     "2019-04-30"),
    ("2023-11-02", "The handover is expected in December.", "December", "2023-12", "2023-12-01", "2023-12-31"),
    ("2022-02-25", "Leaders tentatively decided on Feb. 11 that a new offensive would be needed.", "Feb. 11",
     "2022-02-11", "2022-02-11", "2022-02-11"),
    ("2023-12-20", "Mediators will be sent in March.", "March", "2024-03", "2024-03-01", "2024-03-31"),
    ("2017-07-08", "The president, who flew back to Nicosia on Friday evening, is expected to brief party "
     "leaders.", "Friday evening", "2017-07-07TEV", "2017-07-07", "2017-07-07"),
    ("2023-03-29", "The appeal will go ahead when the case is heard in May.", "May", "2023-05", "2023-05-01",
     "2023-05-31"),
    ("2023-10-30", "The offer would give the fund control. Over the weekend, the rival bidder continued to call "
     "for an auction.", "the weekend", "2023-W43-WE", "2023-10-28", "2023-10-29"),
    # An offset from a month keeps to the month: which day is not said
    ("2023-05-05", "Fighting flared again last September. A truce brokered by Qatar took hold two days later.",
     "two days later", "2022-09", "2022-09-01", "2022-09-30"),
    ("2023-05-05", "The siege began in March 2019. That day, aid convoys were turned back.", "That day",
     "2019-03-XX", "2019-03-01", "2019-03-31"),
    # Vague anaphora: a fuzzy stretch after the date told before
    ("2023-05-05", "Rebels stormed the airport on Jan. 12. Days later, the army retook it.", "Days later",
     "2023-01", "2023-01-13", "2023-01-19"),
    ("2023-05-05", "Rebels stormed the airport on Jan. 12. A few days later, the army retook it.",
     "A few days later", "2023-01", "2023-01-13", "2023-01-19"),
    ("2023-05-05", "Rebels stormed the airport on Jan. 12. Weeks later, the army retook it.", "Weeks later",
     "2023", "2023-01-19", "2023-02-23"),
    ("2023-05-05", "The accord was signed in August 2021. Months later, it collapsed.", "Months later", "2021",
     "2021-08-31", "2022-03-02"),
    # Headlines: "to + verb" after the subject is the future; a finite verb before "to" is not
    ("2023-10-18", "Ministers to meet on Tuesday", "Tuesday", "2023-10-24", "2023-10-24", "2023-10-24"),
    ("2023-10-18", "Rebel commanders to hand over weapons on Friday\n\nThe handover was agreed in Doha.",
     "Friday", "2023-10-20", "2023-10-20", "2023-10-20"),
    ("2023-10-18", "Talks to resume next week", "next week", "2023-W43", "2023-10-23", "2023-10-29"),
    ("2023-10-18", "## Envoys to meet in Geneva on Monday\n\nThe meeting was announced by the U.N.", "Monday",
     "2023-10-23", "2023-10-23", "2023-10-23"),
    ("2023-10-18", "Ministers agreed to meet on Tuesday", "Tuesday", "2023-10-17", "2023-10-17", "2023-10-17"),
    ("2023-10-18", "The decision to meet on Tuesday was welcomed.", "Tuesday", "2023-10-17", "2023-10-17",
     "2023-10-17"),
    # A weekday's contest is past ("Tuesday's talks") unless the words around it await it
    ("2023-10-18", "Maria Lopez, the front-runner in Sunday's primary, who is barred from leaving the country, "
     "held a rally.", "Sunday", "2023-10-22", "2023-10-22", "2023-10-22"),
    ("2023-10-18", "Maria Lopez, who won Sunday's primary, held a rally.", "Sunday", "2023-10-15", "2023-10-15",
     "2023-10-15"),
    # "later this month" starts the day after publication, "earlier this month" ends the day before
    ("2023-05-05", "A second round of talks is planned for later this month.", "later this month", "2023-05",
     "2023-05-06", "2023-05-31"),
    ("2023-11-22", "Both sides exchanged prisoners earlier this month.", "earlier this month", "2023-11",
     "2023-11-01", "2023-11-21"),
    ("2023-11-22", "The envoy returns to Doha later this week.", "later this week", "2023-W47", "2023-11-23",
     "2023-11-26"),
    ("2023-11-22", "The truce was first proposed earlier this year.", "earlier this year", "2023", "2023-01-01",
     "2023-11-21"),
    ("2023-11-22", "Elections are expected later this year.", "later this year", "2023", "2023-11-23",
     "2023-12-31"),
    # Written-out dates in their usual news forms
    ("2023-12-20", "The truce takes effect on Jan. 1, 2024, officials said.", "Jan. 1, 2024", "2024-01-01",
     "2024-01-01", "2024-01-01"),
    ("2023-12-20", "The truce takes effect on Jan 1st.", "Jan 1st", "2024-01-01", "2024-01-01", "2024-01-01"),
    ("2023-12-20", "The truce takes effect on 1 Jan. 2024.", "1 Jan. 2024", "2024-01-01", "2024-01-01",
     "2024-01-01"),
    ("2023-12-20", "The ceasefire was agreed on the 3rd of March.", "the 3rd of March", "2023-03-03",
     "2023-03-03", "2023-03-03"),
    ("2023-12-20", "Mediators met on March 3rd.", "March 3rd", "2023-03-03", "2023-03-03", "2023-03-03"),
    ("2023-12-20", "Gas prices soared in the 2010s.", "the 2010s", "201", "2010-01-01", "2019-12-31"),
    ("2023-12-20", "The bulletin was issued at 2023-12-19T10:00 local time.", "2023-12-19T10:00",
     "2023-12-19T10:00", "2023-12-19", "2023-12-19"),
    ("2024-01-03", "Families gathered for Christmas.", "Christmas", "2023-12-25", "2023-12-25", "2023-12-25"),
    ("2023-12-20", "The army will stand down for Christmas.", "Christmas", "2023-12-25", "2023-12-25",
     "2023-12-25"),
    ("2023-12-20", "Survivors marked the anniversary of the Sept. 11 attacks.", "Sept. 11", "2001-09-11",
     "2001-09-11", "2001-09-11"),
    # Saturday 14 February 2015: a clock time before a British-order date is a time of that day.
    ("2015-02-14", "The ceasefire is to begin at midnight on Sunday, 15 February.", "midnight on Sunday, 15 February",
     "2015-02-15T24:00", "2015-02-15", "2015-02-15"),
    # ... and "at midnight" after a date in the same sentence is that day's midnight (TimeML
    # anchors a bare clock time to the date just before, as TimeBank's "midnight Friday").
    ("2015-02-14", "The deal was agreed on 27 June and came into force at midnight.", "midnight",
     "2014-06-27T24:00", "2014-06-27", "2014-06-27"),
    # Wednesday 12 June 2019: British "Thursday week" is a week after the coming Thursday.
    ("2019-06-12", "The envoy will travel to Juba on Thursday week.", "Thursday week", "2019-06-20",
     "2019-06-20", "2019-06-20"),
    ("2019-06-12", "Talks resume on Wednesday week in Addis Ababa.", "Wednesday week", "2019-06-19",
     "2019-06-19", "2019-06-19"),
    # A date whose year is followed by a count word ("2014 government troops") is still a date.
    ("2016-05-10", "Many recall that on 4 May 2014 government troops retook the airport.", "4 May 2014",
     "2014-05-04", "2014-05-04", "2014-05-04"),
    ("2016-05-10", "Some 2000 troops and, in March 2014, 1500 police were deployed.", "March 2014", "2014-03",
     "2014-03-01", "2014-03-31"),
    # A month or season modifying an event noun names the month of the event.
    ("2011-05-18", "Six weeks after the April accord, no minister has been sworn in.", "April", "2011-04",
     "2011-04-01", "2011-04-30"),
    ("2011-01-12", "The opposition rejected the results of the November election.", "November", "2010-11",
     "2010-11-01", "2010-11-30"),
    ("2011-01-12", "The Cairo meetings of the autumn brought no deal.", "autumn", "2010-FA",
     "2010-09-01", "2010-11-30"),
    # Reported speech: a plan ("would", "must ... by") is ahead though the reporting verb is past;
    # a verb after "and" or inside a relative clause is another clause's tense.
    ("2013-10-15", "The envoy said he would receive both delegations on Friday and hoped they would agree.",
     "Friday", "2013-10-18", "2013-10-18", "2013-10-18"),
    ("2013-10-15", "The mediator has told the factions that they must sign a text by noon on Saturday.",
     "noon on Saturday", "2013-10-19T12:00", "2013-10-19", "2013-10-19"),
    ("2013-10-17", "The rivals closed four days of talks in Oslo on Tuesday with a text that says "
     "prisoners will be freed in stages.", "Tuesday", "2013-10-15", "2013-10-15", "2013-10-15"),
    # A postponement's new date lies ahead; "had been due to" is a plan that lay in the past.
    ("2013-10-19", "The vote, which had been due to take place on Tuesday, has been postponed until Thursday.",
     "Thursday", "2013-10-24", "2013-10-24", "2013-10-24"),
    ("2013-10-19", "The vote, which had been due to take place on Tuesday, has been postponed until Thursday.",
     "Tuesday", "2013-10-15", "2013-10-15", "2013-10-15"),
    # "last until" is the verb of how long a thing runs, not the "last" that looks back: the
    # tense is the plan's, and a truce running over New Year ends in the next year.
    ("2021-10-20", "The pause will start on Nov. 15 and last until Feb. 2, the envoy said.", "Feb. 2",
     "2022-02-02", "2022-02-02", "2022-02-02"),
    ("2021-10-20", "The pause that began in November last year lasted until Feb. 2.", "Feb. 2",
     "2021-02-02", "2021-02-02", "2021-02-02"),
    # Four digits that cannot be a clock time (minute 90) stay a year after "at" or in brackets.
    ("2016-02-03", "The league's charter was first signed at 1990 in Cairo.", "1990", "1990", "1990-01-01",
     "1990-12-31"),
    ("2016-02-03", "An earlier accord (1970 in Paris) never took effect.", "1970", "1970", "1970-01-01",
     "1970-12-31"),
    # A name holding a weekday is no date, the weekday after it still is.
    ("2019-06-12", "Both governments restated the Good Friday Agreement on Monday.", "Monday", "2019-06-10",
     "2019-06-10", "2019-06-10"),
]


@pytest.mark.parametrize("published, sentence, expression, value, first, last", NEWS,
                         ids=[f"{p}:{s[:40]}" for p, s, *_ in NEWS])
def test_news_phrasing_resolves_to_the_days_a_reader_expects(published, sentence, expression, value, first,
                                                              last):
    expr = find(tag_times(sentence, published=published), expression)
    assert expr.value == value, expr.explanation
    assert (expr.interval_start, expr.interval_end) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last)), (
        expr.explanation)


@pytest.mark.parametrize(
    "sentence",
    [
        "Theresa May said the vote would go ahead.",
        "Thousands will march on parliament; they march every year.",
        "The council adopted Resolution 2254 unanimously.",
        "U.N. Security Council Resolution 2401 demands a truce.",
        "Under resolution 1701, troops withdrew from the border.",
        "The council recalled resolutions 1325 and 2013.",
        "More than 2,000 people fled and 1,500 were wounded.",
        "Activists pushed the 1325 agenda at the summit.",
        "Prices rose 20 percent and aid reached $2 billion.",
        "The central bank held rates at 5 percent.",
        "Some 2000 troops and 1500 police were deployed.",
        "Fighting usually eases during Ramadan.",
        "He finished on the 3rd attempt and lives on the 5th floor.",
        "The town marked the 25th anniversary of the massacre.",
        "The accord came after 16 hours of overnight talks in Minsk.",
        "Unionists said the Good Friday Agreement was at risk, The Sunday Times reported.",
        "The Mail on Sunday recalled Bloody Sunday and the crash of Black Monday.",
    ],
)
def test_numbers_names_and_verbs_are_not_dates(sentence):
    assert [e.text for e in tag_times(sentence, published="2016-02-03") if e.is_dated] == []


# A factbox published in the autumn, telling the year's events in the present tense: its entries
# are past days, not next year's (the nearest occurrence of "February 15" in October is ahead).
FACTBOX = """Key dates in the Sahel mediation

February 15 - Protesters fill the squares of Bamako after the vote.
- March 2: Mediators from the regional bloc arrive in the capital.
April 9 - The junta and the opposition sign a charter in Lomé.

The envoys will return on Nov. 14, officials said."""


@pytest.mark.parametrize("expression, value", [
    ("February 15", "2021-02-15"), ("March 2", "2021-03-02"), ("April 9", "2021-04-09"),
    ("Nov. 14", "2021-11-14"),  # prose with its own future cue stays ahead
])
def test_the_entries_of_a_dated_list_are_past_days(expression, value):
    assert find(tag_times(FACTBOX, published="2021-10-20"), expression).value == value


@pytest.mark.parametrize(
    ("published", "text", "expression", "value", "reason", "not_reason"),
    [
        # A bare day-month after publication, near a day just told as past: the year before,
        # and the explanation names that past day.
        ("2020-12-18", "The quarrel began on 2 January. On 9 January the governor resigned.", "9 January",
         "2020-01-09", "near the past 2020-01-02", "begun by publication"),
        # A past tense's part of a month not begun by publication also takes the year before, for
        # its own reason: the past day told just before is not why.
        ("2019-05-03", "Both parties signed on 1 May. The mediator had been named in late May.", "late May",
         "2018-05", "the latest one begun by publication", "near the past"),
    ])
def test_the_year_before_is_explained_by_the_step_that_took_it(published, text, expression, value, reason,
                                                               not_reason):
    expr = find(tag_times(text, published=published), expression)
    assert expr.value == value, expr.explanation
    assert reason in expr.explanation
    assert not_reason not in expr.explanation


def test_a_past_date_told_beyond_the_reference_reach_leaves_a_bare_day_month_its_coming_year():
    # Near "began on 2 January", a bare "9 January" of a December article would be the one after
    # it (the year before); told paragraphs earlier (beyond REFERENCE_REACH characters), it is not
    # that account's, and a deadline is the coming one.
    from timeline.temporal.resolution import REFERENCE_REACH

    filler = ("Both sides have traded charges of bad faith ever since, and neither has shown any sign "
              "of giving way on the matter of the port. ") * 6
    assert len(filler) > REFERENCE_REACH
    text = f"The quarrel over the port began on 2 January.\n\n{filler}\n\nThe deadline for new bids is 9 January."
    expr = find(tag_times(text, published="2020-12-20"), "9 January")
    assert expr.value == "2021-01-09", expr.explanation
