"""Reading article collections: folders, JSON Lines, CSV, Parquet and zip archives become one
record per article, streamed; what cannot be read is a failure with its reason, and the rest
go on. No extraction here (see test_cli_ingest.py for the whole path)."""
from __future__ import annotations

import datetime as dt
import json
import pathlib
import stat
import subprocess
import sys
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from timeline.corpus import collections as coll
from timeline.corpus.collections import Article, Columns, Failure, count_collection, read_collection
from timeline.documents import MAX_BYTES

ROWS = [
    {"text": "Envoys met in Oslo on Monday.", "published": "2022-03-02", "title": "Oslo talks",
     "source": "Invented Wire", "url": "https://example.org/a", "doc_id": "wire-1"},
    {"text": "The truce held on Friday,\nofficials said.", "published": "2022-03-05"},
    {"text": "No date here.", "published": None},
]


def articles(records) -> list[Article]:
    return [r for r in records if isinstance(r, Article)]


def failures(records) -> list[Failure]:
    return [r for r in records if isinstance(r, Failure)]


def write_jsonl(path: pathlib.Path, rows) -> pathlib.Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(path: pathlib.Path, rows, names=("text", "published", "title")) -> pathlib.Path:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(names), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_parquet(path: pathlib.Path, rows, row_group_size: int | None = None) -> pathlib.Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def test_a_folder_gives_its_articles_sorted_with_their_sidecars_and_skips_hidden_files(tmp_path):
    (tmp_path / "b.txt").write_text("Second article.")
    (tmp_path / "a.md").write_text("First article.")
    (tmp_path / "a.meta.yaml").write_text("published: 2021-01-02\ntitle: A\n")
    (tmp_path / ".hidden.txt").write_text("Not an article.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    records = list(read_collection([tmp_path]))
    assert [r.name for r in records] == ["a.md", "b.txt"]
    assert "published: 2021-01-02" in records[0].sidecar
    assert records[1].sidecar is None and records[1].data == b"Second article."


@pytest.mark.parametrize("writer, suffix", [(write_jsonl, ".jsonl"), (write_csv, ".csv"),
                                            (write_parquet, ".parquet")])
def test_a_table_gives_one_record_per_row_with_its_cells(tmp_path, writer, suffix):
    records = list(read_collection([writer(tmp_path / f"news{suffix}", ROWS)]))
    assert [r.text for r in records] == [row["text"] for row in ROWS]
    assert [r.published for r in records] == ["2022-03-02", "2022-03-05", None]
    assert records[0].title == "Oslo talks"
    assert records[1].doc_id == "news-2"  # the table's name and the row number, when no id
    assert records[1].origin.endswith(("row 2", "line 2"))


def test_a_jsonl_table_keeps_its_ids_sources_and_addresses(tmp_path):
    first = list(read_collection([write_jsonl(tmp_path / "news.jsonl", ROWS)]))[0]
    assert (first.doc_id, first.source, first.url) == ("wire-1", "Invented Wire",
                                                       "https://example.org/a")


def test_custom_column_names_are_read(tmp_path):
    rows = [{"body": "Talks resumed on Tuesday.", "date": "2020-06-03", "headline": "Resumed",
             "id": "x 1/2"}]
    columns = Columns(text="body", published="date", title="headline", doc_id="id")
    record = list(read_collection([write_jsonl(tmp_path / "t.jsonl", rows)], columns))[0]
    assert (record.text, record.published, record.title) == (
        "Talks resumed on Tuesday.", "2020-06-03", "Resumed")
    assert record.doc_id == "x-1-2"  # made safe for file names and links


def test_parquet_dates_stay_dates(tmp_path):
    path = write_parquet(tmp_path / "d.parquet", [{"text": "Met on Monday.",
                                                   "published": dt.date(2019, 5, 6)}])
    assert list(read_collection([path]))[0].published == dt.date(2019, 5, 6)


def test_bad_jsonl_lines_are_failures_and_the_next_lines_are_read(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"text": "One.", "published": "2020-01-01"}\n{broken\n[1, 2]\n\n'
                    '{"text": "", "published": "2020-01-01"}\n'
                    '{"text": "Two.", "published": "2020-01-01"}\n')
    records = list(read_collection([path]))
    assert [r.text for r in articles(records)] == ["One.", "Two."]
    assert [f.reason for f in failures(records)] == [coll.MALFORMED_ROW, coll.MALFORMED_ROW,
                                                     coll.NO_TEXT]
    assert "line 2" in failures(records)[0].message


def test_a_jsonl_line_longer_than_an_article_is_refused_without_losing_the_next(tmp_path):
    path = tmp_path / "long.jsonl"
    with open(path, "w") as handle:
        handle.write(json.dumps({"text": "x" * (MAX_BYTES + 200_000)}) + "\n")
        handle.write(json.dumps({"text": "Short.", "published": "2020-01-01"}) + "\n")
    records = list(read_collection([path]))
    assert [f.reason for f in failures(records)] == [coll.TOO_LARGE]
    assert [a.text for a in articles(records)] == ["Short."]


def test_a_cell_larger_than_an_article_is_refused(tmp_path):
    path = write_csv(tmp_path / "big.csv", [{"text": "é" * (MAX_BYTES // 2 + 1)},
                                            {"text": "Fine."}])
    records = list(read_collection([path]))
    assert [f.reason for f in failures(records)] == [coll.TOO_LARGE]
    assert [a.text for a in articles(records)] == ["Fine."]


def test_a_csv_row_with_too_many_fields_is_a_failure_and_the_others_are_read(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text('text,published\n"Met on\nMonday.",2020-01-01\nTwo,2020-01-02,extra\n'
                    "Three,2020-01-03\n")
    records = list(read_collection([path]))
    assert [a.text for a in articles(records)] == ["Met on\nMonday.", "Three"]
    assert [f.reason for f in failures(records)] == [coll.MALFORMED_ROW]


def test_an_unreadable_table_and_a_missing_path_are_failures_not_errors(tmp_path):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    records = list(read_collection([broken, tmp_path / "nowhere"]))
    assert [f.reason for f in records] == [coll.UNREADABLE, coll.UNREADABLE]
    assert "nowhere: no such file or folder" in records[1].message


def make_zip(path: pathlib.Path, entries: dict[str, bytes], **kwargs) -> pathlib.Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, **kwargs) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_a_zip_gives_its_articles_with_sidecars_and_its_tables_rows(tmp_path):
    table = (tmp_path / "t.jsonl")
    write_jsonl(table, ROWS[:2])
    path = make_zip(tmp_path / "a.zip", {
        "news/one.txt": b"Envoys met on Monday.",
        "news/one.meta.yaml": b"published: 2022-01-05\n",
        "news/two.html": b"<html><body><p>Text</p></body></html>",
        "rows.jsonl": table.read_bytes(),
        "README.pdf": b"%PDF",
        "__MACOSX/news/._one.txt": b"junk",
    })
    records = list(read_collection([path]))
    assert [r.origin.split("!")[1].split(" ")[0] for r in records] == [
        "news/one.txt", "news/two.html", "rows.jsonl", "rows.jsonl"]
    assert records[0].sidecar == "published: 2022-01-05\n"
    assert records[3].text == ROWS[1]["text"]
    assert count_collection([path]) == 4


@pytest.mark.parametrize("name, why", [
    ("../escape.txt", "outside the archive"),
    ("/etc/passwd.txt", "outside the archive"),
    ("C:/windows.txt", "outside the archive"),
    ("inner.zip", "archive inside an archive"),
])
def test_hostile_zip_entry_names_are_refused_and_the_rest_read(tmp_path, name, why):
    path = make_zip(tmp_path / "h.zip", {name: b"Evil.", "good.txt": b"Good."})
    records = list(read_collection([path]))
    assert [a.data for a in articles(records)] == [b"Good."]
    [failure] = failures(records)
    assert failure.reason == coll.UNSAFE_ENTRY and why in failure.message


def test_a_symbolic_link_in_a_zip_is_refused(tmp_path):
    path = tmp_path / "l.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("link.txt")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    [failure] = list(read_collection([path]))
    assert failure.reason == coll.UNSAFE_ENTRY and "symbolic link" in failure.message


def test_a_zip_bomb_entry_is_refused_before_it_is_expanded(tmp_path):
    path = make_zip(tmp_path / "bomb.zip", {"rows.jsonl": b"\n" * (64 * 1024 * 1024),
                                            "ok.txt": b"Fine."})
    records = list(read_collection([path]))
    assert [a.data for a in articles(records)] == [b"Fine."]
    [failure] = failures(records)
    assert failure.reason == coll.UNSAFE_ENTRY and "zip bomb" in failure.message


def test_a_zip_entry_whose_header_understates_its_size_gives_no_article(tmp_path):
    """A header that declares 100 bytes for 2 MB of data: reading stops at what was
    declared and the entry is reported, never expanded past it."""
    import struct

    path = make_zip(tmp_path / "lie.zip", {"big.txt": b"a" * (MAX_BYTES + 10),
                                           "ok.txt": b"Fine."})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(signature)  # the first entry's local header, then its directory entry
        struct.pack_into("<I", data, at + offset, 100)
    path.write_bytes(bytes(data))
    records = list(read_collection([path]))
    assert [a.data for a in articles(records)] == [b"Fine."]
    [failure] = failures(records)
    assert failure.reason == coll.UNREADABLE and "big.txt" in failure.message


def test_an_article_file_larger_than_the_limit_is_refused_unread(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    [failure] = list(read_collection([big]))
    assert failure.reason == coll.TOO_LARGE and "2.0 MB" in failure.message


def test_counting_matches_what_is_read(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", ROWS)
    write_csv(tmp_path / "b.csv", ROWS)
    write_parquet(tmp_path / "c.parquet", ROWS)
    (tmp_path / "d.txt").write_text("One more.")
    assert count_collection([tmp_path]) == len(list(read_collection([tmp_path]))) == 10


# The peak resident memory of a fresh process (VmHWM; ru_maxrss would be inherited from
# the test process on Linux) before and after reading every record of a table.
STREAM_PROBE = """
import re, sys
from timeline.corpus.collections import read_collection
import pyarrow.parquet, pyarrow.csv
def peak():
    status = open("/proc/self/status").read()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024
before = peak()
n = sum(1 for _ in read_collection([sys.argv[1]]))
print(n, peak() - before)
"""


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
@pytest.mark.skipif(not pathlib.Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_large_table_is_streamed_not_loaded_whole(tmp_path, suffix):
    """About 100 MB of article text: loaded whole it would take at least that much memory;
    streamed, memory grows by the readers' buffers (a few blocks of rows) only."""
    rows = [{"text": f"Row {i}: " + "envoys met and talked at length. " * 60,
             "published": "2021-01-01"} for i in range(50_000)]
    text_bytes = sum(len(r["text"]) for r in rows)
    path = tmp_path / f"big{suffix}"
    {".jsonl": write_jsonl, ".csv": write_csv}.get(suffix, lambda p, r: write_parquet(
        p, r, row_group_size=1000))(path, rows)
    del rows
    out = subprocess.run([sys.executable, "-c", STREAM_PROBE, str(path)], capture_output=True,
                         text=True, check=True)
    count, grown = map(int, out.stdout.split())
    assert count == 50_000
    assert grown < text_bytes / 2 + 30 * 1024 ** 2, f"reading grew memory by {grown / 1e6:.0f} MB"
