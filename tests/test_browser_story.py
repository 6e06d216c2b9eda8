"""The story view in a real browser: `streamlit run` on 127.0.0.1 with a store of many articles
over several decades, looked at by Debian's Chromium (headless, through Playwright).

What a reader must see on the first view: the key events labelled and readable (no two labels'
boxes intersect, and none covers a mark, measured on the rendered SVG), an axis that covers the
key events and not the outlying dates, an overview strip that zooms, and one mark for a
happening that several articles report.

The store holds 555 articles of tests/corpus_maker.py (Syria, 2011 to today, key happenings
reported by 10 to 30 articles each). The chronology is the one the dashboard merges from the store's mentions
(timeline.corpus.chronology).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from live_dashboard import BROWSER_MARKS, rerun_finished, wait_for_run, wait_until_still

from timeline import schema
from timeline.corpus.ingest import extractor_fingerprint
from timeline.corpus.store import EventStore
from timeline.extract.events import extract_document
from timeline.present.charts.story import story_event_label
from timeline.present.sizes import DEFAULT_PRESET, SIZE_PRESETS
from timeline.ui.evidence_panel import MAX_REPORTS

TESTS = Path(__file__).resolve().parent
ARTIFACTS = TESTS / "artifacts"

# One article of our own writing that looks back a century: its dated mention is an outlier
# that must not set the axis.
OUTLIER_DAY = pd.Timestamp("1916-05-16")
OUTLIER_ARTICLE = """---
title: A century of borders
source: The Long View
published: 2016-05-16
---

On 16 May 1916, British and French diplomats signed a secret agreement that divided the
region into zones of influence, a historian said in Damascus on Monday.
"""

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    from corpus_maker import make_corpus

    from timeline.documents import load_corpus

    folder = tmp_path_factory.mktemp("story-articles")
    make_corpus(seed=0, min_articles=300).write_markdown(folder)
    (folder / "zz-history.md").write_text(OUTLIER_ARTICLE, encoding="utf-8")
    path = tmp_path_factory.mktemp("story-browser") / "store"
    # One write for the whole batch (adding articles one by one re-reads the store each time).
    EventStore(str(path)).add_many(((d, extract_document(d)) for d in load_corpus(folder).documents),
                                   extractor=extractor_fingerprint())
    return path




# The story chart is drawn: its figure read (meta.story), each of its labels drawn into the page
# (one .annotation per visible annotation of the layout) in the page's own font, loaded.
STORY_DRAWN = """() => { const c = document.querySelector('.js-plotly-plot');
    if (!(c && c._fullLayout && c._fullLayout.meta && c._fullLayout.meta.story)) return false;
    const labels = (c._fullLayout.annotations || []).filter(a => a.visible !== false).length;
    return document.fonts.status === 'loaded' && c.querySelectorAll('.annotation').length === labels; }"""

def open_story(browser, url: str):
    """A new page on the dashboard, once its first run has finished and the story chart is
    drawn with its labels."""
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function(STORY_DRAWN, timeout=90_000)
    wait_for_run(page)
    return page


@pytest.fixture(scope="module")
def page(dashboard, browser):
    page = open_story(browser, dashboard)
    yield page
    page.close()


LABEL_BOXES = """() => Array.from(
    document.querySelector('.js-plotly-plot').querySelectorAll('.annotation rect.bg')
).map(r => { const b = r.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })"""

# The marks of the main plot (the overview strip draws its own copies, clipped), inside the
# plot area (marks outside the view are clipped too).
MARK_BOXES = """() => {
    const chart = document.querySelector('.js-plotly-plot');
    const area = chart.querySelector('.cartesianlayer .subplot.xy .plotbg, .bglayer .bg');
    const plot = (area || chart).getBoundingClientRect();
    return Array.from(chart.querySelectorAll('.cartesianlayer .scatterlayer .points path.point'))
        .filter(p => !p.closest('.rangeslider-container'))
        .map(p => { const b = p.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })
        .filter(b => b[2] > b[0] && b[3] > b[1] && b[0] >= plot.left - 20 && b[2] <= plot.right + 20);
}"""

AXIS = """() => { const l = document.querySelector('.js-plotly-plot')._fullLayout;
    return {range: l.xaxis.range, labelled: l.meta.labelled}; }"""

PLOTTED_KEYS = """() => document.querySelector('.js-plotly-plot').data
    .filter(t => t.mode === 'markers' && t.customdata)
    .flatMap(t => Array.from(t.customdata, c => Array.isArray(c) ? c[0] : c))"""


def pick_option(page, box: str, option) -> None:
    """Open the select box `box` (its text field: the arrow key opens the list, which a click
    on its button may not) and click `option`; a try lost while the box was still being drawn
    again (a loaded machine) is made again, and so is a click lost while a rerun redrew the
    list under it ("element is outside of the viewport")."""
    for _attempt in range(3):
        page.locator(box).click()
        page.locator(box).press("ArrowDown")
        try:
            option.wait_for(timeout=10_000)
            option.click(timeout=10_000)
            return
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: the list did not open or moved
            page.keyboard.press("Escape")
    page.locator(box).click()
    page.locator(box).press("ArrowDown")
    option.click()


def intersects(a, b, slack: float = 0.5) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def chronology_of(store: Path) -> pd.DataFrame:
    """The chronology the dashboard shows: merged from the store's mentions and article list."""
    from timeline.corpus.chronology import chronology

    events_store = EventStore(str(store))
    return chronology(events_store.mentions(), events_store.documents())


