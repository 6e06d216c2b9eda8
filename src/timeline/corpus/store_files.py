"""The store's files (`timeline.corpus.store`): the manifest and the segments it lists, their
health (a corrupt segment is taken out and kept as NAME.corrupt), the writer lock, writing
and compacting segments, tidying what killed writers left, and the one call that runs SQL
over the files. Part of `EventStore`, whose module describes the layout and the faults."""
from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import pathlib
import time
import uuid
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline import schema
from timeline.corpus.segments import (
    CHRONOLOGY, DOCUMENTS, MENTIONS, SCHEMAS, SCOPE, SCOPE_MENTIONS, SEQ, TABLES, TOMBSTONES,
    Manifest, Segment, describe_error, is_temp, with_seq, write_manifest, write_parquet,
    write_text,
)
from timeline.errors import StoreError

if TYPE_CHECKING:  # only for the annotations
    from timeline.corpus.store import EventStore

MANIFEST_FILE = "manifest.json"
SEGMENTS_DIR = "segments"
LOCK_FILE = ".lock"
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
# Rows per row group, by table (others: one group). The chronology is stored most salient
# first (store_writing) in small groups: a filter change reads the few thousand most salient
# events under it by their row numbers, and DuckDB skips every group after the last row it
# needs (on 400,000 events in one group it decompressed them all, status histories included).
# The documents hold whole article texts: one article's evidence reads one group of them (on
# 64,000 articles in one group, reading one article decompressed every text: 0.3 s and 115 MB
# of the dashboard's peak memory for each event picked; 0.03 s in groups of 512).
ROW_GROUP_ROWS = {CHRONOLOGY: 4096, DOCUMENTS: 512}


class SegmentFiles:
    """The manifest, the segments' health, the lock and the writes of an `EventStore` (whose
    `__init__` sets the state these methods share)."""

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
        size = self._write_parquet(folder, name, arrow, ROW_GROUP_ROWS.get(table))
        manifest.tables[table].append(Segment(f"{SEGMENTS_DIR}/{table}/{name}",
                                               arrow.num_rows, size, ((seq, seq),)))

    def _write_parquet(self, folder: pathlib.Path, name: str, table: pa.Table,
                       row_group_size: int | None = None) -> int:
        target = folder / name
        try:
            return write_parquet(target, table, row_group_size)
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
            size = self._write_parquet(self.path / SEGMENTS_DIR / table, name, merged,
                                       ROW_GROUP_ROWS.get(table))
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


def _query(cursor: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> pa.Table:
    """The one place SQL meets the files (tests put faults here)."""
    try:
        return cursor.sql(sql, params=params or None).to_arrow_table()
    finally:
        cursor.close()


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
