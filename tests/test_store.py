"""The embedded store: what is added is there after a restart, never twice, and a failed
write or a damaged file loses nothing."""
from __future__ import annotations

import fcntl
import os
import pathlib
import subprocess
import sys
import threading

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from timeline import schema
from timeline.corpus import store as store_module
from timeline.documents import document_from_text
from timeline.errors import StoreError
from timeline.corpus.store import DOCUMENTS_FILE, EVENTS_FILE, LOCK_FILE, EventStore


def article(text: str = "Envoys met in Jeddah on Saturday. A truce is due by May 20.",
            doc_id: str = "doc-a", published: str = "2023-05-07"):
    return document_from_text(text, published, title="Sudan talks", source="Invented Wire",
                              doc_id=doc_id)


@pytest.fixture
def events_a(make_events):
    return make_events(
        dict(event_id="a-1", doc_id="doc-a", actors=["Saudi Arabia", "Sudan"],
             locations=["Jeddah"], timex_start=None, timex_end=None),
        dict(event_id="a-2", doc_id="doc-a", date_start="2023-05-20", status="planned",
             event_type="ceasefire", actors=[], locations=[], confidence=0.5),
    )


def test_a_new_store_is_empty_and_writes_nothing(store_dir):
    store = EventStore(store_dir)
    assert store.is_empty()
    assert list(store.documents().columns) == list(schema.DOCUMENT_COLUMNS)
    assert list(store.events().columns) == list(schema.EVENT_COLUMNS)
    assert not store_dir.exists()


def test_the_default_path_follows_the_environment_variable(store_dir):
    assert EventStore().path == store_dir


def test_documents_and_events_round_trip_with_their_list_columns(store_dir, events_a):
    store = EventStore(store_dir)
    doc = article()
    assert store.add(doc, events_a) is True
    pd.testing.assert_frame_equal(store.events(), events_a)
    stored = store.documents()
    assert stored.loc[0, schema.DOC_ID] == "doc-a"
    assert stored.loc[0, schema.TEXT] == doc.text
    assert stored.loc[0, schema.CONTENT_HASH] == doc.content_hash
    assert stored.loc[0, schema.PUBLISHED] == pd.Timestamp("2023-05-07")
    assert store.events().loc[0, schema.ACTORS] == ["Saudi Arabia", "Sudan"]
    assert pd.isna(store.events().loc[0, schema.TIMEX_START])
    assert not store.is_empty() and store.contains(doc.content_hash)


def test_a_new_instance_reads_what_the_old_one_wrote(store_dir, events_a):
    EventStore(store_dir).add(article(), events_a)
    reopened = EventStore(store_dir)
    pd.testing.assert_frame_equal(reopened.events(), events_a)
    assert list(reopened.documents()[schema.DOC_ID]) == ["doc-a"]


def test_the_same_article_added_twice_is_stored_once(store_dir, events_a):
    store = EventStore(store_dir)
    assert store.add(article(), events_a) is True
    assert store.add(article(), events_a) is False
    # the same text uploaded under another name is the same article
    assert store.add(article(doc_id="copy-of-a"), events_a.assign(doc_id="copy-of-a")) is False
    assert len(store.documents()) == 1 and len(store.events()) == 2


def test_an_article_with_no_events_is_stored(store_dir):
    store = EventStore(store_dir)
    assert store.add(article(), None)
    assert len(store.documents()) == 1 and store.events().empty


def test_a_different_article_under_a_taken_doc_id_is_refused_unless_replacing(
        store_dir, events_a, make_events):
    store = EventStore(store_dir)
    store.add(article(), events_a)
    changed = article("Envoys met in Jeddah on Sunday instead.")
    with pytest.raises(StoreError, match="another article is already stored as 'doc-a'"):
        store.add(changed, make_events(dict(event_id="a-new", doc_id="doc-a")))
    assert list(store.events()[schema.EVENT_ID]) == ["a-1", "a-2"]
    assert store.add(changed, make_events(dict(event_id="a-new", doc_id="doc-a")), replace=True)
    assert list(store.events()[schema.EVENT_ID]) == ["a-new"]
    assert list(store.documents()[schema.CONTENT_HASH]) == [changed.content_hash]


def test_events_of_another_article_are_refused(store_dir, make_events):
    store = EventStore(store_dir)
    with pytest.raises(StoreError, match="belong to other articles: doc-z"):
        store.add(article(), make_events(dict(doc_id="doc-z")))
    assert store.is_empty()


def test_events_that_do_not_fit_the_schema_are_refused(store_dir):
    with pytest.raises(StoreError, match="do not fit the schema"):
        EventStore(store_dir).add(article(), pd.DataFrame({"doc_id": ["doc-a"]}))


def test_remove_drops_the_article_and_its_events(store_dir, events_a, make_events):
    store = EventStore(store_dir)
    store.add(article(), events_a)
    other = article("Talks opened in Addis Ababa on Monday.", doc_id="doc-b")
    store.add(other, make_events(dict(event_id="b-1", doc_id="doc-b")))
    assert store.remove("doc-a") is True
    assert store.remove("doc-a") is False
    assert list(EventStore(store_dir).documents()[schema.DOC_ID]) == ["doc-b"]
    assert list(EventStore(store_dir).events()[schema.EVENT_ID]) == ["b-1"]
    # the removed article can come back
    assert store.add(article(), events_a)


