"""The dashboard, run headless with Streamlit's AppTest: what a user sees in each flow.

Every test runs app.py against its own store (TIMELINE_STORE in a temp folder). The seed
corpus is extracted once per module into a template store that each test copies, so that
only the first-start test pays for the extraction.
"""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from timeline import schema
from timeline.ui import keys
from timeline.ui.plotly_chart import COMPONENT_NAME

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SEEDS = ROOT / "seeds"

HOSTILE_ARTICLE = (
    "Envoys <script>alert('x')</script> met in Vienna on Monday, officials said. "
    "Negotiators <img src=x onerror=alert(1)> will meet again in Vienna next Tuesday."
)
HTML_PAGE = (
    "<html><head><title>Border talks resume</title>"
    '<meta property="article:published_time" content="2022-06-01T09:00:00Z"></head>'
    "<body><article><h1>Border talks resume</h1><p>The foreign ministers of Armenia and "
    "Azerbaijan met in Prague on Monday for talks on the border, officials said.</p>"
    "<p>They will meet again next month in Brussels, the European Union said.</p>"
    "</article></body></html>"
).encode()
MARKDOWN_ARTICLE = (
    "---\ntitle: Border talks resume\nsource: Our desk\npublished: 2022-06-01\n---\n\n"
    "The foreign ministers of Armenia and Azerbaijan met in Prague on Monday for talks on the "
    "border, officials said.\n"
).encode()
PASTED_ARTICLE = (
    "The foreign ministers of Armenia and Azerbaijan met in Prague on Monday for talks on "
    "the border. Both governments said the ministers would meet again next month."
)


# Fixtures -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory) -> Path:
    """A store holding the extracted seed corpus, built once per module."""
    from timeline.corpus.ingest import seed_store
    from timeline.corpus.store import EventStore

    path = tmp_path_factory.mktemp("seeded-store") / "store"
    seed_store(EventStore(str(path)), SEEDS)
    return path


@pytest.fixture
def store(tmp_path, seeded_template, monkeypatch) -> Path:
    """This test's own copy of the seeded store; the app uses it."""
    path = tmp_path / "store"
    shutil.copytree(seeded_template, path)
    monkeypatch.setenv("TIMELINE_STORE", str(path))
    return path


@pytest.fixture
def seed_events(seeded_template) -> pd.DataFrame:
    from timeline.corpus.store import EventStore

    return EventStore(str(seeded_template)).events()


MENTIONS_VIEW = {"view": "mentions"}  # the per-mention timeline (the story opens by default)


