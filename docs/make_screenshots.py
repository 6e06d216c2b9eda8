"""Make the README's screenshots of the dashboard's main views (timeline, evidence panel,
chronology table, map) from the bundled seed corpus.

    .venv/bin/python docs/make_screenshots.py

Runs `streamlit run app.py` on a free 127.0.0.1 port with a fresh temporary store and looks
at it with Debian's headless Chromium (Playwright; no browser is downloaded).
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))

from live_dashboard import launch_chromium, running_dashboard  # noqa: E402

VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT_MS = 90_000


def wait_for_timeline(page) -> None:
    page.get_by_text(re.compile(r"\d+ of \d+ events")).first.wait_for(timeout=TIMEOUT_MS)
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # let Plotly finish its transitions


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(1500)


def a_telling_event(store: Path) -> str:
    """An event with actors and a resolved relative date: the one the evidence shot shows."""
    from timeline import schema
    from timeline.store import EventStore

    events = EventStore(str(store)).events()
    with_actors = events[[len(a) >= 2 for a in events[schema.ACTORS]]]
    return str((with_actors if len(with_actors) else events).iloc[0][schema.EVENT_ID])


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, running_dashboard(Path(tmp) / "store") as url, \
            sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(url)
        wait_for_timeline(page)
        page.screenshot(path=DOCS / "timeline.png")

        # A shared link with ?event= opens with that event's evidence on screen.
        page.goto(f"{url}/?event={a_telling_event(Path(tmp) / 'store')}")
        wait_for_timeline(page)
        evidence = page.locator(".tl-evidence").first
        evidence.wait_for(timeout=TIMEOUT_MS)
        evidence.scroll_into_view_if_needed()
        page.screenshot(path=DOCS / "evidence.png")

        page.goto(url)
        wait_for_timeline(page)
        open_tab(page, "Chronology")
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=TIMEOUT_MS)
        page.screenshot(path=DOCS / "table.png")

        open_tab(page, "Map")
        page.wait_for_timeout(1500)
        page.screenshot(path=DOCS / "map.png")
        browser.close()
    for name in ("timeline", "evidence", "table", "map"):
        print(DOCS / f"{name}.png")


if __name__ == "__main__":
    main()
