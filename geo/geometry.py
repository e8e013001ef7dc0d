"""Stage 4 — geometry: points, schematic lines, geodesic lengths, border line.

Lines drawn through ordered places are *schematic*: they join the places the
plan names, not the surveyed alignment.  Where open data give the real
alignment of a line (``geo/data/lines/``, e.g. the OpenStreetMap 渝贵铁路),
:func:`load_alignment` reads it with its provenance and the line is
*surveyed*.  Lengths are geodesic on the WGS84 ellipsoid (``pyproj.Geod``).
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import geopandas as gpd
from pyproj import Geod
from shapely import LineString, MultiLineString, MultiPoint, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, unary_union
from shapely.prepared import PreparedGeometry, prep

from geo._errors import RecordError
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


@dataclass(frozen=True, slots=True)
class Alignment:
    """A line traced from open data, with where it comes from.

    Attributes
    ----------
    name : str
        File stem in ``geo/data/lines/`` (the ``alignment`` of a corridor record).
    line : LineString
        WGS84 geometry.
    coord_source : str
        Dataset, licence and attribution (e.g. "© OpenStreetMap contributors").
    precision : str
        A key of :data:`geo.config.PRECISIONS` (``surveyed``).
    """

    name: str
    line: LineString
    coord_source: str
    precision: str


@cache
def load_alignment(name: str) -> Alignment:
    """Read the alignment ``geo/data/lines/<name>.geojson`` shipped with the package.

    The file holds one LineString feature whose properties give ``source``,
    ``licence``, ``attribution`` and ``precision``; provenance is in
    ``geo/data/SOURCES.md``.

    Raises
    ------
    RecordError
        If no such file exists or it is not one LineString with a source.
    """
    resource = resources.files("geo").joinpath("data", "lines", f"{name}.geojson")
    if not resource.is_file():
        raise RecordError(f"unknown alignment {name!r}: no geo/data/lines/{name}.geojson; "
                          "derive it with tools/derive_line_data.py or leave the cell empty")
    features = json.loads(resource.read_text("utf-8")).get("features", [])
    if len(features) != 1 or features[0].get("geometry", {}).get("type") != "LineString":
        raise RecordError(f"geo/data/lines/{name}.geojson: expected exactly one LineString feature")
    props = features[0].get("properties", {})
    missing = [k for k in ("source", "licence", "attribution", "precision") if not props.get(k)]
    if missing:
        raise RecordError(f"geo/data/lines/{name}.geojson: properties {missing!r} are missing; "
                          "every line must say where it comes from")
    coord_source = f"{props['attribution']}: {props['source']} ({props['licence']})"
    line = LineString([tuple(c) for c in features[0]["geometry"]["coordinates"]])
    return Alignment(name=name, line=line, coord_source=coord_source, precision=props["precision"])


def keep_within(line: LineString, area: BaseGeometry, inset_deg: float = 0.01) -> LineString:
    """Bend the straight legs of a schematic line that leave ``area`` back inside it.

    A leg whose straight segment leaves ``area`` is replaced by the shortest
    path inside ``area`` through corners of ``area`` shrunk by ``inset_deg``
    (about 1 km) and simplified to the same tolerance (a visibility graph).
    The named places stay where they are; only shape points are added, so the
    line stays schematic.  Used for projects the documents place inside one
    county (e.g. 打通至丁山至中峰高速 in 綦江区) whose straight legs would cut
    through a neighbour.

    Parameters
    ----------
    line : LineString
        A schematic WGS84 line.
    area : Polygon or MultiPolygon
        Where the line must stay (a county polygon).
    inset_deg : float
        How far inside the edge the shape points go, and the simplification.

    Returns
    -------
    LineString
        The same line when every leg is already inside ``area``.
    """
    inside = prep(area.buffer(1e-9))
    inner = area.buffer(-inset_deg).simplify(inset_deg / 2)
    corners = [tuple(round(v, 6) for v in c) for ring in _rings(inner) for c in ring.coords[:-1]]
    coords = [tuple(c) for c in line.coords]
    out = [coords[0]]
    for a, b in zip(coords, coords[1:], strict=False):
        if inside.contains(LineString([a, b])):
            out.append(b)
        else:
            out += _shortest_path_inside(a, b, corners, inside)[1:]
    return LineString(out)


def _rings(geom: BaseGeometry) -> list[LineString]:
    polygons = list(getattr(geom, "geoms", [geom])) if not geom.is_empty else []
    return [p.exterior for p in polygons if hasattr(p, "exterior")]


def _shortest_path_inside(a: tuple[float, float], b: tuple[float, float],
                          corners: list[tuple[float, float]], inside: PreparedGeometry) -> list[tuple[float, float]]:
    """Dijkstra over the visibility graph of ``a``, ``b`` and ``corners``; ``[a, b]`` if none."""
    nodes = [a, b] + corners
    best = {0: 0.0}
    previous: dict[int, int] = {}
    queue = [(0.0, 0)]
    done: set[int] = set()
    while queue:
        dist, i = heapq.heappop(queue)
        if i in done:
            continue
        done.add(i)
        if i == 1:
            break
        for j in range(1, len(nodes)):
            if j in done or not inside.contains(LineString([nodes[i], nodes[j]])):
                continue
            cand = dist + leg_km(nodes[i], nodes[j])
            if cand < best.get(j, float("inf")):
                best[j], previous[j] = cand, i
                heapq.heappush(queue, (cand, j))
    if 1 not in previous:
        return [a, b]
    path, node = [1], 1
    while node != 0:
        node = previous[node]
        path.append(node)
    return [nodes[k] for k in reversed(path)]


def length_km(geom: BaseGeometry) -> float:
    """Geodesic length in km of a (multi)line in WGS84."""
    if geom is None or geom.is_empty:
        return 0.0
    return float(_geod().geometry_length(geom)) / 1000.0


def point(lon: float, lat: float) -> Point:
    """A WGS84 point."""
    return Point(float(lon), float(lat))


def points_at(coords: Sequence[tuple[float, float]]) -> Point | MultiPoint | None:
    """A Point at one (lon, lat), a MultiPoint at several distinct ones, ``None`` at none.

    A feature that a document ties to several townships is drawn at each seat:
    repeated coordinates (two townships falling back to the same seat) count once.
    """
    distinct: dict[tuple[float, float], tuple[float, float]] = {}
    for x, y in coords:
        distinct.setdefault((round(float(x), 7), round(float(y), 7)), (float(x), float(y)))
    kept = list(distinct.values())
    if not kept:
        return None
    if len(kept) == 1:
        return Point(*kept[0])
    return MultiPoint(kept)


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