def test_the_first_view_labels_key_events_without_overlaps(page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)
    labels = page.evaluate(LABEL_BOXES)
    assert len(labels) >= 3, "the key events are labelled"
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not intersects(a, b), (a, b)
    marks = page.evaluate(MARK_BOXES)
    assert marks
    for label in labels:
        for mark in marks:
            assert not intersects(label, mark), (label, mark)
    texts = page.evaluate("() => Array.from(document.querySelector('.js-plotly-plot')"
                          ".querySelectorAll('.annotation-text')).map(t => t.textContent)")
    assert all(" · " in t for t in texts), texts  # "3 Feb 2016 · headline"


def test_the_axis_covers_the_key_events_and_not_the_outliers(page, store):
    axis = page.evaluate(AXIS)
    low, high = (pd.Timestamp(v) for v in axis["range"])
    chronology = chronology_of(store).set_index(schema.EVENT_KEY)
    for key in axis["labelled"]:
        assert low <= chronology.loc[key, schema.DATE_START] <= high
    mentions = EventStore(str(store)).events()
    assert mentions[schema.DATE_START].min() <= OUTLIER_DAY, "the outlier is in the store"
    assert low > OUTLIER_DAY + pd.Timedelta(days=3650), "the outlier does not set the axis"


def test_one_happening_reported_by_several_articles_is_one_mark(page, store):
    chronology = chronology_of(store)
    shared = chronology[chronology[schema.N_ARTICLES] > 1]
    assert not shared.empty
    plotted = page.evaluate(PLOTTED_KEYS)
    for key in shared[schema.EVENT_KEY]:
        assert plotted.count(key) <= 1
    assert any(plotted.count(key) == 1 for key in shared[schema.EVENT_KEY])


GRABBER_BOX = """() => { const g = document.querySelector(
    '.js-plotly-plot .rangeslider-grabarea-min');
    if (!g) return null; const b = g.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; }"""


def drag_overview_start(page, start: object) -> None:
    """Drag the overview strip's left handle a third of the way in, and wait until the axis
    starts after `start`."""
    grabber = page.locator(".js-plotly-plot .rangeslider-grabarea-min").first
    grabber.scroll_into_view_if_needed()
    wait_until_still(page, GRABBER_BOX)  # the scroll has ended: the box is where it stays
    box = grabber.bounding_box()
    slider = page.locator(".js-plotly-plot .rangeslider-bg").first.bounding_box()
    assert box and slider
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + slider["width"] * 0.3, y, steps=8)
    page.mouse.up()
    page.wait_for_function(
        "before => new Date(document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range[0])"
        " > new Date(before)", arg=str(start), timeout=15_000)


def test_the_overview_strip_zooms(page):
    before = [pd.Timestamp(v) for v in page.evaluate(AXIS)["range"]]
    drag_overview_start(page, before[0])
    after = [pd.Timestamp(v) for v in page.evaluate(AXIS)["range"]]
    assert after[0] > before[0] and after[1] - after[0] < before[1] - before[0]


