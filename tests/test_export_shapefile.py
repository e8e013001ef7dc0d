"""Shapefile export (:mod:`geo.export._shapefile`): .prj/.cpg, the DBF field-name mapping, long texts kept."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio

from geo.export import export_layers
from geo.export._shapefile import DBF_NAME_MAX, MAPPING_FILE, cut_utf8, dbf_field_names


def test_shapefiles_have_prj_cpg_and_a_complete_mapping(
    contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    path = export_layers(contract_layers, "shp", "cgcs2000", tmp_path / "s.zip")
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
        source = contract_layers[rows[0]["layer"]]
        assert {row["field"] for row in rows} == {c for c in source.columns if c != "geometry"}  # none lost
    renamed = {(row["field"], row["dbf_field"]) for row in mapping if row["field"] != row["dbf_field"]}
    assert ("cross_border", "cross_bord") in renamed and all("renamed" in row["note"] for row in mapping
                                                             if row["field"] != row["dbf_field"])


def test_dbf_names_are_short_unique_and_stable() -> None:
    names = dbf_field_names(["cross_border", "cross_border_2", "from_county", "to_county", "id"])
    assert names == {"cross_border": "cross_bord", "cross_border_2": "cross_bo_1", "from_county": "from_count",
                     "to_county": "to_county", "id": "id"}


def test_long_text_is_cut_on_a_character_boundary_and_kept_in_full(
    contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    assert cut_utf8("綦江" * 200).encode("utf-8") == ("綦江" * 200).encode("utf-8")[:252]
    path = export_layers({"logistics_parks": contract_layers["logistics_parks"]}, "shp", "wgs84", tmp_path / "l.zip")
    with zipfile.ZipFile(path) as archive:
        assert "logistics_parks_long_text.csv" in archive.namelist()
