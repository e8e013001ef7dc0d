"""What an analyst receives (issue 28, items 1 and 3-6): projected CRSs in every export, shapefile zips
that open styled, the data dictionary everywhere, types that survive across layers, FlatGeobuf and
GeoParquet.  QGIS, PostGIS and ogrinfo checks are in their own tests (``test_export_qgis_project.py``,
the ``postgis`` and ``qgis`` tests below, ``test_export.py``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely
from _export_read import compare, read_back

from geo._errors import ExportError
from geo.config import FIELD_LABELS, LAYERS
from geo.crs import PROJECTED_CRSES, to_output_crs
from geo.export import FORMATS, export_bytes, export_layers, export_name
from geo.export._dictionary import FIELDS, LAYER_FIELDS, TYPES, coded_values, description, markdown
from geo.export._shapefile import DICTIONARY_FILE

ROOT = Path(__file__).resolve().parent.parent
METRE_FORMATS = ["geojson", "gpkg", "shp", "csv", "fgb", "parquet"]


def _name(fmt: str, stem: str = "all") -> str:
    return f"{stem}.{FORMATS[fmt].extension}"


# ------------------------------------------------------------------ item 1: projected CRSs in every export


@pytest.mark.parametrize("crs", ["cgcs2000_cm108", "cgcs2000_cm105", "utm48n"])
@pytest.mark.parametrize("fmt", METRE_FORMATS)
def test_every_format_that_can_record_a_projected_crs_writes_metres_and_says_so(
    contract_layers: dict[str, gpd.GeoDataFrame], fmt: str, crs: str, tmp_path: Path
) -> None:
    path = export_layers(contract_layers, fmt, crs, tmp_path / _name(fmt))
    read = read_back(path, fmt, crs, list(contract_layers))
    epsg = PROJECTED_CRSES[crs].epsg
    for name, frame in contract_layers.items():
        expected = to_output_crs(frame, crs)
        got = read[name]
        if fmt != "csv":  # (CSV names its CRS in a column)
            assert got.crs is not None and got.crs.to_epsg() == epsg, (fmt, name)
        key = "id" if "id" in got else "name"
        by_id = dict(zip(got[key].astype(str), got.geometry, strict=True))
        for feature_id, geometry in zip(expected[key].astype(str), expected.geometry, strict=True):
            assert shapely.hausdorff_distance(by_id[feature_id], geometry) < 0.001, (fmt, name, feature_id)  # 1 mm


@pytest.mark.parametrize("fmt", ["kml", "gpx"])
def test_lonlat_only_formats_refuse_a_projected_crs_with_a_clear_message(
    contract_layers: dict[str, gpd.GeoDataFrame], fmt: str, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match=r"longitude/latitude only.*EPSG:4545.*gpkg"):
        export_layers(contract_layers, fmt, "cgcs2000_cm108", tmp_path / _name(fmt))
    with pytest.raises(ExportError, match="longitude/latitude only"):  # the viewer's download asks this first
        export_name(contract_layers, fmt, "utm48n")
    assert list(tmp_path.iterdir()) == []


def test_a_projected_geojson_names_its_epsg_code_for_gdal(
    contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    path = export_layers({"corridors": contract_layers["corridors"]}, "geojson", "cgcs2000_cm108",
                         tmp_path / "c.geojson")
    document = json.loads(path.read_text("utf-8"))
    assert document["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::4545"
    assert "metres" in document["metadata"]["note"]
    assert pyogrio.read_info(path)["crs"] == "EPSG:4545"


# ------------------------------------------------------------------ item 3: shapefile zips


def test_a_shapefile_export_named_shp_is_refused_with_the_zip_name(
    contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match=r"zip of shapefiles.*name it plan\.zip"):
        export_layers(contract_layers, "shp", "wgs84", tmp_path / "plan.shp")
    assert list(tmp_path.iterdir()) == []


def test_the_shapefile_zip_ships_a_qml_per_shapefile_and_the_data_dictionary(
    built_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    path = export_layers(built_layers, "shp", "wgs84", tmp_path / "plan.zip")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        rows = list(csv.DictReader(io.StringIO(archive.read(DICTIONARY_FILE).decode("utf-8-sig"))))
        qml = archive.read("corridors.qml").decode("utf-8")
    shapefiles = {n[:-4] for n in names if n.endswith(".shp")}
    assert shapefiles and all(f"{stem}.qml" in names for stem in shapefiles)
    fields = {(row["layer"], row["field"]) for row in rows}
    assert fields == {(layer, field) for layer, frame in built_layers.items()
                      for field in frame.columns if field != "geometry"}
    by_field = {(row["layer"], row["field"]): row for row in rows}
    assert by_field[("corridors", "cross_border")]["dbf_field"] == "cross_bord"
    length = by_field[("corridors", "length_km")]
    assert length["unit"] == "km" and length["type"] == "real"
    assert all(row["definition_zh"] and row["definition_en"] and row["source"] for row in rows)
    assert 'field="cross_bord" name="跨省（渝黔） Cross-border"' in qml
    assert 'field="status_not"' in qml and "状态原文" in qml


def test_qgis_opens_the_unzipped_shapefiles_styled_with_aliases(
    built_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    from geo.export.qgis import qgis_available, run_driver

    reason = qgis_available()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    path = export_layers(built_layers, "shp", "cgcs2000_cm108", tmp_path / "plan.zip")
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path / "unzipped")
    spec = {"layers": [{"uri": str(tmp_path / "unzipped" / f"{name}.shp"), "name": name, "provider": "ogr"}
                       for name in ("corridors", "townships")]}
    for layer in run_driver("inspect", spec)["layers"]:
        assert layer["valid"] and layer["renderer"] == "RuleRenderer" and layer["crs"] == "EPSG:4545", layer
        assert layer["aliases"]["name"] == "名称 Name" and layer["aliases"]["cross_bord"] == "跨省（渝黔） Cross-border"
        assert len(layer["classes"]) > 2
    assert layer["widgets"]["precision"] == "ValueMap"


# ------------------------------------------------------------------ item 4: the data dictionary


def test_every_field_of_every_built_layer_is_in_the_dictionary(built_layers: dict[str, gpd.GeoDataFrame]) -> None:
    for name, frame in built_layers.items():
        assert tuple(c for c in frame.columns if c != frame.geometry.name) == LAYER_FIELDS[name], name
    assert set(LAYER_FIELDS) == set(LAYERS)
    assert set(FIELDS) == set(FIELD_LABELS)  # every field a label, every label a definition
    for entry in FIELDS.values():
        assert entry.definition_zh and entry.definition_en and entry.source and entry.type in TYPES, entry.name
    assert {f.name for f in FIELDS.values() if f.unit == "km"} == {"length_km", "leg_km", "cum_km"}
    assert "高速公路 Expressway" in coded_values("corridors", "mode").values()
    assert set(coded_values("projects", "kind")) != set(coded_values("logistics_parks", "kind"))


def test_the_data_dictionary_doc_is_current() -> None:
    doc = ROOT / "docs" / "data-dictionary.md"
    assert doc.read_text(encoding="utf-8") == markdown() + "\n", (
        "docs/data-dictionary.md is stale: run python -m geo.export.dictionary docs/data-dictionary.md")
    assert "`status_note`" in doc.read_text(encoding="utf-8")


def test_the_geopackage_describes_every_field_and_gcj02(built_layers: dict[str, gpd.GeoDataFrame],
                                                        tmp_path: Path) -> None:
    path = export_layers(built_layers, "gpkg", "gcj02", tmp_path / "plan.gpkg")
    with sqlite3.connect(path) as db:
        described = {(t, c): (n, d) for t, c, n, d in db.execute(
            "SELECT table_name, column_name, name, description FROM gpkg_data_columns")}
        srs = db.execute("SELECT s.description FROM gpkg_spatial_ref_sys s JOIN gpkg_geometry_columns g "
                         "ON s.srs_id = g.srs_id").fetchall()
    for name, frame in built_layers.items():
        for column in (c for c in frame.columns if c != "geometry"):
            alias, text = described[(f"{name}_gcj02", column)]
            assert alias and text == description(name, column) and "Source" in text, (name, column)
    alias, text = described[("corridors_gcj02", "status_note")]
    assert alias.startswith("状态原文") and "status" in text
    assert "km" in described[("corridors_gcj02", "length_km")][1]
    assert srs and all(row[0] and "GCJ-02" in row[0] for row in srs)


# ------------------------------------------------------------------ item 5: types across layers


def test_types_survive_in_the_all_layers_geojson_and_csv(built_layers: dict[str, gpd.GeoDataFrame],
                                                         tmp_path: Path) -> None:
    geojson = gpd.read_file(export_layers(built_layers, "geojson", "wgs84", tmp_path / "all.geojson"))
    assert geojson["cross_border"].dtype == bool  # was float64: the context layers lacked the field
    border = geojson[geojson["layer"] == "province_border"]
    assert border["cross_border"].tolist() == [True]  # it names both provinces
    assert not geojson.loc[geojson["layer"] == "boundaries", "cross_border"].any()
    csv_path = export_layers(built_layers, "csv", "wgs84", tmp_path / "all.csv")
    csvt = csv_path.with_suffix(".csvt").read_text("utf-8").strip().split(",")
    header = next(csv.reader(io.StringIO(csv_path.read_text("utf-8-sig"))))
    types = dict(zip(header, (t.strip('"') for t in csvt), strict=True))
    assert types["cross_border"] == "Integer(Boolean)" and types["seq"] == "Integer"
    assert types["length_km"] == "Real" and types["WKT"] == "WKT" and types["name"] == "String"
    gdal = pyogrio.read_dataframe(csv_path)  # GDAL reads the .csvt
    assert gdal["cross_border"].dtype == bool and gdal["length_km"].dtype == "float64"
    placed = geojson.geometry.notna()  # features of unknown position have none (issue 28)
    assert gdal.geometry.notna().tolist() == placed.tolist() and placed.sum() > 300


def test_geoparquet_carries_geo_metadata_and_nullable_types(built_layers: dict[str, gpd.GeoDataFrame],
                                                           tmp_path: Path) -> None:
    path = export_layers(built_layers, "parquet", "cgcs2000", tmp_path / "all.parquet")
    geo = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert geo["primary_column"] == "geometry" and geo["columns"]["geometry"]["encoding"] == "WKB"
    assert geo["columns"]["geometry"]["crs"]["id"] == {"authority": "EPSG", "code": 4490}
    frame = gpd.read_parquet(path)
    assert str(frame["cross_border"].dtype) == "boolean" and str(frame["seq"].dtype) == "Int64"
    assert str(frame["length_km"].dtype) == "Float64"
    assert len(frame) == sum(len(f) for f in built_layers.values())


def test_flatgeobuf_holds_every_feature_with_its_crs(built_layers: dict[str, gpd.GeoDataFrame],
                                                     tmp_path: Path) -> None:
    path = export_layers(built_layers, "fgb", "utm48n", tmp_path / "all.fgb")
    info = pyogrio.read_info(path)
    assert info["crs"] == "EPSG:32648" and info["features"] == sum(len(f) for f in built_layers.values())
    frame = pyogrio.read_dataframe(path)
    assert frame["cross_border"].dtype == bool


@pytest.mark.parametrize("fmt", ["fgb", "parquet"])
def test_new_formats_round_trip_each_layer_and_download(
    contract_layers: dict[str, gpd.GeoDataFrame], fmt: str, tmp_path: Path
) -> None:
    for name, frame in contract_layers.items():
        path = export_layers({name: frame}, fmt, "wgs84", tmp_path / _name(fmt, name))
        compare(frame, read_back(path, fmt, "wgs84", [name])[name], fmt, "wgs84", name)
    content, filename, mime = export_bytes(contract_layers, fmt, "cgcs2000_cm108")
    assert filename == f"yuqian_layers_cgcs2000_cm108.{FORMATS[fmt].extension}" and content and mime


# ------------------------------------------------------------------ a feature without geometry (issue 28 item 9)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_feature_without_geometry_is_written_not_fatal(
    built_layers: dict[str, gpd.GeoDataFrame], fmt: str, tmp_path: Path
) -> None:
    chosen = {name: built_layers[name].copy() for name in ("corridors", "townships", "boundaries")}
    for name in ("corridors", "townships"):
        chosen[name].loc[chosen[name].index[0], "geometry"] = None
    for crs in ("wgs84", "gcj02") if fmt in ("kml", "gpx") else ("wgs84", "cgcs2000_cm108"):
        path = export_layers(chosen, fmt, crs, tmp_path / _name(fmt, crs))
        assert path.stat().st_size > 0
    if fmt == "shp":  # the featureless one stays in its layer's shapefile
        with zipfile.ZipFile(path) as archive:
            assert sorted(n for n in archive.namelist() if n.endswith(".shp")) == [
                "boundaries.shp", "corridors.shp", "townships.shp"]
