"""Issue 27: property-based fuzzing of what reads outside input, each finding no traceback.

``edits import`` (:func:`geo.edits._files.read_changes`, CSV and GeoJSON) and
the upload readers (:func:`geo.upload.read_upload`, every format it sniffs)
are fed generated files: structured near-misses of the real formats (wrong
types, deep nesting, surrogates, NULs, huge cells, formula cells) and raw
bytes.  A reader may accept a file or refuse it with its own error
(``EditError``/``UploadError``, both ``ValueError`` with a message); anything
else is a traceback the user would see, and fails.

The runs are bounded and derandomized (the same examples on every run);
``YUQIAN_FUZZ_EXAMPLES`` raises the count for a longer run (issue 27 reports
one of 5,000 examples each).  The scanner's readers are not fuzzed here: no
scanner exists on main yet.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo._errors import EditError, UploadError
from geo.edits import open_store
from geo.edits._files import read_changes
from geo.upload import read_upload

EXAMPLES = int(os.environ.get("YUQIAN_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
IDS = ["pj-zhangshiba-reservoir", "co-yugui-hsr", "tw-ganshui", "pj-nowhere", ""]

#: Text that has broken readers: formulas, surrogates, NUL, controls, huge, numbers that are not.
nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["=cmd|' /C calc'!A0", "+SUM(1+1)", "@SUM(A1)", "\t=1", "\ud800", "a\x00b", "\r\n", "NaN",
                     "Infinity", "-0", "1e999", "1" * 5000, "x" * 140_000, "2026-02-31", "0000", "'", '"', "綦江"]),
)
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), nasty_text)
json_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(nasty_text, inner, max_size=4), max_leaves=12)
coordinate = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**20, 10**20), nasty_text)
geometry = st.one_of(
    st.none(), json_value,
    st.fixed_dictionaries({"type": st.sampled_from(["Point", "LineString", "Polygon", "x"]),
                           "coordinates": st.one_of(st.lists(coordinate, max_size=3),
                                                    st.lists(st.lists(coordinate, max_size=3), max_size=5),
                                                    json_value)}),
)
properties = st.one_of(json_value, st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(IDS), json_value)},
    optional={"source": nasty_text | json_value, "note": nasty_text | json_value, "precision": nasty_text,
              "status": st.sampled_from(["under_construction", "x", ""]) | nasty_text,
              "status_date": nasty_text, "layer": nasty_text, "lon": coordinate, "lat": coordinate,
              "wkt": st.sampled_from(["LINESTRING (106.6 28.9, 106.7 28.8)", "POINT (x)", "LINESTRING ("])
              | nasty_text}))


@st.composite
def geojson_documents(draw: st.DrawFn) -> str:
    features = draw(st.one_of(
        st.lists(st.one_of(json_value, st.fixed_dictionaries({"type": st.just("Feature"), "properties": properties,
                                                              "geometry": geometry})), max_size=4),
        json_value))
    document: Any = {"type": draw(st.sampled_from(["FeatureCollection", "Feature", 5])), "features": features}
    text = json.dumps(document, allow_nan=True)
    depth = draw(st.sampled_from([0, 0, 0, 50, 5000]))
    return text if not depth else text[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}"


@st.composite
def csv_documents(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(["id,lon,lat,precision,source,note", "id,lon,lat,precision,source,note,status,"
                                   "status_date,wkt", "id;lon;lat", "", "id,lon,lat,precision,source,note,id"]))
    cell = st.one_of(nasty_text, st.sampled_from(IDS + ["106.7", "28.8", "site", "digitised"]))
    rows = draw(st.lists(st.lists(cell, max_size=10), max_size=5))
    quote = draw(st.booleans())

    def render(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote else value

    return "\n".join([header, *(",".join(render(c) for c in row) for row in rows)])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, project_root: Path):
    opened = open_store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'edits.sqlite'}",
                        layers_dir=project_root / "layers")
    opened.add_user("li", "a long passphrase", "editor")
    yield opened
    opened.close()


def _import(store: Any, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        changes = read_changes(path, store)
    except EditError as refused:
        assert name in str(refused)  # the message names the file
        return
    store.apply_changes(changes, user="li")  # what the reader accepts, the store stores (or refuses with a message)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


@FUZZ
@given(document=geojson_documents())
def test_edits_import_of_generated_geojson_never_raises_a_traceback(store, tmp_path, document) -> None:
    with contextlib.suppress(EditError):  # the store refused what the reader let through: a message, nothing stored
        _import(store, tmp_path, "fuzz.geojson", _encode(document))


@FUZZ
@given(document=csv_documents())
def test_edits_import_of_generated_csv_never_raises_a_traceback(store, tmp_path, document) -> None:
    with contextlib.suppress(EditError):
        _import(store, tmp_path, "fuzz.csv", _encode(document))


@FUZZ
@given(data=st.binary(max_size=2000))
def test_edits_import_of_raw_bytes_never_raises_a_traceback(store, tmp_path, data) -> None:
    with contextlib.suppress(EditError):
        _import(store, tmp_path, "fuzz.csv", data)


UPLOAD_NAMES = ["f.geojson", "f.json", "f.csv", "f.txt", "f.kml", "f.gpx", "f.gpkg", "f.zip"]


@st.composite
def upload_files(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(UPLOAD_NAMES))
    kind = draw(st.sampled_from(["geojson", "csv", "xml", "zip", "raw"]))
    if kind == "geojson":
        data = _encode(draw(geojson_documents()))
    elif kind == "csv":
        header = draw(st.sampled_from(["name,lon,lat", "名称,经度,纬度", "lon;lat;x", "gcj_lng,gcj_lat"]))
        cell = st.one_of(nasty_text, st.sampled_from(["106.6", "28.8", "", "-1e400"]))
        rows = draw(st.lists(st.lists(cell, min_size=1, max_size=4), max_size=5))
        data = _encode("\n".join([header, *(",".join(row) for row in rows)]))
    elif kind == "xml":
        inner = draw(st.sampled_from(["<Placemark><Point><coordinates>106.6,28.8</coordinates></Point></Placemark>",
                                      "<wpt lat='28.8' lon='106.6'><name>&amp;</name></wpt>", "<a>" * 3000, "&x;"]))
        root = draw(st.sampled_from(["kml", "gpx", "x"]))
        data = _encode(f'<?xml version="1.0"?><{root} xmlns="http://www.opengis.net/kml/2.2">{inner}</{root}>')
    elif kind == "zip":
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            members = ["a.shp", "a.dbf", "a.shx", "../x.shp", "a.prj", "b/c.geojson"]
            for member in draw(st.lists(st.sampled_from(members), max_size=4, unique=True)):
                archive.writestr(member, draw(st.binary(max_size=200)))
        data = buffer.getvalue()
    else:
        data = draw(st.binary(max_size=2000))
    return name, data


@FUZZ
@given(upload=upload_files())
def test_upload_readers_never_raise_a_traceback(upload) -> None:
    name, data = upload
    try:
        read_upload(name, data)
    except UploadError as refused:
        assert str(refused)
