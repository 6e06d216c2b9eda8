"""Exports people paste into reports: spreadsheets that never run article text as formulas,
JSON that reads back, TimelineJS that opens, a Markdown chronology with its sources, and charts
as images and offline HTML."""
from __future__ import annotations

import csv
import io
import json
import pathlib
import re

import pandas as pd
import pytest

from timeline.present import exports
from timeline import schema
from timeline.present.charts import timeline_figure
from timeline.errors import InputError, TimelineError

CHROMIUM = pathlib.Path("/usr/bin/chromium")


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_starts_with_a_bom_so_excel_reads_utf8(make_events):
    data = exports.events_to_csv(make_events(dict(actors=["Côte d'Ivoire"])))
    assert data.startswith(b"\xef\xbb\xbf")
    assert read_csv(data)[0]["actors"] == "Côte d'Ivoire"


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(make_events, prefix):
    payload = prefix + 'HYPERLINK("http://example.invalid","x")'
    events = make_events(dict(sentence=payload, timex_text=payload, actors=[payload, "Chad"]))
    row = read_csv(exports.events_to_csv(events))[0]
    assert row["sentence"] == "'" + payload
    assert row["timex_text"] == "'" + payload
    assert row["actors"] == "'" + payload + "; Chad"


def test_csv_has_every_column_iso_dates_joined_lists_and_the_sources(sample_events, sample_documents):
    rows = read_csv(exports.events_to_csv(sample_events, sample_documents))
    assert list(rows[0])[: len(schema.EVENT_COLUMNS)] == list(schema.EVENT_COLUMNS)
    month = next(r for r in rows if r["event_id"] == "a-month")
    assert (month["date_start"], month["date_end"]) == ("2023-04-01", "2023-04-30")
    assert month["actors"] == "Rapid Support Forces; Sudan"
    assert (month["title"], month["source"], month["published"]) == (
        "Sudan's factions meet in Jeddah", "Invented Wire", "2023-05-07")


