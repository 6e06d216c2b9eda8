"""Benchmark: a story filter change to an actor new to the server, this tree against REV.

Not a test. bench_dashboard.py chooses the same actor every round, so only its first round's
change is new to the server; here every round chooses another actor (by frequency rank, from
--first on), new to both servers: this tree's dashboard on STORE and REV's (`git archive`) on a
copy of it (each dashboard's writes stay its own), visited in turn, the order swapped every
round. From the Enter that picks the actor in the sidebar's list until the caption says fewer
events and Plotly holds new data, as bench_dashboard.py times it, with the server's CPU seconds
meanwhile and the load average. REV must have the same extraction and chronology rules as this
tree, else its dashboard first makes the store again (minutes on 1,000,000 mentions).

Run: .venv/bin/python bench/bench_new_filter.py --store STORE --baseline REV [--rounds 6]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import re
import shutil
import statistics
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_dashboard import (  # noqa: E402
    CHART, NEW_DATA, REMEMBER_DATA, SHOWN, TIMEOUT_MS, VIEWPORT, checkout, server_cpu_s,
)
from live_dashboard import launch_chromium, running_dashboard  # noqa: E402

from timeline import schema  # noqa: E402
from timeline.corpus.store import EventStore  # noqa: E402


def change_to(browser, url: str, actor: str) -> tuple[float, float]:
    """(seconds, server CPU seconds) of choosing `actor` on the story, from a fresh page."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        page.locator(CHART).first.wait_for(timeout=TIMEOUT_MS)
        caption = page.get_by_text(SHOWN).first
        caption.wait_for(timeout=TIMEOUT_MS)
        total = SHOWN.search(caption.inner_text()).group(2)
        page.wait_for_timeout(1500)  # the first run's late frames
        page.evaluate(REMEMBER_DATA)
        page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
        page.keyboard.type(actor[:40])
        page.locator('[role="option"]').first.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_timeout(500)
        cpu, began = server_cpu_s(url), time.perf_counter()
        page.keyboard.press("Enter")
        page.get_by_text(re.compile(rf"^(?!{total} of)\d[\d,]* of {total} events")).first \
            .wait_for(timeout=TIMEOUT_MS)
        page.wait_for_function(NEW_DATA, timeout=TIMEOUT_MS)
        return time.perf_counter() - began, server_cpu_s(url) - cpu
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=pathlib.Path, required=True)
    parser.add_argument("--baseline", required=True, metavar="REV")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--first", type=int, default=20, help="the first actor's frequency rank")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    actors = EventStore(str(args.store)).facet_values(schema.ACTORS)["value"].astype(str)
    actors = actors.tolist()[args.first:args.first + args.rounds]
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench_new_filter_"))
    try:
        old = checkout(args.baseline, work / "baseline")
        shutil.copytree(args.store, work / "store")
        sides = {"now": (args.store, HERE.parent), args.baseline: (work / "store", old)}
        measured: dict[str, list[tuple[float, float]]] = {k: [] for k in sides}
        with contextlib.ExitStack() as stack:
            urls = {k: stack.enter_context(running_dashboard(store, root=root))
                    for k, (store, root) in sides.items()}
            browser = launch_chromium(stack.enter_context(sync_playwright()))
            stack.callback(browser.close)
            for url in urls.values():  # the server's first visit: imports, unfiltered caches
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                page.goto(url)
                page.locator(CHART).first.wait_for(timeout=TIMEOUT_MS)
                context.close()
            for i, actor in enumerate(actors):
                for label, url in list(urls.items())[:: 1 if i % 2 == 0 else -1]:
                    seconds, cpu = change_to(browser, url, actor)
                    measured[label].append((seconds, cpu))
                    print(f"[{label}] {actor[:30]:30} {seconds:6.2f} s, server CPU {cpu:5.2f} s "
                          f"(load {os.getloadavg()[0]:.1f})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for label, values in measured.items():
        if values:
            print(f"{label:>10}: median {statistics.median(s for s, _ in values):.2f} s, server "
                  f"CPU {statistics.median(c for _, c in values):.2f} s, over {len(values)} actors")


if __name__ == "__main__":
    main()
