"""Rewrite a COPY of a store's segments in the row groups this version writes (not a test).

A store keeps the row groups its segments were written with until compaction merges them:
a benchmark store made before a change of `store_files.ROW_GROUP_ROWS` (the documents in
groups of 512 articles, session 16) would measure the old layout. This rewrites each segment
of the tables named, the same rows in the same order, in the current row groups, and records
the new file sizes in the manifest. Run it on a copy, never on a store a dashboard has open.

Run: .venv/bin/python bench/relayout_store.py STORE [--tables documents chronology]
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib

import pyarrow.parquet as pq

from timeline.corpus.store_files import ROW_GROUP_ROWS


def relayout(store: pathlib.Path, tables: list[str]) -> None:
    manifest_path = store / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for table in tables:
        for segment in manifest["tables"].get(table, []):
            path = store / segment["file"]
            before = pq.ParquetFile(path).metadata.num_row_groups
            data = pq.read_table(path)
            temporary = path.with_suffix(".relayout")
            pq.write_table(data, temporary, row_group_size=ROW_GROUP_ROWS.get(table))
            os.replace(temporary, path)
            segment["size"] = path.stat().st_size
            after = pq.ParquetFile(path).metadata.num_row_groups
            print(f"{segment['file']}: {data.num_rows:,} rows, {before} -> {after} row groups")
    temporary = manifest_path.with_suffix(".relayout")
    temporary.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(temporary, manifest_path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=pathlib.Path)
    parser.add_argument("--tables", nargs="+", default=["documents"])
    args = parser.parse_args()
    relayout(args.store, args.tables)


if __name__ == "__main__":
    main()
