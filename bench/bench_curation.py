"""Benchmark: replaying the curation log over a chronology, at 20,000 and 200,000 events.

Not a test: it prints timings and ratios against a baseline measured in the same run, on a
synthetic chronology of N events of 5 mentions each (5N mention ids) and a log of edits
(headline and status edits, merges, splits, hidden mentions, deleted articles, undos):

- baseline: `schema.validate_chronology` of the same table, which every view already pays;
- `apply_edits` with an empty log (the shortcut), and with 100 and 1,000 edits;
- the ratio between sizes shows the replay is linear in the table, and between log sizes
  that each edit costs about the same.

Run: .venv/bin/python bench/bench_curation.py [--sizes 20000 200000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import random

import pandas as pd

from timing import best_of  # bench/ is on the path when a benchmark runs
from timeline import schema
from timeline.corpus import curation

MENTIONS_PER_EVENT = 5


def synthetic_chronology(n: int) -> pd.DataFrame:
    days = pd.date_range("2011-01-01", periods=n, freq="h").normalize()
    rows = []
    for i in range(n):
        ids = [f"m{i:07d}-{j}" for j in range(MENTIONS_PER_EVENT)]
        docs = [f"doc{(i * 7 + j) % (n // 3 + 1):07d}" for j in range(MENTIONS_PER_EVENT)]
        history = [{"status": "occurred", "doc_id": d, "event_id": m, "published": "2016-01-01"}
                   for m, d in zip(ids, docs)]
        rows.append({
            schema.EVENT_KEY: f"ev-{ids[0]}", schema.DATE_START: days[i], schema.DATE_END: days[i],
            schema.GRANULARITY: "day", schema.EVENT_TYPE: "meeting", schema.STATUS: "occurred",
            schema.HEADLINE: f"Event {i}", schema.ACTORS: ["Qatar"], schema.LOCATIONS: [],
            schema.MENTION_IDS: ids, schema.DOC_IDS: list(dict.fromkeys(docs)),
            schema.N_MENTIONS: len(ids), schema.N_ARTICLES: len(set(docs)), schema.SOURCES: [],
            schema.FIRST_REPORTED: days[i], schema.LAST_REPORTED: days[i],
            schema.STATUS_HISTORY: json.dumps(history), schema.SALIENCE: 0.5,
            schema.SALIENCE_REASON: "", schema.REPRESENTATIVE_ID: ids[0],
        })
    return schema.validate_chronology(pd.DataFrame(rows))


def edits_log(chronology: pd.DataFrame, n: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = chronology.to_dict("records")
    records = []
    for k in range(n):
        row, other = rng.choice(rows), rng.choice(rows)
        kind = k % 6
        if kind == 0:
            records.append(curation.edit_event(row, {schema.HEADLINE: f"Edited {k}",
                                                     schema.STATUS: "postponed"}))
        elif kind == 1 and other[schema.EVENT_KEY] != row[schema.EVENT_KEY]:
            records.append(curation.merge_events(row, other))
        elif kind == 2:
            records.append(curation.split_event(row, row[schema.MENTION_IDS][:2]))
        elif kind == 3:
            records.append(curation.hide_mention(row[schema.MENTION_IDS][-1]))
        elif kind == 4:
            records.append(curation.delete_article(row[schema.DOC_IDS][0]))
        else:
            records.append(curation.undo(records[-1][schema.EDIT_ID].iat[0]))
    return pd.concat(records, ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    previous = None
    for n in args.sizes:
        chronology = synthetic_chronology(n)
        baseline, _ = best_of(args.repeat, lambda: schema.validate_chronology(chronology))
        print(f"{n:,} events, {n * MENTIONS_PER_EVENT:,} mentions: validate_chronology "
              f"{baseline * 1000:.0f} ms (baseline)")
        timings = {}
        for count in (0, 100, 1000):
            log = edits_log(chronology, count) if count else schema.empty_edits()
            seconds, _ = best_of(args.repeat, lambda: curation.curate(chronology, log))
            timings[count] = seconds
            print(f"  apply_edits, {count:>5,} edits: {seconds * 1000:8.0f} ms  "
                  f"{seconds / baseline:5.2f}x baseline")
        per_edit = (timings[1000] - timings[100]) / 900
        print(f"  each edit beyond the first 100: {per_edit * 1e6:.0f} µs")
        if previous is not None:
            size_ratio = n / previous[0]
            print(f"  {size_ratio:.0f}x the events: 1,000 edits take "
                  f"{timings[1000] / previous[1]:.1f}x as long (linear: {size_ratio:.0f}x)")
        previous = (n, timings[1000])


if __name__ == "__main__":
    main()
