"""The figures as a reader sees them: where each event is drawn, how planned events look, what
the hover says (escaped), what a selection maps back to, and what happens with many events."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from timeline.present.charts import (
    activity_figure,
    event_ids_from_selection,
    event_type_color,
    map_figure,
    timeline_figure,
)
from timeline.present.charts import style as style_mod
from timeline.datafiles import load_yaml
from timeline.errors import ResourceError

DAY_MS = 86_400_000


def marks(fig: go.Figure) -> list[dict]:
    """One dict per drawn mark: event id, y, kind, trace name, hover, and the trace itself."""
    out = []
    for trace in fig.data:
        if trace.type not in ("bar", "scattergl") or trace.customdata is None:
            continue
        for i, event_id in enumerate(trace.customdata):
            out.append({"id": event_id, "y": float(trace.y[i]), "kind": trace.type,
                        "name": trace.name, "hover": trace.hovertext[i], "trace": trace, "i": i})
    return out


def marks_of(fig: go.Figure, event_id: str) -> list[dict]:
    return [m for m in marks(fig) if m["id"] == event_id]


def test_every_mark_carries_its_event_id_and_every_event_is_drawn(sample_events, sample_documents):
    fig = timeline_figure(sample_events, sample_documents)
    assert {m["id"] for m in marks(fig)} == set(sample_events["event_id"])


def test_day_events_are_markers_and_other_granularities_are_bars_over_their_interval(sample_events):
    fig = timeline_figure(sample_events)
    (day,) = {m["kind"] for m in marks_of(fig, "a-meet")}
    assert day == "scattergl"
    month = marks_of(fig, "a-month")[0]
    assert month["kind"] == "bar"
    base = pd.Timestamp(month["trace"].base[month["i"]])
    width_days = month["trace"].x[month["i"]] / DAY_MS
    # "in April": from 1 April to the end of 30 April (inclusive end drawn to the next midnight).
    assert (base, width_days) == (pd.Timestamp("2023-04-01"), 30)
    week = marks_of(fig, "a-week")[0]
    assert week["trace"].x[week["i"]] / DAY_MS == 7
    assert marks_of(fig, "b-fuzzy")[0]["kind"] == "bar"


def test_a_day_marker_sits_in_the_middle_of_its_day(sample_events):
    fig = timeline_figure(sample_events)
    mark = marks_of(fig, "b-lavrov")[0]
    assert pd.Timestamp(mark["trace"].x[mark["i"]]) == pd.Timestamp("2023-05-08 12:00")


def test_planned_events_look_different_and_the_legend_says_so(sample_events):
    fig = timeline_figure(sample_events)
    planned_marker = marks_of(fig, "a-plan")[0]["trace"]
    happened_marker = marks_of(fig, "a-meet")[0]["trace"]
    assert planned_marker.marker.symbol.endswith("-open")
    assert not happened_marker.marker.symbol.endswith("-open")
    planned_bar = marks_of(fig, "b-plan-month")[0]["trace"]
    happened_bar = marks_of(fig, "a-month")[0]["trace"]
    assert planned_bar.marker.pattern.shape and not happened_bar.marker.pattern.shape
    assert _alpha(planned_bar.marker.color) < _alpha(happened_bar.marker.color)
    legend = [t.name for t in fig.data if t.showlegend]
    assert "Ceasefire · planned" in legend and "Meeting · happened" in legend
    assert "Meeting · planned" in legend
    assert len(legend) == len(set(legend))  # one entry per type and status


def test_colours_follow_the_event_type(sample_events):
    fig = timeline_figure(sample_events)
    for mark in marks(fig):
        trace = mark["trace"]
        colour = trace.marker.line.color
        event_type = sample_events.set_index("event_id").loc[mark["id"], "event_type"]
        assert colour == event_type_color(event_type)


def test_an_event_with_several_actors_is_in_each_actor_lane(sample_events):
    fig = timeline_figure(sample_events, lane="actor")
    lanes = _lane_of_marks(fig, "a-meet")
    assert lanes == {"Saudi Arabia", "United States", "Sudan"}
    assert _lane_of_marks(fig, "b-lavrov") == {"Sergei Lavrov", "Russia"}


def test_without_split_an_event_is_in_the_lane_of_its_best_known_actor_only(sample_events):
    fig = timeline_figure(sample_events, lane="actor", split=False)
    counts = sample_events.explode("actors")["actors"].value_counts()
    for event_id, actors in zip(sample_events["event_id"], sample_events["actors"]):
        lanes = _lane_of_marks(fig, event_id)
        assert len(lanes) == 1
        if actors:  # the actor the most events name, then by name
            assert lanes == {min(actors, key=lambda a: (-counts[a], a))}


@pytest.mark.parametrize(("lane", "expected"), [("event_type", {"Meeting"}), ("doc_id", {"doc-a"})])
def test_other_lane_choices_put_each_event_in_one_lane(sample_events, lane, expected):
    fig = timeline_figure(sample_events, lane=lane)
    assert _lane_of_marks(fig, "a-meet") == expected
    assert len(marks(fig)) == len(sample_events)


def test_article_lanes_are_named_by_title_when_documents_are_given(sample_events, sample_documents):
    fig = timeline_figure(sample_events, sample_documents, lane="doc_id")
    assert list(fig.layout.yaxis.ticktext) == ["Sudan's factions meet in Jeddah", "Moscow backs Sudan talks"]


def test_unknown_lane_is_refused(sample_events):
    with pytest.raises(ValueError, match="lane must be one of"):
        timeline_figure(sample_events, lane="colour")


def test_overlapping_events_in_one_lane_get_different_rows(make_events):
    events = make_events(
        dict(event_id="one", date_start="2020-03-02", actors=["Chad"]),
        dict(event_id="two", date_start="2020-03-02", actors=["Chad"]),
        dict(event_id="long", date_start="2020-03-01", date_end="2020-03-31", granularity="month",
             actors=["Chad"]),
        dict(event_id="later", date_start="2021-06-01", actors=["Chad"]),
    )
    fig = timeline_figure(events)
    y = {m["id"]: m["y"] for m in marks(fig)}
    assert len({y["one"], y["two"], y["long"]}) == 3
    # Far from the others, an event goes back to the lane's first row: lanes stay compact.
    assert y["later"] == min(y.values())


def test_events_in_different_lanes_never_share_a_row(sample_events):
    fig = timeline_figure(sample_events)
    rows_per_lane: dict[str, set[float]] = {}
    for mark in marks(fig):
        lane = _lane_name(fig, mark["y"])
        rows_per_lane.setdefault(lane, set()).add(mark["y"])
    all_rows = [y for rows in rows_per_lane.values() for y in rows]
    assert len(all_rows) == len(set(all_rows))


def test_hover_gives_dates_type_actors_and_the_sentence(sample_events, sample_documents):
    fig = timeline_figure(sample_events, sample_documents)
    hover = marks_of(fig, "a-week")[0]["hover"]
    for part in ("this week", "2023-05-01 – 2023-05-07 (week)", "Statement", "happened",
                 "Antony Blinken, United States", "urged both sides", "Sudan's factions meet in Jeddah"):
        assert part in hover
    assert "planned" in marks_of(fig, "b-plan-month")[0]["hover"]


def test_article_text_is_escaped_everywhere_in_the_figure(hostile_events):
    fig = timeline_figure(hostile_events, label_key_events=True)
    shown = [m["hover"] for m in marks(fig)]
    shown += [t.name for t in fig.data] + list(fig.layout.yaxis.ticktext)
    shown += [a.text for a in fig.layout.annotations]
    text = "\n".join(shown)
    assert "<script" not in text and "<img" not in text and "<b>type" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(3)&gt;" in text
    assert "&amp;" in text


def test_key_events_are_labelled_most_confident_first(sample_events):
    fig = timeline_figure(sample_events, label_key_events=2)
    texts = [a.text for a in fig.layout.annotations]
    assert len(texts) == 2
    assert texts[0].startswith("Meeting — Saudi Arabia") and texts[1].startswith("Statement — Sergei Lavrov")
    chosen = timeline_figure(sample_events, key_event_ids=["b-fuzzy"])
    assert [a.text for a in chosen.layout.annotations] == ["Military — Russia"]
    assert not timeline_figure(sample_events).layout.annotations


def test_no_events_gives_a_figure_that_says_so(make_events):
    fig = timeline_figure(make_events())
    assert not fig.data
    assert "No dated events" in fig.layout.annotations[0].text


def test_undated_events_are_left_out_and_counted(make_events):
    events = make_events(dict(event_id="dated"), dict(event_id="undated", date_start=None, date_end=None))
    fig = timeline_figure(events)
    assert {m["id"] for m in marks(fig)} == {"dated"}
    assert "1 undated not shown" in fig.layout.title.text


def test_traces_are_grouped_not_one_per_event(synthetic_events):
    events = synthetic_events(1500)
    fig = timeline_figure(events, max_points=10_000)
    assert not fig.layout.meta["aggregated"]
    n_types = events["event_type"].nunique()
    assert len(fig.data) <= n_types * 2 * 2  # type x status x (marker, bar)
    assert sum(len(t.customdata) for t in fig.data) == fig.layout.meta["marks"]
    assert {t.type for t in fig.data} == {"scattergl", "bar"}  # markers in WebGL


def test_many_events_are_aggregated_into_counts_and_the_title_says_so(synthetic_events):
    events = synthetic_events(800)
    fig = timeline_figure(events, max_points=500)
    assert fig.layout.meta["aggregated"] is True
    assert [t.type for t in fig.data] == ["heatmap"]
    assert "too many to draw one by one" in fig.layout.title.text
    counts = np.nan_to_num(np.asarray(fig.data[0].z, dtype=float)).sum()
    assert counts == fig.layout.meta["marks"]


def test_many_lanes_are_merged_into_others(make_events):
    events = make_events(*[dict(actors=[f"Actor {i}"]) for i in range(12)])
    fig = timeline_figure(events, max_lanes=5)
    assert len(fig.layout.yaxis.ticktext) == 5
    assert fig.layout.yaxis.ticktext[-1] == "Others"


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ({"selection": {"points": [{"customdata": "a"}, {"customdata": "b"}, {"customdata": "a"}]}}, ["a", "b"]),
        ({"points": [{"customdata": ["c", "extra"]}]}, ["c"]),
        ([{"customdata": "d"}, {"x": 1}], ["d"]),
        ({"selection": {"points": []}}, []),
        (None, []),
        ("nonsense", []),
    ],
)
def test_a_selection_maps_back_to_event_ids(selection, expected):
    assert event_ids_from_selection(selection) == expected


def test_activity_counts_each_actors_events_per_period(sample_events):
    fig = activity_figure(sample_events, by="actor", freq="M")
    heat = fig.data[0]
    z = np.nan_to_num(np.asarray(heat.z, dtype=float))
    per_actor = dict(zip(heat.y, z.sum(axis=1)))
    # Russia's three events: "in recent weeks" (20 April - 8 May) counts in April and in May
    assert per_actor["Sudan"] == 4 and per_actor["Russia"] == 4
    assert [pd.Timestamp(x).strftime("%Y-%m") for x in heat.x] == ["2023-04", "2023-05", "2023-06"]


@pytest.mark.parametrize("freq", ["ME", "MS", "m"])
def test_activity_accepts_pandas_month_codes(sample_events, freq):
    assert len(activity_figure(sample_events, freq=freq).data[0].x) == 3


def test_activity_refuses_an_unknown_period(sample_events):
    with pytest.raises(ValueError, match="freq must be one of"):
        activity_figure(sample_events, freq="fortnight")


def test_activity_groups_the_least_active_actors(make_events):
    events = make_events(*[dict(actors=[f"Actor {i}"]) for i in range(8)])
    heat = activity_figure(events, top=3).data[0]
    assert list(heat.y)[-1] == "Others" and len(heat.y) == 4


COORDINATES = {"Jeddah": (21.5, 39.2), "Khartoum": (15.6, 32.5), "Geneva": (46.2, 6.1)}


def test_map_places_each_located_place_once_with_its_event_count(sample_events):
    fig = map_figure(sample_events, COORDINATES)
    (places,) = [t for t in fig.data if t.name == "places"]
    located = dict(zip(places.customdata, zip(places.y, places.x)))
    assert located == {name: pytest.approx(c) for name, c in COORDINATES.items()}
    assert "1 without coordinates" in fig.layout.title.text  # Moscow has none here
    assert fig.layout.meta["without_coordinates"] == ["Moscow"]


def test_map_needs_no_internet(sample_events):
    fig = map_figure(sample_events, COORDINATES)
    # Geo and tile-map traces fetch topojson or tiles from a CDN; the map uses plain axes.
    assert {t.type for t in fig.data} <= {"scatter"}
    assert "geo" not in fig.to_plotly_json()["layout"]


def test_map_accepts_a_lookup_function_and_escapes_place_names(hostile_events):
    fig = map_figure(hostile_events, lambda place: (10.0, 20.0))
    (places,) = [t for t in fig.data if t.name == "places"]
    assert places.text == ("&lt;script&gt;x&lt;/script&gt;",)
    assert "<script" not in places.hovertext[0]


def test_map_without_any_located_place_says_so(sample_events):
    fig = map_figure(sample_events, {})
    assert "No event names a place" in fig.layout.annotations[0].text


def test_listed_event_types_have_distinct_colours():
    colours = style_mod.chart_style().event_type_colors
    assert len(set(colours.values())) == len(colours)


def test_every_event_type_of_the_vocabulary_has_its_own_colour():
    types = [entry["name"] for entry in load_yaml("event_types.yaml")["types"]]
    missing = [t for t in types if t not in style_mod.chart_style().event_type_colors]
    assert missing == [], f"add a colour for {missing} to resources/chart_style.yaml"


def test_an_unlisted_event_type_always_gets_the_same_colour():
    assert event_type_color("referendum") == event_type_color("referendum")
    assert event_type_color("referendum") in style_mod.chart_style().palette
    assert event_type_color(None) == style_mod.chart_style().unknown_color


def assert_style_refused(monkeypatch, data: dict, message: str) -> None:
    """chart_style.yaml read as `data` is refused with an error naming the file and `message`."""
    monkeypatch.setattr(style_mod, "load_yaml", lambda name: data)
    style_mod.chart_style.cache_clear()
    try:
        with pytest.raises(ResourceError, match=rf"chart_style\.yaml: .*{message}"):
            style_mod.chart_style()
    finally:
        style_mod.chart_style.cache_clear()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"palette": ["#000000"], "unknown_color": "grey", "status": {}}, "unknown_color"),
        ({"palette": [], "unknown_color": "#000000"}, "palette"),
        ({"palette": ["#000000"], "unknown_color": "#000000", "event_type_colors": {"x": "red"}},
         "event_type_colors.x"),
        ({"palette": ["#000000"], "unknown_color": "#000000", "status": {"occurred": {"label": "a"}}},
         "status.occurred"),
    ],
)
def test_a_broken_style_file_is_reported_with_file_and_entry(monkeypatch, data, message):
    assert_style_refused(monkeypatch, data, message)


def _alpha(rgba: str) -> float:
    return float(rgba.rsplit(",", 1)[1].rstrip(")"))


def _lane_name(fig: go.Figure, y: float) -> str:
    (name,) = [label for label, top, low in fig.layout.meta["lanes"] if top <= y <= low]
    return name


def _lane_of_marks(fig: go.Figure, event_id: str) -> set[str]:
    return {_lane_name(fig, m["y"]) for m in marks_of(fig, event_id)}


def test_an_inverted_interval_is_drawn_as_a_day_at_its_start(make_events):
    events = make_events(dict(event_id="odd", date_start="2020-05-10", date_end="2020-05-01",
                              granularity="week"))
    mark = marks_of(timeline_figure(events), "odd")[0]
    assert mark["trace"].x[mark["i"]] == DAY_MS
    assert pd.Timestamp(mark["trace"].base[mark["i"]]) == pd.Timestamp("2020-05-10")


def test_an_aggregated_cell_is_never_mistaken_for_an_event(synthetic_events):
    fig = timeline_figure(synthetic_events(300), max_points=50)
    assert fig.data[0].customdata is None
    assert event_ids_from_selection({"points": [{"z": 3, "text": "week of 2014-01-06"}]}) == []
    # The hover names the period: some four years of events are counted per month.
    assert fig.layout.meta["freq"] == "M"
    assert fig.data[0].text[0][0] == "January 2014"


# The chronology's lanes and the story view's style (present/charts/lanes.py, style.py) ------

def _story_style_with(**changes: object) -> dict:
    data = load_yaml(style_mod.STYLE_FILE)
    return {**data, "story": {**data["story"], **changes}}


@pytest.mark.parametrize(("changes", "message"), [
    ({"key_events": 0}, "story.key_events"),
    ({"width": "wide"}, "story.width"),
    ({"marker_min": 30, "marker_max": 10}, "story.marker_max"),
    ({"background_granularities": "year"}, "story.background_granularities"),
])
def test_a_broken_story_style_is_reported_with_its_entry(monkeypatch, changes, message):
    data = _story_style_with(**changes)
    assert_style_refused(monkeypatch, data, message)


def test_every_status_of_the_chronology_has_its_own_look():
    from timeline import schema

    symbols = {style_mod.chart_style().status_style(s).marker_symbol for s in schema.CHRONOLOGY_STATUSES}
    assert len(symbols) == len(schema.CHRONOLOGY_STATUSES)


def test_chronology_lanes_by_article_put_an_event_in_its_first_article_unless_split():
    from timeline import schema
    from timeline.present.charts.lanes import LANE_KEY, ROW, chronology_lane_rows

    chronology = pd.DataFrame({
        schema.ACTORS: [["Norway"], []], schema.EVENT_TYPE: ["meeting", "talks"],
        schema.DOC_IDS: [["b", "a"], ["a"]]})
    once, order, _ = chronology_lane_rows(chronology, "doc_id")
    assert dict(zip(once[ROW], once[LANE_KEY])) == {0: "b", 1: "a"}
    split, _, _ = chronology_lane_rows(chronology, "doc_id", split=True)
    assert sorted(split.loc[split[ROW] == 0, LANE_KEY]) == ["a", "b"]
    by_actor, order, _ = chronology_lane_rows(chronology, "actor")
    assert order == ["Norway", "(no actor named)"]


# Activity over any span of dates, counted in every period an event covers (issue 7 item 15) ---

def test_activity_over_five_centuries_of_dates_draws_a_strip(make_events):
    events = make_events(dict(date_start="1680-03-01", actors=["Venice"]),
                         dict(date_start="2199-11-30", actors=["Venice"]))
    heat = activity_figure(events, freq="M").data[0]
    assert np.nansum(np.asarray(heat.z, dtype=float)) == 2
    assert pd.Timestamp(heat.x[0]).year == 1680 and pd.Timestamp(heat.x[-1]).year == 2199


def test_the_period_chosen_for_a_long_span_is_a_coarse_one():
    from timeline.present.charts.activity import auto_freq

    # nanosecond timestamps, as the events table holds them, 520 years apart
    assert auto_freq(pd.Timestamp("1680-01-01").as_unit("ns"), pd.Timestamp("2199-12-31").as_unit("ns")) == "Y"
    assert auto_freq(pd.Timestamp("2020-01-01"), pd.Timestamp("2020-02-01")) == "D"


def test_a_period_too_fine_for_the_span_gives_way_to_a_coarser_one_named_in_the_title(make_events):
    events = make_events(dict(date_start="1700-01-01", actors=["Venice"]),
                         dict(date_start="2200-01-01", actors=["Venice"]))
    fig = activity_figure(events, freq="W")
    assert len(fig.data[0].x) <= 2_000
    assert "per year" in fig.layout.title.text and "too long for one column per week" in fig.layout.title.text


@pytest.mark.parametrize(("freq", "columns"), [("W", 14), ("M", 3), ("Q", 1)])
def test_an_event_counts_in_every_period_it_covers(make_events, freq, columns):
    events = make_events(dict(date_start="2023-04-01", date_end="2023-06-30", granularity="month",
                              actors=["Sudan"]))
    heat = activity_figure(events, freq=freq).data[0]
    counts = np.asarray(heat.z, dtype=float)[0]
    assert len(counts) == columns and (counts == 1).all()


@pytest.mark.parametrize(
    ("freq", "ticks"),
    [
        ("M", ["April 2023", "May 2023", "June 2023", "July 2023"]),
        ("Q", ["Q2 2023", "Q3 2023"]),
        ("Y", ["2023"]),
    ],
)
def test_activity_tick_labels_name_the_chosen_periods(make_events, freq, ticks):
    events = make_events(dict(date_start="2023-04-03", actors=["Sudan"]),
                         dict(date_start="2023-06-30", date_end="2023-07-02", actors=["Sudan"]))
    fig = activity_figure(events, freq=freq)
    assert list(fig.layout.xaxis.ticktext) == ticks
    assert len(fig.layout.xaxis.tickvals) == len(ticks)


def test_week_ticks_name_weeks(make_events):
    events = make_events(dict(date_start="2023-05-01", date_end="2023-05-14", actors=["Sudan"]))
    fig = activity_figure(events, freq="W")
    assert list(fig.layout.xaxis.ticktext) == ["week of 2023-05-01", "week of 2023-05-08"]
