"""Stage 4 — geometry: points, schematic lines, geodesic lengths, border line.

Lines drawn through ordered places are *schematic*: they join the places the
plan names, not the surveyed alignment.  Lengths are geodesic on the WGS84
ellipsoid (``pyproj.Geod``) so that they are true for the straight legs drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import geopandas as gpd
from pyproj import Geod
from shapely import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, unary_union

from geo.config import JOIN_SEP


@lru_cache(maxsize=1)
def _geod() -> Geod:
    return Geod(ellps="WGS84")


def leg_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance in km between two (lon, lat) points."""
    _, _, metres = _geod().inv(a[0], a[1], b[0], b[1])
    return float(metres) / 1000.0


def line_through(points: Sequence[tuple[float, float]]) -> LineString | None:
    """Join ordered (lon, lat) points into a line, dropping repeated points.

    Returns ``None`` when fewer than two distinct points remain (for example
    two stops placed at the same township seat).
    """
    kept: list[tuple[float, float]] = []
    for pt in points:
        if not kept or (round(pt[0], 7), round(pt[1], 7)) != (round(kept[-1][0], 7), round(kept[-1][1], 7)):
            kept.append(pt)
    if len(kept) < 2:
        return None
    return LineString(kept)


def length_km(geom: BaseGeometry) -> float:
    """Geodesic length in km of a (multi)line in WGS84."""
    if geom is None or geom.is_empty:
        return 0.0
    return float(_geod().geometry_length(geom)) / 1000.0


def point(lon: float, lat: float) -> Point:
    """A WGS84 point."""
    return Point(float(lon), float(lat))


def counties_along(line: BaseGeometry, counties: gpd.GeoDataFrame) -> list[str]:
    """Names of the counties a line passes through, in order along the line.

    Parameters
    ----------
    line : LineString
        A WGS84 line.
    counties : GeoDataFrame
        County polygons with a ``name`` column.

    Returns
    -------
    list of str
        County names ordered by where the line first enters them.
    """
    hits: list[tuple[float, str]] = []
    for name, poly in zip(counties["name"], counties.geometry, strict=True):
        part = line.intersection(poly)
        if part.is_empty or part.length == 0:
            continue
        first = _first_point(part)
        hits.append((line.project(first), name))
    return [name for _, name in sorted(hits)]


def _first_point(geom: BaseGeometry) -> Point:
    if isinstance(geom, LineString):
        return Point(geom.coords[0])
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, LineString) and not g.is_empty]
    if parts:
        return Point(parts[0].coords[0])
    return geom.representative_point()


def border_line(
    counties: gpd.GeoDataFrame,
    side_a: str = "重庆市",
    side_b: str = "贵州省",
    tolerance_deg: float = 0.003,
) -> BaseGeometry:
    """The provincial border between two provinces, from county polygons.

    The boundary of ``side_a``'s counties is kept where it runs within
    ``tolerance_deg`` (about 300 m) of ``side_b``'s counties, which absorbs the
    gaps and overlaps that independent simplification of neighbours leaves;
    the outer edge of the two provinces together is then cut away, so the
    line stops within ``tolerance_deg`` of where the border meets a third
    province.

    Returns
    -------
    LineString or MultiLineString
        Empty when the provinces do not touch in the data.
    """
    a = unary_union(list(counties.loc[counties["province"] == side_a].geometry))
    b = unary_union(list(counties.loc[counties["province"] == side_b].geometry))
    both = unary_union([a.buffer(tolerance_deg), b.buffer(tolerance_deg)]).buffer(-tolerance_deg)
    shared = a.boundary.intersection(b.buffer(tolerance_deg)).difference(both.boundary.buffer(tolerance_deg))
    lines = list(_iter_lines(shared))
    if not lines:
        return MultiLineString()
    return linemerge(lines)


def _iter_lines(geom: BaseGeometry) -> Iterable[LineString]:
    if isinstance(geom, LineString):
        if not geom.is_empty:
            yield geom
        return
    for part in getattr(geom, "geoms", []):
        yield from _iter_lines(part)


def join_names(names: Iterable[str]) -> str:
    """Join names without repeats, keeping order (``綦江区、桐梓县``)."""
    return JOIN_SEP.join(dict.fromkeys(n for n in names if n))
