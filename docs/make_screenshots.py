"""Make the README's screenshots of the dashboard from real runs:

- `story_seed.png`: the chronology of the bundled seed corpus (what a new user first sees);
- `story_corpus.png`: the chronology of 300+ generated articles about the Syria peace process
  (tests/corpus_maker.py, our own templates over resources/reference/), put in with `timeline
  ingest`'s library function;
- `story_evidence.png`: the drill-down of the event reported by the most articles;
- `map.png`: the places of the seed corpus.

    .venv/bin/python docs/make_screenshots.py

Runs `streamlit run app.py` on a free 127.0.0.1 port with fresh temporary stores and looks at it
with Debian's headless Chromium (Playwright; no browser is downloaded).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))

from live_dashboard import launch_chromium, running_dashboard  # noqa: E402

VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_MS = 180_000


def wait_for_story(page) -> None:
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => { const c = document.querySelector('.js-plotly-plot');"
        " return c && c._fullLayout && c._fullLayout.meta && c._fullLayout.meta.story; }",
        timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # Plotly finishes drawing the annotations


def corpus_store(folder: Path) -> Path:
    """A store holding the generated corpus, with its chronology."""
    from corpus_maker import make_corpus

    from timeline.corpus.pipeline import ingest
    from timeline.corpus.store import EventStore

    articles = folder / "articles"
    make_corpus().write_markdown(articles)
    store = EventStore(folder / "store")
    ingest([articles], store, workers=2)
    return folder / "store"


def busiest_event(store: Path) -> str:
    from timeline import schema
    from timeline.corpus.store import EventStore

    chronology = EventStore(store).chronology()
    return str(chronology.sort_values(schema.N_ARTICLES, ascending=False).iloc[0][schema.EVENT_KEY])


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=VIEWPORT)
        with running_dashboard(Path(tmp) / "seed-store") as url:
            page.goto(url)
            wait_for_story(page)
            page.screenshot(path=DOCS / "story_seed.png")
            page.get_by_role("tab", name="Map").click()
            page.wait_for_timeout(2500)
            page.screenshot(path=DOCS / "map.png")
        store = corpus_store(Path(tmp))
        with running_dashboard(store) as url:
            page.goto(url)
            wait_for_story(page)
            page.screenshot(path=DOCS / "story_corpus.png")
            page.goto(f"{url}/?story_event={busiest_event(store)}")
            wait_for_story(page)
            evidence = page.locator(".tl-story").first
            evidence.wait_for(timeout=TIMEOUT_MS)
            evidence.scroll_into_view_if_needed()
            page.wait_for_timeout(1000)
            page.screenshot(path=DOCS / "story_evidence.png")
        browser.close()
    for name in ("story_seed", "story_corpus", "story_evidence", "map"):
        print(DOCS / f"{name}.png")


if __name__ == "__main__":
    main()
