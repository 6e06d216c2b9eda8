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
from timeline.corpus import store_files, store_sql, store_writing
from timeline.documents import document_from_text
from timeline.errors import StoreError
from timeline.corpus.store import LOCK_FILE, EventStore, MentionQuery


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
    stored = store.documents(with_text=True)
    assert stored.loc[0, schema.DOC_ID] == "doc-a"
    assert stored.loc[0, schema.TEXT] == doc.text
    assert store.document_text("doc-a") == doc.text
    assert store.documents()[schema.TEXT].isna().all()  # the listing leaves the texts out
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


def segment_files(store_dir, table):
    folder = store_dir / store_module.SEGMENTS_DIR / table
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


def debris(store_dir):
    return sorted(p for p in store_dir.rglob("*") if p.name.startswith(store_module.TEMP_PREFIX))


def test_a_failing_write_changes_nothing_and_leaves_no_temp_file(store_dir, events_a,
                                                                make_events, monkeypatch):
    store = EventStore(store_dir)
    store.add(article(), events_a)
    before = sorted(p.relative_to(store_dir) for p in store_dir.rglob("*"))

    def write_half_then_fail(table, where, **kwargs):
        pathlib.Path(where).write_bytes(b"PAR1 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_files.pq, "write_table", write_half_then_fail)
    other = article("Talks opened in Addis Ababa on Monday.", doc_id="doc-b")
    with pytest.raises(StoreError, match="No space left on device.*store is unchanged"):
        store.add(other, make_events(dict(event_id="b-1", doc_id="doc-b")))
    monkeypatch.undo()
    assert sorted(p.relative_to(store_dir) for p in store_dir.rglob("*")) == before
    pd.testing.assert_frame_equal(EventStore(store_dir).events(), events_a)


def test_segments_written_before_a_crash_are_not_shown_and_are_cleaned_up(
        store_dir, events_a, make_events, monkeypatch):
    """A writer dies after writing its segments, before listing them in the manifest."""
    store = EventStore(store_dir)
    store.add(article(), events_a)

    def die(self, manifest):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(EventStore, "_write_manifest", die)
    other = article("Talks opened in Addis Ababa on Monday.", doc_id="doc-b")
    with pytest.raises(OSError):
        store.add(other, make_events(dict(event_id="b-1", doc_id="doc-b")))
    monkeypatch.undo()
    assert len(segment_files(store_dir, "mentions")) == 2  # one of them is listed nowhere
    reopened = EventStore(store_dir)
    pd.testing.assert_frame_equal(reopened.events(), events_a)
    assert reopened.add(other, make_events(dict(event_id="b-1", doc_id="doc-b")))
    assert len(segment_files(store_dir, "mentions")) == 2  # the orphan is gone
    assert list(reopened.events()[schema.EVENT_ID]) == ["a-1", "a-2", "b-1"]


def test_temp_files_of_the_old_layout_are_removed_on_open(store_dir, events_a):
    EventStore(store_dir).add(article(), events_a)
    stale = store_dir / ".documents.parquet.0123456789abcdef.tmp"
    stale.write_bytes(b"half")
    EventStore(store_dir)
    assert not stale.exists()


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"),
                                   OSError(24, "Too many open files")],
                         ids=["permission", "too-many-open-files"])
def test_a_file_that_cannot_be_opened_is_reported_by_name_and_left_in_place(
        store_dir, events_a, monkeypatch, error):
    EventStore(store_dir).add(article(), events_a)
    (documents_segment,) = segment_files(store_dir, "documents")
    content = documents_segment.read_bytes()
    real_open = open

    def failing_open(file, *args, **kwargs):
        if pathlib.Path(file) == documents_segment:
            raise error
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(store_files, "open", failing_open, raising=False)
    store = EventStore(store_dir)
    with pytest.raises(StoreError) as caught:
        store.events()
    message = str(caught.value)
    assert str(documents_segment) in message and error.strerror in message
    assert "left where it is" in message
    monkeypatch.undo()
    assert documents_segment.read_bytes() == content  # not moved, not renamed
    assert store.damage() == [] and store.notices == []
    pd.testing.assert_frame_equal(store.events(), events_a)  # all there once the cause is gone


