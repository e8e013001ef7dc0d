"""Check built layers against the data contract before they are written.

The checks are the promises docs/data.md and docs/exports.md make to GIS users: ids unique across
layers, the common properties present, precision classes from the vocabulary,
one geometry type per layer, and every point inside the polygon of the county
it claims.
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
    "projects": {"Point"},
    "logistics_parks": {"Point"},
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
            if allowed and geom_type not in allowed:
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
            for prop in ("id", "name", "name_en", "province", "county", "precision", "source"):
                if not str(rec.get(prop) or "").strip():
                    problems.append(f"{name} id={fid!r}: empty {prop!r}")
            if rec["precision"] not in config.PRECISIONS:
                problems.append(f"{name} id={fid!r}: precision {rec['precision']!r} not in {list(config.PRECISIONS)!r}")
            geom = rec["geometry"]
            if geom is not None and geom.geom_type == "Point":
                poly = polygons.get(rec["county"])
                if poly is None:
                    problems.append(f"{name} id={fid!r}: county {rec['county']!r} has no polygon "
                                    "in geo/data/counties.geojson")
                elif not poly.contains(geom):
                    problems.append(f"{name} id={fid!r}: point {geom.x:.5f},{geom.y:.5f} "
                                    f"lies outside its county {rec['county']!r}")
    return problems
