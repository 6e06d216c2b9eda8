"""The map as a reader sees it: country outlines drawn without any download, under the place
bubbles, clipped to the places; place labels that never overlap each other or a bubble; a
figure small enough to send; outlines read once per process."""
from __future__ import annotations

import itertools
import math
import random

import numpy as np
import plotly.graph_objects as go
import pytest

from timeline.errors import InputError, ResourceError
from timeline.present.charts import map_figure, outlines
from timeline.present.charts import places_map
from timeline.present.charts.labels import (
    POSITIONS, Box, Marker, label_box, place_labels, text_width,
)

# Real coordinates (lat, lon) of places a Syria chronology names: a crowded map.
MIDDLE_EAST = {
    "Damascus": (33.51, 36.29), "Beirut": (33.89, 35.50), "Amman": (31.95, 35.93),
    "Jerusalem": (31.77, 35.21), "Tel Aviv": (32.09, 34.78), "Gaza": (31.50, 34.47),
    "Ramallah": (31.90, 35.20), "Aleppo": (36.20, 37.13), "Homs": (34.73, 36.72),
    "Idlib": (35.93, 36.63), "Raqqa": (35.95, 39.01), "Deir ez-Zor": (35.33, 40.14),
    "Baghdad": (33.31, 44.36), "Mosul": (36.34, 43.13), "Erbil": (36.19, 44.01),
    "Ankara": (39.93, 32.86), "Istanbul": (41.01, 28.98), "Gaziantep": (37.07, 37.38),
    "Tehran": (35.69, 51.39), "Riyadh": (24.71, 46.68), "Cairo": (30.04, 31.24),
    "Nicosia": (35.19, 33.38), "Latakia": (35.52, 35.79), "Tartus": (34.89, 35.89),
    "Daraa": (32.62, 36.10), "Quneitra": (33.13, 35.82), "Haifa": (32.79, 34.99),
    "Sidon": (33.56, 35.37), "Tripoli (Lebanon)": (34.44, 35.85), "Kirkuk": (35.47, 44.39),
    "Astana": (51.17, 71.45), "Sochi": (43.60, 39.73), "Geneva": (46.20, 6.14),
}
WORLD = {
    "Washington": (38.90, -77.04), "Moscow": (55.76, 37.62), "Beijing": (39.90, 116.41),
    "Sydney": (-33.87, 151.21), "Santiago": (-33.45, -70.67), "Cape Town": (-33.92, 18.42),
    "Geneva": (46.20, 6.14), "Auckland": (-36.85, 174.76), "Anchorage": (61.22, -149.90),
    "Reykjavik": (64.15, -21.94), "Tokyo": (35.68, 139.69), "Lima": (-12.05, -77.04),
}


@pytest.fixture
def events_at(make_events):
    """events_at(places): events naming each place, the first places named most often."""
    def build(places):
        rows = []
        for rank, place in enumerate(places):
            for k in range(1 + (len(places) - rank) // 4):
                rows.append(dict(event_id=f"{rank}-{k}", date_start="2016-02-03", locations=[place]))
        return make_events(*rows)
    return build


def trace(fig: go.Figure, name: str):
    (found,) = [t for t in fig.data if t.name == name]
    return found


def drawn_labels(fig: go.Figure) -> tuple[list[Marker], list[Box]]:
    """Bubbles and label boxes in pixels, recomputed from the figure as plotly.js lays it out
    (fixed size and margins, exact axis ranges, domain shrunk around its centre)."""
    layout = fig.layout
    plot_w = layout.width - layout.margin.l - layout.margin.r
    plot_h = layout.height - layout.margin.t - layout.margin.b
    (x0, x1), (y0, y1) = layout.xaxis.range, layout.yaxis.range
    ratio = layout.yaxis.scaleratio
    scale = min(plot_w / (x1 - x0), plot_h / ((y1 - y0) * ratio))
    left = (plot_w - (x1 - x0) * scale) / 2
    bottom = (plot_h - (y1 - y0) * ratio * scale) / 2
    places = trace(fig, "places")
    markers, boxes = [], []
    font = places.textfont.size
    for lon, lat, size, text, position in zip(places.x, places.y, places.marker.size,
                                              places.text, places.textposition):
        marker = Marker(left + (lon - x0) * scale, bottom + (lat - y0) * ratio * scale, size / 2)
        markers.append(marker)
        if text:
            boxes.append(label_box(marker, text_width(text, font), font, position))
    return markers, boxes


def assert_apart(markers: list[Marker], boxes: list[Box]) -> None:
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b), f"labels overlap: {a} {b}"
    for box in boxes:
        assert not any(m.touches(box) for m in markers), f"a label covers a bubble: {box}"


