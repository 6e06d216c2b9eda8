"""Benchmark: the dashboard on a store of 1,000,000 mentions, in a real browser.

Not a test: it prints numbers against the targets of issue 10 ("first chart in under 3 seconds
and a filter change in under 1 second in the browser, page payload under 3 MB, server memory
under 1 GB") and ratios against a small store (one copy of each of the repository's articles)
measured in the same run. Numbers are printed as measured, also when they miss the targets.

For each store: its chronology is made once first (sync_chronology, timed and printed apart: a
one-off merge, not the dashboard's cost), then `streamlit run app.py` on 127.0.0.1
(tests/live_dashboard.py) and Debian's Chromium through Playwright measure
- first chart: from navigation to the first '.js-plotly-plot .main-svg', on the default page
  (the chronology) for the server's first visitor and again for a second one, then on the
  mentions view (?view=mentions), each in a fresh page;
- filter change: on the mentions view, from the click on an actor in the sidebar's actor
  multiselect (the least frequent one, the list's last) until the "N of M events" caption shows
  fewer events and Plotly has redrawn the chart with at most N events (a real widget change, not
  a reload with ?actor=);
- payload: bytes of the websocket frames the page received (Playwright's framereceived), for
  the first load and for the filter change; the static JS/CSS, the same for every store, is not
  counted;
- server memory: the peak RSS (VmHWM in /proc) of the streamlit process and its children,
  summed, read at the end;
- where a first chart's seconds go: the server's CPU seconds (utime + stime in /proc) spent
  from navigation to the chart, and the page's main-thread busy seconds by then (Chromium's
  TaskDuration, of which ScriptDuration runs JavaScript). On a loaded machine busy seconds
  include time the thread waited for a core, so read them as shares, not as CPU time.

Run: .venv/bin/python bench/bench_dashboard.py [--mentions 1000000] [--store DIR] [--keep]
The big store is built from bench/corpus_factory.py copies (minutes per 100,000 mentions);
--store DIR reuses (or fills, if short of --mentions) a store there; --keep keeps a store built
in a temporary folder and prints where.
"""
from __future__ import annotations

import argparse
import math
import os
import pathlib
import re
import shutil
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus_factory import base_articles, fill_store  # noqa: E402
from live_dashboard import launch_chromium, running_dashboard  # noqa: E402

from timeline import schema  # noqa: E402
from timeline.corpus.ingest import extractor_fingerprint  # noqa: E402
from timeline.corpus.store import EventStore  # noqa: E402
from timeline.corpus.sync import sync_chronology  # noqa: E402

CHART = ".js-plotly-plot .main-svg"
SHOWN = re.compile(r"(\d[\d,]*) of (\d[\d,]*) events")
TIMEOUT_MS = 600_000  # a 1M-mention page may take minutes on a loaded machine; measure, not fail
TARGETS = {"first chart (s)": 3.0, "first chart, 2nd visit (s)": 3.0, "filter change (s)": 1.0, "payload (MB)": 3.0,
           "server peak RSS (MB)": 1024.0}


def build(store_path: pathlib.Path, base, mentions: int) -> int:
    """Fill the store with corpus_factory copies until it holds >= `mentions` rows; returns
    the row count."""
    store = EventStore(str(store_path))
    have = store.count_mentions()
    per_article = sum(len(m) for _, m in base) / len(base)
    start = store.count_documents()  # copies are numbered; continue after the stored ones
    while have < mentions:
        count = max(1, math.ceil((mentions - have) / per_article))
        began = time.perf_counter()
        have += fill_store(store, base, start, count)
        start += count
        print(f"  added {count:,} articles in {time.perf_counter() - began:.0f} s "
              f"({have:,} mentions)", flush=True)
    return have


def server_peak_rss_mb(url: str) -> float:
    """Summed VmHWM of the streamlit server (the child of this process listening on `url`'s
    port) and its own children."""
    port = url.rsplit(":", 1)[1]
    me = os.getpid()
    total_kb = 0
    for pid in _descendants(me):
        cmdline = _read(f"/proc/{pid}/cmdline").replace("\0", " ")
        if "streamlit" in cmdline and port in cmdline:
            for p in [pid, *_descendants(pid)]:
                match = re.search(r"VmHWM:\s+(\d+)", _read(f"/proc/{p}/status"))
                total_kb += int(match.group(1)) if match else 0
    return total_kb / 1024


