"""The embedded event store: two Parquet files (documents, events) under one folder.

No server: the folder is the database (default `data/store/`, or $TIMELINE_STORE, or the
path given). The tables follow `timeline.schema`; every read and write goes through its
`validate` / `validate_documents`. Data flows one way: the caller extracts the events and
passes them in, so this module imports no extraction code.

Safety:
- each write goes to a temporary file in the same folder, is fsync'ed, then `os.replace`d
  over the old file, so a failed or interrupted write leaves the old table whole;
- writers take an exclusive lock (`flock` on `.lock`), so two writers (two dashboard
  sessions, the CLI and the app) cannot lose each other's rows;
- the events are written before the documents table that lists them, and readers only show
  events of listed documents, so a crash between the two writes shows no stray events, and
  re-adding the article replaces them;
- a file that cannot be read is moved aside (`NAME.corrupt-TIMESTAMP`), never deleted, and
  reported with a StoreError that says where it went.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import pathlib
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline import schema
from timeline.errors import InputError, StoreError

if TYPE_CHECKING:  # only for the annotation: the store needs no document loading
    from timeline.documents import Document

ENV_VAR = "TIMELINE_STORE"
DEFAULT_PATH = pathlib.Path("data") / "store"
DOCUMENTS_FILE = "documents.parquet"
EVENTS_FILE = "events.parquet"
LOCK_FILE = ".lock"
EXTRACTOR_FILE = "extractor.txt"  # which extraction rules made the stored events
LOCK_TIMEOUT_SECONDS = 10.0

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "datetime64[ns]": pa.timestamp("ns"),
    "Int64": pa.int64(),
    "bool": pa.bool_(),
    "float64": pa.float64(),
}


def default_store_path() -> pathlib.Path:
    """$TIMELINE_STORE if set, else data/store under the working directory."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return pathlib.Path(configured) if configured else DEFAULT_PATH


def _arrow_schema(columns: dict[str, str]) -> pa.Schema:
    return pa.schema([
        (name, pa.list_(pa.string()) if name in schema.LIST_COLUMNS else _ARROW_TYPES[dtype])
        for name, dtype in columns.items()
    ])


_DOCUMENTS_SCHEMA = _arrow_schema(schema.DOCUMENT_COLUMNS)
_EVENTS_SCHEMA = _arrow_schema(schema.EVENT_COLUMNS)


