"""The tagger tries each rule, trigger and tense cue only at word starts whose first
characters can begin it (`timeline.temporal.starts`): it must find exactly what running every
regex over every window finds, on the rules' own examples and on generated text (Hypothesis),
including case-folding corners (the Kelvin sign matches "k" without case)."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_tagger_properties import PROPERTY, lexicon_text
from timeline.temporal import tagger
from timeline.temporal.rulebook import rulebook
from timeline.temporal.starts import first_characters

_BOOK = rulebook()
_EXAMPLES = sorted({example.text for rule in _BOOK.rules for example in rule.examples})


def _every_position(text: str) -> list[tuple[int, int, str, tuple[int, int]]]:
    """What the tagger found before: every rule's finditer over every window."""
    found = []
    for lo, hi, kinds in tagger._windows(text, _BOOK, tagger._word_starts(text)):
        for rule in _BOOK.rules:
            if rule.needs is not None and rule.needs.isdisjoint(kinds):
                continue
            accepts = tagger.ACCEPTS.get(rule.kind)
            for m in rule.regex.finditer(text, lo, hi):
                if accepts is not None and not tagger._guarded(accepts, m, rule, _BOOK.lexicon):
                    continue
                start, end = m.span("t") if "t" in rule.regex.groupindex and m.group("t") else m.span()
                found.append((start, end, rule.name, m.span()))
    return sorted(found)


def _dispatched(text: str) -> list[tuple[int, int, str, tuple[int, int]]]:
    return sorted((start, end, rule.name, m.span()) for start, end, rule, m in tagger._candidates(text, _BOOK, Counter()))


def _windows_by_finditer(text: str) -> list[tuple[int, int, set[str]]]:
    windows: list[list] = []
    for m in _BOOK.triggers.finditer(text):
        lo = max(0, m.start() - tagger._WINDOW_REACH)
        hi = tagger._window_end(text, m.end(), min(len(text), m.end() + tagger._WINDOW_REACH))
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
            windows[-1][2].add(m.lastgroup)
        else:
            windows.append([lo, hi, {m.lastgroup}])
    return [(lo, hi, kinds) for lo, hi, kinds in windows]


