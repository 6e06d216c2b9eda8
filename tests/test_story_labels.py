"""The layout of the key events' labels: boxes that never overlap, stay in bounds, sit as near
their marks as the others allow, and come out the same every time."""
from __future__ import annotations

import itertools
import random

import pytest

from timeline.present.charts.label_layout import Box, place_labels, text_size

BOUNDS = {"left": 100.0, "right": 1100.0, "band_top": 20.0, "row_height": 40.0}


def crowded(n: int, seed: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    rng = random.Random(seed)
    anchors = [(rng.uniform(100, 1100), rng.uniform(200, 600)) for _ in range(n)]
    sizes = [(rng.uniform(60, 260), rng.uniform(14, 38)) for _ in range(n)]
    return anchors, sizes


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("n_rows", [1, 3, 5])
def test_no_two_label_boxes_intersect_and_all_stay_inside_the_band(seed, n_rows):
    anchors, sizes = crowded(40, seed)
    boxes = place_labels(anchors, sizes, n_rows=n_rows, **BOUNDS)
    placed = [b for b in boxes if b is not None]
    assert placed, "some labels must find room"
    for a, b in itertools.combinations(placed, 2):
        assert not a.intersects(b), (a, b)
    bottom = BOUNDS["band_top"] + n_rows * BOUNDS["row_height"]
    for box in placed:
        assert BOUNDS["left"] <= box.x0 and box.x1 <= BOUNDS["right"]
        assert BOUNDS["band_top"] <= box.y0 and box.y1 <= bottom


def test_a_label_with_room_sits_centred_over_its_mark_in_the_row_nearest_the_marks():
    (box,) = place_labels([(500.0, 400.0)], [(120.0, 30.0)], n_rows=3, **BOUNDS)
    assert box is not None and box.cx == pytest.approx(500.0)
    assert box.y1 <= BOUNDS["band_top"] + 3 * BOUNDS["row_height"]
    assert box.y0 >= BOUNDS["band_top"] + 2 * BOUNDS["row_height"]


def test_two_labels_of_nearby_marks_go_side_by_side_or_one_above_the_other():
    boxes = place_labels([(500.0, 400.0), (510.0, 400.0)], [(120.0, 30.0), (120.0, 30.0)],
                         n_rows=2, **BOUNDS)
    first, second = boxes
    assert first is not None and second is not None and not first.intersects(second)


def test_the_first_labels_win_when_there_is_no_room_for_all():
    anchors = [(300.0 + 40 * i, 400.0) for i in range(10)]
    sizes = [(600.0, 30.0)] * 10  # two of them cannot share the one row
    boxes = place_labels(anchors, sizes, n_rows=1, **BOUNDS)
    assert [b is not None for b in boxes] == [True] + [False] * 9


def test_a_label_taller_than_a_row_or_wider_than_the_band_gets_no_box():
    boxes = place_labels([(500.0, 400.0), (500.0, 400.0)], [(100.0, 80.0), (2000.0, 20.0)],
                         n_rows=3, **BOUNDS)
    assert boxes == [None, None]


def test_max_shift_keeps_a_label_near_its_mark_or_drops_it():
    boxes = place_labels([(500.0, 400.0), (500.0, 400.0)], [(300.0, 30.0), (300.0, 30.0)],
                         n_rows=1, max_shift=50.0, **BOUNDS)
    assert boxes[0] is not None and boxes[1] is None


def test_no_leader_line_crosses_a_label_box():
    anchors, sizes = crowded(30, 7)
    boxes = place_labels(anchors, sizes, n_rows=4, **BOUNDS)
    for i, box in enumerate(boxes):
        if box is None:
            continue
        x_top, y_top = box.cx, box.y1
        x_end, y_end = anchors[i]
        for j, other in enumerate(boxes):
            if other is None or i == j:
                continue
            # Sample the leader finely: none of its points is inside another box.
            for k in range(201):
                t = k / 200
                x, y = x_top + (x_end - x_top) * t, y_top + (y_end - y_top) * t
                assert not (other.x0 < x < other.x1 and other.y0 < y < other.y1), (i, j)


def test_the_layout_is_the_same_every_time():
    anchors, sizes = crowded(40, 3)
    assert place_labels(anchors, sizes, n_rows=4, **BOUNDS) == place_labels(
        anchors, sizes, n_rows=4, **BOUNDS)


def test_text_size_grows_with_the_longest_line_and_the_number_of_lines():
    one = text_size(["3 Feb 2016 · UN suspends talks"], 11)
    two = text_size(["3 Feb 2016 · UN suspends talks", "in Geneva"], 11)
    assert two[0] == one[0] and two[1] > one[1]
    assert text_size(["a much longer line than the one before it"], 11)[0] > one[0]


def test_boxes_that_touch_do_not_intersect():
    assert not Box(0, 0, 10, 10).intersects(Box(10, 0, 20, 10))
    assert Box(0, 0, 10, 10).intersects(Box(9, 9, 20, 20))


def test_no_two_leader_lines_cross():
    from timeline.present.charts.label_layout import _segments_cross

    for seed in range(6):
        anchors, sizes = crowded(30, seed)
        boxes = place_labels(anchors, sizes, n_rows=4, **BOUNDS)
        leaders = [(b.cx, b.y1, *anchors[i]) for i, b in enumerate(boxes) if b is not None]
        for a, b in itertools.combinations(leaders, 2):
            assert not _segments_cross(a, b), (a, b)


def _distance_to_segment(point: tuple[float, float], segment: tuple[float, float, float, float]) -> float:
    (px, py), (x0, y0, x1, y1) = point, segment
    dx, dy = x1 - x0, y1 - y0
    t = max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)))
    return ((px - x0 - t * dx) ** 2 + (py - y0 - t * dy) ** 2) ** 0.5


def test_a_leader_line_slants_past_a_mark_right_above_its_own():
    # The label's mark (its top is the anchor) and, between it and the band, another event's mark.
    own, blocker = (600.0, 410.0, 10.0), (600.0, 250.0, 8.0)
    (box,) = place_labels([(600.0, 400.0)], [(120.0, 20.0)], **BOUNDS, n_rows=2, obstacles=[own, blocker])
    assert box is not None
    assert _distance_to_segment(blocker[:2], (box.cx, box.cy, own[0], own[1])) >= blocker[2]
    # without the marks, the label sits straight above its own
    (straight,) = place_labels([(600.0, 400.0)], [(120.0, 20.0)], **BOUNDS, n_rows=2)
    assert straight is not None and straight.cx == 600.0


def test_a_label_whose_every_leader_would_pass_over_marks_keeps_its_place_over_its_mark():
    own = (600.0, 410.0, 10.0)
    wall = [(x, 250.0, 6.0) for x in range(100, 1101, 10)]   # a lane of marks across the whole width
    (box,) = place_labels([(600.0, 400.0)], [(120.0, 20.0)], **BOUNDS, n_rows=2, obstacles=[own, *wall])
    assert box is not None and box.cx == 600.0