def test_a_query_failing_for_a_transient_reason_hides_nothing(store_dir, events_a, monkeypatch):
    import duckdb

    EventStore(store_dir).add(article(), events_a)
    files = sorted(p for p in store_dir.rglob("*.parquet"))

    def too_many_open_files(cursor, sql, params):
        raise duckdb.IOException("IO Error: Cannot open file: Too many open files")

    monkeypatch.setattr(store_sql, "_query", too_many_open_files)
    store = EventStore(store_dir)
    with pytest.raises(StoreError, match="Too many open files.*nothing was changed"):
        store.events()
    monkeypatch.undo()
    assert sorted(p for p in store_dir.rglob("*.parquet")) == files
    assert store.damage() == []
    pd.testing.assert_frame_equal(store.events(), events_a)


def test_a_truncated_mentions_segment_is_rebuilt_from_the_article_texts(store_dir):
    from timeline.corpus.ingest import add_document, repair_store

    store = EventStore(store_dir)
    first = add_document(store, document_from_text(
        "The envoys met in Vienna on Monday, officials said.", "2022-06-01", doc_id="vienna"))
    add_document(store, document_from_text(
        "The ministers met in Prague on Tuesday, the ministry said.", "2022-06-01",
        doc_id="prague"))
    before = store.events()
    assert first.event_count > 0
    damaged = segment_files(store_dir, "mentions")[0]
    damaged.write_bytes(damaged.read_bytes()[:100])  # cut short: its footer is gone

    reopened = EventStore(store_dir)
    shown = reopened.events()
    assert set(shown[schema.DOC_ID]) == {"prague"}  # the damage is found, the rest is shown
    assert any("damaged" in n and damaged.name in n for n in reopened.notices)
    assert pathlib.Path(str(damaged) + ".corrupt").exists()  # kept, not deleted
    message = repair_store(reopened)
    assert message and "vienna" in message and "rebuilt" in message
    pd.testing.assert_frame_equal(
        EventStore(store_dir).events().sort_values("event_id", ignore_index=True),
        before.sort_values("event_id", ignore_index=True))
    assert not EventStore(store_dir).needs_rebuild()


def test_a_truncated_documents_segment_loses_only_its_articles_and_says_which(
        store_dir, seeds_dir):
    from timeline.corpus.ingest import add_document, seed_store

    store = EventStore(store_dir)
    add_document(store, document_from_text(
        "The envoys met in Vienna on Monday, officials said.", "2022-06-01", doc_id="vienna"))
    add_document(store, document_from_text(
        "The ministers met in Prague on Tuesday, the ministry said.", "2022-06-01",
        doc_id="prague"))
    damaged = segment_files(store_dir, "documents")[0]
    damaged.write_bytes(damaged.read_bytes()[:50])

    reopened = EventStore(store_dir)
    assert list(reopened.documents()[schema.DOC_ID]) == ["prague"]
    assert set(reopened.events()[schema.DOC_ID]) == {"prague"}  # no events of lost articles
    (message,) = reopened.damage()
    assert damaged.name in message and "vienna" in message and "no longer shown" in message
    # the app does not seed the bundled articles over what is left
    assert seed_store(reopened, seeds_dir).added == []
    assert list(EventStore(store_dir).documents()[schema.DOC_ID]) == ["prague"]
    assert EventStore(store_dir).damage() == [message]  # said on every later open too


def test_a_read_only_store_is_read_and_nothing_is_written(store_dir, events_a, seeds_dir,
                                                          monkeypatch):
    from timeline.corpus.ingest import seed_store

    EventStore(store_dir).add(article(), events_a)
    (store_dir / store_module.EXTRACTOR_FILE).write_text("rules-of-another-version")
    listing = {p: p.stat().st_mtime_ns for p in store_dir.rglob("*")}
    # as on a read-only mount: the kernel says no to writing, even for root
    monkeypatch.setattr(store_module.os, "access", lambda path, mode: not mode & os.W_OK)
    store = EventStore(store_dir)
    assert store.writable is False
    pd.testing.assert_frame_equal(store.events(), events_a)
    assert seed_store(store, seeds_dir).added == []  # no re-extraction, no seeding
    with pytest.raises(StoreError, match="read-only"):
        store.add(article("Talks resumed on Friday.", doc_id="doc-b"), None)
    assert {p: p.stat().st_mtime_ns for p in store_dir.rglob("*")} == listing


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the mode says")
def test_a_store_in_a_folder_without_write_permission_is_shown(store_dir, events_a):
    EventStore(store_dir).add(article(), events_a)
    modes = {p: p.stat().st_mode for p in [store_dir, *store_dir.rglob("*")] if p.is_dir()}
    try:
        for folder in modes:
            folder.chmod(0o555)
        store = EventStore(store_dir)
        assert not store.writable
        pd.testing.assert_frame_equal(store.events(), events_a)
    finally:
        for folder, mode in modes.items():
            folder.chmod(mode)


