"""The story view as a reader sees it: one mark per real-world event sized by its articles, the key
events labelled with date and headline, planned vs happened, plans that changed, an axis that
opens on the key events, background spans, lanes, and the overview strip."""
from __future__ import annotations

import itertools
import json
import pathlib
import re

import pandas as pd
import pytest

from timeline import schema
from timeline.present import exports
from timeline.present.charts import event_ids_from_selection
from timeline.present.charts.label_layout import Box, text_size
from timeline.present.charts.story import (
    event_date_label,
    focus_range,
    status_history,
    story_figure,
)
from timeline.present.charts.style import chart_style
from timeline.present.sizes import SIZE_PRESETS

from story_hover import point_key, rendered_hover

CHROMIUM = pathlib.Path("/usr/bin/chromium")


def event(key: str, day: str, **fields: object) -> dict[str, object]:
    """A chronology row about invented talks; tests state only the fields that matter."""
    end = fields.pop("end", day)
    row: dict[str, object] = {
        "event_key": key, "date_start": day, "date_end": end, "granularity": "day",
        "event_type": "meeting", "status": "occurred", "headline": f"Envoys meet ({key})",
        "actors": ["Norway"], "locations": ["Oslo"], "mention_ids": [f"{key}-m1"],
        "doc_ids": ["doc-1"], "n_mentions": 1, "n_articles": 1, "sources": ["Daily"],
        "first_reported": day, "last_reported": day, "status_history": "[]",
        "salience": 0.1, "salience_reason": "reported once", "representative_id": f"{key}-m1",
    }
    row.update(fields)
    return row


def status_steps(*steps: tuple[str, str, str, str, str]) -> str:
    """A status_history cell: (status, start, end, article, published) per report."""
    return json.dumps([{"status": status, "date_start": start, "date_end": end, "doc_id": doc,
                        "published": published, "event_id": f"{doc}-1"}
                       for status, start, end, doc, published in steps])


def chronology(*rows: dict[str, object]) -> pd.DataFrame:
    return schema.validate_chronology(pd.DataFrame(list(rows)))


def marks(fig) -> dict[str, dict]:
    """event_key -> its mark (x, y, size, symbol) over the marker traces."""
    out: dict[str, dict] = {}
    for trace in fig.data:
        if trace.mode != "markers" or trace.customdata is None:
            continue
        for i, cell in enumerate(trace.customdata):
            key = point_key(cell)
            assert key not in out, f"{key} drawn twice"
            size = trace.marker.size
            out[key] = {"x": pd.Timestamp(trace.x[i]), "y": trace.y[i],
                        "size": size[i] if hasattr(size, "__len__") else size,
                        "symbol": trace.marker.symbol, "hover": rendered_hover(trace, i)}
    return out


def labels(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if (a.name or "").startswith("key:")]


@pytest.fixture
def talks() -> pd.DataFrame:
    """Six weeks of talks, one big event reported by twenty articles, one planned meeting."""
    return chronology(
        event("suspend", "2016-02-03", event_type="suspension", headline="UN suspends Geneva talks",
              n_articles=20, n_mentions=31, salience=0.95, doc_ids=[f"d{i}" for i in range(20)]),
        event("open", "2016-01-29", event_type="talks", headline="Geneva talks open",
              n_articles=6, salience=0.8),
        event("truce", "2016-02-27", event_type="ceasefire", headline="Cessation of hostilities begins",
              n_articles=9, salience=0.9),
        event("munich", "2016-02-11", headline="ISSG meets in Munich", n_articles=4, salience=0.7),
        event("resume", "2016-03-14", event_type="talks", status="planned",
              headline="Talks to resume in Geneva", n_articles=2, salience=0.6),
        event("minor", "2016-02-20", headline="Envoy visits Amman", salience=0.05),
    )


def test_one_mark_per_event_however_many_articles_report_it(talks):
    fig = story_figure(talks)
    assert set(marks(fig)) == set(talks["event_key"])
    assert fig.layout.meta["marks"] == len(talks)


