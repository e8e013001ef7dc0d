#!/usr/bin/env python3
"""Derive the surveyed line data of ``geo/data/lines/`` from open data.

Maintainer tool only: nothing in the ``geo`` package imports it at run time.

Input: ``yugui_railway_osm.geojson`` from the team's open-data folder
(``../shared/data/``; its README gives the provenance): the 渝贵铁路
(Chongqing–Guiyang railway) as one WGS84 LineString of 255 vertices,
OpenStreetMap relation 7945163, simplified, vertices south of 27.6°N dropped.
OpenStreetMap data are ODbL 1.0: "© OpenStreetMap contributors" must be
credited wherever the line is shown or exported.

Output: ``geo/data/lines/yugui_railway_osm.geojson``, the same vertices
rounded to 6 decimals (about 0.1 m) with provenance, licence and attribution
in the feature properties, which the corridor layer copies into
``coord_source``.

It also prints the derived points written by hand into
``geo/data/gazetteer_curated.csv`` (the stations placed on the line and the
崇溪河 border crossing), so that they can be re-derived and checked.

Usage::

    PYTHONPATH=. python tools/derive_line_data.py [--source ../shared/data/yugui_railway_osm.geojson]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shapely.geometry import LineString, Point, shape
from shapely.ops import nearest_points

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "geo" / "data" / "lines" / "yugui_railway_osm.geojson"

ATTRIBUTION = "© OpenStreetMap contributors"
PROPERTIES = {
    "name": "渝贵铁路",
    "name_en": "Chongqing–Guiyang Railway",
    "precision": "surveyed",
    "source": ("OpenStreetMap relation 7945163 (渝贵铁路), simplified polyline of 255 vertices as published "
               "in the public repository WT006/RailVista (data/presets/corridors/yugui.json); vertices south "
               "of 27.6°N dropped; coordinates rounded to 6 decimals"),
    "licence": "ODbL 1.0",
    "attribution": ATTRIBUTION,
    "extent_note": "from 重庆西 (Chongqing West) to south of 遵义; the line beyond 27.6°N to 贵阳 is not included",
}


def derive(source: Path) -> dict:
    """Read the OSM-derived line and return the GeoJSON written to ``geo/data/lines``."""
    data = json.loads(source.read_text("utf-8"))
    features = data["features"]
    if len(features) != 1 or features[0]["geometry"]["type"] != "LineString":
        raise SystemExit(f"{source}: expected one LineString feature, found {len(features)} feature(s)")
    coords = [[round(x, 6), round(y, 6)] for x, y in features[0]["geometry"]["coordinates"]]
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": PROPERTIES,
                          "geometry": {"type": "LineString", "coordinates": coords}}]}


def print_derived_points(line: LineString) -> None:
    """Print the gazetteer points derived from the line and the border."""
    from geo.boundaries import load_counties
    from geo.geocode import geocode_place
    from geo.geometry import border_line

    for station, seat in (("綦江东站", "古南街道"), ("赶水东站", "赶水镇")):
        loc = geocode_place(seat, fallback=False)
        on_line = nearest_points(line, Point(loc.lon, loc.lat))[0]
        print(f"{station}: nearest point of the line to the {seat} seat: {on_line.x:.5f},{on_line.y:.5f}")
    border = border_line(load_counties())
    anwen = geocode_place("安稳镇", fallback=False)
    songkan = geocode_place("松坎镇", fallback=False)
    crossing = LineString([(anwen.lon, anwen.lat), (songkan.lon, songkan.lat)]).intersection(border)
    print(f"崇溪河: the 安稳镇—松坎镇 leg crosses the border at {crossing.wkt}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "yugui_railway_osm.geojson")
    args = parser.parse_args()
    out = derive(args.source)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {OUT} ({len(out['features'][0]['geometry']['coordinates'])} vertices)")
    print_derived_points(shape(out["features"][0]["geometry"]))


if __name__ == "__main__":
    main()
