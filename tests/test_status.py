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
