"""Colours and marks of the charts, read from resources/chart_style.yaml (validated once),
and the escaping every chart applies to text that comes from articles.

Plotly renders a subset of HTML in hover labels, annotations, tick labels, legend entries and
titles (<b>, <br>, <a href>, ...). Article text is untrusted, so every string that comes from
the data goes through `escape` before it reaches a figure: "<script>" shows as text.
"""
from __future__ import annotations

import functools
import html
import re
import zlib
from dataclasses import dataclass
from typing import Any, Final

from timeline import schema
from timeline.datafiles import load_yaml, require
from timeline.present.describe import plain

STYLE_FILE: Final = "chart_style.yaml"
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


@functools.cache
def light_template(*trace_types: str) -> Any:
    """Plotly's "plotly_white" look (its layout: backgrounds, grid, fonts, colours) with its
    defaults for `trace_types` only. Named, the template brings defaults for 24 trace types,
    which Plotly validates and copies into every figure (0.1-0.4 s; the story is made on every
    filter change) and which are sent with it (7 KB). Shared: never modify it."""
    import plotly.graph_objects as go
    import plotly.io as pio

    white = pio.templates["plotly_white"]
    return go.layout.Template(layout=white.layout,
                              data={kind: white.data[kind] for kind in trace_types})


@dataclass(frozen=True)
class StatusStyle:
    label: str            # what the legend says: "happened", "planned"
    marker_symbol: str    # Plotly symbol name for day events
    bar_opacity: float    # fill opacity of interval bars
    bar_pattern: str      # Plotly bar pattern shape ("" = solid, "/" = hatched)


@dataclass(frozen=True)
class StoryStyle:
    """The story view's sizes and thresholds (chart_style.yaml, `story:`)."""

    key_events: int
    label_rows: int
    label_font_size: int
    label_chars: int
    label_lines: int
    marker_min: int
    marker_max: int
    row_px: int
    max_marks: int
    max_lanes: int
    background_granularities: tuple[str, ...]
    long_days: int
    width: int


@dataclass(frozen=True)
class ChartStyle:
    event_type_colors: dict[str, str]
    palette: tuple[str, ...]
    unknown_color: str
    status: dict[str, StatusStyle]
    heat_colorscale: str
    story: StoryStyle

    def color_for(self, event_type: object) -> str:
        """The colour of an event type: fixed in the style file, else a stable palette pick."""
        name = plain(event_type)
        if not name:
            return self.unknown_color
        if name in self.event_type_colors:
            return self.event_type_colors[name]
        return self.palette[zlib.crc32(name.encode("utf-8")) % len(self.palette)]

    def status_style(self, status: object) -> StatusStyle:
        """Style of a status; an unknown status is drawn like "occurred" but keeps its name."""
        key = str(status)
        if key in self.status:
            return self.status[key]
        base = self.status[schema.STATUSES[0]]
        return StatusStyle(escape(key) or "unknown", base.marker_symbol, base.bar_opacity, "")


@functools.cache
def chart_style() -> ChartStyle:
    """The validated chart style (read once)."""
    data = load_yaml(STYLE_FILE)
    require(isinstance(data, dict), STYLE_FILE, "top level", "must be a mapping")
    colors = data.get("event_type_colors") or {}
    require(isinstance(colors, dict), STYLE_FILE, "event_type_colors", "must be a mapping")
    for name, color in colors.items():
        require(_is_color(color), STYLE_FILE, f"event_type_colors.{name}", f"{color!r} is not #rrggbb")
    palette = data.get("palette") or []
    require(isinstance(palette, list) and palette, STYLE_FILE, "palette", "must be a non-empty list")
    for i, color in enumerate(palette):
        require(_is_color(color), STYLE_FILE, f"palette[{i}]", f"{color!r} is not #rrggbb")
    unknown = data.get("unknown_color")
    require(_is_color(unknown), STYLE_FILE, "unknown_color", f"{unknown!r} is not #rrggbb")
    statuses = data.get("status") or {}
    require(isinstance(statuses, dict), STYLE_FILE, "status", "must be a mapping")
    styles = {}
    # Every status a mention or a chronology event can have needs its look.
    for status in dict.fromkeys(schema.STATUSES + schema.CHRONOLOGY_STATUSES):
        entry = statuses.get(status)
        where = f"status.{status}"
        require(isinstance(entry, dict), STYLE_FILE, where, "missing (every schema status needs a style)")
        for key in ("label", "marker_symbol", "bar_opacity", "bar_pattern"):
            require(key in entry, STYLE_FILE, where, f"lacks {key!r}")
        opacity = entry["bar_opacity"]
        require(isinstance(opacity, int | float) and 0 < opacity <= 1, STYLE_FILE, where,
                "bar_opacity must be in (0, 1]")
        styles[status] = StatusStyle(
            str(entry["label"]), str(entry["marker_symbol"]), float(opacity), str(entry["bar_pattern"] or "")
        )
    heat = data.get("heat_colorscale", "Blues")
    require(isinstance(heat, str) and heat, STYLE_FILE, "heat_colorscale", "must be a colorscale name")
    return ChartStyle(
        event_type_colors={str(k): str(v) for k, v in colors.items()},
        palette=tuple(palette),
        unknown_color=unknown,
        status=styles,
        heat_colorscale=heat,
        story=_story_style(data.get("story")),
    )


_STORY_INTS: Final = ("key_events", "label_rows", "label_font_size", "label_chars", "label_lines",
                      "marker_min", "marker_max", "row_px", "max_marks", "max_lanes", "long_days",
                      "width")


def _story_style(data: object) -> StoryStyle:
    require(isinstance(data, dict), STYLE_FILE, "story", "must be a mapping")
    assert isinstance(data, dict)
    for key in _STORY_INTS:
        value = data.get(key)
        require(isinstance(value, int) and not isinstance(value, bool) and value > 0, STYLE_FILE,
                f"story.{key}", f"must be a positive whole number, not {value!r}")
    require(data["marker_min"] <= data["marker_max"], STYLE_FILE, "story.marker_max",
            "must be at least marker_min")
    granularities = data.get("background_granularities")
    require(isinstance(granularities, list) and all(isinstance(g, str) for g in granularities),
            STYLE_FILE, "story.background_granularities", "must be a list of granularity names")
    return StoryStyle(
        **{key: int(data[key]) for key in _STORY_INTS},
        background_granularities=tuple(granularities),
    )


def event_type_color(event_type: object) -> str:
    """The colour of an event type in every chart ("#rrggbb")."""
    return chart_style().color_for(event_type)


def escape(value: Any) -> str:
    """`value` as text that Plotly shows literally: <, > and & escaped (quotes are harmless
    outside tags). None/NA become ""."""
    return html.escape(plain(value), quote=False)


def _is_color(value: object) -> bool:
    return isinstance(value, str) and _COLOR.fullmatch(value) is not None