@pytest.fixture
def read_only_mount(tmp_path):
    """mount_ro(folder) -> a read-only bind mount of `folder` (as a class's shared folder),
    where this machine allows mounting (root in a privileged container); else the test is
    skipped."""
    mounts = []

    def mount_ro(folder):
        target = tmp_path / "mounted"
        target.mkdir()
        for args in (["mount", "--bind", str(folder), str(target)],
                     ["mount", "-o", "remount,ro,bind", str(target)]):
            done = subprocess.run(args, capture_output=True)
            if done.returncode != 0:
                if mounts:
                    subprocess.run(["umount", str(target)], capture_output=True)
                    mounts.clear()
                pytest.skip("this machine cannot make a read-only mount")
            if not mounts:
                mounts.append(target)
        return target

    yield mount_ro
    for target in mounts:
        subprocess.run(["umount", str(target)], check=True)


def test_a_store_on_a_real_read_only_mount_is_read_and_refuses_writes(store_dir, events_a,
                                                                       read_only_mount):
    EventStore(store_dir).add(article(), events_a)
    (store_dir / ".documents.parquet.0123.tmp").write_bytes(b"debris it may not remove")
    mounted = read_only_mount(store_dir)
    store = EventStore(mounted)
    assert store.writable is False
    pd.testing.assert_frame_equal(store.events(), events_a)
    assert store.document_text("doc-a") == article().text
    with pytest.raises(StoreError, match="read-only"):
        store.remove("doc-a")


def write_format_1_store(folder, documents, events):
    """A store as the previous version wrote it: two Parquet files and extractor.txt."""
    folder.mkdir(parents=True)
    for name, frame, columns in (("documents.parquet", documents, schema.DOCUMENT_COLUMNS),
                                 ("events.parquet", events, schema.EVENT_COLUMNS)):
        arrow = pa.schema([(c, pa.list_(pa.string()) if c in schema.LIST_COLUMNS else
                            {"string": pa.string(), "datetime64[ns]": pa.timestamp("ns"),
                             "Int64": pa.int64(), "bool": pa.bool_(),
                             "float64": pa.float64()}[t]) for c, t in columns.items()])
        pq.write_table(pa.Table.from_pandas(frame, schema=arrow, preserve_index=False),
                       folder / name)
    (folder / "extractor.txt").write_text("0123456789abcdef")


def test_a_store_of_the_previous_version_is_migrated_with_nothing_lost(store_dir, events_a,
                                                                       make_events):
    doc = article()
    documents = schema.validate_documents(pd.DataFrame([store_writing._document_row(doc)]))
    # the previous version could leave events of an article it never listed (a crash
    # between its two writes); they were not shown and are still not
    stray = make_events(dict(event_id="stray-1", doc_id="never-listed"))
    write_format_1_store(store_dir, documents, pd.concat([events_a, stray], ignore_index=True))
    old_bytes = (store_dir / "events.parquet").read_bytes()

    store = EventStore(store_dir)
    pd.testing.assert_frame_equal(store.events(), events_a)
    pd.testing.assert_frame_equal(store.documents(with_text=True), documents)
    assert store.extractor() == "0123456789abcdef"
    assert (store_dir / store_module.MANIFEST_FILE).exists()
    assert (store_dir / "events.parquet").read_bytes() == old_bytes  # listed, not rewritten
    assert store.add(doc, events_a) is False  # still known by its content
    other = article("Talks opened in Addis Ababa on Monday.", doc_id="doc-b")
    assert store.add(other, make_events(dict(event_id="b-1", doc_id="doc-b")))
    assert list(EventStore(store_dir).events()[schema.EVENT_ID]) == ["a-1", "a-2", "b-1"]
    assert store.remove("doc-a")
    assert list(EventStore(store_dir).documents()[schema.DOC_ID]) == ["doc-b"]


