"""Reading the stored chronology and the edits log (`timeline.corpus.store`): the events under a
filter (through an in-memory index of the chronology, made once per stored chronology, and,
for one actor or some event types, a facet index the dashboard asks for), the most salient of
them, the stamps that tell whether the chronology is in step with the mentions, and what
merging new mentions into it reads. Part of `EventStore`."""
from __future__ import annotations

import dataclasses
import json
import re
import threading
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from timeline import schema
from timeline.corpus.query import MentionQuery, sql_type
from timeline.corpus.segments import (
    CHRONOLOGY, CHRONOLOGY_TOMBSTONES, DOCUMENTS, EDITS, MENTIONS, SEQ, TOMBSTONES, Manifest,
)
from timeline.corpus.store_files import CHRONOLOGY_STAMP_FILE, _query
from timeline.corpus.store_sql import LiveQueries, _empty


@dataclasses.dataclass(frozen=True)
class Ranked:
    """What a filter change asks of the store (`EventStore.ranked_under`): the most salient
    dated events under the filter, how many events hold a matching mention, and how many
    mentions match (None when the filter is empty: every mention)."""

    rows: pd.DataFrame
    events: int
    mentions: int | None


_NO_POSITIONS = np.zeros(0, dtype=np.int32)


@dataclasses.dataclass(frozen=True)
class FacetIndex:
    """The answer to the commonest filters kept in memory (`EventStore.prepare_facet_index`):
    for each actor and each event type, the ranks (0 = most salient) of the live events that
    hold a mention naming it, sorted, and how many live mentions name it; and, by rank, where
    the event's row is stored and whether it is dated. A filter on one actor, or on event
    types, is then a slice of an array, not a scan of every mention. Never modified."""

    files: tuple[str, ...]
    file_no: np.ndarray              # by rank: the event's segment (an index into `files`)
    row: np.ndarray                  # by rank: its row number in that file
    dated: np.ndarray                # by rank: it has a date (undated events are not ranked)
    events: dict[str, dict[str, np.ndarray]]   # facet -> value -> sorted ranks
    mentions: dict[str, dict[str, int]]        # facet -> value -> live mentions

    def lookup(self, where: MentionQuery) -> tuple[np.ndarray, int] | None:
        """(the ranks of the events holding a mention that matches `where`, how many mentions
        match it), when `where` is one actor or some event types and nothing else; None for
        any other filter (DuckDB answers it). Several actors are left to DuckDB: a mention
        naming two of them would be counted twice here."""
        rest = dataclasses.replace(where, actors=(), event_types=())
        if not rest.is_empty or (where.actors and where.event_types):
            return None
        if len(where.actors) == 1:
            actor = where.actors[0]
            return (self.events["actors"].get(actor, _NO_POSITIONS),
                    self.mentions["actors"].get(actor, 0))
        if where.actors or not where.event_types:
            return None
        kinds = sorted(set(where.event_types))  # a mention has one type: the counts add up
        found = [self.events["event_type"].get(k, _NO_POSITIONS) for k in kinds]
        return (np.unique(np.concatenate(found)) if len(found) > 1 else found[0],
                sum(self.mentions["event_type"].get(k, 0) for k in kinds))

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.file_no, self.row, self.dated)) + sum(
            a.nbytes for values in self.events.values() for a in values.values())


# The order `chronology()` returns: each write's rows in date order (the order the chronology
# is made in), the writes in turn. A segment is stored most salient first (store_writing).
_STORED_ORDER = "c._seq, c.date_start NULLS LAST, c.date_end NULLS LAST, c.event_key"


