"""The places of the events on a map that works offline: country outlines, bubbles, labels.

Plotly's geo traces draw their land and coastlines from topojson files that plotly.js fetches
from a CDN (cdn.plot.ly) at view time, and Plotly's tile maps fetch tiles: neither is allowed
here (no network beyond package registries, reports must open offline). So the map is drawn on
ordinary axes in an equirectangular projection at the places' mean latitude: the country
outlines (Natural Earth, shipped in a package: `outlines`) are a filled line trace under the
bubbles, clipped to the places' extent (padded, then widened to the frame's aspect). Place
labels are placed where they overlap neither each other nor any bubble (`labels`); a label
that fits nowhere is left off and its place stays in the hover.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline import schema
from timeline.errors import InputError, ResourceError
from timeline.present.charts import outlines
from timeline.present.charts.activity import empty_figure
from timeline.present.charts.labels import Box, Marker, place_labels
from timeline.present.charts.style import escape
from timeline.present.describe import headline, plain, snippet

Coordinates = Mapping[str, tuple[float, float]]   # place name -> (lat, lon)
MAX_HEADLINES: Final = 5
WIDTH: Final = 900              # px: labels are placed for this size (and kept apart when larger)
HEIGHT: Final = 560
MIN_WIDTH, MIN_HEIGHT = 200, 200
# Streamlit stretches a chart to its column: labels stay apart down to this fraction of the
# planned width (a 900 px map in a 680 px column), wider is always fine (the height sets the scale).
SHRINK: Final = 0.75
LABEL_FONT_SIZE: Final = 11
LABEL_MAX_CHARS: Final = 32
MAX_LABELLED: Final = 300       # places that may get a label, most reported first
_MARGIN: Final = {"l": 10, "r": 10, "t": 50, "b": 24}
_MARKER_COLOR: Final = "#0072B2"
_MIN_SIZE, _SIZE_RANGE = 8.0, 22.0   # bubble diameters in px
_PAD_DEGREES: Final = 3.0


@dataclass(frozen=True)
class View:
    """The window of the map: axis ranges, the vertical stretch, and pixels per degree."""

    lon: tuple[float, float]
    lat: tuple[float, float]
    ratio: float          # pixels of a degree of latitude / pixels of a degree of longitude
    scale: float          # pixels per degree of longitude
    frame: Box            # the drawn area, in pixels from the plot area's lower left corner

    def pixels(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.frame.x0 + (lon - self.lon[0]) * self.scale,
                self.frame.y0 + (lat - self.lat[0]) * self.scale * self.ratio)


def map_figure(
    events: pd.DataFrame,
    coordinates: Coordinates | Callable[[str], tuple[float, float] | None] | None = None,
    width: int = WIDTH, height: int = HEIGHT,
) -> go.Figure:
    """One bubble per place named in `events` (column `locations`), sized by its number of
    events, over the country outlines; the hover lists the place, the count and the first
    events' headlines (escaped). Each bubble's customdata is the place name (the app can
    filter on it). Labels that would overlap a bubble or another label are left off (the
    most reported places are labelled first); `layout.meta["unlabelled"]` lists them.

    coordinates: a mapping place -> (lat, lon), or a function place -> (lat, lon) | None.
        By default, the places gazetteer (`timeline.extract.places.coordinates`).
    Places without coordinates are left out and counted in the title.
    """
    if not (MIN_WIDTH <= width <= 8000 and MIN_HEIGHT <= height <= 8000):
        raise InputError(f"a map needs {MIN_WIDTH}-8000 × {MIN_HEIGHT}-8000 pixels, "
                         f"not {width} × {height}")
    events = schema.validate(events)
    lookup = _lookup(coordinates)
    per_place: dict[str, list[int]] = {}
    for position, places in enumerate(schema.list_cells(events[schema.LOCATIONS])):
        for place in dict.fromkeys(places):
            per_place.setdefault(place, []).append(position)
    located = {p: lookup(p) for p in per_place}
    missing = sorted(p for p, c in located.items() if c is None)
    rows = [(p, c, per_place[p]) for p, c in located.items() if c is not None]
    title = f"Places: {len(rows)} on the map"
    if missing:
        title += f" ({len(missing)} without coordinates not shown)"
    if not rows:
        return empty_figure(title, "No event names a place with known coordinates")

    records = events.to_dict("records")
    rows.sort(key=lambda r: (-len(r[2]), r[0]))   # most reported first: labelled first
    lats = np.array([c[0] for _, c, _ in rows], dtype=float)
    lons = np.array([c[1] for _, c, _ in rows], dtype=float)
    counts = np.array([len(ev) for _, _, ev in rows])
    hover = []
    for place, _, positions in rows:
        lines = [f"<b>{escape(place)}</b>", f"{len(positions)} event{'s' * (len(positions) != 1)}"]
        for position in positions[:MAX_HEADLINES]:
            row = records[position]
            day = plain(row.get(schema.DATE_START))[:10]
            lines.append(f"{escape(day)} {escape(snippet(headline(row), 60))}")
        if len(positions) > MAX_HEADLINES:
            lines.append(f"… and {len(positions) - MAX_HEADLINES} more")
        hover.append("<br>".join(lines))

    plot_w = width - _MARGIN["l"] - _MARGIN["r"]
    plot_h = height - _MARGIN["t"] - _MARGIN["b"]
    view = map_view(lons, lats, plot_w, plot_h)
    sizes = _MIN_SIZE + _SIZE_RANGE * np.sqrt(counts / counts.max())
    names = [snippet(p, LABEL_MAX_CHARS) for p, _, _ in rows]
    markers = [Marker(*view.pixels(lon, lat), r=size / 2) for lon, lat, size in zip(lons, lats, sizes)]
    # Only the most reported places compete for a label: on a crowded map the rest would not
    # fit anyway, and this bounds the cost of placing them.
    candidates = [name if rank < MAX_LABELLED else "" for rank, name in enumerate(names)]
    placements = place_labels(markers, candidates, LABEL_FONT_SIZE, frame=view.frame,
                              scales=(1.0, SHRINK))

    fig = go.Figure()
    fig.add_traces(_graticule(view))
    note = ""
    try:
        # about a pixel of tolerance, in degrees of latitude (the longer ones on screen)
        fig.add_traces(outlines.outline_traces(view.lon, view.lat, 0.8 / (view.scale * view.ratio)))
    except ResourceError as error:  # the places still show; say why the land does not
        note = str(error)
    fig.add_trace(go.Scatter(
        x=lons, y=lats, mode="markers+text",
        text=[escape(name) if placed else "" for name, placed in zip(names, placements)],
        textposition=[placed.position if placed else "top center" for placed in placements],
        textfont={"size": LABEL_FONT_SIZE, "color": "#222"},
        marker={"size": sizes, "color": _MARKER_COLOR,
                "opacity": 0.75, "line": {"color": "white", "width": 1}},
        customdata=[p for p, _, _ in rows],
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        name="places", showlegend=False,
    ))
    axis = {"showgrid": False, "zeroline": False, "showticklabels": False, "ticks": "",
            "fixedrange": False, "constrain": "domain"}
    fig.update_layout(
        title={"text": title},
        xaxis={**axis, "range": list(view.lon)},
        # equirectangular at the mean latitude: a degree of longitude is shorter there
        yaxis={**axis, "range": list(view.lat), "scaleanchor": "x", "scaleratio": view.ratio},
        template="plotly_white", width=width, height=height, margin=_MARGIN, showlegend=False,
        annotations=[{"text": "Country outlines: Natural Earth" if not note else
                      "Country outlines unavailable", "showarrow": False, "xref": "paper",
                      "yref": "paper", "x": 1, "y": 0, "xanchor": "right", "yanchor": "top",
                      "font": {"size": 9, "color": "#777"}}],
        meta={"aggregated": False, "places": len(rows), "without_coordinates": missing,
              "unlabelled": [p for (p, _, _), placed in zip(rows, placements) if placed is None],
              "outlines_error": note},
    )
    return fig


def map_view(lons: np.ndarray, lats: np.ndarray, plot_w: float, plot_h: float) -> View:
    """The places' extent, padded, widened to the plot's aspect in the equirectangular
    projection at their mean latitude, and kept within the world."""
    ratio = 1 / max(math.cos(math.radians(float(np.clip(np.mean(lats), -70, 70)))), 0.2)
    lon_lo, lon_hi = _padded(lons, -180, 180)
    lat_lo, lat_hi = _padded(lats, -90, 90)
    lon_span, lat_span = lon_hi - lon_lo, lat_hi - lat_lo
    aspect = plot_w / plot_h
    if lon_span < lat_span * ratio * aspect:
        lon_lo, lon_hi = _widen(lon_lo, lon_hi, lat_span * ratio * aspect, -180, 180)
    else:
        lat_lo, lat_hi = _widen(lat_lo, lat_hi, lon_span / (ratio * aspect), -90, 90)
    lon_span, lat_span = lon_hi - lon_lo, lat_hi - lat_lo
    scale = min(plot_w / lon_span, plot_h / (lat_span * ratio))
    used_w, used_h = lon_span * scale, lat_span * ratio * scale
    # plotly shrinks the constrained axis's domain around its centre (constrain="domain")
    x0, y0 = (plot_w - used_w) / 2, (plot_h - used_h) / 2
    return View((lon_lo, lon_hi), (lat_lo, lat_hi), ratio, scale,
                Box(x0, y0, x0 + used_w, y0 + used_h))


def _padded(values: np.ndarray, floor: float, ceiling: float) -> tuple[float, float]:
    low, high = float(values.min()), float(values.max())
    pad = max(_PAD_DEGREES, (high - low) * 0.15)
    return max(floor, low - pad), min(ceiling, high + pad)


def _widen(low: float, high: float, span: float, floor: float, ceiling: float) -> tuple[float, float]:
    """[low, high] grown to `span` around its centre, shifted (then cut) to fit the bounds."""
    span = min(span, ceiling - floor)
    centre = (low + high) / 2
    low, high = centre - span / 2, centre + span / 2
    if low < floor:
        low, high = floor, floor + span
    if high > ceiling:
        low, high = ceiling - span, ceiling
    return low, high


def _lookup(coordinates: object) -> Callable[[str], tuple[float, float] | None]:
    if coordinates is None:
        coordinates = _gazetteer_lookup()
    if callable(coordinates):
        return lambda place: _valid(coordinates(place))
    if isinstance(coordinates, Mapping):
        return lambda place: _valid(coordinates.get(place))
    raise TypeError("coordinates must be a mapping place -> (lat, lon) or a function")


def _gazetteer_lookup() -> Callable[[str], object]:
    """The places gazetteer's lookup (imported only when a map is drawn without coordinates)."""
    from timeline.extract.places import coordinates

    return coordinates


def _valid(value: object) -> tuple[float, float] | None:
    try:
        lat, lon = (float(v) for v in value)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None
    if math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
        return lat, lon
    return None


def _graticule(view: View) -> list[go.Scatter]:
    """Meridians and parallels every 5/10/30 degrees over the view, as one faint trace."""
    span = max(view.lon[1] - view.lon[0], view.lat[1] - view.lat[0])
    step = 5 if span <= 40 else 10 if span <= 120 else 30
    (lon_lo, lon_hi), (lat_lo, lat_hi) = view.lon, view.lat
    xs: list[float | None] = []
    ys: list[float | None] = []
    for lon in range(math.ceil(lon_lo / step) * step, math.floor(lon_hi) + 1, step):
        xs += [lon, lon, None]
        ys += [lat_lo, lat_hi, None]
    for lat in range(math.ceil(lat_lo / step) * step, math.floor(lat_hi) + 1, step):
        xs += [lon_lo, lon_hi, None]
        ys += [lat, lat, None]
    return [go.Scatter(x=xs, y=ys, mode="lines", line={"color": "rgba(0,0,0,0.10)", "width": 1},
                       hoverinfo="skip", showlegend=False, name="graticule")]
