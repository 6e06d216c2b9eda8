"""Reading the live segments with DuckDB (`timeline.corpus.store`): one in-memory engine per
store, the views every query reads through (live documents, tombstones, live mentions), the
stored articles' keys kept as fingerprints, and running a query with its retries when a
segment is found damaged or compacted away. Part of `EventStore`."""
from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline import schema
from timeline.corpus.query import register_search_functions, sql_type
from timeline.corpus.segments import (
    CHRONOLOGY, DOCUMENTS, EDITS, MENTIONS, SCOPE_ALL, TOMBSTONES, Manifest, Segment,
    describe_error, fingerprints, segment_files,
)
from timeline.corpus.store_files import SEGMENTS_DIR, SegmentFiles, _query
from timeline.errors import StoreError

# The columns each table's segments should hold: an older version's segments may lack some.
_TABLE_COLUMNS: dict[str, dict[str, str]] = {
    DOCUMENTS: schema.DOCUMENT_COLUMNS, MENTIONS: schema.EVENT_COLUMNS,
    CHRONOLOGY: schema.CHRONOLOGY_COLUMNS, EDITS: schema.EDIT_COLUMNS,
}

# Columns a mentions query may filter, group or facet on (the names go into SQL: only these).
_MENTION_COLUMNS = tuple(schema.EVENT_COLUMNS)
_DOCUMENT_COLUMNS = tuple(schema.DOCUMENT_COLUMNS)
_EVENT_COLUMN_LIST = list(schema.EVENT_COLUMNS)


class LiveQueries(SegmentFiles):
    """The query engine of an `EventStore`: SQL over the segments the manifest lists."""

    # Internals: reading -------------------------------------------------------------------

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


def _sorted_contains(haystack: np.ndarray, needles: np.ndarray) -> np.ndarray:
    """Which needles are in a sorted array: binary search, O(needles x log haystack) (np.isin
    would sort the haystack again on every call)."""
    if not len(haystack) or not len(needles):
        return np.zeros(len(needles), dtype=bool)
    at = np.minimum(np.searchsorted(haystack, needles), len(haystack) - 1)
    return haystack[at] == needles


@functools.cache
def _empty_table(name: str) -> pd.DataFrame:
    return {"events": schema.empty_events, "documents": schema.empty_documents,
            "chronology": schema.empty_chronology, "edits": schema.empty_edits}[name]()


def _empty(name: str) -> pd.DataFrame:
    """An empty table of the schema (made once: building one takes ~25 ms)."""
    return _empty_table(name).copy()
