"""The dashboard in a real browser: `streamlit run app.py` on 127.0.0.1, driven by Debian's
Chromium (headless, through Playwright; no browser is ever downloaded)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from live_dashboard import BROWSER_MARKS, wait_for_run, wait_until_still

from timeline.corpus.store import EventStore

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SHOWN = re.compile(r"(\d[\d,]*) of (\d[\d,]*) events")
# These tests look at the per-mention timeline, one click from the chronology that opens by
# default (the chronology has tests/test_browser_story.py).
MENTIONS_VIEW = "/?view=mentions"

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser") / "store"




def shown_counts(page) -> tuple[int, int]:
    """(events shown, events in the store) from the timeline's caption."""
    caption = page.get_by_text(SHOWN).first
    caption.wait_for(timeout=60_000)
    shown, total = SHOWN.search(caption.inner_text()).groups()
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def wait_for_query_param(page, name: str) -> str:
    """The value of URL parameter `name` once the app has written it (Streamlit rewrites the
    address in place, without a navigation to wait for)."""
    script = "name => new URLSearchParams(location.search).get(name)"
    page.wait_for_function(script, arg=name, timeout=60_000)
    return page.evaluate(script, name)


def plotted_event_ids(page) -> set[str]:
    """The event ids behind the marks Plotly drew in the timeline (the page's first chart).

    Read from the chart's own data (points may be drawn with WebGL, not as SVG nodes)."""
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    return set(page.evaluate("""() => {
        const chart = document.querySelector('.js-plotly-plot');
        const ids = [];
        for (const trace of chart.data || []) {
            for (const item of trace.customdata || []) {
                ids.push(Array.isArray(item) ? item[0] : item);
            }
        }
        return ids.filter(id => typeof id === 'string');
    }"""))


