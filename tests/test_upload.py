"""Uploads: every bad file gives its own clear message, good files read intact.

The bad corpus lives in ``tests/data/bad_uploads`` (text files written by hand,
binary ones by ``make_binary.py`` there); GeoPackages and zipped shapefiles
that must be *good* are made here with pyogrio so that they always match the
installed GDAL.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from geo._errors import UploadError
from geo._html import escape_text
from geo.crs import bd09_to_gcj02, gcj02_to_bd09, wgs84_to_gcj02
from geo.upload import UploadedLayer, apply_shift, read_upload

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad_uploads"
GOOD = DATA / "good_uploads"

#: file -> (keyword arguments, fragment the problem must contain)
BAD_CASES: dict[str, tuple[dict[str, int], str]] = {
    # not the format it claims
    "screenshot.geojson": ({}, "the name says GeoJSON, but the content is a PNG image"),
    "pdf_named.gpkg": ({}, "the name says GeoPackage, but the content is a PDF document"),
    "login_page.kml": ({}, "the content is an HTML page"),
    "osm_named.gpx": ({}, "XML with root element <osm>"),
    "not_geojson.json": ({}, "JSON that is not GeoJSON"),
    "broken.geojson": ({}, "JSON syntax error at line 3 column 3"),
    "notes.csv": ({}, "the content is plain text"),
    "binary_junk.csv": ({}, "neither UTF-8 nor GBK"),
    "bare.shp": ({}, "a bare .shp file (upload the .shp, .shx, .dbf and .prj zipped together)"),
    # empty file / no features / no geometry
    "empty.geojson": ({}, "is empty (0 bytes)"),
    "blank.csv": ({}, "is empty (8 bytes)"),
    "empty_collection.geojson": ({}, "has no features"),
    "header_only.csv": ({}, "has a header but no data rows"),
    "no_geometry.geojson": ({}, "none of its 2 feature(s) has a geometry"),
    "no_lonlat.csv": ({}, "has no longitude/latitude columns (columns found: 'name', 'address')"),
    "bad_number.csv": ({}, "line 3: lon='abc' is not a decimal number, line 4: lon is empty"),
    # invalid geometry that make_valid cannot keep as a polygon
    "collapsed_polygon.geojson": ({}, "invalid geometry that cannot be repaired: feature 0 ('flat')"),
    # coordinates
    "nan_coordinates.geojson": ({}, "coordinates that are not numbers (NaN or infinite): feature 1 ('nan'), "
                                    "feature 2 ('inf')"),
    "out_of_range.geojson": ({}, "outside the valid range (longitude -180..180, latitude -90..90): "
                                 "feature 1 ('typo') (x=1066.0, y=28.8), feature 2 ('far')"),
    "swapped.geojson": ({}, "look swapped (latitude written first): feature 0 ('赶水镇') has x=28.8, y=106.6"),
    "swapped_columns.csv": ({}, "look swapped (latitude written first): line 2 has x=28.8, y=106.6"),
    "projected.csv": ({}, "look projected (metres), not lon/lat, and the file declares no CRS: "
                          "line 2 has x=500123.5, y=3186000.2"),
    "projected_no_prj.zip": ({}, "look projected (metres), not lon/lat, and the file declares no CRS"),
    # limits
    "three_points.geojson": ({"max_features": 2}, "has more than 2 features (the upload limit)"),
    "three_rows.csv": ({"max_features": 2}, "has more than 2 data rows (the upload limit)"),
    "towns_too_big.geojson": ({"max_bytes": 100}, "over the 100-byte upload limit"),
    # zips
    "zip_slip.zip": ({}, "'../../towns.shp' climbs out of the archive's folder with '..'"),
    "absolute_path.zip": ({}, "'/tmp/towns.shp' is an absolute path"),
    "zip_bomb.zip": ({"max_unzipped_bytes": 1_000_000},
                     "over the 1,000,000-byte limit for unzipped content (zip-bomb guard)"),
    "no_shp.zip": ({}, "holds no .shp file (found: readme.txt)"),
    "missing_dbf.zip": ({}, "'towns.shp' lacks its .dbf file(s)"),
    # XML entities (XXE / billion laughs)
    "xxe.kml": ({}, "declares XML entities (<!ENTITY>)"),
    # remote content (server-side request forgery)
    "network_link.kml": ({}, "contains a <NetworkLink> to other files, which we never fetch"),
}

#: file -> fragment of the warning given while the layer is still read.
WARN_CASES: dict[str, str] = {
    "bowtie.geojson": "invalid geometry repaired with make_valid (check the shapes): feature 0 "
                      "('self-crossing area') (Self-intersection",
    "mixed_types.geojson": "mixes geometry types (1 point, 1 line)",
    "gcj02_hint.geojson": "may be in GCJ-02 (column 'coord_sys' says 'GCJ-02（高德）')",
    "baidu_export.csv": "may be in BD-09 (the file name 'baidu_export.csv' suggests it)",
    "geojson_named.kml": "the name says KML but the content is GeoJSON; read as GeoJSON",
}


def _corpus_bytes(name: str) -> bytes:
    if name == "towns_too_big.geojson":
        return (GOOD / "towns.geojson").read_bytes()
    return (BAD / name).read_bytes()


def test_corpus_has_a_case_for_every_file() -> None:
    """No corpus file is left without an expectation (and vice versa)."""
    on_disk = {p.name for p in BAD.iterdir() if p.suffix != ".py"}
    expected = (set(BAD_CASES) | set(WARN_CASES)) - {"towns_too_big.geojson"}
    assert on_disk == expected


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_upload_gives_its_message(name: str) -> None:
    kwargs, fragment = BAD_CASES[name]
    with pytest.raises(UploadError) as info:
        read_upload(name, _corpus_bytes(name), **kwargs)
    assert any(fragment in p for p in info.value.problems), info.value.problems
    assert all(name in p for p in info.value.problems), "every problem names the file"
    assert name in str(info.value)


@pytest.mark.parametrize("name", sorted(WARN_CASES))
def test_repairable_upload_reads_with_a_warning(name: str) -> None:
    layer = read_upload(name, (BAD / name).read_bytes())
    assert any(WARN_CASES[name] in w for w in layer.warnings), layer.warnings


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(UploadError) as info:
        read_upload("out_of_range.geojson", (BAD / "out_of_range.geojson").read_bytes())
    assert len(info.value.problems) == 1  # one sentence listing both bad features
    assert "feature 1" in info.value.problems[0] and "feature 2" in info.value.problems[0]


def test_repaired_bowtie_is_valid_polygonal() -> None:
    layer = read_upload("bowtie.geojson", (BAD / "bowtie.geojson").read_bytes())
    geom = layer.frame.geometry.iloc[0]
    assert geom.is_valid and geom.geom_type in {"Polygon", "MultiPolygon"}
    assert geom.area == pytest.approx(0.02)


def test_mixed_types_split_by_kind() -> None:
    layer = read_upload("mixed_types.geojson", (BAD / "mixed_types.geojson").read_bytes())
    parts = layer.split()
    assert layer.geometry_kinds == ["point", "line"]
    assert {k: len(v) for k, v in parts.items()} == {"point": 1, "line": 1}


# ---------------------------------------------------------------- good files

def _check_towns(layer: UploadedLayer, name_column: str) -> None:
    frame = layer.frame
    assert frame.crs.to_epsg() == 4326
    names = list(frame[name_column])
    assert "赶水镇" in names and "坡渡镇" in names
    first = frame[frame[name_column] == "赶水镇"].geometry.iloc[0]
    assert (first.x, first.y) == pytest.approx((106.6, 28.8))
    for column in frame.columns.drop(frame.geometry.name):
        assert all(isinstance(v, str) for v in frame[column]), column


@pytest.mark.parametrize(("name", "fmt", "name_column", "encoding"), [
    ("towns.geojson", "geojson", "name", "utf-8"),
    ("towns.kml", "kml", "Name", "utf-8"),
    ("route.gpx", "gpx", "name", "utf-8"),
    ("towns_utf8_bom.csv", "csv", "名称", "utf-8-sig"),
    ("towns_gbk.csv", "csv", "名称", "gbk"),
    ("towns_semicolon.csv", "csv", "name", "utf-8"),
])
def test_good_text_files_read_with_chinese_intact(name: str, fmt: str, name_column: str,
                                                  encoding: str) -> None:
    layer = read_upload(name, (GOOD / name).read_bytes())
    assert (layer.format, layer.encoding) == (fmt, encoding)
    _check_towns(layer, name_column)


def test_csv_keeps_attributes_and_quoted_commas() -> None:
    layer = read_upload("towns_utf8_bom.csv", (GOOD / "towns_utf8_bom.csv").read_bytes())
    assert list(layer.frame.columns) == ["名称", "备注", "geometry"]
    assert layer.frame["备注"].iloc[0] == "綦江区, 南部"


def test_html_in_attributes_is_kept_as_literal_text() -> None:
    """Storage keeps the text as written; escaping is the HTML layer's job."""
    layer = read_upload("towns.geojson", (GOOD / "towns.geojson").read_bytes())
    note = layer.frame["note"].iloc[0]
    assert note == "渝黔合作 <b>示范</b>"
    assert escape_text(note) == "渝黔合作 &lt;b&gt;示范&lt;/b&gt;"


