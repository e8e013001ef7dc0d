"""Check built layers against the data contract before they are written.

The checks are the promises docs/data.md and docs/exports.md make to GIS users: ids unique across
layers, the common properties present, precision classes from the vocabulary,
one geometry type per layer, and every point inside the polygon of the county
it claims.  A feature has no geometry exactly when its precision is
``unknown`` (位置不明: named by a document, placed by no source); a project or
logistics site tied to several townships is a MultiPoint, each of its points
inside its county.
"""

from __future__ import annotations

import geopandas as gpd

from geo import config

#: Geometry type of each layer.
LAYER_GEOMETRY: dict[str, set[str]] = {
    "boundaries": {"Polygon", "MultiPolygon"},
    "province_border": {"LineString", "MultiLineString"},
    "corridors": {"LineString"},
    "cooperation_links": {"LineString"},
    "tourism_routes": {"LineString"},
    "projects": {"Point", "MultiPoint"},
    "logistics_parks": {"Point", "MultiPoint"},
    "tourism_stops": {"Point"},
    "townships": {"Point"},
}

#: Properties every feature outside the boundary layers carries.
COMMON_PROPERTIES: tuple[str, ...] = (
    "id", "name", "name_en", "province", "county", "precision", "source", "summary",
    "cross_border", "coord_source",
)

#: Extra properties of each layer.
LAYER_PROPERTIES: dict[str, tuple[str, ...]] = {
    "corridors": ("mode", "status", "length_km"),
    "cooperation_links": ("from", "to", "from_county", "to_county"),
    "tourism_routes": ("route_id", "theme", "length_km"),
    "tourism_stops": ("route_id", "seq", "leg_km", "cum_km"),
    "logistics_parks": ("kind", "status"),
    "projects": ("kind", "status"),
    "townships": ("level", "partners"),
}

_BOUNDARY_LAYERS = config.CONTEXT_LAYERS
#: Points may sit this close outside their county polygon (degrees, ~100 m)
#: to absorb the simplification of the boundary set.
_EDGE_TOLERANCE_DEG = 0.001


def check_layers(layers: dict[str, gpd.GeoDataFrame], counties: gpd.GeoDataFrame) -> list[str]:
    """Return every breach of the data contract in ``layers``.

    Parameters
    ----------
    layers : dict
        Layer name -> GeoDataFrame.
    counties : GeoDataFrame
        County polygons with ``name``.

    Returns
    -------
    list of str
        ``"layer id=...: problem"`` messages; empty when all is well.
    """
    problems: list[str] = []
    seen: dict[str, str] = {}
    polygons = {n: g.buffer(_EDGE_TOLERANCE_DEG) for n, g in zip(counties["name"], counties.geometry, strict=True)}
    for name, frame in layers.items():
        allowed = LAYER_GEOMETRY.get(name)
        for geom_type, fid in zip(frame.geometry.geom_type, frame["id"], strict=True):
            if allowed and isinstance(geom_type, str) and geom_type not in allowed:
                problems.append(f"{name} id={fid!r}: geometry {geom_type!r}, expected {sorted(allowed)!r}")
        if name in _BOUNDARY_LAYERS:
            continue
        wanted = COMMON_PROPERTIES + LAYER_PROPERTIES.get(name, ())
        missing = [p for p in wanted if p not in frame.columns]
        if missing:
            problems.append(f"{name}: missing properties {missing!r}")
            continue
        for row in frame.itertuples(index=False):
            rec = row._asdict()
            fid = rec["id"]
            if fid in seen:
                problems.append(f"{name} id={fid!r}: id also used in layer {seen[fid]!r}")
            seen[fid] = name
            unknown = rec["precision"] == config.UNKNOWN_PRECISION
            # a feature of unknown position may not know its province or county either
            required = ("id", "name", "name_en", "precision", "source") if unknown else \
                ("id", "name", "name_en", "province", "county", "precision", "source")
            for prop in required:
                if not str(rec.get(prop) or "").strip():
                    problems.append(f"{name} id={fid!r}: empty {prop!r}")
            if rec["precision"] not in config.PRECISIONS:
                problems.append(f"{name} id={fid!r}: precision {rec['precision']!r} not in {list(config.PRECISIONS)!r}")
            problems.extend(_placement_problems(name, fid, rec, unknown, polygons))
    return problems


def _placement_problems(name: str, fid: object, rec: dict, unknown: bool, polygons: dict) -> list[str]:
    """A geometry exactly when the position is known; every point inside the county it claims."""
    geom = rec["geometry"]
    empty = geom is None or geom.is_empty
    if unknown or empty:
        if unknown and not empty:
            return [f"{name} id={fid!r}: precision 'unknown' but a {geom.geom_type} geometry; "
                    "a feature no source places is not drawn"]
        if empty and not unknown:
            return [f"{name} id={fid!r}: no geometry but precision {rec['precision']!r}; "
                    "only a feature of precision 'unknown' may lack one"]
        return []
    if geom.geom_type not in ("Point", "MultiPoint"):
        return []
    poly = polygons.get(rec["county"])
    if poly is None:
        return [f"{name} id={fid!r}: county {rec['county']!r} has no polygon in geo/data/counties.geojson"]
    return [f"{name} id={fid!r}: point {part.x:.5f},{part.y:.5f} lies outside its county {rec['county']!r}"
            for part in getattr(geom, "geoms", [geom]) if not poly.contains(part)]
