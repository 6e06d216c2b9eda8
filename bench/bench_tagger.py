"""Benchmark: documents per second of `timeline.tag_times` against dateparser's `search_dates`.

Not a test: it prints throughput and the ratio, both measured in the same run over the same
documents. By default the documents are the TempEval-3 training corpus in ../shared/eval
(TimeBank + AQUAINT, 256 news articles) when it is there; otherwise give JSONL files (one
{"text", "dct"} object a line) or plain-text files on the command line.

- tag_times: one process, rules loaded before timing (a warm-up document);
- search_dates(languages=["en"]) with RELATIVE_BASE set to the publication date, per call,
  the way the dateparser documentation recommends (it is slow without `languages`).

Run: .venv/bin/python bench/bench_tagger.py [FILES...] [--limit N] [--repeat R]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import time
from collections.abc import Callable

from dateparser.search import search_dates

from timeline import tag_times

REPO = pathlib.Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = [REPO.parent / "shared" / "eval" / "timebank.jsonl", REPO.parent / "shared" / "eval" / "aquaint.jsonl"]


def load(paths: list[pathlib.Path]) -> list[tuple[str, str | None]]:
    docs: list[tuple[str, str | None]] = []
    for path in paths:
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    docs.append((record["text"], record.get("dct")))
        else:
            docs.append((path.read_text(encoding="utf-8"), None))
    return docs


def throughput(docs: list[tuple[str, str | None]], tag: Callable[[str, str | None], object],
               repeat: int) -> tuple[float, float, int]:
    """Best documents per second over `repeat` passes (wall clock and CPU time of this
    process: on a busy machine the CPU figure is the steadier one), and the number found."""
    best_wall = best_cpu = float("inf")
    found = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        found = sum(len(tag(text, dct) or []) for text, dct in docs)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return len(docs) / best_wall, len(docs) / max(best_cpu, 1e-9), found


def with_tag_times(text: str, dct: str | None) -> list:
    return tag_times(text, published=dct)


def with_search_dates(text: str, dct: str | None) -> list:
    base = dt.datetime.fromisoformat(dct) if dct else dt.datetime(2000, 1, 1)
    return search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=pathlib.Path)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N documents")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    paths = args.files or [p for p in DEFAULT_CORPUS if p.exists()]
    if not paths:
        parser.error("no corpus: ../shared/eval is not there; give JSONL or text files")
    docs = load(paths)[: args.limit or None]
    chars = sum(len(text) for text, _ in docs)
    with_tag_times(*docs[0])  # loading and compiling the rules is not throughput
    with_search_dates(*docs[0])
    ours, ours_cpu, ours_found = throughput(docs, with_tag_times, args.repeat)
    theirs, theirs_cpu, theirs_found = throughput(docs, with_search_dates, args.repeat)
    print(f"{len(docs)} documents, {chars / 1000:.0f} kB; docs/s by wall clock (by CPU time)")
    print(f"tag_times                 {ours:8.1f} ({ours_cpu:8.1f}) docs/s  ({ours_found} expressions)")
    print(f"dateparser search_dates   {theirs:8.1f} ({theirs_cpu:8.1f}) docs/s  ({theirs_found} dates)")
    print(f"ratio tag_times / search_dates: {ours / theirs:.1f}x ({ours_cpu / theirs_cpu:.1f}x by CPU time)")


if __name__ == "__main__":
    main()
