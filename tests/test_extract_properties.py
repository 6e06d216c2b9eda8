"""Property-based tests of `extract_events`: text made from the extractor's own lexicon (month,
weekday, holiday and number words and units from the tagger's patterns.yaml, actor and place
names from the gazetteers), punctuation, quotes and capitalised names, in any order. It never
raises, always returns the events schema, and its work grows linearly with the input."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline import schema
from timeline.datafiles import load_yaml
from timeline.extract.actors import gazetteer as actor_gazetteer
from timeline.extract.events import extract_events
from timeline.extract.places import gazetteer as place_gazetteer
from timeline.temporal.rulebook import PATTERNS_FILE

from test_extract_cost import calls


def _lexicon() -> list[str]:
    """Every surface form of the tagger's word lists (months, weekdays, number words, units,
    holidays, seasons...), as written and in lower case, and the gazetteers' names."""
    words: set[str] = set()
    for entry in load_yaml(PATTERNS_FILE).values():
        for surface in (entry.get("words") or {}):
            words.update((str(surface), str(surface).lower()))
    words.update(actor_gazetteer().actors)
    words.update(place_gazetteer().places)
    return sorted(words)


LEXICON = _lexicon()
PUNCTUATION = [".", ",", ";", ":", "!", "?", "-", "—", "(", ")", "“", "”", '"', "'", "’", "...", "\n", "\n\n"]
FILLER = ["on", "in", "the", "last", "next", "said", "talks", "ceasefire", "met", "will", "would", "he", "It",
          "its", "since", "until", "between", "and", "of", "at", "by", "ago", "later", "earlier", "a", "not"]

word = st.one_of(
    st.sampled_from(LEXICON),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(FILLER),
    st.integers(min_value=0, max_value=3000).map(str),
    st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True),   # a capitalised name
    st.from_regex(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}", fullmatch=True),
)
lexicon_text = st.lists(word, max_size=120).flatmap(
    lambda words: st.lists(st.sampled_from([" ", "", "  ", "\n"]), min_size=len(words), max_size=len(words))
    .map(lambda gaps: "".join(w + g for w, g in zip(words, gaps))))
published = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))


def _conforms(events) -> bool:
    return list(events.columns) == list(schema.EVENT_COLUMNS) and schema.validate(events) is events


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=lexicon_text, day=published)
def test_text_made_of_the_lexicon_never_breaks_extraction(text, day):
    events = extract_events(text, published=day)
    assert _conforms(events) or events.empty
    for _, row in events.iterrows():
        assert text[row["char_start"]:row["char_end"]] == row["sentence"]
        if pd.isna(row["timex_start"]):   # a lede's undated event (extract/lede.py): no time expression
            assert row["timex_text"] == "" and "(inferred)" in row["date_rule"] and day is not None
        else:
            assert text[row["timex_start"]:row["timex_end"]] == row["timex_text"] or row["date_inherited"]
        assert row["date_start"] <= row["date_end"]
    # An inferred row is made only for a sentence without any other row: it never stands beside
    # (and so never takes an anchor from) a dated one.
    guessed = events[events["timex_start"].isna()]
    assert not set(guessed["char_start"]) & set(events[events["timex_start"].notna()]["char_start"])


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=400), day=published)
def test_any_string_gives_an_events_table(text, day):
    events = extract_events(text, published=day)
    assert list(events.columns) == list(schema.EVENT_COLUMNS)


# Without full stops or line breaks, repeating a unit makes one ever longer sentence holding
# ever more dates: the shape that was quadratic.
run_on_word = st.one_of(
    st.sampled_from([w for w in LEXICON if not any(c in w for c in ".!?…")]),
    st.sampled_from([",", ";", "(", ")", "“", "”", "-", *FILLER]),
    st.integers(min_value=1, max_value=2030).map(str),
    st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True),
)
run_on = st.lists(run_on_word, min_size=3, max_size=30).map(" ".join)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=st.one_of(lexicon_text, run_on).filter(lambda t: len(t) >= 20))
# Found by this test in session 20: every row of a run-on sentence read all its dates (8.2x).
@example(unit="Abbas Araghchi since 1678 1st")
def test_four_times_the_text_costs_about_four_times_the_work(unit):
    base = unit * (1500 // len(unit) + 1)
    ratio = calls(lambda: extract_events(base * 4, published=dt.date(2016, 2, 3))) / calls(
        lambda: extract_events(base, published=dt.date(2016, 2, 3)))
    assert ratio < 5.5, f"4x the input cost {ratio:.1f}x the work"
