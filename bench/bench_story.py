"""Benchmark: the story view (`story_figure`) at 500, 5,000 and 50,000 chronology events.

Not a test: it prints timings and ratios against baselines measured in the same run, on the
same seeded synthetic chronology:

- `story_figure` (one mark per event, labels laid out, density strip, escaped hovers; beyond
  chart_style.yaml's story.max_marks, the most salient are drawn);
- baseline: `plotly.express.scatter` of the same events (one lane per event type, sizes, no
  hover work, no label layout): the least a scatter of these events costs;
- `chronology_for_mentions` (what a filter change costs before the chart) against a plain
  pandas `isin` on an exploded mention column;
- the size of the figure's JSON: what the browser has to receive;
- framing for a report at the slide preset (`exports.report_figure`), which draws the story
  again at that size so its labels are placed for it, against framing a plain copy of the
  same figure (resized only, its labels left where they were laid out): the redraw's cost.

Run: .venv/bin/python bench/bench_story.py [--sizes 500 5000 50000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import random

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from timeline import schema
from timeline.present import exports
from timeline.present.charts.story import chronology_for_mentions, story_figure
from timing import best_of  # bench/timing.py

TYPES = ("meeting", "talks", "ceasefire", "statement", "attack", "agreement", "resolution")


def synthetic_chronology(n: int, seed: int = 0) -> pd.DataFrame:
    """`n` events over ten years, a few reported by many articles, some with a changed plan."""
    rng = random.Random(seed)
    base = pd.Timestamp("2014-01-01")
    rows = []
    for i in range(n):
        day = base + pd.Timedelta(days=rng.randint(0, 3650))
        articles = 1 + int(rng.paretovariate(1.5)) % 40
        long = rng.random() < 0.03
        history = "[]"
        if rng.random() < 0.05:
            then = day - pd.Timedelta(days=rng.randint(1, 20))
            history = json.dumps([
                {"status": "planned", "date_start": str(then.date()), "date_end": str(then.date()),
                 "doc_id": f"d{i}", "published": None, "event_id": f"m{i}-0"},
                {"status": "occurred", "date_start": str(day.date()), "date_end": str(day.date()),
                 "doc_id": f"d{i}", "published": None, "event_id": f"m{i}-1"}])
        rows.append({
            "event_key": f"ev{i}", "date_start": day,
            "date_end": day + pd.Timedelta(days=200) if long else day,
            "granularity": "fuzzy" if long else "day", "event_type": rng.choice(TYPES),
            "status": "planned" if rng.random() < 0.15 else "occurred",
            "headline": f"Delegations meet in round {i}", "actors": [f"Actor {rng.randint(0, 300)}"],
            "locations": ["Geneva"], "mention_ids": [f"m{i}-{k}" for k in range(min(articles, 5))],
            "doc_ids": [f"d{(i + k) % 5000}" for k in range(articles)], "n_mentions": articles,
            "n_articles": articles, "sources": [], "first_reported": day, "last_reported": day,
            "status_history": history, "salience": rng.random(), "salience_reason": "synthetic",
            "representative_id": f"m{i}-0",
        })
    return schema.validate_chronology(pd.DataFrame(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'events':>8} {'story s':>8} {'px.scatter s':>12} {'ratio':>6} {'JSON KB':>8} "
          f"{'filter s':>9} {'isin s':>7} {'ratio':>6} {'report s':>9} {'resize s':>9} {'ratio':>6}")
    for n in args.sizes:
        chronology = synthetic_chronology(n)
        story_s, fig = best_of(args.repeat, lambda: story_figure(chronology))
        base_s, _ = best_of(args.repeat, lambda: px.scatter(
            chronology, x=schema.DATE_START, y=schema.EVENT_TYPE, size=schema.N_ARTICLES))
        size_kb = len(fig.to_json()) / 1024
        wanted = [f"m{i}-0" for i in range(0, n, 2)]
        filter_s, _ = best_of(args.repeat, lambda: chronology_for_mentions(chronology, wanted))
        exploded = chronology[[schema.EVENT_KEY, schema.MENTION_IDS]].explode(schema.MENTION_IDS)
        isin_s, _ = best_of(args.repeat, lambda: exploded[exploded[schema.MENTION_IDS].isin(
            set(wanted))][schema.EVENT_KEY].unique())
        frame = exports.ReportFrame(title="Talks", caption="Key events", width=1600, height=900)
        redraw_s, _ = best_of(args.repeat, lambda: exports.report_figure(fig, frame))
        plain = go.Figure(fig)  # a plain copy cannot be redrawn: resized only
        resize_s, _ = best_of(args.repeat, lambda: exports.report_figure(plain, frame))
        print(f"{n:>8,} {story_s:>8.3f} {base_s:>12.3f} {story_s / base_s:>6.1f} {size_kb:>8.0f} "
              f"{filter_s:>9.3f} {isin_s:>7.3f} {filter_s / isin_s:>6.1f} "
              f"{redraw_s:>9.3f} {resize_s:>9.3f} {redraw_s / resize_s:>6.1f}")


if __name__ == "__main__":
    main()
