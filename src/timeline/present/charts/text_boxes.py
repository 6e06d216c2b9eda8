"""The geometry both label placers share: a text's box in pixels and whether two boxes meet.

`labels.place_labels` (the map: labels beside round markers) and `label_layout.place_labels`
(the story: rows of labels above the marks, with leader lines) measure text and test boxes the
same way; this module is that one way. Widths are estimated from the font size with a
character-width table wide enough for Plotly's default sans-serif (Open Sans, then Arial): an
estimate on the wide side drops a label rather than let two overlap.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

LINE_HEIGHT_EM: Final = 1.3   # Plotly's line spacing in annotations
PADDING_PX: Final = 4.0       # inside an annotation's box, each side (borderpad + border)


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels (x0 <= x1, y0 <= y1; y up or down as the caller
    counts it)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def intersects(self, other: Box) -> bool:
        """True when the two boxes share some area (touching edges do not count)."""
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, frame: Box) -> bool:
        return frame.x0 <= self.x0 and self.x1 <= frame.x1 and frame.y0 <= self.y0 and self.y1 <= frame.y1


def text_width(text: str, font_size: float) -> float:
    """Estimated width in pixels of one line of `text` (wide side: better drop than overlap)."""
    em = 0.0
    for char in text:
        if char == " ":
            em += 0.3
        elif char in "iljtfI.,;:'|!()[]":
            em += 0.36
        elif char in "mwMW@%":
            em += 0.95
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            em += 1.05
        elif char.isupper() or not char.isalnum():
            em += 0.72
        else:
            em += 0.62
    return em * font_size


def text_size(lines: Sequence[str], font_size: float) -> tuple[float, float]:
    """(width, height) in pixels of an annotation box holding `lines` at `font_size`, its
    padding included."""
    longest = max((text_width(line, font_size) for line in lines), default=0.0)
    height = max(1, len(lines)) * LINE_HEIGHT_EM * font_size + 2 * PADDING_PX
    return longest + 2 * PADDING_PX, height