BIGGEST_MARK = """() => {
    const chart = document.querySelector('.js-plotly-plot');
    const layout = chart._fullLayout;
    const [low, high] = layout.xaxis.range.map(v => new Date(v).getTime());
    let best = null;
    for (const trace of chart._fullData) {
        if (trace.mode !== 'markers' || !trace.customdata || !trace.customdata.length) continue;
        const size = trace.marker.size;  // a typed array when plotly.py sent it in binary
        const sizes = (Array.isArray(size) || ArrayBuffer.isView(size)) ? size : [];
        trace.x.forEach((x, i) => {
            const t = new Date(x).getTime();
            const px = layout.xaxis._offset + layout.xaxis.l2p(layout.xaxis.d2l(x));
            const py = layout.yaxis._offset + layout.yaxis.l2p(layout.yaxis.d2l(trace.y[i]));
            // In view, and in the chart's top 600 pixels (on screen once the chart's top is).
            if (t < low || t > high || !(sizes[i] > 0) || py > 600) return;
            const c = trace.customdata[i];  // a row, the event key first
            if (!best || sizes[i] > best.size) best = {size: sizes[i], id: Array.isArray(c) ? c[0] : c, x: px, y: py};
        });
    }
    return best;
}"""


CHART_BOX = """() => { const c = document.querySelector('.js-plotly-plot');
    if (!c) return null; const b = c.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; }"""


def biggest_mark_in_view(page):
    """The story's biggest event mark (BIGGEST_MARK's id and position in the chart) and the
    chart, scrolled to the top of the window so that the mark can be clicked or hovered."""
    mark = page.evaluate(BIGGEST_MARK)
    assert mark is not None, "no event mark in view"
    chart = page.locator(".js-plotly-plot").first
    chart.evaluate("c => c.scrollIntoView({block: 'start'})")
    wait_until_still(page, CHART_BOX)  # scrolled, and the chart no longer moving
    return mark, chart


def test_clicking_an_event_shows_every_article_that_reports_it(dashboard, browser, store):
    page = open_story(browser, dashboard)
    mark, chart = biggest_mark_in_view(page)
    box = chart.bounding_box()
    page.mouse.click(box["x"] + mark["x"], box["y"] + mark["y"])

    story = page.locator(".tl-story").first
    story.wait_for(timeout=30_000)
    chronology = chronology_of(store).set_index(schema.EVENT_KEY)
    reports = len(chronology.loc[mark["id"], schema.MENTION_IDS])
    assert reports > 1
    # Each report's evidence: the first ones open, the others in an expander (drawn in turn).
    page.wait_for_function("n => document.querySelectorAll('.tl-evidence').length >= n",
                           arg=min(reports, MAX_REPORTS), timeout=30_000)
    assert page.locator(".tl-evidence").count() == min(reports, MAX_REPORTS)
    assert page.evaluate("() => new URLSearchParams(location.search).get('story_event')") == mark["id"]
    page.screenshot(path=str(ARTIFACTS / "story-drilldown.png"), full_page=True)
    page.close()


# The lines of the hover label Plotly shows (its SVG text, one tspan per line).
HOVER_LINES = """() => Array.from(document.querySelectorAll('.hoverlayer .hovertext text.nums tspan.line'))
    .map(t => t.textContent)"""


def test_hovering_a_mark_names_its_headline_date_kind_reports_and_actors(dashboard, browser, store):
    """What a reader sees on a mark, as Plotly fills the trace's template from the mark's own
    fields: headline, date with type and status, how many articles report it, its actors."""
    from timeline.present.charts.story import event_date_label
    from timeline.present.charts.style import chart_style
    from timeline.present.describe import event_type_label, snippet

    page = open_story(browser, dashboard)
    mark, chart = biggest_mark_in_view(page)
    # The event under the pointer, as Plotly reports it (a neighbour may be the closest).
    chart.evaluate("c => c.on('plotly_hover', e => { const d = e.points[0].customdata;"
                   " window.hovered = Array.isArray(d) ? d[0] : d; })")
    box = chart.bounding_box()
    page.mouse.move(box["x"] + mark["x"] - 30, box["y"] + mark["y"] - 30)
    page.mouse.move(box["x"] + mark["x"], box["y"] + mark["y"], steps=5)
    page.wait_for_function(f"() => window.hovered && ({HOVER_LINES})().length >= 3", timeout=30_000)
    # The label and the event under the pointer stay the same (not a neighbour's on the way).
    wait_until_still(page, f"() => [({HOVER_LINES})(), window.hovered]")
    lines, hovered = page.evaluate(f"() => [({HOVER_LINES})(), window.hovered]")
    page.close()
    row = chronology_of(store).set_index(schema.EVENT_KEY).loc[hovered]
    day = event_date_label(row[schema.DATE_START], row[schema.DATE_END], row[schema.GRANULARITY])
    status = chart_style().status_style(row[schema.STATUS]).label
    assert lines[0] == snippet(row[schema.HEADLINE], 90)
    assert lines[1] == f"{day} · {event_type_label(row[schema.EVENT_TYPE])} · {status}"
    n_articles, n_mentions = int(row[schema.N_ARTICLES]), int(row[schema.N_MENTIONS])
    assert lines[2] == (f"Reported by {n_articles:,} article{'s' * (n_articles != 1)}"
                        f" ({n_mentions:,} mention{'s' * (n_mentions != 1)})")
    actors = schema.as_str_list(row[schema.ACTORS])
    if actors:
        assert f"Actors: {snippet(', '.join(actors), 120)}" in lines
    assert not any("%{" in line or "undefined" in line for line in lines)