def test_a_previous_version_store_on_a_read_only_mount_is_read_in_place(
        store_dir, events_a, monkeypatch):
    documents = schema.validate_documents(pd.DataFrame([store_writing._document_row(article())]))
    write_format_1_store(store_dir, documents, events_a)
    monkeypatch.setattr(store_module.os, "access", lambda path, mode: not mode & os.W_OK)
    store = EventStore(store_dir)
    pd.testing.assert_frame_equal(store.events(), events_a)
    assert not (store_dir / store_module.MANIFEST_FILE).exists()


def test_a_second_writer_waits_and_then_gives_up_with_a_message(store_dir, monkeypatch):
    store_dir.mkdir()
    monkeypatch.setattr(store_files, "LOCK_TIMEOUT_SECONDS", 0.2)
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
            "{'timeline.corpus', 'timeline.corpus.store', 'timeline.corpus.segments', "
            "'timeline.corpus.store_files', 'timeline.corpus.store_sql', "
            "'timeline.corpus.store_reading', 'timeline.corpus.store_chronology', "
            "'timeline.corpus.store_writing', "
            "'timeline.corpus.query', 'timeline.schema', 'timeline.errors', 'timeline.searchfold', "
            "'timeline.datafiles'}))")
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


# Processes: a writer killed mid-write, two writers, a reader beside a writer -----------------

WRITER = """
import sys
from timeline.corpus.store import EventStore
from timeline.documents import document_from_text

store, name, count = EventStore(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for i in range(count):
    docs = [document_from_text(f"Round {name}-{i}-{k} of talks opened on Monday.", "2023-05-08",
                               doc_id=f"article-{i}-{k}") for k in range(5)]
    store.add_many([(d, None) for d in docs])
    print(i, flush=True)
"""


def run_writer(store_dir, name, count):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(store_dir), name, str(count)],
                            stdout=subprocess.PIPE, text=True)


def test_a_writer_killed_mid_write_leaves_every_earlier_batch_and_no_debris(store_dir):
    import signal
    import time

    writer = run_writer(store_dir, "k", 10_000)
    done = [writer.stdout.readline() for _ in range(8)]  # eight batches committed
    assert all(line.strip() for line in done)
    time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    store = EventStore(store_dir)  # opening tidies up what the killed writer left
    ids = list(store.documents()[schema.DOC_ID])
    assert len(ids) >= 8 * 5 and len(ids) % 5 == 0  # whole batches only
    assert len(set(ids)) == len(ids)
    store.add(article(), None)
    assert debris(store_dir) == []
    listed = {s.file for segs in store._snapshot().tables.values() for s in segs}
    retired = {e["file"] for e in store._snapshot().retired}
    on_disk = {str(p.relative_to(store_dir)) for p in store_dir.rglob("*.parquet")}
    assert on_disk <= listed | retired  # no segment that nothing lists


def test_two_writer_processes_at_once_lose_nothing_and_keep_same_named_articles_apart(
        store_dir):
    writers = [run_writer(store_dir, name, 6) for name in ("x", "y")]
    for writer in writers:
        writer.communicate(timeout=120)
        assert writer.returncode == 0
    documents = EventStore(store_dir).documents()
    assert len(documents) == 2 * 6 * 5
    assert documents[schema.DOC_ID].is_unique  # "article-0-0" twice: the second is suffixed
    assert documents[schema.DOC_ID].str.startswith("article-0-0").sum() == 2


def test_a_reader_keeps_reading_while_another_process_writes(store_dir):
    import time

    EventStore(store_dir).add(article(), None)
    writer = run_writer(store_dir, "w", 30)
    reader = EventStore(store_dir)
    seen, slowest = [], 0.0
    while writer.poll() is None:
        started = time.monotonic()
        seen.append(reader.count_documents())
        slowest = max(slowest, time.monotonic() - started)
    writer.communicate()
    assert seen == sorted(seen)  # never fewer articles than before, never an error
    assert len(set(seen)) > 2  # it saw the writer at work
    assert reader.count_documents() == 1 + 30 * 5  # the new ones show on the next read
    assert slowest < 5.0


