"""Article collections as a stream of plain records: folders of files, JSON Lines, CSV and
Parquet tables with one article a row, and .zip archives of either.

Nothing here extracts events or builds `Document`s: a record (`Article`) is the raw material
of one article (a file's bytes, or a table row's cells) as plain picklable data, so it can go
to another process or another machine. `timeline.corpus.pipeline` turns records into
documents and events on its workers.

Costs are linear and memory is bounded: tables are streamed (Parquet a batch of rows at a time
with pyarrow, CSV a record at a time with the csv module, JSON Lines a line at a time); a file, a line or
a cell larger than one article may be (`documents.MAX_BYTES`) is refused without being read
whole. Zip archives are read in memory, entry by entry, and hostile entries are refused:
names that climb out of the archive or are absolute, links, encrypted entries, archives in
archives, and entries whose declared size or compression ratio is that of a zip bomb (the
sizes are checked again while reading, whatever the header says).

Input that cannot be read becomes a `Failure` record with a reason, in the stream, so the
caller counts it and goes on.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pathlib
import posixpath
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from timeline.documents import MAX_BYTES, SIDECAR_SUFFIX, SUFFIX_FORMATS
from timeline.folders import walk_folder

# Reasons a record failed: the summary counts failures by these (messages carry the details).
NO_PUBLICATION_DATE = "no publication date"
BAD_PUBLICATION_DATE = "publication date is not a real date"
TOO_LARGE = "larger than one article may be"
NO_TEXT = "no text"
NOT_AN_ARTICLE = "not readable as an article"
EMPTY_ARTICLE = "empty (no text)"   # a file of no bytes, or of whitespace or markup only
MALFORMED_ROW = "malformed table row"
UNSAFE_ENTRY = "refused archive entry"
UNREADABLE = "source cannot be read"
SKIPPED_FOLDER = "subfolder left unread"   # folders.walk_folder's skips: a link to a folder read already
UNSUPPORTED = "unsupported file type"

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
ARCHIVE_SUFFIXES = (".zip",)
SIDECAR_MAX_BYTES = 64 * 1024
# A table row holds one article and its few metadata cells; anything longer is refused.
ROW_MAX_BYTES = MAX_BYTES + 64 * 1024
# Zip bombs: text compresses about 3-10 times; a ratio above this is not an article collection.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM = 1024 * 1024  # small entries (a page of spaces) may compress better, harmlessly
MAX_TABLE_ENTRY_BYTES = 8 * 1024 ** 3  # a table inside an archive, uncompressed
ROWS_PER_BATCH = 256  # rows read at a time from Parquet
_COPY_CHUNK = 1024 * 1024
_ID_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Columns:
    """Which table columns hold what (the defaults are the usual names)."""

    text: str = "text"
    published: str = "published"
    title: str = "title"
    source: str = "source"
    url: str = "url"
    doc_id: str = "doc_id"


@dataclass(frozen=True)
class Article:
    """The raw material of one article, as plain data. Either `data` (a file's bytes, whose
    `name` gives its format) or `text` (a table cell) is set; the other fields are the
    metadata a table row or a sidecar gave, unparsed (None: not given)."""

    origin: str  # where it came from, for messages: "news.jsonl line 12", "a.zip!x/b.txt"
    name: str
    data: bytes | None = None
    text: str | None = None
    published: Any = None  # a string, date or datetime, as the table or sidecar had it
    title: str | None = None
    source: str | None = None
    url: str | None = None
    doc_id: str | None = None
    sidecar: str | None = None  # the text of NAME.meta.yaml beside a file, if any


@dataclass(frozen=True)
class Failure:
    """An input that gave no article: where, the reason (one of the constants above) and a
    message for people."""

    origin: str
    reason: str
    message: str


Record = Article | Failure


def supported(path: pathlib.Path) -> bool:
    """Whether `path`'s name says it is an article file, a table or an archive."""
    suffix = path.suffix.lower()
    return suffix in SUFFIX_FORMATS or suffix in TABLE_SUFFIXES or suffix in ARCHIVE_SUFFIXES


