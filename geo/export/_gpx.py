"""Private GPX 1.1 writer, for GPS devices and outdoor apps.

* tourism routes become ``<rte>`` whose ``<rtept>`` are the route's stops in
  ``seq`` order (from ``tourism_stops``; without that layer, the route line's
  vertices), named in Chinese -- what a navigation device follows;
* every line (routes included, so their drawn shape is kept) becomes a
  ``<trk>``; boundary polygons become a ``<trk>`` with one segment per ring;
* other points become ``<wpt>``.

Each element carries ``name`` (Chinese), ``desc`` (``summary``), ``type``
(the layer) and all attributes in ``<extensions>`` under this project's
namespace, which GDAL's GPX driver reads back as fields ``yq_<field>``
(``name``, ``summary`` and ``source`` are GPX's ``name``, ``desc`` and ``src``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from geopandas import GeoDataFrame
from shapely.geometry.base import BaseGeometry

from geo.config import COORD_DECIMALS
from geo.crs import OutputCrs
from geo.export._values import PlainValue, iter_features, value_text
from geo.filters import route_ids

GPX_NS: Final[str] = "http://www.topografix.com/GPX/1/1"
#: Namespace of this project's attribute extensions.
EXT_NS: Final[str] = "urn:yuqian-geo:gpx-attributes:1"
EXT_PREFIX: Final[str] = "yq"

#: Attributes written as GPX's own elements (in schema order), not as extensions.
_STANDARD_ELEMENTS: Final[dict[str, str]] = {"name": "name", "summary": "desc", "source": "src"}

ROUTES_LAYER: Final[str] = "tourism_routes"
STOPS_LAYER: Final[str] = "tourism_stops"


def _tag(name: str) -> str:
    return f"{{{GPX_NS}}}{name}"


def _describe(element: ET.Element, layer_name: str, properties: dict[str, PlainValue]) -> None:
    """Add name, desc, src, type and the attribute extensions, in GPX's order.

    ``name``, ``summary`` and ``source`` go to GPX's own ``name``, ``desc`` and
    ``src``; the rest to ``extensions``.  (Readers guess the type of an
    extension from its text, and GDAL takes "001 专栏3-1" for the number 1;
    ``src`` is always read as text.)
    """
    for column, tag in _STANDARD_ELEMENTS.items():
        if properties.get(column) is not None:
            ET.SubElement(element, _tag(tag)).text = value_text(properties[column])
    ET.SubElement(element, _tag("type")).text = layer_name
    extensions = ET.SubElement(element, _tag("extensions"))
    for column, value in properties.items():
        if value is not None and column not in _STANDARD_ELEMENTS:
            ET.SubElement(extensions, f"{{{EXT_NS}}}{column}").text = value_text(value)


def _point(parent: ET.Element, tag: str, x: float, y: float) -> ET.Element:
    return ET.SubElement(parent, _tag(tag), lat=f"{y:.{COORD_DECIMALS}f}", lon=f"{x:.{COORD_DECIMALS}f}")


def _line_parts(geometry: BaseGeometry) -> list[list[tuple[float, float]]]:
    """Coordinate sequences of a line or polygon (each ring), for track segments."""
    kind = geometry.geom_type
    if kind in ("LineString", "LinearRing"):
        return [[(x, y) for x, y, *_ in geometry.coords]]
    if kind == "Polygon":
        rings = [geometry.exterior, *geometry.interiors]
        return [[(x, y) for x, y, *_ in ring.coords] for ring in rings]
    if hasattr(geometry, "geoms"):
        return [part for sub in geometry.geoms for part in _line_parts(sub)]
    return []


def _points(geometry: BaseGeometry | None) -> Iterable[tuple[float, float]]:
    if geometry is None or geometry.is_empty:  # a stop of unknown position has no route point
        return []
    if geometry.geom_type == "Point":
        return [(geometry.x, geometry.y)]
    if hasattr(geometry, "geoms"):
        return [point for sub in geometry.geoms for point in _points(sub)]
    return []


def _stops_by_route(stops: GeoDataFrame | None) -> dict[str, list[tuple[dict[str, PlainValue], BaseGeometry]]]:
    """Stops grouped by ``route_id``, each group in ``seq`` order."""
    grouped: dict[str, list[tuple[dict[str, PlainValue], BaseGeometry]]] = {}
    if stops is None:
        return grouped
    for properties, geometry in iter_features(stops):
        grouped.setdefault(str(properties.get("route_id")), []).append((properties, geometry))
    for members in grouped.values():
        members.sort(key=lambda member: (member[0].get("seq") is None, member[0].get("seq") or 0))
    return grouped


def write_gpx(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """Write the layers as one GPX 1.1 file (waypoints, routes, tracks)."""
    ET.register_namespace("", GPX_NS)
    ET.register_namespace(EXT_PREFIX, EXT_NS)
    root = ET.Element(_tag("gpx"), version="1.1", creator="yuqian-geo")
    metadata = ET.SubElement(root, _tag("metadata"))
    ET.SubElement(metadata, _tag("name")).text = f"渝黔合作先行示范区 Yuqian pilot zone ({crs.authority_label})"
    ET.SubElement(metadata, _tag("desc")).text = f"Coordinates: {crs.label}."
    waypoints: list[ET.Element] = []
    routes: list[ET.Element] = []
    tracks: list[ET.Element] = []
    stops_by_route = _stops_by_route(layers.get(STOPS_LAYER))
    routed_ids: set[str] = set()
    for layer_name, frame in layers.items():
        if layer_name == STOPS_LAYER:
            continue
        keys = route_ids(frame).tolist() if layer_name == ROUTES_LAYER else [""] * len(frame)
        for route_id, (properties, geometry) in zip(keys, iter_features(frame), strict=True):
            if geometry is None or geometry.is_empty:
                continue
            if layer_name == ROUTES_LAYER:
                routes.append(_route(layer_name, properties, geometry, stops_by_route.get(route_id)))
                routed_ids.add(route_id)
            if geometry.geom_type in ("Point", "MultiPoint"):
                for x, y in _points(geometry):
                    waypoint = ET.Element(
                        _tag("wpt"), lat=f"{y:.{COORD_DECIMALS}f}", lon=f"{x:.{COORD_DECIMALS}f}"
                    )
                    _describe(waypoint, layer_name, properties)
                    waypoints.append(waypoint)
            else:
                track = ET.Element(_tag("trk"))
                _describe(track, layer_name, properties)
                for part in _line_parts(geometry):
                    segment = ET.SubElement(track, _tag("trkseg"))
                    for x, y in part:
                        _point(segment, "trkpt", x, y)
                tracks.append(track)
    for route_id, members in stops_by_route.items():  # stops whose route is not exported
        if route_id not in routed_ids:
            routes.append(_route(STOPS_LAYER, {"route_id": route_id, "name": route_id}, None, members))
    root.extend(waypoints + routes + tracks)  # GPX 1.1 order: wpt, rte, trk
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _route(
    layer_name: str,
    properties: dict[str, PlainValue],
    geometry: BaseGeometry | None,
    stops: list[tuple[dict[str, PlainValue], BaseGeometry]] | None,
) -> ET.Element:
    """One ``<rte>``: the stops in order, or the line's vertices if no stop is given."""
    route = ET.Element(_tag("rte"))
    _describe(route, layer_name, properties)
    if stops:
        for stop_properties, stop_geometry in stops:
            for x, y in _points(stop_geometry):
                _describe(_point(route, "rtept", x, y), STOPS_LAYER, stop_properties)
    elif geometry is not None:
        for part in _line_parts(geometry):
            for x, y in part:
                _point(route, "rtept", x, y)
    return route
