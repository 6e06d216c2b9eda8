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

An existing store of format 1 (`documents.parquet`, `events.parquet`, `extractor.txt`) is
migrated on first writable open by listing those files as the first segments: nothing is
copied, moved or lost.
"""
from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import functools
import json
import math
import os
import pathlib
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline import schema
from timeline.corpus.query import (FREQUENCIES, MentionQuery, checked_columns, register_search_functions,
                                   sql_type)
from timeline.corpus.segments import (
    CHRONOLOGY, CHRONOLOGY_TOMBSTONES, DOCUMENTS, EDITS, MENTIONS, SCHEMAS,
    SCOPE, SCOPE_ALL, SCOPE_MENTIONS, SEQ, TABLES, TEMP_PREFIX, TOMBSTONES, Manifest,
    Segment, describe_error, existing_parent, fingerprints, is_temp,
    segment_files, with_seq, write_manifest, write_parquet, write_text,
)
from timeline.errors import InputError, StoreError

__all__ = ["TEMP_PREFIX", "EventStore", "MentionQuery", "StoreError", "default_store_path"]

if TYPE_CHECKING:  # only for the annotation: the store needs no document loading
    from timeline.documents import Document

ENV_VAR = "TIMELINE_STORE"


@dataclasses.dataclass(frozen=True)
class Ranked:
    """What a filter change asks of the store (`EventStore.ranked_under`): the most salient
    dated events under the filter, how many events hold a matching mention, and how many
    mentions match (None when the filter is empty: every mention)."""

    rows: pd.DataFrame
    events: int
    mentions: int | None

DEFAULT_PATH = pathlib.Path("data") / "store"
MANIFEST_FILE = "manifest.json"
SEGMENTS_DIR = "segments"
LOCK_FILE = ".lock"
# The columns each table's segments should hold: an older version's segments may lack some.
_TABLE_COLUMNS: dict[str, dict[str, str]] = {
    DOCUMENTS: schema.DOCUMENT_COLUMNS, MENTIONS: schema.EVENT_COLUMNS,
    CHRONOLOGY: schema.CHRONOLOGY_COLUMNS, EDITS: schema.EDIT_COLUMNS,
}
EXTRACTOR_FILE = "extractor.txt"  # which extraction rules made the stored mentions
CHRONOLOGY_STAMP_FILE = "chronology_stamp.json"  # the state the chronology was in step with
# Format 1: one file per table, rewritten on every add.
DOCUMENTS_FILE = "documents.parquet"
EVENTS_FILE = "events.parquet"
CORRUPT_SUFFIX = ".corrupt"

LOCK_TIMEOUT_SECONDS = 30.0  # writers wait for each other; readers never do
# How long a segment replaced by compaction stays on disk for readers that listed it.
RETIRED_GRACE_SECONDS = 120.0
# Compaction: segments under this size are merged, FANOUT of a tier at a time.
COMPACT_TARGET_BYTES = 32 * 1024 * 1024
COMPACT_FANOUT = 4
COMPACT_BASE_BYTES = 64 * 1024
MAX_LISTED_IDS = 20  # article ids named in one message

def default_store_path() -> pathlib.Path:
    """$TIMELINE_STORE if set, else data/store under the working directory."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return pathlib.Path(configured) if configured else DEFAULT_PATH


# Columns a mentions query may filter, group or facet on (the names go into SQL: only these).
_MENTION_COLUMNS = tuple(schema.EVENT_COLUMNS)
_DOCUMENT_COLUMNS = tuple(schema.DOCUMENT_COLUMNS)
_EVENT_COLUMN_LIST = list(schema.EVENT_COLUMNS)


RebuildCallback = Callable[[pd.DataFrame], pd.DataFrame]