def test_csv_reads_back_into_the_same_events(sample_events):
    data = exports.events_to_csv(sample_events)
    again = schema.validate(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig"))
    assert again["event_id"].tolist() == sample_events["event_id"].tolist()
    assert again["actors"].tolist() == sample_events["actors"].tolist()
    assert again["date_end"].tolist() == sample_events["date_end"].tolist()


def test_json_reads_back_into_the_same_events(sample_events):
    data = json.loads(exports.events_to_json(sample_events))
    assert data[0]["date_start"] == "2023-05-06"
    assert data[0]["actors"] == ["Saudi Arabia", "United States", "Sudan"]
    assert data[0]["timex_value"] is None
    again = schema.validate(pd.DataFrame(data))
    pd.testing.assert_frame_equal(again, sample_events)


def test_timelinejs_has_a_title_and_one_slide_per_event(sample_events, sample_documents):
    doc = json.loads(exports.events_to_timelinejs(sample_events, sample_documents, title="Sudan talks"))
    assert doc["title"]["text"]["headline"] == "Sudan talks"
    assert [s["unique_id"] for s in doc["events"]] == sample_events["event_id"].tolist()
    for slide in doc["events"]:
        assert set(slide["start_date"]) >= {"year"}
        assert slide["text"]["headline"]


@pytest.mark.parametrize(
    ("event_id", "start", "end"),
    [
        ("a-meet", {"year": 2023, "month": 5, "day": 6}, None),
        ("a-week", {"year": 2023, "month": 5, "day": 1}, {"year": 2023, "month": 5, "day": 7}),
        # A month date gives no day: TimelineJS then shows "April 2023", not "1 April".
        ("a-month", {"year": 2023, "month": 4}, None),
        ("b-fuzzy", {"year": 2023, "month": 4, "day": 20}, {"year": 2023, "month": 5, "day": 8}),
    ],
)
def test_timelinejs_dates_keep_the_events_precision(sample_events, event_id, start, end):
    doc = json.loads(exports.events_to_timelinejs(sample_events))
    (slide,) = [s for s in doc["events"] if s["unique_id"] == event_id]
    assert slide["start_date"] == start
    assert slide.get("end_date") == end


def test_timelinejs_says_where_each_event_comes_from(sample_events, sample_documents):
    doc = json.loads(exports.events_to_timelinejs(sample_events, sample_documents))
    slide = next(s for s in doc["events"] if s["unique_id"] == "b-plan-month")
    assert slide["text"]["headline"] == "Meeting (planned) — United Nations"
    assert "convene both sides in Geneva" in slide["text"]["text"]
    assert "Moscow backs Sudan talks, Invented Daily, 2023-05-09" in slide["text"]["text"]
    assert slide["group"] == "United Nations"


def test_timelinejs_escapes_article_text_because_it_renders_html(hostile_events):
    raw = exports.events_to_timelinejs(hostile_events).decode("utf-8")
    assert "<script" not in raw and "<img" not in raw and "<b>" not in raw
    assert "&lt;script&gt;" in raw


def test_timelinejs_skips_undated_events(make_events):
    events = make_events(dict(event_id="dated"), dict(event_id="undated", date_start=None, date_end=None))
    doc = json.loads(exports.events_to_timelinejs(events))
    assert [s["unique_id"] for s in doc["events"]] == ["dated"]


def test_markdown_chronology_is_in_date_order_and_cites_its_sources(sample_events, sample_documents):
    text = exports.events_to_markdown(sample_events, sample_documents, title="Sudan talks, May 2023")
    assert text.startswith("# Sudan talks, May 2023\n")
    items = [line for line in text.splitlines() if line.startswith("- **")]
    assert len(items) == len(sample_events)
    assert items[0].startswith("- **2023-04-01 – 2023-04-30 (month)** — Attack — Rapid Support Forces")
    assert items[-1].startswith("- **2023-06-01 – 2023-06-30 (month)** — Meeting (planned)")
    lavrov = next(line for line in items if "Lavrov" in line)
    assert "“Russian Foreign Minister Sergei Lavrov said on Monday" in lavrov
    assert "date as written: “Monday”" in lavrov
    assert lavrov.endswith("[2]")
    sources = text.split("## Sources", 1)[1]
    assert "1. *Sudan's factions meet in Jeddah*, Invented Wire, published 2023-05-07" in sources
    assert "2. *Moscow backs Sudan talks*, Invented Daily, published 2023-05-09" in sources


def test_markdown_without_documents_still_lists_each_article(sample_events):
    sources = exports.events_to_markdown(sample_events).split("## Sources", 1)[1]
    assert "*doc-a*" in sources and "publication date unknown" in sources


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("*bold* and _it_", r"\*bold\* and \_it\_"),
        ("[click](http://x.invalid)", r"\[click\](http://x.invalid)"),
        ("a | b `code` ~strike~ &amp;", r"a \| b \`code\` \~strike\~ \&amp;"),
        ("line\n# heading\n- item", "line # heading - item"),
        ("back\\slash", r"back\\slash"),
    ],
)
def test_markdown_escapes_article_text(text, escaped):
    assert exports.escape_markdown(text) == escaped


def test_markdown_chronology_has_no_raw_html_from_articles(hostile_events):
    text = exports.events_to_markdown(hostile_events)
    assert re.search(r"(?<!\\)<(script|img|b)", text) is None


def test_html_export_is_self_contained_and_works_offline(sample_events):
    page = exports.figure_to_html(timeline_figure(sample_events), title="Sudan <talks>").decode("utf-8")
    assert re.search(r"<script[^>]*\ssrc=", page) is None       # nothing loaded from anywhere
    assert "Plotly.newPlot" in page and len(page) > 1_000_000    # plotly.js is inline
    assert "<title>Sudan &lt;talks&gt;</title>" in page


