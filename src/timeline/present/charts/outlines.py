"""Country outlines for the map, drawn as plain line traces so that nothing is fetched.

The outlines are Natural Earth's 110m admin-0 countries (public domain) as shipped, in GeoJSON,
inside the `countryinfo` wheel: read once per process, validated, and kept as read-only arrays.
A view takes only the rings that reach it, clips them to it (Sutherland-Hodgman against a
rectangle a little larger than the view, so the cut edges fall outside what is shown), drops
points closer together than about a pixel, and rounds coordinates: a world view stays a few
hundred kilobytes of JSON. Every step is linear in the number of points.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import plotly.graph_objects as go

from timeline.errors import ResourceError

SOURCE: Final = "Natural Earth 110m admin-0 countries, from the countryinfo package"
LAND_FILL: Final = "rgba(120,120,120,0.09)"
BORDER_COLOR: Final = "rgba(90,90,90,0.55)"
BORDER_WIDTH: Final = 0.6
# A view with fewer outline points than this is broken data, not a small world.
_MIN_WORLD_POINTS: Final = 1_000


@dataclass(frozen=True)
class Outlines:
    """The land rings of the world: each an (n, 2) array of (lon, lat), first point == last."""

    rings: tuple[np.ndarray, ...]
    boxes: np.ndarray          # (rings, 4): lon_min, lat_min, lon_max, lat_max of each ring
    countries: int

    @property
    def points(self) -> int:
        return sum(len(r) for r in self.rings)


@functools.cache
def world_outlines() -> Outlines:
    """The outlines, read from the countryinfo package once per process (cached)."""
    return outlines_from_features(_country_features(), SOURCE)


def _country_features() -> list[Mapping[str, Any]]:
    try:
        from countryinfo import CountryInfo
    except ImportError as error:  # an install without it still draws the places
        raise ResourceError(f"country outlines: the countryinfo package is missing ({error})") from None
    features: dict[str, Mapping[str, Any]] = {}
    for name, info in sorted(CountryInfo.all().items()):
        collection = info.get("geoJSON") or {}
        for feature in collection.get("features", ()) if isinstance(collection, Mapping) else ():
            # Some countries are listed under two names with the same shape: keep one.
            features.setdefault(str(feature.get("id") or name), feature)
    return list(features.values())


def outlines_from_features(features: Iterable[Mapping[str, Any]], source: str) -> Outlines:
    """Validate GeoJSON features (Polygon / MultiPolygon in lon/lat) into `Outlines`.

    Raises ResourceError naming the source and the feature when a ring is malformed."""
    rings: list[np.ndarray] = []
    countries = 0
    for index, feature in enumerate(features):
        geometry = feature.get("geometry") or {}
        kind = geometry.get("type")
        label = f"{source}: feature {index} ({feature.get('id') or '?'})"
        if kind == "Polygon":
            polygons = [geometry.get("coordinates")]
        elif kind == "MultiPolygon":
            polygons = geometry.get("coordinates") or []
        else:
            raise ResourceError(f"{label}: geometry type {kind!r}, expected Polygon or MultiPolygon")
        countries += 1
        for polygon in polygons:
            for ring in polygon or []:
                rings.append(_ring(ring, label))
    if sum(len(r) for r in rings) < _MIN_WORLD_POINTS:
        raise ResourceError(f"{source}: only {len(rings)} rings, not a world map")
    boxes = np.array([[r[:, 0].min(), r[:, 1].min(), r[:, 0].max(), r[:, 1].max()] for r in rings])
    boxes.setflags(write=False)
    return Outlines(tuple(rings), boxes, countries)


def _ring(coordinates: object, label: str) -> np.ndarray:
    try:
        ring = np.array(coordinates, dtype=float)
    except (TypeError, ValueError):
        raise ResourceError(f"{label}: a ring is not a list of [lon, lat] pairs") from None
    if ring.ndim != 2 or ring.shape[0] < 3 or ring.shape[1] < 2:
        raise ResourceError(f"{label}: a ring needs at least 3 [lon, lat] points")
    ring = ring[:, :2]
    if not (np.isfinite(ring).all() and (np.abs(ring[:, 0]) <= 180).all()
            and (np.abs(ring[:, 1]) <= 90).all()):
        raise ResourceError(f"{label}: a coordinate is outside longitude/latitude bounds")
    if not np.array_equal(ring[0], ring[-1]):
        ring = np.vstack([ring, ring[:1]])
    ring.setflags(write=False)
    return ring


def outline_traces(
    lon_range: tuple[float, float], lat_range: tuple[float, float], tolerance: float,
    outlines: Outlines | None = None,
) -> list[go.Scatter]:
    """The land of the view as one filled line trace (None between rings), or [] if no land.

    tolerance: the distance in degrees under which successive points merge (about a pixel)."""
    outlines = world_outlines() if outlines is None else outlines
    margin = max(tolerance * 4, 0.01)
    x0, x1 = lon_range[0] - margin, lon_range[1] + margin
    y0, y1 = lat_range[0] - margin, lat_range[1] + margin
    near = np.flatnonzero((outlines.boxes[:, 0] <= x1) & (outlines.boxes[:, 2] >= x0)
                          & (outlines.boxes[:, 1] <= y1) & (outlines.boxes[:, 3] >= y0))
    decimals = max(0, min(4, math.ceil(-math.log10(max(tolerance, 1e-4) / 2))))
    xs: list[float | None] = []
    ys: list[float | None] = []
    for index in near:
        ring = _simplify(clip_ring(outlines.rings[index], (x0, y0, x1, y1)), tolerance)
        if len(ring) < 4:
            continue
        ring = np.round(ring, decimals)
        xs += ring[:, 0].tolist() + [None]
        ys += ring[:, 1].tolist() + [None]
    if not xs:
        return []
    return [go.Scatter(
        x=xs, y=ys, mode="lines", fill="toself", fillcolor=LAND_FILL,
        line={"color": BORDER_COLOR, "width": BORDER_WIDTH}, connectgaps=False,
        hoverinfo="skip", showlegend=False, name="country outlines",
    )]


def clip_ring(ring: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The ring clipped to the rectangle (lon0, lat0, lon1, lat1), closed; empty if outside.

    Sutherland-Hodgman: one linear pass per side; the result stays a fillable polygon."""
    x0, y0, x1, y1 = box
    lon, lat = ring[:, 0], ring[:, 1]
    if lon.min() >= x0 and lon.max() <= x1 and lat.min() >= y0 and lat.max() <= y1:
        return ring
    points = ring[:-1] if np.array_equal(ring[0], ring[-1]) else ring
    for axis, bound, keep_below in ((0, x0, False), (0, x1, True), (1, y0, False), (1, y1, True)):
        if len(points) == 0:
            break
        points = _clip_side(points, axis, bound, keep_below)
    if len(points) < 3:
        return np.empty((0, 2))
    return np.vstack([points, points[:1]])


def _clip_side(points: np.ndarray, axis: int, bound: float, keep_below: bool) -> np.ndarray:
    values = points[:, axis]
    inside = values <= bound if keep_below else values >= bound
    if inside.all():
        return points
    if not inside.any():
        return np.empty((0, 2))
    out: list[np.ndarray] = []
    previous, previous_in = points[-1], bool(inside[-1])
    for point, point_in in zip(points, inside.tolist()):
        if point_in != previous_in:
            t = (bound - previous[axis]) / (point[axis] - previous[axis])
            out.append(previous + t * (point - previous))
        if point_in:
            out.append(point)
        previous, previous_in = point, point_in
    return np.array(out)


def _simplify(ring: np.ndarray, tolerance: float) -> np.ndarray:
    """Drop points within `tolerance` of the last kept one (radial distance: linear, and at a
    pixel's tolerance invisible); the ring stays closed."""
    if len(ring) < 4 or tolerance <= 0:
        return ring
    keep = [0]
    last = ring[0]
    for i in range(1, len(ring) - 1):
        if abs(ring[i, 0] - last[0]) > tolerance or abs(ring[i, 1] - last[1]) > tolerance:
            keep.append(i)
            last = ring[i]
    keep.append(len(ring) - 1)
    return ring[keep]
