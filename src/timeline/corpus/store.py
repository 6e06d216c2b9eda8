"""The analytical store: articles, their mentions, the chronology and the edits log, kept as
immutable Parquet segments under one folder and queried with DuckDB.

No server: the folder is the database (default `data/store/`, or $TIMELINE_STORE, or the path
given). The tables follow `timeline.schema`; every row read goes through its `validate*`.
Data flows one way: callers extract and pass the mentions in, so this module imports no
extraction code (rebuilding lost mentions takes a callback).

Layout (format 2):
- `segments/<table>/*.parquet`: immutable files, one per batch written (tables: documents,
  mentions, tombstones, chronology, chronology_tombstones, edits). Each row carries `_seq`,
  the number of the batch that wrote it.
- `manifest.json`: which segments are live, replaced atomically (temp file, fsync, rename).
  Writing a batch = new segments + a new manifest: time proportional to the batch, never a
  rewrite of what is stored. Readers read the manifest and the segments it names; they never
  take the writer lock, and segments they may still be reading are deleted only after a grace
  period.
- tombstones: `(doc_id, scope, _seq)` hides the rows of `doc_id` written before `_seq`
  (scope `all`: the article and its mentions, when it is removed or replaced; scope
  `mentions`: only its mentions, when they were extracted again).
- compaction merges small segments of similar size (tiers), under the writer lock; a large
  segment is never rewritten, so no write costs time proportional to the store.

Faults:
- a writer killed mid-write leaves temp files and unlisted segments; the next writer (or a
  writable open) removes them under the lock, where no other writer can be working;
- a file that cannot be opened or read (permissions, too many open files, a full disk) raises
  a StoreError naming it and the cause, and is left where it is;
- only real corruption (no Parquet magic, a broken footer) takes a segment out of the store:
  it is renamed `NAME.corrupt` (kept, never deleted) and recorded; lost mentions are rebuilt
  from the stored article texts by `rebuild_mentions(callback)`; a lost documents segment is
  reported with the articles it held (those known from their mentions);
- a read-only store is read as it is: `writable` is False and nothing is written.

The class is put together from one module per side (all in `timeline.corpus`): `store_files`
(the manifest, segment health, the lock, writes and compaction), `store_sql` (the DuckDB engine
and the live views), `store_reading` (articles and mentions), `store_chronology` (the
chronology, its index, and the edits log) and `store_writing` (every write).

An existing store of format 1 (`documents.parquet`, `events.parquet`, `extractor.txt`) is
migrated on first writable open by listing those files as the first segments: nothing is
copied, moved or lost.
"""
from __future__ import annotations

import contextlib
import os
import pathlib
import threading

import duckdb
import numpy as np

from timeline.corpus.query import MentionQuery
from timeline.corpus.segments import DOCUMENTS, TEMP_PREFIX, TOMBSTONES, Manifest, existing_parent
from timeline.corpus.store_chronology import ChronologyReading, FacetIndex, Ranked
from timeline.corpus.store_files import (
    CHRONOLOGY_STAMP_FILE, EXTRACTOR_FILE, LOCK_FILE, MANIFEST_FILE, SEGMENTS_DIR,
)
from timeline.corpus.store_reading import MentionReading
from timeline.corpus.store_writing import RebuildCallback, StoreWriting
from timeline.errors import StoreError

# The store's layout files are named here too: callers and tests find them with the class.
__all__ = ["CHRONOLOGY_STAMP_FILE", "EXTRACTOR_FILE", "LOCK_FILE", "MANIFEST_FILE", "SEGMENTS_DIR",
           "TEMP_PREFIX", "EventStore", "MentionQuery", "Ranked", "RebuildCallback", "StoreError",
           "default_store_path"]

ENV_VAR = "TIMELINE_STORE"
DEFAULT_PATH = pathlib.Path("data") / "store"

def default_store_path() -> pathlib.Path:
    """$TIMELINE_STORE if set, else data/store under the working directory."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return pathlib.Path(configured) if configured else DEFAULT_PATH


class EventStore(StoreWriting, ChronologyReading, MentionReading):
    """Articles, their mentions, the chronology and the edits, as Parquet segments under `path`.

    Safe to share between threads (the dashboard's sessions) and between processes (the
    dashboard reading while `timeline ingest` writes).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = pathlib.Path(path) if path is not None else default_store_path()
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"the event store {self.path} is a file, not a folder")
        # what happened on opening: damage found, parts rebuilt, seed files left out
        self.notices: list[str] = []
        self._guard = threading.RLock()
        self._manifest_key: tuple[int, int, int] | None = None
        self._manifest: Manifest | None = None
        self._verified: dict[str, tuple[int, int]] = {}
        self._keys: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # per documents segment
        self._skipped: set[str] = set()  # corrupt segments skipped in memory (read-only store)
        self._columns_of: dict[str, frozenset[str]] = {}  # per segment file (never rewritten)
        self._connection: duckdb.DuckDBPyConnection | None = None
        # the chronology's in-memory index tables, per chronology segments (_chronology_index)
        self._indexes: dict[tuple[str, ...], tuple[str, str, list[str]]] = {}
        # the facet index (store_chronology.FacetIndex) of the latest state, once asked for
        self._facets: dict[tuple, FacetIndex] = {}
        self._facets_building: set[tuple] = set()  # being made, or failed
        self._facets_wanted = False
        self._holding = False  # this instance holds the writer lock (in the guarded thread)
        if self.writable and self._has_debris():
            with contextlib.suppress(StoreError):
                self._tidy_if_idle()

    def __repr__(self) -> str:
        return f"EventStore({str(self.path)!r})"

    # State -------------------------------------------------------------------------------------

    @property
    def writable(self) -> bool:
        """False for a store the process cannot write (a read-only mount, a folder without
        write permission): it is read and shown as it is; writing raises StoreError."""
        folder = self.path if self.path.exists() else existing_parent(self.path)
        return folder is not None and os.access(folder, os.W_OK | os.X_OK)

    def version(self) -> tuple:
        """Changes whenever a writer commits: a cache key for what readers computed."""
        with self._guard:
            manifest = self._snapshot()
            return (self._manifest_key, manifest.next_seq, tuple(sorted(self._skipped)))

    def is_new(self) -> bool:
        """True when nothing was ever written here (seeding a store that was emptied, or whose
        articles were damaged, would hide what happened)."""
        manifest = self._snapshot()
        return not (manifest.lost or manifest.tables[DOCUMENTS] or manifest.tables[TOMBSTONES])

    def damage(self) -> list[str]:
        """Messages about parts of the store found damaged (kept as NAME.corrupt)."""
        return [entry["message"] for entry in self._snapshot().lost]

    def extractor(self) -> str | None:
        """The fingerprint of the extraction rules that made the stored mentions (None: unknown)."""
        try:
            return (self.path / EXTRACTOR_FILE).read_text(encoding="utf-8").strip() or None
        except (OSError, UnicodeDecodeError):
            return None