class EventStore:
    """Articles and their events, kept in Parquet files under `path`."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = pathlib.Path(path) if path is not None else default_store_path()
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"the event store {self.path} is a file, not a folder")
        self._cache: dict[str, tuple[tuple[int, int, int], pd.DataFrame]] = {}

    def __repr__(self) -> str:
        return f"EventStore({str(self.path)!r})"

    # Reading -----------------------------------------------------------------------------------

    def documents(self) -> pd.DataFrame:
        """The stored articles, one row each (schema.DOCUMENT_COLUMNS)."""
        return self._read(DOCUMENTS_FILE, schema.validate_documents, schema.empty_documents)

    def events(self) -> pd.DataFrame:
        """The stored events of the stored articles (schema.EVENT_COLUMNS)."""
        events = self._read(EVENTS_FILE, schema.validate, schema.empty_events)
        listed = set(self.documents()[schema.DOC_ID])
        return events[events[schema.DOC_ID].isin(listed)].reset_index(drop=True)

    def is_empty(self) -> bool:
        """True when no article is stored."""
        return self.documents().empty

    def extractor(self) -> str | None:
        """The fingerprint of the extraction rules that made the stored events (None: unknown)."""
        try:
            return (self.path / EXTRACTOR_FILE).read_text(encoding="utf-8").strip() or None
        except (OSError, UnicodeDecodeError):
            return None

    def content_hashes(self) -> set[str]:
        """The content hashes of every stored article (what a resumed ingest skips)."""
        return set(self.documents()[schema.CONTENT_HASH].dropna())

    def contains(self, content_hash: str) -> bool:
        """Whether an article with this content hash is stored."""
        return bool((self.documents()[schema.CONTENT_HASH] == content_hash).any())

    # Writing -----------------------------------------------------------------------------------

    def add(self, document: Document, events_df: pd.DataFrame | None = None, *,
            replace: bool = False) -> bool:
        """Store `document` and its events (rows of `events_df`, all with its doc_id). False
        (nothing written) when an article with the same content is already stored. A
        different article under the same doc_id is refused unless `replace` is True, which
        drops the old one and its events."""
        new_events = self._checked_events(document, events_df)
        with self._lock():
            documents = self.documents()
            if (documents[schema.CONTENT_HASH] == document.content_hash).any():
                return False
            same_id = documents[schema.DOC_ID] == document.doc_id
            if same_id.any() and not replace:
                raise StoreError(
                    f"another article is already stored as {document.doc_id!r}; remove it "
                    "first, or rename the new file")
            stored_events = self._read(EVENTS_FILE, schema.validate, schema.empty_events)
            # rows of this doc_id are stale (a replaced article, or a write cut short)
            kept = stored_events[stored_events[schema.DOC_ID] != document.doc_id]
            frames = [f for f in (kept, new_events) if not f.empty]
            all_events = pd.concat(frames, ignore_index=True) if frames else schema.empty_events()
            row = schema.validate_documents(pd.DataFrame([_document_row(document)]))
            kept_docs = documents[~same_id]
            all_documents = pd.concat([kept_docs, row], ignore_index=True) \
                if not kept_docs.empty else row
            self._write(EVENTS_FILE, schema.validate(all_events), _EVENTS_SCHEMA)
            self._write(DOCUMENTS_FILE, schema.validate_documents(all_documents),
                        _DOCUMENTS_SCHEMA)
        return True

    def add_many(self, items: Iterable[tuple[Document, pd.DataFrame | None]]) -> list[bool]:
        """Store a batch of articles with their events, in order; for each, False when an
        article with the same content was already stored (or came earlier in the batch). An
        article whose doc_id is taken by another is kept apart by a doc_id suffixed with the
        start of its content hash. One write per batch."""
        import dataclasses

        items = list(items)
        with self._lock():
            documents = self.documents()
            hashes = set(documents[schema.CONTENT_HASH])
            taken = set(documents[schema.DOC_ID])
            rows, frames, added = [], [], []
            for document, events_df in items:
                if document.content_hash in hashes:
                    added.append(False)
                    continue
                if document.doc_id in taken:
                    renamed = f"{document.doc_id}-{document.content_hash[:8]}"
                    if events_df is not None and not events_df.empty:
                        events_df = events_df.assign(**{schema.DOC_ID: renamed})
                    document = dataclasses.replace(document, doc_id=renamed)
                frames.append(self._checked_events(document, events_df))
                rows.append(_document_row(document))
                hashes.add(document.content_hash)
                taken.add(document.doc_id)
                added.append(True)
            if rows:
                stored_events = self._read(EVENTS_FILE, schema.validate, schema.empty_events)
                new_ids = {row[schema.DOC_ID] for row in rows}
                kept = stored_events[~stored_events[schema.DOC_ID].isin(new_ids)]
                parts = [f for f in (kept, *frames) if not f.empty]
                all_events = pd.concat(parts, ignore_index=True) if parts else schema.empty_events()
                new_docs = schema.validate_documents(pd.DataFrame(rows))
                all_documents = pd.concat([documents, new_docs], ignore_index=True) \
                    if not documents.empty else new_docs
                self._write(EVENTS_FILE, schema.validate(all_events), _EVENTS_SCHEMA)
                self._write(DOCUMENTS_FILE, schema.validate_documents(all_documents),
                            _DOCUMENTS_SCHEMA)
        return added

    def replace_events(self, events_df: pd.DataFrame, extractor: str,
                       doc_ids: Iterable[str] | None = None) -> None:
        """Replace the events of the articles `doc_ids` (default: every stored article) at
        once, after the extraction rules changed, and record which rules made them. Events of
        other articles (one added meanwhile by another session) are kept; rows of articles
        that are not stored are refused."""
        table = schema.empty_events() if events_df.empty else schema.validate(events_df)
        with self._lock():
            stored = set(self.documents()[schema.DOC_ID])
            unknown = set(table[schema.DOC_ID].dropna()) - stored
            if unknown:
                raise StoreError("events given for articles that are not stored: "
                                 + ", ".join(sorted(map(str, unknown))))
            replaced = stored if doc_ids is None else set(doc_ids)
            current = self._read(EVENTS_FILE, schema.validate, schema.empty_events)
            kept = current[~current[schema.DOC_ID].isin(replaced)]
            frames = [f for f in (kept, table) if not f.empty]
            merged = pd.concat(frames, ignore_index=True) if frames else schema.empty_events()
            self._write(EVENTS_FILE, schema.validate(merged), _EVENTS_SCHEMA)
            self._write_text(EXTRACTOR_FILE, extractor)

    def remove(self, doc_id: str) -> bool:
        """Remove an article and its events; False when it was not stored."""
        with self._lock():
            documents = self.documents()
            present = documents[schema.DOC_ID] == doc_id
            if not present.any():
                return False
            # documents first: once it is unlisted its events are no longer shown
            self._write(DOCUMENTS_FILE, documents[~present], _DOCUMENTS_SCHEMA)
            events = self._read(EVENTS_FILE, schema.validate, schema.empty_events)
            self._write(EVENTS_FILE, events[events[schema.DOC_ID] != doc_id], _EVENTS_SCHEMA)
        return True

    # Internals ---------------------------------------------------------------------------------

    @staticmethod
    def _checked_events(document: Document, events: pd.DataFrame | None) -> pd.DataFrame:
        if events is None or events.empty:
            return schema.empty_events()
        try:
            table = schema.validate(events)
        except InputError as exc:
            raise StoreError(f"the events of {document.doc_id!r} do not fit the schema: {exc}") \
                from None
        others = sorted(set(table[schema.DOC_ID].dropna()) - {document.doc_id})
        if others or table[schema.DOC_ID].isna().any():
            raise StoreError(f"the events given with {document.doc_id!r} belong to other "
                             f"articles: {', '.join(map(str, others)) or 'no doc_id'}")
        return table

    def _read(self, name: str, validate: Callable[[pd.DataFrame], pd.DataFrame],
              empty: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        file = self.path / name
        try:
            stat = file.stat()
        except FileNotFoundError:
            return empty()
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)  # os.replace gives a new inode
        cached = self._cache.get(name)
        if cached is not None and cached[0] == key:
            return cached[1].copy()
        try:
            table = validate(pq.read_table(file).to_pandas())
        except (OSError, pa.ArrowException, InputError, ValueError, TypeError) as exc:
            aside = self._move_aside(file)
            raise StoreError(
                f"the store file {file} cannot be read ({_reason(exc)}); it was moved aside "
                f"to {aside.name}, and the store goes on without it") from None
        self._cache[name] = (key, table)
        return table.copy()

    def _write(self, name: str, frame: pd.DataFrame, arrow_schema: pa.Schema) -> None:
        """Replace `name` atomically: temp file in the same folder, fsync, os.replace."""
        target = self.path / name
        temporary = self.path / f".{name}.{uuid.uuid4().hex}.tmp"
        try:
            table = pa.Table.from_pandas(frame.reset_index(drop=True), schema=arrow_schema,
                                         preserve_index=False)
            pq.write_table(table, temporary)
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temporary, target)
            _fsync_directory(self.path)
        except (OSError, pa.ArrowException, ValueError, TypeError) as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise StoreError(f"could not write {target} ({_reason(exc)}); the previous "
                             "version is unchanged") from None
        self._cache.pop(name, None)

    def _write_text(self, name: str, text: str) -> None:
        """Replace a small text file atomically (same steps as `_write`)."""
        target = self.path / name
        temporary = self.path / f".{name}.{uuid.uuid4().hex}.tmp"
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
            _fsync_directory(self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise StoreError(f"could not write {target} ({_reason(exc)})") from None

    def _move_aside(self, file: pathlib.Path) -> pathlib.Path:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        aside = file.with_name(f"{file.name}.corrupt-{stamp}")
        with contextlib.suppress(OSError):
            os.replace(file, aside)
        self._cache.pop(file.name, None)
        return aside

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """An exclusive lock for one writer at a time (released if the process dies)."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            handle = open(self.path / LOCK_FILE, "a+")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise StoreError(f"cannot open the event store at {self.path} ({_reason(exc)})") \
                from None
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreError(
                            f"the event store at {self.path} is busy: another writer has held "
                            f"it for {LOCK_TIMEOUT_SECONDS:.0f} s; try again") from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        finally:
            handle.close()


def _document_row(document: Document) -> dict[str, object]:
    return {
        schema.DOC_ID: document.doc_id,
        schema.TITLE: document.title,
        schema.SOURCE: document.source,
        schema.PUBLISHED: pd.Timestamp(document.published) if document.published else pd.NaT,
        schema.PATH: document.path,
        schema.TEXT: document.text,
        schema.CONTENT_HASH: document.content_hash,
    }


def _fsync_directory(path: pathlib.Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