def test_same_named_uploads_at_the_same_moment_are_both_kept(store_dir):
    from timeline.corpus.ingest import add_document

    texts = ["The envoys met in Vienna on Monday.", "The ministers met in Prague on Tuesday."]
    results, errors = [], []

    def upload(text):
        try:  # one store instance per session, as the dashboard has
            results.append(add_document(EventStore(store_dir),
                                        document_from_text(text, "2022-06-01", doc_id="article")))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=upload, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and all(r.added for r in results)
    ids = sorted(r.doc_id for r in results)
    assert ids[0] == "article" and ids[1].startswith("article-")
    assert sorted(EventStore(store_dir).documents()[schema.DOC_ID]) == ids


# Compaction and queries ------------------------------------------------------------------------

def test_many_small_batches_are_merged_into_few_segments_with_the_same_content(
        store_dir, make_events):
    store = EventStore(store_dir)
    for i in range(40):
        doc = article(f"Round {i} of talks opened on Monday.", doc_id=f"d{i}")
        store.add(doc, make_events(dict(event_id=f"e{i}", doc_id=f"d{i}")))
    assert len(store._snapshot().tables["mentions"]) < 10
    reopened = EventStore(store_dir)
    assert list(reopened.events()[schema.EVENT_ID]) == [f"e{i}" for i in range(40)]
    assert list(reopened.documents()[schema.DOC_ID]) == [f"d{i}" for i in range(40)]


@pytest.fixture
def sample_store(store_dir, sample_events, sample_documents):
    store = EventStore(store_dir)
    for row in sample_documents.to_dict("records"):
        doc = document_from_text(f"Article {row['doc_id']} text.", "2023-05-09",
                                 title=row["title"], source=row["source"], doc_id=row["doc_id"])
        store.add(doc, sample_events[sample_events[schema.DOC_ID] == row["doc_id"]])
    return store


def test_mentions_are_filtered_sorted_and_paged_in_the_store(sample_store, sample_events):
    from timeline.corpus.store import MentionQuery

    russia = sample_store.mentions(MentionQuery(actors=("Russia",)))
    assert set(russia[schema.EVENT_ID]) == {"b-lavrov", "b-fuzzy", "b-same-day"}
    assert list(russia[schema.DATE_START]) == sorted(russia[schema.DATE_START])
    planned_may = MentionQuery(statuses=("planned",), date_from="2023-05-15",
                               date_to="2023-05-31")
    assert list(sample_store.mentions(planned_may)[schema.EVENT_ID]) == ["a-plan"]
    assert sample_store.count_mentions(MentionQuery(text="JEDDAH")) == 1
    assert sample_store.count_mentions() == len(sample_events)
    page = sample_store.mentions(columns=[schema.EVENT_ID], limit=3, offset=3)
    everything = sample_store.mentions(columns=[schema.EVENT_ID])
    assert list(page[schema.EVENT_ID]) == list(everything[schema.EVENT_ID][3:6])
    with pytest.raises(Exception, match="no such columns"):
        sample_store.mentions(columns=["sentence; DROP TABLE x"])


def test_facets_and_period_counts_are_aggregated_in_the_store(sample_store):
    from timeline.corpus.store import MentionQuery

    actors = sample_store.facet_values(schema.ACTORS)
    counts = dict(zip(actors["value"], actors["n"]))
    assert counts["Russia"] == 3 and counts["Sudan"] == 4
    by_type = sample_store.mention_counts(by=schema.EVENT_TYPE, freq="month")
    may_meetings = by_type[(by_type["period"] == pd.Timestamp("2023-05-01"))
                           & (by_type["group"] == "meeting")]
    assert int(may_meetings["n"].iloc[0]) == 2
    only_a = sample_store.mention_counts(freq="year", where=MentionQuery(doc_ids=("doc-a",)))
    assert int(only_a["n"].sum()) == 4
    lo, hi = sample_store.date_span()
    assert lo == pd.Timestamp("2023-04-01") and hi == pd.Timestamp("2023-06-30")