def test_on_a_420_px_screen_the_story_keeps_its_width_and_scrolls_sideways(dashboard, browser):
    """A phone: the chart is not squeezed under its labels (they were laid out for its width);
    the tab scrolls sideways instead, and the page itself does not overflow."""
    page = browser.new_page(viewport={"width": 420, "height": 900})
    page.goto(dashboard, wait_until="domcontentloaded")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=90_000)
    page.wait_for_function(STORY_DRAWN, timeout=90_000)
    wait_for_run(page)
    widths_now = ("() => [document.documentElement.scrollWidth,"
                  " document.querySelector('.js-plotly-plot .main-svg').getBoundingClientRect().width,"
                  " document.querySelector('[data-testid=stTabPanel]').scrollWidth]")
    wait_until_still(page, widths_now)  # the page is laid out at its final width
    widths = page.evaluate(widths_now)
    page.close()
    page_width, chart_width, panel_width = widths
    assert page_width <= 420
    assert chart_width > 420 and panel_width >= chart_width


def test_on_a_420_px_screen_the_export_form_fits_and_makes_the_story_images(dashboard, browser):
    """A phone: every field of the report form is within the screen (no sideways scrolling to
    reach one), and the images of the story can be made from there."""
    page = browser.new_page(viewport={"width": 420, "height": 900})
    page.goto(f"{dashboard}/?tab=Export", wait_until="domcontentloaded")
    panel = page.get_by_role("tabpanel", name="Export")
    title = panel.get_by_label("Title")
    title.wait_for(timeout=90_000)
    fields = [title, panel.get_by_label("Caption"), panel.get_by_label("Source credit"),
              panel.locator(".st-key-export_preset"), panel.locator(".st-key-export_make_images button")]
    for field in fields:
        field.scroll_into_view_if_needed()
        box = field.bounding_box()
        assert box is not None and box["width"] > 100
        assert box["x"] >= 0 and box["x"] + box["width"] <= 420, box
    title.fill("Talks seen on a phone")
    with rerun_finished(page):  # the title submitted has reached the script
        title.press("Enter")
    panel.locator(".st-key-export_make_images button").click()
    # Rendered in Chromium on the server (kaleido): the download buttons come alive.
    panel.locator(".st-key-export_svg button:not([disabled])").wait_for(timeout=120_000)
    assert panel.locator(".st-key-export_png button:not([disabled])").count() == 1
    with page.expect_download() as download:
        panel.locator(".st-key-export_svg button").click()
    svg = Path(download.value.path()).read_text(encoding="utf-8")
    width, height = SIZE_PRESETS[DEFAULT_PRESET][1:]
    assert f'width="{width}"' in svg and f'height="{height}"' in svg and "<image" not in svg
    assert "Talks seen on a phone" in svg and "Chronology by" not in svg
    # The embed snippet's box is on the screen (its long lines scroll inside it).
    snippet = panel.locator("[data-testid=stCode]").filter(has_text="<iframe").first
    box = snippet.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 420, box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 420
    assert page.get_by_text("could not be made").count() == 0
    page.close()


