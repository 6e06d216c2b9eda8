"""The dashboard on a store larger than what its views draw (AppTest, headless): each view says
"N of M", the counts are the store's, and no view reads every mention into the server.

The views' limits (rows of a page, mentions drawn, options listed) are lowered to a few dozen
here so that a store of the repository's test articles (a few hundred mentions) is "large".
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from timeline import schema
from timeline.corpus.query import MentionQuery
from timeline.corpus.store import EventStore
from timeline.present.charts.story import story_event_label
from timeline.ui import keys

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGE, DRAWN = 25, 40


@pytest.fixture(scope="module")
def large_template(tmp_path_factory) -> Path:
    """The seed and the test articles, extracted once into a store with its chronology."""
    from timeline.corpus.ingest import seed_store
    from timeline.corpus.sync import sync_chronology
    from timeline.documents import load_corpus
    from timeline.extract.events import extract_document

    path = tmp_path_factory.mktemp("large") / "store"
    store = EventStore(path)
    seed_store(store, ROOT / "seeds")
    store.add_many((d, extract_document(d)) for d in load_corpus(ROOT / "tests" / "articles").documents)
    sync_chronology(store)
    return path


@pytest.fixture
def large_store(tmp_path, large_template, monkeypatch) -> Path:
    path = tmp_path / "store"
    shutil.copytree(large_template, path)
    monkeypatch.setenv("TIMELINE_STORE", str(path))
    return path


@pytest.fixture
def small_limits(monkeypatch) -> list[int]:
    """The views' limits lowered; returns the sizes of the mention tables the store handed
    out while the app ran."""
    from timeline.ui import sidebar, timeline_view, views

    monkeypatch.setattr(views, "PAGE_ROWS", PAGE)
    monkeypatch.setattr(views, "MAP_MENTIONS", DRAWN)
    monkeypatch.setattr(timeline_view, "MAX_DRAWN_MENTIONS", DRAWN)
    monkeypatch.setattr(sidebar, "MAX_OPTIONS", DRAWN)
    handed_out: list[int] = []
    read = EventStore.mentions

    def spied(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        frame = read(self, *args, **kwargs)
        handed_out.append(len(frame))
        return frame

    monkeypatch.setattr(EventStore, "mentions", spied)
    return handed_out


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_a_large_store_shows_n_of_m_with_the_stores_counts_and_reads_no_view_whole(
        large_store, small_limits):
    store = EventStore(large_store)
    total = store.count_mentions()
    events = store.count_chronology()
    assert total > 4 * DRAWN  # the store is "large" for these limits

    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    # The story: every event counted, from every mention.
    assert any(f"{events:,} of {events:,} events, from {total:,} mentions" in c
               for c in captions(at))
    # The chronology table: one page, and where it is.
    at.session_state[keys.TAB] = "Chronology"  # drawn while its tab is open
    at.run()
    assert any(f"Showing 1–{PAGE} of {total:,} events" in c for c in captions(at))
    assert len(at.dataframe(key=keys.CHRONOLOGY_TABLE).value) == PAGE
    # No view was handed every mention: each read was a page, a sample or a lookup.
    assert small_limits and max(small_limits) <= DRAWN < total

    at.query_params["view"] = "mentions"
    small_limits.clear()
    at.session_state[keys.TIMELINE_MODE] = "mentions"
    at.run()
    assert not at.exception
    (caption,) = [c for c in captions(at) if re.match(r"^[\d,]+ of [\d,]+ events\.", c)]
    assert caption.startswith(f"{total:,} of {total:,} events. The chart draws ")
    drawn = int(re.search(r"draws ([\d,]+) of them", caption).group(1).replace(",", ""))
    assert 0 < drawn <= DRAWN
    assert max(small_limits) <= DRAWN


def test_a_filter_gives_the_counts_the_store_gives_for_the_same_query(large_store, small_limits):
    store = EventStore(large_store)
    actor = str(store.facet_values(schema.ACTORS)["value"].iloc[0])
    expected = store.count_mentions(MentionQuery(actors=(actor,)))
    expected_events = store.count_chronology(MentionQuery(actors=(actor,)))
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.multiselect(key=keys.FILTER_ACTORS).set_value([actor]).run()
    assert not at.exception
    total = store.count_mentions()
    assert any(f"{expected_events:,} of {store.count_chronology():,} events, from "
               f"{expected:,} mentions" in c for c in captions(at))
    if expected > PAGE:
        at.session_state[keys.TAB] = "Chronology"
        at.run()
        assert any(f"Showing 1–{PAGE} of {expected:,} events" in c for c in captions(at))
    assert expected < total


def test_the_activity_counted_in_sql_is_the_chart_of_every_mention(large_store):
    """The activity view counts in the store; it draws what activity_figure draws from every
    mention (each event in every period it covers, in each of its actors' rows)."""
    from timeline.present import charts
    from timeline.ui.data import Corpus
    from timeline.ui.views import activity_from_store

    store = EventStore(large_store)
    corpus = Corpus(documents=store.documents(), store_path=str(large_store), store=store)
    mentions = store.mentions()
    for by, freq in (("actor", "M"), ("event_type", "Q"), ("doc_id", "Y"), ("actor", "W")):
        mine = activity_from_store(corpus, MentionQuery(), by, freq)
        theirs = charts.activity_figure(mentions, by=by, freq=freq, documents=store.documents())
        assert mine.layout.title.text == theirs.layout.title.text
        (a,), (b,) = mine.data, theirs.data
        assert list(a.y) == list(b.y) and list(a.x) == list(b.x)
        assert np.array_equal(np.nan_to_num(np.array(a.z, dtype=float)),
                              np.nan_to_num(np.array(b.z, dtype=float)))


@pytest.fixture
def few_marks(monkeypatch) -> int:
    """The story draws only its 5 most salient events."""
    import dataclasses

    from timeline.present.charts.style import chart_style
    from timeline.ui import timeline_view

    real = chart_style()
    lowered = dataclasses.replace(real, story=dataclasses.replace(real.story, max_marks=5))
    monkeypatch.setattr(timeline_view, "chart_style", lambda: lowered)
    return 5


def test_the_story_picker_finds_an_event_the_chart_does_not_draw(large_store, few_marks):
    store = EventStore(large_store)
    ranked = store.chronology(dated_only=True, by_salience=True)
    hidden = ranked.iloc[len(ranked) // 2]  # far from the few drawn
    key = str(hidden[schema.EVENT_KEY])
    sentence = str(store.mentions(MentionQuery(event_ids=tuple(hidden[schema.MENTION_IDS][:1])))
                   [schema.SENTENCE].iloc[0])
    words = " ".join(sentence.split()[:8])
    label = story_event_label(hidden.to_dict())
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    picker = at.selectbox(key=keys.SELECTED_STORY_EVENT)
    assert len(picker.options) == few_marks and label not in picker.options

    at.text_input(key=keys.STORY_FIND).input(words).run()
    assert not at.exception
    picker = at.selectbox(key=keys.SELECTED_STORY_EVENT)
    assert label in picker.options
    assert any("under the filters are reported in these words" in c for c in captions(at))
    picker.set_value(key).run()
    assert not at.exception
    html = "\n".join(h.value for h in at.html)
    assert 'class="tl-story"' in html and html.count('class="tl-evidence"') >= 1
    assert at.query_params.get(keys.URL_STORY_EVENT) == key

    # The link to it opens on it, though the chart does not draw it.
    fresh = AppTest.from_file(APP, default_timeout=120)
    fresh.query_params[keys.URL_STORY_EVENT] = key
    fresh.run()
    assert not fresh.exception
    assert fresh.session_state[keys.SELECTED_STORY_EVENT] == key
    assert 'class="tl-story"' in "\n".join(h.value for h in fresh.html)


def test_a_picker_search_matching_nothing_says_so(large_store, few_marks):
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.text_input(key=keys.STORY_FIND).input("zqxjv no such words").run()
    assert not at.exception
    assert any("No event under the filters is reported in these words" in c
               for c in captions(at))
    assert at.selectbox(key=keys.SELECTED_STORY_EVENT).options == []


def test_the_ranked_events_and_their_count_come_in_one_pass_as_the_two_queries_give_them(large_store):
    store = EventStore(large_store)
    table = store.chronology()
    undated = table.index % 7 == 0  # events without a date are counted but never ranked
    table.loc[undated, [schema.DATE_START, schema.DATE_END]] = pd.NaT
    store.write_chronology(table)
    assert store.count_chronology() > len(store.chronology(dated_only=True)) > 0
    actor = str(store.facet_values(schema.ACTORS, MentionQuery())["value"].iloc[0])
    some = table.iloc[:3]
    for where in (None, MentionQuery(actors=(actor,)), MentionQuery(search="talks"),
                  MentionQuery(search="no such words anywhere"), MentionQuery(statuses=("planned",))):
        for limit in (5, None):
            for excluded in ((), tuple(some[schema.EVENT_KEY])):
                ranked = store.ranked_under(where, exclude_keys=excluded, limit=limit)
                # the ranking made apart, in pandas, from the events the unranked query keeps
                kept = store.chronology(where, exclude_keys=excluded, dated_only=True)
                kept = kept.assign(s=kept[schema.SALIENCE].fillna(0),
                                   n=kept[schema.N_ARTICLES].fillna(0))
                expected = kept.sort_values(["s", "n", schema.DATE_START, schema.EVENT_KEY],
                                            ascending=[False, False, True, True]).iloc[:limit]
                assert ranked.rows[schema.EVENT_KEY].tolist() == expected[schema.EVENT_KEY].tolist()
                pd.testing.assert_frame_equal(  # whole rows, as the unranked query reads them
                    ranked.rows.set_index(schema.EVENT_KEY),
                    kept.drop(columns=["s", "n"]).set_index(schema.EVENT_KEY).loc[
                        ranked.rows[schema.EVENT_KEY]])
                assert ranked.events == store.count_chronology(where, exclude_keys=excluded)
                assert ranked.mentions == (None if where is None else store.count_mentions(where))
                assert store.ranked_chronology(where, exclude_keys=excluded, limit=limit)[1] \
                    == ranked.events


def test_one_actor_or_some_event_types_are_answered_from_memory_as_sql_answers_them(large_store):
    """The dashboard keeps a facet index (EventStore.prepare_facet_index): for one actor or
    some event types it gives the events, their count and the mentions' count SQL gives
    (the mentions view's count too),
    undated events, exclusions and limits included; two facets or two actors are left to
    SQL, and so is a store changed since the index was made until it is made again."""
    store = EventStore(large_store)
    table = store.chronology()
    table.loc[table.index % 7 == 0, [schema.DATE_START, schema.DATE_END]] = pd.NaT
    store.write_chronology(table)
    sql, indexed = EventStore(large_store), EventStore(large_store)
    index = indexed.prepare_facet_index(wait=True)
    actors = sql.facet_values(schema.ACTORS, MentionQuery())["value"].astype(str).tolist()
    types = sql.facet_values(schema.EVENT_TYPE, MentionQuery())["value"].astype(str).tolist()
    queries = [MentionQuery(actors=(actors[0],)), MentionQuery(actors=(actors[-1],)),
               MentionQuery(actors=("No such actor",)), MentionQuery(event_types=(types[0],)),
               MentionQuery(event_types=tuple(types[:3])),
               MentionQuery(actors=(actors[0],), event_types=(types[0],)),
               MentionQuery(actors=tuple(actors[:2]))]
    assert [index.lookup(q) is not None for q in queries] == [True] * 5 + [False] * 2

    def same_answers(excluded: tuple[str, ...]) -> None:
        for where in queries:
            for limit in (5, None):
                got = indexed.ranked_under(where, exclude_keys=excluded, limit=limit)
                want = sql.ranked_under(where, exclude_keys=excluded, limit=limit)
                pd.testing.assert_frame_equal(got.rows, want.rows)
                assert (got.events, got.mentions) == (want.events, want.mentions), where
            assert indexed.count_mentions(where) == sql.count_mentions(where), where

    same_answers(())
    same_answers(tuple(table[schema.EVENT_KEY].iloc[:3]))
    store.write_chronology(table.iloc[::2])  # the index above no longer holds
    same_answers(())
    assert indexed.prepare_facet_index(wait=True) is not index
    same_answers(())
