"""Benchmark: `chronology` on many mentions, and adding one article incrementally.

Not a test: it prints timings and ratios measured in the same run. The mentions are made by
extracting the repository's own articles once (the seed and tests/articles) and copying them
with shifted dates and ids until there are --mentions rows (a corpus of many articles over a
few years, about related happenings).

- `chronology(N mentions)`: the whole corpus merged, dated, headlined and scored; the target
  is under 5 s for 50,000 mentions on one core;
- `update_chronology(+1 article)` against recomputing the whole corpus with that article:
  the incremental path merges only the events near the new article's dates;
- where the time of one `chronology` run goes, as shares of it: the mentions' features (words,
  actors, publication days), the merge (`merge.cluster_mentions`), the rows (dates, history,
  headline) and the table with its salience.

Run: .venv/bin/python bench/bench_chronology.py [--mentions 50000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import sys
import time

import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from timeline import extract_events, schema  # noqa: E402
from timeline.corpus import chronology as chronology_module, merge  # noqa: E402
from timeline.corpus.chronology import chronology, update_chronology  # noqa: E402

SHIFT_DAYS = 5  # each copy of the articles is moved this many days after the previous one


def base_mentions() -> pd.DataFrame:
    frames = []
    for gold in sorted((ROOT / "tests" / "articles").glob("*.gold.json")):
        data = json.loads(gold.read_text())
        text = (gold.parent / data["text_file"]).read_text(encoding="utf-8")
        frames.append(extract_events(text, published=dt.date.fromisoformat(data["published"]), doc_id=gold.stem))
    seed = (ROOT / "seeds" / "000_37ce115855780b04.txt").read_text(encoding="utf-8")
    frames.append(extract_events(seed, published=dt.date(2016, 2, 3), doc_id="seed"))
    return pd.concat(frames, ignore_index=True)


def copy(mentions: pd.DataFrame, n: int) -> pd.DataFrame:
    out = mentions.copy()
    shift = pd.Timedelta(days=SHIFT_DAYS * n)
    out[schema.DATE_START] = out[schema.DATE_START] + shift
    out[schema.DATE_END] = out[schema.DATE_END] + shift
    out[schema.DOC_ID] = out[schema.DOC_ID] + f"~{n}"
    out[schema.EVENT_ID] = out[schema.EVENT_ID] + f"{n:05d}"
    # every copy's sentences differ (as a real corpus's do), so no cache sees one sentence twice
    out[schema.SENTENCE] = out[schema.SENTENCE] + f" ({n})"  # digits: no content word
    return out


def corpus(base: pd.DataFrame, count: int) -> pd.DataFrame:
    copies = -(-count // len(base))
    table = pd.concat([copy(base, n) for n in range(copies)], ignore_index=True).head(count)
    return schema.validate(table)


def best_of(repeat: int, function) -> tuple[float, object]:
    """The best CPU time of `repeat` runs (process time: one core's work, whatever else the
    machine runs) and the result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        result = function()
        best = min(best, time.process_time() - started)
    return best, result


def phases(mentions: pd.DataFrame) -> dict[str, float]:
    """CPU seconds of each step of one `chronology(mentions)` run (what it does, step by step)."""
    mentions = schema.validate(mentions)
    out: dict[str, float] = {}
    with chronology_module._lazy_gc():
        started = time.process_time()
        context = chronology_module._Context(mentions, None)
        out["features"] = time.process_time() - started
        started = time.process_time()
        clusters = merge.cluster_mentions(context.features)
        out["merge"] = time.process_time() - started
        started = time.process_time()
        rows = [context.row(c) for c in clusters]
        out["rows"] = time.process_time() - started
        started = time.process_time()
        context.finish(rows)
        out["table and salience"] = time.process_time() - started
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mentions", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    base = base_mentions()
    mentions = corpus(base, a.mentions)
    wall = time.perf_counter()
    chronology(mentions)
    wall = time.perf_counter() - wall
    seconds, chron = best_of(a.repeat, lambda: chronology(mentions))
    print(f"chronology: {len(mentions)} mentions from {mentions[schema.DOC_ID].nunique()} articles -> "
          f"{len(chron)} events in {seconds:.2f} s ({len(mentions) / seconds:,.0f} mentions/s; target < 5 s "
          f"for 50,000); wall clock of one run {wall:.2f} s")

    # One more article: the last article of the base, moved past the corpus's middle.
    last_doc = base[schema.DOC_ID].iloc[-1]
    article = copy(base[base[schema.DOC_ID] == last_doc], 10_000 + a.mentions // len(base) // 2)
    article[schema.DATE_START] = article[schema.DATE_START] - pd.Timedelta(days=SHIFT_DAYS * 10_000)
    article[schema.DATE_END] = article[schema.DATE_END] - pd.Timedelta(days=SHIFT_DAYS * 10_000)
    article = schema.validate(article)
    everything = schema.validate(pd.concat([mentions, article], ignore_index=True))
    full, recomputed = best_of(a.repeat, lambda: chronology(everything))
    incremental, updated = best_of(a.repeat, lambda: update_chronology(chron, everything, article))
    kept = len(set(chron[schema.EVENT_KEY]) & set(updated[schema.EVENT_KEY]))
    print(f"adding one article ({len(article)} mentions): recompute {full:.2f} s, update_chronology "
          f"{incremental:.2f} s -> the update takes {incremental / full:.2f}x the time of a recompute "
          f"({full / incremental:.1f}x faster); {kept} of {len(chron)} event keys kept")
    print(f"events: recompute {len(recomputed)}, update {len(updated)}")
    steps = phases(mentions)
    total = sum(steps.values())
    print("one run, step by step: " + ", ".join(f"{name} {sec:.2f} s ({sec / total:.0%})" for name, sec in steps.items()))


if __name__ == "__main__":
    main()