# --- the figure -----------------------------------------------------------------------------

def test_map_draws_country_outlines_under_the_places_and_no_geo_or_mapbox_trace(events_at):
    fig = map_figure(events_at(list(MIDDLE_EAST)), MIDDLE_EAST)
    names = [t.name for t in fig.data]
    assert names.index("country outlines") < names.index("places")  # drawn underneath
    land = trace(fig, "country outlines")
    assert land.mode == "lines" and land.fill == "toself" and None in land.x
    assert len([x for x in land.x if x is not None]) > 200
    assert {t.type for t in fig.data} == {"scatter"}
    layout = fig.to_plotly_json()["layout"]
    assert not {"geo", "mapbox", "map"} & set(layout)


def test_nothing_in_the_map_figure_references_a_url(events_at):
    text = map_figure(events_at(list(MIDDLE_EAST)), MIDDLE_EAST).to_json()
    for marker in ("http:", "https:", "//", "topojson", "cdn", "mapbox"):
        assert marker not in text.lower()


def test_outlines_are_clipped_to_the_places_extent(events_at):
    fig = map_figure(events_at(["Damascus", "Beirut", "Amman"]), MIDDLE_EAST)
    land = trace(fig, "country outlines")
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    xs = np.array([x for x in land.x if x is not None])
    ys = np.array([y for y in land.y if y is not None])
    slack = 0.5  # the clip box is a little larger than the view, so cut edges stay unseen
    assert xs.min() >= x0 - slack and xs.max() <= x1 + slack
    assert ys.min() >= y0 - slack and ys.max() <= y1 + slack
    assert x1 - x0 < 40  # a regional view, not the world


def test_a_world_view_stays_well_under_a_megabyte(events_at):
    fig = map_figure(events_at(list(WORLD)), WORLD)
    size = len(fig.to_json())
    assert size < 300_000, f"world map is {size} bytes of JSON"
    land = trace(fig, "country outlines")
    assert max(x for x in land.x if x is not None) > 170  # the whole width of the world


def test_the_view_keeps_the_equirectangular_aspect_at_the_places_latitude(events_at):
    fig = map_figure(events_at(list(MIDDLE_EAST)[:12]), MIDDLE_EAST)
    mean_lat = np.mean([MIDDLE_EAST[p][0] for p in list(MIDDLE_EAST)[:12]])
    assert fig.layout.yaxis.scaleratio == pytest.approx(1 / math.cos(math.radians(mean_lat)))
    assert fig.layout.yaxis.scaleanchor == "x"
    layout = fig.layout
    (x0, x1), (y0, y1) = layout.xaxis.range, layout.yaxis.range
    plot_w = layout.width - layout.margin.l - layout.margin.r
    plot_h = layout.height - layout.margin.t - layout.margin.b
    # the view fills the frame: padded extent widened to the frame's shape, not stretched
    assert (x1 - x0) / ((y1 - y0) * layout.yaxis.scaleratio) == pytest.approx(plot_w / plot_h)


