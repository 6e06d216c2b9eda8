"""Where the labels of the key events go: in aligned rows of a band above the marks, each as
close above its mark as the others allow, joined to it by a leader line.

Pure geometry in screen pixels (y grows downwards), no Plotly: the story chart turns the boxes
into annotations. A label's size comes from `text_boxes.text_size` (wide-side character widths,
shared with the map's labels), so a box is never smaller than the rendered text. Placement is greedy in the order given (most
important first) and deterministic: the same input gives the same boxes. Cost is bounded:
O(labels^3 x rows), a few dozen labels at most, and for the marks a leader must not pass over,
O(labels x rows x candidates x marks) in numpy.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from timeline.present.charts.text_boxes import Box, text_size

__all__ = ["Box", "place_labels", "text_size"]


def place_labels(
    anchors: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    *,
    left: float,
    right: float,
    band_top: float,
    row_height: float,
    n_rows: int,
    gap: float = 6.0,
    max_shift: float | None = None,
    obstacles: Sequence[tuple[float, float, float]] = (),
) -> list[Box | None]:
    """A box for each label, or None for a label that found no room.

    anchors: the (x, y) of each label's mark; sizes: each label's (width, height), at most
        `row_height` high (taller ones are given no box).
    left, right: the horizontal bounds every box stays within.
    band_top: the top of the band of `n_rows` rows of `row_height` each; row 0 is the top row,
        the last row is nearest the marks below the band.
    gap: the least horizontal space between two boxes of a row.
    max_shift: how far a box's centre may move sideways from its anchor (default: anywhere).
    obstacles: the (x, y, radius) of marks that a leader line should not pass over: the other
        events' marks (those whose circle holds a label's anchor are its own mark, or lie under
        it). A label goes where its leader (drawn from the box's centre to its mark's centre)
        passes over none if it can, slanting past them; where every leader would, it goes where
        it would without them, so that a crowded chart keeps its key events labelled.

    Boxes never intersect each other; leader lines never cross each other; a box's leader line (from the middle of its bottom edge to
    its anchor) does not cross a box of a lower row, and no box is put across the leader of a
    label placed before it. A label is tried in every row and goes where its centre is nearest
    its anchor (the lowest row on ties).
    """
    if len(anchors) != len(sizes):
        raise ValueError("anchors and sizes must have the same length")
    rows: list[list[Box]] = [[] for _ in range(max(0, n_rows))]
    leaders: list[tuple[float, float, float, float]] = []  # (x_top, y_top, x_anchor, y_anchor)
    out: list[Box | None] = []
    marks = np.asarray(obstacles, dtype=float).reshape(-1, 3)
    no_marks = marks[:0]
    for (ax, ay), (width, height) in zip(anchors, sizes):
        best: tuple[float, int, Box] | None = None
        if height <= row_height and width <= right - left:
            reach = (left, right) if max_shift is None else (ax - max_shift - width / 2, ax + max_shift + width / 2)
            in_way, centre = _marks_in_the_way(marks, ax, ay, max(left, reach[0]), min(right, reach[1]))
            # A leader clear of the marks if there is one; else the label still goes where it
            # would without them (a key event keeps its label on a crowded chart).
            for marks_in_way in (in_way, no_marks) if len(in_way) else (no_marks,):
                for row in range(len(rows) - 1, -1, -1):  # lowest row first: wins ties
                    box = _nearest_free(rows, row, ax, width, height, left, right, band_top,
                                        row_height, gap, leaders, (ax, ay), marks_in_way, centre)
                    if box is None:
                        continue
                    shift = abs(box.cx - ax)
                    if max_shift is not None and shift > max_shift:
                        continue
                    if best is None or shift < best[0] - 0.5:
                        best = (shift, row, box)
                if best is not None:
                    break
        if best is None:
            out.append(None)
            continue
        _, row, box = best
        rows[row].append(box)
        leaders.append((box.cx, box.y1, ax, ay))
        out.append(box)
    return out


def _nearest_free(
    rows: list[list[Box]],
    row: int,
    anchor_x: float,
    width: float,
    height: float,
    left: float,
    right: float,
    band_top: float,
    row_height: float,
    gap: float,
    leaders: list[tuple[float, float, float, float]],
    anchor: tuple[float, float],
    in_way: np.ndarray,
    centre: tuple[float, float],
) -> Box | None:
    """The free position in `row` whose centre is nearest `anchor_x`, or None."""
    top = band_top + row * row_height + (row_height - height) / 2
    wanted = min(max(anchor_x - width / 2, left), right - width)
    candidates = {wanted}
    for other in rows[row]:
        candidates.add(other.x1 + gap)
        candidates.add(other.x0 - gap - width)
    # Beside a box of a lower row, so that the leader line can pass it.
    for lower in rows[row + 1:]:
        for other in lower:
            candidates.add(min(max(other.x0 - gap - width / 2, left), right - width))
            candidates.add(min(max(other.x1 + gap - width / 2, left), right - width))
    # Slanted past the marks in the way: beside each run of directions from the anchor that
    # would pass over a mark, the leader's top (the box's centre) is free.
    # (The line is drawn from the box's centre to the mark's centre: Plotly's arrow.)
    for edge in _free_edges(in_way, centre[0], centre[1], top + height / 2):
        candidates.add(min(max(edge - width / 2, left), right - width))
    for x0 in sorted(candidates, key=lambda x: (abs(x - wanted), x)):
        if x0 < left - 1e-9 or x0 + width > right + 1e-9:
            continue
        box = Box(x0, top, x0 + width, top + height)
        if _fits(box, rows, row, gap, leaders, anchor) and not _leader_over_marks(
                (box.cx, box.cy, *centre), in_way):
            return box
    return None


def _marks_in_the_way(marks: np.ndarray, ax: float, ay: float, left: float,
                      right: float) -> tuple[np.ndarray, tuple[float, float]]:
    """The marks a leader line to the anchor (ax, ay) could pass over: above the anchor, within
    left..right (where the label can go), and not the anchor's own mark (nor one under it, whose
    circle holds the anchor); and the centre of the anchor's own mark (the anchor is its top)."""
    if not len(marks):
        return marks, (ax, ay)
    x, y, radius = marks[:, 0], marks[:, 1], marks[:, 2]
    own = np.hypot(x - ax, y - ay) <= radius + 0.5
    centre = (ax, ay)
    if own.any():
        mine = np.flatnonzero(own)[np.argmin(np.abs(y[own] - radius[own] - ay) + np.abs(x[own] - ax))]
        centre = (ax, ay + float(radius[mine]))
    return marks[(y - radius < ay) & (x + radius > left) & (x - radius < right) & ~own], centre


