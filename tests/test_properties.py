"""Property-based tests: no exception escapes except the documented error types.

* :func:`geo.gazetteer.normalize_name` never raises and keeps its promises
  (see each test for why the property holds);
* :func:`geo.geocode.geocode_place` returns a gazetteer coordinate or raises
  :class:`GeocodeError`, nothing else;
* :func:`geo.upload.read_upload` returns a WGS84 layer of plain strings or
  raises :class:`UploadError`, nothing else, for arbitrary bytes and names and
  for damaged versions of good files.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import numpy as np
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo._errors import GeocodeError, UploadError
from geo.gazetteer import _PUNCT, Gazetteer, load_gazetteer, normalize_name
from geo.geocode import geocode_place
from geo.upload import UploadedLayer, read_upload

DATA = Path(__file__).parent / "data"
GOOD = DATA / "good_uploads"
MINI_GAZETTEER: Gazetteer = load_gazetteer(DATA / "mini" / "gazetteer.csv")
MINI_NAMES: list[str] = sorted({p.name for p in MINI_GAZETTEER.places}
                               | {a for p in MINI_GAZETTEER.places for a in p.aliases})

#: Chinese place-name characters, Latin letters, digits and the punctuation the
#: normaliser removes: the realistic alphabet of names in records and uploads.
_NAME_ALPHABET = st.sampled_from(list("綦江区桐梓县赶水镇坡渡乡街道办事处火车站古剑山娄山关市河重庆贵州遵义"
                                      "abcXYZ019 ·（）()-—_/、，")) | st.characters(
    min_codepoint=0x4E00, max_codepoint=0x9FFF)
names = st.text(_NAME_ALPHABET, max_size=20) | st.sampled_from(MINI_NAMES)
any_text = st.text(max_size=40)

#: No deadline (GDAL opens files); the example count comes from the active
#: profile (100 by default; a deeper run loads a profile with more first).
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _cleaned(name: str) -> str:
    """The text normalize_name works on before it strips prefixes and suffixes."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", name)).lower()


# ---------------------------------------------------------------- normalize_name

@FAST
@given(any_text)
def test_normalize_name_never_raises_and_returns_text(name: str) -> None:
    assert isinstance(normalize_name(name), str)


@FAST
@given(any_text)
@example("ﷺ")  # NFKC expands this one character to a whole phrase
def test_normalize_name_is_no_longer_than_its_cleaned_input(name: str) -> None:
    """It only removes (a prefix, a suffix) from the NFKC-cleaned text.

    Note the bound is the *cleaned* text: NFKC itself may lengthen a string
    (U+FDFA is one character, its compatibility form 15+), so "no longer than
    the raw input" is false in general and only holds for NFKC-stable input
    (next test).
    """
    assert len(normalize_name(name)) <= len(_cleaned(name))
    assert _cleaned(name).find(normalize_name(name)) >= 0  # a substring of the cleaned text


@FAST
@given(names)
def test_normalize_name_is_no_longer_than_a_realistic_name(name: str) -> None:
    assert len(normalize_name(name)) <= len(name)


@FAST
@given(names)
def test_normalize_name_keeps_at_least_two_characters(name: str) -> None:
    """A name is never cut below two characters (``丁山`` must not become ``丁``)."""
    cleaned = _cleaned(name)
    out = normalize_name(name)
    assert len(out) >= min(2, len(cleaned))
    assert bool(out) == bool(cleaned)


@FAST
@given(names)
def test_normalize_name_output_has_no_space_or_punctuation(name: str) -> None:
    assert _PUNCT.search(normalize_name(name)) is None


@FAST
@given(names)
def test_normalize_name_second_pass_only_trims(name: str) -> None:
    """Not idempotent by design (one suffix per pass: 赶水镇街道 -> 赶水镇 -> 赶水), but a
    second pass can only trim further: its output is a substring of the first."""
    once = normalize_name(name)
    assert once.find(normalize_name(once)) >= 0


@FAST
@given(names, st.sampled_from([" ", "  ", "·", "（", "）", "-", "、", "\t"]))
def test_normalize_name_ignores_spaces_and_punctuation(name: str, noise: str) -> None:
    """Inserting separators anywhere does not change the key (they are removed first)."""
    noisy = noise.join(name)
    assert normalize_name(noisy) == normalize_name(name)


# ---------------------------------------------------------------- geocode_place

@FAST
@given(names | any_text, st.none() | names | any_text, st.none() | names | any_text, st.booleans())
def test_geocode_raises_only_geocode_error(name: str, county: str | None, township: str | None,
                                          fallback: bool) -> None:
    try:
        loc = geocode_place(name, county=county, township=township, gazetteer=MINI_GAZETTEER,
                            fallback=fallback)
    except GeocodeError:
        return
    assert loc.place in MINI_GAZETTEER.places
    assert (loc.lon, loc.lat) == (loc.place.lon, loc.place.lat)
    assert loc.precision in {"site", "township", "county"}


@FAST
@given(st.sampled_from(MINI_GAZETTEER.places), st.sampled_from(["", " ", "  "]))
def test_every_gazetteer_name_resolves(place, pad: str) -> None:  # type: ignore[no-untyped-def]
    try:
        loc = geocode_place(pad + place.name + pad, county=place.county or None, gazetteer=MINI_GAZETTEER)
    except GeocodeError as exc:  # only an ambiguity may stop a listed name
        assert "ambiguous" in str(exc)
        return
    assert loc.place.name == place.name or normalize_name(loc.place.name) == normalize_name(place.name)


# ---------------------------------------------------------------- read_upload