class ChronologyReading(LiveQueries):
    """The chronology and edits side of an `EventStore`."""

    # Reading: chronology and edits -------------------------------------------------------------

    def chronology(self, where: MentionQuery | None = None, *,
                   exclude_keys: Iterable[str] = (), dated_only: bool = False,
                   by_salience: bool = False, limit: int | None = None) -> pd.DataFrame:
        """The stored chronology (schema.CHRONOLOGY_COLUMNS), one row per real-world event.

        With `where`: only the events that hold at least one mention matching it (the
        chronology under the dashboard's filters, joined in SQL). `exclude_keys` leaves events
        out (those the caller holds in another version: curated rows); `dated_only` leaves out
        events without a date. `by_salience` orders the most salient first (then most reported,
        earliest, by key), otherwise in date order within each write (as `chronology.chronology`
        makes them), the writes in turn; `limit` takes the first rows."""
        if by_salience:
            return self._ranked(where, exclude_keys, dated_only, limit).rows
        sql, params = self._chronology_sql("c.*", where, exclude_keys, dated_only)
        sql += f" ORDER BY {_STORED_ORDER}"
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
        if filtered and count:
            indexed = self._ranked_from_facets(where, excluded, limit)  # type: ignore[arg-type]
            if indexed is not None:
                return indexed
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
        rows = self._rows_by_place([files[int(f)] for f in found["file_no"]],
                                   found["row"].astype(int).tolist())
        if rows is None:
            # a segment compacted away between the two queries: the rows by their keys
            order = {k: i for i, k in enumerate(found[schema.EVENT_KEY])}
            rows = self._run(lambda m: self._chronology_views(m, None) + (
                "SELECT c.* FROM live_chron c WHERE list_contains($r_keys, c.event_key)"),
                {"r_keys": list(order)}, needs=CHRONOLOGY)
            if rows is None:
                return Ranked(_empty("chronology"), total, mentions)
            rows = rows.iloc[np.argsort([order[k] for k in rows[schema.EVENT_KEY]], kind="stable")]
        return Ranked(_validated(rows), total, mentions)

    def _rows_by_place(self, files: list[str], rows: list[int]) -> pd.DataFrame | None:
        """The stored chronology rows at (`files[i]`, `rows[i]`), in that order; None when
        one of them is no longer there (its segment compacted away since it was found)."""
        place = {(f, r): i for i, (f, r) in enumerate(zip(files, rows))}
        found = self._run(lambda m: (
            f"SELECT c.* FROM {self._source(m, CHRONOLOGY, filename=True)} c SEMI JOIN "
            "(SELECT unnest($r_files) AS filename, unnest($r_rows) AS file_row_number) k "
            "USING (filename, file_row_number)"),
            {"r_files": files, "r_rows": rows}, needs=CHRONOLOGY)
        if found is None or len(found) < len(place):
            return None
        at = [place[(f, int(r))] for f, r in zip(found["filename"], found["file_row_number"])]
        return found.iloc[np.argsort(at, kind="stable")]

    # The facet index: one actor or some event types, answered from memory ---------------------

    def prepare_facet_index(self, wait: bool = False) -> FacetIndex | None:
        """Keep a `FacetIndex` of this store from now on (the dashboard asks, once): it is made
        in a background thread now and again after each write, and until it is ready (~2 CPU
        seconds on 1,000,000 mentions) the filters are answered in SQL as before. With `wait`,
        it is made now and returned (None for a store without articles or chronology)."""
        with self._guard:
            self._facets_wanted = True
        return self._facet_index(self._snapshot(), wait=wait)

    def _facet_index(self, manifest: Manifest, wait: bool = False) -> FacetIndex | None:
        """The facet index of the store as `manifest` lists it: ready, or None while it is
        being made (started here when asked for and not yet started); with `wait`, made now."""
        key = _facet_key(manifest)
        with self._guard:
            ready = self._facets.get(key)
            if ready is not None or not (wait or self._facets_wanted):
                return ready
            started = key in self._facets_building
            if not started:  # states being made or failed (not tried again), a few kept
                if len(self._facets_building) >= 8:
                    self._facets_building.clear()
                self._facets_building.add(key)
        if wait:
            return self._make_facet_index(manifest, key)
        if not started:
            threading.Thread(target=self._make_facet_index_quietly, args=(manifest, key),
                             name="timeline-facet-index", daemon=True).start()
        return None

    def _make_facet_index_quietly(self, manifest: Manifest, key: tuple) -> None:
        # An optimisation made aside: when it fails (a segment compacted away meanwhile, the
        # store removed), the filters stay in SQL, which reports any real damage itself; the
        # key stays marked, so this state is not tried again (the next write's is).
        try:
            self._make_facet_index(manifest, key)
        except Exception:  # noqa: BLE001 - see above: nothing is lost, nothing to report
            pass

    def _make_facet_index(self, manifest: Manifest, key: tuple) -> FacetIndex | None:
        """Made from the chronology's index tables (their rank order) and the live mentions
        joined to them by their ids' hash, as the SQL path joins them: per facet, the ranks
        of each value's events and its mentions counted, then arrays (9 MB on 1,000,000
        mentions)."""
        if not manifest.tables[CHRONOLOGY] or not manifest.tables[DOCUMENTS]:
            with self._guard:
                self._facets_building.discard(key)
            return None
        rank, owner, files = self._chronology_index(manifest)
        views = self._views(manifest)
        events: dict[str, dict[str, np.ndarray]] = {}
        mentions: dict[str, dict[str, int]] = {}
        # One facet at a time, narrow rows (a hash, a value, a rank): the peak memory of
        # materialising every mention's id and actors at once was 300 MB on 1,000,000.
        for facet, values in (("actors", "unnest(list_distinct(m.actors))"),
                              ("event_type", "m.event_type")):
            ranks = _query(self._con(), views + (
                "SELECT v AS value, list(DISTINCT pos) AS ranks FROM (SELECT "
                f"{values} AS v, k.pos FROM live_mentions m JOIN {owner} o "
                f"ON o.mention_id = hash(m.event_id) JOIN {rank} k USING (file_no, row)) "
                "WHERE v IS NOT NULL GROUP BY v"), {})
            # counted as the SQL path counts them: each live mention once per value it names
            counts = _query(self._con(), views + (
                f"SELECT v AS value, count(*) AS n FROM (SELECT {values} AS v FROM "
                "live_mentions m) WHERE v IS NOT NULL GROUP BY v"), {})
            mentions[facet] = dict(zip(counts.column("value").to_pylist(),
                                       counts.column("n").to_pylist()))
            lists = ranks.column("ranks").combine_chunks()
            flat = lists.values.to_numpy(zero_copy_only=False).astype(np.int32)
            offsets = lists.offsets.to_numpy()
            events[facet] = {}
            for i, value in enumerate(ranks.column("value").to_pylist()):
                part = flat[offsets[i]:offsets[i + 1]]  # a view: one array holds them all
                part.sort()
                events[facet][value] = part
        by_rank = _query(self._con(), f"SELECT file_no, row, date_start IS NOT NULL AS dated "
                         f"FROM {rank} ORDER BY pos", {})
        index = FacetIndex(
            files=tuple(files),
            file_no=by_rank.column("file_no").to_numpy().astype(np.uint16),
            row=by_rank.column("row").to_numpy().astype(np.int32),
            dated=by_rank.column("dated").to_numpy(zero_copy_only=False).astype(bool),
            events=events, mentions=mentions)
        with self._guard:
            self._facets = {key: index}  # the latest store state's only
            self._facets_building.discard(key)
        return index

    def _ranked_from_facets(self, where: MentionQuery, excluded: list[str],
                            limit: int | None) -> Ranked | None:
        """`_ranked(where, excluded, False, limit, count=True)` from the facet index, when it
        is ready for the store as it is now and answers `where`; else None."""
        manifest = self._snapshot()
        index = self._facet_index(manifest)
        found = None if index is None else index.lookup(where)
        if found is None:
            return None
        ranks, mentions = found
        if excluded:
            rank, _owner, _files = self._chronology_index(manifest)
            gone = _query(self._con(), f"SELECT pos FROM {rank} WHERE list_contains($x_keys, "
                          "event_key)", {"x_keys": excluded}).column(0).to_numpy()
            ranks = np.setdiff1d(ranks, gone.astype(np.int32), assume_unique=True)
        top = ranks[index.dated[ranks]]
        if limit is not None:
            top = top[:max(int(limit), 0)]
        if not len(top):
            return Ranked(_empty("chronology"), len(ranks), mentions)
        rows = self._rows_by_place([index.files[f] for f in index.file_no[top]],
                                   index.row[top].tolist())
        if rows is None:  # compacted since the index was made: SQL, from the files now
            return None
        return Ranked(_validated(rows), len(ranks), mentions)

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
                # `pos`: the event's rank, 0 the most salient (the facet index's order)
                cursor.execute(
                    f"CREATE TABLE {rank} AS SELECT *, (row_number() OVER (ORDER BY salience "
                    "DESC, n_articles DESC, date_start NULLS LAST, event_key) - 1)::INTEGER "
                    "AS pos FROM (SELECT file_no, file_row_number::INTEGER AS row, "
                    "event_key, coalesce(salience, 0) AS salience, coalesce(n_articles, 0) AS "
                    f"n_articles, date_start FROM ({live}))", {"i_files": files})
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

    def chronology_last_reported(self) -> pd.Timestamp | None:
        """The latest day any stored event was reported (the corpus's last publication day,
        which the salience of recent days reads), None for an empty or undated chronology."""
        frame = self._run(lambda m: self._chronology_views(m, None) + (
            "SELECT max(c.last_reported) FROM live_chron c"), {}, needs=CHRONOLOGY)
        value = None if frame is None else frame.iloc[0, 0]
        return None if value is None or pd.isna(value) else pd.Timestamp(value)

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
               f"ORDER BY {_STORED_ORDER}")
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
        holding one of those and of the reactions and happenings of the same days as those events
        (scored together, salience.py), the mentions naming one day that those mentions date to the day
        (what the salience of a day reads), and every mention of all their articles; those
        stored events)."""
        params = {"w_lo": [pd.Timestamp(lo).to_pydatetime() for lo, _ in windows],
                  "w_hi": [pd.Timestamp(hi).to_pydatetime() for _, hi in windows],
                  "w_new": sorted(set(map(str, new_ids)))}
        from timeline.corpus import merge, salience   # the rules (they read no store)

        span = int(merge.rules().day_level_span)
        paired = salience.rules().reaction_kinds | salience.rules().happening_kinds
        params["w_paired"] = sorted(paired)
        context = (
            ", w AS (SELECT unnest($w_lo::TIMESTAMP[]) AS lo, unnest($w_hi::TIMESTAMP[]) AS hi)"
            ", near AS (SELECT m.event_id FROM live_mentions m SEMI JOIN w "
            "ON m.date_start <= w.hi AND m.date_end >= w.lo)"
            ", touched AS (SELECT event_id AS id FROM near UNION "
            "SELECT unnest($w_new::VARCHAR[]) AS id)"
            ", held AS (SELECT DISTINCT u.event_key FROM (SELECT event_key, unnest(mention_ids) "
            "AS m FROM live_chron) u SEMI JOIN touched t ON u.m = t.id)"
            # and the reactions and happenings of the same days as those, which are scored with
            # them (salience.py; chronology.update_chronology_rows picks the ones it replaces)
            ", held_days AS (SELECT DISTINCT c.date_start, c.date_end FROM live_chron c SEMI JOIN held "
            f"USING (event_key) WHERE date_diff('day', c.date_start, c.date_end) < {span} "
            "AND list_contains($w_paired, c.event_type))"
            ", hit AS (SELECT event_key FROM held UNION SELECT c.event_key FROM live_chron c "
            "SEMI JOIN held_days d ON c.date_start = d.date_start AND c.date_end = d.date_end "
            "WHERE list_contains($w_paired, c.event_type))"
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
            f"ORDER BY {_STORED_ORDER}"), params, needs=CHRONOLOGY)
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


def _facet_key(manifest: Manifest) -> tuple:
    """What the facet index depends on: every segment the live mentions and the chronology
    are read from, and the parts found lost."""
    return tuple(s.file for t in (DOCUMENTS, MENTIONS, TOMBSTONES, CHRONOLOGY,
                                  CHRONOLOGY_TOMBSTONES) for s in manifest.tables[t]) + (
        len(manifest.lost),)


def _validated(rows: pd.DataFrame) -> pd.DataFrame:
    """Chronology rows as read by their place, validated, without the reading's columns."""
    rows = _cells_as_lists(rows)
    return schema.validate_chronology(rows.drop(
        columns=[SEQ, "file_row_number", "filename"], errors="ignore").reset_index(drop=True))


def _cells_as_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its list cells as Python lists, which validation takes as they are: Arrow
    hands each as a NumPy array, which cost validation a pd.isna per cell (0.2 s of a filter
    change's 3,000 events)."""
    frame = frame.copy()
    for column in schema.CHRONOLOGY_LIST_COLUMNS:
        if column in frame.columns:
            frame[column] = [v.tolist() if isinstance(v, np.ndarray) else v
                             for v in frame[column]]
    return frame