def choose_least_frequent_actor(page, actors) -> None:
    """Pick the last option of the actor filter (options are ordered by their number of
    events; the first is Streamlit's "Select all"), and wait until it shows as chosen. On a
    loaded machine the list may still be rendering when first clicked: then click again."""
    chosen = actors.locator('[data-tag]')  # a chosen option's tag (react-aria)
    for _attempt in range(3):
        actors.click()
        options = page.locator('[role="option"]')
        options.first.wait_for(timeout=30_000)
        options.last.click()
        try:
            chosen.first.wait_for(timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: the click was lost
            page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert chosen.count() >= 1, "the actor filter did not take the chosen actor"


def test_the_dashboard_shows_the_seed_events_and_an_actor_filter_shows_fewer(
    dashboard, store, browser
):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(dashboard + MENTIONS_VIEW, wait_until="domcontentloaded")

    shown, total = shown_counts(page)
    events = EventStore(str(store)).events()  # the app seeded the store on its first start
    assert shown == total == len(events) > 0
    assert plotted_event_ids(page) == set(events["event_id"])
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    page.evaluate("() => { window.chartBefore = document.querySelector('.js-plotly-plot'); }")
    actors = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    choose_least_frequent_actor(page, actors)
    wait_for_query_param(page, "actor")
    page.get_by_text(re.compile(rf"^(?!{total} of)\d[\d,]* of {total} events")).first.wait_for(
        timeout=30_000)
    filtered, _ = shown_counts(page)
    assert 0 < filtered < total
    page.wait_for_function(  # Plotly redraws the chart just after the caption changes
        "n => new Set(document.querySelector('.js-plotly-plot').data.flatMap("
        "t => (t.customdata || []).map(c => Array.isArray(c) ? c[0] : c))).size <= n",
        arg=filtered, timeout=30_000)
    assert 0 < len(plotted_event_ids(page)) <= filtered
    # The chart is redrawn where it is (Plotly.react), not torn down and built again.
    assert page.evaluate("() => document.querySelector('.js-plotly-plot') === window.chartBefore")
    page.screenshot(path=str(ARTIFACTS / "dashboard-filtered.png"), full_page=True)

    # The link restores the same view in a fresh page.
    fresh = browser.new_page(viewport={"width": 1400, "height": 1000})
    fresh.goto(page.url, wait_until="domcontentloaded")
    assert shown_counts(fresh) == (filtered, total)
    fresh.close()
    page.close()


FIRST_MARKER = """() => {
    const chart = document.querySelector('.js-plotly-plot');
    const layout = chart._fullLayout;
    for (const trace of chart._fullData) {
        if (!trace.customdata || !trace.customdata.length || trace.mode === 'text') continue;
        if (!String(trace.type).startsWith('scatter')) continue;
        const xa = layout[trace.xaxis.replace('x', 'xaxis')];
        const ya = layout[trace.yaxis.replace('y', 'yaxis')];
        const first = trace.customdata[0];
        const id = Array.isArray(first) ? first[0] : first;
        return {x: xa._offset + xa.l2p(xa.d2l(trace.x[0])),
                y: ya._offset + ya.l2p(ya.d2l(trace.y[0])), id: id};
    }
    return null;
}"""


# The first marker and the chart's place on the page: both still once the chart has settled.
MARKER_ON_PAGE = f"""() => {{ const marker = ({FIRST_MARKER})();
    const chart = document.querySelector('.js-plotly-plot');
    if (!marker || !chart) return null;
    const box = chart.getBoundingClientRect();
    return [marker.x, marker.y, marker.id, box.x, box.y, box.width, box.height]; }}"""


def test_clicking_an_event_on_the_chart_shows_its_evidence(dashboard, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(dashboard + MENTIONS_VIEW, wait_until="domcontentloaded")
    shown_counts(page)
    plotted_event_ids(page)
    wait_for_run(page)
    wait_until_still(page, MARKER_ON_PAGE)  # the chart settles before it takes clicks
    marker = page.evaluate(FIRST_MARKER)
    assert marker is not None, "no event marker on the chart"
    chart = page.locator(".js-plotly-plot").first.bounding_box()
    page.mouse.click(chart["x"] + marker["x"], chart["y"] + marker["y"])

    evidence = page.locator(".tl-evidence").first
    evidence.wait_for(timeout=30_000)
    assert evidence.locator("mark.tl-time").count() >= 1
    assert wait_for_query_param(page, "event") == marker["id"]
    page.screenshot(path=str(ARTIFACTS / "dashboard-evidence.png"), full_page=True)
    page.close()


# The event ids of the marks drawn (markers and bars, not the labels' text), a mark per lane.
DRAWN_MARKS = """() => {
    const chart = document.querySelector('.js-plotly-plot');
    const ids = [];
    for (const trace of chart.data || []) {
        if (trace.mode === 'text') continue;
        for (const item of trace.customdata || []) {
            const id = Array.isArray(item) ? item[0] : item;
            if (typeof id === 'string') ids.push(id);
        }
    }
    return ids;
}"""


def test_a_mention_is_drawn_once_unless_each_of_its_actors_lanes_is_asked_for(
        dashboard, store, browser):
    """By actor, a mention is one mark, in the lane of its best-known actor (its other actors
    are named in its hover); the switch draws it in each of its actors' lanes."""
    events = EventStore(str(store)).events()
    several = events[[len(a) > 1 for a in events["actors"]]]
    assert len(several), "the seed names several actors in some mention"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(dashboard + MENTIONS_VIEW, wait_until="domcontentloaded")
    shown_counts(page)
    plotted_event_ids(page)
    marks = page.evaluate(DRAWN_MARKS)
    assert sorted(marks) == sorted(set(events["event_id"]))  # each mention once
    page.get_by_text("A mention in each actor's lane").click()
    page.wait_for_function(f"() => ({DRAWN_MARKS})().length > {len(marks)}", timeout=60_000)
    split = page.evaluate(DRAWN_MARKS)
    assert set(split) == set(marks)
    assert all(split.count(m) == len(a) for m, a in zip(several["event_id"], several["actors"]))
    page.close()


# The first table's place and its grid's canvas (glide-data-grid draws the rows on it).
TABLE_DRAWN = """() => { const table = document.querySelector('[data-testid="stDataFrame"]');
    const canvas = table && table.querySelector('canvas');
    if (!canvas || !canvas.width || !canvas.height) return null;
    const box = table.getBoundingClientRect();
    return [box.x, box.y, box.width, box.height, canvas.width, canvas.height]; }"""


def test_selecting_a_row_of_the_chronology_shows_its_evidence(dashboard, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(dashboard + MENTIONS_VIEW, wait_until="domcontentloaded")
    shown_counts(page)
    page.get_by_role("tab", name="Chronology").click()
    table = page.locator('[data-testid="stDataFrame"]').first
    table.wait_for(timeout=30_000)
    wait_for_run(page)
    wait_until_still(page, TABLE_DRAWN)  # the grid is drawn on its canvas and no longer moves
    box = table.bounding_box()
    # The grid is drawn on a canvas: click the selection box of its first row.
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)

    panel = page.get_by_role("tabpanel", name="Chronology")
    panel.locator(".tl-evidence").first.wait_for(timeout=30_000)
    assert wait_for_query_param(page, "event")
    page.close()


def test_the_open_tab_is_part_of_the_shared_url(dashboard, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(dashboard, wait_until="domcontentloaded")
    page.get_by_role("tab", name="Map").click()
    assert wait_for_query_param(page, "tab") == "Map"
    shared = page.url
    page.close()

    opened = browser.new_page(viewport={"width": 1400, "height": 1000})
    opened.goto(shared, wait_until="domcontentloaded")
    selected = opened.get_by_role("tab", selected=True)
    selected.wait_for(timeout=60_000)
    opened.wait_for_function(
        "() => [...document.querySelectorAll('[role=tab][aria-selected=true]')]"
        ".some(t => t.textContent.trim() === 'Map')", timeout=60_000)
    opened.close()