def test_a_failing_write_leaves_the_old_file_intact(store_dir, events_a, make_events,
                                                    monkeypatch):
    store = EventStore(store_dir)
    store.add(article(), events_a)
    before = {name: (store_dir / name).read_bytes() for name in (DOCUMENTS_FILE, EVENTS_FILE)}

    def write_half_then_fail(table, where, **kwargs):
        pathlib.Path(where).write_bytes(b"PAR1 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.pq, "write_table", write_half_then_fail)
    other = article("Talks opened in Addis Ababa on Monday.", doc_id="doc-b")
    with pytest.raises(StoreError, match="No space left on device.*previous version is unchanged"):
        store.add(other, make_events(dict(event_id="b-1", doc_id="doc-b")))
    monkeypatch.undo()
    assert {name: (store_dir / name).read_bytes() for name in before} == before
    assert sorted(p.name for p in store_dir.iterdir()) == sorted([*before, LOCK_FILE])
    pd.testing.assert_frame_equal(EventStore(store_dir).events(), events_a)


def test_events_written_without_their_document_are_not_shown_and_get_replaced(
        store_dir, events_a, monkeypatch):
    """A crash between the two writes (events first, then documents)."""
    store = EventStore(store_dir)
    real_replace = os.replace

    def replace_events_only(source, target):
        if pathlib.Path(target).name == DOCUMENTS_FILE:
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(store_module.os, "replace", replace_events_only)
    with pytest.raises(StoreError):
        store.add(article(), events_a)
    monkeypatch.undo()
    assert store.events().empty and store.is_empty()
    assert store.add(article(), events_a)
    pd.testing.assert_frame_equal(store.events(), events_a)


@pytest.mark.parametrize("name", [DOCUMENTS_FILE, EVENTS_FILE])
def test_a_corrupt_file_is_reported_and_moved_aside_not_deleted(store_dir, events_a, name):
    EventStore(store_dir).add(article(), events_a)
    (store_dir / name).write_bytes(b"this is not parquet")
    store = EventStore(store_dir)
    with pytest.raises(StoreError) as caught:
        store.events()
    message = str(caught.value)
    assert f"{store_dir / name} cannot be read" in message and "moved aside" in message
    aside = [p for p in store_dir.iterdir() if p.name.startswith(f"{name}.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == b"this is not parquet"
    assert aside[0].name in message
    store.events()  # the store goes on without the bad file


def test_a_parquet_file_with_the_wrong_columns_is_reported(store_dir):
    store_dir.mkdir()
    pq.write_table(pa.table({"x": [1]}), store_dir / EVENTS_FILE)
    with pytest.raises(StoreError, match="lacks the columns"):
        EventStore(store_dir).events()


def test_a_second_writer_waits_and_then_gives_up_with_a_message(store_dir, monkeypatch):
    store_dir.mkdir()
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    with open(store_dir / LOCK_FILE, "a+") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        with pytest.raises(StoreError, match="is busy: another writer"):
            EventStore(store_dir).add(article(), None)
    assert EventStore(store_dir).add(article(), None)


def test_concurrent_writers_lose_no_article(store_dir):
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        store = EventStore(store_dir)  # one instance per writer, as two sessions would have
        try:
            for i in range(4):
                store.add(article(f"Round {k}-{i} of talks opened on Monday.", doc_id=f"d{k}-{i}"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(EventStore(store_dir).documents()) == 12


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    path = tmp_path / "store"
    path.write_text("not a folder")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        EventStore(path)


def test_the_store_imports_no_extraction_code():
    code = ("import sys, timeline.corpus.store; "
            "print(sorted(m for m in sys.modules if m.startswith('timeline.') and m not in "
            "{'timeline.corpus', 'timeline.corpus.store', 'timeline.schema', 'timeline.errors'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_replacing_some_articles_events_keeps_the_others(tmp_path):
    """Re-extraction at start-up replaces the articles it read; one added meanwhile keeps its
    events."""
    import datetime as dt

    from timeline.documents import document_from_text
    from timeline.extract.events import extract_document

    store = EventStore(tmp_path / "store")
    texts = ["The envoys met in Vienna on Monday, officials said.",
             "The ministers met in Prague on Tuesday, the ministry said."]
    docs = [document_from_text(t, dt.date(2022, 6, 1), doc_id=f"doc{i}") for i, t in enumerate(texts)]
    for doc in docs:
        store.add(doc, extract_document(doc))
    before = store.events()

    store.replace_events(extract_document(docs[0]).iloc[:0], extractor="new", doc_ids=["doc0"])

    after = store.events()
    assert set(after["doc_id"]) == {"doc1"}
    assert len(after) == (before["doc_id"] == "doc1").sum()
    assert store.extractor() == "new"


def test_a_batch_is_stored_in_one_call_with_duplicates_skipped_and_taken_ids_suffixed(store_dir):
    from timeline.extract.events import extract_document

    first = article("Envoys met in Jeddah on Saturday.")
    same_name = document_from_text("Talks were suspended on Monday.", "2023-05-08", doc_id="a")
    first = document_from_text(first.text, "2023-05-08", doc_id="a")
    store = EventStore(store_dir)
    added = store.add_many([(first, extract_document(first)),
                            (same_name, extract_document(same_name)),
                            (first, extract_document(first))])
    assert added == [True, True, False]
    ids = list(store.documents()[schema.DOC_ID])
    assert ids == ["a", f"a-{same_name.content_hash[:8]}"]
    assert set(store.events()[schema.DOC_ID]) == set(ids)
    assert store.content_hashes() == {first.content_hash, same_name.content_hash}