def test_the_picker_finds_an_event_by_the_words_of_its_reports(dashboard, browser, store):
    """The picker's search asks the store for any event under the filters (not only the drawn
    ones): typing the words of one report lists its event, and choosing it opens its
    drill-down and names it in the URL."""
    chronology = chronology_of(store)
    mentions = EventStore(str(store)).mentions()
    sentences = mentions[schema.SENTENCE].fillna("").astype(str)
    owner = dict(zip(mentions[schema.EVENT_ID], chronology.explode(schema.MENTION_IDS).set_index(
        schema.MENTION_IDS)[schema.EVENT_KEY].reindex(mentions[schema.EVENT_ID]).to_numpy()))
    dated = chronology[chronology[schema.DATE_START].notna()].sort_values(
        [schema.SALIENCE, schema.EVENT_KEY])
    # The least salient event with a report in words that no other event's reports hold.
    for _, event in dated.iterrows():
        first = schema.as_str_list(event[schema.MENTION_IDS])[0]
        words = " ".join(str(sentences[mentions[schema.EVENT_ID] == first].iloc[0]).split())[:150]
        holders = {owner[m] for m in mentions.loc[sentences.str.contains(words, regex=False),
                                                   schema.EVENT_ID]}
        if len(words) > 30 and holders == {event[schema.EVENT_KEY]}:
            break
    else:
        pytest.fail("no event with words of its own in the test corpus")

    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(dashboard, wait_until="domcontentloaded")
    find = page.get_by_role("textbox", name="Find any event under the filters")
    find.wait_for(timeout=90_000)
    find.fill(words)
    find.press("Enter")
    page.get_by_text("under the filters are reported in these words").first.wait_for(timeout=60_000)
    pick_option(page, ".st-key-selected_story_event input",
                page.get_by_role("option", name=story_event_label(event.to_dict())))
    headline = page.locator(".tl-story .tl-headline").first
    headline.wait_for(timeout=30_000)
    assert headline.inner_text().strip() == str(event[schema.HEADLINE]).strip()
    assert page.evaluate("() => new URLSearchParams(location.search).get('story_event')") \
        == event[schema.EVENT_KEY]
    page.close()


def test_picking_an_event_keeps_the_chart_as_the_reader_zoomed_it(dashboard, browser):
    """The picker and the drill-down rerun on their own (a fragment): choosing an event shows
    its articles and leaves the chart, zoomed by the reader, as it was."""
    page = open_story(browser, dashboard)
    before = page.evaluate(AXIS)["range"]
    drag_overview_start(page, before[0])
    zoomed = page.evaluate(AXIS)["range"]
    with rerun_finished(page):  # the pick's rerun has ended: any redraw it made is on the page
        pick_option(page, ".st-key-selected_story_event input",
                    page.locator('[role="option"]').first)
    page.locator(".tl-story").first.wait_for(timeout=60_000)
    now = page.evaluate("() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range")
    assert [pd.Timestamp(v) for v in now] == [pd.Timestamp(v) for v in zoomed]
    page.close()


def test_a_filter_change_redraws_the_story_in_the_chart_on_the_page(dashboard, browser):
    """A filter change draws the story again in the chart the reader has (Plotly.react), not
    in a new one built after the old one was torn down; the chart then holds fewer events."""
    page = open_story(browser, dashboard)
    before = set(page.evaluate(PLOTTED_KEYS))
    page.evaluate("() => { window.storyBefore = document.querySelector('.js-plotly-plot');"
                  " window.dataBefore = window.storyBefore.data; }")
    actors = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    actors.click()
    page.locator('[role="option"]').last.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.querySelector('.js-plotly-plot').data"
                           " !== window.dataBefore", timeout=90_000)
    after = set(page.evaluate(PLOTTED_KEYS))
    assert after and after < before
    assert page.evaluate("() => document.querySelector('.js-plotly-plot') === window.storyBefore")
    page.close()


BAND = """() => {
    const charts = document.querySelectorAll('.js-plotly-plot');
    const chart = charts[0];
    const groups = Array.from(chart.querySelectorAll('.cartesianlayer .scatterlayer .trace'))
        .filter(g => g.__data__ && g.__data__[0] && g.__data__[0].trace
                && String(g.__data__[0].trace.name).startsWith('reference:'));
    const points = groups.flatMap(g => Array.from(g.querySelectorAll('path.point')))
        .map(p => p.getBoundingClientRect()).filter(b => b.width > 0 && b.height > 0);
    const ringed = groups.flatMap(g => Array.from(g.querySelectorAll('path.point')))
        .filter(p => parseFloat(p.style.strokeWidth || '0') >= 2);
    const ids = chart._fullData.filter(t => String(t.name).startsWith('reference:'))
        .flatMap(t => Array.from(t.ids || []));
    return {charts: charts.length, drawn: points.length, ringed: ringed.length, ids: ids};
}"""


