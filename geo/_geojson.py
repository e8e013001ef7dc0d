"""Private plumbing: deterministic RFC 7946 GeoJSON text from GeoDataFrames.

The same layers always give the same bytes: features sorted by ``id``,
properties in a fixed order, coordinates rounded, polygons oriented with the
right-hand rule (exterior rings counter-clockwise), no ``crs`` member.
"""

from __future__ import annotations

import json
import math
from typing import Any

import geopandas as gpd
from shapely import to_geojson
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo.config import COORD_DECIMALS


def _round_coords(obj: Any, ndigits: int) -> Any:
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), ndigits) + 0.0 for v in obj]
        return [_round_coords(v, ndigits) for v in obj]
    return obj


def _oriented(geom: BaseGeometry) -> BaseGeometry:
    if isinstance(geom, Polygon):
        return orient(geom, sign=1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    return geom


def geometry_to_dict(geom: BaseGeometry, ndigits: int = COORD_DECIMALS) -> dict[str, Any] | None:
    """GeoJSON geometry dict with rounded lon/lat and right-hand rings."""
    if geom is None or geom.is_empty:
        return None
    mapped = mapping(_oriented(geom))
    if "geometries" in mapped:  # GeometryCollection
        return json.loads(to_geojson(geom))
    return {"type": mapped["type"], "coordinates": _round_coords(mapped["coordinates"], ndigits)}


def _clean(value: Any) -> Any:
    """Make a property value JSON-safe (NaN -> None, numpy -> Python)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def frame_to_feature_collection(frame: gpd.GeoDataFrame, name: str | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection dict, features sorted by ``id``."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    features: list[dict[str, Any]] = []
    for geom, values in zip(frame.geometry, frame[columns].itertuples(index=False, name=None), strict=True):
        props = {col: _clean(val) for col, val in zip(columns, values, strict=True)}
        features.append({"type": "Feature", "properties": props, "geometry": geometry_to_dict(geom)})
    features.sort(key=lambda f: str(f["properties"].get("id", "")))
    collection: dict[str, Any] = {"type": "FeatureCollection"}
    if name:
        collection["name"] = name
    collection["features"] = features
    return collection


def dumps_feature_collection(frame: gpd.GeoDataFrame, name: str | None = None) -> str:
    """Deterministic GeoJSON text: one feature per line, UTF-8 Chinese kept."""
    collection = frame_to_feature_collection(frame, name)
    head = {k: v for k, v in collection.items() if k != "features"}
    head_text = json.dumps(head, ensure_ascii=False)[:-1]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    body = ",\n".join(lines)
    return f'{head_text}, "features": [\n{body}\n]}}\n'