def test_an_event_reported_by_more_articles_has_a_bigger_mark(talks):
    drawn = marks(story_figure(talks))
    assert drawn["suspend"]["size"] > drawn["truce"]["size"] > drawn["open"]["size"] > drawn["minor"]["size"]
    assert drawn["minor"]["size"] == chart_style().story.marker_min
    assert drawn["suspend"]["size"] == chart_style().story.marker_max


def test_planned_events_are_hollow_and_happened_ones_filled_with_a_legend_for_each(talks):
    fig = story_figure(talks)
    drawn = marks(fig)
    assert drawn["resume"]["symbol"].endswith("-open")
    assert not drawn["suspend"]["symbol"].endswith("-open")
    legend = {t.name for t in fig.data if t.showlegend}
    assert {"happened", "planned"} <= legend


def test_key_events_are_labelled_with_date_and_headline_most_salient_first(talks):
    fig = story_figure(talks, key_events=3)
    texts = [t.replace("<br>", " ") for t in labels(fig)]
    assert texts[0] == "3 Feb 2016 · UN suspends Geneva talks"
    assert len(texts) == 3 and any("Cessation of hostilities" in t for t in texts)
    assert fig.layout.meta["labelled"] == ["suspend", "truce", "open"]


def label_boxes(fig) -> list[Box]:
    """Each key event's label box in pixels (y down), rebuilt from what the figure tells the
    browser: the mark's pixel position plus the label's offset, sized from its lines."""
    xaxis, yaxis = fig.layout.xaxis, fig.layout.yaxis
    margin = fig.layout.margin
    plot_w = fig.layout.width - margin.l - margin.r
    plot_h = fig.layout.height - margin.t - margin.b
    x0, x1 = (pd.Timestamp(v) for v in xaxis.range)
    y_low, y_high = yaxis.range
    boxes = []
    for a in fig.layout.annotations:
        if not (a.name or "").startswith("key:"):
            continue
        px = margin.l + (pd.Timestamp(a.x) - x0) / (x1 - x0) * plot_w
        py = margin.t + (y_high - a.y) / (y_high - y_low) * plot_h
        w, h = text_size(a.text.split("<br>"), chart_style().story.label_font_size)
        cx, cy = px + a.ax, py + a.ay
        boxes.append(Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
    return boxes


def top_of_marks(fig) -> float:
    """The pixel y of the highest mark's top edge."""
    margin = fig.layout.margin
    plot_h = fig.layout.height - margin.t - margin.b
    y_low, y_high = fig.layout.yaxis.range
    return min(margin.t + (y_high - m["y"]) / (y_high - y_low) * plot_h - m["size"] / 2
               for m in marks(fig).values())


def crowded_chronology(n: int = 30) -> pd.DataFrame:
    """`n` events of five types in nine days of February 2016, with long headlines."""
    kinds = ("meeting", "talks", "ceasefire", "statement", "agreement")
    return chronology(*[
        event(f"e{i}", (pd.Timestamp("2016-02-01") + pd.Timedelta(days=i % 9)).date().isoformat(),
              event_type=kinds[i % len(kinds)],
              headline=f"Delegations of both sides meet again, round {i}", salience=1 - i / 40,
              n_articles=1 + i % 5)
        for i in range(n)])


def test_label_boxes_do_not_intersect_each_other_or_the_marks():
    fig = story_figure(crowded_chronology(), key_events=20)
    boxes = label_boxes(fig)
    assert len(boxes) >= 3
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b)
    assert max(b.y1 for b in boxes) <= top_of_marks(fig)