def test_the_chronology_is_replaced_whole_or_row_by_row(store_dir):
    def row(key, headline):
        return dict(event_key=key, date_start="2023-05-06", date_end="2023-05-06",
                    granularity="day", event_type="meeting", status="occurred",
                    headline=headline, actors=["Sudan"], locations=[], mention_ids=["m1"],
                    doc_ids=["doc-a"], n_mentions=1, n_articles=1, sources=["Wire"],
                    first_reported="2023-05-07", last_reported="2023-05-07",
                    status_history="[]", salience=0.5, salience_reason="one article",
                    representative_id="m1")

    store = EventStore(store_dir)
    assert store.chronology().empty
    store.write_chronology(pd.DataFrame([row("k1", "Talks in Jeddah"), row("k2", "Truce")]))
    store.replace_chronology_rows(["k2"], pd.DataFrame([row("k1", "Talks resume in Jeddah"),
                                                        row("k3", "Envoys leave")]))
    chronology = EventStore(store_dir).chronology()
    assert dict(zip(chronology["event_key"], chronology["headline"])) == {
        "k1": "Talks resume in Jeddah", "k3": "Envoys leave"}
    assert chronology.loc[0, "actors"] == ["Sudan"]
    store.write_chronology(pd.DataFrame([row("k9", "Only this")]))
    assert list(EventStore(store_dir).chronology()["event_key"]) == ["k9"]


def test_edits_are_appended_in_order(store_dir):
    def edits(*ids):
        return pd.DataFrame([dict(edit_id=i, edited_at="2023-05-07T10:00", action="edit",
                                  target="k1", payload='{"headline": "x"}', author="ana")
                             for i in ids])

    store = EventStore(store_dir)
    assert store.edits().empty
    store.append_edits(edits("e1", "e2"))
    store.append_edits(edits("e3"))
    assert list(EventStore(store_dir).edits()["edit_id"]) == ["e1", "e2", "e3"]


def test_a_publication_date_the_store_cannot_hold_is_refused_with_a_message(store_dir):
    import dataclasses
    import datetime as dt

    # documents refuse such dates when they are read; the store does not rely on it
    old = dataclasses.replace(document_from_text("The envoys met on Monday.", "2000-06-01",
                                                 doc_id="old"), published=dt.date(1600, 6, 1))
    with pytest.raises(StoreError, match="'old'.*1600-06-01.*outside the dates"):
        EventStore(store_dir).add_many([(old, None)])
    assert EventStore(store_dir).is_empty()


def test_a_merge_that_fails_does_not_fail_the_batch_it_follows(store_dir, events_a, monkeypatch):
    def no_space(self, manifest, table):
        raise StoreError("could not write a merged segment (ENOSPC: No space left on device)")

    monkeypatch.setattr(EventStore, "_compact", no_space)
    assert EventStore(store_dir).add(article(), events_a)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(EventStore(store_dir).events(), events_a)


def test_the_extractor_record_is_written_under_the_writer_lock(store_dir, monkeypatch):
    """Another writer tidies every temp file no lock protects: one written outside the lock
    could vanish mid-rename (two ingests at once failed on extractor.txt, ENOENT)."""
    store = EventStore(store_dir)
    store.add(article(), None)
    held: list[bool] = []
    real_write = store_files.write_text

    def checking_write(target, text):  # type: ignore[no-untyped-def]
        with open(store_dir / LOCK_FILE, "a+") as other:
            try:
                fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(other.fileno(), fcntl.LOCK_UN)
                held.append(False)
            except BlockingIOError:
                held.append(True)
        return real_write(target, text)

    monkeypatch.setattr(store_files, "write_text", checking_write)
    store.replace_events(store.events(), "rules-v2")
    assert held == [True]
    assert EventStore(store_dir).extractor() == "rules-v2"


