"""Benchmark: the dashboard on a store of 1,000,000 mentions, in a real browser.

Not a test: it prints numbers against the targets of issue 10 ("first chart in under 3 seconds
and a filter change in under 1 second in the browser, page payload under 3 MB, server memory
under 1 GB") and ratios against a small store (one copy of each of the repository's articles)
measured in the same run. Numbers are printed as measured, also when they miss the targets.

Both stores' dashboards run side by side (`streamlit run app.py` on 127.0.0.1 each,
tests/live_dashboard.py) and Debian's Chromium through Playwright visits them in turn, so that
both see the same moments of the machine's load (another helper's test suite can double a
wall time); each number is the median of --rounds visits, printed with the median 1-minute
load average at the times it was measured. Per store (its chronology made once first by
sync_chronology, timed apart: a one-off merge, not the dashboard's cost):
- first chart: from navigation to the first '.js-plotly-plot .main-svg' on the default page
  (the story), for the server's first visitor (imports, cold caches), then
  - cold browser: a fresh browser profile each time (Streamlit's and Plotly's scripts fetched
    and compiled anew: someone's first visit);
  - warm browser: the same profile's second visit (the static scripts, which Streamlit serves
    content-hashed and "immutable" for a year, come from the browser's cache: a returning
    visitor);
- filter change: from the click on the last actor the sidebar's open list shows (the list is
  virtualised: on the 1M store the 11th most frequent, 27,781 mentions, not the least
  frequent) until the "N of M events" caption shows fewer events and Plotly holds new data (a
  real widget change, not a reload with ?actor=), on the story and on the mentions view
  (?view=mentions), with the server's CPU seconds meanwhile (less sensitive to the load than
  wall time);
- event picked: on the story, from the click on an event in the picker until its drill-down
  shows (a fragment's rerun: the chart and the sidebar are not run again);
- payload: bytes of the websocket frames the page received (Playwright's framereceived), for
  the first load, a filter change and a pick; the static JS/CSS, the same for every store, is
  not counted;
- server memory: the peak RSS (VmHWM in /proc) of the streamlit process and its children,
  summed, read at the end;
- where a cold first chart's seconds go: the server's CPU seconds (utime + stime in /proc)
  from navigation to the chart, and the page's main-thread busy seconds by then (Chromium's
  TaskDuration, of which ScriptDuration runs JavaScript). On a loaded machine busy seconds
  include time the thread waited for a core, so read them as shares, not as CPU time.

With --baseline REV (a git revision, e.g. main), the code of REV (`git archive`, in a temporary
folder) runs as two more dashboards on copies of the two stores, visited in the same turns, and a
second table prints this tree's numbers against REV's: a change's gain measured in the same
minutes (on a machine shared with other jobs, runs minutes apart differ by more than most
changes). The copies keep each dashboard's writes to itself: on one shared store, a write by
either (REV's code syncing the chronology its own way, say) changes the store's version, and
every cache of the other starts over, so a filter change it had seen is new to it again. A
store written during the run is said in the output, at the measurement after the write.

Run: .venv/bin/python bench/bench_dashboard.py [--mentions 1000000] [--store DIR] [--rounds 3]
     [--baseline main]
The big store is built from bench/corpus_factory.py copies (about 90 s per 1,000,000 mentions,
then a few minutes for its chronology); --store DIR reuses (or fills, if short of --mentions) a
store there, else it is built in a temporary folder and removed (--keep keeps it).
"""
from __future__ import annotations

import argparse
import contextlib
import math
import os
import pathlib
import re
import shutil
import statistics
import subprocess
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
TARGETS = {"first chart, cold browser (s)": 3.0, "first chart, warm browser (s)": 3.0,
           "filter change, story (s)": 1.0, "filter change, mentions (s)": 1.0,
           "payload (MB)": 3.0, "server peak RSS (MB)": 1024.0}


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


VIEWPORT = {"width": 1400, "height": 1000}
# The chart's data before a change: a change is drawn once Plotly holds other data.
REMEMBER_DATA = "() => { window.__tlData = document.querySelector('.js-plotly-plot').data; }"
NEW_DATA = ("() => { const c = document.querySelector('.js-plotly-plot');"
            " return !!(c && c._fullLayout && c.data !== window.__tlData); }")


def load() -> float:
    return os.getloadavg()[0]


