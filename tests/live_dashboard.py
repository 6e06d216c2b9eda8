"""A real dashboard for the browser test and the documentation screenshots: `streamlit run
app.py` on a free 127.0.0.1 port with its own store, and Debian's Chromium to look at it
(through Playwright, never a downloaded browser)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# Every real-browser test module: marked, and skipped with the way to get Chromium when it is missing.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install "
                              "chromium; .ci/run installs it)"),
]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {url}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def running_dashboard(store: Path, script: str = "app.py", root: Path = ROOT) -> Iterator[str]:
    """`streamlit run` with TIMELINE_STORE=`store`; yields its base URL, always stops it.
    `root`: another checkout of the repository to run (its own `src` first on the path; a
    benchmark compares two versions of the code this way)."""
    port = free_port()
    env = {**os.environ, "TIMELINE_STORE": str(store)}
    if Path(root).resolve() != ROOT:
        env["PYTHONPATH"] = str(Path(root) / "src")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=root, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, server)
        yield url
    finally:
        stop(server)


def launch_chromium(playwright):
    """Debian's headless Chromium, driven by Playwright."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


# Conditions a browser test waits on instead of a fixed pause (a pause is too short on a
# loaded machine and wasted on an idle one).

# Streamlit's script run has finished sending the page: the app root's data-test-script-state
# (what Streamlit's own browser tests wait on) is "notRunning" ("initial" before the first run,
# "running" during one). The page is drawn in pieces while a run goes on (after a restart, on
# a loaded machine: the drill-down some seconds before the chart, the run's end later still).
# And the page is connected to its server (data-test-connection-state "CONNECTED"): while it
# connects or reconnects, Streamlit's page drops what a click or a form sends (it logs "Cannot
# send message when server is disconnected"), so an action taken then is lost.
RUN_FINISHED = """() => document.querySelector('[data-testid="stApp"]'
    + '[data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]') !== null"""

# Counts the runs that start from now on (the state attribute turning "running"), so that a
# test can wait for the end of the run its own action started, not of an earlier one.
_COUNT_RUNS = """() => {
    window.__tlRunsStarted = 0;
    if (window.__tlRunWatcher) window.__tlRunWatcher.disconnect();
    window.__tlRunWatcher = new MutationObserver(changes => {
        for (const change of changes) {
            if (change.target.getAttribute('data-test-script-state') === 'running') {
                window.__tlRunsStarted += 1;
            }
        }
    });
    window.__tlRunWatcher.observe(document.body, {subtree: true, attributes: true,
                                                  attributeFilter: ['data-test-script-state']});
}"""
_STARTED_RUN_FINISHED = f"() => window.__tlRunsStarted > 0 && ({RUN_FINISHED})()"
STILL_FRAMES = 10  # animation frames a measure must stay the same to count as settled


def wait_for_run(page, timeout: float = 90_000) -> None:
    """Wait until the script run that is drawing the page has finished."""
    page.wait_for_function(RUN_FINISHED, timeout=timeout)


@contextmanager
def rerun_finished(page, timeout: float = 60_000) -> Iterator[None]:
    """Around an action that makes Streamlit run the script again (a field submitted, an
    option picked): on leaving, wait until a run started after the action began has ended."""
    page.evaluate(_COUNT_RUNS)
    yield
    page.wait_for_function(_STARTED_RUN_FINISHED, timeout=timeout)


def wait_until_still(page, measure: str, timeout: float = 30_000) -> None:
    """Wait until the JavaScript function `measure` (returning JSON-able values: a box, a
    chart's axis range, a hover label's lines) gives the same non-null value for
    STILL_FRAMES animation frames in a row: a scroll, a relayout or a redraw has ended."""
    page.evaluate("() => { window.__tlStillLast = undefined; window.__tlStillCount = 0; }")
    page.wait_for_function(
        f"""frames => {{
            const now = JSON.stringify(({measure})());
            const same = now !== undefined && now !== 'null' && now === window.__tlStillLast;
            window.__tlStillCount = same ? window.__tlStillCount + 1 : 0;
            window.__tlStillLast = now;
            return window.__tlStillCount >= frames;
        }}""", arg=STILL_FRAMES, polling="raf", timeout=timeout)
