"""Reported speech and announcements (resources/temporal/speech.yaml): words quoted from a
dated speech act count from the day they were said, counts to come from their announcement.
Every example of speech.yaml is a case here."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline import tag_times
from timeline.temporal.speech import examples, quotations

CASES = examples()


@pytest.mark.parametrize("case", CASES, ids=[c.text[:50] for c in CASES])
def test_speech_example_resolves_as_documented(case):
    found = [e for e in tag_times(case.text, published=case.published) if e.text == case.expression]
    assert found, f"{case.expression!r} not found in {case.text!r}"
    assert found[0].value == case.value, found[0].explanation
    if case.interval:
        assert (found[0].interval_start, found[0].interval_end) == tuple(dt.date.fromisoformat(d) for d in case.interval)
