"""Benchmark: the map of places (country outlines, bubbles, placed labels) at a few sizes.

Not a test: it prints timings and ratios against a baseline measured in the same run, on the
same places: a bare Plotly lon/lat scatter of the bubbles with every label at "top center"
(the map before outlines and label placement, without its hover text). It also prints the figure's
JSON size (what the browser receives) and how many places got a label.

Places: the Middle East and world sets of tests/test_map.py, and 500 / 5,000 seeded random
places over the inhabited latitudes (one event each).

Run: .venv/bin/python bench/bench_map.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import random
import time

import pandas as pd
import plotly.graph_objects as go

from timing import best_of, import_test_helpers  # noqa: E402  (bench/timing.py)

import_test_helpers()

from synthetic import synthetic_events  # noqa: E402
from test_map import MIDDLE_EAST, WORLD  # noqa: E402

from timeline import schema  # noqa: E402
from timeline.present.charts import map_figure, outlines  # noqa: E402



def events_at(places: list[str]) -> pd.DataFrame:
    """Synthetic events (tests/synthetic.py), one per place."""
    events = synthetic_events(len(places), seed=3)
    events[schema.LOCATIONS] = [[place] for place in places]
    return schema.validate(events)


def baseline(coordinates: dict[str, tuple[float, float]]) -> go.Figure:
    names = list(coordinates)
    return go.Figure(go.Scatter(
        x=[coordinates[p][1] for p in names], y=[coordinates[p][0] for p in names],
        mode="markers+text", text=names, textposition="top center", customdata=names))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    world = outlines.world_outlines()
    print(f"outlines read once: {time.perf_counter() - start:.2f} s, "
          f"{world.countries} countries, {len(world.rings)} rings, {world.points} points")
    rng = random.Random(10)
    sets = {"middle east": MIDDLE_EAST, "world": WORLD}
    for count in (500, 5000):
        sets[f"{count} random"] = {f"P{i}": (rng.uniform(-45, 65), rng.uniform(-170, 170))
                                   for i in range(count)}
    print(f"{'places':>14} {'map s':>8} {'bare s':>8} {'ratio':>6} {'map JSON':>10} "
          f"{'bare JSON':>10} {'labelled':>9}")
    for name, coordinates in sets.items():
        events = events_at(list(coordinates))
        map_s, fig = best_of(args.repeat, lambda: map_figure(events, coordinates))
        bare_s, bare = best_of(args.repeat, lambda: baseline(coordinates))
        labelled = len(coordinates) - len(fig.layout.meta["unlabelled"])
        print(f"{name:>14} {map_s:8.3f} {bare_s:8.3f} {map_s / bare_s:6.1f} "
              f"{len(fig.to_json()):>10,} {len(bare.to_json()):>10,} {labelled:>5}/{len(coordinates)}")


if __name__ == "__main__":
    main()
