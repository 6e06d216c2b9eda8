"""Reading the stored articles and their mentions (`timeline.corpus.store`): tables, pages,
counts, facets and the aggregates of the activity charts, each one SQL query over the live
segments. Part of `EventStore`."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import pandas as pd

from timeline import schema
from timeline.corpus.query import FREQUENCIES, MentionQuery, checked_columns
from timeline.corpus.segments import DOCUMENTS, SEQ
from timeline.corpus.store_sql import _DOCUMENT_COLUMNS, _MENTION_COLUMNS, LiveQueries, _empty
from timeline.errors import InputError


class MentionReading(LiveQueries):
    """The articles and mentions side of an `EventStore`."""

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

    def documents_with_text(self, doc_ids: Iterable[str]) -> pd.DataFrame:
        """The documents-table rows, texts included, of the stored articles among `doc_ids`,
        read in one query whatever their number (an event's drill-down shows up to fifty
        reports: one query each cost seconds on a loaded server)."""
        wanted = sorted({str(d) for d in doc_ids})
        if not wanted:
            return schema.validate_documents(_empty("documents")[list(_DOCUMENT_COLUMNS)])
        frame = self._query_documents(list(_DOCUMENT_COLUMNS), "list_contains($ids, doc_id)",
                                      {"ids": wanted})
        return schema.validate_documents(frame)

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
        if where is not None and not where.is_empty:
            # one actor or some event types: counted when the facet index was made (the
            # dashboard's; EventStore.prepare_facet_index), else by a scan as below
            index = self._facet_index(self._snapshot())  # type: ignore[attr-defined]
            found = None if index is None else index.lookup(where)
            if found is not None:
                return found[1]
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