def _same_as_finditer(text: str) -> None:
    assert _dispatched(text) == _every_position(text)
    starts = tagger._word_starts(text)
    assert tagger._windows(text, _BOOK, starts) == _windows_by_finditer(text)
    for lo, hi in ((0, len(text)), (len(text) // 3, 2 * len(text) // 3)):
        cues = tagger._matches(text, _BOOK.tense_cues, _BOOK.tense_starts, {}, starts, lo, hi)
        assert [m.span() for m in cues] == [m.span() for m in _BOOK.tense_cues.finditer(text, lo, hi)]
        # Asked only for the matches starting before `until` (they may run on past it).
        until = (lo + hi) // 2
        cues = tagger._matches(text, _BOOK.tense_cues, _BOOK.tense_starts, {}, starts, lo, hi, until)
        assert [m.span() for m in cues] == [m.span() for m in _BOOK.tense_cues.finditer(text, lo, hi)
                                            if m.start() < until]
        # Only the cues that can begin at each word start, tried by a regex of those alone:
        # the same matches, in the same groups.
        cues = tagger._tense_cues(text, _BOOK, starts, lo, hi, until)
        assert [(m.span(), m.lastgroup) for m in cues] == [(m.span(), m.lastgroup) for m in
                                                            _BOOK.tense_cues.finditer(text, lo, hi)
                                                            if m.start() < until]


@pytest.mark.parametrize("text", _EXAMPLES)
def test_trying_rules_where_they_can_begin_finds_what_every_position_finds_in_the_examples(text):
    _same_as_finditer(text)


@PROPERTY
@given(lexicon_text(max_size=80))
def test_trying_rules_where_they_can_begin_finds_what_every_position_finds_in_any_text(text):
    _same_as_finditer(text)


@settings(PROPERTY, max_examples=100)
@given(lexicon_text(max_size=30), st.sampled_from([("s", "\u017f"), ("S", "\u017f"), ("k", "\u212a"),
                                                   ("i", "\u0131"), ("I", "\u0130"), ("e", "é"), (" ", "\u00a0")]))
def test_non_ascii_characters_that_match_without_case_are_still_tried(text, swap):
    # "ſix" is "six" and the Kelvin sign is "k" when case is ignored: never skipped.
    _same_as_finditer(text.replace(*swap))


@pytest.mark.parametrize("text", ["ſix weeks ago", "\u017fince 1998 the talks", "Talks \u0131n 2010."])
def test_a_rule_is_tried_where_a_non_ascii_letter_stands_for_its_first_letter(text):
    assert _dispatched(text) == _every_position(text) != []


@pytest.mark.parametrize(("pattern", "flags", "first"), [
    (r"(?<!\w)(?:the\s+)?\d+(?!\w)", re.IGNORECASE, set("tT0")),   # digits are read as one
    (r"(?-i:May)|june", re.IGNORECASE, set("MjJ")),
    (r"[a-c]x", 0, set("abc")),
    (r"(?=z)y", 0, set("y")),             # a look-ahead consumes nothing
    (r"a?b*c{0,2}d", 0, set("abcd")),     # optional parts let later ones begin the match
    (r"\bk", re.IGNORECASE, set("kK")),
])
def test_first_characters_are_read_from_the_pattern(pattern, flags, first):
    assert first_characters(re.compile(pattern, flags)).first == first


@pytest.mark.parametrize(("pattern", "begins", "cannot"), [
    (r"(?<!\w)(?:the\s+)?\d+", ["the", "12 ", "4"], ["to ", "tax", "t5 ", "th"]),   # "th": the text ends
    (r"(?-i:May)|june", ["May", "jun", "JUN"], ["may", "Mon", "jus"]),
    (r"\d{4}([-/])\d\1", ["199", "201"], ["19-", "1/"]),   # a back-reference later does not matter
    (r"a?b", ["ab!", "b", "b!"], ["aa", "a", "ac"]),          # "b" alone is a whole match
    (r"k", ["k", "K", "k!", "\u212a!", "x\u212a"], ["x", "xk"]),  # a non-ASCII character may begin anything
])
def test_the_first_characters_of_a_match_are_read_from_the_pattern(pattern, begins, cannot):
    starts = first_characters(re.compile(pattern, re.IGNORECASE))
    assert all(starts.may_begin(head) for head in begins)
    assert not any(starts.may_begin(head) for head in cannot)


@pytest.mark.parametrize("pattern", [r"a?", r"(\w)?\1", r"x|", r"(?x) a", r"(?s:.)b", r"(a)?(?(1)b|c)"])
def test_patterns_it_cannot_read_or_that_match_nothing_may_begin_anywhere(pattern):
    assert first_characters(re.compile(pattern)) is None


def test_every_rule_opens_with_the_look_behind_the_word_starts_rely_on():
    assert all(rule.regex.pattern.startswith(r"(?<!\w)") for rule in _BOOK.rules)
    assert _BOOK.triggers.pattern.startswith(r"(?<!\w)")
    assert _BOOK.tense_cues.pattern.startswith(r"(?<!\w)")


def test_the_lookup_tables_starting_over_when_full_changes_nothing(monkeypatch):
    # A long-running server meets more text beginnings than the tables keep: they start over.
    texts = _EXAMPLES[:80]
    before = [tagger.tag_times(text, "2016-02-03") for text in texts]
    monkeypatch.setattr(tagger, "_HEADS_MAX", 20)
    monkeypatch.setattr(tagger, "_DISPATCH_MAX", 2)
    _BOOK.memo.clear()
    assert [tagger.tag_times(text, "2016-02-03") for text in texts] == before
    assert 0 < _BOOK.memo["rule heads"] <= 20 and len(_BOOK.memo["rules"]) <= 2
    _BOOK.memo.clear()   # the next tests start with tables of the usual size
