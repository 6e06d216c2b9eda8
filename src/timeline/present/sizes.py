"""Chart sizes for reports, shared by the dashboard's export form and `timeline chart
--preset` (kept apart from the exports so the CLI can list them without loading pandas).
Sizes are CSS pixels; PNG is rendered at twice that, sharp on paper and screens."""
from __future__ import annotations

from typing import Final

# name -> (label, width, height)
SIZE_PRESETS: Final[dict[str, tuple[str, int, int]]] = {
    "report": ("Report page, wide", 1200, 675),
    "slide": ("Slide 16:9", 1600, 900),
    "half-page": ("Half page", 800, 600),
    "square": ("Square, for social media", 1080, 1080),
    "a4-landscape": ("A4 landscape", 1400, 990),
}
DEFAULT_PRESET: Final = "report"


def preset_label(name: str) -> str:
    """"Report page, wide (1200 × 675)"."""
    label, width, height = SIZE_PRESETS[name]
    return f"{label} ({width} × {height})"