def test_no_leader_line_passes_over_another_events_mark():
    """Leaders run from the label band down to marks in the lower lanes, past the marks of the
    lanes above (Plotly draws each from the label's centre to its mark's centre)."""
    # The key event in the lowest lane; on its day a mark in each lane above it.
    above = ("meeting", "talks", "statement", "agreement")
    fig = story_figure(chronology(
        event("key", "2016-02-10", event_type="suspension", headline="Envoy halts the talks", salience=0.9,
              n_articles=3),
        *[event(f"{kind}{i}", f"2016-02-{10 + 7 * i:02d}", event_type=kind, headline=f"{kind} {i}",
                salience=0.1, n_articles=1 + i) for kind in above for i in (-1, 0, 1)]), key_events=1)
    margin = fig.layout.margin
    plot_w = fig.layout.width - margin.l - margin.r
    plot_h = fig.layout.height - margin.t - margin.b
    x0, x1 = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    y_low, y_high = fig.layout.yaxis.range

    def pixels(x: object, y: float) -> tuple[float, float]:
        return (margin.l + (pd.Timestamp(x) - x0) / (x1 - x0) * plot_w,
                margin.t + (y_high - y) / (y_high - y_low) * plot_h)

    circles = [(*pixels(m["x"], m["y"]), m["size"] / 2) for m in marks(fig).values()]
    leaders = 0
    for a in fig.layout.annotations:
        if not (a.name or "").startswith("key:"):
            continue
        mx, my = pixels(a.x, a.y)
        start = (mx + a.ax, my + a.ay)
        for cx, cy, radius in circles:
            if (cx, cy) == pytest.approx((mx, my)):
                continue   # its own mark
            dx, dy = mx - start[0], my - start[1]
            t = max(0.0, min(1.0, ((cx - start[0]) * dx + (cy - start[1]) * dy) / (dx * dx + dy * dy)))
            gap = ((cx - start[0] - t * dx) ** 2 + (cy - start[1] - t * dy) ** 2) ** 0.5
            assert gap >= radius - 0.5, f"{a.name}'s leader passes over the mark at {(cx, cy)}"
        leaders += 1
    assert fig.layout.meta["labelled"] == ["key"] and leaders == 1


def test_headlines_are_escaped_in_labels_and_hovers():
    fig = story_figure(chronology(event("x", "2016-02-03", headline="<script>alert(1)</script>",
                                        actors=["<b>Bold</b>"], salience=1.0)))
    assert "<script>" not in json.dumps(fig.to_plotly_json(), default=str)
    assert "&lt;script&gt;" in labels(fig)[0]
    assert "&lt;b&gt;Bold" in marks(fig)["x"]["hover"]


def test_the_axis_opens_on_the_key_events_not_on_outliers_or_vague_spans(talks):
    wide = pd.concat([talks, chronology(
        event("history", "1915-01-01", end="2013-12-31", granularity="fuzzy",
              headline="A century of conflict", salience=0.99),
        event("later", "2019-06-01", headline="A late aside", salience=0.01),
    )], ignore_index=True)
    fig = story_figure(wide)
    low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert low <= pd.Timestamp("2016-01-29") and pd.Timestamp("2016-03-14") <= high
    assert low > pd.Timestamp("2015-10-01") and high < pd.Timestamp("2016-07-01")
    assert fig.layout.meta["background"] == 1 and "history" not in marks(fig)


def test_one_far_key_event_does_not_stretch_the_view():
    rows = [event(f"k{i}", (pd.Timestamp("2016-02-01") + pd.Timedelta(days=2 * i)).date().isoformat(), salience=0.9)
            for i in range(10)]
    rows.append(event("far", "2012-05-01", salience=0.95))
    low, high = focus_range(pd.Series(pd.to_datetime([r["date_start"] for r in rows])))
    assert low > pd.Timestamp("2015-06-01")


def test_long_and_vague_intervals_are_thin_background_lines_that_can_still_be_selected(talks):
    fig = story_figure(pd.concat([talks, chronology(
        event("year", "2016-01-01", end="2016-12-31", granularity="year", headline="A year of talks"),
        event("long", "2016-01-05", end="2016-05-05", granularity="day", headline="Siege"),
    )], ignore_index=True))
    (spans,) = [t for t in fig.data if t.mode == "lines" and t.customdata is not None]
    assert {point_key(k) for k in spans.customdata} - {None} == {"year", "long"}
    assert spans.line.width <= 4