def _check_layer(layer: UploadedLayer) -> None:
    frame = layer.frame
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    for column in frame.columns.drop(frame.geometry.name):
        assert all(isinstance(v, str) for v in frame[column])
    coords = shapely.get_coordinates(frame.geometry.values)
    assert np.isfinite(coords).all()
    assert (np.abs(coords[:, 0]) <= 180).all() and (np.abs(coords[:, 1]) <= 90).all()


def _read(filename: str, data: bytes, **kwargs: int) -> None:
    try:
        layer = read_upload(filename, data, **kwargs)
    except UploadError as exc:
        assert exc.problems and all(isinstance(p, str) for p in exc.problems)
        return
    _check_layer(layer)


_MAGIC = st.sampled_from([b"", b"PK\x03\x04", b"SQLite format 3\x00", b"{", b'{"type":"Feature',
                          b"<kml>", b"<?xml version='1.0'?><gpx>", b"lon,lat\n", b"\xef\xbb\xbf",
                          b"\x89PNG\r\n\x1a\n"])
_NAMES = st.sampled_from(["a.geojson", "a.json", "a.gpkg", "a.kml", "a.gpx", "a.zip", "a.csv", "a",
                          "../x.csv", "", "a.GEOJSON", "名称.csv"]) | st.text(max_size=30)


@FAST
@given(_NAMES, _MAGIC, st.binary(max_size=2000))
def test_read_upload_raises_only_upload_error_on_arbitrary_bytes(name: str, magic: bytes,
                                                                 body: bytes) -> None:
    _read(name, magic + body)


_GOOD_FILES = {p.name: p.read_bytes() for p in sorted(GOOD.iterdir())}


@FAST
@given(st.sampled_from(sorted(_GOOD_FILES)), st.data())
def test_read_upload_raises_only_upload_error_on_damaged_good_files(name: str, data: st.DataObject) -> None:
    raw = bytearray(_GOOD_FILES[name])
    cut = data.draw(st.integers(0, len(raw)), label="truncate at")
    raw = raw[:cut]
    for _ in range(data.draw(st.integers(0, 4), label="flips")):
        if raw:
            pos = data.draw(st.integers(0, len(raw) - 1))
            raw[pos] = data.draw(st.integers(0, 255))
    _read(name, bytes(raw))


_hostile_text = st.sampled_from(["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "",
                                 "赶水镇", "\x00\x1b[31m", "a" * 3000]) | st.text(max_size=20)
_number = st.floats(allow_nan=True, allow_infinity=True) | st.floats(-200, 200) | st.integers(-10**7, 10**7)
_value = _hostile_text | _number | st.booleans() | st.none() | st.lists(st.integers(), max_size=3)


@st.composite
def geojson_documents(draw: st.DrawFn) -> bytes:
    """FeatureCollections with random points/lines/polygons and hostile properties."""
    features = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["Point", "LineString", "Polygon", None]))
        pts = draw(st.lists(st.tuples(_number, _number), min_size=1, max_size=5))
        coords: object = [list(p) for p in pts]
        if kind == "Point":
            coords = list(pts[0])
        elif kind == "Polygon":
            coords = [[*map(list, pts), list(pts[0])]]
        geometry = None if kind is None else {"type": kind, "coordinates": coords}
        props = draw(st.dictionaries(_hostile_text, _value, max_size=4))
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return text.encode("utf-8")


@FAST
@given(geojson_documents())
@example(b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
         b'"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, Infinity], [1, 1], [0, 0]]]}}]}')
def test_read_upload_on_random_geojson(doc: bytes) -> None:
    _read("random.geojson", doc, max_features=5)


@st.composite
def csv_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """CSVs with a random header order, random cells and UTF-8 or GBK bytes."""
    header = draw(st.permutations(["name", draw(st.sampled_from(["lon", "lng", "经度", "x"])),
                                   draw(st.sampled_from(["lat", "纬度", "y"])), "note"]))
    cell = st.from_regex(r"[-+]?\d{1,7}(\.\d{1,6})?", fullmatch=True) | _hostile_text.filter(
        lambda s: re.fullmatch(r"[^\x00\r\n\"]*", s) is not None)
    rows = draw(st.lists(st.lists(cell, min_size=4, max_size=4), max_size=6))
    text = "\n".join(",".join(f'"{c}"' for c in row) for row in [header, *rows]) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gbk"]))
    return f"random_{encoding}.csv", text.encode(encoding, errors="replace")


@FAST
@given(csv_documents())
def test_read_upload_on_random_csv(doc: tuple[str, bytes]) -> None:
    _read(*doc)


@st.composite
def zip_documents(draw: st.DrawFn) -> bytes:
    """Zips with hostile member names (``..``, absolute, backslashes) and random parts."""
    import io
    import zipfile

    stems = st.sampled_from(["towns", "../towns", "/abs/towns", "..\\towns", "a/../../towns", "C:/towns",
                             "__MACOSX/._towns", "dir/towns", "乡镇"])
    exts = st.sampled_from([".shp", ".shx", ".dbf", ".prj", ".cpg", ".txt", ""])
    buf = io.BytesIO()
    members = draw(st.lists(st.tuples(stems, exts).map("".join), max_size=6, unique=True))
    with zipfile.ZipFile(buf, "w") as archive:
        for name in members:
            archive.writestr(name, draw(st.binary(max_size=300)))
    return buf.getvalue()


@FAST
@given(zip_documents())
def test_read_upload_on_random_zips(doc: bytes) -> None:
    _read("random.zip", doc, max_unzipped_bytes=5_000)