def test_the_stores_search_finds_what_the_dashboards_search_finds(store_dir, make_events):
    """The folded search evaluated in SQL (for a store of any size) gives the rows the pandas
    filter gives: case, accents, compatibility characters (ligatures, full-width letters),
    spaces, dashes and the spelling variants of search_variants.yaml, each of its examples
    included."""
    from timeline.datafiles import load_yaml
    from timeline.documents import document_from_text
    from timeline.present.filters import EventFilter, search_key, spelling_variants

    examples = load_yaml("search_variants.yaml")["examples"]
    texts = [e["text"] for e in examples] + [
        "The cease–fire in Kiev held.", "Pérez met al-Qaida envoys.", "U.S. envoys met.",
        "Talks on the pro-gramme", "Nothing here at all.", "A ceasefire, then war.",
        "The ﬁnal text, signed in Ｇｅｎｅｖａ."]
    events = make_events(*[dict(event_id=f"m-{i}", doc_id="doc", sentence=text,
                                actors=["Kyiv Office"] if i % 3 == 0 else [],
                                date_start="2023-05-06", char_start=i)
                           for i, text in enumerate(texts)])
    store = EventStore(store_dir)
    store.add(document_from_text("Article text.", "2023-05-09", doc_id="doc"), events)
    queries = [e["query"] for e in examples] + [
        "cease fire", "kyiv", "KIEV office", "perez", "al qaeda", "u.s.", "programme", "s", "—",
        "held. ", "officekyiv", "nothing at", "final text", "GENEVA", "ﬁnal"]
    for query in queries:
        expected = set(EventFilter(query=query).apply(events)[schema.EVENT_ID])
        where = MentionQuery(search=search_key(query), variants=spelling_variants())
        found = set(store.mentions(where)[schema.EVENT_ID]) if search_key(query) else expected
        assert found == expected, query


def test_a_name_typed_in_plain_letters_finds_it_written_with_letters_that_do_not_decompose(
        store_dir, make_events):
    """"Store" finds "Støre" and "Walesa" finds "Wałęsa" in the store's search, in the sentence
    and among the actors, as the pandas filter does and as the extractor matches names
    (resources/letters.yaml, one table); a search folds at query time, so a store written
    before this rule finds them too, with no rebuild."""
    from timeline.documents import document_from_text
    from timeline.present.filters import EventFilter, search_key, spelling_variants

    events = make_events(
        dict(event_id="m-1", doc_id="doc", sentence="Støre flew to Oslo.", char_start=1),
        dict(event_id="m-2", doc_id="doc", sentence="The minister spoke.",
             actors=["Jonas Gahr Støre"], char_start=2),
        dict(event_id="m-3", doc_id="doc", sentence="Wałęsa met the envoys.", char_start=3),
        dict(event_id="m-4", doc_id="doc", sentence="The shop stayed shut.", char_start=4))
    store = EventStore(store_dir)
    store.add(document_from_text("Article text.", "2023-05-09", doc_id="doc"), events)
    reopened = EventStore(store_dir)
    for query, expected in (("Store", {"m-1", "m-2"}), ("gahr store", {"m-2"}),
                            ("STØRE", {"m-1", "m-2"}), ("Walesa", {"m-3"})):
        where = MentionQuery(search=search_key(query), variants=spelling_variants())
        assert set(reopened.mentions(where)[schema.EVENT_ID]) == expected, query
        assert set(EventFilter(query=query).apply(events)[schema.EVENT_ID]) == expected, query


def test_the_ranking_follows_each_change_of_the_chronology_in_the_same_process(store_dir,
                                                                                events_a):
    """The ranking reads an index of the chronology kept in memory: a chronology written,
    rows replaced or a reader of another process's writes sees the new events, never the
    ones the index was made of."""
    def row(key, salience, mention):
        return dict(event_key=key, date_start="2023-05-06", date_end="2023-05-06",
                    granularity="day", event_type="meeting", status="occurred",
                    headline=key, actors=["Sudan"], locations=[], mention_ids=[mention],
                    doc_ids=["doc-a"], n_mentions=1, n_articles=1, sources=["Wire"],
                    first_reported="2023-05-07", last_reported="2023-05-07",
                    status_history="[]", salience=salience, salience_reason="",
                    representative_id=mention)

    store = EventStore(store_dir)
    store.add(article(), events_a)
    store.write_chronology(pd.DataFrame([row("k1", 0.2, "a-1"), row("k2", 0.9, "a-2")]))
    reader = EventStore(store_dir)
    sudan = MentionQuery(actors=("Sudan",))
    assert reader.ranked_under(None).rows[schema.EVENT_KEY].tolist() == ["k2", "k1"]
    ranked = reader.ranked_under(sudan)
    assert (ranked.rows[schema.EVENT_KEY].tolist(), ranked.events, ranked.mentions) == (
        ["k1"], 1, 1)
    store.replace_chronology_rows(["k1"], pd.DataFrame([row("k3", 0.95, "a-1")]))
    assert reader.ranked_under(None).rows[schema.EVENT_KEY].tolist() == ["k3", "k2"]
    assert reader.ranked_under(sudan).rows[schema.EVENT_KEY].tolist() == ["k3"]
    assert reader.ranked_under(sudan).rows[schema.HEADLINE].tolist() == ["k3"]
    store.write_chronology(pd.DataFrame([row("k9", 0.1, "a-2")]))
    assert reader.ranked_under(sudan).events == 0
    assert reader.ranked_under(None, limit=1).rows[schema.EVENT_KEY].tolist() == ["k9"]


