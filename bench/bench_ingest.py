"""Benchmark: articles per second of `timeline ingest` with 1 and 2 local workers and on a
two-worker Dask LocalCluster, as ratios against 1 worker, in one run.

Not a test: it prints timings. The articles are the repository's own (tests/articles and
seeds/), copied with shifted ids and a numbered closing line (so each copy is a new article
to the store) to --articles. Each configuration ingests the same folder into a new store;
the time is the whole ingest as a user runs it (reading, starting the local processes,
extraction, every store write), except starting the Dask cluster, which a user starts once.

Run: .venv/bin/python bench/bench_ingest.py [--articles 300] [--batch-size 32]
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def make_corpus(folder: pathlib.Path, count: int) -> None:
    """`count` article files with sidecars, copies of the repository's articles."""
    originals = sorted((ROOT / "tests" / "articles").glob("*.txt")) + sorted(
        (ROOT / "seeds").glob("*.txt"))
    for i in range(count):
        source = originals[i % len(originals)]
        copy = i // len(originals)
        name = f"{source.stem}-{copy:03d}"
        text = source.read_text(encoding="utf-8").rstrip()
        (folder / f"{name}.txt").write_text(f"{text}\n\n(Archive copy {copy}.)\n",
                                            encoding="utf-8")
        shutil.copy(source.with_name(source.stem + ".meta.yaml"), folder / f"{name}.meta.yaml")


def timed(label: str, run) -> tuple[str, float, int]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    summary = run()
    seconds = time.perf_counter() - started
    assert summary.failed_count == 0, summary.examples
    return label, seconds, summary.added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    from distributed import LocalCluster

    from timeline.corpus.pipeline import ingest
    from timeline.corpus.store import EventStore

    with tempfile.TemporaryDirectory() as tmp:
        base = pathlib.Path(tmp)
        folder = base / "articles"
        folder.mkdir()
        make_corpus(folder, args.articles)
        results = []
        for workers in (1, 2):
            store = EventStore(base / f"local-{workers}")
            results.append(timed(f"{workers} local worker{'s' if workers > 1 else ''}",
                                 lambda: ingest([folder], store, workers=workers,
                                                batch_size=args.batch_size)))
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            store = EventStore(base / "dask")
            results.append(timed("Dask LocalCluster, 2 workers",
                                 lambda: ingest([folder], store,
                                                scheduler=cluster.scheduler_address,
                                                batch_size=args.batch_size)))
    baseline = results[0][2] / results[0][1]
    print(f"timeline ingest of {args.articles} articles (batch size {args.batch_size}):")
    for label, seconds, added in results:
        rate = added / seconds
        print(f"  {label:<30} {seconds:7.1f} s  {rate:7.1f} articles/s  "
              f"x{rate / baseline:.2f} of 1 worker")


if __name__ == "__main__":
    main()
