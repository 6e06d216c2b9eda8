"""An event's status from the words near its date (resources/status.yaml, extract/status.py), where
the examples of status.yaml (run in tests/test_events.py) cannot reach: the status decided for a
time expression as given."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.status import decide_status

TODAY = dt.date(2022, 3, 29)


@pytest.mark.parametrize(("sentence", "clock", "status"), [
    # A live blog's stamp opens its entry: the present tells what is happening as it is written.
    ("14:05 - Erdogan opens the talks with a short speech.", "14:05", "occurred"),
    # The same clock time said inside a sentence is the timetable's: the talks are to come.
    ("Erdogan opens the talks with a short speech at 14:05.", "14:05", "planned"),
])
def test_only_a_clock_time_opening_the_sentence_is_a_live_stamp(sentence, clock, status):
    at = sentence.index(clock)
    decision = decide_status(sentence, at, at + len(clock), (TODAY, TODAY), TODAY)
    assert decision.status == status, decision.reason


@pytest.mark.parametrize("sentence, published", [
    # The plan's day is still to come, but the calling off is told as done.
    ("The summit planned for 12 March was scrapped after the shelling.", "2016-03-02"),
    ("The ministers' meeting scheduled for next Tuesday has been cancelled.", "2016-03-02"),
    ("A second round set for Friday was called off.", "2016-03-02"),
    # ... and so it is when the plan's day has passed.
    ("The talks planned for 1 March were canceled.", "2016-03-02"),
])
def test_a_plan_called_off_is_a_suspension_told_as_done_not_a_meeting_to_come(sentence, published):
    from timeline.extract.events import extract_events
    rows = extract_events(sentence, published)
    assert [(r["event_type"], r["status"]) for r in rows.to_dict("records")] == [("suspension", "occurred")]


@pytest.mark.parametrize("sentence, status", [
    ("The government will cancel the summit planned for 12 March.", "planned"),   # not yet called off
    ("The summit planned for 12 March could be cancelled.", "planned"),
])
def test_a_plan_only_threatened_with_cancellation_is_still_a_plan(sentence, status):
    at = sentence.index("12 March")
    decision = decide_status(sentence, at, at + len("12 March"), (dt.date(2016, 3, 12), dt.date(2016, 3, 12)),
                             dt.date(2016, 3, 2))
    assert decision.status == status, decision.reason


def test_a_plan_called_off_in_another_clause_leaves_the_date_planned():
    # "was scrapped" after the semicolon calls off a later round, not the summit of 12 March
    from timeline.extract.events import extract_events

    rows = extract_events("The summit planned for 12 March will go ahead; a later round was scrapped.",
                          published="2016-03-02")
    assert [r for r in rows.to_dict("records") if r["timex_text"] == "12 March"][0]["status"] == "planned"


@pytest.mark.parametrize("sentence, span, status", [
    # "within" counts forward from the saying: a span that reaches past the day of writing is due
    ("The envoy is to report within hours.", (TODAY, TODAY + dt.timedelta(days=1)), "planned"),
    # one that ends on the day of writing (after an act told that night) is told by its verb
    ("Within hours, crowds stormed the parliament.", (TODAY, TODAY), "occurred"),
])
def test_a_span_within_hours_is_planned_only_when_it_reaches_past_the_writing(sentence, span, status):
    at = sentence.index("hours")
    decision = decide_status(sentence, at, at + len("hours"), span, TODAY)
    assert decision.status == status, decision.reason


@pytest.mark.parametrize("gap, status", [
    (" ", "planned"),
    ("\n  ", "planned"),        # a line break and an indent still join "within" to its span
    (" " * 40, "occurred"),     # a gap that wide is a layout's, not a phrase's: bounded, the house form
])
def test_within_reaches_its_span_across_a_line_break_but_not_a_wide_gap(gap, status):
    sentence = f"The envoy reports within{gap}hours."
    at = sentence.index("hours")
    decision = decide_status(sentence, at, at + len("hours"), (TODAY, TODAY + dt.timedelta(days=1)), TODAY)
    assert decision.status == status, decision.reason


@pytest.mark.parametrize("gap, status", [
    ("\n  ", "planned"),        # "will be" + a line break: the signing is still to come
    (" " * 40, "occurred"),     # too far apart to be one verb: "signed" is read as told
])
def test_a_modal_passive_reaches_its_participle_across_a_line_break_but_not_a_wide_gap(gap, status):
    sentence = f"The accord will be{gap}signed on Saturday."
    at = sentence.index("Saturday")
    assert decide_status(sentence, at, at + len("Saturday"), None, TODAY).status == status
