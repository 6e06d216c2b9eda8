"""A past narrative (resources/temporal/narrative.yaml): a day and month without a year that go
on an account of past events take the account's year, not the publication's. Every example of
narrative.yaml is a case here."""
from __future__ import annotations

import pytest

from timeline import tag_times
from timeline.errors import ResourceError
from timeline.temporal import narrative as narrative_module
from timeline.temporal.narrative import examples

CASES = examples()


@pytest.mark.parametrize("case", CASES, ids=[c.text[:50] for c in CASES])
def test_day_month_in_a_past_narrative_takes_the_year_the_text_gives(case) -> None:
    found = [t for t in tag_times(case.text, case.published) if t.text == case.expression]
    assert found, f"{case.expression!r} is not tagged"
    assert found[0].value == case.value, found[0].explanation


def test_the_explanation_names_the_narrative_year_and_where_it_was_set() -> None:
    text = "NATO began air strikes on 30 August 1995.\n\nOn 8 September, the ministers met in Geneva."
    day = next(t for t in tag_times(text, "2021-03-15") if t.text == "8 September")
    assert "year of the narrative, 1995" in day.explanation
    assert "earlier paragraph" in day.explanation


def test_a_narrative_does_not_reach_beyond_its_reach() -> None:
    filler = "The delegations met again and again without any progress at all. " * 20
    text = f"The talks began in January 1993.\n\n{filler}\n\nThe negotiators initialled a text on 20 August."
    day = next(t for t in tag_times(text, "2018-09-13") if t.text == "20 August")
    assert day.value == "2018-08-20"


@pytest.mark.parametrize(("key", "bad", "read"), [("narrative_reach", -5, "narrative_reach"),
                                                  ("recent_days", "soon", "recent_days"),
                                                  ("question_chars", 0, "question_chars"),
                                                  ("heading_words", 99, "heading_words"),
                                                  ("weekday_years", 0, "weekday_years")])
def test_a_broken_narrative_setting_is_an_error_naming_the_file_and_key(monkeypatch, key, bad, read) -> None:
    good = narrative_module.load_yaml(narrative_module.NARRATIVE_FILE)
    monkeypatch.setattr(narrative_module, "load_yaml", lambda name: {**good, key: bad})
    getter = getattr(narrative_module, read)
    getter.cache_clear()
    try:
        with pytest.raises(ResourceError, match=f"resources/temporal/narrative.yaml: {key}"):
            getter()
    finally:
        getter.cache_clear()
