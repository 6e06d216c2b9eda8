"""Reported speech and announcements (resources/temporal/speech.yaml): words quoted from a
dated speech act count from the day they were said, counts to come from their announcement.
Every example of speech.yaml is a case here."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from timeline import tag_times
from timeline.errors import ResourceError
from timeline.temporal import speech as speech_module
from timeline.temporal.speech import examples, quotations

CASES = examples()


@pytest.mark.parametrize("case", CASES, ids=[c.text[:50] for c in CASES])
def test_speech_example_resolves_as_documented(case):
    found = [e for e in tag_times(case.text, published=case.published) if e.text == case.expression]
    assert found, f"{case.expression!r} not found in {case.text!r}"
    assert found[0].value == case.value, found[0].explanation
    if case.interval:
        assert (found[0].interval_start, found[0].interval_end) == tuple(dt.date.fromisoformat(d) for d in case.interval)


def test_quoted_words_explain_the_day_they_were_said():
    """The evidence says which words date the quotation, so a reader can check it."""
    text = 'The envoy said on Saturday: "The rebels attacked the convoy yesterday."'
    found = {e.text: e for e in tag_times(text, published="2016-02-03")}
    assert found["yesterday"].value == "2016-01-29"
    assert "2016-01-30 ('said on Saturday')" in found["yesterday"].explanation
    assert "publication" not in found["yesterday"].explanation


@pytest.mark.parametrize(
    "text, marks",
    [
        ('He said: "We left." Then "they came," she said.', [(9, 19), (25, 37)]),
        ("``We left,'' he said.", [(0, 12)]),
        ("“We left,” he said.", [(0, 10)]),
        # a stray mark: the blank line ends it, the next pair is a quotation
        ('He said: "We left.\n\nThen "they came," she said.', [(25, 37)]),
    ],
)
def test_quotations_are_found_by_their_marks(text, marks):
    assert [(q[0], q[3]) for q in quotations(text)] == marks


def test_a_stray_quotation_mark_does_not_date_the_rest_of_the_article():
    """An opening mark never closed holds no words past quotation_max_chars: a "yesterday"
    far after it is the article's, not the quotation's."""
    text = ('The envoy said on Saturday: "We will not go back. ' + "Talks stalled for a while. " * 80
            + "Rebels attacked the convoy yesterday, officials said.")
    found = [e for e in tag_times(text, published="2016-02-03") if e.text == "yesterday"]
    assert found[0].value == "2016-02-02"


def test_finding_speech_acts_costs_linear_work_in_quotations():
    """Many quotations, each with a dated attribution: the work grows with the text."""
    one = '"We met them yesterday," the envoy said on Saturday. '
    work_small, work_big = Counter(), Counter()
    small = tag_times(one * 20, published="2016-02-03", work=work_small)
    big = tag_times(one * 200, published="2016-02-03", work=work_big)
    assert all(e.value == "2016-01-29" for e in big if e.text == "yesterday")
    assert len(big) == 10 * len(small)
    assert work_big["resolved"] <= 10 * work_small["resolved"] + 10


@pytest.mark.parametrize(
    "change, message",
    [
        ({"quotation_marks": [["“"]]}, "quotation_marks: must be a list of [opening, closing] marks"),
        ({"speech_verbs": ["Said"]}, "speech_verbs: must be a non-empty list of lower-case words"),
        ({"verb_date_reach": 0}, "verb_date_reach: must be a positive number"),
        ({"counted_from_announcement": ["in_count", "no_such_rule"]},
         "counted_from_announcement: no such rule in rules.yaml: ['no_such_rule']"),
        ({"deictic_kinds": ["day_offset", "guess"]}, "deictic_kinds: no such kind: ['guess']"),
    ],
)
def test_a_broken_speech_file_names_the_file_and_the_entry(monkeypatch, change, message):
    good = speech_module.load_yaml(speech_module.SPEECH_FILE)
    monkeypatch.setattr(speech_module, "load_yaml", lambda name: {**good, **change})
    speech_module.speech_rules.cache_clear()
    try:
        with pytest.raises(ResourceError, match=re.escape(f"resources/temporal/speech.yaml: {message}")):
            speech_module.speech_rules()
    finally:
        speech_module.speech_rules.cache_clear()
