"""Helpers of the export tests: an export read back with GDAL (pyogrio) into the source's field names, and compared.

Each export is read back by GDAL, turned back into the original field names
(undoing the format's own conventions: KML ``Name``/``description``, GPX
``yq_`` extensions, DBF names through ``field_names.csv``), then compared with
the source layer: feature count, every attribute value (Chinese text intact)
and geometry within 1e-6 degree (files hold 6 decimals, ~0.1 m).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import MultiLineString

from geo import export as export_module
from geo.crs import to_output_crs
from geo.export import gpkg_table_name
from geo.export._shapefile import MAPPING_FILE
from geo.export._values import plain_value, value_text

TOLERANCE_DEG = 1e-6

#: Fields GDAL's KML/GPX drivers add by themselves (not ours).
_KML_OWN = {"description", "timestamp", "begin", "end", "altitudeMode", "tessellate", "extrude",
            "visibility", "drawOrder", "icon"}


def _read(path: Path, layer: str | None = None, **kwargs: object) -> gpd.GeoDataFrame:
    return pyogrio.read_dataframe(path, layer=layer, **kwargs)


def read_back(path: Path, fmt: str, crs: str, names: list[str]) -> dict[str, gpd.GeoDataFrame]:
    """Read an export with GDAL into layers with the original field names."""
    combined = len(names) > 1
    out: dict[str, gpd.GeoDataFrame] = {}
    if fmt in ("geojson", "csv", "fgb", "parquet"):
        frame = (_read(path, keep_geom_columns=False) if fmt == "csv"
                 else gpd.read_parquet(path) if fmt == "parquet" else _read(path))
        for name in names:
            part = frame[frame["layer"] == name] if combined else frame
            out[name] = part.drop(columns=[c for c in ("layer", "lon", "lat", "x", "y", "crs") if c in part])
            if fmt == "csv":
                assert (part["crs"] != "").all()
    elif fmt == "gpkg":
        for name in names:
            out[name] = _read(path, gpkg_table_name(name, export_module.output_crs(crs)))
    elif fmt == "kml":
        for name in names:
            frame = _read(path, name)
            assert "id2" not in frame and "summary" not in frame  # each attribute once (the id and summary are KML's)
            renamed = {"Name": "name"}
            if frame["description"].notna().any():  # a layer with summaries: <description> holds them
                renamed["description"] = "summary"
            dropped = [c for c in _KML_OWN if c in frame and c not in renamed]
            out[name] = frame.rename(columns=renamed).drop(columns=dropped)
    elif fmt == "gpx":
        out = _read_gpx(path, names)
    elif fmt == "shp":
        out = _read_shapefiles(path, names)
    return out


def _gpx_fields(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    renamed = {c: c[3:] for c in frame.columns if c.startswith("yq_")}
    renamed.update({"desc": "summary", "src": "source"})
    keep = dict.fromkeys(["name", *renamed, frame.geometry.name])
    return frame[[c for c in keep if c in frame]].rename(columns=renamed)


def _read_gpx(path: Path, names: list[str]) -> dict[str, gpd.GeoDataFrame]:
    waypoints = _read(path, "waypoints")
    tracks = _read(path, "tracks")
    route_points = _read(path, "route_points")
    out: dict[str, gpd.GeoDataFrame] = {}
    for name in names:
        if name == "tourism_stops":
            out[name] = _gpx_fields(route_points[route_points["type"] == name])
        elif name in ("townships", "logistics_parks", "projects"):
            out[name] = _gpx_fields(waypoints[waypoints["type"] == name])
        else:
            out[name] = _gpx_fields(tracks[tracks["type"] == name])
    return out


def _read_shapefiles(path: Path, names: list[str]) -> dict[str, gpd.GeoDataFrame]:
    with zipfile.ZipFile(path) as archive:
        mapping = list(csv.DictReader(io.StringIO(archive.read(MAPPING_FILE).decode("utf-8"))))
        long_texts = {
            member: list(csv.DictReader(io.StringIO(archive.read(member).decode("utf-8"))))
            for member in archive.namelist()
            if member.endswith("_long_text.csv")
        }
    out: dict[str, gpd.GeoDataFrame] = {}
    for name in names:
        parts = []
        for shapefile in dict.fromkeys(row["shapefile"] for row in mapping if row["layer"] == name):
            frame = _read(f"/vsizip/{path}/{shapefile}.shp")
            renames = {row["dbf_field"]: row["field"] for row in mapping if row["shapefile"] == shapefile}
            frame = frame.rename(columns=renames)
            for row in long_texts.get(f"{shapefile}_long_text.csv", []):
                frame.loc[frame["id"] == row["id"], row["field"]] = row["text"]
            parts.append(frame)
        out[name] = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return out


def _expected_geometry(geometry: shapely.Geometry, fmt: str, layer: str) -> shapely.Geometry:
    """What the format holds for a source geometry (GPX tracks hold lines only)."""
    if fmt == "gpx" and geometry.geom_type in ("Polygon", "MultiPolygon"):
        polygons = getattr(geometry, "geoms", [geometry])
        return MultiLineString([ring.coords for p in polygons for ring in (p.exterior, *p.interiors)])
    if fmt == "gpx" and geometry.geom_type == "LineString":
        return MultiLineString([geometry.coords])
    return geometry


def _key(frame: gpd.GeoDataFrame) -> list[str]:
    return [str(v) for v in frame["id"]] if "id" in frame else [str(v) for v in frame["name"]]


def compare(source: gpd.GeoDataFrame, read: gpd.GeoDataFrame, fmt: str, crs: str, layer: str) -> None:
    """Same features, same values (as text), geometry within tolerance."""
    expected = to_output_crs(source, crs)
    assert len(read) == len(expected), f"{layer}/{fmt}: {len(read)} read back, {len(expected)} written"
    read = read.set_index(pd.Index(_key(read)))
    expected = expected.set_index(pd.Index(_key(expected)))
    assert sorted(read.index) == sorted(expected.index)
    for column in [c for c in expected.columns if c != expected.geometry.name]:
        assert column in read.columns, f"{layer}/{fmt}: field {column!r} lost"
        for feature_id in expected.index:
            want_value = plain_value(expected.at[feature_id, column])
            want = value_text(want_value)
            got = value_text(plain_value(read.at[feature_id, column]))
            where = (layer, fmt, column, feature_id)
            if isinstance(want_value, bool) and got not in ("true", "false"):
                # pyogrio returns a bool column with missing values (other layers) as 1.0/0.0
                assert bool(float(got)) == want_value, where
            elif isinstance(want_value, (int, float)) and not isinstance(want_value, bool):
                # (an int column with missing values in other layers comes back as float)
                assert float(got) == pytest.approx(float(want_value)), where
            else:
                assert got == want, where
    for feature_id in expected.index:
        want_geom = _expected_geometry(expected.geometry[feature_id], fmt, layer)
        got_geom = read.geometry[feature_id]
        assert got_geom.geom_type.replace("Multi", "") == want_geom.geom_type.replace("Multi", "")
        assert shapely.hausdorff_distance(got_geom, want_geom) < TOLERANCE_DEG, (layer, fmt, feature_id)
