"""The dashboard's data layer on the segment store: what another process writes shows on the
next rerun, a read-only store is shown with a note, and article texts are read one at a time."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline import schema
from timeline.corpus import store as store_module

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")

WRITER = """
import sys
from timeline.corpus.ingest import add_document
from timeline.corpus.store import EventStore
from timeline.documents import document_from_text

add_document(EventStore(sys.argv[1]), document_from_text(
    "The foreign ministers met in Prague on Monday, officials said.", "2022-06-01",
    title="Prague talks", doc_id="prague"))
"""


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory) -> Path:
    from timeline.corpus.ingest import seed_store
    from timeline.corpus.store import EventStore

    path = tmp_path_factory.mktemp("seeded") / "store"
    seed_store(EventStore(path), ROOT / "seeds")
    return path


@pytest.fixture
def store(tmp_path, seeded_template, monkeypatch) -> Path:
    path = tmp_path / "store"
    shutil.copytree(seeded_template, path)
    monkeypatch.setenv("TIMELINE_STORE", str(path))
    return path


def article_options(at: AppTest) -> list[str]:
    from timeline.ui import keys

    return list(at.multiselect(key=keys.FILTER_ARTICLES).options)


def test_an_article_written_by_another_process_shows_on_the_next_rerun(store):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    before = article_options(at)
    subprocess.run([sys.executable, "-c", WRITER, str(store)], check=True, timeout=120)
    at.run()
    assert not at.exception
    assert len(article_options(at)) == len(before) + 1
    assert any("Prague talks" in o for o in article_options(at))


def test_a_read_only_store_is_shown_with_a_note(store, monkeypatch):
    writable = store_module.os.W_OK
    monkeypatch.setattr(store_module.os, "access", lambda path, mode: not mode & writable)
    listing = {p: p.stat().st_mtime_ns for p in store.rglob("*")}
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("read-only" in w.value for w in at.warning)
    assert article_options(at)  # the articles are shown
    assert {p: p.stat().st_mtime_ns for p in store.rglob("*")} == listing


def test_a_read_only_store_of_an_older_version_says_it_is_out_of_date_and_how_to_refresh_it(store, monkeypatch):
    from timeline.corpus.store import EventStore

    events_store = EventStore(store)
    events_store.replace_events(events_store.events(), extractor="rules-of-an-older-version")
    writable = store_module.os.W_OK
    monkeypatch.setattr(store_module.os, "access", lambda path, mode: not mode & writable)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    notes = [w.value for w in at.warning if "out of date" in w.value]
    assert len(notes) == 1 and "extraction rules" in notes[0] and "timeline chronology --store" in notes[0]
    assert article_options(at)  # shown as it is


def test_the_corpus_holds_no_article_texts_and_reads_one_on_demand(store):
    from timeline.corpus.store import EventStore
    from timeline.ui.data import Corpus

    stored = EventStore(store)
    documents = stored.documents()
    corpus = Corpus(documents=documents, store_path=str(store), store=stored)
    assert documents[schema.TEXT].isna().all()
    doc_id = documents[schema.DOC_ID].iloc[0]
    from timeline.documents import load_corpus

    (seed,) = [d for d in load_corpus(ROOT / "seeds").documents if d.doc_id == doc_id]
    assert corpus.document(doc_id)[schema.TEXT] == seed.text
    assert corpus.document("no-such-article") is None


def test_a_stored_person_written_with_and_without_accents_is_one_filter_entry_that_finds_both(tmp_path):
    """Across a store: the article without the accents is stored first, the other later."""
    from timeline.corpus.ingest import add_document
    from timeline.corpus.store import EventStore
    from timeline.documents import document_from_text
    from timeline.present.filters import EventFilter
    from timeline.ui.data import _STORES, Corpus, facets

    stored = EventStore(tmp_path / "store")
    for doc_id, text, published in (
            ("second", "Opposition leader Jose Ramos met the army chief in Lima on 9 March 2025.", "2025-03-10"),
            ("first", "Opposition leader José Ramos signed a ceasefire with the army on 3 March 2025.", "2025-03-04")):
        add_document(stored, document_from_text(text, published, title=doc_id, doc_id=doc_id))
    corpus = Corpus(documents=stored.documents(), store_path=str(stored.path), store=stored)
    _STORES.setdefault(corpus.store_path, stored)
    options = facets(corpus.store_path, corpus.version, corpus.query())
    assert "José Ramos" in options.actors and "Jose Ramos" not in options.actors
    chosen = corpus.mentions(corpus.query(EventFilter(actors=("José Ramos",))))
    assert set(chosen["doc_id"]) == {"first", "second"}


def test_bundled_articles_that_cannot_be_read_are_left_out_and_listed_in_the_notes(
        tmp_path, mixed_folder, mixed_folder_reasons, monkeypatch):
    """A bad file among the articles the dashboard starts from does not stop the others: the
    good one is shown and each bad one is a note naming it with its reason."""
    from timeline.ui.data import load_corpus

    root = tmp_path / "dashboard"
    shutil.copytree(mixed_folder, root / "seeds")
    monkeypatch.setenv("TIMELINE_STORE", str(tmp_path / "store"))
    corpus = load_corpus(root)
    assert list(corpus.documents[schema.DOC_ID]) == ["talks"]
    for name, reason in mixed_folder_reasons.items():
        (note,) = [n for n in corpus.notes if n.startswith(str(root / "seeds" / name))]
        assert "was not loaded" in note and reason in note


def test_an_events_drill_down_shows_every_reports_article_read_in_one_query(tmp_path, monkeypatch):
    """An event reported by many articles: its drill-down reads their texts together. Read one
    query per report (up to fifty), a saved correction waited seconds for them on a loaded
    server, twice (the form's own run, then the app's)."""
    import streamlit as st

    from timeline.corpus.store import EventStore
    from timeline.corpus.sync import sync_chronology
    from timeline.documents import document_from_text
    from timeline.extract.events import extract_document
    from timeline.ui import evidence_panel
    from timeline.ui.data import Corpus

    stored = EventStore(tmp_path / "store")
    outlets = ("Coast Wire", "Hill Daily", "Valley Post", "Harbour Times")
    documents = [document_from_text(f"The foreign ministers of Chile and Peru met in Lima on Monday, "
                                    f"the {outlet} reported.", "2022-06-01", title=outlet,
                                    source=outlet, doc_id=outlet.lower().replace(" ", "-"))
                 for outlet in outlets]
    stored.add_many((d, extract_document(d)) for d in documents)
    sync_chronology(stored)
    chronology = stored.chronology()
    event = chronology.loc[chronology[schema.N_ARTICLES].idxmax()]
    assert event[schema.N_ARTICLES] == len(outlets)
    corpus = Corpus(documents=stored.documents(), store_path=str(stored.path), store=stored)

    reads: list[str] = []
    query_documents = type(stored)._query_documents
    monkeypatch.setattr(type(stored), "_query_documents", lambda self, columns, condition, *rest, **kw: (
        reads.append(condition), query_documents(self, columns, condition, *rest, **kw))[1])
    drawn: list[str] = []
    monkeypatch.setattr(st, "html", drawn.append)
    evidence_panel.render_story_evidence(corpus, event)
    assert len(reads) == 1
    for outlet in outlets:
        assert any(f"the {outlet} reported" in card for card in drawn), outlet
    assert stored.documents_with_text([]).empty
    assert list(stored.documents_with_text(["hill-daily", "no-such-article"])[schema.DOC_ID]) == ["hill-daily"]


STARTER = """
import sys, threading
from timeline.extract import actors, places
from timeline.ui.data import seeded_store

seeded_store(sys.argv[1], sys.argv[2])
for thread in threading.enumerate():
    if thread.name == "timeline-evidence-gazetteers":
        thread.join(timeout=120)
print(actors.gazetteer.cache_info().currsize, places.gazetteer.cache_info().currsize)
"""


def test_the_dashboards_start_builds_the_gazetteers_of_the_evidence_cards(store):
    # A store in step with the rules is not extracted again at the start, so nothing else in
    # the server's process builds the gazetteers: without this the first evidence card shown
    # waits for them (~3 s idle, 6.5 s under load).
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", STARTER, str(store),
                          str(ROOT / "seeds")], check=True, timeout=180, capture_output=True,
                         text=True).stdout
    assert out.split()[-2:] == ["1", "1"], out
