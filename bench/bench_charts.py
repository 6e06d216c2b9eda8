"""Benchmark: building the timeline figure and filtering, at 500, 5,000 and 50,000 events.

Not a test: it prints timings and ratios against baselines measured in the same run, on the
same seeded synthetic events (tests/synthetic.py):

- filtering: `EventFilter.apply` (actors in a list column, type, status, date overlap, text
  query) against plain pandas masks on the scalar columns only (status and dates), the cheapest
  filter pandas can do on this table;
- figures: `timeline_figure` (grouped WebGL traces, sub-rows, escaped hovers; aggregated beyond
  DEFAULT_MAX_POINTS marks) and the same without aggregation, against `plotly.express.timeline`
  (one bar per event, one lane per first actor, no hover work), and, at 500 events only, a naive
  figure with one trace per event (what the grouped traces avoid).
- the size of the figure's JSON: what the browser has to receive and draw.

Run: .venv/bin/python bench/bench_charts.py [--sizes 500 5000 50000] [--repeat 3]
"""
from __future__ import annotations

import argparse

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from timing import best_of, import_test_helpers  # noqa: E402  (bench/timing.py)

import_test_helpers()

from synthetic import synthetic_events  # noqa: E402

from timeline import schema  # noqa: E402
from timeline.present.charts import timeline_figure  # noqa: E402
from timeline.present.filters import EventFilter  # noqa: E402



def pandas_only_filter(events: pd.DataFrame) -> pd.DataFrame:
    mask = (
        events[schema.STATUS].eq("occurred")
        & events[schema.DATE_END].ge(pd.Timestamp("2015-01-01"))
        & events[schema.DATE_START].le(pd.Timestamp("2016-06-30"))
    )
    return events[mask.fillna(False).astype(bool)]


def px_timeline(events: pd.DataFrame) -> go.Figure:
    table = pd.DataFrame({
        "start": events[schema.DATE_START],
        "end": events[schema.DATE_END] + pd.Timedelta(days=1),
        "lane": [a[0] if a else "-" for a in events[schema.ACTORS]],
        "type": events[schema.EVENT_TYPE].astype(str),
    })
    return px.timeline(table, x_start="start", x_end="end", y="lane", color="type")


def one_trace_per_event(events: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for row in events.itertuples():
        actors = getattr(row, schema.ACTORS)
        fig.add_trace(go.Scatter(x=[getattr(row, schema.DATE_START)], y=[actors[0] if actors else "-"],
                                 mode="markers", name=str(getattr(row, schema.EVENT_TYPE))))
    return fig


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    event_filter = EventFilter(
        actors=("State A", "Minister B"), statuses=("occurred",),
        date_from=pd.Timestamp("2015-01-01").date(), date_to=pd.Timestamp("2016-06-30").date(),
        query="meeting",
    )
    print(f"{'events':>7} {'what':<44} {'seconds':>8} {'ratio':>8}  note")
    for n in args.sizes:
        events = synthetic_events(n)
        repeat = args.repeat if n <= 5_000 else 1

        base_filter, _ = best_of(repeat, lambda: pandas_only_filter(events))
        ours_filter, kept = best_of(repeat, lambda: event_filter.apply(events))
        print(f"{n:>7} {'filter: pandas masks on scalar columns':<44} {base_filter:>8.4f} {1:>8.2f}  baseline")
        print(f"{n:>7} {'filter: EventFilter.apply (all facets)':<44} {ours_filter:>8.4f} "
              f"{ours_filter / base_filter:>8.2f}  {len(kept)} kept")

        base_fig, base = best_of(repeat, lambda: px_timeline(events))
        print(f"{n:>7} {'figure: plotly.express.timeline':<44} {base_fig:>8.4f} {1:>8.2f}  baseline, "
              f"{len(base.data)} traces, JSON {len(base.to_json()) / 1e6:.1f} MB")
        ours, fig = best_of(repeat, lambda: timeline_figure(events))
        kind = "aggregated" if fig.layout.meta["aggregated"] else "every event"
        print(f"{n:>7} {'figure: timeline_figure (default)':<44} {ours:>8.4f} {ours / base_fig:>8.2f}  "
              f"{kind}, {len(fig.data)} traces, JSON {len(fig.to_json()) / 1e6:.1f} MB")
        full, fig = best_of(repeat, lambda: timeline_figure(events, max_points=10**9))
        print(f"{n:>7} {'figure: timeline_figure (never aggregated)':<44} {full:>8.4f} "
              f"{full / base_fig:>8.2f}  {fig.layout.meta['marks']} marks, {len(fig.data)} traces, "
              f"JSON {len(fig.to_json()) / 1e6:.1f} MB")
        if n <= 500:
            naive, fig = best_of(1, lambda: one_trace_per_event(events))
            print(f"{n:>7} {'figure: naive, one trace per event':<44} {naive:>8.4f} "
                  f"{naive / base_fig:>8.2f}  {len(fig.data)} traces")


if __name__ == "__main__":
    main()