def _read(path: str) -> str:
    try:
        return pathlib.Path(path).read_text()
    except OSError:
        return ""


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in pathlib.Path(f"/proc/{parent}/task").glob("*"):
            for child in _read(f"{task}/children").split():
                found.append(int(child))
                todo.append(int(child))
    return found


class Received:
    """Bytes of the websocket frames a page received, readable at any moment."""

    def __init__(self, page) -> None:
        self.bytes = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload) -> None:
        self.bytes += len(payload.encode() if isinstance(payload, str) else payload)


def server_cpu_s(url: str) -> float:
    """CPU seconds (user + system) the streamlit server on `url`'s port has used so far."""
    port, total = url.rsplit(":", 1)[1], 0
    for pid in _descendants(os.getpid()):
        if "streamlit" in _read(f"/proc/{pid}/cmdline") and port in _read(f"/proc/{pid}/cmdline"):
            fields = _read(f"/proc/{pid}/stat").rsplit(")", 1)[-1].split()
            total += int(fields[11]) + int(fields[12]) if len(fields) > 12 else 0
    return total / os.sysconf("SC_CLK_TCK")


def first_chart(browser, url: str) -> dict[str, float]:
    """Seconds to the first chart in a fresh page, websocket MB received by then, and where
    the seconds went: the server's CPU seconds, the page's main-thread busy and script
    seconds."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    received = Received(page)
    devtools = page.context.new_cdp_session(page)
    devtools.send("Performance.enable")
    cpu = server_cpu_s(url)
    began = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.locator(CHART).first.wait_for(timeout=TIMEOUT_MS)
    seconds = time.perf_counter() - began
    metrics = {m["name"]: m["value"] for m in devtools.send("Performance.getMetrics")["metrics"]}
    cpu = server_cpu_s(url) - cpu
    page.close()
    return {"s": seconds, "MB": received.bytes / 1e6, "server CPU s": cpu,
            "page busy s": metrics.get("TaskDuration", math.nan),
            "page script s": metrics.get("ScriptDuration", math.nan)}


def filter_change(browser, url: str) -> dict[str, float]:
    """First chart on the mentions view, then one actor chosen in the sidebar: seconds and
    websocket MB of each."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    received = Received(page)
    began = time.perf_counter()
    page.goto(url + "/?view=mentions", wait_until="domcontentloaded")
    page.locator(CHART).first.wait_for(timeout=TIMEOUT_MS)
    load_s, load_mb = time.perf_counter() - began, received.bytes / 1e6
    caption = page.get_by_text(SHOWN).first
    caption.wait_for(timeout=TIMEOUT_MS)
    total = SHOWN.search(caption.inner_text()).group(2)
    page.wait_for_timeout(1000)  # let the first run settle so its late frames are not counted

    actors = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    actors.click()
    options = page.locator('[role="option"]')
    options.first.wait_for(timeout=TIMEOUT_MS)
    before = received.bytes
    began = time.perf_counter()
    options.last.click()
    page.get_by_text(re.compile(rf"^(?!{total} of)\d[\d,]* of {total} events")).first.wait_for(
        timeout=TIMEOUT_MS)
    shown = int(SHOWN.search(page.get_by_text(SHOWN).first.inner_text()).group(1)
                .replace(",", ""))
    page.wait_for_function(  # the caption comes first; Plotly redraws the chart just after
        "n => new Set(document.querySelector('.js-plotly-plot').data.flatMap("
        "t => (t.customdata || []).map(c => Array.isArray(c) ? c[0] : c))).size <= n",
        arg=shown, timeout=TIMEOUT_MS)
    change_s = time.perf_counter() - began
    change_mb = (received.bytes - before) / 1e6
    page.keyboard.press("Escape")
    page.close()
    return {"mentions view first chart (s)": load_s, "mentions view payload (MB)": load_mb,
            "filter change (s)": change_s, "filter change payload (MB)": change_mb,
            "events shown after filter": shown,
            "events in view": int(total.replace(",", ""))}


