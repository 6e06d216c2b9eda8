"""What extraction costs: linear in the input whatever its shape, and bounded for one sentence.

Cost is counted, not timed: the number of Python and C function calls `extract_events` makes
(a profile hook counts them), which is deterministic and does not depend on how loaded the
machine is. A quadratic step (re-reading a whole sentence for each of its dates) makes four
times the input cost about sixteen times the calls; linear work stays near four.
"""
from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

from timeline.extract.events import extract_events

PUBLISHED = "2016-02-03"


def calls(function: Callable[[], object]) -> int:
    """Function calls (Python and C) made while `function` runs."""
    count = 0

    def hook(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    function()  # warm: rules, gazetteers and caches loaded outside the count
    sys.setprofile(hook)
    try:
        function()
    finally:
        sys.setprofile(None)
    return count


def lines(function: Callable[[], object]) -> int:
    """Python lines run while `function` runs (a loop's every turn counts): sees work that a
    list comprehension does without calling anything."""
    count = 0

    def tracer(frame: object, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        count += 1
        return tracer

    function()
    sys.settrace(tracer)
    try:
        function()
    finally:
        sys.settrace(None)
    return count


# Text without a full stop, so that the whole input is one sentence holding many dates.
RUN_ONS = {
    "numbers": "2015 12 31 ",
    "dated events": "talks between Russia and the United States resumed in Geneva on 3 February 2016 and ",
    "open quotes": "“the ceasefire will hold from 12 March 2016, said Lavrov in Moscow ",
    "weekdays and months": "Monday Tuesday January February 2015 Sunday March ",
}


@pytest.mark.parametrize("unit", RUN_ONS.values(), ids=RUN_ONS.keys())
def test_four_times_a_run_on_sentence_costs_about_four_times_as_much(unit):
    small = unit * (2500 // len(unit) + 1)
    big = small * 4
    ratio = calls(lambda: extract_events(big, published=PUBLISHED)) / calls(
        lambda: extract_events(small, published=PUBLISHED))
    assert ratio < 5, f"4x the input cost {ratio:.1f}x the work"


def test_every_date_of_a_run_on_sentence_is_still_an_event_shown_in_a_bounded_window():
    unit = "talks between Russia and the United States resumed in Geneva on 3 February 2016 and "
    text = unit * 60  # ~5,000 characters, no full stop
    events = extract_events(text, published=PUBLISHED)
    assert len(events) == 60
    assert set(events["event_type"]) == {"resumption"}
    for _, row in events.iterrows():
        assert text[row["char_start"]:row["char_end"]] == row["sentence"]
        assert row["char_start"] <= row["timex_start"] and row["timex_end"] <= row["char_end"]
        assert len(row["sentence"]) <= 1200


def test_a_row_of_a_run_on_sentence_names_the_actors_of_its_window_not_of_the_whole_run_on():
    # Three hundred different spokesmen in one sentence: were every row to list every name,
    # the table would grow with the square of the text.
    syllables = ["ka", "lo", "mi", "ra", "te", "vu", "zo"]
    names = [(a + b + c).capitalize() for a in syllables for b in syllables for c in syllables][:300]
    text = " ".join(f"spokesman {name} Dorvo said on 3 February 2016 that" for name in names)
    events = extract_events(text, published=PUBLISHED)
    assert len(events) == len(names)
    for _, row in events.iterrows():
        assert 1 <= len(row["actors"]) <= 30
        assert all(actor.split()[0] in row["sentence"] for actor in row["actors"])


def test_four_times_the_sentences_naming_people_and_states_cost_about_four_times_as_much():
    # Each person found from context looks for the state they speak for among the mentions
    # around them, not among every mention of the article.
    syllables = ["ka", "lo", "mi", "ra", "te", "vu", "zo", "ne"]
    names = [(a + b + c).capitalize() for a in syllables for b in syllables for c in syllables]

    def article(n: int) -> str:
        return ". ".join(f"Russian spokesman {names[i]} Dorvo said on 3 February 2016 that Moscow" for i in range(n))

    ratio = lines(lambda: extract_events(article(400), published=PUBLISHED)) / lines(
        lambda: extract_events(article(100), published=PUBLISHED))
    assert ratio < 4.5, f"4x the input cost {ratio:.1f}x the work"