@pytest.fixture
def app(store) -> AppTest:
    """The dashboard after its first run on the seeded store, showing every mention (the
    timeline tests here are about the per-mention timeline; the chronology that opens by
    default has tests/test_story_app.py)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(MENTIONS_VIEW)
    at.run()
    assert_no_exception(at)
    return at


@pytest.fixture
def downloads(monkeypatch):
    """The content behind a download button (the app makes every file on click)."""
    managers: list[MediaFileManager] = []
    storages = []

    class RecordingManager(MediaFileManager):
        def __init__(self, storage):
            super().__init__(storage)
            managers.append(self)
            storages.append(storage)

    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingManager)

    def content(button) -> bytes:
        if button.proto.deferred_file_id:
            url = managers[-1].execute_deferred(button.proto.deferred_file_id)
        else:  # made when the page ran (the chart images, after "Make the images")
            url = button.proto.url
        return storages[-1].get_file(url.rsplit("/", 1)[-1]).content

    return content


# Helpers ------------------------------------------------------------------------------------

def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def open_tab(at: AppTest, name: str) -> AppTest:
    """Open a tab as a click on it does (a tab's content is drawn only while it is open)."""
    at.session_state[keys.TAB] = name
    return at.run()


def chronology(at: AppTest) -> pd.DataFrame:
    """The rows of the chronology table (the app's only dataframe), indexed by event_id; the
    Chronology tab is opened for it."""
    if not at.dataframe:
        open_tab(at, "Chronology")
    assert len(at.dataframe) == 1, messages(at, "error")
    return at.dataframe[0].value


def shown_html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def shown_text(at: AppTest) -> str:
    """What the HTML elements read as: our tags removed, article text unescaped."""
    return html.unescape(re.sub(r"<[^>]*>", "", shown_html(at)))


def messages(at: AppTest, kind: str) -> list[str]:
    return [m.value for m in getattr(at, kind)]


def paste(at: AppTest, text: str, published=None, title: str = "") -> AppTest:
    open_tab(at, "Add articles")
    at.text_area(key=keys.PASTE_TEXT).input(text)
    at.text_input(key=keys.PASTE_TITLE).input(title)
    at.date_input(key=keys.PASTE_PUBLISHED).set_value(published)
    return at.button(key=keys.PASTE_SUBMIT).click().run()


def a_partial_actor(events: pd.DataFrame) -> str:
    """An actor that some, but not all, events name."""
    counts = pd.Series([a for v in events[schema.ACTORS] for a in set(v)]).value_counts()
    return next(a for a, n in counts.items() if n < len(events))


# Opening ------------------------------------------------------------------------------------

def test_first_start_on_an_empty_store_shows_the_seed_events(tmp_path, monkeypatch, seed_events):
    monkeypatch.setenv("TIMELINE_STORE", str(tmp_path / "empty-store"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(MENTIONS_VIEW)
    at.run()
    assert_no_exception(at)
    assert len(chronology(at)) == len(seed_events) >= 9
    assert set(chronology(at)[schema.SENTENCE]) == set(seed_events[schema.SENTENCE])
    assert any(f"{len(seed_events)} of {len(seed_events)} events" in c.value for c in at.caption)


def drawn_charts(at: AppTest) -> dict[str, str]:
    """element id -> Plotly JSON of every chart drawn: Streamlit's own chart elements and the
    timeline's charts (timeline.ui.plotly_chart, a custom component that sends the figure as
    its data)."""
    charts = {c.proto.id: c.proto.spec for c in at.get("plotly_chart")}
    for element in at.get("bidi_component"):
        if element.proto.component_name == COMPONENT_NAME:
            charts[element.proto.id] = json.dumps(json.loads(element.proto.bytes)["figure"])
    return charts


def chart_spec(at: AppTest, key: str) -> str:
    """The Plotly JSON of the chart drawn with widget key `key`."""
    (spec,) = [spec for ident, spec in drawn_charts(at).items() if key in ident]
    return spec


def timeline_spec(at: AppTest) -> dict:
    return json.loads(chart_spec(at, keys.CHART))


def test_timeline_chart_plots_every_event_with_its_id(app, seed_events):
    figure = timeline_spec(app)
    plotted = {
        (point[0] if isinstance(point, list) else point)
        for trace in figure["data"] for point in trace.get("customdata") or []
    }
    assert plotted >= set(seed_events[schema.EVENT_ID])


def test_lanes_by_event_type_and_key_event_labels(app, seed_events):
    app.segmented_control(key=keys.LANE).set_value("event_type").run()
    assert_no_exception(app)
    lanes = " ".join(map(str, timeline_spec(app)["layout"]["yaxis"].get("ticktext", [])))
    assert any(str(kind) in lanes.lower() for kind in set(seed_events[schema.EVENT_TYPE]))
    assert app.query_params.get("lane") == "event_type"

    labelled = len(timeline_spec(app)["layout"].get("annotations", []))
    app.toggle(key=keys.LABEL_KEY_EVENTS).set_value(False).run()
    assert len(timeline_spec(app)["layout"].get("annotations", [])) < labelled


def test_activity_and_map_show_the_actors_and_places(app, seed_events):
    assert not messages(app, "error")
    drawn = list(drawn_charts(app))
    assert not [i for i in drawn if keys.ACTIVITY_CHART in i or keys.MAP_CHART in i]  # closed tabs
    actors = {a for v in seed_events[schema.ACTORS] for a in v}
    places = {p for v in seed_events[schema.LOCATIONS] for p in v}
    app.session_state[keys.TAB] = "Map"
    app.run()
    assert places and any(place in chart_spec(app, keys.MAP_CHART) for place in places)
    app.session_state[keys.TAB] = "Activity"
    app.run()
    assert any(actor in chart_spec(app, keys.ACTIVITY_CHART) for actor in actors)
    app.segmented_control(key=keys.ACTIVITY_BY).set_value("event_type").run()
    kinds = set(seed_events[schema.EVENT_TYPE])
    assert any(kind in chart_spec(app, keys.ACTIVITY_CHART).lower() for kind in kinds)


def test_the_activity_counts_the_mentions_the_timeline_caption_counts_and_says_so(store):
    """The Timeline says "9 of 9 events, from 10 mentions"; the Activity tab counts mentions
    (each article's report of an event) and names them so, with the same number: it said
    "(10 events)" beside the Timeline's 9."""
    import re

    app = AppTest.from_file(APP, default_timeout=60).run()  # opens on the chronology
    assert_no_exception(app)
    (said,) = [m for c in app.caption if (m := re.search(r"of ([\d,]+) events, from ([\d,]+) mentions", c.value))]
    app.session_state[keys.TAB] = "Activity"
    app.run()
    title = json.loads(chart_spec(app, keys.ACTIVITY_CHART))["layout"]["title"]["text"]
    assert title.endswith(f"({said.group(2)} mentions)") and "mentions per month" in title
    assert "events" not in title and said.group(1) != said.group(2)


# Filters and the URL ------------------------------------------------------------------------

def test_closed_tabs_draw_nothing_and_keep_what_was_typed_in_them(app):
    assert not app.dataframe and not app.download_button  # Chronology, Export: closed
    open_tab(app, "Export").text_input(key=keys.EXPORT_TITLE).input("Talks in Geneva").run()
    open_tab(app, "Timeline")
    assert not app.download_button  # the Export tab is not drawn
    assert open_tab(app, "Export").text_input(key=keys.EXPORT_TITLE).value == "Talks in Geneva"


def test_actor_filter_reduces_the_rows_and_writes_the_url(app, seed_events):
    actor = a_partial_actor(seed_events)
    app.multiselect(key=keys.FILTER_ACTORS).set_value([actor]).run()
    assert_no_exception(app)
    rows = chronology(app)
    assert 0 < len(rows) < len(seed_events)
    assert all(actor in actors for actors in rows[schema.ACTORS])
    assert app.query_params.get("actor") == actor


def test_status_filter_and_search_are_written_to_the_url(app):
    app.multiselect(key=keys.FILTER_STATUSES).set_value(["planned"])
    app.text_input(key=keys.FILTER_TEXT).input("talks").run()
    assert_no_exception(app)
    assert app.query_params.get("status") == "planned"
    assert app.query_params.get("q") == "talks"
    assert set(chronology(app)[schema.STATUS]) <= {"planned"}


def test_a_shared_link_restores_the_filters(store, seed_events):
    actor = a_partial_actor(seed_events)
    expected = seed_events[[actor in a for a in seed_events[schema.ACTORS]]]
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(MENTIONS_VIEW)
    at.query_params["actor"] = actor
    at.query_params["lane"] = "event_type"
    at.run()
    assert_no_exception(at)
    assert at.multiselect(key=keys.FILTER_ACTORS).value == [actor]
    assert len(chronology(at)) == len(expected)
    assert at.session_state[keys.LANE] == "event_type"


def test_a_link_with_unknown_values_opens_unfiltered(store, seed_events):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["actor"] = "<script>Nobody</script>"
    at.query_params["from"] = "not-a-date"
    at.run()
    assert_no_exception(at)
    assert at.multiselect(key=keys.FILTER_ACTORS).value == []
    assert len(chronology(at)) == len(seed_events)


def test_clear_filters_shows_everything_again(app, seed_events):
    app.multiselect(key=keys.FILTER_ACTORS).set_value([a_partial_actor(seed_events)]).run()
    app.button(key=keys.FILTER_RESET).click().run()
    assert len(chronology(app)) == len(seed_events)
    assert "actor" not in app.query_params


# Evidence -----------------------------------------------------------------------------------

def test_selecting_an_event_shows_its_evidence(app, seed_events):
    event = seed_events.iloc[0]
    app.session_state[keys.SELECTED_EVENT] = event[schema.EVENT_ID]
    app.run()
    assert_no_exception(app)
    text = shown_text(app)
    assert " ".join(str(event[schema.SENTENCE]).split()) in " ".join(text.split())
    assert str(event[schema.DATE_RULE]) in text
    assert "Syria Talks Go off the Rails" in text  # the article's title, source, date
    assert "Foreign Policy" in text and "2016-02-03" in text
    timex = html.escape(str(event[schema.TIMEX_TEXT]))
    assert f'<mark class="tl-time">{timex}</mark>' in shown_html(app)
    assert app.query_params.get("event") == event[schema.EVENT_ID]


def test_choosing_an_event_in_the_picker_shows_its_evidence(app, seed_events):
    picker = app.selectbox(key=keys.SELECTED_EVENT)
    assert len(picker.options) == len(seed_events)
    assert all(label[:4].isdigit() for label in picker.options)  # they start with the date
    picker.select_index(len(picker.options) - 1).run()
    assert_no_exception(app)
    chosen = app.selectbox(key=keys.SELECTED_EVENT).value
    event = seed_events.set_index(schema.EVENT_ID).loc[chosen]
    assert str(event[schema.DATE_RULE]) in shown_text(app)
    assert str(event[schema.TIMEX_TEXT]) in shown_text(app)


def test_no_selection_explains_how_to_select(app):
    assert any("Select an event" in m for m in messages(app, "info"))


# Adding articles ----------------------------------------------------------------------------

def test_pasting_an_article_with_a_date_adds_its_events_and_keeps_them(app, store, seed_events):
    paste(app, PASTED_ARTICLE, pd.Timestamp("2023-05-17").date(), title="Prague talks")
    assert_no_exception(app)
    assert any("Prague talks" in m and "Added" in m for m in messages(app, "success"))
    rows = chronology(app)
    assert len(rows) > len(seed_events)
    assert rows[schema.SENTENCE].str.contains("Prague").any()

    restarted = AppTest.from_file(APP, default_timeout=60).run()
    assert len(chronology(restarted)) == len(rows)


def test_the_same_article_twice_is_reported_not_duplicated(app):
    paste(app, PASTED_ARTICLE, pd.Timestamp("2023-05-17").date(), title="Prague talks")
    count = len(chronology(app))
    paste(app, PASTED_ARTICLE, pd.Timestamp("2023-05-17").date(), title="Prague talks")
    assert_no_exception(app)
    assert any("already in the store" in m for m in messages(app, "info"))
    assert len(chronology(app)) == count


def test_pasting_without_a_date_asks_for_one_and_keeps_the_text(app, seed_events):
    paste(app, PASTED_ARTICLE, None, title="Undated")
    assert_no_exception(app)
    assert any("publication date" in m for m in messages(app, "error"))
    assert len(chronology(app)) == len(seed_events)
    # Kept through the visit to the Chronology tab, which does not draw the form.
    assert open_tab(app, "Add articles").text_area(key=keys.PASTE_TEXT).value == PASTED_ARTICLE


@pytest.mark.parametrize(
    ("name", "data", "published", "outcome"),
    [
        ("prague.txt", PASTED_ARTICLE.encode(), "2023-05-17", "success"),
        ("prague.txt", PASTED_ARTICLE.encode(), None, "error"),
        ("border.html", HTML_PAGE, None, "success"),  # the page carries its date
        ("border.md", MARKDOWN_ARTICLE, None, "success"),  # so does the front matter
        ("empty.txt", b"", "2023-05-17", "error"),
        ("binary.txt", bytes(range(256)) * 8, "2023-05-17", "error"),
        ("huge.txt", b"word " * (6 * 1024 * 1024 // 5), "2023-05-17", "error"),
    ],
)
def test_uploading_files(app, seed_events, name, data, published, outcome):
    open_tab(app, "Add articles")
    app.get("file_uploader")[0].set_value((name, data, "text/html" if name.endswith("html")
                                           else "text/plain"))
    if published:
        app.date_input(key=keys.UPLOAD_PUBLISHED).set_value(pd.Timestamp(published).date())
    app.button(key=keys.UPLOAD_SUBMIT).click().run()
    assert_no_exception(app)
    errors = messages(app, "error")  # shown in the Add articles tab, before opening another
    assert messages(app, outcome), (errors, messages(app, "success"))
    if outcome == "success":
        assert len(chronology(app)) > len(seed_events)
    else:
        assert len(chronology(app)) == len(seed_events)
        assert "Traceback" not in " ".join(errors)
    if name == "prague.txt" and not published:
        assert any("publication date" in m for m in errors)


def test_a_damaged_store_is_a_message_not_a_traceback(store):
    (store / "manifest.json").write_bytes(b"this is not the store's manifest")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert_no_exception(at)
    assert messages(at, "error")
    assert all("Traceback" not in m for m in messages(at, "error"))


def test_a_damaged_mentions_file_is_rebuilt_and_said(store, seed_events):
    (segment,) = (store / "segments" / "mentions").glob("*.parquet")
    segment.write_bytes(segment.read_bytes()[:64])
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert_no_exception(at)
    assert any("damaged" in m and "rebuilt" in m for m in messages(at, "warning"))
    assert len(chronology(at)) == len(seed_events)


# Untrusted text -----------------------------------------------------------------------------

def test_markup_in_an_article_is_shown_as_text(app):
    paste(app, HOSTILE_ARTICLE, pd.Timestamp("2021-03-10").date(), title="<b>Vienna</b>")
    assert_no_exception(app)
    rows = chronology(app)
    hostile = rows[rows[schema.SENTENCE].str.contains("Vienna")]
    assert not hostile.empty
    for event_id in hostile.index:
        app.session_state[keys.SELECTED_EVENT] = event_id
        app.run()
        shown = shown_html(app)
        assert "<script" not in shown and "<img" not in shown and "<b>Vienna" not in shown
        assert "&lt;script&gt;" in shown or "&lt;img" in shown
    spec = json.dumps(timeline_spec(app))
    assert "<script" not in spec and "<img" not in spec


# Exports ------------------------------------------------------------------------------------

def test_every_export_is_offered(app):
    open_tab(app, "Export")
    labels = {b.label for b in app.download_button}
    assert {"PNG image", "SVG image (vector)", "HTML page (works offline)", "CSV table", "JSON",
            "TimelineJS JSON", "Markdown chronology with sources"} <= labels


def test_exports_hold_the_filtered_events(store, seed_events, downloads):
    actor = a_partial_actor(seed_events)
    expected = seed_events[[actor in a for a in seed_events[schema.ACTORS]]]
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"actor": actor, "tab": "Export"})  # a shared link to the exports
    at.run()
    buttons = {b.label: b for b in at.download_button}

    csv = pd.read_csv(pd.io.common.StringIO(downloads(buttons["CSV table"]).decode()))
    assert len(csv) == len(expected)
    records = json.loads(downloads(buttons["JSON"]))
    assert len(records if isinstance(records, list) else records["events"]) == len(expected)
    timelinejs = json.loads(downloads(buttons["TimelineJS JSON"]))
    assert len(timelinejs["events"]) == len(expected)
    markdown = downloads(buttons["Markdown chronology with sources"]).decode()
    assert "Foreign Policy" in markdown
    page = downloads(buttons["HTML page (works offline)"]).decode()
    assert "<html" in page.lower() and len(page) > 1_000_000  # plotly.js inlined
    assert not re.search(r"<script[^>]*\bsrc=", page)  # nothing fetched: works offline


def make_images(app: AppTest, **frame: str) -> dict:
    open_tab(app, "Export")
    for name, value in frame.items():
        app.text_input(key=getattr(keys, f"EXPORT_{name.upper()}")).set_value(value)
    app.button(key=keys.EXPORT_MAKE_IMAGES).click().run()
    assert_no_exception(app)
    return {b.label: b for b in app.download_button}


def test_the_chart_exports_as_vector_svg_and_png_with_its_title_caption_and_credit(
        downloads, app):
    buttons = make_images(app, title="Geneva <talks> 2016", caption="What the envoys did",
                          credit="Source: Foreign Policy")
    svg = downloads(buttons["SVG image (vector)"]).decode()
    assert svg.lstrip().startswith("<svg")
    assert "<image" not in svg  # fully vector: no bitmap inside
    assert "<talks>" not in svg and "Geneva <talks> 2016" in html.unescape(svg)
    assert 'width="1200"' in svg  # the size preset, in CSS pixels
    assert "What the envoys did" in svg and "Source: Foreign Policy" in svg
    assert downloads(buttons["PNG image"]).startswith(b"\x89PNG")
    assert "<iframe" in "\n".join(c.value for c in app.code)


def test_a_browser_that_fails_to_render_is_a_message_and_no_download(app, monkeypatch,
                                                                     tmp_path):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(broken))
    buttons = make_images(app)
    assert any("could not be made" in m for m in messages(app, "error"))
    assert buttons["PNG image"].proto.disabled and buttons["SVG image (vector)"].proto.disabled


def test_a_title_full_of_markdown_is_reported_as_written_not_as_a_link(app):
    title = "[Read more](http://example.invalid) **now** $x$ :red[alert]"
    paste(app, PASTED_ARTICLE, pd.Timestamp("2023-05-17").date(), title=title)
    assert_no_exception(app)
    shown = [m for m in messages(app, "success") if "Added" in m]
    assert shown, messages(app, "success")
    # the Markdown body keeps every character escaped: no link, bold, LaTeX or colour directive
    assert "\\[Read more\\]\\(http\\://example.invalid\\)" in shown[0]
    assert "\\*\\*now\\*\\*" in shown[0] and "\\$x\\$" in shown[0] and "\\:red\\[alert\\]" in shown[0]


# Publication dates and bounded extraction (issue 7 items 2, 10) ------------------------------

@pytest.mark.parametrize("key", [keys.PASTE_PUBLISHED, keys.UPLOAD_PUBLISHED])
def test_the_date_pickers_reach_back_to_1900_and_a_year_ahead(app, key):
    import datetime as dt

    open_tab(app, "Add articles")
    picker = app.date_input(key=key)
    assert picker.min <= dt.date(1900, 1, 1)
    assert dt.date.today() + dt.timedelta(days=300) <= picker.max <= dt.date(2262, 4, 11)


@pytest.mark.parametrize("published", ["2016-02-03", "1900-01-01"])
def test_an_old_publication_date_can_be_picked_and_dates_the_article(app, seed_events, published):
    paste(app, PASTED_ARTICLE, pd.Timestamp(published).date(), title="Prague talks")
    assert_no_exception(app)
    assert any("Prague talks" in m and "Added" in m for m in messages(app, "success")), messages(app, "error")
    assert len(chronology(app)) > len(seed_events)


def test_pasting_without_a_date_does_not_claim_the_article_has_none(app):
    paste(app, PASTED_ARTICLE, None, title="Undated")
    (message,) = messages(app, "error")
    assert "pick the article's publication date" in message
    assert "carries no publication date" not in message


def test_an_extraction_over_its_time_bound_is_stopped_with_a_message_and_nothing_lost(app, seed_events, monkeypatch):
    from timeline.ui import worker

    monkeypatch.setattr(worker, "EXTRACTION_TIMEOUT_S", 0.0)
    paste(app, PASTED_ARTICLE, pd.Timestamp("2023-05-17").date(), title="Prague talks")
    assert_no_exception(app)
    (message,) = messages(app, "error")
    assert "took longer than 0 seconds and was stopped" in message
    assert len(chronology(app)) == len(seed_events)
    # kept, to try again, through the visit to the Chronology tab
    assert open_tab(app, "Add articles").text_area(key=keys.PASTE_TEXT).value == PASTED_ARTICLE


def test_two_uploads_with_the_same_name_are_both_kept(app, seed_events):
    other = PASTED_ARTICLE.replace("Prague", "Vienna").encode()
    for data in (PASTED_ARTICLE.encode(), other):
        open_tab(app, "Add articles")
        app.get("file_uploader")[0].set_value(("talks.txt", data, "text/plain"))
        app.date_input(key=keys.UPLOAD_PUBLISHED).set_value(pd.Timestamp("2023-05-17").date())
        app.button(key=keys.UPLOAD_SUBMIT).click().run()
        assert any("Added" in m for m in messages(app, "success")), messages(app, "error")
    rows = chronology(app)
    assert rows[schema.SENTENCE].str.contains("Vienna").any() and rows[schema.SENTENCE].str.contains("Prague").any()
    assert rows.index.is_unique


# Curation ------------------------------------------------------------------------------------

def test_a_corrected_headline_survives_a_restart_and_is_in_the_chronology_csv(store, downloads):
    from timeline.corpus import curation
    from timeline.corpus.store import EventStore

    at = AppTest.from_file(APP, default_timeout=60).run()  # the first run stores the chronology
    assert_no_exception(at)
    events_store = EventStore(str(store))
    chronology = events_store.chronology()
    assert not chronology.empty
    event = chronology.sort_values(schema.SALIENCE, ascending=False).iloc[0]
    events_store.append_edits(curation.edit_event(event, {schema.HEADLINE: "UN halts the Geneva talks"},
                                                  events_store.events(), author="report writer"))

    restarted = AppTest.from_file(APP, default_timeout=60).run()  # a new session reads the log
    assert_no_exception(open_tab(restarted, "Export"))
    buttons = {b.label: b for b in restarted.download_button}
    csv = downloads(buttons["Chronology CSV (one row per event, with your corrections)"])
    table = pd.read_csv(pd.io.common.BytesIO(csv), encoding="utf-8-sig")
    row = table[table[schema.EVENT_KEY] == event[schema.EVENT_KEY]].iloc[0]
    assert row[schema.HEADLINE] == "UN halts the Geneva talks"
    assert "headline" in row[schema.EDITED_FIELDS]


def test_a_shared_link_naming_an_actor_not_in_the_store_says_so(store, seed_events):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["actor"] = "Staffan de Mistra"
    at.run()
    assert_no_exception(at)
    warnings = messages(at, "warning")
    assert any("Staffan de Mistra" in w and "did you mean" in w and "Staffan de Mistura" in w
               for w in warnings), warnings
