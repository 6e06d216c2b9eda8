"""The map as Chromium draws it: the labels' rendered boxes overlap neither each other nor a
bubble, and each lies inside the box the placement estimated for it (so the estimate is safe
for the fonts this machine has). The page is the figure's own HTML with plotly.js inline: it
opens from a file, with no network."""
from __future__ import annotations

import itertools

import pytest
from live_dashboard import BROWSER_MARKS, launch_chromium
from test_map import MIDDLE_EAST, WORLD, drawn_labels, events_at  # noqa: F401 (a fixture)

from timeline.present.charts import map_figure

pytestmark = BROWSER_MARKS

MEASURE = """() => ({
  svg: (r => [r.left, r.top])(document.querySelector('svg.main-svg').getBoundingClientRect()),
  labels: Array.from(document.querySelectorAll('g.textpoint text'))
    .filter(t => t.textContent)
    .map(t => (r => [t.textContent, r.left, r.top, r.right, r.bottom])(t.getBoundingClientRect())),
  bubbles: Array.from(document.querySelectorAll('g.points path.point'))
    .map(p => (r => [(r.left + r.right) / 2, (r.top + r.bottom) / 2, r.width / 2])(p.getBoundingClientRect())),
})"""


@pytest.fixture(scope="module")
def page():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser.new_page(viewport={"width": 1000, "height": 700})
        finally:
            browser.close()


@pytest.fixture(scope="module")
def measured(page, tmp_path_factory):
    """measured(key, fig): what Chromium drew for `fig`, measured once per key and module."""
    cache: dict[str, dict] = {}

    def measure(key: str, fig) -> dict:
        if key not in cache:
            path = tmp_path_factory.mktemp("map") / "map.html"
            fig.write_html(path, include_plotlyjs=True, full_html=True)
            page.goto(path.as_uri())
            page.wait_for_selector("g.textpoint text", timeout=30_000)
            cache[key] = page.evaluate(MEASURE)
        return cache[key]

    return measure


def touches(bubble, box) -> bool:
    x, y, r = bubble
    dx = max(box[0] - x, 0, x - box[2])
    dy = max(box[1] - y, 0, y - box[3])
    return dx * dx + dy * dy < r * r


@pytest.mark.parametrize("places, width", [(MIDDLE_EAST, None), (WORLD, None), (MIDDLE_EAST, 700)],
                         ids=["middle-east", "world", "middle-east-in-a-narrower-column"])
def test_rendered_map_labels_overlap_neither_each_other_nor_the_bubbles(places, width, events_at,
                                                                         measured):
    fig = map_figure(events_at(list(places)), places)
    if width:  # what Streamlit does when the column is narrower than the figure
        fig.update_layout(width=width)
    shown = measured(f"{next(iter(places))} {width}", fig)
    labels = [label[1:] for label in shown["labels"]]
    assert len(labels) == sum(1 for t in fig.data[-1].text if t) > 5
    for a, b in itertools.combinations(labels, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    for box in labels:
        assert not any(touches(bubble, box) for bubble in shown["bubbles"]), box


@pytest.mark.parametrize("places", [MIDDLE_EAST, WORLD], ids=["middle-east", "world"])
def test_each_rendered_label_lies_inside_its_estimated_box(places, events_at, measured):
    fig = map_figure(events_at(list(places)), places)
    shown = measured(f"{next(iter(places))} None", fig)
    _, estimated = drawn_labels(fig)
    left = shown["svg"][0] + fig.layout.margin.l
    bottom = shown["svg"][1] + fig.layout.height - fig.layout.margin.b
    text = [t for t in fig.data[-1].text if t]
    by_text = {label[0]: label[1:] for label in shown["labels"]}
    slack = 0.5
    for name, box in zip(text, estimated):
        x0, y0, x1, y1 = by_text[name]
        assert left + box.x0 - slack <= x0 and x1 <= left + box.x1 + slack, name
        assert bottom - box.y1 - slack <= y0 and y1 <= bottom - box.y0 + slack, name