def _free_edges(marks: np.ndarray, ax: float, ay: float, top_y: float) -> list[float]:
    """Where, at height `top_y`, a straight leader from the anchor (ax, ay) up to it starts just
    clear of the marks in its way: the edges of the runs of directions that pass within a
    mark's radius (each mark blocks the directions within asin(radius / distance) of its own)."""
    if not len(marks) or top_y >= ay:
        return []
    dx, dy = marks[:, 0] - ax, ay - marks[:, 1]
    between = (marks[:, 1] > top_y) & (dy > 0)
    if not between.any():
        return []
    dx, dy, radius = dx[between], dy[between], marks[between, 2]
    angle = np.arctan2(dx, dy)   # 0 straight up, positive to the right
    spread = np.arcsin(np.clip(radius / np.hypot(dx, dy), 0.0, 1.0))
    runs = sorted(zip((angle - spread).tolist(), (angle + spread).tolist()))
    edges: list[float] = []
    lo, hi = runs[0]
    for a, b in runs[1:] + [(np.inf, np.inf)]:
        if a > hi:   # a run ends: its two edges, nudged clear
            for edge in (lo - 1e-3, hi + 1e-3):
                if abs(edge) < 1.5:   # not near horizontal
                    edges.append(ax + (ay - top_y) * float(np.tan(edge)))
            lo, hi = a, b
        else:
            hi = max(hi, b)
    return edges


def _leader_over_marks(segment: tuple[float, float, float, float], marks: np.ndarray) -> bool:
    """Whether the segment passes within a mark's radius of its centre."""
    return bool(len(_over(marks, segment)))


def _over(marks: np.ndarray, segment: tuple[float, float, float, float]) -> np.ndarray:
    """The marks whose centre lies within their radius of the segment."""
    if not len(marks):
        return marks
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    cx, cy, radius = marks[:, 0], marks[:, 1], marks[:, 2]
    t = np.clip(((cx - x0) * dx + (cy - y0) * dy) / length, 0.0, 1.0) if length else np.zeros(len(marks))
    return marks[np.hypot(cx - (x0 + t * dx), cy - (y0 + t * dy)) < radius]


def _fits(
    box: Box,
    rows: list[list[Box]],
    row: int,
    gap: float,
    leaders: list[tuple[float, float, float, float]],
    anchor: tuple[float, float],
) -> bool:
    padded = Box(box.x0 - gap / 2, box.y0, box.x1 + gap / 2, box.y1)
    if any(padded.intersects(other) for other in rows[row]):
        return False
    # Earlier leaders must not pass through this box ...
    if any(_segment_hits(leader, box) for leader in leaders):
        return False
    # ... and this box's leader must not pass through the boxes of the rows below it, nor
    # cross another leader.
    mine = (box.cx, box.y1, anchor[0], anchor[1])
    if any(_segment_hits(mine, other) for lower in rows[row + 1:] for other in lower):
        return False
    return not any(_segments_cross(mine, leader) for leader in leaders)


def _segments_cross(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two segments cross at a point inside both (sharing an end does not count)."""
    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    p1, p2, p3, p4 = (a[0], a[1]), (a[2], a[3]), (b[0], b[1]), (b[2], b[3])
    d1, d2 = side(p3, p4, p1), side(p3, p4, p2)
    d3, d4 = side(p1, p2, p3), side(p1, p2, p4)
    return d1 * d2 < 0 and d3 * d4 < 0


def _segment_hits(segment: tuple[float, float, float, float], box: Box) -> bool:
    """Whether the segment from (x0, y0) down to (x1, y1) crosses the box's horizontal extent
    while it is between the box's top and bottom."""
    x0, y0, x1, y1 = segment
    low, high = max(box.y0, min(y0, y1)), min(box.y1, max(y0, y1))
    if low >= high:
        return False
    if y1 == y0:
        xs = (x0, x1)
    else:
        xs = tuple(x0 + (x1 - x0) * (y - y0) / (y1 - y0) for y in (low, high))
    return max(xs) > box.x0 and min(xs) < box.x1
