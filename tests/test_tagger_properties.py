"""Properties of `tag_times` on generated text (Hypothesis): it never raises on any str, its
expressions are well-formed, and its work grows linearly with the input. The text is built
from the tagger's own lexicon (resources/temporal/patterns.yaml, read through the loader):
month and weekday names, number words, units, holidays, parts of periods, plus digits,
four-digit years and clock times, punctuation, quotes, line breaks and capitalised names."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal.rulebook import _word_alternation, rulebook
from timeline.temporal.tagger import tag_times

_LISTS = ("month", "weekday", "weekday_plural", "season", "number_word", "unit", "cal_unit", "holiday",
          "rel", "part", "step", "ordinal", "daypart", "decade_word", "frequency", "named_day")
_LEXICON = rulebook().lexicon
WORDS = sorted({word for name in _LISTS for word in _LEXICON.values.get(name, {})})
PUNCTUATION = [".", ",", ";", ":", "-", "–", "—", "/", "(", ")", '"', "“", "”", "'", "’", "%", "$", "?",
               "!", "\n", "\n\n", "  "]
GLUE = ["the", "on", "in", "at", "by", "since", "until", "of", "a", "and", "said", "will", "met", "ago",
        "last", "next", "early", "late", "year", "week", "day", "century", "s", "’s", "GMT", "local time"]

PROPERTY = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _cased(word: str, how: int) -> str:
    return word.capitalize() if how == 1 else word.upper() if how == 2 else word


def tokens() -> st.SearchStrategy[str]:
    numbers = st.one_of(
        st.integers(0, 99).map(str),
        st.integers(1500, 2099).map(str),  # years
        st.integers(0, 2359).map(lambda n: f"{n:04d}"),  # clock times, and years again
        st.integers(0, 10**6).map(str),
        st.tuples(st.integers(1, 31), st.integers(1, 12), st.integers(0, 99)).map(lambda t: f"{t[0]}/{t[1]}/{t[2]}"),
        st.integers(1, 12).map(lambda h: f"{h}:{h % 6}0 p.m."),
        st.integers(1, 21).map(lambda n: f"{n}th"),
        st.integers(150, 209).map(lambda n: f"{n}0s"),
    )
    names = st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True)
    words = st.tuples(st.sampled_from(WORDS + GLUE), st.integers(0, 2)).map(lambda t: _cased(*t))
    return st.one_of(words, words, words, numbers, names, st.sampled_from(PUNCTUATION))


def lexicon_text(min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(tokens(), st.sampled_from([" ", " ", " ", "", "\n", "-"])),
                    min_size=min_size, max_size=max_size).map(lambda parts: "".join(t + s for t, s in parts))


def _well_formed(text: str, found: list) -> None:
    previous_end = 0
    for expression in found:
        assert previous_end <= expression.start < expression.end <= len(text)
        assert text[expression.start:expression.end] == expression.text
        assert expression.type in ("DATE", "TIME", "DURATION", "SET")
        if expression.interval_start is not None:
            assert expression.interval_end is None or expression.interval_start <= expression.interval_end
        previous_end = expression.end


@PROPERTY
@given(st.text(max_size=400), st.sampled_from([None, "2016-02-03", "1677-09-22", "2262-04-11"]))
def test_tag_times_never_raises_on_any_text(text, published):
    _well_formed(text, tag_times(text, published))


@PROPERTY
@given(lexicon_text(), st.sampled_from([None, "2016-02-03", "2000-02-29", "1677-09-22", "2262-04-11"]))
def test_tag_times_never_raises_on_text_made_of_its_own_words(text, published):
    _well_formed(text, tag_times(text, published))


def _work(text: str) -> int:
    counts: Counter[str] = Counter()
    tag_times(text, "2016-02-03", work=counts)
    return sum(counts.values())


def _repeated(text: str, size: int) -> str:
    return (text * (size // max(1, len(text)) + 1))[:size]


@settings(PROPERTY, max_examples=40)
@given(lexicon_text(min_size=5, max_size=40).filter(lambda t: t.strip()))
def test_the_work_of_tag_times_grows_linearly_with_its_input(text):
    # The doubled input is the single one twice: cut at another length, its last words differ
    # ("... 1500s 1500" against "... 1500s 0"), and a window's trigger kinds (hence the rules
    # tried at each candidate) may differ by a constant factor that says nothing of growth.
    unit = _repeated(text, 4_000)
    single, double = _work(unit), _work(unit + " " + unit)
    assert double <= 2.5 * single + 1_000, (single, double)


@pytest.mark.parametrize(
    "unit",
    [
        "2015" + "-" * 120,  # no whitespace: windows once stretched to the end of the text
        "In 1990 envoys met on Monday and again on Friday and ",  # a year that holds a paragraph
        "2015 12 31 ",  # dense numbers without a full stop
        "at 1500 and at 1630 and ",
    ],
)
def test_pathological_shapes_cost_linear_work(unit):
    single, double = _work(_repeated(unit, 20_000)), _work(_repeated(unit, 40_000))
    assert double <= 2.2 * single, (single, double)


def _plain_alternation(forms: set[str]) -> str:
    """The word list as the tagger first wrote it: every form, longest first."""
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=lambda s: (-len(s), s)))


@pytest.mark.parametrize("name", [n for n in _LISTS if n in _LEXICON.values])
@PROPERTY
@given(data=st.data())
def test_a_word_list_compiled_as_a_prefix_tree_matches_what_the_plain_list_matches(name: str, data) -> None:
    # The prefix tree is only a faster way to write the list: whatever text surrounds the words,
    # with whatever continuation after them, the same spans are found.
    text = data.draw(lexicon_text(max_size=30))
    forms = set(_LEXICON.values[name])
    for after in ("", r"(?!\w)", r"\s+\d+", r"\.?"):
        plain = re.compile(rf"(?<!\w)(?:{_plain_alternation(forms)}){after}", re.IGNORECASE)
        tree = re.compile(rf"(?<!\w)(?:{_word_alternation(dict.fromkeys(forms), False)}){after}", re.IGNORECASE)
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]
