"""Where a story filter change's time goes in the browser: a Chromium trace of one change.

Not a test: starts `streamlit run app.py` on a store (tests/live_dashboard.py), opens the story
in Debian's Chromium, chooses the last actor the sidebar's list draws (as
bench/bench_dashboard.py does), and prints, from the click until Plotly holds the new data:
- the seconds until the first websocket frame of the rerun came back, and until the last one
  (the server's share, and the bytes);
- the page's main thread by kind of work, from a Chromium performance trace
  (devtools.timeline: script run by the frame's messages, style and layout, paint, garbage
  collection), in seconds, and the JavaScript sampling profile's self time by script file
  (Plotly's chunk, React, Streamlit's bundle; functions are minified).

Run: .venv/bin/python bench/trace_filter_change.py --store STORE [--path /?view=mentions]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import pathlib
import re
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_dashboard import (  # noqa: E402
    CHART, NEW_DATA, REMEMBER_DATA, SHOWN, TIMEOUT_MS, VIEWPORT, choose_least_frequent_actor,
    server_cpu_s,
)
from live_dashboard import launch_chromium, running_dashboard  # noqa: E402

# Trace event names -> the kind of work they count under (top-level main-thread events).
KINDS = {
    "FunctionCall": "script", "EvaluateScript": "script", "TimerFire": "script",
    "EventDispatch": "script", "FireAnimationFrame": "script", "RunMicrotasks": "script",
    "v8.compile": "script compile", "v8.compileModule": "script compile",
    "UpdateLayoutTree": "style", "Layout": "layout", "PrePaint": "paint", "Paint": "paint",
    "Layerize": "paint", "Commit": "paint", "MinorGC": "gc", "MajorGC": "gc",
    "V8.GC_SCAVENGER": "gc", "ParseHTML": "parse html", "HitTest": "hit test",
}


def main_thread(events: list[dict]) -> tuple[int, int]:
    """(pid, tid) of the renderer's main thread (CrRendererMain) of the page."""
    for e in events:
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain":
            return e["pid"], e["tid"]
    raise RuntimeError("no renderer main thread in the trace")


def by_kind(events: list[dict], began_us: float, ended_us: float) -> dict[str, float]:
    """Seconds of complete ('X') events on the main thread between the two times, by kind, an
    event counted once under its outermost known kind."""
    pid, tid = main_thread(events)
    spans = sorted((e for e in events if e.get("ph") == "X" and e.get("pid") == pid
                    and e.get("tid") == tid and e.get("name") in KINDS
                    and began_us <= e.get("ts", 0) <= ended_us),
                   key=lambda e: (e["ts"], -e.get("dur", 0)))
    out: dict[str, float] = collections.defaultdict(float)
    covered_until = -1.0
    for e in spans:
        if e["ts"] < covered_until:  # nested in an event counted already
            continue
        out[KINDS[e["name"]]] += e.get("dur", 0) / 1e6
        covered_until = e["ts"] + e.get("dur", 0)
    busy = [e for e in events if e.get("ph") == "X" and e.get("pid") == pid and e.get("tid") == tid
            and e.get("name") == "RunTask" and began_us <= e.get("ts", 0) <= ended_us]
    out["(all tasks)"] = sum(e.get("dur", 0) for e in busy) / 1e6
    return dict(out)


def script_by_file(events: list[dict]) -> collections.Counter:
    """Seconds of the trace's JavaScript samples by script file, by the function's own time
    (Streamlit's bundle names its chunks: PlotlyChart, react-dom, index, ...). Samples of
    every thread the profiler saw; '(idle)' and '(program)' are native or idle time."""
    nodes: dict[tuple, dict] = {}
    out: collections.Counter = collections.Counter()
    for e in events:
        if e.get("name") != "ProfileChunk":
            continue
        data = e.get("args", {}).get("data", {})
        profile = data.get("cpuProfile", {})
        for node in profile.get("nodes", []):
            nodes[(e.get("id"), node["id"])] = node.get("callFrame", {})
        for sample, delta in zip(profile.get("samples", []), data.get("timeDeltas", [])):
            frame = nodes.get((e.get("id"), sample), {})
            name = frame.get("url", "").rsplit("/", 1)[-1] or frame.get("functionName", "?")
            out[name] += delta / 1e6
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=pathlib.Path, required=True)
    parser.add_argument("--path", default="", help="e.g. /?view=mentions")
    parser.add_argument("--save", type=pathlib.Path, help="write the raw trace here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with running_dashboard(args.store) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        frames: list[tuple[float, int]] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: frames.append(
            (time.perf_counter(), len(p.encode() if isinstance(p, str) else p)))))
        page.goto(url + args.path, wait_until="domcontentloaded")
        page.locator(CHART).first.wait_for(timeout=TIMEOUT_MS)
        caption = page.get_by_text(SHOWN).first
        caption.wait_for(timeout=TIMEOUT_MS)
        total = SHOWN.search(caption.inner_text()).group(2)
        page.wait_for_timeout(2000)
        page.evaluate(REMEMBER_DATA)
        # Chromium's tracing through the DevTools protocol (events reported as they come).
        devtools = context.new_cdp_session(page)
        events: list[dict] = []
        done: list[bool] = []
        devtools.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
        devtools.on("Tracing.tracingComplete", lambda _message: done.append(True))
        devtools.send("Tracing.start", {"transferMode": "ReportEvents", "categories": ",".join([
            "devtools.timeline", "v8", "v8.execute", "disabled-by-default-devtools.timeline",
            "disabled-by-default-v8.cpu_profiler"])})
        frames.clear()
        cpu = server_cpu_s(url)
        began = choose_least_frequent_actor(page)
        page.get_by_text(re.compile(rf"^(?!{total} of)\d[\d,]* of {total} events")).first \
            .wait_for(timeout=TIMEOUT_MS)
        page.wait_for_function(NEW_DATA, timeout=TIMEOUT_MS)
        ended = time.perf_counter()
        cpu = server_cpu_s(url) - cpu
        page.wait_for_timeout(300)
        devtools.send("Tracing.end")
        while not done:
            page.wait_for_timeout(100)
        browser.close()
    if args.save:
        args.save.write_text(json.dumps({"traceEvents": events}))
    pid, tid = main_thread(events)
    stamps = [e["ts"] for e in events if e.get("pid") == pid and e.get("tid") == tid and "ts" in e
              and e.get("ph") == "X"]
    first_us, last_us = min(stamps), max(stamps)
    after = [t for t, _ in frames if t >= began]
    print(f"filter change: {ended - began:.2f} s (load {os.getloadavg()[0]:.1f}); server CPU "
          f"{cpu:.2f} s")
    if after:
        print(f"  first frame back after {after[0] - began:.2f} s, last after {after[-1] - began:.2f} s; "
              f"{sum(n for t, n in frames if t >= began) / 1e6:.2f} MB in {len(after)} frames")
    kinds = by_kind(events, first_us, last_us)
    for kind, seconds in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  main thread {kind:16} {seconds:6.2f} s")
    for name, seconds in script_by_file(events).most_common(12):
        print(f"  JavaScript self time {name[:40]:40} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
