"""What one story filter change's figure costs, without a browser or Streamlit: the bytes of
its JSON by property and the CPU seconds of making it, for this tree and (with --baseline
REV) for REV's code on the same store in the same minutes.

Not a test. Opens a store read-only, chooses the actor of frequency rank --rank (as
bench/profile_filter_change.py does), asks the store for the most salient events under it
(what the dashboard's story draws) and makes the story figure twice (cold caches, then warm),
then writes its JSON as Streamlit does (plotly.io.to_json, validate=False). The bytes are the
`spec` of the chart's element: most of a filter change's websocket frames.

Run: .venv/bin/python bench/story_bytes.py --store STORE [--rank 10] [--baseline main]
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent


def measure(store_path: str, rank: int) -> dict:
    """The figure of the `rank`-th actor's events: bytes by property and CPU seconds."""
    import plotly.io as pio

    from profile_filter_change import figure_bytes
    from timeline import schema
    from timeline.corpus.query import MentionQuery
    from timeline.corpus.store import EventStore
    from timeline.present.charts import story_figure
    from timeline.present.charts.style import chart_style

    store = EventStore(store_path)
    actor = str(store.facet_values(schema.ACTORS)["value"].iloc[rank])
    shown = store.ranked_under(MentionQuery(actors=(actor,)),
                               limit=chart_style().story.max_marks).rows
    drawn = {d for cell in shown[schema.DOC_IDS] for d in schema.as_str_list(cell)}
    documents = store.documents()
    documents = documents[documents[schema.DOC_ID].isin(drawn)]
    out: dict = {"actor": actor, "events": len(shown)}
    for turn in ("cold", "warm"):
        cpu = time.process_time()
        fig = story_figure(shown, documents, lane="event_type")
        spec = pio.to_json(fig, validate=False)
        out[f"cpu_{turn}"] = time.process_time() - cpu
    out["bytes"] = len(spec.encode())
    out["parts"] = figure_bytes(spec)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--rank", type=int, default=10)
    parser.add_argument("--baseline", help="a git revision measured beside this tree")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:  # one side of the comparison, in its own process
        print(json.dumps(measure(args.store, args.rank)))
        return
    sides = {"this tree": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        if args.baseline:
            archive = pathlib.Path(tmp) / "base.tar"
            subprocess.run(["git", "archive", "-o", str(archive), args.baseline, "src"],
                           cwd=ROOT, check=True)
            with tarfile.open(archive) as tar:
                tar.extractall(tmp, filter="data")
            sides[args.baseline] = str(pathlib.Path(tmp) / "src")
        results = {}
        for name, src in sides.items():
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, str(HERE)])}
            done = subprocess.run([sys.executable, __file__, "--store", args.store, "--rank",
                                   str(args.rank), "--json"], env=env, check=True,
                                  capture_output=True, text=True)
            results[name] = json.loads(done.stdout.strip().splitlines()[-1])
    first = next(iter(results.values()))
    print(f"actor {first['actor']!r}: {first['events']:,} events drawn (load {os.getloadavg()[0]:.1f})")
    names = list(results)
    print(f"{'':34}" + "".join(f"{n:>14}" for n in names))
    print(f"{'figure JSON, kB':34}" + "".join(f"{r['bytes'] / 1e3:14,.1f}" for r in results.values()))
    for turn in ("cold", "warm"):
        print(f"{'making it, CPU s (' + turn + ')':34}"
              + "".join(f"{r['cpu_' + turn]:14.2f}" for r in results.values()))
    parts = sorted({p for r in results.values() for p in r["parts"]},
                   key=lambda p: -max(r["parts"].get(p, 0) for r in results.values()))
    for part in parts[:16]:
        print(f"  {part[:32]:32}" + "".join(f"{r['parts'].get(part, 0) / 1e3:14,.1f}"
                                             for r in results.values()))


if __name__ == "__main__":
    main()