def test_a_plan_that_changed_shows_a_dotted_line_from_the_planned_date_to_the_actual_one():
    history = status_steps(("planned", "2016-01-25", "2016-01-25", "a", "2016-01-10"),
                           ("occurred", "2016-01-29", "2016-01-29", "b", "2016-01-30"))
    fig = story_figure(chronology(event("open", "2016-01-29", status_history=history, salience=0.9)))
    (line,) = [t for t in fig.data if t.mode == "lines" and t.line.dash == "dot"]
    xs = {pd.Timestamp(x).normalize() for x in line.x if x is not None}
    assert xs == {pd.Timestamp("2016-01-25"), pd.Timestamp("2016-01-29")}
    assert "planned 25 Jan 2016" in marks(fig)["open"]["hover"]


def test_a_plan_reported_by_many_articles_draws_one_earlier_date_and_one_line_per_date():
    reports = [("planned", "2016-01-25", "2016-01-25", f"wire-{i}", "2016-01-10")
               for i in range(5)]
    history = status_steps(*reports, ("planned", "2016-01-27", "2016-01-27", "c", "2016-01-20"),
                           ("occurred", "2016-01-29", "2016-01-29", "b", "2016-01-30"))
    fig = story_figure(chronology(event("open", "2016-01-29", status_history=history, salience=0.9)))
    (earlier,) = [t for t in fig.data if t.name == "earlier date"]
    assert sorted(pd.Timestamp(x).normalize() for x in earlier.x) == [
        pd.Timestamp("2016-01-25"), pd.Timestamp("2016-01-27")]
    assert "reported 10 Jan 2016" in earlier.hovertext[0]
    (line,) = [t for t in fig.data if t.mode == "lines" and t.line.dash == "dot"]
    assert sum(x is None for x in line.x) == 2  # two pieces: one per earlier date


def test_status_history_of_a_damaged_cell_is_empty_not_an_error():
    assert status_history("not json") == [] and status_history(None) == []
    assert status_history('[{"status": "planned", "date_start": "bad"}]')[0].date_start is None


def test_lanes_by_actor_show_an_event_once_unless_split(talks):
    both = chronology(event("joint", "2016-02-03", actors=["Russia", "United States"]),
                      event("solo", "2016-02-05", actors=["Russia"]))
    once = story_figure(both, lane="actor")
    assert [lane[0] for lane in once.layout.meta["lanes"]] == ["Russia"]
    assert "United States" in marks(once)["joint"]["hover"]
    split = story_figure(both, lane="actor", split=True)
    assert [lane[0] for lane in split.layout.meta["lanes"]] == ["Russia", "United States"]
    ys = [t.y[i] for t in split.data if t.customdata is not None and t.mode == "markers"
          for i, k in enumerate(t.customdata) if point_key(k) == "joint"]
    assert len(ys) == 2


def test_hundreds_of_actors_fold_into_others():
    rows = [event(f"e{i}", "2016-02-03", actors=[f"Actor {i:03d}"]) for i in range(300)]
    fig = story_figure(chronology(*rows), lane="actor", max_lanes=10)
    names = [lane[0] for lane in fig.layout.meta["lanes"]]
    assert len(names) == 10 and names[-1] == "Others"


def test_the_overview_strip_covers_every_event_and_the_view_is_inside_it(talks):
    fig = story_figure(talks)
    slider = fig.layout.xaxis.rangeslider
    assert slider.visible
    low, high = (pd.Timestamp(v) for v in slider.range)
    assert low <= pd.Timestamp("2016-01-29") and high >= pd.Timestamp("2016-03-14")
    density = [t for t in fig.data if t.fill == "toself"]
    assert density, "the density of events is drawn for the overview strip"


def test_a_now_line_only_when_planned_events_lie_ahead(talks):
    ahead = story_figure(talks, now=pd.Timestamp("2016-03-01"))
    assert any(s.line.dash == "dash" for s in ahead.layout.shapes)
    behind = story_figure(talks, now=pd.Timestamp("2016-04-01"))
    assert not any(s.line.dash == "dash" for s in behind.layout.shapes)


