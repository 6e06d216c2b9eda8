"""Writing to the store (`timeline.corpus.store`): articles with their mentions, replacing and
rebuilding mentions, removing an article, the chronology and the edits log. Each write is new
segments and one manifest rename, under the writer lock. Part of `EventStore`."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import pandas as pd

from timeline import schema
from timeline.corpus.segments import (
    CHRONOLOGY, CHRONOLOGY_TOMBSTONES, DOCUMENTS, EDITS, MENTIONS, SCOPE, SCOPE_ALL,
    SCOPE_MENTIONS, TOMBSTONES, describe_error,
)
from timeline.corpus.store_files import EXTRACTOR_FILE, MAX_LISTED_IDS, _listed
from timeline.corpus.store_sql import _DOCUMENT_COLUMNS, _EVENT_COLUMN_LIST, LiveQueries, _empty
from timeline.errors import InputError, StoreError

if TYPE_CHECKING:  # only for the annotation: the store needs no document loading
    from timeline.corpus.segments import Manifest
    from timeline.documents import Document

RebuildCallback = Callable[[pd.DataFrame], pd.DataFrame]


class StoreWriting(LiveQueries):
    """The writing side of an `EventStore`."""

    # Writing: articles and mentions ------------------------------------------------------------

    def add(self, document: Document, events_df: pd.DataFrame | None = None, *,
            replace: bool = False, extractor: str | None = None) -> bool:
        """Store `document` and its mentions (rows of `events_df`, all with its doc_id). False
        (nothing written) when an article with the same content is already stored. A
        different article under the same doc_id is refused unless `replace` is True, which
        drops the old one and its mentions. `extractor`: as for `add_many`."""
        new_events = self._checked_events(document, events_df)
        with self._writing() as manifest:
            if self._known(schema.CONTENT_HASH, [document.content_hash], manifest):
                return False
            first = _never_written(manifest)
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
            self._record_first_extractor(first, extractor)
        return True

    def add_many(self, items: Iterable[tuple[Document, pd.DataFrame | None]], *,
                 extractor: str | None = None) -> list[bool]:
        """Store a batch of articles with their mentions, in order; for each, False when an
        article with the same content was already stored (or came earlier in the batch). An
        article whose doc_id is taken by another is kept apart by a doc_id suffixed with the
        start of its content hash. One write per batch, whatever the store holds: the check
        reads the hash and id columns of the stored articles only.

        `extractor` names the rules that made these mentions (`ingest.extractor_fingerprint()`
        for this version's): a store never written before records it, as `replace_events`
        does, so that the next start does not extract every article again. A store already
        written keeps its record (or its lack of one): its older mentions are not these."""
        items = list(items)
        if not items:
            return []
        with self._writing() as manifest:
            first = _never_written(manifest)
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
                self._record_first_extractor(first, extractor)
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

    def _record_first_extractor(self, first: bool, extractor: str | None) -> None:
        """Under the lock, after the commit: a crash in between leaves mentions without a
        record, which the next start extracts again (slow, never wrong)."""
        if first and extractor is not None and self.extractor() is None:
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
        """Replace the stored chronology with `df` (schema.CHRONOLOGY_COLUMNS), atomically.
        The rows are stored most salient first (`chronology()` reads them in date order)."""
        table = _most_salient_first(schema.validate_chronology(df))
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
        table = _most_salient_first(schema.validate_chronology(rows_added))
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


def _never_written(manifest: Manifest) -> bool:
    """No article, mention or removal was ever written (as `EventStore.is_new`, and no
    mentions either): whatever the next batch holds is all the store's mentions."""
    return not (manifest.lost or manifest.tables[DOCUMENTS] or manifest.tables[TOMBSTONES]
                or manifest.tables[MENTIONS])


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


def _most_salient_first(table: pd.DataFrame) -> pd.DataFrame:
    """The chronology's rows in the order a filter change ranks them (salience, then articles,
    earliest, by key: as `ranked_under`). Stored so, in small row groups (store_files), the
    few thousand most salient events under a filter sit in a segment's first groups, and the
    query that reads them skips the rest."""
    rank = pd.DataFrame({"s": table[schema.SALIENCE].fillna(0.0).to_numpy(dtype=float),
                         "n": table[schema.N_ARTICLES].fillna(0).to_numpy(dtype="int64"),
                         "d": table[schema.DATE_START].to_numpy(dtype="datetime64[ns]"),
                         "k": table[schema.EVENT_KEY].astype(object).to_numpy()})
    order = rank.sort_values(["s", "n", "d", "k"], ascending=[False, False, True, True],
                             na_position="last", kind="stable").index.to_numpy()
    return table.iloc[order].reset_index(drop=True)