def _towns(crs: int = 4326) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame({"name": ["赶水镇", "坡渡镇"], "备注": ["綦江区", "桐梓县"]},
                             geometry=[shapely.Point(106.6, 28.8), shapely.Point(106.3, 28.9)], crs=4326)
    return frame.to_crs(crs)


def _zip_dir(folder: Path, skip: tuple[str, ...] = ()) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.suffix not in skip:
                archive.write(path, f"towns/{path.name}")
    return buf.getvalue()


@pytest.fixture()
def gpkg_bytes(tmp_path: Path) -> bytes:
    """A GeoPackage with Chinese attributes, made by pyogrio."""
    path = tmp_path / "towns.gpkg"
    pyogrio.write_dataframe(_towns(), path, layer="乡镇")
    return path.read_bytes()


@pytest.fixture()
def shp_zip_bytes(tmp_path: Path) -> bytes:
    """A zipped UTF-8 shapefile (with .prj and .cpg) in a sub-folder of the zip."""
    folder = tmp_path / "shp"
    folder.mkdir()
    pyogrio.write_dataframe(_towns(), folder / "towns.shp", encoding="UTF-8")
    return _zip_dir(folder)


def test_gpkg_reads(gpkg_bytes: bytes) -> None:
    layer = read_upload("towns.gpkg", gpkg_bytes)
    assert layer.format == "gpkg" and not layer.warnings
    _check_towns(layer, "name")


