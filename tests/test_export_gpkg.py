"""GeoPackage export (:mod:`geo.export._gpkg`): the CRS recorded in the file, empty layers left out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import geopandas as gpd
import pyogrio

from geo.export import export_layers


def test_gpkg_records_the_crs(contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    cgcs = export_layers(contract_layers, "gpkg", "cgcs2000", tmp_path / "c.gpkg")
    gcj = export_layers(contract_layers, "gpkg", "gcj02", tmp_path / "g.gpkg")
    assert pyogrio.read_info(cgcs, layer="corridors")["crs"] == "EPSG:4490"
    with sqlite3.connect(gcj) as db:
        rows = db.execute(
            "SELECT c.table_name, s.srs_name, s.organization FROM gpkg_contents c "
            "JOIN gpkg_spatial_ref_sys s USING (srs_id) WHERE c.data_type = 'features'"
        ).fetchall()
    assert rows and all(t.endswith("_gcj02") and s == "GCJ-02" and o == "NONE" for t, s, o in rows)


def test_empty_layers_are_left_out_of_a_selection(contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    chosen = {"corridors": contract_layers["corridors"], "projects": contract_layers["projects"].iloc[0:0]}
    path = export_layers(chosen, "gpkg", "wgs84", tmp_path / "x.gpkg")
    assert [row[0] for row in pyogrio.list_layers(path)] == ["corridors", "layer_styles"]
