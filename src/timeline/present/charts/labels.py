"""Labels beside round markers that overlap neither each other nor any marker.

A pure geometry step, in pixels (x to the right, y up): each marker is a circle; its label may
sit at one of Plotly's text positions around it ("top center", "middle right", ...). Labels are
placed greedily, most important first, each at the first candidate position whose estimated
text box stays inside the frame and touches no placed label and no marker; a label with no
such position is dropped (the caller keeps it in the hover). The boxes are estimated from the
font size the way plotly.js positions marker text (offset r/0.8 + 1 from the centre, baseline
at 0.75 em), with the character widths of `text_boxes.text_width` (shared with the story's labels).
A uniform grid keeps the cost near linear: each box is checked against its neighbours only.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from timeline.present.charts.text_boxes import Box, text_width

__all__ = ["POSITIONS", "Box", "Marker", "Placement", "label_box", "place_labels", "text_width"]

# Candidate positions in order of preference (Plotly textposition names).
POSITIONS: Final = ("top center", "middle right", "middle left", "bottom center",
                    "top right", "top left", "bottom right", "bottom left")
PADDING: Final = 1.0          # px of air kept around each text box
OUTLINE: Final = 0.5          # px a marker's outline (and antialiasing) reaches past its radius
_ASCENT: Final = 0.85         # em above the baseline (caps and accents)
_DESCENT: Final = 0.25        # em below it
_CELL: Final = 48.0           # px, side of the grid's cells


@dataclass(frozen=True)
class Marker:
    """A round marker: centre (x, y) and radius r (Plotly's marker.size / 2), in pixels."""

    x: float
    y: float
    r: float

    def touches(self, box: Box) -> bool:
        """True when the disc and the box overlap (exact: nearest point of the box)."""
        dx = max(box.x0 - self.x, 0.0, self.x - box.x1)
        dy = max(box.y0 - self.y, 0.0, self.y - box.y1)
        reach = self.r + OUTLINE
        return dx * dx + dy * dy < reach * reach


@dataclass(frozen=True)
class Placement:
    position: str   # a Plotly textposition
    box: Box


def label_box(marker: Marker, width: float, font_size: float, position: str) -> Box:
    """Where plotly.js draws a one-line label of `width` at `position` around `marker`."""
    vertical, _, horizontal = position.partition(" ")
    offset = marker.r / 0.8 + 1 if marker.r > 0 else 0.0
    if horizontal == "right":
        x0 = marker.x + offset
    elif horizontal == "left":
        x0 = marker.x - offset - width
    else:
        x0 = marker.x - width / 2
    # plotly.js: baseline = centre + 0.75 em + sign * offset (+ 1 em up for "top"), y down.
    if vertical == "top":
        baseline = marker.y + offset + 0.25 * font_size
    elif vertical == "bottom":
        baseline = marker.y - offset - 0.75 * font_size
    else:
        baseline = marker.y - 0.25 * font_size
    return Box(x0 - PADDING, baseline - _DESCENT * font_size - PADDING,
               x0 + width + PADDING, baseline + _ASCENT * font_size + PADDING)


class _Grid:
    """Boxes and markers bucketed by the cells they cover, for neighbour queries."""

    def __init__(self) -> None:
        self.boxes: dict[tuple[int, int], list[Box]] = defaultdict(list)
        self.markers: dict[tuple[int, int], list[Marker]] = defaultdict(list)

    @staticmethod
    def cells(box: Box) -> Iterable[tuple[int, int]]:
        for i in range(math.floor(box.x0 / _CELL), math.floor(box.x1 / _CELL) + 1):
            for j in range(math.floor(box.y0 / _CELL), math.floor(box.y1 / _CELL) + 1):
                yield i, j

    def add_box(self, box: Box) -> None:
        for cell in self.cells(box):
            self.boxes[cell].append(box)

    def add_marker(self, marker: Marker) -> None:
        reach = marker.r + OUTLINE
        for cell in self.cells(Box(marker.x - reach, marker.y - reach, marker.x + reach, marker.y + reach)):
            self.markers[cell].append(marker)

    def free(self, box: Box) -> bool:
        for cell in self.cells(box):
            if any(other.intersects(box) for other in self.boxes.get(cell, ())):
                return False
            if any(marker.touches(box) for marker in self.markers.get(cell, ())):
                return False
        return True


def place_labels(
    markers: Sequence[Marker], texts: Sequence[str], font_size: float,
    frame: Box | None = None, positions: Sequence[str] = POSITIONS,
    scales: Sequence[float] = (1.0,),
) -> list[Placement | None]:
    """A placement per label (None: dropped), greedily in the given order (most important
    first). No two placed boxes intersect, no box touches any marker, all lie in `frame`.

    scales: the chart may be drawn smaller than planned (a dashboard column narrower than the
    figure): markers then move closer together about the frame's corner while the text keeps
    its size. A position is taken only if it is free at every scale given (the box returned
    is the one at scale 1)."""
    if len(markers) != len(texts):
        raise ValueError("one text per marker")
    if not scales or any(not 0 < scale <= 1 for scale in scales):
        raise ValueError("scales are in (0, 1]")
    layouts = [_Layout(markers, frame, scale) for scale in dict.fromkeys(scales)]
    placements: list[Placement | None] = []
    for index, text in enumerate(texts):
        chosen = None
        if text:
            width = text_width(text, font_size)
            for position in positions:
                boxes = [label_box(layout.markers[index], width, font_size, position)
                         for layout in layouts]
                if all(layout.fits(box) for layout, box in zip(layouts, boxes)):
                    for layout, box in zip(layouts, boxes):
                        layout.grid.add_box(box)
                    chosen = Placement(position, label_box(markers[index], width, font_size, position))
                    break
        placements.append(chosen)
    return placements


class _Layout:
    """The markers and the frame as drawn at `scale`, about the frame's lower left corner."""

    def __init__(self, markers: Sequence[Marker], frame: Box | None, scale: float) -> None:
        ox, oy = (frame.x0, frame.y0) if frame is not None else (0.0, 0.0)
        self.markers = [m if scale == 1 else Marker(ox + (m.x - ox) * scale, oy + (m.y - oy) * scale, m.r)
                        for m in markers]
        self.room = None if frame is None else Box(
            ox, oy, ox + (frame.x1 - ox) * scale, oy + (frame.y1 - oy) * scale)
        self.grid = _Grid()
        for marker in self.markers:
            self.grid.add_marker(marker)

    def fits(self, box: Box) -> bool:
        return (self.room is None or box.inside(self.room)) and self.grid.free(box)
