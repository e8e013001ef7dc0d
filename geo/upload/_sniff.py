"""Private: tell an upload's format from its bytes, not from its name.

A file's extension only says what the user *claims*.  The content decides:
magic numbers for binary formats (zip, SQLite/GeoPackage), the root element for
XML (``<kml>``, ``<gpx>``), a JSON parse for GeoJSON, and a delimited header for
CSV.  A content that matches a supported format different from the claim is
read as what it is (with a warning); a content that matches nothing supported
is refused with a message naming both the claim and what the bytes look like.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Final

#: Supported formats: code -> human name.
FORMATS: Final[dict[str, str]] = {
    "geojson": "GeoJSON",
    "gpkg": "GeoPackage",
    "kml": "KML",
    "gpx": "GPX",
    "shapefile_zip": "zipped Shapefile",
    "csv": "CSV",
}

#: File extensions (lower case, with dot) -> the format they claim.
EXTENSIONS: Final[dict[str, str]] = {
    ".geojson": "geojson", ".json": "geojson",
    ".gpkg": "gpkg",
    ".kml": "kml",
    ".gpx": "gpx",
    ".zip": "shapefile_zip",
    ".csv": "csv", ".txt": "csv", ".tsv": "csv",
}

#: Magic numbers of common files that are *not* supported, to name them in messages.
_FOREIGN_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.xls/.doc)"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x00\x00\x27\x0a", "a bare .shp file (upload the .shp, .shx, .dbf and .prj zipped together)"),
)

_XML_ROOT = re.compile(r"<\s*(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")
_GEOJSON_TYPES: Final[frozenset[str]] = frozenset({
    "FeatureCollection", "Feature", "Point", "MultiPoint", "LineString",
    "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
})


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What an upload's bytes turned out to be.

    Attributes
    ----------
    format : str or None
        A key of :data:`FORMATS`, or ``None`` when unsupported.
    claimed : str or None
        The format the extension claims, if it is a known one.
    looks_like : str
        Words describing the content, for messages (``"a PNG image"``).
    detail : str
        Extra diagnosis (a JSON syntax error, a missing root element).
    text : str or None
        The decoded text of text formats (CSV, GeoJSON, KML, GPX).
    encoding : str or None
        The encoding that decoded ``text``.
    """

    format: str | None
    claimed: str | None
    looks_like: str
    detail: str = ""
    text: str | None = None
    encoding: str | None = None


def decode_text(data: bytes) -> tuple[str, str] | None:
    """Decode bytes as UTF-8 (with or without BOM), else GBK (as GB18030).

    GB18030 is the superset of GBK that Chinese Windows writes; trying UTF-8
    first is safe because GBK text is almost never valid UTF-8.  NUL bytes mean
    binary data, so they make decoding fail.

    Returns
    -------
    tuple of (str, str) or None
        The text and the encoding name, or ``None`` if neither works.
    """
    if b"\x00" in data[:65536]:
        return None
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    names = {"utf-8-sig": "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", "gb18030": "gbk"}
    for encoding, name in names.items():
        try:
            return data.decode(encoding), name
        except UnicodeDecodeError:
            continue
    return None


def _sniff_json(text: str) -> tuple[str | None, str, str]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, "broken JSON", f"JSON syntax error at line {exc.lineno} column {exc.colno}: {exc.msg}"
    except RecursionError:
        return None, "JSON nested too deeply", "the JSON nests arrays/objects too deeply to be GeoJSON"
    kind = obj.get("type") if isinstance(obj, dict) else None
    if isinstance(kind, str) and kind in _GEOJSON_TYPES:
        return "geojson", "GeoJSON", ""
    shown = repr(kind) if kind is not None else "no 'type' member"
    return None, "JSON that is not GeoJSON", (
        f"the top-level object has {shown}; GeoJSON needs \"type\": \"FeatureCollection\" "
        "(or Feature / a geometry type)"
    )


def _sniff_xml(text: str) -> tuple[str | None, str, str]:
    body = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", "", text[:20000], flags=re.S)
    match = _XML_ROOT.search(body)
    root = match.group(1).lower() if match else ""
    if root == "kml":
        return "kml", "KML", ""
    if root == "gpx":
        return "gpx", "GPX", ""
    if root == "html":
        return None, "an HTML page", "a web page was saved instead of the data file"
    return None, f"XML with root element <{root or '?'}>", "KML needs a <kml> root element, GPX a <gpx> one"


def _looks_delimited(text: str) -> bool:
    lines = [ln for ln in text.splitlines()[:5] if ln.strip()]
    return bool(lines) and any(sep in lines[0] for sep in (",", ";", "\t"))


def sniff(filename: str, data: bytes) -> Sniffed:
    """Tell the format of ``data`` from its content; ``filename`` gives the claim only.

    Parameters
    ----------
    filename : str
        The name the user gave; only its extension is used, as the claim.
    data : bytes
        The whole upload (already checked against the size limit).

    Returns
    -------
    Sniffed
    """
    claimed = EXTENSIONS.get(PurePath(filename).suffix.lower())
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return Sniffed("shapefile_zip", claimed, "a zip archive")
    if data.startswith(b"SQLite format 3\x00"):
        return Sniffed("gpkg", claimed, "an SQLite/GeoPackage database")
    for magic, words in _FOREIGN_MAGIC:
        if data.startswith(magic):
            return Sniffed(None, claimed, words)
    decoded = decode_text(data)
    if decoded is None:
        return Sniffed(None, claimed, "binary data", "it is neither UTF-8 nor GBK text nor a known binary format")
    text, encoding = decoded
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        fmt, words, detail = _sniff_json(text)
    elif head.startswith("<"):
        fmt, words, detail = _sniff_xml(head)
    elif _looks_delimited(head):
        fmt, words, detail = "csv", "CSV text", ""
    else:
        fmt, words, detail = None, "plain text", "no delimiter (comma, semicolon or tab) in its first line"
    return Sniffed(fmt, claimed, words, detail, text, encoding)