def visit(context, url: str) -> dict[str, float]:
    """A page of `context` opened on `url` until its first chart: seconds, websocket MB
    received by then, the server's CPU seconds, the page's main-thread busy and script
    seconds, and the load average."""
    page = context.new_page()
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
            "page script s": metrics.get("ScriptDuration", math.nan), "load": load()}


def cold_visit(browser, url: str) -> dict[str, float]:
    """Someone's first visit: a fresh browser profile (empty HTTP cache)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        return visit(context, url)
    finally:
        context.close()


def warm_visit(browser, url: str) -> dict[str, float]:
    """A returning visitor: the second visit of one profile (Streamlit's and Plotly's
    scripts in its cache)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        visit(context, url)
        return visit(context, url)
    finally:
        context.close()


def choose_least_frequent_actor(page) -> float:
    """Open the sidebar's actor list and click its last option drawn (the list is
    virtualised: the least frequent of the actors it draws);
    a click lost while the list was still rendering (a loaded machine) is made again. Returns
    the perf_counter time of the click that took."""
    actors = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    clicked = time.perf_counter()
    for _attempt in range(3):
        actors.click()
        options = page.locator('[role="option"]')
        options.first.wait_for(timeout=TIMEOUT_MS)
        clicked = time.perf_counter()
        options.last.click()
        try:
            actors.locator("[data-tag]").first.wait_for(timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: the click was lost
            page.keyboard.press("Escape")
    return clicked


def filter_change(browser, url: str, path: str = "") -> dict[str, float]:
    """The page on `path` (its first chart), then one actor chosen in the sidebar: seconds and
    websocket MB from the click on the actor to the chart drawn again."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        received = Received(page)
        page.goto(url + path, wait_until="domcontentloaded")
        page.locator(CHART).first.wait_for(timeout=TIMEOUT_MS)
        caption = page.get_by_text(SHOWN).first
        caption.wait_for(timeout=TIMEOUT_MS)
        total = SHOWN.search(caption.inner_text()).group(2)
        page.wait_for_timeout(1500)  # let the first run settle: its late frames not counted
        page.evaluate(REMEMBER_DATA)
        before, cpu = received.bytes, server_cpu_s(url)
        began = choose_least_frequent_actor(page)
        page.get_by_text(re.compile(rf"^(?!{total} of)\d[\d,]* of {total} events")).first \
            .wait_for(timeout=TIMEOUT_MS)
        page.wait_for_function(NEW_DATA, timeout=TIMEOUT_MS)  # the caption comes first
        seconds = time.perf_counter() - began
        return {"s": seconds, "MB": (received.bytes - before) / 1e6,
                "server CPU s": server_cpu_s(url) - cpu, "load": load()}
    finally:
        context.close()


def event_picked(browser, url: str) -> dict[str, float]:
    """On the story: from the click on an event in the picker until its drill-down shows."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        received = Received(page)
        page.goto(url, wait_until="domcontentloaded")
        page.locator(CHART).first.wait_for(timeout=TIMEOUT_MS)
        picker = page.locator(".st-key-selected_story_event input")
        picker.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_timeout(1500)
        options = page.locator('[role="option"]')
        story = page.locator(".tl-story").first
        before, began = received.bytes, time.perf_counter()
        for _attempt in range(3):  # a click lost on a loaded machine is made again
            picker.click()
            picker.press("ArrowDown")  # opens the list (a click on its button may not)
            try:
                options.first.wait_for(timeout=30_000)
            except Exception:  # noqa: BLE001 - playwright's TimeoutError: not opened
                page.keyboard.press("Escape")
                continue
            before, began = received.bytes, time.perf_counter()
            options.last.click()
            try:
                story.wait_for(timeout=60_000)
                break
            except Exception:  # noqa: BLE001 - playwright's TimeoutError: the pick was lost
                page.keyboard.press("Escape")
        story.wait_for(timeout=60_000)
        seconds = time.perf_counter() - began
        return {"s": seconds, "MB": (received.bytes - before) / 1e6, "load": load()}
    finally:
        context.close()


def prepare(store_path: pathlib.Path, label: str) -> int:
    """Record the store's mentions as the current rules' and bring its chronology in step
    (timed and printed: a one-off merge, not the dashboard's cost); its mention count."""
    store = EventStore(str(store_path))
    if store.extractor() != extractor_fingerprint():
        # A store fill_store began records the current rules itself (add_many's extractor);
        # one reused with --store from a run under other rules holds copies of that run's
        # extraction: measured as the current rules' all the same, else the dashboard's
        # first start would extract every stored article again (refresh_store) and the first
        # visitor would measure that.
        store.replace_events(schema.empty_events(), extractor_fingerprint(), doc_ids=[])
        print(f"[{label}] recorded the store's mentions as made by the current rules "
              "(they are corpus_factory copies of a fresh extraction)", flush=True)
    began = time.perf_counter()
    sync_chronology(store)
    rows = store.count_mentions()
    print(f"[{label}] {rows:,} mentions, {store.count_chronology():,} events; sync_chronology "
          f"(one-off, not timed below): {time.perf_counter() - began:.1f} s", flush=True)
    return rows


Measured = dict[str, tuple[float, float]]  # name -> (median value, median load average)


def attempt(measurement, *args) -> dict[str, float]:
    """One measurement; one that timed out prints so and is nan, and the others go on."""
    from playwright.sync_api import TimeoutError as PageTimeout

    try:
        return measurement(*args)
    except PageTimeout as error:
        print(f"{measurement.__name__} gave up: {str(error).splitlines()[0]}", flush=True)
        return {"s": math.nan, "MB": math.nan, "server CPU s": math.nan, "page busy s": math.nan,
                "page script s": math.nan, "load": load()}


def measure(stores: dict[str, tuple[pathlib.Path, pathlib.Path]], rounds: int) -> dict[str, Measured]:
    """Every measurement on every dashboard (label -> (store, code root)), in turn."""
    from playwright.sync_api import TimeoutError as PageTimeout
    from playwright.sync_api import sync_playwright

    samples: dict[str, dict[str, list[tuple[float, float]]]] = {k: {} for k in stores}
    stamps = {label: store_stamp(path) for label, (path, _root) in stores.items()}

    def written(label: str) -> None:
        """Say so when the store was written since the last look: its caches started over."""
        now = store_stamp(stores[label][0])
        if now != stamps[label]:
            print(f"[{label}] the store was written since the last measurement: the server's "
                  "caches start over (a filter change seen before is new again)", flush=True)
            stamps[label] = now

    def keep(label: str, name: str, value: float, at_load: float) -> None:
        samples[label].setdefault(name, []).append((value, at_load))
        print(f"[{label}] {name:38} {value:10,.2f}   (load {at_load:.1f})", flush=True)

    with contextlib.ExitStack() as stack:
        urls = {label: stack.enter_context(running_dashboard(path, root=root))
                for label, (path, root) in stores.items()}
        browser = launch_chromium(stack.enter_context(sync_playwright()))
        stack.callback(browser.close)
        try:
            for label, url in urls.items():  # the server's first visitor pays its imports
                first = cold_visit(browser, url)
                keep(label, "first chart, server's first visit (s)", first["s"], first["load"])
                keep(label, "payload (MB)", first["MB"], first["load"])
            for _ in range(rounds):
                for label, url in urls.items():  # in turn: both see the same moments of load
                    written(label)
                    cold = attempt(cold_visit, browser, url)
                    keep(label, "first chart, cold browser (s)", cold["s"], cold["load"])
                    keep(label, "  cold: server CPU (s)", cold["server CPU s"], cold["load"])
                    keep(label, "  cold: page busy (s)", cold["page busy s"], cold["load"])
                    keep(label, "  cold: page script (s)", cold["page script s"], cold["load"])
                    warm = attempt(warm_visit, browser, url)
                    keep(label, "first chart, warm browser (s)", warm["s"], warm["load"])
                    keep(label, "  warm: page busy (s)", warm["page busy s"], warm["load"])
                    keep(label, "  warm: page script (s)", warm["page script s"], warm["load"])
                    written(label)
                    story = attempt(filter_change, browser, url)
                    keep(label, "filter change, story (s)", story["s"], story["load"])
                    keep(label, "  story: server CPU (s)", story["server CPU s"], story["load"])
                    keep(label, "filter change, story (MB)", story["MB"], story["load"])
                    mentions = attempt(filter_change, browser, url, "/?view=mentions")
                    keep(label, "filter change, mentions (s)", mentions["s"], mentions["load"])
                    keep(label, "  mentions: server CPU (s)", mentions["server CPU s"],
                         mentions["load"])
                    keep(label, "filter change, mentions (MB)", mentions["MB"], mentions["load"])
                    picked = attempt(event_picked, browser, url)
                    keep(label, "event picked (s)", picked["s"], picked["load"])
                    keep(label, "event picked (MB)", picked["MB"], picked["load"])
        except PageTimeout as error:  # print what was measured; the rest shows as nan
            print(f"gave up waiting after {TIMEOUT_MS / 1000:.0f} s: "
                  f"{str(error).splitlines()[0]}", flush=True)
        for label, url in urls.items():
            keep(label, "server peak RSS (MB)", server_peak_rss_mb(url), load())
    return {label: {name: (statistics.median(v for v, _ in values),
                           statistics.median(at for _, at in values))
                    for name, values in by_name.items()}
            for label, by_name in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--store", type=pathlib.Path, help="reuse or fill a store here")
    parser.add_argument("--keep", action="store_true", help="keep a temporary big store")
    parser.add_argument("--rounds", type=int, default=3, help="visits per measurement")
    parser.add_argument("--baseline", metavar="REV",
                        help="also run this git revision's dashboard, in the same turns")
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
        here = HERE.parent
        stores = {"small": (workdir / "small", here), "big": (big, here)}
        mentions = {label: prepare(path, label) for label, (path, _root) in stores.items()}
        if args.baseline:
            old = checkout(args.baseline, workdir / "baseline")
            stores |= {f"{label}@{args.baseline}": (copied(path, workdir / f"{label}@base"), old)
                       for label, (path, _root) in list(stores.items())}
        results = measure(stores, args.rounds)
    finally:
        if args.keep and not args.store:
            kept = pathlib.Path(tempfile.gettempdir()) / f"bench_dashboard_store_{os.getpid()}"
            shutil.move(str(big), kept)
            print(f"kept the big store at {kept}")
        shutil.rmtree(workdir, ignore_errors=True)

    print_table(results["small"], results["big"], mentions, args.rounds)
    if args.baseline:
        for label in ("small", "big"):
            print_baseline(results[f"{label}@{args.baseline}"], results[label], label,
                           args.baseline)


def copied(store: pathlib.Path, folder: pathlib.Path) -> pathlib.Path:
    """A copy of the store `store` in `folder` (for a baseline's dashboard: see the module's doc)."""
    shutil.copytree(store, folder)
    return folder


def store_stamp(store: pathlib.Path) -> tuple[int, int]:
    """What changes when a writer commits to the store: its manifest's mtime and size."""
    try:
        info = (store / "manifest.json").stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


def checkout(rev: str, folder: pathlib.Path) -> pathlib.Path:
    """The repository's files at `rev`, unpacked in `folder` (git archive: no worktree)."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev], cwd=HERE.parent, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def print_baseline(old: Measured, new: Measured, label: str, rev: str) -> None:
    print(f"\n{label} store: this tree against {rev}, visited in the same turns")
    print(f"{'':38} {rev:>8} {'load':>5} {'now':>8} {'load':>5} {'ratio':>6}")
    for name in new:
        (o_value, o_load), (n_value, n_load) = old.get(name, (math.nan, math.nan)), new[name]
        ratio = n_value / o_value if o_value else math.nan
        print(f"{name:38} {o_value:8,.2f} {o_load:5.1f} {n_value:8,.2f} {n_load:5.1f} {ratio:6.2f}")


def print_table(small: Measured, large: Measured, mentions: dict[str, int], rounds: int) -> None:
    print(f"\nmedians of {rounds} visits; small store {mentions['small']:,} mentions, big "
          f"store {mentions['big']:,}; load = the 1-minute load average (2 cores)")
    print(f"{'':38} {'small':>8} {'load':>5} {'big':>8} {'load':>5} {'ratio':>6} {'target':>7}")
    for name in small:
        (s_value, s_load), (b_value, b_load) = small[name], large.get(name, (math.nan, math.nan))
        target = TARGETS.get(name)
        ratio = b_value / s_value if s_value else math.nan
        verdict = "" if target is None else ("met" if b_value < target else "MISSED")
        print(f"{name:38} {s_value:8,.2f} {s_load:5.1f} {b_value:8,.2f} {b_load:5.1f} "
              f"{ratio:6.2f} {'' if target is None else f'<{target:g}':>7} {verdict}")


if __name__ == "__main__":
    main()
