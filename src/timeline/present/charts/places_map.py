"""The places of the events on a map that works offline.

Plotly's geo traces draw their land and coastlines from topojson files that plotly.js fetches
from a CDN (cdn.plot.ly) at view time, and Plotly's tile maps fetch tiles: neither is allowed
here (no network beyond package registries, reports must open offline). So the map is a plain
longitude/latitude scatter on ordinary axes, with a graticule and the aspect ratio of an
equirectangular projection at the places' mean latitude: no basemap, but every position is
right and nothing is downloaded.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline import schema
from timeline.present.charts.activity import empty_figure
from timeline.present.charts.style import escape
from timeline.present.describe import headline, plain, snippet

Coordinates = Mapping[str, tuple[float, float]]   # place name -> (lat, lon)
MAX_HEADLINES: Final = 5
_MARKER_COLOR: Final = "#0072B2"


def map_figure(
    events: pd.DataFrame, coordinates: Coordinates | Callable[[str], tuple[float, float] | None] | None = None
) -> go.Figure:
    """One bubble per place named in `events` (column `locations`), sized by its number of
    events; the hover lists the place, the count and the first events' headlines (escaped).
    Each bubble's customdata is the place name (the app can filter on it).

    coordinates: a mapping place -> (lat, lon), or a function place -> (lat, lon) | None.
        By default, the places gazetteer (`timeline.extract.places.coordinates`).
    Places without coordinates are left out and counted in the title.
    """
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
    rows.sort(key=lambda r: -len(r[2]))
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

    fig = go.Figure()
    for trace in _graticule(lats, lons):
        fig.add_trace(trace)
    fig.add_trace(go.Scatter(
        x=lons, y=lats, mode="markers+text",
        text=[escape(p) for p, _, _ in rows], textposition="top center",
        marker={"size": 8 + 22 * np.sqrt(counts / counts.max()), "color": _MARKER_COLOR,
                "opacity": 0.75, "line": {"color": "white", "width": 1}},
        customdata=[p for p, _, _ in rows],
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        name="places", showlegend=False,
    ))
    mean_lat = float(np.clip(np.mean(lats), -70, 70))
    fig.update_layout(
        title={"text": title + " (longitude/latitude, no basemap: works offline)"},
        xaxis={"title": {"text": "longitude"}, "showgrid": False, "zeroline": False,
               "range": _range(lons, -180, 180)},
        yaxis={"title": {"text": "latitude"}, "showgrid": False, "zeroline": False,
               "range": _range(lats, -90, 90),
               # equirectangular at the mean latitude: a degree of longitude is shorter there
               "scaleanchor": "x", "scaleratio": 1 / max(math.cos(math.radians(mean_lat)), 0.2)},
        template="plotly_white", height=560, margin={"l": 10, "r": 10, "t": 60, "b": 40},
        meta={"aggregated": False, "places": len(rows), "without_coordinates": missing},
    )
    return fig


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


def _range(values: np.ndarray, low: float, high: float) -> list[float]:
    pad = max(3.0, (values.max() - values.min()) * 0.15)
    return [max(low, values.min() - pad), min(high, values.max() + pad)]


def _graticule(lats: np.ndarray, lons: np.ndarray) -> list[go.Scatter]:
    """Meridians and parallels every 5/10/30 degrees around the places, as one faint trace."""
    span = max(lats.max() - lats.min(), lons.max() - lons.min())
    step = 5 if span <= 40 else 10 if span <= 120 else 30
    lat_lo, lat_hi = _range(lats, -90, 90)
    lon_lo, lon_hi = _range(lons, -180, 180)
    xs: list[float | None] = []
    ys: list[float | None] = []
    for lon in range(int(math.floor(lon_lo / step) * step), int(lon_hi) + step, step):
        xs += [lon, lon, None]
        ys += [lat_lo, lat_hi, None]
    for lat in range(int(math.floor(lat_lo / step) * step), int(lat_hi) + step, step):
        xs += [lon_lo, lon_hi, None]
        ys += [lat, lat, None]
    return [go.Scatter(x=xs, y=ys, mode="lines", line={"color": "rgba(0,0,0,0.12)", "width": 1},
                       hoverinfo="skip", showlegend=False, name="graticule")]