class EventStore:
    """Articles, their mentions, the chronology and the edits, as Parquet segments under `path`.

    Safe to share between threads (the dashboard's sessions) and between processes (the
    dashboard reading while `timeline ingest` writes).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = pathlib.Path(path) if path is not None else default_store_path()
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"the event store {self.path} is a file, not a folder")
        self.notices: list[str] = []  # what happened on reading (damage found, rebuilt parts)
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

    # Reading: documents ------------------------------------------------------------------------

    def documents(self, columns: Sequence[str] | None = None, *,
                  with_text: bool = False) -> pd.DataFrame:
        """The stored articles, one row each, in the order they were added.

        Without `columns`: the whole documents table (schema.DOCUMENT_COLUMNS), whose text
        column is left empty unless `with_text` (ask `document_text` for one article's text).
        With `columns`: only those columns."""
        wanted = list(columns) if columns is not None else list(_DOCUMENT_COLUMNS)
        unknown = [c for c in wanted if c not in _DOCUMENT_COLUMNS]
        if unknown:
            raise InputError(f"no such document columns: {', '.join(unknown)}")
        read = [c for c in wanted if c != schema.TEXT or with_text or columns is not None]
        frame = self._query_documents(read, "TRUE", {}, order=True)
        if columns is not None:
            return frame
        if schema.TEXT not in frame.columns:
            frame[schema.TEXT] = pd.NA
        return schema.validate_documents(frame)

    def document(self, doc_id: str) -> pd.Series | None:
        """One article's row of the documents table, with its text; None when not stored."""
        frame = self._query_documents(list(_DOCUMENT_COLUMNS), "doc_id = $id", {"id": doc_id})
        return None if frame.empty else schema.validate_documents(frame).iloc[0]

    def document_text(self, doc_id: str) -> str | None:
        """One article's text (the evidence panel asks for one at a time); None: not stored."""
        frame = self._query_documents([schema.TEXT], "doc_id = $id", {"id": doc_id})
        return None if frame.empty else str(frame.iloc[0, 0])

    def doc_ids_of(self, content_hashes: Iterable[str]) -> dict[str, str]:
        """content hash -> doc_id of the stored articles with these hashes."""
        frame = self._query_documents([schema.CONTENT_HASH, schema.DOC_ID],
                                      "list_contains($values, content_hash)",
                                      {"values": list(content_hashes)})
        return dict(zip(frame[schema.CONTENT_HASH], frame[schema.DOC_ID]))

    def iter_documents(self) -> Iterator[pd.DataFrame]:
        """The stored articles with their texts, one segment at a time (bounded memory)."""
        with self._guard:
            manifest = self._checked_snapshot().copy()
        for segment in manifest.tables[DOCUMENTS]:
            one = manifest.copy()
            one.tables[DOCUMENTS] = [segment]
            frame = self._query_documents(list(_DOCUMENT_COLUMNS), "TRUE", {}, one, order=True)
            if not frame.empty:
                yield schema.validate_documents(frame)

    def count_documents(self) -> int:
        return int(self._scalar("SELECT count(*) FROM live_docs", {}, documents_only=True) or 0)

    def is_empty(self) -> bool:
        """True when no article is stored."""
        return self.count_documents() == 0

    def content_hashes(self) -> set[str]:
        """The content hashes of every stored article (what a resumed ingest skips); reads
        the hash column only."""
        frame = self._query_documents([schema.CONTENT_HASH], "TRUE", {})
        return set(frame[schema.CONTENT_HASH].dropna())

    def contains(self, content_hash: str) -> bool:
        """Whether an article with this content hash is stored."""
        return bool(self._known(schema.CONTENT_HASH, [content_hash]))

    # Reading: mentions -------------------------------------------------------------------------

    def events(self) -> pd.DataFrame:
        """Every stored mention of the stored articles (schema.EVENT_COLUMNS), in the order
        they were added."""
        return self.mentions(order_by=())

    def mentions(self, where: MentionQuery | None = None, columns: Sequence[str] | None = None,
                 *, order_by: Sequence[str] = (schema.DATE_START, schema.DOC_ID,
                                               schema.CHAR_START),
                 limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """The mentions matching `where`, sorted by `order_by` (empty: the order they were
        added), a page of `limit` rows from `offset`. Without `columns`, a schema-valid table."""
        wanted = checked_columns(columns, _MENTION_COLUMNS)
        order = checked_columns(order_by, _MENTION_COLUMNS)
        condition, params = (where or MentionQuery()).sql()
        keys = [f"{c} NULLS LAST" for c in order] + [SEQ, "file_row_number"]
        sql = (f"SELECT {', '.join(wanted)} FROM live_mentions WHERE {condition} "
               f"ORDER BY {', '.join(keys)}")
        if limit is not None:
            sql += f" LIMIT {max(int(limit), 0)} OFFSET {max(int(offset), 0)}"
        elif offset:
            sql += f" OFFSET {max(int(offset), 0)}"
        frame = self._frame(sql, params, empty=_empty("events")[wanted])
        return schema.validate(frame) if columns is None else frame

    def count_mentions(self, where: MentionQuery | None = None) -> int:
        condition, params = (where or MentionQuery()).sql()
        return int(self._scalar(f"SELECT count(*) FROM live_mentions WHERE {condition}",
                                params) or 0)

    def facet_values(self, column: str, where: MentionQuery | None = None) -> pd.DataFrame:
        """The values of a mention column with how many mentions have each (`value`, `n`),
        most frequent first; list columns (actors, locations) count each name."""
        (column,) = checked_columns([column], _MENTION_COLUMNS)
        condition, params = (where or MentionQuery()).sql()
        # A name listed twice in one mention counts once, as the dashboard's facets count it.
        value = f"unnest(list_distinct({column}))" if column in schema.LIST_COLUMNS else column
        sql = (f"SELECT value, count(*) AS n FROM (SELECT {value} AS value FROM live_mentions "
               f"WHERE {condition}) WHERE value IS NOT NULL GROUP BY value "
               "ORDER BY n DESC, value")
        return self._frame(sql, params, empty=pd.DataFrame({"value": [], "n": []}))

    def doc_ids_by_date(self, where: MentionQuery | None = None,
                        limit: int | None = None) -> list[str]:
        """The articles with a mention matching `where`, in order of their first mention (by
        date, then doc_id): the order of the dashboard's article list."""
        condition, params = (where or MentionQuery()).sql()
        sql = (f"SELECT doc_id FROM live_mentions WHERE {condition} AND doc_id IS NOT NULL "
               "GROUP BY doc_id ORDER BY min(date_start) NULLS LAST, doc_id")
        if limit is not None:
            sql += f" LIMIT {max(int(limit), 0)}"
        frame = self._frame(sql, params, empty=pd.DataFrame({"doc_id": []}))
        return [str(d) for d in frame["doc_id"]]

    def date_span(self, where: MentionQuery | None = None) -> tuple[pd.Timestamp | None,
                                                                    pd.Timestamp | None]:
        """The first start and the last end of the matching mentions' intervals."""
        condition, params = (where or MentionQuery()).sql()
        frame = self._frame(f"SELECT min(date_start) AS lo, max(date_end) AS hi FROM "
                            f"live_mentions WHERE {condition}", params,
                            empty=pd.DataFrame({"lo": [None], "hi": [None]}))
        lo, hi = frame.iloc[0]
        return (None if pd.isna(lo) else pd.Timestamp(lo)), (None if pd.isna(hi) else
                                                              pd.Timestamp(hi))

    def mention_counts(self, by: str | None = None, freq: str = "month",
                       where: MentionQuery | None = None) -> pd.DataFrame:
        """How many matching mentions start in each period (`period`, `group`, `n`), by a
        column (list columns count each name): the data of an activity chart."""
        if freq not in FREQUENCIES:
            raise InputError(f"unknown period {freq!r}; use one of {', '.join(FREQUENCIES)}")
        condition, params = (where or MentionQuery()).sql()
        if by is None:
            group = "NULL"
        else:
            (by,) = checked_columns([by], _MENTION_COLUMNS)
            group = f"unnest({by})" if by in schema.LIST_COLUMNS else by
        sql = (f"SELECT period, grp AS \"group\", count(*) AS n FROM (SELECT "
               f"date_trunc('{freq}', date_start) AS period, {group} AS grp FROM live_mentions "
               f"WHERE date_start IS NOT NULL AND {condition}) GROUP BY period, grp "
               "ORDER BY period, grp")
        return self._frame(sql, params,
                           empty=pd.DataFrame({"period": [], "group": [], "n": []}))

    def interval_counts(self, by: str, freq: str, where: MentionQuery | None = None, *,
                        keep: Sequence[str] | None = None,
                        other: str = "Others") -> pd.DataFrame:
        """How many matching dated mentions share a first period, a last period (their
        interval's start and end truncated to `freq`) and a value of `by` (`first`, `last`,
        `group`, `n`): an activity chart that counts an event in every period it covers, from
        an aggregate. A list column gives a row per name (duplicates too), NULL for none.
        With `keep`, other values become `other`, and a mention counts once per value then."""
        if freq not in FREQUENCIES:
            raise InputError(f"unknown period {freq!r}; use one of {', '.join(FREQUENCIES)}")
        (by,) = checked_columns([by], _MENTION_COLUMNS)
        condition, params = (where or MentionQuery()).sql()
        value = by
        if keep is not None:
            params = {**params, "i_keep": [str(k) for k in keep], "i_other": str(other)}
            fold = "CASE WHEN list_contains($i_keep, {0}) THEN {0} ELSE $i_other END"
            value = (f"list_distinct(list_transform({by}, lambda a: {fold.format('a')}))"
                     if by in schema.LIST_COLUMNS else fold.format(by))
        group = (f"unnest(CASE WHEN len({by}) = 0 OR {by} IS NULL THEN [NULL]::VARCHAR[] "
                 f"ELSE {value} END)" if by in schema.LIST_COLUMNS else value)
        sql = (f"SELECT first, last, grp AS \"group\", count(*) AS n FROM (SELECT "
               f"date_trunc('{freq}', date_start) AS first, "
               f"date_trunc('{freq}', greatest(coalesce(date_end, date_start), date_start)) AS last, "
               f"{group} AS grp FROM live_mentions WHERE date_start IS NOT NULL AND {condition}) "
               "GROUP BY first, last, grp ORDER BY first, last, grp")
        return self._frame(sql, params, empty=pd.DataFrame(
            {"first": pd.Series([], dtype="datetime64[ns]"),
             "last": pd.Series([], dtype="datetime64[ns]"), "group": [], "n": []}))

    # Reading: chronology and edits -------------------------------------------------------------

    def chronology(self, where: MentionQuery | None = None, *,
                   exclude_keys: Iterable[str] = (), dated_only: bool = False,
                   by_salience: bool = False, limit: int | None = None) -> pd.DataFrame:
        """The stored chronology (schema.CHRONOLOGY_COLUMNS), one row per real-world event.

        With `where`: only the events that hold at least one mention matching it (the
        chronology under the dashboard's filters, joined in SQL). `exclude_keys` leaves events
        out (those the caller holds in another version: curated rows); `dated_only` leaves out
        events without a date. `by_salience` orders the most salient first (then most reported,
        earliest, by key), otherwise the order they were stored; `limit` takes the first rows."""
        if by_salience:
            return self._ranked(where, exclude_keys, dated_only, limit).rows
        sql, params = self._chronology_sql("c.*", where, exclude_keys, dated_only)
        sql += " ORDER BY c._seq, c.file_row_number"
        if limit is not None:
            sql += f" LIMIT {max(int(limit), 0)}"
        # c.*: segments written before a column was added lack it; validation adds it empty.
        return self._chronology_rows(sql, params, where)

    def ranked_chronology(self, where: MentionQuery | None = None, *, exclude_keys: Iterable[str] = (),
                          limit: int | None = None) -> tuple[pd.DataFrame, int]:
        """The `limit` most salient dated events under `where` (as `chronology(where,
        dated_only=True, by_salience=True, limit=limit)`) and how many events, dated or not,
        hold a matching mention (as `count_chronology(where)`): one pass over the mentions for
        both, which is what a filter change costs on a big store."""
        ranked = self.ranked_under(where, exclude_keys=exclude_keys, limit=limit)
        return ranked.rows, ranked.events

    def ranked_under(self, where: MentionQuery | None = None, *, exclude_keys: Iterable[str] = (),
                     limit: int | None = None) -> Ranked:
        """`ranked_chronology(where, ...)` and, from the same pass, how many mentions match
        `where` (as `count_mentions(where)`): all a filter change asks of the store."""
        return self._ranked(where, exclude_keys, False, limit, count=True)

    def _ranked(self, where: MentionQuery | None, exclude_keys: Iterable[str], dated_only: bool,
                limit: int | None, count: bool = False) -> Ranked:
        # Through the chronology's index (built once per chronology, see _chronology_index):
        # the matching mentions are read once (their ids, and their number), looked up in the
        # mention -> event table, and the events ranked on the index's four narrow columns;
        # then only the rows kept are read whole, by their place in their segment file. The
        # count is a window over every event the filter keeps, taken before the undated ones
        # are left out of the ranking (QUALIFY) and before the LIMIT.
        excluded = sorted(set(map(str, exclude_keys)))
        filtered = where is not None and not where.is_empty
        params: dict[str, Any] = {"x_keys": excluded}
        condition = "TRUE"
        if filtered:
            condition, mention_params = where.sql()  # type: ignore[union-attr]
            params.update(mention_params)
        clauses = ["TRUE"]
        if excluded:
            clauses.append("NOT list_contains($x_keys, k.event_key)")
        if dated_only and not count:
            clauses.append("k.date_start IS NOT NULL")
        select = "k.event_key, k.file_no, k.row" + (", count(*) OVER () AS _total" if count else "")
        files: list[str] = []

        def build(manifest: Manifest) -> str:
            rank, owner, segment_files = self._chronology_index(manifest)
            files[:] = segment_files
            if filtered:
                # (the chronology's views: a store without articles has a stub live_mentions)
                sql = (self._chronology_views(manifest, where) + ", matching AS MATERIALIZED "
                       "(SELECT event_id FROM "
                       f"live_mentions WHERE {condition}), hit AS (SELECT DISTINCT o.file_no, "
                       f"o.row FROM {owner} o SEMI JOIN matching h ON o.mention_id = hash(h.event_id)) "
                       f"SELECT {select}, (SELECT count(*) FROM matching) AS _mentions "
                       f"FROM {rank} k SEMI JOIN hit USING (file_no, row)")
            else:
                sql = f"SELECT {select}, NULL::BIGINT AS _mentions FROM {rank} k"
            sql += f" WHERE {' AND '.join(clauses)}"
            if count:
                sql += " QUALIFY k.date_start IS NOT NULL"
            sql += " ORDER BY k.salience DESC, k.n_articles DESC, k.date_start NULLS LAST, k.event_key"
            if limit is not None:
                sql += f" LIMIT {max(int(limit), 0)}"
            return sql

        found = self._run(build, params, needs=CHRONOLOGY)
        mentions = None
        if found is not None and len(found) and not pd.isna(found["_mentions"].iloc[0]):
            mentions = int(found["_mentions"].iloc[0])
        if found is None or found.empty:
            total = self.count_chronology(where, exclude_keys=excluded) if count else 0
            if filtered and count:
                mentions = self.count_mentions(where)
            return Ranked(_empty("chronology"), total, mentions)
        total = int(found["_total"].iloc[0]) if count else len(found)
        place = {(files[int(f)], int(r)): i
                 for i, (f, r) in enumerate(zip(found["file_no"], found["row"]))}
        rows = self._run(lambda m: (
            f"SELECT c.* FROM {self._source(m, CHRONOLOGY, filename=True)} c SEMI JOIN "
            "(SELECT unnest($r_files) AS filename, unnest($r_rows) AS file_row_number) k "
            "USING (filename, file_row_number)"),
            {"r_files": [f for f, _ in place], "r_rows": [r for _, r in place]},
            needs=CHRONOLOGY)
        if rows is None or len(rows) < len(place):
            # a segment compacted away between the two queries: the rows by their keys
            order = {k: i for i, k in enumerate(found[schema.EVENT_KEY])}
            rows = self._run(lambda m: self._chronology_views(m, None) + (
                "SELECT c.* FROM live_chron c WHERE list_contains($r_keys, c.event_key)"),
                {"r_keys": list(order)}, needs=CHRONOLOGY)
            if rows is None:
                return Ranked(_empty("chronology"), total, mentions)
            at = [order[k] for k in rows[schema.EVENT_KEY]]
        else:
            at = [place[(f, int(r))] for f, r in zip(rows["filename"], rows["file_row_number"])]
        rows = rows.iloc[np.argsort(at, kind="stable")]
        return Ranked(schema.validate_chronology(rows.drop(
            columns=[SEQ, "file_row_number", "filename"], errors="ignore").reset_index(
                drop=True)), total, mentions)

    def _chronology_index(self, manifest: Manifest) -> tuple[str, str, list[str]]:
        """Two tables of this process's in-memory DuckDB, made once per stored chronology (its
        segments and tombstones) and shared by every query and thread, and the segment files
        they point into: the live events' ranking columns (`event_key`, salience, n_articles,
        date_start, and where the row is: `file_no` in that list, `row` in its file) and the
        mention -> event table (`mention_id`, `file_no`, `row`), the chronology's mention
        lists unnested. A filter change then joins the matching mentions with an in-memory
        table instead of unnesting every stored list again (on 1,000,000 mentions: ~25 MB,
        made in ~0.3 s). Both are made streaming from the files (no list column held whole).
        The two before are kept for queries still reading them; older ones are dropped."""
        parts = tuple(s.file for t in (CHRONOLOGY, CHRONOLOGY_TOMBSTONES)
                      for s in manifest.tables[t])
        with self._guard:
            known = self._indexes.get(parts)
            if known is not None:
                return known
            suffix = uuid.uuid4().hex[:12]
            rank, owner = f"chron_rank_{suffix}", f"chron_owner_{suffix}"
            files = [str(self.path / s.file) for s in manifest.tables[CHRONOLOGY]]
            live = (f"SELECT c.*, (list_position($i_files::VARCHAR[], c.filename) - 1)"
                    f"::USMALLINT AS file_no FROM {self._source(manifest, CHRONOLOGY, filename=True)} c "
                    f"LEFT JOIN ({self._kills(manifest, CHRONOLOGY_TOMBSTONES, schema.EVENT_KEY)})"
                    " t USING (event_key) WHERE t.kill IS NULL OR c._seq >= t.kill")
            cursor = self._con()
            try:
                cursor.execute(
                    f"CREATE TABLE {rank} AS SELECT file_no, file_row_number::INTEGER AS row, "
                    "event_key, coalesce(salience, 0) AS salience, coalesce(n_articles, 0) AS "
                    f"n_articles, date_start FROM ({live})", {"i_files": files})
                # A mention id is held as its 64-bit hash (8 bytes, not a string of ~30): a
                # false match needs two ids of one store to share a hash (~1e-9 for a filter
                # of 30,000 mentions against 1,000,000), and would add one event to a list.
                cursor.execute(
                    f"CREATE TABLE {owner} AS SELECT hash(unnest(mention_ids)) AS mention_id, "
                    f"file_no, file_row_number::INTEGER AS row FROM ({live})", {"i_files": files})
            finally:
                cursor.close()
            self._indexes[parts] = (rank, owner, files)
            while len(self._indexes) > 2:
                stale = self._indexes.pop(next(iter(self._indexes)))
                cursor = self._con()
                try:
                    for table in stale[:2]:
                        cursor.execute(f"DROP TABLE IF EXISTS {table}")
                finally:
                    cursor.close()
            return rank, owner, files

    def count_chronology(self, where: MentionQuery | None = None, *,
                         exclude_keys: Iterable[str] = (), dated_only: bool = False) -> int:
        """How many events `chronology(where, ...)` would return."""
        sql, params = self._chronology_sql("count(*)", where, exclude_keys, dated_only)
        frame = self._run(lambda m: self._chronology_views(m, where) + sql, params,
                          needs=CHRONOLOGY)
        return 0 if frame is None else int(frame.iloc[0, 0])

    def chronology_touching(self, keys: Iterable[str] = (), mention_ids: Iterable[str] = (),
                            doc_ids: Iterable[str] = ()) -> pd.DataFrame:
        """The stored events named by `keys`, or holding one of `mention_ids`, or reported by
        one of `doc_ids`: what a replay of the edits log can touch (its cost is theirs)."""
        params = {"t_keys": sorted(set(map(str, keys))),
                  "t_ids": sorted(set(map(str, mention_ids))),
                  "t_docs": sorted(set(map(str, doc_ids)))}
        if not any(params.values()):
            return _empty("chronology")
        sql = ("SELECT c.* FROM live_chron c WHERE list_contains($t_keys, c.event_key) "
               "OR list_has_any(c.mention_ids, $t_ids) OR list_has_any(c.doc_ids, $t_docs) "
               "ORDER BY c._seq, c.file_row_number")
        return self._chronology_rows(sql, params, None)

    def _chronology_rows(self, sql: str, params: dict[str, Any],
                         where: MentionQuery | None) -> pd.DataFrame:
        """The chronology rows `sql` selects from `live_chron` (under `where`), validated."""
        frame = self._run(lambda m: self._chronology_views(m, where) + sql, params,
                          needs=CHRONOLOGY)
        if frame is None:
            return _empty("chronology")
        return schema.validate_chronology(frame.drop(columns=[SEQ, "file_row_number"],
                                                     errors="ignore"))

    def mention_ids_missing_from_chronology(self, limit: int | None = None) -> tuple[int, int]:
        """(stored mentions no stored event holds, mention ids events hold that are not
        stored), counted in SQL (anti-joins): whether the chronology is in step with the
        mentions, without reading either into memory."""
        sql = ("SELECT (SELECT count(*) FROM live_mentions m ANTI JOIN held h "
               "ON m.event_id = h.m), (SELECT count(*) FROM held h ANTI JOIN live_mentions m "
               "ON m.event_id = h.m)")
        frame = self._run(lambda m: self._chronology_views(m, MentionQuery()) + (
            ", held AS (SELECT DISTINCT unnest(mention_ids) AS m FROM live_chron) ") + sql, {},
            needs=DOCUMENTS)
        if frame is None:
            return 0, 0
        return int(frame.iloc[0, 0]), int(frame.iloc[0, 1])

    def state_stamp(self) -> dict[str, list[int]]:
        """What the mentions and the chronology are now, from the manifest alone (no data
        read): per table, its rows and batch numbers. Compaction keeps both; any write of
        mentions, tombstones or chronology changes them."""
        manifest = self._snapshot()

        def part(*tables: str) -> list[int]:
            out: list[int] = []
            for table in tables:
                segments = manifest.tables[table]
                out += [sum(max(s.rows, 0) for s in segments), len(segments) and max(
                    hi for s in segments for _lo, hi in s.seqs),
                    sum(hi - lo + 1 for s in segments for lo, hi in s.seqs)]
            return out

        return {"mentions": part(MENTIONS, TOMBSTONES) + [len(manifest.lost)],
                "chronology": part(CHRONOLOGY, CHRONOLOGY_TOMBSTONES)}

    def chronology_stamp(self) -> dict[str, list[int]] | None:
        """The stamp recorded when the chronology was last found in step with the mentions
        (`record_chronology_stamp`), or None."""
        try:
            data = json.loads((self.path / CHRONOLOGY_STAMP_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def record_chronology_stamp(self, stamp: dict[str, list[int]]) -> None:
        """Record that the chronology was in step with the mentions at `stamp` (a small file,
        replaced atomically under the writer lock; nothing when the store is read-only)."""
        if not self.writable:
            return
        with self._lock():
            self._write_text(CHRONOLOGY_STAMP_FILE, json.dumps(stamp))

    def mentions_not_in_chronology(self) -> pd.DataFrame:
        """The stored mentions no stored event holds (new since the last sync: a batch)."""
        frame = self._run(lambda m: self._chronology_views(m, MentionQuery()) + (
            ", held AS (SELECT DISTINCT unnest(mention_ids) AS m FROM live_chron) "
            "SELECT l.* EXCLUDE (_seq, file_row_number) FROM live_mentions l ANTI JOIN held h "
            "ON l.event_id = h.m ORDER BY l.date_start NULLS LAST, l.doc_id, l.char_start"),
            {}, needs=DOCUMENTS)
        return _empty("events") if frame is None else schema.validate(frame)

    def mentions_near(self, windows: Sequence[tuple[pd.Timestamp, pd.Timestamp]], *,
                      day_level_span: int | None = None, prefixes: Iterable[str] = (),
                      actors: Iterable[str] = (), places: Iterable[str] = (),
                      doc_ids: Iterable[str] = ()) -> pd.DataFrame:
        """The stored mentions dated within one of `windows` (an interval join in SQL). With
        `day_level_span`, only those covering fewer days; with any of `prefixes` (lower case),
        `actors`, `places` or `doc_ids`, only those whose sentence holds one of the prefixes or
        that name one of the actors or places or belong to one of the articles: what a coarse
        mention could share a word, an actor, a place or an article with (a superset, checked
        exactly by the caller). RE2 (DuckDB's regex engine) never backtracks. The rows are
        as stored, not validated again."""
        if not windows:
            return _empty("events")
        params: dict[str, Any] = {"w_lo": [pd.Timestamp(lo).to_pydatetime() for lo, _ in windows],
                                  "w_hi": [pd.Timestamp(hi).to_pydatetime() for _, hi in windows]}
        clauses = ["TRUE"]
        if day_level_span is not None:
            clauses.append(f"date_diff('day', l.date_start, l.date_end) < {int(day_level_span)}")
        shares = []
        prefixes = sorted(set(prefixes))
        if prefixes:
            params["n_re"] = "|".join(re.escape(p) for p in prefixes)
            shares.append("regexp_matches(replace(lower(l.sentence), '’', ''''), $n_re)")
        for name, column, values in (("n_act", "l.actors", actors), ("n_plc", "l.locations", places)):
            values = sorted(set(map(str, values)))
            if values:
                params[name] = values
                shares.append(f"list_has_any({column}, ${name}::VARCHAR[])")
        docs = sorted(set(map(str, doc_ids)))
        if docs:
            params["n_doc"] = docs
            shares.append("list_contains($n_doc::VARCHAR[], l.doc_id)")
        if shares:
            clauses.append("(" + " OR ".join(shares) + ")")
        frame = self._run(lambda m: self._views(m) + (
            ", w AS (SELECT unnest($w_lo::TIMESTAMP[]) AS lo, unnest($w_hi::TIMESTAMP[]) AS hi) "
            "SELECT l.* EXCLUDE (_seq, file_row_number) FROM live_mentions l SEMI JOIN w "
            f"ON l.date_start <= w.hi AND l.date_end >= w.lo WHERE {' AND '.join(clauses)} "
            "ORDER BY l.date_start NULLS LAST, l.doc_id, l.char_start"), params, needs=DOCUMENTS)
        if frame is None:
            return _empty("events")
        # as stored (written validated), not validated again: coercing every list cell of a
        # month of mentions cost more than the query; list cells made Python lists (what
        # merge.mention_features reads fastest)
        for column in (schema.ACTORS, schema.LOCATIONS):
            frame[column] = [[] if v is None else list(v) for v in frame[column]]
        return frame

    def update_context(self, windows: Sequence[tuple[pd.Timestamp, pd.Timestamp]],
                       new_ids: Iterable[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """What merging new mentions into the stored chronology reads, and no more: (the
        mentions dated within `windows` or among `new_ids`, every mention of the stored events
        holding one of those, the mentions naming one day that those mentions date to the day
        (what the salience of a day reads), and every mention of all their articles; those
        stored events)."""
        params = {"w_lo": [pd.Timestamp(lo).to_pydatetime() for lo, _ in windows],
                  "w_hi": [pd.Timestamp(hi).to_pydatetime() for _, hi in windows],
                  "w_new": sorted(set(map(str, new_ids)))}
        from timeline.corpus import merge   # the rules' day-level span (merge reads no store)

        span = int(merge.rules().day_level_span)
        context = (
            ", w AS (SELECT unnest($w_lo::TIMESTAMP[]) AS lo, unnest($w_hi::TIMESTAMP[]) AS hi)"
            ", near AS (SELECT m.event_id FROM live_mentions m SEMI JOIN w "
            "ON m.date_start <= w.hi AND m.date_end >= w.lo)"
            ", touched AS (SELECT event_id AS id FROM near UNION "
            "SELECT unnest($w_new::VARCHAR[]) AS id)"
            ", hit AS (SELECT DISTINCT u.event_key FROM (SELECT event_key, unnest(mention_ids) "
            "AS m FROM live_chron) u SEMI JOIN touched t ON u.m = t.id)"
            ", regroup AS (SELECT id FROM touched UNION SELECT unnest(c.mention_ids) AS id "
            "FROM live_chron c SEMI JOIN hit USING (event_key))"
            ", spans AS (SELECT DISTINCT m.date_start AS lo, m.date_end AS hi FROM live_mentions m "
            "SEMI JOIN regroup r ON m.event_id = r.id "
            f"WHERE date_diff('day', m.date_start, m.date_end) < {span})"
            ", naming AS (SELECT m.event_id AS id, m.doc_id FROM live_mentions m SEMI JOIN spans s "
            "ON m.date_start = m.date_end AND m.date_start >= s.lo AND m.date_start <= s.hi)"
            ", docs AS (SELECT DISTINCT m.doc_id FROM live_mentions m SEMI JOIN regroup r "
            "ON m.event_id = r.id UNION SELECT doc_id FROM naming) ")
        mentions = self._run(lambda m: self._chronology_views(m, MentionQuery()) + context + (
            "SELECT l.* EXCLUDE (_seq, file_row_number) FROM live_mentions l "
            "WHERE l.event_id IN (SELECT id FROM regroup) OR l.doc_id IN (SELECT doc_id FROM "
            "docs) ORDER BY l.date_start NULLS LAST, l.doc_id, l.char_start"), params,
            needs=DOCUMENTS)
        events = self._run(lambda m: self._chronology_views(m, MentionQuery()) + context + (
            "SELECT c.* FROM live_chron c SEMI JOIN hit USING (event_key) "
            "ORDER BY c._seq, c.file_row_number"), params, needs=CHRONOLOGY)
        mentions = _empty("events") if mentions is None else schema.validate(mentions)
        events = (_empty("chronology") if events is None else schema.validate_chronology(
            events.drop(columns=[SEQ, "file_row_number"], errors="ignore")))
        return mentions, events

    def _chronology_sql(self, select: str, where: MentionQuery | None,
                        exclude_keys: Iterable[str], dated_only: bool) -> tuple[str, dict]:
        clauses, params = ["TRUE"], {}
        excluded = sorted(set(map(str, exclude_keys)))
        if excluded:
            clauses.append("NOT list_contains($x_keys, c.event_key)")
            params["x_keys"] = excluded
        if dated_only:
            clauses.append("c.date_start IS NOT NULL")
        sql = f"SELECT {select} FROM live_chron c"
        if where is not None and not where.is_empty:
            condition, mention_params = where.sql()
            params.update(mention_params)
            # The events holding a matching mention: their mention lists unnested, semi-joined
            # with the matching mentions (hash joins: linear in the mentions).
            sql += (" SEMI JOIN (SELECT DISTINCT u.event_key FROM (SELECT event_key, "
                    "unnest(mention_ids) AS m FROM live_chron) u SEMI JOIN (SELECT event_id "
                    f"FROM live_mentions WHERE {condition}) h ON u.m = h.event_id) hit "
                    "ON c.event_key = hit.event_key")
        return f"{sql} WHERE {' AND '.join(clauses)}", params

    def _chronology_views(self, manifest: Manifest, where: MentionQuery | None) -> str:
        """The CTEs of a chronology query: `live_chron` (the stored chronology without the
        rows replaced since), and the live mentions when the query reads them."""
        if manifest.tables[CHRONOLOGY]:
            chron = (f"SELECT c.* FROM {self._source(manifest, CHRONOLOGY)} c "
                     f"LEFT JOIN ({self._kills(manifest, CHRONOLOGY_TOMBSTONES, schema.EVENT_KEY)}) t "
                     "USING (event_key) WHERE t.kill IS NULL OR c._seq >= t.kill")
        else:
            chron = ("SELECT NULL::VARCHAR AS event_key, NULL::VARCHAR[] AS mention_ids, "
                     "NULL::VARCHAR[] AS doc_ids, NULL::BIGINT AS _seq, "
                     "NULL::BIGINT AS file_row_number WHERE FALSE")
        if where is None:
            return f"WITH live_chron AS ({chron}) "
        if manifest.tables[DOCUMENTS]:
            return self._views(manifest) + f", live_chron AS ({chron}) "
        cols = ", ".join(f"NULL::{sql_type(t)} AS {c}" for c, t in schema.EVENT_COLUMNS.items())
        return f"WITH live_mentions AS (SELECT {cols} WHERE FALSE), live_chron AS ({chron}) "

    def edits(self) -> pd.DataFrame:
        """The curation log (schema.EDIT_COLUMNS), in the order the edits were appended."""
        cols = ", ".join(schema.EDIT_COLUMNS)
        frame = self._run(lambda m: f"SELECT {cols} FROM {self._source(m, EDITS)} "
                          "ORDER BY _seq, file_row_number", {}, needs=EDITS)
        return _empty("edits") if frame is None else schema.validate_edits(frame)

    # Writing: articles and mentions ------------------------------------------------------------

    def add(self, document: Document, events_df: pd.DataFrame | None = None, *,
            replace: bool = False) -> bool:
        """Store `document` and its mentions (rows of `events_df`, all with its doc_id). False
        (nothing written) when an article with the same content is already stored. A
        different article under the same doc_id is refused unless `replace` is True, which
        drops the old one and its mentions."""
        new_events = self._checked_events(document, events_df)
        with self._writing() as manifest:
            if self._known(schema.CONTENT_HASH, [document.content_hash], manifest):
                return False
            taken = bool(self._known(schema.DOC_ID, [document.doc_id], manifest))
            if taken and not replace:
                raise StoreError(
                    f"another article is already stored as {document.doc_id!r}; remove it "
                    "first, or rename the new file")
            seq = manifest.next_seq
            rows = [_document_row(document)]
            self._append(manifest, MENTIONS, new_events, seq)
            if taken:
                self._append(manifest, TOMBSTONES, pd.DataFrame(
                    {schema.DOC_ID: [document.doc_id], SCOPE: [SCOPE_ALL]}), seq)
            self._append(manifest, DOCUMENTS, rows, seq)
            self._commit(manifest, seq)
        return True

    def add_many(self, items: Iterable[tuple[Document, pd.DataFrame | None]]) -> list[bool]:
        """Store a batch of articles with their mentions, in order; for each, False when an
        article with the same content was already stored (or came earlier in the batch). An
        article whose doc_id is taken by another is kept apart by a doc_id suffixed with the
        start of its content hash. One write per batch, whatever the store holds: the check
        reads the hash and id columns of the stored articles only."""
        items = list(items)
        if not items:
            return []
        with self._writing() as manifest:
            candidates = [d.doc_id for d, _ in items] + [_suffixed(d) for d, _ in items]
            hashes, taken = self._stored_keys([d.content_hash for d, _ in items], candidates,
                                              manifest)
            rows, frames, added = [], [], []
            for document, events_df in items:
                if document.content_hash in hashes:
                    added.append(False)
                    continue
                events_df = self._batch_part(document, events_df)
                if document.doc_id in taken:
                    renamed = _suffixed(document)
                    if events_df is not None:
                        events_df = events_df.assign(**{schema.DOC_ID: renamed})
                    document = dataclasses.replace(document, doc_id=renamed)
                if events_df is not None:
                    frames.append(events_df)
                rows.append(_document_row(document))
                hashes.add(document.content_hash)
                taken.add(document.doc_id)
                added.append(True)
            if rows:
                seq = manifest.next_seq
                if frames:  # one concatenation and one validation per batch, not per article
                    try:
                        mentions = schema.validate(pd.concat(frames, ignore_index=True))
                    except (InputError, ValueError, TypeError) as exc:
                        raise StoreError(f"the events of this batch do not fit the schema: "
                                         f"{describe_error(exc)}") from None
                    self._append(manifest, MENTIONS, mentions, seq)
                self._append(manifest, DOCUMENTS, rows, seq)
                self._commit(manifest, seq)
        return added

    def replace_events(self, events_df: pd.DataFrame, extractor: str,
                       doc_ids: Iterable[str] | None = None) -> None:
        """Replace the mentions of the articles `doc_ids` (default: every stored article) at
        once, after the extraction rules changed, and record which rules made them. Mentions
        of other articles (one added meanwhile by another process) are kept; rows of articles
        that are not stored are refused."""
        table = _empty("events") if events_df.empty else schema.validate(events_df)
        with self._writing() as manifest:
            stored = set(self._query_documents([schema.DOC_ID], "TRUE", {}, manifest)
                         [schema.DOC_ID])
            unknown = set(table[schema.DOC_ID].dropna()) - stored
            if unknown:
                raise StoreError("events given for articles that are not stored: "
                                 + ", ".join(sorted(map(str, unknown))[:MAX_LISTED_IDS]))
            replaced = sorted(stored if doc_ids is None else set(map(str, doc_ids)) & stored)
            self._replace_mentions(manifest, replaced, table)
            # Under the lock: a writer cleans up temp files no live writer holds, so a temp
            # file written outside it could be taken for debris and removed mid-rename.
            self._write_text(EXTRACTOR_FILE, extractor)

    def remove(self, doc_id: str) -> bool:
        """Remove an article and its mentions; False when it was not stored."""
        with self._writing() as manifest:
            if not self._known(schema.DOC_ID, [doc_id], manifest):
                return False
            seq = manifest.next_seq
            self._append(manifest, TOMBSTONES, pd.DataFrame(
                {schema.DOC_ID: [doc_id], SCOPE: [SCOPE_ALL]}), seq)
            self._commit(manifest, seq)
        return True

    def needs_rebuild(self) -> bool:
        """True when mentions were lost with a damaged segment and not rebuilt yet (checks
        the segments first: each file once per process, unless it changed)."""
        with self._guard:
            return bool(self._checked_snapshot().pending_rebuild)

    def rebuild_mentions(self, rebuild: RebuildCallback) -> str | None:
        """Rebuild the mentions lost with damaged segments: `rebuild` gets the documents
        table (with text) of the articles concerned and returns their mentions (extraction,
        which this module does not import). Returns a message saying what was rebuilt."""
        if not self.writable or not self.needs_rebuild():
            return None
        with self._writing() as manifest:
            ranges = [tuple(r) for r in manifest.pending_rebuild]
            if not ranges:
                return None
            current = " greatest(d._seq, coalesce(t.m, 0)) "
            in_lost = " OR ".join(f"{current} BETWEEN {int(lo)} AND {int(hi)}"
                                  for lo, hi in ranges)
            cols = ", ".join(f"d.{c}" for c in _DOCUMENT_COLUMNS)
            frame = self._run(lambda m: (
                f"{self._views(m, documents_only=True)}SELECT {cols} FROM live_docs d LEFT JOIN "
                "(SELECT doc_id, max(_seq) AS m FROM tomb_rows "
                f"WHERE scope = '{SCOPE_MENTIONS}' GROUP BY doc_id) t USING (doc_id) "
                f"WHERE {in_lost} ORDER BY d._seq, d.file_row_number"), {}, manifest)
            docs = (_empty("documents") if frame is None
                    else schema.validate_documents(frame))
            table = rebuild(docs) if not docs.empty else _empty("events")
            table = _empty("events") if table.empty else schema.validate(table)
            manifest.pending_rebuild = []
            self._replace_mentions(manifest, list(docs[schema.DOC_ID]), table)
        message = (f"The events of {len(docs)} article(s) were lost with a damaged file and "
                   f"were rebuilt from their stored text: {_listed(docs[schema.DOC_ID])}.")
        self.notices.append(message)
        return message

    # Writing: chronology and edits -------------------------------------------------------------

    def write_chronology(self, df: pd.DataFrame) -> None:
        """Replace the stored chronology with `df` (schema.CHRONOLOGY_COLUMNS), atomically."""
        table = schema.validate_chronology(df)
        with self._writing() as manifest:
            seq = manifest.next_seq
            old = manifest.tables[CHRONOLOGY] + manifest.tables[CHRONOLOGY_TOMBSTONES]
            manifest.tables[CHRONOLOGY] = []
            manifest.tables[CHRONOLOGY_TOMBSTONES] = []
            self._retire(manifest, old)
            self._append(manifest, CHRONOLOGY, table, seq)
            self._commit(manifest, seq)

    def replace_chronology_rows(self, event_keys_removed: Iterable[str],
                                rows_added: pd.DataFrame) -> None:
        """Remove the chronology rows of `event_keys_removed` and add `rows_added` (a row
        whose event_key is stored replaces it), in one atomic write proportional to them."""
        table = schema.validate_chronology(rows_added)
        keys = sorted(set(map(str, event_keys_removed)) | set(table[schema.EVENT_KEY].dropna()))
        with self._writing() as manifest:
            seq = manifest.next_seq
            self._append(manifest, CHRONOLOGY_TOMBSTONES,
                         pd.DataFrame({schema.EVENT_KEY: pd.Series(keys, dtype="string")}), seq)
            self._append(manifest, CHRONOLOGY, table, seq)
            self._commit(manifest, seq)

    def append_edits(self, df: pd.DataFrame) -> None:
        """Append rows to the curation log (schema.EDIT_COLUMNS)."""
        table = schema.validate_edits(df)
        if table.empty:
            return
        with self._writing() as manifest:
            seq = manifest.next_seq
            self._append(manifest, EDITS, table, seq)
            self._commit(manifest, seq)

    # Internals: reading ------------------------------------------------------------------------

    def _read_manifest(self) -> tuple[tuple[int, int, int] | None, Manifest | None]:
        file = self.path / MANIFEST_FILE
        try:
            with open(file, "rb") as handle:
                stat = os.fstat(handle.fileno())
                key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
                if key == self._manifest_key and self._manifest is not None:
                    return key, self._manifest
                data = handle.read()
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise StoreError(f"the store file {file} cannot be read ({describe_error(exc)}); it is "
                             "left as it is") from None
        try:
            return key, Manifest.from_json(json.loads(data))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"the store file {file} is damaged ({describe_error(exc)}); it is left as "
                             "it is: restore it from a backup") from None

    def _snapshot(self) -> Manifest:
        """The current manifest (re-read only when it changed). A store of format 1 without a
        manifest is migrated when writable, else read in place."""
        with self._guard:
            key, manifest = self._read_manifest()
            if manifest is None:
                manifest = self._legacy_manifest()
                if manifest.tables[DOCUMENTS] or manifest.tables[MENTIONS]:
                    if self.writable:
                        with self._writing():  # migrates under the lock
                            pass
                        key, manifest = self._read_manifest()
                        assert manifest is not None
            self._manifest_key, self._manifest = key, manifest
            return manifest

    def _legacy_manifest(self) -> Manifest:
        manifest = Manifest()
        for table, name in ((DOCUMENTS, DOCUMENTS_FILE), (MENTIONS, EVENTS_FILE)):
            try:
                stat = (self.path / name).stat()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise StoreError(f"the store file {self.path / name} cannot be read "
                                 f"({describe_error(exc)}); it is left as it is") from None
            manifest.tables[table].append(Segment(name, -1, stat.st_size, ((0, 0),)))
        return manifest

    def _checked_snapshot(self, manifest: Manifest | None = None) -> Manifest:
        """The manifest with every listed segment checked readable. A corrupt segment is taken
        out: recorded under the writer lock when the store is writable, skipped in memory when
        it is not. A segment that cannot be read raises StoreError (nothing is hidden)."""
        manifest = manifest if manifest is not None else self._snapshot()
        for table in TABLES:
            for segment in list(manifest.tables[table]):
                if segment.file in self._skipped:
                    manifest.tables[table].remove(segment)
                    continue
                problem = self._verify(segment)
                if problem is None:
                    continue
                if self._holding:
                    self._take_out(manifest, table, segment, problem)
                elif self.writable:
                    with self._writing():  # checks again and takes it out under the lock
                        pass
                    return self._checked_snapshot(self._snapshot())
                else:
                    self._skipped.add(segment.file)
                    manifest.tables[table].remove(segment)
                    self.notices.append(_damage_message(self, manifest, table, segment, problem)
                                        + " The store is read-only: nothing was changed.")
        return manifest

    def _verify(self, segment: Segment) -> str | None:
        """None when the segment is whole; the reason when it is corrupt. Raises StoreError
        when it cannot be read for a reason that says nothing about its content."""
        file = self.path / segment.file
        try:
            stat = os.stat(file)
            if self._verified.get(segment.file) == (stat.st_size, stat.st_mtime_ns):
                return None  # checked before and unchanged (segments are immutable)
            with open(file, "rb") as handle:
                stat = os.fstat(handle.fileno())
                if stat.st_size < 12:
                    return f"{stat.st_size} bytes, too short for Parquet"
                pq.ParquetFile(handle).metadata  # the magic bytes and the footer
        except FileNotFoundError:
            return "the file is missing"
        except OSError as exc:
            raise StoreError(
                f"the store file {file} cannot be read ({describe_error(exc)}); it is left where it is "
                "and nothing was changed: fix the cause (permissions, open files, disk) and "
                "reload") from None
        except (pa.ArrowInvalid, ValueError) as exc:
            return describe_error(exc)
        self._verified[segment.file] = (stat.st_size, stat.st_mtime_ns)
        return None

    def _take_out(self, manifest: Manifest, table: str, segment: Segment,
                  problem: str) -> None:
        """Under the writer lock: a corrupt segment leaves the manifest, its bytes are kept as
        NAME.corrupt and it is recorded; lost mentions are queued for rebuilding."""
        file = self.path / segment.file
        message = _damage_message(self, manifest, table, segment, problem)
        manifest.tables[table].remove(segment)
        kept = file.with_name(file.name + CORRUPT_SUFFIX)
        if file.exists():
            with contextlib.suppress(OSError):
                os.replace(file, kept)
        manifest.lost.append({"table": table, "file": segment.file,
                              "kept_as": str(kept.relative_to(self.path)), "problem": problem,
                              "at": time.time(), "message": message})
        if table == MENTIONS:
            manifest.pending_rebuild.extend([list(r) for r in segment.seqs])
        self._write_manifest(manifest)
        self.notices.append(message)

    def _con(self) -> duckdb.DuckDBPyConnection:
        with self._guard:
            if self._connection is None:
                # One in-memory engine per store (opening one costs ~40 ms); each query runs on
                # its own cursor.
                connection = duckdb.connect(config={"threads": 2, "memory_limit": "1GB"})
                # Segments never change once written, so their Parquet footers can be cached.
                connection.execute("LOAD parquet")
                connection.execute("SET parquet_metadata_cache = true")
                register_search_functions(connection)
                self._connection = connection
            return self._connection.cursor()

    def _source(self, manifest: Manifest, table: str, filename: bool = False) -> str:
        segments = manifest.tables[table]
        quoted = ", ".join("'" + str(self.path / s.file).replace("'", "''") + "'"
                           for s in segments)
        read = (f"read_parquet([{quoted}], union_by_name = true, file_row_number = true"
                f"{', filename = true' if filename else ''})")
        missing = self._columns_missing(segments, table)
        if missing:  # segments of an older version, before these columns were added: nulls
            nulls = ", ".join(f"NULL::{sql_type(dtype)} AS {name}" for name, dtype in missing.items())
            read = f"(SELECT *, {nulls} FROM {read})"
        legacy = [s.file.startswith(SEGMENTS_DIR) is False for s in segments]
        if all(legacy):  # a format-1 file has no _seq: it is batch 0
            return f"(SELECT *, 0::BIGINT AS _seq FROM {read})"
        if any(legacy):
            return f"(SELECT * REPLACE (coalesce(_seq, 0) AS _seq) FROM {read})"
        return read

    def _columns_missing(self, segments: Sequence[Segment], table: str) -> dict[str, str]:
        """The schema's columns (name -> dtype) that none of `segments` holds: a store written by
        an older version. Each segment's footer is read once (the newest first, which usually
        has them all); one that cannot be read is left to the query to report."""
        wanted = dict(_TABLE_COLUMNS.get(table, {}))
        for segment in reversed(segments):
            if not wanted:
                break
            columns = self._columns_of.get(segment.file)
            if columns is None:
                try:
                    columns = frozenset(pq.read_schema(self.path / segment.file).names)
                except (OSError, pa.ArrowException):
                    return {}
                self._columns_of[segment.file] = columns
            for name in columns & wanted.keys():
                del wanted[name]
        return wanted

    def _kills(self, manifest: Manifest, table: str, key: str) -> str:
        """Per key, the batch before which its rows are hidden (tombstones)."""
        if not manifest.tables[table]:
            return f"SELECT NULL::VARCHAR AS {key}, NULL::BIGINT AS kill WHERE FALSE"
        return (f"SELECT {key}, max(_seq) AS kill FROM {self._source(manifest, table)} "
                f"GROUP BY {key}")

    def _views(self, manifest: Manifest, documents_only: bool = False) -> str:
        """The CTEs every query reads through: live documents, tombstone rows, live mentions.
        Joins are left out where they cannot change the answer (no tombstones; mentions that
        can only belong to listed articles), which is most of the time."""
        tombstones = bool(manifest.tables[TOMBSTONES])
        tomb = (self._source(manifest, TOMBSTONES) if tombstones else
                "(SELECT NULL::VARCHAR AS doc_id, NULL::VARCHAR AS scope, NULL::BIGINT AS _seq "
                "WHERE FALSE)")
        documents = self._source(manifest, DOCUMENTS)
        parts = [f"tomb_rows AS (SELECT doc_id, scope, _seq FROM {tomb})"]
        if tombstones:
            parts += [
                "kill_all AS (SELECT doc_id, max(_seq) AS kill FROM tomb_rows "
                f"WHERE scope = '{SCOPE_ALL}' GROUP BY doc_id)",
                f"live_docs AS (SELECT d.* FROM {documents} d LEFT JOIN kill_all k "
                "USING (doc_id) WHERE k.kill IS NULL OR d._seq >= k.kill)",
            ]
        else:
            parts.append(f"live_docs AS (SELECT * FROM {documents})")
        if documents_only:
            return "WITH " + ", ".join(parts) + " "
        if manifest.tables[MENTIONS]:
            mentions = self._source(manifest, MENTIONS)
        else:
            cols = ", ".join(f"NULL::{sql_type(t)} AS {c}" for c, t in schema.EVENT_COLUMNS.items())
            mentions = f"(SELECT {cols}, NULL::BIGINT AS _seq, NULL::BIGINT AS file_row_number " \
                       "WHERE FALSE)"
        # A batch's mentions and articles are listed by one manifest write, so a mention can
        # only outlive its article in a format-1 file or when an articles file was lost.
        strays = any(not s.file.startswith(SEGMENTS_DIR) for s in manifest.tables[MENTIONS]) \
            or any(entry.get("table") == DOCUMENTS for entry in manifest.lost)
        query = f"SELECT m.* FROM {mentions} m"
        if strays:
            query += " SEMI JOIN live_docs d ON m.doc_id = d.doc_id"
        if tombstones:
            parts.append("kill_any AS (SELECT doc_id, max(_seq) AS kill FROM tomb_rows "
                         "GROUP BY doc_id)")
            query += (" LEFT JOIN kill_any k ON m.doc_id = k.doc_id "
                      "WHERE k.kill IS NULL OR m._seq >= k.kill")
        parts.append(f"live_mentions AS ({query})")
        return "WITH " + ", ".join(parts) + " "

    def _query_documents(self, columns: list[str], condition: str, params: dict[str, Any],
                         manifest: Manifest | None = None, order: bool = False) -> pd.DataFrame:
        def build(current: Manifest) -> str:
            sql = (f"{self._views(current, documents_only=True)}SELECT "
                   f"{', '.join(columns)} FROM live_docs WHERE {condition}")
            return sql + (" ORDER BY _seq, file_row_number" if order else "")

        frame = self._run(build, params, manifest, needs=DOCUMENTS)
        return _empty("documents")[columns] if frame is None else frame[columns]

    def _known(self, column: str, values: list[str],
               manifest: Manifest | None = None) -> set[str]:
        """Which of `values` a stored article has in `column` (reads that column only)."""
        hashes, ids = self._stored_keys(values if column == schema.CONTENT_HASH else [],
                                        values if column == schema.DOC_ID else [], manifest)
        return hashes if column == schema.CONTENT_HASH else ids

    def _stored_keys(self, hashes: list[str], ids: list[str],
                     manifest: Manifest | None = None) -> tuple[set[str], set[str]]:
        """Which of `hashes` and `ids` a stored article has, in time proportional to the
        batch: each documents segment's keys are kept in memory as 64-bit fingerprints (16
        bytes an article, read once per segment: segments never change); only a batch with
        a possible match asks DuckDB, for those values alone, which are live."""
        with self._guard:
            manifest = manifest if manifest is not None else self._checked_snapshot()
            wanted_h = fingerprints(hashes)
            wanted_i = fingerprints(ids)
            maybe_h = np.zeros(len(hashes), dtype=bool)
            maybe_i = np.zeros(len(ids), dtype=bool)
            listed = {segment.file for segment in manifest.tables[DOCUMENTS]}
            for gone in set(self._keys) - listed:  # merged away: their rows are elsewhere
                del self._keys[gone]
            for segment in manifest.tables[DOCUMENTS]:
                seg_h, seg_i = self._segment_keys(segment)
                maybe_h |= _sorted_contains(seg_h, wanted_h)
                maybe_i |= _sorted_contains(seg_i, wanted_i)
            if not maybe_h.any() and not maybe_i.any():
                return set(), set()
            found = self._query_documents(
                [schema.DOC_ID, schema.CONTENT_HASH],
                "list_contains($hashes, content_hash) OR list_contains($ids, doc_id)",
                {"hashes": [h for h, m in zip(hashes, maybe_h) if m],
                 "ids": [i for i, m in zip(ids, maybe_i) if m]}, manifest)
            return (set(found[schema.CONTENT_HASH].dropna()) & set(hashes),
                    set(found[schema.DOC_ID].dropna()) & set(ids))

    def _segment_keys(self, segment: Segment) -> tuple[np.ndarray, np.ndarray]:
        keys = self._keys.get(segment.file)
        if keys is None:
            try:
                table = pq.read_table(self.path / segment.file,
                                      columns=[schema.CONTENT_HASH, schema.DOC_ID])
            except (OSError, pa.ArrowException) as exc:
                raise StoreError(f"the store file {self.path / segment.file} cannot be read "
                                 f"({describe_error(exc)}); it is left where it is") from None
            keys = (np.unique(fingerprints(table.column(0).to_pylist())),
                    np.unique(fingerprints(table.column(1).to_pylist())))
            self._keys[segment.file] = keys
        return keys

    def _frame(self, sql: str, params: dict[str, Any], empty: pd.DataFrame) -> pd.DataFrame:
        """A query over the live mentions (`live_mentions`, `live_docs`)."""
        frame = self._run(lambda current: self._views(current) + sql, params, needs=DOCUMENTS)
        return empty if frame is None else frame

    def _scalar(self, sql: str, params: dict[str, Any], documents_only: bool = False) -> Any:
        frame = self._run(lambda current: self._views(current, documents_only) + sql, params,
                          needs=DOCUMENTS)
        return None if frame is None else frame.iloc[0, 0]

    def _run(self, build: Callable[[Manifest], str], params: dict[str, Any],
             manifest: Manifest | None = None, needs: str = DOCUMENTS) -> pd.DataFrame | None:
        """Run the query `build(manifest)` over the live segments (None when the table it
        `needs` has none). A failure is looked into: a segment found corrupt is taken out and
        the query runs again; one that cannot be read raises StoreError naming it; anything
        else raises StoreError with DuckDB's reason. Nothing is hidden on a guess."""
        # The SQL is built from the manifest under the guard; the query itself runs on its own
        # cursor outside it, so one session's long query does not hold up another's (segments
        # it reads stay on disk for RETIRED_GRACE_SECONDS after compaction replaces them).
        with self._guard:
            given = manifest is not None and not self._holding  # a part of the store: no retry
            if manifest is None:
                manifest = self._checked_snapshot()
        for _attempt in range(3):
            with self._guard:
                if not manifest.tables[needs]:
                    return None
                sql = build(manifest)
            used = {k: v for k, v in params.items() if f"${k}" in sql}
            try:
                return _query(self._con(), sql, used).to_pandas()
            except duckdb.Error as exc:
                failure = exc
            with self._guard:
                self._verified.clear()
                before = segment_files(manifest)
                if given:
                    self._checked_snapshot(self._snapshot())  # raises if a file is unreadable
                    break
                if self._holding:
                    self._checked_snapshot(manifest)
                else:
                    self._manifest_key = None  # compaction may have replaced segments
                    manifest = self._checked_snapshot(self._snapshot())
                if segment_files(manifest) == before:
                    break
        raise StoreError(f"the store at {self.path} could not be read "
                         f"({describe_error(failure)}); nothing was changed") from None

    # Internals: writing ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self, tidy: bool = True) -> Iterator[Manifest]:
        """Under the writer lock: the current manifest (migrated from format 1 if needed),
        after removing what killed writers left behind."""
        if not self.writable:
            raise StoreError(f"the store at {self.path} is read-only: nothing can be added, "
                             "changed or removed")
        with self._guard, self._lock():
            _key, manifest = self._read_manifest()
            if manifest is None:
                manifest = self._legacy_manifest()
                if manifest.tables[DOCUMENTS] or manifest.tables[MENTIONS]:
                    self._write_manifest(manifest)
            else:
                manifest = manifest.copy()
            self._holding = True
            try:
                if tidy:
                    self._tidy(manifest)
                self._checked_snapshot(manifest)
                yield manifest
            finally:
                self._holding = False

    def _append(self, manifest: Manifest, table: str,
                frame: pd.DataFrame | list[dict[str, Any]], seq: int) -> None:
        """Write `frame` (a table of the schema, or rows as dicts) as a new segment of `table`
        (temp file, fsync, rename) and list it in `manifest` (committed by the caller)."""
        if len(frame) == 0:
            return
        folder = self.path / SEGMENTS_DIR / table
        name = f"{seq:010d}-{uuid.uuid4().hex[:12]}.parquet"
        try:
            if isinstance(frame, list):  # rows straight to Arrow: no pandas for small batches
                arrow = pa.Table.from_pylist([{**row, SEQ: seq} for row in frame],
                                             schema=SCHEMAS[table])
            else:
                data = frame.reset_index(drop=True).assign(**{SEQ: seq})
                arrow = pa.Table.from_pandas(data, schema=SCHEMAS[table], preserve_index=False)
        except (pa.ArrowException, ValueError, TypeError) as exc:
            raise StoreError(f"the {table} given do not fit the schema "
                             f"({describe_error(exc)}); the store is unchanged") from None
        size = self._write_parquet(folder, name, arrow)
        manifest.tables[table].append(Segment(f"{SEGMENTS_DIR}/{table}/{name}",
                                               arrow.num_rows, size, ((seq, seq),)))

    def _write_parquet(self, folder: pathlib.Path, name: str, table: pa.Table) -> int:
        target = folder / name
        try:
            return write_parquet(target, table)
        except (OSError, pa.ArrowException, ValueError, TypeError) as exc:
            raise StoreError(f"could not write {target} ({describe_error(exc)}); the store is "
                             "unchanged") from None

    def _replace_mentions(self, manifest: Manifest, doc_ids: list[str],
                          table: pd.DataFrame) -> None:
        seq = manifest.next_seq
        if not doc_ids and table.empty:
            return
        if doc_ids:
            self._append(manifest, TOMBSTONES, pd.DataFrame(
                {schema.DOC_ID: doc_ids, SCOPE: [SCOPE_MENTIONS] * len(doc_ids)}), seq)
        self._append(manifest, MENTIONS, table, seq)
        self._commit(manifest, seq)

    def _commit(self, manifest: Manifest, seq: int | None, compact: bool = True) -> None:
        """Make the new segments visible at once (one manifest rename), then compact."""
        if seq is not None:
            manifest.next_seq = seq + 1
        self._write_manifest(manifest)
        if compact:
            for table in TABLES:
                try:
                    if self._compact(manifest, table):
                        break  # at most one merge per commit; the next commit does the next
                except StoreError:  # an optimisation: the batch is stored, the merge waits
                    break

    def _write_manifest(self, manifest: Manifest) -> None:
        target = self.path / MANIFEST_FILE
        try:
            write_manifest(target, manifest)
        except OSError as exc:
            raise StoreError(f"could not write {target} ({describe_error(exc)}); the store is "
                             "unchanged") from None
        self._manifest_key, self._manifest = None, None

    def _compact(self, manifest: Manifest, table: str) -> bool:
        """Merge COMPACT_FANOUT small segments of one size tier into one (tiered merging: each
        row is rewritten a bounded number of times; segments of COMPACT_TARGET_BYTES and more
        are never touched, so no write costs time proportional to the store)."""
        tiers: dict[int, list[Segment]] = {}
        for segment in manifest.tables[table]:
            if 0 < segment.size < COMPACT_TARGET_BYTES and segment.rows >= 0:
                tier = int(math.log(max(segment.size, COMPACT_BASE_BYTES) / COMPACT_BASE_BYTES,
                                    COMPACT_FANOUT))
                tiers.setdefault(tier, []).append(segment)
        for tier in sorted(tiers):
            group = tiers[tier]
            if len(group) < COMPACT_FANOUT:
                continue
            group = sorted(group, key=lambda s: s.seqs[0])[:COMPACT_FANOUT]
            try:
                parts = [with_seq(pq.read_table(self.path / s.file), SCHEMAS[table])
                         for s in group]
            except (OSError, pa.ArrowException):
                return  # compaction is an optimisation: a segment that misbehaves stays as it is
            merged = pa.concat_tables(parts)
            seqs = tuple(sorted(r for s in group for r in s.seqs))
            name = f"{seqs[0][0]:010d}-{seqs[-1][1]:010d}-{uuid.uuid4().hex[:12]}.parquet"
            size = self._write_parquet(self.path / SEGMENTS_DIR / table, name, merged)
            segments = manifest.tables[table]
            position = segments.index(group[0])
            kept = [s for s in segments if s not in group]
            kept.insert(min(position, len(kept)),
                        Segment(f"{SEGMENTS_DIR}/{table}/{name}", merged.num_rows, size, seqs))
            manifest.tables[table] = kept
            self._retire(manifest, group)
            self._write_manifest(manifest)
            return True  # one merge per commit: a writer holds the lock for a bounded time
        return False

    def _retire(self, manifest: Manifest, segments: list[Segment]) -> None:
        now = time.time()
        manifest.retired.extend({"file": s.file, "at": now} for s in segments)

    def _has_debris(self) -> bool:
        folder = self.path / SEGMENTS_DIR
        try:
            if any(is_temp(p.name) for p in self.path.iterdir()):
                return True
            return folder.is_dir() and any(
                is_temp(p.name) for sub in folder.iterdir() if sub.is_dir()
                for p in sub.iterdir())
        except OSError:
            return False

    def _tidy_if_idle(self) -> None:
        """On opening: remove debris if no writer is at work (never waits for one)."""
        try:
            handle = open(self.path / LOCK_FILE, "a+")  # noqa: SIM115 - closed below
        except OSError:
            return
        try:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            try:
                _, manifest = self._read_manifest()
                if manifest is not None:
                    self._tidy(manifest.copy(), commit=True)
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        finally:
            handle.close()

    def _tidy(self, manifest: Manifest, commit: bool = False) -> None:
        """Under the lock: remove temp files and segments no manifest lists (a writer killed
        mid-write: no other writer can be at work now), old-format temp files, and retired
        segments past their grace period."""
        listed = {s.file for segs in manifest.tables.values() for s in segs}
        now = time.time()
        keep_retired, expired = [], []
        for entry in manifest.retired:
            (expired if now - float(entry["at"]) > RETIRED_GRACE_SECONDS else
             keep_retired).append(entry)
        retired = {entry["file"] for entry in keep_retired}
        for entry in expired:
            if entry["file"] not in listed:
                with contextlib.suppress(OSError):
                    (self.path / entry["file"]).unlink()
        candidates: list[pathlib.Path] = []
        with contextlib.suppress(OSError):
            candidates += [p for p in self.path.iterdir() if is_temp(p.name)]
        with contextlib.suppress(OSError):
            for sub in (self.path / SEGMENTS_DIR).iterdir():
                candidates += [p for p in sub.iterdir() if is_temp(p.name) or (
                    p.suffix == ".parquet"
                    and f"{SEGMENTS_DIR}/{sub.name}/{p.name}" not in listed | retired)]
        for path in candidates:
            with contextlib.suppress(OSError):
                path.unlink()
        if expired:
            manifest.retired = keep_retired
            if commit:
                self._write_manifest(manifest)

    def _write_text(self, name: str, text: str) -> None:
        """Replace a small text file atomically."""
        target = self.path / name
        try:
            write_text(target, text)
        except OSError as exc:
            raise StoreError(f"could not write {target} ({describe_error(exc)})") from None

    @classmethod
    def _batch_part(cls, document: Document, events: pd.DataFrame | None) -> pd.DataFrame | None:
        """`events` checked to belong to `document` (None when there are none). A table with
        the schema's columns is only checked for its doc_id here (cheap: the batch is
        validated once); any other goes through the full check and its message."""
        if events is None or events.empty:
            return None
        if list(events.columns) != _EVENT_COLUMN_LIST:
            return cls._checked_events(document, events)
        ids = events[schema.DOC_ID].unique()
        if len(ids) != 1 or ids[0] != document.doc_id:
            return cls._checked_events(document, events)
        return events

    @staticmethod
    def _checked_events(document: Document, events: pd.DataFrame | None) -> pd.DataFrame:
        if events is None or events.empty:
            return _empty("events")
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

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """An exclusive lock for one writer at a time (released if the process dies). Readers
        never take it."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            handle = open(self.path / LOCK_FILE, "a+")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise StoreError(f"cannot open the event store at {self.path} ({describe_error(exc)})") \
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


def _sorted_contains(haystack: np.ndarray, needles: np.ndarray) -> np.ndarray:
    """Which needles are in a sorted array: binary search, O(needles x log haystack) (np.isin
    would sort the haystack again on every call)."""
    if not len(haystack) or not len(needles):
        return np.zeros(len(needles), dtype=bool)
    at = np.minimum(np.searchsorted(haystack, needles), len(haystack) - 1)
    return haystack[at] == needles


def _query(cursor: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> pa.Table:
    """The one place SQL meets the files (tests put faults here)."""
    try:
        return cursor.sql(sql, params=params or None).to_arrow_table()
    finally:
        cursor.close()


@functools.cache
def _empty_table(name: str) -> pd.DataFrame:
    return {"events": schema.empty_events, "documents": schema.empty_documents,
            "chronology": schema.empty_chronology, "edits": schema.empty_edits}[name]()


def _empty(name: str) -> pd.DataFrame:
    """An empty table of the schema (made once: building one takes ~25 ms)."""
    return _empty_table(name).copy()


def _damage_message(store: EventStore, manifest: Manifest, table: str, segment: Segment,
                    problem: str) -> str:
    file = store.path / segment.file
    if table == MENTIONS:
        return (f"The store file {file} is damaged ({problem}); it was kept as "
                f"{file.name}{CORRUPT_SUFFIX}. The events it held are rebuilt from the stored "
                "article texts.")
    if table == DOCUMENTS:
        held = "" if segment.rows < 0 else f" {segment.rows}"
        known = _articles_of(store, manifest, segment)
        named = f": {known}" if known else ""
        return (f"The store file {file} is damaged ({problem}); it was kept as "
                f"{file.name}{CORRUPT_SUFFIX}. Its{held} article(s) are no longer shown"
                f"{named}; add them again to restore them. Other articles are unaffected.")
    return (f"The store file {file} ({table}) is damaged ({problem}); it was kept as "
            f"{file.name}{CORRUPT_SUFFIX} and left out.")


def _articles_of(store: EventStore, manifest: Manifest, segment: Segment) -> str:
    """The ids of a lost documents segment's articles, as far as their mentions tell."""
    if not manifest.tables[MENTIONS]:
        return ""
    ranges = " OR ".join(f"_seq BETWEEN {int(lo)} AND {int(hi)}" for lo, hi in segment.seqs)
    with contextlib.suppress(StoreError, duckdb.Error):
        frame = _query(store._con(), f"SELECT DISTINCT doc_id FROM "
                       f"{store._source(manifest, MENTIONS)} WHERE {ranges} ORDER BY doc_id",
                       {}).to_pandas()
        return _listed(frame["doc_id"])
    return ""


def _listed(ids: Iterable[str]) -> str:
    ids = [str(i) for i in ids]
    shown = ", ".join(ids[:MAX_LISTED_IDS])
    return shown + (f" and {len(ids) - MAX_LISTED_IDS} more" if len(ids) > MAX_LISTED_IDS else "")


def _suffixed(document: Document) -> str:
    return f"{document.doc_id}-{document.content_hash[:8]}"


def _document_row(document: Document) -> dict[str, object]:
    published = None
    if document.published:
        try:  # outside pandas' nanosecond range: refused with a message, not a raw error
            published = pd.Timestamp(document.published).as_unit("ns").to_datetime64()
        except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
            raise StoreError(f"{document.doc_id!r}: the publication date {document.published} "
                             "is outside the dates the store can hold (1677-2262)") from None
    return {
        schema.DOC_ID: document.doc_id,
        schema.TITLE: document.title,
        schema.SOURCE: document.source,
        schema.PUBLISHED: published,
        schema.PATH: document.path,
        schema.TEXT: document.text,
        schema.CONTENT_HASH: document.content_hash,
    }