def test_publication_days_are_shown_when_asked(talks):
    documents = schema.validate_documents(pd.DataFrame({
        "doc_id": ["d1"], "title": ["Talks <i>halted</i>"], "source": ["Daily"],
        "published": [pd.Timestamp("2016-02-04")], "path": [""], "text": [""], "content_hash": ["h"]}))
    fig = story_figure(talks, documents, show_publications=True)
    (ticks,) = [t for t in fig.data if t.name == "article published"]
    assert pd.Timestamp(ticks.x[0]).normalize() == pd.Timestamp("2016-02-04")
    assert "&lt;i&gt;halted" in ticks.hovertext[0]


def test_selecting_a_mark_gives_its_event_key(talks):
    fig = story_figure(talks)
    trace = next(t for t in fig.data if t.customdata is not None and t.mode == "markers")
    # What the browser sends back: the point's customdata row, as JSON (key first).
    point = json.loads(json.dumps({"customdata": list(trace.customdata[0])}))
    assert event_ids_from_selection({"selection": {"points": [point]}}) == [
        point_key(trace.customdata[0])]
    assert point_key(trace.customdata[0]) in set(talks["event_key"])


def test_no_events_gives_a_figure_that_says_so():
    fig = story_figure(schema.empty_chronology())
    assert "No dated events" in fig.layout.annotations[0].text


@pytest.mark.parametrize(("start", "end", "grain", "shown"), [
    ("2016-02-03", "2016-02-03", "day", "3 Feb 2016"),
    ("2016-02-01", "2016-02-29", "month", "Feb 2016"),
    ("2016-02-03", "2016-02-05", "day", "3–5 Feb 2016"),
    ("2015-01-01", "2015-12-31", "year", "2015"),
])
def test_event_dates_are_written_as_a_reader_would(start, end, grain, shown):
    assert event_date_label(pd.Timestamp(start), pd.Timestamp(end), grain) == shown


def test_an_unknown_lane_is_an_error(talks):
    with pytest.raises(ValueError, match="lane must be one of"):
        story_figure(talks, lane="mood")


@pytest.mark.parametrize(("width", "height"), [(1200, 675), (800, 600), (1600, 900)])
def test_a_chart_of_a_given_size_keeps_its_labels_apart_and_over_the_marks(talks, width, height):
    fig = story_figure(talks, width=width, height=height)
    assert (fig.layout.width, fig.layout.height) == (width, height)
    margin = fig.layout.margin
    plot_h = height - margin.t - margin.b
    y_low, y_high = fig.layout.yaxis.range
    drawn = marks(fig)
    tops = [margin.t + (y_high - m["y"]) / (y_high - y_low) * plot_h - m["size"] / 2 for m in drawn.values()]
    label_bottoms = [margin.t + (y_high - a.y) / (y_high - y_low) * plot_h + a.ay
                     + text_size(a.text.split("<br>"), chart_style().story.label_font_size)[1] / 2
                     for a in fig.layout.annotations if (a.name or "").startswith("key:")]
    assert label_bottoms and max(label_bottoms) <= min(tops)
    assert all(m["size"] <= (plot_h / ((y_high - y_low))) for m in drawn.values())


def test_the_filters_keep_the_events_their_mentions_report(talks):
    from timeline.present.charts.story import chronology_for_mentions

    kept = chronology_for_mentions(talks, ["suspend-m1", "truce-m1", "not-a-mention"])
    assert list(kept["event_key"]) == ["suspend", "truce"]
    assert chronology_for_mentions(talks, []).empty


def test_dates_centuries_apart_draw_a_chart():
    fig = story_figure(chronology(
        event("old", "1680-03-01", headline="A treaty of old", salience=0.9),
        event("far", "2199-11-30", headline="A plan far ahead", status="planned", salience=0.8),
        event("long", "1700-01-01", end="2150-12-31", granularity="fuzzy", headline="Ages"),
    ))
    assert set(marks(fig)) == {"old", "far"}
    low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert low <= pd.Timestamp("1680-03-01") and high >= pd.Timestamp("2199-11-30")


def test_an_event_of_several_days_shows_the_days_it_covers_behind_its_mark():
    fig = story_figure(chronology(event("week", "2016-02-01", end="2016-02-07", granularity="week"),
                                  event("day", "2016-02-03")))
    (span,) = [t for t in fig.data if t.mode == "lines" and (t.name or "").endswith("days covered")]
    xs = [pd.Timestamp(x) for x in span.x if x is not None]
    assert xs == [pd.Timestamp("2016-02-01"), pd.Timestamp("2016-02-08")]
    assert marks(fig)["week"]["x"] == pd.Timestamp("2016-02-04 12:00")


