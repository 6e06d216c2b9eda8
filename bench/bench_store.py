"""Benchmark: the store's cost of adding articles as it grows, and the dashboard's queries on a
store of over a million mentions.

Not a test: it prints timings and ratios against baselines measured in the same run, on copies
of the repository's own articles (bench/corpus_factory.py: extracted once, then copied with
new ids and shifted dates).

- adding: the per-article cost of adding 1,000 articles (10 batches of 100, as an ingest
  writes them) to a store already holding 0, 10,000 and 100,000 articles (the median of three
  such windows, compaction included); the ratio to the empty store should stay under 1.3
  (time proportional to the batch, not to the store). Also single-article adds (the
  dashboard's upload: one commit each, mostly fsync), for information.
- querying, on the 100,000-article store: a cold open and the opening chart's aggregate
  (mentions per month and event type), the facet counts the sidebar needs, then one filter
  change (an actor and a date range) with its first page of mentions; the baseline is what the
  dashboard did before, reading every mention into pandas and aggregating there.

Run: .venv/bin/python bench/bench_store.py [--sizes 0 10000 100000] [--store DIR]
(about 10 minutes and 1 GB of disk at the default sizes).
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from corpus_factory import base_articles, copies, fill_store  # noqa: E402

from timeline import schema  # noqa: E402
from timeline.corpus.store import EventStore, MentionQuery  # noqa: E402

MEASURED = 1000
BATCH = 100
SINGLE = 50


def per_article_add(store: EventStore, base, start: int) -> tuple[float, float]:
    """Seconds per article: 1,000 articles in batches of BATCH, then SINGLE one at a time."""
    batches = [copies(base, first, BATCH) for first in range(start, start + MEASURED, BATCH)]
    began = time.perf_counter()
    for batch in batches:
        store.add_many(batch)
    batched = (time.perf_counter() - began) / MEASURED
    singles = copies(base, start + MEASURED, SINGLE)
    began = time.perf_counter()
    for article in singles:
        store.add_many([article])
    single = (time.perf_counter() - began) / SINGLE
    return batched, single


def timed(function):
    began = time.perf_counter()
    result = function()
    return time.perf_counter() - began, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3,
                        help="windows of 1,000 articles measured per size (median)")
    parser.add_argument("--store", type=pathlib.Path, default=None,
                        help="folder for the benchmark store (default: a temporary folder)")
    args = parser.parse_args()
    folder = args.store or pathlib.Path(tempfile.mkdtemp(prefix="bench-store-"))
    path = folder / "store"
    shutil.rmtree(path, ignore_errors=True)

    print("extracting the repository's articles once…", flush=True)
    base = base_articles()
    print(f"{len(base)} articles, {sum(len(m) for _, m in base)} mentions; copies follow\n")

    store = EventStore(path)
    held, next_copy, results = 0, 0, []
    print(f"{'stored':>9} {'per article (batches of 100)':>30} {'ratio':>6} "
          f"{'per article (one by one)':>26} {'ratio':>6}")
    for size in sorted(args.sizes):
        if size > held:
            began = time.perf_counter()
            fill_store(store, base, next_copy, size - held)
            print(f"  (filled to {size:,} articles in {time.perf_counter() - began:.0f} s)",
                  flush=True)
            next_copy += size - held
        windows = []
        for _ in range(args.repeat):  # the median of a few windows: 8 helpers share 2 cores
            windows.append(per_article_add(store, base, next_copy))
            next_copy += MEASURED + SINGLE
        held = size + args.repeat * (MEASURED + SINGLE)
        batched = statistics.median(w[0] for w in windows)
        single = statistics.median(w[1] for w in windows)
        results.append((size, batched, single))
        b0, s0 = results[0][1], results[0][2]
        print(f"{size:>9,} {batched * 1000:>27.2f} ms {batched / b0:>6.2f} "
              f"{single * 1000:>23.2f} ms {single / s0:>6.2f}", flush=True)

    mentions = store.count_mentions()
    print(f"\nqueries on {store.count_documents():,} articles, {mentions:,} mentions "
          f"({sum(p.stat().st_size for p in path.rglob('*')) / 2**20:,.0f} MB on disk)")
    reader = EventStore(path)  # a new server process's first look
    opening, counts = timed(lambda: reader.mention_counts(by=schema.EVENT_TYPE, freq="month"))
    facets, _ = timed(lambda: [reader.facet_values(c) for c in
                               (schema.ACTORS, schema.EVENT_TYPE, schema.STATUS)])
    actor = str(reader.facet_values(schema.ACTORS)["value"].iloc[0])
    lo, hi = reader.date_span()
    middle = lo + (hi - lo) / 2
    where = MentionQuery(actors=(actor,), date_from=middle.date())
    change, _ = timed(lambda: (reader.mention_counts(by=schema.EVENT_TYPE, freq="month",
                                                     where=where),
                               reader.count_mentions(where),
                               reader.mentions(where, limit=500)))

    def pandas_way():
        events = EventStore(path).events()
        return events.groupby([events[schema.DATE_START].dt.to_period("M"),
                               schema.EVENT_TYPE]).size()

    baseline, _ = timed(pandas_way)
    print(f"  opening chart (cold: open, check, aggregate) {opening:7.2f} s "
          f"({len(counts):,} cells)")
    print(f"  sidebar facets (actors, types, statuses)     {facets:7.2f} s")
    print(f"  one filter change ({actor} from {middle.date()}) {change:7.2f} s")
    print(f"  baseline: every mention into pandas, then aggregate {baseline:7.2f} s; "
          f"opening chart / baseline = {opening / baseline:.2f}, "
          f"filter change / baseline = {change / baseline:.2f}")
    if args.store is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