def test_the_reference_band_is_drawn_inside_the_story_chart_and_linked_from_its_events(
        dashboard, browser, store):
    """One chart: the reference's entries are marks of the story figure (under its lanes, on
    its time axis), the linked ones ringed; an extracted event linked to an entry names it
    under its evidence."""
    from timeline.corpus.reference import bundled_reference, match_reference

    page = open_story(browser, dashboard)
    band = page.evaluate(BAND)
    reference = bundled_reference()
    assert band["charts"] == 1, "the band is no second chart"
    assert sorted(band["ids"]) == sorted(e.id for e in reference.entries)
    assert band["drawn"] > 0 and band["ringed"] > 0
    mark, chart = biggest_mark_in_view(page)
    links = match_reference(chronology_of(store), reference)
    assert mark["id"] in links, "the most reported happening of the corpus is a reference entry"
    box = chart.bounding_box()
    page.mouse.click(box["x"] + mark["x"], box["y"] + mark["y"])
    entry = reference.entry(links[mark["id"]])
    page.get_by_text(f"In the reference chronology: {entry.date}").first.wait_for(timeout=30_000)
    page.close()


LABEL_TEXTS = """() => document.querySelector('.js-plotly-plot')._fullLayout.annotations
    .map(a => String(a.text).replace(/<br>/g, ' '))"""


def open_event(browser, url: str, event_key: str):
    """A new page on the drill-down of `event_key` (a shared link naming it), once drawn."""
    page = open_story(browser, f"{url}/?story_event={event_key}")
    page.locator(".tl-story").first.wait_for(timeout=90_000)
    return page


def test_a_corrected_headline_survives_a_restart_and_is_in_the_chronology_csv(
        browser, store, tmp_path):
    """A report writer corrects the headline of a key event in the drill-down; the dashboard
    is stopped and started again on the same store: the chart's label, the drill-down and the
    chronology CSV of the Export tab all carry the correction, marked as edited."""
    import shutil

    from live_dashboard import running_dashboard

    own_store = tmp_path / "store"  # the module's dashboard keeps the store it started with
    shutil.copytree(store, own_store)
    corrected = "Nerve agent attack kills dozens in a northern town"
    from playwright.sync_api import expect

    with running_dashboard(own_store) as url:
        page = open_story(browser, url)
        event_key = page.evaluate(AXIS)["labelled"][0]  # the most salient event: labelled
        page.close()
        page = open_event(browser, url, event_key)
        page.get_by_text("Correct this event").first.click()
        headline = page.get_by_label("Headline", exact=True)
        headline.fill(corrected)
        expect(headline).to_have_value(corrected)
        wait_for_run(page)  # idle and connected still: a click the page cannot send is lost
        page.get_by_role("button", name="Save the corrections").click()
        # The save makes two runs (the form's fragment, then the app's, which shows the notice).
        page.get_by_text("Saved: headline").wait_for(timeout=60_000)
        wait_for_run(page)  # the rerun the save made has ended before its server is stopped
        page.close()

    with running_dashboard(own_store) as url:  # a new server process: only the store remains
        page = open_event(browser, url, event_key)
        # Conditions the browser waits for, not values read once: what a run still going (or
        # one more) may draw later is waited for, up to the timeout.
        expect(page.locator(".tl-story .tl-headline").first).to_have_text(corrected, timeout=60_000)
        page.get_by_text("Correct this event").first.click()
        page.get_by_text("Corrected by hand: headline").wait_for(timeout=30_000)
        page.wait_for_function(f"text => ({LABEL_TEXTS})().some(label => label.includes(text))",
                               arg=corrected, timeout=30_000)
        page.close()

        page = open_story(browser, f"{url}/?tab=Export")
        button = page.get_by_role("button", name="Chronology CSV (one row per event, with your corrections)")
        button.wait_for(timeout=60_000)
        with page.expect_download() as download:
            button.click()
        table = pd.read_csv(download.value.path(), encoding="utf-8-sig")
        page.close()
    row = table[table[schema.EVENT_KEY] == event_key].iloc[0]
    assert row[schema.HEADLINE] == corrected
    assert "headline" in row[schema.EDITED_FIELDS]
    assert (table[schema.HEADLINE] == corrected).sum() == 1