def test_every_place_stays_in_the_view(events_at):
    for places in (MIDDLE_EAST, WORLD):
        fig = map_figure(events_at(list(places)), places)
        (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
        bubbles = trace(fig, "places")
        assert all(x0 < x < x1 for x in bubbles.x) and all(y0 < y < y1 for y in bubbles.y)


def test_crowded_middle_east_labels_overlap_neither_each_other_nor_the_bubbles(events_at):
    fig = map_figure(events_at(list(MIDDLE_EAST)), MIDDLE_EAST)
    markers, boxes = drawn_labels(fig)
    assert_apart(markers, boxes)
    places = trace(fig, "places")
    labelled = [p for p, t in zip(places.customdata, places.text) if t]
    assert "Damascus" in labelled  # the most reported place is labelled first
    assert 10 <= len(labelled) < len(MIDDLE_EAST)  # crowded: some labels give way


def test_a_place_whose_label_gives_way_keeps_its_bubble_and_hover(events_at):
    fig = map_figure(events_at(list(MIDDLE_EAST)), MIDDLE_EAST)
    places = trace(fig, "places")
    unlabelled = fig.layout.meta["unlabelled"]
    assert unlabelled
    for place in unlabelled:
        i = list(places.customdata).index(place)
        assert places.text[i] == ""
        assert places.hovertext[i].startswith(f"<b>{place}</b>")


def test_labels_of_the_world_view_are_all_shown_when_there_is_room(events_at):
    fig = map_figure(events_at(list(WORLD)), WORLD)
    assert fig.layout.meta["unlabelled"] == []
    assert_apart(*drawn_labels(fig))


def test_a_long_place_name_is_shortened_on_the_map_but_whole_in_the_hover(make_events):
    name = "The Palais des Nations conference hall of the United Nations Office at Geneva"
    fig = map_figure(make_events(dict(locations=[name])), {name: (46.23, 6.14)})
    places = trace(fig, "places")
    assert len(places.text[0]) <= places_map.LABEL_MAX_CHARS + 1 and places.text[0].endswith("…")
    assert name in places.hovertext[0]


# --- the outlines data ----------------------------------------------------------------------

def test_outlines_are_read_once_per_process(events_at, monkeypatch):
    calls = []
    real = outlines._country_features

    def counting():
        calls.append(1)
        return real()

    outlines.world_outlines.cache_clear()
    monkeypatch.setattr(outlines, "_country_features", counting)
    try:
        map_figure(events_at(["Damascus"]), MIDDLE_EAST)
        map_figure(events_at(list(WORLD)), WORLD)
        assert len(calls) == 1
    finally:
        outlines.world_outlines.cache_clear()


def test_the_shipped_outlines_cover_the_world():
    world = outlines.world_outlines()
    assert world.countries > 150 and world.points > 5_000
    assert world.boxes[:, 0].min() == pytest.approx(-180, abs=1)
    assert world.boxes[:, 2].max() == pytest.approx(180, abs=1)
    with pytest.raises(ValueError):  # shared between figures: nobody may edit them
        world.rings[0][0, 0] = 0.0


def square(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def big_world(ring=None):
    """Valid features enough to pass the size check, plus an optional extra ring."""
    grid = [{"id": f"c{i}", "geometry": {"type": "Polygon", "coordinates": [
        [[i % 170, j / 10] for j in range(120)] + [[i % 170, 0]]]}} for i in range(10)]
    if ring is not None:
        grid.append({"id": "BAD", "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return grid


@pytest.mark.parametrize("ring, message", [
    ([[0, 0], [1, 1]], "at least 3"),
    ([[0, 0], [1, 1], [200, 1]], "outside longitude/latitude"),
    ([[0, 0], [1, "x"], [2, 2]], "not a list of"),
])
def test_malformed_outlines_are_refused_with_the_feature_named(ring, message):
    with pytest.raises(ResourceError, match=f"BAD.*{message}"):
        outlines.outlines_from_features(big_world(ring), "test outlines")


def test_outlines_that_are_not_a_world_are_refused():
    with pytest.raises(ResourceError, match="not a world map"):
        outlines.outlines_from_features([{"id": "X", "geometry": {
            "type": "Polygon", "coordinates": [square(0, 0, 1, 1)]}}], "test outlines")


def test_without_outlines_the_map_still_shows_the_places_and_says_why(events_at, monkeypatch):
    def broken():
        raise ResourceError("country outlines: the countryinfo package is missing")

    monkeypatch.setattr(outlines, "world_outlines", broken)
    fig = map_figure(events_at(["Damascus", "Beirut"]), MIDDLE_EAST)
    assert [t.name for t in fig.data if t.name != "graticule"] == ["places"]
    assert "missing" in fig.layout.meta["outlines_error"]
    assert "unavailable" in fig.layout.annotations[0].text


def test_a_ring_is_clipped_to_the_box_and_stays_closed():
    clipped = outlines.clip_ring(np.array(square(-10, -10, 10, 10), dtype=float), (0, 0, 20, 20))
    assert np.array_equal(clipped[0], clipped[-1])
    assert {tuple(p) for p in clipped} == {(0, 0), (10, 0), (10, 10), (0, 10)}


def test_a_ring_outside_the_box_disappears_and_one_inside_is_kept_whole():
    ring = np.array(square(50, 50, 60, 60), dtype=float)
    assert len(outlines.clip_ring(ring, (0, 0, 20, 20))) == 0
    assert outlines.clip_ring(ring, (0, 0, 100, 100)) is ring


def test_outline_points_closer_than_the_tolerance_merge():
    ring = np.array([[x / 100, 0.0] for x in range(0, 1001)] + [[10, 5], [0, 5], [0, 0]])
    thinned = outlines._simplify(ring, 0.5)
    assert len(thinned) < 30 and np.array_equal(thinned[0], thinned[-1])
    assert thinned[:, 0].max() == 10  # the corners survive


# --- label placement (pure) -----------------------------------------------------------------

def random_markers(seed: int, count: int, spread: float) -> list[Marker]:
    rng = random.Random(seed)
    return [Marker(rng.uniform(0, spread), rng.uniform(0, spread * 0.6), rng.uniform(4, 15))
            for _ in range(count)]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("count, spread", [(30, 300), (80, 900), (200, 500)])
def test_placed_labels_never_intersect_each_other_or_any_marker(seed, count, spread):
    markers = random_markers(seed, count, spread)
    texts = [f"Place {i} {'x' * (i % 9)}" for i in range(count)]
    frame = Box(0, 0, spread, spread * 0.6)
    placements = place_labels(markers, texts, 11, frame=frame)
    boxes = [p.box for p in placements if p is not None]
    assert boxes, "at least the first label finds room"
    assert_apart(markers, boxes)
    assert all(box.inside(frame) for box in boxes)


@pytest.mark.parametrize("seed", range(4))
def test_labels_placed_for_a_narrower_drawing_stay_apart_at_both_sizes(seed):
    frame = Box(0, 0, 880, 486)
    markers = random_markers(seed, 120, 880)
    texts = [f"Town {i}" for i in range(len(markers))]
    placements = place_labels(markers, texts, 11, frame=frame, scales=(1.0, 0.6))
    assert any(placements)
    for scale in (1.0, 0.6):
        drawn = [Marker(m.x * scale, m.y * scale, m.r) for m in markers]
        boxes = [label_box(m, text_width(t, 11), 11, p.position)
                 for m, t, p in zip(drawn, texts, placements) if p is not None]
        assert_apart(drawn, boxes)
        assert all(box.inside(Box(0, 0, 880 * scale, 486 * scale)) for box in boxes)


def test_planning_for_a_narrower_drawing_costs_labels_not_overlaps():
    markers = random_markers(7, 120, 880)
    texts = [f"Town {i}" for i in range(len(markers))]
    frame = Box(0, 0, 880, 486)
    one = place_labels(markers, texts, 11, frame=frame)
    both = place_labels(markers, texts, 11, frame=frame, scales=(1.0, 0.6))
    assert sum(p is not None for p in both) < sum(p is not None for p in one)


def test_the_most_important_label_takes_its_preferred_position():
    markers = [Marker(100, 100, 10), Marker(100, 100, 10)]  # the same spot twice
    first, second = place_labels(markers, ["Geneva", "Geneva II"], 11)
    assert first.position == POSITIONS[0]
    assert second is None or second.position != first.position


def test_a_label_with_no_room_in_the_frame_is_dropped():
    (placement,) = place_labels([Marker(10, 10, 5)], ["A very long place name indeed"], 11,
                                frame=Box(0, 0, 40, 40))
    assert placement is None


def test_an_empty_label_is_not_placed_and_takes_no_room():
    markers = [Marker(100, 100, 5), Marker(100, 100, 5)]
    empty, named = place_labels(markers, ["", "Doha"], 11)
    assert empty is None and named.position == POSITIONS[0]


@pytest.mark.parametrize("position, side", [
    ("top center", "above"), ("bottom center", "below"),
    ("middle right", "right"), ("middle left", "left"),
])
def test_a_label_box_sits_on_its_side_of_the_marker_without_touching_it(position, side):
    marker = Marker(200, 200, 12)
    box = label_box(marker, 50, 11, position)
    assert not marker.touches(box)
    assert {"above": box.y0 > marker.y, "below": box.y1 < marker.y,
            "right": box.x0 > marker.x, "left": box.x1 < marker.x}[side]


def test_wider_text_gets_a_wider_box():
    assert text_width("Deir ez-Zor", 11) > text_width("Homs", 11) > 0
    assert text_width("WWW", 11) > text_width("iii", 11)
    assert text_width("北京", 11) > text_width("ab", 11)


def test_only_the_most_reported_places_compete_for_a_label(events_at, monkeypatch):
    monkeypatch.setattr(places_map, "MAX_LABELLED", 2)
    fig = map_figure(events_at(list(WORLD)), WORLD)
    places = trace(fig, "places")
    assert [p for p, t in zip(places.customdata, places.text) if t] == list(places.customdata[:2])
    assert len(fig.layout.meta["unlabelled"]) == len(WORLD) - 2


@pytest.mark.parametrize("width, height", [(100, 560), (900, 50), (10**6, 560)])
def test_a_map_too_small_or_too_large_is_refused_with_a_message(events_at, width, height):
    with pytest.raises(InputError, match="a map needs"):
        map_figure(events_at(["Damascus"]), MIDDLE_EAST, width=width, height=height)


def test_a_larger_map_labels_more_places_and_keeps_them_apart(events_at):
    events = events_at(list(MIDDLE_EAST))
    large = map_figure(events, MIDDLE_EAST, width=1600, height=900)
    assert (large.layout.width, large.layout.height) == (1600, 900)
    markers, boxes = drawn_labels(large)
    assert_apart(markers, boxes)
    assert len(boxes) > len(drawn_labels(map_figure(events, MIDDLE_EAST))[1])