def measure(store_path: pathlib.Path, label: str) -> dict[str, float]:
    from playwright.sync_api import TimeoutError as PageTimeout
    from playwright.sync_api import sync_playwright

    store = EventStore(str(store_path))
    rows = store.count_mentions()
    if store.extractor() != extractor_fingerprint():
        # corpus_factory copies the mentions of a fresh extraction: they are the current
        # rules'. Without this record the dashboard's first start extracts every stored
        # article again (refresh_store), which is what the first visitor measured before.
        store.replace_events(schema.empty_events(), extractor_fingerprint(), doc_ids=[])
        print(f"[{label}] recorded the store's mentions as made by the current rules "
              "(they are corpus_factory copies of a fresh extraction)", flush=True)
    began = time.perf_counter()
    sync_chronology(store)
    sync_s = time.perf_counter() - began
    print(f"[{label}] {rows:,} mentions; sync_chronology (one-off, not timed below): "
          f"{sync_s:.1f} s", flush=True)
    results: dict[str, float] = {"mentions": rows}
    with running_dashboard(store_path) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            # The first visitor after the start pays the app's imports and cold caches too.
            first = first_chart(browser, url)
            results["first chart (s)"], results["payload (MB)"] = first["s"], first["MB"]
            second = first_chart(browser, url)
            results["first chart, 2nd visit (s)"] = second["s"]
            # Where the second visitor's seconds went (the first also pays imports and caches).
            results["  2nd visit: server CPU (s)"] = second["server CPU s"]
            results["  2nd visit: page busy (s)"] = second["page busy s"]
            results["  2nd visit: page script (s)"] = second["page script s"]
            results.update(filter_change(browser, url))
        except PageTimeout as error:  # print what was measured; the rest shows as nan, MISSED
            print(f"[{label}] gave up waiting after {TIMEOUT_MS / 1000:.0f} s: "
                  f"{str(error).splitlines()[0]}", flush=True)
        finally:
            browser.close()
            results["server peak RSS (MB)"] = server_peak_rss_mb(url)
    for name, value in results.items():
        print(f"[{label}]   {name:32} {value:12,.2f}", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--store", type=pathlib.Path, help="reuse or fill a store here")
    parser.add_argument("--keep", action="store_true", help="keep a temporary big store")
    args = parser.parse_args()

    workdir = pathlib.Path(tempfile.mkdtemp(prefix="bench_dashboard_"))
    big = args.store or workdir / "big"
    try:
        began = time.perf_counter()
        base = base_articles()
        print(f"{len(base)} base articles extracted in {time.perf_counter() - began:.0f} s",
              flush=True)
        # The baseline: one copy of each article.
        fill_store(EventStore(str(workdir / "small")), base, 0, len(base))
        began = time.perf_counter()
        rows = build(big, base, args.mentions)
        print(f"big store: {rows:,} mentions at {big} ({time.perf_counter() - began:.0f} s)",
              flush=True)
        small = measure(workdir / "small", "small")
        large = measure(big, "big")
    finally:
        if args.keep and not args.store:
            kept = pathlib.Path(tempfile.gettempdir()) / f"bench_dashboard_store_{os.getpid()}"
            shutil.move(str(big), kept)
            print(f"kept the big store at {kept}")
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n{'':32} {'small':>10} {'big':>10} {'ratio':>8} {'target':>8}")
    for name in small:
        target, big_value = TARGETS.get(name), large.get(name, math.nan)
        ratio = big_value / small[name] if small[name] else math.nan
        verdict = "" if target is None else ("met" if big_value < target else "MISSED")
        print(f"{name:32} {small[name]:10,.2f} {big_value:10,.2f} {ratio:8.1f} "
              f"{'' if target is None else f'<{target:g}':>8} {verdict}")


if __name__ == "__main__":
    main()