def test_projected_gpkg_with_crs_is_converted(tmp_path: Path) -> None:
    path = tmp_path / "towns_cgcs.gpkg"
    pyogrio.write_dataframe(_towns(4544), path)
    layer = read_upload(path.name, path.read_bytes())
    assert any("converted from 'CGCS2000 / 3-degree Gauss-Kruger CM 105E'" in w for w in layer.warnings)
    _check_towns(layer, "name")


def test_gpkg_without_geometry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "table.gpkg"
    pyogrio.write_dataframe(_towns().drop(columns="geometry"), path, layer="table")
    with pytest.raises(UploadError) as info:
        read_upload(path.name, path.read_bytes())
    assert "none of its 2 feature(s) has a geometry" in str(info.value)


def test_zipped_shapefile_reads(shp_zip_bytes: bytes) -> None:
    layer = read_upload("towns.zip", shp_zip_bytes)
    assert layer.format == "shapefile_zip" and not layer.warnings
    _check_towns(layer, "name")


def test_gbk_shapefile_without_cpg_reads(tmp_path: Path) -> None:
    folder = tmp_path / "gbk"
    folder.mkdir()
    pyogrio.write_dataframe(_towns(), folder / "towns.shp", encoding="GBK")
    layer = read_upload("towns_gbk.zip", _zip_dir(folder, skip=(".cpg",)))
    assert any("has no .cpg; its text was read as GBK" in w for w in layer.warnings)
    _check_towns(layer, "name")


# ---------------------------------------------------------------- shifts