def test_a_vaguer_report_of_the_same_days_is_no_change_of_plan():
    history = status_steps(("occurred", "2016-01-01", "2016-01-31", "a", "2016-02-10"),
                           ("occurred", "2016-01-29", "2016-01-29", "b", "2016-01-30"))
    fig = story_figure(chronology(event("open", "2016-01-29", status_history=history)))
    assert not [t for t in fig.data if t.mode == "lines" and t.line.dash == "dot"]


@pytest.mark.parametrize("preset", list(SIZE_PRESETS))
def test_a_story_framed_for_a_report_has_its_labels_placed_for_the_preset_size(preset):
    """The export draws the story again at the preset's size: its labels were laid out in
    pixels, so a story stretched to another size would move its marks under them."""
    _label, width, height = SIZE_PRESETS[preset]
    frame = exports.ReportFrame(title="Talks in February", caption="Key events, 2016",
                                credit="Source: invented", width=width, height=height)
    framed = exports.report_figure(story_figure(crowded_chronology(), key_events=20), frame)
    assert (framed.layout.width, framed.layout.height) == (width, height)
    boxes = label_boxes(framed)
    assert len(boxes) >= 3
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b), (a, b)
    margin = framed.layout.margin
    plot = Box(margin.l, margin.t, width - margin.r, height - margin.b)
    assert all(box.inside(plot) for box in boxes), (plot, boxes)
    assert max(b.y1 for b in boxes) <= top_of_marks(framed)


def test_a_story_framed_for_a_report_has_no_overview_strip_and_gives_its_room_to_the_plot():
    """Paper cannot pan: the exported story has no range slider, and the 70 px it took on
    screen go to the lanes, at the same size."""
    _label, width, height = SIZE_PRESETS["half-page"]
    frame = exports.ReportFrame(title="Talks", caption="Key events", credit="Source: invented",
                                width=width, height=height)
    story = story_figure(crowded_chronology(), key_events=20)
    on_screen = story.at_size(width, height - frame.caption_px)
    framed = exports.report_figure(story, frame)
    assert on_screen.layout.xaxis.rangeslider.visible is True
    assert framed.layout.xaxis.rangeslider.visible is False
    assert (framed.layout.width, framed.layout.height) == (width, height)
    plot_height = lambda f: f.layout.height - f.layout.margin.t - f.layout.margin.b  # noqa: E731
    assert plot_height(framed) >= plot_height(on_screen) + 60   # the strip's room (70 px) is the plot's
    assert set(marks(framed)) == set(marks(story))


def test_a_story_of_many_lanes_keeps_a_small_preset_size_by_folding_rows_and_lanes():
    many = chronology(*[
        event(f"a{i}", (pd.Timestamp("2016-02-01") + pd.Timedelta(days=i % 4)).date().isoformat(),
              actors=[f"Delegation {i % 40}"], salience=1 - i / 400)
        for i in range(300)])
    fig = story_figure(many, lane="actor", width=800, height=600)
    assert (fig.layout.width, fig.layout.height) == (800, 600)
    assert len(fig.layout.meta["lanes"]) <= chart_style().story.max_lanes


def test_a_story_redrawn_at_another_size_is_the_same_story():
    fig = story_figure(crowded_chronology(), key_events=5)
    again = fig.at_size(1600, 900)
    assert (again.layout.width, again.layout.height) == (1600, 900)
    # Wider, it has room for every label it had, and perhaps more.
    assert set(fig.layout.meta["labelled"]) <= set(again.layout.meta["labelled"])
    assert set(marks(again)) == set(marks(fig))