def test_html_export_keeps_article_text_escaped(hostile_events):
    page = exports.figure_to_html(timeline_figure(hostile_events)).decode("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page


def test_image_export_refuses_an_unknown_format(sample_events):
    with pytest.raises(InputError, match="png, svg"):
        exports.figure_to_image(timeline_figure(sample_events), "gif")


def test_image_export_without_a_browser_says_what_to_install(monkeypatch, sample_events):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    monkeypatch.setattr(exports.shutil, "which", lambda name: None)
    monkeypatch.setattr(exports, "DEFAULT_BROWSER", "/nonexistent/chromium")
    with pytest.raises(TimelineError, match="apt-get install chromium"):
        exports.figure_to_image(timeline_figure(sample_events), "png")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (CI installs it)")
@pytest.mark.parametrize(("fmt", "check"), [
    ("png", lambda data: data.startswith(b"\x89PNG\r\n\x1a\n")),
    ("svg", lambda data: re.match(rb"<svg[^>]*xmlns=\"http://www.w3.org/2000/svg\"", data) is not None),
])
def test_chart_exports_as_an_image_through_the_local_chromium(sample_events, hostile_events, fmt, check):
    events = pd.concat([sample_events, hostile_events], ignore_index=True)
    data = exports.figure_to_image(timeline_figure(events), fmt, width=900, height=500)
    assert check(data)
    if fmt == "svg":
        text = data.decode("utf-8")
        assert "Sudan" in text and "<script" not in text and "<img" not in text
        # The hostile actor's name is shown as the literal text "<img ...>" (escaped once for
        # the SVG, not twice: a reader sees the characters, not "&lt;").
        assert re.search(r"(&#60;|&lt;)img src=x onerror=alert\(3\)(&#62;|&gt;)", text)
        assert "&amp;lt;" not in text and "&amp;#60;" not in text


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (CI installs it)")
def test_an_image_export_survives_kaleido_reading_the_page_before_its_script_loaded(monkeypatch, sample_events):
    # Under load kaleido 1.x can run its call in the blank page's context; a second browser renders.
    import kaleido

    real, calls = kaleido.calc_fig_sync, []

    def first_call_races(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("ReferenceError: kaleido_scopes is not defined")
        return real(*args, **kwargs)

    monkeypatch.setattr(kaleido, "calc_fig_sync", first_call_races)
    data = exports.figure_to_image(timeline_figure(sample_events), "png", width=600, height=400)
    assert data.startswith(b"\x89PNG") and len(calls) == 2


def test_an_image_export_that_keeps_failing_says_so_once(monkeypatch, sample_events):
    import kaleido

    def always_fails(*args, **kwargs):
        raise RuntimeError("ReferenceError: kaleido_scopes is not defined")

    monkeypatch.setattr(exports, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(kaleido, "calc_fig_sync", always_fails)
    with pytest.raises(TimelineError, match="could not render the chart as PNG"):
        exports.figure_to_image(timeline_figure(sample_events), "png")


def test_timelinejs_title_counts_one_article_in_the_singular(sample_events, sample_documents):
    one = sample_events[sample_events["event_id"] == sample_events["event_id"].iloc[0]]
    doc = json.loads(exports.events_to_timelinejs(one, sample_documents, title="One"))
    assert doc["title"]["text"]["text"] == "1 dated event from 1 article"


def test_a_report_frame_escapes_its_text_and_redraws_webgl_traces_as_svg():
    import plotly.graph_objects as go

    fig = go.Figure([go.Scattergl(x=[1, 2], y=[1, 2], mode="markers")])
    framed = exports.report_figure(fig, exports.ReportFrame(
        title="<script>alert(1)</script>", caption="a & b", credit="Source: <i>x</i>",
        width=800, height=600))
    assert [t.type for t in framed.data] == ["scatter"]
    assert framed.layout.title.text == "&lt;script&gt;alert(1)&lt;/script&gt;"
    texts = [a.text for a in framed.layout.annotations]
    assert texts == ["a &amp; b", "Source: &lt;i&gt;x&lt;/i&gt;"]
    assert (framed.layout.width, framed.layout.height) == (800, 600)
    assert [t.type for t in fig.data] == ["scattergl"]  # the screen's figure is untouched


def test_a_report_frame_refuses_absurd_sizes_and_cuts_long_text():
    with pytest.raises(InputError, match="200 to 8000"):
        exports.ReportFrame(width=10, height=10)
    assert len(exports.ReportFrame(title="x" * 10_000).title) == exports.MAX_FRAME_TEXT


def test_the_embed_snippet_escapes_the_users_text():
    snippet = exports.embed_snippet(exports.ReportFrame(
        title='"><script>x</script>', caption="Talks & truce", credit=""))
    assert "<script>" not in snippet and "Talks &amp; truce" in snippet
    assert '<iframe src="timeline.html"' in snippet


def test_the_embed_snippet_sets_the_credit_on_its_own_line_under_the_caption():
    snippet = exports.embed_snippet(exports.ReportFrame(
        title="Talks", caption="Rounds of talks, 2016", credit="Source: <3> articles"))
    assert ("<figcaption>Rounds of talks, 2016<br><small>Source: &lt;3&gt; articles</small>"
            "</figcaption>") in snippet
    only_credit = exports.embed_snippet(exports.ReportFrame(title="Talks", credit="Source: us"))
    assert "<figcaption><small>Source: us</small></figcaption>" in only_credit