def test_bd09_matches_published_reference_values() -> None:
    """Reference values of the open-source coordtransform project (Tiananmen)."""
    assert gcj02_to_bd09(116.404, 39.915) == pytest.approx((116.41036949371029, 39.92133699351021), abs=1e-12)
    assert bd09_to_gcj02(116.404, 39.915, refine=False) == pytest.approx(
        (116.39762729119315, 39.90865673957631), abs=1e-12)
    back = gcj02_to_bd09(*bd09_to_gcj02(116.404, 39.915))
    assert back == pytest.approx((116.404, 39.915), abs=1e-9)


def _geojson_points(lon: np.ndarray, lat: np.ndarray) -> bytes:
    features = [{"type": "Feature", "properties": {"name": f"p{i}"},
                 "geometry": {"type": "Point", "coordinates": [float(x), float(y)]}}
                for i, (x, y) in enumerate(zip(lon, lat, strict=True))]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


@pytest.mark.parametrize("shift", ["gcj02", "bd09"])
def test_apply_shift_recovers_wgs84(shift: str) -> None:
    wgs_lon, wgs_lat = np.array([106.6, 106.3, 106.9]), np.array([28.8, 28.9, 29.1])
    lon, lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
    if shift == "bd09":
        lon, lat = gcj02_to_bd09(lon, lat)
    layer = read_upload(f"points_{shift}.geojson", _geojson_points(lon, lat))
    assert [f.shift_from for f in layer.fixes] == [shift]
    shifted = apply_shift(layer, shift)
    got = shapely.get_coordinates(shifted.frame.geometry.values)
    assert np.allclose(got[:, 0], wgs_lon, atol=1e-7) and np.allclose(got[:, 1], wgs_lat, atol=1e-7)
    assert shapely.get_coordinates(layer.frame.geometry.values)[0] == pytest.approx([lon[0], lat[0]])
    assert shifted.shifted_from == shift
    with pytest.raises(UploadError, match="already shifted"):
        apply_shift(shifted, "gcj02")


def test_unknown_shift_is_refused() -> None:
    layer = read_upload("towns.geojson", (GOOD / "towns.geojson").read_bytes())
    with pytest.raises(UploadError, match="unknown shift 'wgs84': choose one of gcj02, bd09"):
        apply_shift(layer, "wgs84")


# ---------------------------------------------------------------- safety

def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_uploads_leave_layers_and_disk_untouched(project_root: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the upload, layers/ is unchanged and the temporary folder is gone."""
    scratch = tmp_path / "a" / "b"
    scratch.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = _tree_digest(project_root / "layers")
    for path in sorted(BAD.iterdir()) + sorted(GOOD.iterdir()):
        with contextlib.suppress(UploadError):
            read_upload(path.name, path.read_bytes(), max_unzipped_bytes=1_000_000)
    assert _tree_digest(project_root / "layers") == before
    assert list(scratch.iterdir()) == [], "temporary folders are removed"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "b"], "nothing escaped the zip"


def test_file_name_is_reduced_to_its_base_name() -> None:
    with pytest.raises(UploadError) as info:
        read_upload("../../etc/\x00passwd.geojson", b"")
    assert info.value.problems == ["passwd.geojson is empty (0 bytes): choose the file again or export it again"]


def test_non_bytes_input_is_refused() -> None:
    with pytest.raises(UploadError, match="expected the file's bytes, got str"):
        read_upload("a.csv", "lon,lat\n1,2\n")  # type: ignore[arg-type]


# ---------------------------------------------------------------- escaping

@pytest.mark.parametrize(("value", "expected"), [
    (None, ""),
    (math.nan, ""),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("<script>alert('x')</script>", "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"),
    ('" onmouseover="x', "&quot; onmouseover=&quot;x"),
    ("赶水镇 & 坡渡镇", "赶水镇 &amp; 坡渡镇"),
    (12.5, "12.5"),
])
def test_escape_text(value: object, expected: str) -> None:
    assert escape_text(value) == expected


def test_escape_text_caps_length_before_escaping() -> None:
    assert escape_text("<" * 10, max_chars=4) == "&lt;&lt;&lt;…"
    assert len(escape_text("a" * 10_000)) == 500
