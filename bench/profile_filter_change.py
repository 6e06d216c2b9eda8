"""Where a story filter change's server time goes: one Streamlit rerun, profiled.

Not a test: runs app.py headless (streamlit.testing.v1.AppTest) on a store, first unfiltered
(caches warm, as on a server that has shown the page), then chooses one actor new to the server
(the `--rank`-th most frequent) under cProfile, and prints the rerun's wall and CPU seconds by
part: the store's queries (timeline.corpus), the figure (timeline.present), Plotly's own
validation and JSON (plotly), Streamlit's marshalling (streamlit), pandas. AppTest marshals
every element as the server does (the figure's JSON included), but sends nothing: the bytes
printed are the figure's JSON, which is most of a filter change's websocket frames.

Run: .venv/bin/python bench/profile_filter_change.py --store STORE [--rank 10]
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pathlib
import pstats
import re
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
PARTS = {  # a function's file -> the part it counts under (first match)
    "timeline/corpus": "store (timeline.corpus, DuckDB)",
    "duckdb": "store (timeline.corpus, DuckDB)",
    "timeline/present": "figure (timeline.present)",
    "plotly": "plotly (validation, JSON)",
    "timeline/ui": "views (timeline.ui)",
    "streamlit": "streamlit (widgets, marshalling)",
    "pandas": "pandas",
    "numpy": "numpy",
}


def parts(stats: pstats.Stats) -> dict[str, float]:
    """Self time by part (a function's own time, not its callees')."""
    out: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        part = next((p for k, p in PARTS.items() if k in filename), "other")
        out[part] = out.get(part, 0.0) + tottime
    return out


def element_bytes(node: object, out: dict[str, int] | None = None) -> dict[str, int]:
    """Protobuf bytes of each element of AppTest's tree, by its type and key (what each
    widget and chart costs the websocket on every run it is drawn)."""
    out = {} if out is None else out
    proto = getattr(node, "proto", None)
    children = getattr(node, "children", None)
    if proto is not None and not children and hasattr(proto, "ByteSize"):
        name = f"{getattr(node, 'type', type(node).__name__)} {getattr(node, 'key', '') or ''}"
        out[name.strip()] = out.get(name.strip(), 0) + proto.ByteSize()
    for child in (children.values() if isinstance(children, dict) else children or ()):
        element_bytes(child, out)
    return out


def figure_bytes(spec: str) -> dict[str, int]:
    """Bytes of a figure's JSON (as Plotly writes it: <, > and / as \\u escapes) by trace
    property ("marker.size", "hovertext", ...) summed over the traces, and by layout part."""
    import json

    def size(value: object) -> int:
        text = json.dumps(value, sort_keys=True)
        return len(text) + 5 * sum(text.count(c) for c in "<>/")

    out: dict[str, int] = {}
    figure = json.loads(spec)
    for trace in figure.get("data", []):
        for name, value in trace.items():
            items = value.items() if name == "marker" and isinstance(value, dict) else [("", value)]
            for sub, part in items:
                key = f"data: {name}{'.' + sub if sub else ''}"
                out[key] = out.get(key, 0) + size(part)
    for name, value in figure.get("layout", {}).items():
        out[f"layout: {name}"] = out.get(f"layout: {name}", 0) + size(value)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=pathlib.Path, required=True)
    parser.add_argument("--rank", type=int, default=10, help="the actor's frequency rank (0: most)")
    parser.add_argument("--facet-index", action="store_true",
                        help="wait for the store's facet index before the change")
    parser.add_argument("--top", type=int, default=25, help="functions printed by cumulative time")
    args = parser.parse_args()
    os.environ["TIMELINE_STORE"] = str(args.store)
    os.chdir(ROOT)

    from streamlit.testing.v1 import AppTest

    from timeline.ui import keys

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    began = time.perf_counter()
    at.run()
    print(f"first run (cold caches): {time.perf_counter() - began:.2f} s")
    began = time.perf_counter()
    at.run()
    print(f"second run, unfiltered (warm): {time.perf_counter() - began:.2f} s")
    if args.facet_index:  # as a server that has been up a few seconds: its facet index made
        from timeline.ui.data import _STORES

        began = time.perf_counter()
        for store in _STORES.values():
            store.prepare_facet_index(wait=True)
        print(f"facet index made: {time.perf_counter() - began:.2f} s")
    actors = at.multiselect(key=keys.FILTER_ACTORS)
    # options are shown as "Russia · state (12)": the value is the name
    actor = re.sub(r"( · [^(]*)? \(\d+\)$", "", actors.options[args.rank])
    print(f"actor chosen: {actor}")
    # The script runs in a thread of its own: a profiler is started in each new thread.
    profiles: list[cProfile.Profile] = []

    def start_profiler(*_args: object) -> None:
        profile = cProfile.Profile()
        profiles.append(profile)
        profile.enable()  # replaces this hook in the thread

    threading.setprofile(start_profiler)
    wall, cpu = time.perf_counter(), time.process_time()
    actors.select(actor).run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    threading.setprofile(None)
    for profile in profiles:
        profile.disable()
    print("captions: " + " | ".join(c.value[:80] for c in at.caption))
    print(f"filter change rerun: {wall:.2f} s wall, {cpu:.2f} s CPU (all threads) (load {os.getloadavg()[0]:.1f})")
    stats = pstats.Stats(*profiles)
    for part, seconds in sorted(parts(stats).items(), key=lambda kv: -kv[1]):
        print(f"  {part:36} {seconds:6.2f} s self time")
    # Streamlit's chart elements, and the timeline's (a component whose data holds the figure)
    specs = [chart.proto.spec for chart in at.get("plotly_chart")] + [
        json.dumps(json.loads(element.proto.bytes)["figure"], separators=(",", ":"))
        for element in at.get("bidi_component")]
    for spec in specs:
        print(f"  figure JSON sent: {len(spec) / 1e6:.3f} MB, "
              f"{len(spec.encode()) / 1e6:.3f} MB as UTF-8; by property:")
        for name, size in sorted(figure_bytes(spec).items(), key=lambda kv: -kv[1])[:12]:
            print(f"    {name:40} {size / 1e3:8,.1f} kB")
    print("  the elements a full rerun sends, largest first (protobuf bytes):")
    for name, size in sorted(element_bytes(at._tree).items(), key=lambda kv: -kv[1])[:8]:
        print(f"    {name:60} {size / 1e3:8,.0f} kB")
    stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
