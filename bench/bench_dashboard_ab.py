"""Benchmark: the dashboard's page against an older checkout of it, in the same run.

On a shared, loaded machine wall seconds drift by a factor of two between runs, so a change
to the dashboard is measured against the code before it side by side: one `streamlit run`
per checkout on the same store, fresh Chromium pages visiting them in turn, and the medians
printed with their ratio. Per visit: seconds to the first chart, the page's main-thread busy
seconds by then (Chromium's TaskDuration; on a loaded machine it includes time waiting for
a core), its script seconds, and the CPU seconds the server spent on the visit. The first
visit to each server (imports, cold caches) is printed apart.

With --filter, each round also times a filter change (bench_dashboard.filter_change: the
last actor the sidebar's list shows chosen, until the chart holds new data) on the story and
on the mentions view, with the websocket MB it received and the server's CPU seconds. The
same actor is chosen every round: only the first round's change is new to the server (its
caches answer the later ones), so read the first round apart (each round is printed).

Run: .venv/bin/python bench/bench_dashboard_ab.py STORE BEFORE [--rounds 5] [--path /?view=mentions] [--filter]
where BEFORE is another checkout of this repository (e.g. `git archive COMMIT | tar -x -C DIR`);
its app runs with PYTHONPATH=BEFORE/src, this one's with the installed package (or with the
PYTHONPATH the bench was started with: run a snapshot's bench/ with PYTHONPATH=SNAPSHOT/src to
measure it while this worktree changes). The store
should hold mentions both checkouts' rules accept (bench_dashboard.py records them).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import statistics
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_dashboard import CHART, TIMEOUT_MS, filter_change, server_cpu_s  # noqa: E402
from live_dashboard import launch_chromium, running_dashboard  # noqa: E402

COLUMNS = ("first chart (s)", "page busy (s)", "page script (s)", "server CPU (s)")
FILTER_COLUMNS = ("filter change, story (s)", "filter change, story (MB)",
                  "  story: server CPU (s)", "filter change, mentions (s)",
                  "filter change, mentions (MB)", "  mentions: server CPU (s)")


def filter_changes(browser, url: str) -> tuple[float, ...]:
    base = url.split("/?", 1)[0]
    story = filter_change(browser, base)
    mentions = filter_change(browser, base, "/?view=mentions")
    return (story["s"], story["MB"], story["server CPU s"], mentions["s"], mentions["MB"],
            mentions["server CPU s"])


def visit(browser, url: str) -> tuple[float, ...]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    devtools = page.context.new_cdp_session(page)
    devtools.send("Performance.enable")
    cpu, began = server_cpu_s(url), time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.locator(CHART).first.wait_for(timeout=TIMEOUT_MS)
    seconds = time.perf_counter() - began
    metrics = {m["name"]: m["value"] for m in devtools.send("Performance.getMetrics")["metrics"]}
    page.close()
    return seconds, metrics["TaskDuration"], metrics["ScriptDuration"], server_cpu_s(url) - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=pathlib.Path)
    parser.add_argument("before", type=pathlib.Path, help="an older checkout (its app.py, src/)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--path", default="", help="e.g. /?view=mentions")
    parser.add_argument("--filter", action="store_true", help="also time filter changes")
    parser.add_argument("--before-store", type=pathlib.Path,
                        help="a copy of STORE for BEFORE, when the two checkouts' rules differ "
                             "(each records its own, else one would extract the store again)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    apps = {"before": str(args.before.resolve() / "app.py"), "now": "app.py"}
    outer = os.environ.get("PYTHONPATH")  # "now" keeps it: a snapshot of this checkout
    with contextlib.ExitStack() as stack:
        urls = {}
        for name, script in apps.items():
            if name == "before":
                os.environ["PYTHONPATH"] = str(args.before.resolve() / "src")
            store = args.before_store if name == "before" and args.before_store else args.store
            urls[name] = stack.enter_context(running_dashboard(store, script)) + args.path
            os.environ.pop("PYTHONPATH", None)
            if outer is not None:
                os.environ["PYTHONPATH"] = outer
        browser = launch_chromium(stack.enter_context(sync_playwright()))
        for name, url in urls.items():
            first = visit(browser, url)
            print(f"{name:7} first visitor: " + ", ".join(f"{c} {v:.2f}" for c, v in zip(COLUMNS, first)))
        runs: dict[str, list[tuple[float, ...]]] = {name: [] for name in urls}
        for _ in range(args.rounds):
            for name, url in urls.items():  # in turn: both see the same moments of load
                measured = visit(browser, url)
                if args.filter:
                    measured += filter_changes(browser, url)
                runs[name].append(measured)
                print(f"{name:7} " + ", ".join(f"{v:.2f}" for v in measured)
                      + f" (load {os.getloadavg()[0]:.1f})", flush=True)
        browser.close()
    print(f"\nmedian of {args.rounds} visits {'before':>10} {'now':>10} {'ratio':>7}")
    for i, column in enumerate(COLUMNS + (FILTER_COLUMNS if args.filter else ())):
        before = statistics.median(r[i] for r in runs["before"])
        now = statistics.median(r[i] for r in runs["now"])
        print(f"{column:26} {before:10.2f} {now:10.2f} {now / before if before else float('nan'):7.2f}")


if __name__ == "__main__":
    main()