def source_files(paths: Iterable[str | os.PathLike[str]],
                 exclude: pathlib.Path | None = None) -> Iterator[pathlib.Path | Failure]:
    """The files named, and the supported files inside the folders named and their subfolders
    (folders.walk_folder: sorted, hidden files and sidecars left out, and nothing under
    `exclude`, the store being written, which may well sit inside the folder ingested); a path
    that does not exist, or a subfolder left unread, is a Failure."""
    for raw in paths:
        path = pathlib.Path(raw)
        if path.is_dir():
            walk = walk_folder(path, supported, exclude)
            yield from (Failure(str(s.path), SKIPPED_FOLDER, s.message) for s in walk.skipped)
            yield from walk.files
        elif path.is_file():
            yield path
        else:
            yield Failure(str(path), UNREADABLE, f"{path}: no such file or folder")


def read_collection(paths: Iterable[str | os.PathLike[str]], columns: Columns = Columns(),
                    exclude: pathlib.Path | None = None) -> Iterator[Record]:
    """Every article of the files, folders, tables and archives at `paths` (none under
    `exclude`), in order, as records; what cannot be read is a Failure record in the stream."""
    for item in source_files(paths, exclude):
        if isinstance(item, Failure):
            yield item
            continue
        yield from _read_path(item, columns)


def count_collection(paths: Iterable[str | os.PathLike[str]], columns: Columns = Columns(),
                     exclude: pathlib.Path | None = None) -> int:
    """How many records `read_collection` will give, found cheaply (file names, Parquet
    metadata, line counts; CSV tables are parsed once more, one column). An estimate when
    the input changes meanwhile."""
    total = 0
    for item in source_files(paths, exclude):
        if isinstance(item, Failure):
            total += 1
            continue
        suffix = item.suffix.lower()
        try:
            if suffix in TABLE_SUFFIXES:
                with open(item, "rb") as handle:
                    total += _count_table(handle, suffix, str(item), columns)
            elif suffix in ARCHIVE_SUFFIXES:
                total += _count_archive(item, columns)
            else:
                total += 1
        except Exception:  # noqa: BLE001 - the reading pass reports it; here it counts once
            total += 1
    return total


# Files -----------------------------------------------------------------------------------------

def _read_path(path: pathlib.Path, columns: Columns) -> Iterator[Record]:
    suffix = path.suffix.lower()
    label = str(path)
    if suffix in TABLE_SUFFIXES:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator ends
        except OSError as exc:
            yield Failure(label, UNREADABLE, f"{label}: cannot be opened: {exc.strerror or exc}")
            return
        with handle:
            yield from _read_table(handle, suffix, label, path.stem, columns)
    elif suffix in ARCHIVE_SUFFIXES:
        yield from _read_archive(path, columns)
    elif suffix in SUFFIX_FORMATS:
        yield _read_article_file(path)
    else:
        yield Failure(label, UNSUPPORTED, f"{label}: is not an article (.txt, .md, .html), "
                                          "a table (.jsonl, .csv, .parquet) or a .zip archive")