LABEL_RECT = re.compile(
    r'<g class="cursor-pointer" transform="translate\(([-\d.]+),([-\d.]+)\)"><rect class="bg" '
    r'x="[-\d.]+" y="[-\d.]+" width="([\d.]+)" height="([\d.]+)" style="[^"]*stroke: rgb\(187, 187, 187\)')


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (CI installs it)")
@pytest.mark.parametrize("preset", ["half-page", "square"])
def test_a_story_exported_as_svg_has_its_rendered_labels_apart_and_inside_the_plot(preset):
    """The boxes Chromium drew around the labels (sized by the real text, not our estimate)."""
    _label, width, height = SIZE_PRESETS[preset]
    frame = exports.ReportFrame(title="Talks", caption="Key events", credit="Source: invented",
                                width=width, height=height)
    framed = exports.report_figure(story_figure(crowded_chronology(), key_events=20), frame)
    svg = exports.figure_to_image(framed, "svg", width=width, height=height).decode("utf-8")
    boxes = [Box(float(x), float(y), float(x) + float(w), float(y) + float(h))
             for x, y, w, h in LABEL_RECT.findall(svg)]
    assert len(boxes) == len(framed.layout.meta["labelled"]) >= 3
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b), (a, b)
    margin = framed.layout.margin
    plot = Box(margin.l, margin.t, width - margin.r, height - margin.b)
    assert all(box.inside(plot) for box in boxes), (plot, boxes)


def test_the_overview_strip_draws_the_density_only_and_follows_the_view(talks):
    """The range slider draws every trace of its axis: the marks and lines are on a hidden
    twin axis matched to it, so the strip holds the density alone (drawn once, not twice)."""
    fig = story_figure(talks)
    on_main = [t.name for t in fig.data if t.xaxis in (None, "x")]
    assert on_main == ["events per period"]
    assert fig.layout.xaxis2.matches == "x" and fig.layout.xaxis2.overlaying == "x"
    assert fig.layout.xaxis2.visible is False


def test_the_figure_made_without_plotly_validation_is_the_validated_one(talks, monkeypatch):
    """The story makes its traces and layout without Plotly's property checks (a filter
    change's cost): every property must still be one Plotly accepts, with the value it would
    have sent, on every lane, with publications, a now line, plans and background spans."""
    import plotly.io as pio

    from timeline.present.charts import story

    history = status_steps(("planned", "2016-01-25", "2016-01-25", "a", "2016-01-10"),
                           ("occurred", "2016-01-29", "2016-01-29", "b", "2016-01-30"))
    table = pd.concat([talks, chronology(
        event("plan", "2016-01-29", status_history=history, salience=0.85),
        event("year", "2016-01-01", end="2016-12-31", granularity="year"))], ignore_index=True)
    documents = pd.DataFrame({schema.DOC_ID: ["d1", "doc-1"], schema.TITLE: ["One", "Two"],
                              schema.PUBLISHED: pd.to_datetime(["2016-02-01", "2016-03-01"])})
    for lane in ("event_type", "actor", "doc_id"):
        made = {}
        for checked in (False, True):
            monkeypatch.setattr(story, "VALIDATE", checked)
            made[checked] = json.loads(pio.to_json(story_figure(
                table, documents, lane=lane, show_publications=True,
                now=pd.Timestamp("2016-03-01"))))
        assert made[False] == made[True], lane
        assert len(made[False]["layout"]["annotations"]) >= 3  # labels, under test too


def test_a_history_reported_again_and_again_says_each_status_and_date_once_in_the_hover():
    """Wires that alternate between two days, or one report copied, are one change in the
    hover's history line, in the order first reported (the drill-down lists every report)."""
    reports = []
    for i in range(4):
        reports += [("occurred", "2016-01-29", "2016-01-29", f"a{i}", "2016-01-30"),
                    ("occurred", "2016-01-30", "2016-01-30", f"b{i}", "2016-01-31")]
    history = status_steps(("planned", "2016-01-25", "2016-01-25", "p", "2016-01-10"), *reports)
    fig = story_figure(chronology(event("open", "2016-01-29", status_history=history, salience=0.9)))
    line = [s for s in marks(fig)["open"]["hover"].split("<br>") if s.startswith("History")][0]
    assert line == "History: planned 25 Jan 2016 → occurred 29 Jan 2016 → occurred 30 Jan 2016"