def test_a_filter_on_a_store_holding_a_chronology_but_no_articles_keeps_nothing(store_dir):
    store = EventStore(store_dir)
    store.write_chronology(pd.DataFrame([dict(
        event_key="k1", date_start="2023-05-06", date_end="2023-05-06", granularity="day",
        event_type="meeting", status="occurred", headline="Talks", actors=["Sudan"],
        locations=[], mention_ids=["m1"], doc_ids=["doc-a"], n_mentions=1, n_articles=1,
        sources=["Wire"], first_reported="2023-05-07", last_reported="2023-05-07",
        status_history="[]", salience=0.5, salience_reason="", representative_id="m1")]))
    ranked = store.ranked_under(MentionQuery(actors=("Sudan",)))
    assert (ranked.rows.empty, ranked.events, ranked.mentions) == (True, 0, 0)
    assert store.ranked_under(None).rows[schema.EVENT_KEY].tolist() == ["k1"]


def test_the_chronology_is_stored_most_salient_first_and_read_in_date_order(store_dir,
                                                                            monkeypatch):
    """A filter change reads the few thousand most salient events by their row numbers: the
    chronology is stored most salient first in small row groups, so that the groups after the
    last row it needs are never read; `chronology()` still gives the events in date order."""
    monkeypatch.setitem(store_files.ROW_GROUP_ROWS, "chronology", 4)
    rows = [dict(event_key=f"k{i:02d}", date_start=f"2023-05-{i + 1:02d}",
                 date_end=f"2023-05-{i + 1:02d}", granularity="day", event_type="meeting",
                 status="occurred", headline=f"event {i}", actors=["Sudan"], locations=[],
                 mention_ids=[f"m{i}"], doc_ids=["doc-a"], n_mentions=1, n_articles=1,
                 sources=["Wire"], first_reported="2023-06-01", last_reported="2023-06-01",
                 status_history="[]", salience=(i * 7) % 10 / 10, salience_reason="",
                 representative_id=f"m{i}") for i in range(10)]
    table = pd.DataFrame(rows)
    store = EventStore(store_dir)
    store.write_chronology(table)
    (segment,) = segment_files(store_dir, "chronology")
    stored = pq.ParquetFile(segment)
    assert [stored.metadata.row_group(g).num_rows for g in range(stored.num_row_groups)] == [4, 4, 2]
    saliences = stored.read(columns=["salience"]).column(0).to_pylist()
    assert saliences == sorted(saliences, reverse=True)
    read = EventStore(store_dir).chronology()
    assert list(read[schema.EVENT_KEY]) == list(table["event_key"])  # date order, as written
    ranked = EventStore(store_dir).ranked_under(None, limit=3).rows
    assert list(ranked[schema.HEADLINE]) == ["event 7", "event 4", "event 1"]


def test_articles_are_stored_in_small_groups_and_one_is_read_from_its_own(store_dir):
    """An event's evidence reads one article's text: the documents are written (and compacted)
    in row groups of a few hundred, so that reading one decompresses its group, not every
    stored text (on 64,000 articles in one group: 0.3 s and 115 MB of memory per article)."""
    store = EventStore(store_dir)
    docs = [article(f"Envoys met in Jeddah on Saturday, round {i}.", doc_id=f"doc-{i}")
            for i in range(1_200)]
    store.add_many([(d, None) for d in docs])
    (segment,) = segment_files(store_dir, "documents")
    stored = pq.ParquetFile(segment)
    groups = [stored.metadata.row_group(g).num_rows for g in range(stored.num_row_groups)]
    assert sum(groups) == 1_200 and len(groups) >= 3, groups
    assert "round 1100." in EventStore(store_dir).document("doc-1100")[schema.TEXT]
