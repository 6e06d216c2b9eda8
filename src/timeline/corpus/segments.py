"""The store's files: the segment and manifest records, the Arrow schema of each table, and
writing a file atomically (temp file in the same folder, fsync, rename, fsync the folder).
`timeline.corpus.store` builds the store on these; nothing here knows about queries."""
from __future__ import annotations

import contextlib
import errno
import json
import os
import pathlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline import schema

FORMAT_VERSION = 2
TEMP_PREFIX = ".tmp-"

SEQ = "_seq"
SCOPE = "scope"
SCOPE_ALL = "all"
SCOPE_MENTIONS = "mentions"

DOCUMENTS = "documents"
MENTIONS = "mentions"
TOMBSTONES = "tombstones"
CHRONOLOGY = "chronology"
CHRONOLOGY_TOMBSTONES = "chronology_tombstones"
EDITS = "edits"
TABLES = (DOCUMENTS, MENTIONS, TOMBSTONES, CHRONOLOGY, CHRONOLOGY_TOMBSTONES, EDITS)

ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "datetime64[ns]": pa.timestamp("ns"),
    "Int64": pa.int64(),
    "bool": pa.bool_(),
    "float64": pa.float64(),
    "object": pa.list_(pa.string()),
}


def arrow_schema(columns: dict[str, str]) -> pa.Schema:
    return pa.schema([(name, ARROW_TYPES[dtype]) for name, dtype in columns.items()]
                     + [(SEQ, pa.int64())])


SCHEMAS: dict[str, pa.Schema] = {
    DOCUMENTS: arrow_schema(schema.DOCUMENT_COLUMNS),
    MENTIONS: arrow_schema(schema.EVENT_COLUMNS),
    TOMBSTONES: arrow_schema({schema.DOC_ID: "string", SCOPE: "string"}),
    CHRONOLOGY: arrow_schema(schema.CHRONOLOGY_COLUMNS),
    CHRONOLOGY_TOMBSTONES: arrow_schema({schema.EVENT_KEY: "string"}),
    EDITS: arrow_schema(schema.EDIT_COLUMNS),
}


@dataclass(frozen=True)
class Segment:
    file: str            # relative to the store folder
    rows: int
    size: int
    seqs: tuple[tuple[int, int], ...]  # the batches whose rows it holds, as ranges

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "rows": self.rows, "size": self.size,
                "seqs": [list(r) for r in self.seqs]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Segment:
        return cls(str(data["file"]), int(data["rows"]), int(data.get("size", 0)),
                   tuple((int(lo), int(hi)) for lo, hi in data["seqs"]))


@dataclass
class Manifest:
    next_seq: int = 1
    tables: dict[str, list[Segment]] = field(
        default_factory=lambda: {t: [] for t in TABLES})
    retired: list[dict[str, Any]] = field(default_factory=list)
    lost: list[dict[str, Any]] = field(default_factory=list)
    pending_rebuild: list[list[int]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"format": FORMAT_VERSION, "next_seq": self.next_seq,
                "tables": {t: [s.as_json() for s in segs] for t, segs in self.tables.items()},
                "retired": self.retired, "lost": self.lost,
                "pending_rebuild": self.pending_rebuild}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT_VERSION}")
        tables = {t: [Segment.from_json(s) for s in data["tables"].get(t, [])] for t in TABLES}
        return cls(int(data["next_seq"]), tables, list(data.get("retired", [])),
                   list(data.get("lost", [])), list(data.get("pending_rebuild", [])))

    def copy(self) -> Manifest:
        return Manifest.from_json(json.loads(json.dumps(self.as_json())))


def write_atomically(target: pathlib.Path, write: Any) -> int:
    """Write `target` through `write(temporary_path)`: temp file in the same folder, fsync,
    rename, fsync the folder; a failure removes the temp file and leaves `target` as it was
    (OSError and Arrow errors propagate). Returns the size written."""
    temporary = target.parent / f"{TEMP_PREFIX}{target.name}.{uuid.uuid4().hex}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write(temporary)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
            size = os.fstat(handle.fileno()).st_size
        os.replace(temporary, target)
        fsync_directory(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return size


def write_parquet(target: pathlib.Path, table: pa.Table, row_group_size: int | None = None) -> int:
    """`table` as a Parquet file (row groups of `row_group_size` rows; None: pyarrow's default,
    one group up to a million rows)."""
    return write_atomically(target, lambda path: pq.write_table(table, path,
                                                                row_group_size=row_group_size))


def write_text(target: pathlib.Path, text: str) -> int:
    return write_atomically(target, lambda path: pathlib.Path(path).write_text(text, "utf-8"))


def write_manifest(target: pathlib.Path, manifest: Manifest) -> int:
    return write_text(target, json.dumps(manifest.as_json(), separators=(",", ":")))


def with_seq(table: pa.Table, target: pa.Schema) -> pa.Table:
    """A segment's table in the `target` schema. A segment written before a column was added
    to the schema (a store of an older version) gets it as nulls, as the readers' union by name
    gives it."""
    if SEQ not in table.column_names:
        table = table.append_column(SEQ, pa.array([0] * table.num_rows, pa.int64()))
    for column in target:
        if column.name not in table.column_names:
            table = table.append_column(column.name, pa.nulls(table.num_rows, column.type))
    return table.select(target.names).cast(target)


def fingerprints(values: Sequence[str | None]) -> np.ndarray:
    """64-bit fingerprints of strings (pandas' vectorised hash): equal strings, equal values."""
    return pd.util.hash_array(np.asarray([v or "" for v in values], dtype=object)).astype(
        np.uint64)


def is_temp(name: str) -> bool:
    """A temp file of ours, or of format 1 (`.documents.parquet.<uuid>.tmp`)."""
    return name.startswith(TEMP_PREFIX) or (name.startswith(".") and name.endswith(".tmp"))


def segment_files(manifest: Manifest) -> list[str]:
    return [s.file for table in TABLES for s in manifest.tables[table]]


def existing_parent(path: pathlib.Path) -> pathlib.Path | None:
    for parent in path.parents:
        if parent.exists():
            return parent
    return None


def fsync_directory(path: pathlib.Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno is not None:
        name = errno.errorcode.get(exc.errno, str(exc.errno))
        return f"{name}: {exc.strerror or exc}"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__