def _read_article_file(path: pathlib.Path) -> Record:
    label = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Failure(label, TOO_LARGE, _too_large(label, size))
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # bounded even if the file grew meanwhile
    except OSError as exc:
        return Failure(label, UNREADABLE, f"{label}: cannot be read: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        return Failure(label, TOO_LARGE, _too_large(label, len(data)))
    sidecar_path = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    sidecar = None
    if sidecar_path.is_file():
        try:
            with open(sidecar_path, "rb") as handle:
                raw = handle.read(SIDECAR_MAX_BYTES + 1)
        except OSError as exc:
            return Failure(label, UNREADABLE,
                           f"{sidecar_path}: cannot be read: {exc.strerror or exc}")
        if len(raw) > SIDECAR_MAX_BYTES:
            return Failure(label, TOO_LARGE, f"{sidecar_path}: metadata larger than "
                                             f"{SIDECAR_MAX_BYTES // 1024} KB")
        sidecar = raw.decode("utf-8-sig", errors="replace")
    return Article(origin=label, name=path.name, data=data, sidecar=sidecar)


def _too_large(label: str, size: int) -> str:
    return (f"{label}: is {size / 1024 ** 2:.1f} MB; the limit for one article is "
            f"{MAX_BYTES / 1024 ** 2:.1f} MB")


# Tables ----------------------------------------------------------------------------------------

def _read_table(handle: IO[bytes], suffix: str, label: str, stem: str,
                columns: Columns) -> Iterator[Record]:
    """The rows of one table (a file or an archive entry) as records."""
    try:
        if suffix in (".jsonl", ".ndjson"):
            yield from _jsonl_rows(handle, label, stem, columns)
        elif suffix == ".csv":
            yield from _csv_rows(handle, label, stem, columns)
        else:
            yield from _parquet_rows(handle, label, stem, columns)
    except _Refused as exc:
        yield Failure(label, UNSAFE_ENTRY, f"{label}: {exc}")
    except Exception as exc:  # noqa: BLE001 - a broken table: the rows read so far stand
        yield Failure(label, UNREADABLE, f"{label}: cannot be read as a table "
                                         f"({type(exc).__name__}: {_first_line(exc)})")


def _row_record(row: dict[str, Any], label: str, where: str, stem: str,
                columns: Columns) -> Record:
    origin = f"{label} {where}"
    text = row.get(columns.text)
    if text is None or (isinstance(text, str) and not text.strip()):
        return Failure(origin, NO_TEXT, f"{origin}: the column {columns.text!r} is empty "
                                        "or missing")
    if not isinstance(text, str):
        text = str(text)
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_BYTES:
        return Failure(origin, TOO_LARGE, _too_large(origin, size))
    doc_id = _cell(row.get(columns.doc_id))
    doc_id = _ID_UNSAFE.sub("-", doc_id).strip("-.")[:100] if doc_id else None
    number = where.rsplit(" ", 1)[-1]
    return Article(
        origin=origin, name=f"{stem}-{number}", text=text,
        published=_published_cell(row.get(columns.published)),
        title=_cell(row.get(columns.title)), source=_cell(row.get(columns.source)),
        url=_cell(row.get(columns.url)),
        doc_id=doc_id or f"{_ID_UNSAFE.sub('-', stem).strip('-.')[:80]}-{number}")


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN: an empty cell
        return None
    text = " ".join(str(value).split())
    return text or None


def _published_cell(value: Any) -> Any:
    """Dates and datetimes as they are; anything else as trimmed text (None when empty)."""
    import datetime as dt

    if isinstance(value, (dt.date, dt.datetime)):
        return value
    return _cell(value)


def _jsonl_rows(handle: IO[bytes], label: str, stem: str, columns: Columns) -> Iterator[Record]:
    number = 0
    while True:
        line = handle.readline(ROW_MAX_BYTES + 1)
        if not line:
            return
        number += 1
        where = f"line {number}"
        if len(line) > ROW_MAX_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(_COPY_CHUNK)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the long line without holding it
            yield Failure(f"{label} {where}", TOO_LARGE,
                          f"{label} {where}: longer than {ROW_MAX_BYTES / 1024 ** 2:.1f} MB")
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield Failure(f"{label} {where}", MALFORMED_ROW,
                          f"{label} {where}: not valid JSON ({_first_line(exc)})")
            continue
        if not isinstance(row, dict):
            yield Failure(f"{label} {where}", MALFORMED_ROW,
                          f"{label} {where}: a JSON object with a {columns.text!r} key was "
                          f"expected, not {type(row).__name__}")
            continue
        yield _row_record(row, label, where, stem, columns)


def _csv_records(handle: IO[bytes]) -> Iterator[list[str]]:
    """The records of a CSV table, streamed by the standard library's reader (quoted cells may
    hold line breaks). pyarrow's streaming CSV reader was measured holding memory in proportion
    to the file on long tables, so it is not used here."""
    if csv.field_size_limit() < ROW_MAX_BYTES:
        # Raised once, never lowered: the default (128 KB) is below one article's limit, and
        # too-large cells are refused by size afterwards anyway.
        csv.field_size_limit(ROW_MAX_BYTES)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace", newline="")
    try:
        yield from csv.reader(text)
    finally:
        text.detach()  # the caller closes the underlying stream


def _csv_rows(handle: IO[bytes], label: str, stem: str, columns: Columns) -> Iterator[Record]:
    records = _csv_records(handle)
    names = next(records, None)
    if not names:
        raise ValueError("the table has no header row")
    number = 0
    for cells in records:
        number += 1
        where = f"row {number}"
        if len(cells) > len(names):
            yield Failure(f"{label} {where}", MALFORMED_ROW,
                          f"{label} {where}: {len(cells)} cells where the header has "
                          f"{len(names)}")
            continue
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        row = {name: (cell if cell != "" else None) for name, cell in zip(names, cells)}
        yield _row_record(row, label, where, stem, columns)


def _parquet_rows(handle: IO[bytes], label: str, stem: str,
                  columns: Columns) -> Iterator[Record]:
    import pyarrow.parquet as pq

    table = pq.ParquetFile(handle)
    present = set(table.schema_arrow.names)
    wanted = [c for c in dict.fromkeys(vars(columns).values()) if c in present]
    number = 0
    for batch in table.iter_batches(batch_size=ROWS_PER_BATCH, columns=wanted):
        for row in batch.to_pylist():
            number += 1
            yield _row_record(row, label, f"row {number}", stem, columns)


def _count_table(handle: IO[bytes], suffix: str, label: str, columns: Columns) -> int:
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(handle).metadata.num_rows
    if suffix == ".csv":
        return max(sum(1 for _ in _csv_records(handle)) - 1, 1)
    lines = 0
    while chunk := handle.read(_COPY_CHUNK):
        lines += chunk.count(b"\n")
    return max(lines, 1)


# Archives --------------------------------------------------------------------------------------

class _Refused(Exception):
    """An archive entry that is not read (its message says why)."""


def _open_archive(path: pathlib.Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(path)


def _archive_entries(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)


def _read_archive(path: pathlib.Path, columns: Columns) -> Iterator[Record]:
    label = str(path)
    try:
        archive = _open_archive(path)
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        yield Failure(label, UNREADABLE, f"{label}: not a readable zip archive "
                                         f"({_first_line(exc)})")
        return
    with archive:
        names = {i.filename for i in archive.infolist()}
        for info in _archive_entries(archive):
            origin = f"{label}!{info.filename}"
            entry = posixpath.basename(info.filename)
            suffix = posixpath.splitext(entry)[1].lower()
            if entry.startswith(".") or info.filename.startswith("__MACOSX/") \
                    or entry.lower().endswith(SIDECAR_SUFFIX):
                continue  # hidden files, macOS resource forks, sidecars (read with their file)
            try:
                _check_entry(info)
                if suffix in ARCHIVE_SUFFIXES:
                    raise _Refused("an archive inside an archive is not read; unpack it first")
                if suffix in TABLE_SUFFIXES:
                    yield from _archive_table(archive, info, origin, columns)
                elif suffix in SUFFIX_FORMATS:
                    yield _archive_article(archive, info, origin, names)
                # other files in an archive (images, READMEs) are not articles: passed over
            except _Refused as exc:
                yield Failure(origin, UNSAFE_ENTRY, f"{origin}: {exc}")
            except (OSError, zipfile.BadZipFile, EOFError, ValueError,
                    NotImplementedError) as exc:
                yield Failure(origin, UNREADABLE, f"{origin}: cannot be read "
                                                  f"({type(exc).__name__}: {_first_line(exc)})")


def _check_entry(info: zipfile.ZipInfo) -> None:
    """Refuse entries no article collection has: escaping names, links, encryption, bombs."""
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts \
            or "\x00" in name:
        raise _Refused("its name leads outside the archive")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _Refused("it is a symbolic link")
    if info.flag_bits & 0x1:
        raise _Refused("it is encrypted")
    if info.file_size > RATIO_CHECK_FROM and \
            info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
        raise _Refused(f"it would expand {info.file_size // max(info.compress_size, 1)} times "
                       f"(over {MAX_COMPRESSION_RATIO}): a zip bomb, not articles")


class _BoundedReader(io.RawIOBase):
    """An archive entry's stream that fails once it gives more than `limit` bytes or more
    than the compression ratio allows, whatever the entry's header declared."""

    def __init__(self, stream: IO[bytes], limit: int, compressed: int) -> None:
        self._stream = stream
        self._limit = limit
        self._ratio_limit = max(RATIO_CHECK_FROM, MAX_COMPRESSION_RATIO * max(compressed, 1))
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        self.count += len(data)
        if self.count > self._limit:
            raise _Refused(f"it holds more than {self._limit / 1024 ** 2:.1f} MB")
        if self.count > self._ratio_limit:
            raise _Refused(f"it expands more than {MAX_COMPRESSION_RATIO} times: a zip bomb")
        buffer[: len(data)] = data
        return len(data)


def _bounded_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise _Refused(f"it is {info.file_size / 1024 ** 2:.1f} MB; the limit is "
                       f"{limit / 1024 ** 2:.1f} MB")
    with archive.open(info) as stream:
        reader = _BoundedReader(stream, limit, info.compress_size)
        chunks = []
        while chunk := reader.read(_COPY_CHUNK):  # fails past `limit`, whatever was declared
            chunks.append(chunk)
        return b"".join(chunks)


def _archive_article(archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str,
                     names: set[str]) -> Record:
    if info.file_size > MAX_BYTES:
        return Failure(origin, TOO_LARGE, _too_large(origin, info.file_size))
    data = _bounded_read(archive, info, MAX_BYTES)
    stem, _ = posixpath.splitext(info.filename)
    sidecar = None
    if stem + SIDECAR_SUFFIX in names:
        side = archive.getinfo(stem + SIDECAR_SUFFIX)
        _check_entry(side)
        sidecar = _bounded_read(archive, side, SIDECAR_MAX_BYTES).decode("utf-8-sig",
                                                                         errors="replace")
    return Article(origin=origin, name=posixpath.basename(info.filename), data=data,
                   sidecar=sidecar)


def _archive_table(archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str,
                   columns: Columns) -> Iterator[Record]:
    if info.file_size > MAX_TABLE_ENTRY_BYTES:
        raise _Refused(f"it is {info.file_size / 1024 ** 3:.1f} GB uncompressed")
    suffix = posixpath.splitext(info.filename)[1].lower()
    stem = posixpath.splitext(posixpath.basename(info.filename))[0]
    with _table_stream(archive, info, suffix) as handle:
        yield from _read_table(handle, suffix, origin, stem, columns)


@contextlib.contextmanager
def _table_stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                  suffix: str) -> Iterator[IO[bytes]]:
    """A readable stream of a table entry. Parquet readers seek to the footer and back, which
    a compressed stream does slowly, so a Parquet entry is first copied (bounded) to a
    temporary file; JSON Lines and CSV are read straight from the archive."""
    with archive.open(info) as raw:
        bounded = io.BufferedReader(_BoundedReader(raw, MAX_TABLE_ENTRY_BYTES,
                                                   info.compress_size), _COPY_CHUNK)
        if suffix != ".parquet":
            yield bounded
            return
        with tempfile.TemporaryFile() as copy:
            shutil.copyfileobj(bounded, copy, _COPY_CHUNK)
            copy.seek(0)
            yield copy


def _count_archive(path: pathlib.Path, columns: Columns) -> int:
    total = 0
    with _open_archive(path) as archive:
        for info in _archive_entries(archive):
            entry = posixpath.basename(info.filename)
            suffix = posixpath.splitext(entry)[1].lower()
            if entry.startswith(".") or info.filename.startswith("__MACOSX/") \
                    or entry.lower().endswith(SIDECAR_SUFFIX):
                continue
            if suffix in TABLE_SUFFIXES:
                try:
                    _check_entry(info)
                    with _table_stream(archive, info, suffix) as handle:
                        total += _count_table(handle, suffix, info.filename, columns)
                except Exception:  # noqa: BLE001 - reported when read; counted once here
                    total += 1
            elif suffix in SUFFIX_FORMATS or suffix in ARCHIVE_SUFFIXES:
                total += 1
    return total


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:300] if lines else type(exc).__name__
