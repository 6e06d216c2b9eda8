"""The stored chronology follows the stored mentions, whatever wrote them."""
from __future__ import annotations

import pathlib

from timeline import schema
from timeline.corpus.store import EventStore
from timeline.corpus.sync import sync_chronology
from timeline.documents import document_from_text
from timeline.extract.events import extract_document

WIRE = ("GENEVA — United Nations envoy Staffan de Mistura suspended the Syria peace talks in "
        "Geneva on Wednesday, three days after they began.")
ANALYSIS = ("The suspension of the Geneva talks by Staffan de Mistura last Wednesday left the "
            "opposition without a date to return. Russia began new airstrikes near Aleppo on "
            "Monday.")


def add(store: EventStore, text: str, published: str, doc_id: str) -> None:
    document = document_from_text(text, published, title=doc_id, source="Invented Wire",
                                  doc_id=doc_id)
    assert store.add_many([(document, extract_document(document))]) == [True]


def keys_of(store: EventStore) -> set[str]:
    return set(store.chronology()[schema.EVENT_KEY])


def test_a_new_store_gets_its_chronology_and_a_second_call_does_nothing(tmp_path: pathlib.Path):
    store = EventStore(tmp_path / "store")
    add(store, WIRE, "2016-02-03", "wire")
    assert sync_chronology(store).action == "rebuild"
    assert sync_chronology(store).action == "none"
    chronology = store.chronology()
    held = {m for cell in chronology[schema.MENTION_IDS] for m in cell}
    assert held == set(store.events()[schema.EVENT_ID])


def test_an_added_article_updates_the_events_near_it_and_keeps_the_other_keys(tmp_path):
    store = EventStore(tmp_path / "store")
    add(store, WIRE, "2016-02-03", "wire")
    add(store, "Ministers met in Vienna on 14 July 2015 and signed the nuclear accord.",
        "2015-07-15", "vienna")
    sync_chronology(store)
    vienna_keys = {k for k, docs in zip(store.chronology()[schema.EVENT_KEY],
                                        store.chronology()[schema.DOC_IDS]) if docs == ["vienna"]}
    add(store, ANALYSIS, "2016-02-08", "analysis")
    result = sync_chronology(store)
    assert result.action == "update"
    assert vienna_keys <= keys_of(store)
    held = {m for cell in store.chronology()[schema.MENTION_IDS] for m in cell}
    assert held == set(store.events()[schema.EVENT_ID])


def test_a_removed_article_leaves_the_chronology_on_the_next_sync(tmp_path):
    store = EventStore(tmp_path / "store")
    add(store, WIRE, "2016-02-03", "wire")
    add(store, ANALYSIS, "2016-02-08", "analysis")
    sync_chronology(store)
    store.remove("analysis")
    assert sync_chronology(store).action == "rebuild"
    docs = {d for cell in store.chronology()[schema.DOC_IDS] for d in cell}
    assert docs == {"wire"}


def test_an_ingest_leaves_the_chronology_of_what_it_stored(tmp_path):
    from timeline.corpus.pipeline import ingest

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wire.md").write_text(
        f"---\ntitle: Talks suspended\nsource: Invented Wire\npublished: 2016-02-03\n---\n{WIRE}\n")
    (folder / "analysis.md").write_text(
        f"---\ntitle: After Geneva\nsource: Invented Review\npublished: 2016-02-08\n---\n{ANALYSIS}\n")
    store = EventStore(tmp_path / "store")
    summary = ingest([folder], store, workers=1)
    assert summary.added == 2
    chronology = store.chronology()
    held = {m for cell in chronology[schema.MENTION_IDS] for m in cell}
    assert held == set(store.events()[schema.EVENT_ID]) and held
    assert sync_chronology(store).action == "none"
