"""Bring your own layer: read and validate a user's upload, never trusting it.

:func:`read_upload` takes the bytes and the name of an uploaded file and
returns an :class:`UploadedLayer` in WGS84 with plain-string attributes, or
raises one :class:`geo._errors.UploadError` listing *every* problem found, each
naming the file (and the feature or line) and saying how to fix it.

Accepted: GeoJSON, GeoPackage, KML, GPX, a zipped Shapefile and CSV with
longitude/latitude columns (UTF-8 or GBK, with or without BOM).  The format is
told from the content, not the extension (:mod:`geo.upload._sniff`).

Safety: the upload is read from memory or from a private temporary folder
that is deleted afterwards -- nothing is ever written into ``layers/`` or
``seeds/``, so the plan's layers are untouched whatever the upload holds.  Zip
members that leave their folder are refused, unzipped content is capped,
size and feature counts are capped.  Attribute text is kept *unescaped*; it
must go through :func:`geo._html.escape_text` before it reaches HTML.

GCJ-02 / BD-09: see :mod:`geo.upload._checks` for what can and cannot be
detected.  The shift to WGS84 is always offered by :func:`apply_shift`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd

from geo._errors import UploadError
from geo.crs import ShiftFrom, bd09_to_wgs84, gcj02_to_wgs84, shift_frame
from geo.upload._checks import (
    check_coordinates,
    clean_attributes,
    clean_geometries,
    geometry_kind,
    geometry_kinds,
    shift_hints,
    to_wgs84,
)
from geo.upload._csv import read_csv_points
from geo.upload._read import RawLayer, extract_shapefiles, read_gdal
from geo.upload._sniff import FORMATS, decode_text, sniff

#: Default upload limits: 64 MB per file, 200 000 features of which at most 20 000 lines or
#: polygons, 200 MB unzipped (docs/viewer.md, "Upload limits", says what they take in memory).
MAX_BYTES: Final[int] = 64 * 1024 * 1024
MAX_FEATURES: Final[int] = 200_000
MAX_SHAPES: Final[int] = 20_000
MAX_UNZIPPED_BYTES: Final[int] = 200 * 1024 * 1024
#: Longest file name shown back to the user.
_MAX_NAME_CHARS: Final[int] = 120

#: Shifts :func:`apply_shift` offers: code -> human description.
SHIFTS: Final[dict[str, str]] = {
    "gcj02": "GCJ-02 (Gaode/AMap, Tencent) -> WGS84",
    "bd09": "BD-09 (Baidu) -> WGS84",
}
_SHIFT_NAMES: Final[dict[str, str]] = {"gcj02": "GCJ-02", "bd09": "BD-09"}
_SUFFIX: Final[dict[str, str]] = {"geojson": ".geojson", "gpkg": ".gpkg", "kml": ".kml", "gpx": ".gpx"}


@dataclass(frozen=True)
class SuggestedFix:
    """A correction the user may choose to apply.

    Attributes
    ----------
    shift_from : {"gcj02", "bd09"}
        The system the coordinates may be in; :func:`apply_shift` with it
        converts them to WGS84.
    reason : str
        Why it is suggested (the hint found).
    """

    shift_from: ShiftFrom
    reason: str


@dataclass(frozen=True)
class UploadedLayer:
    """A validated upload, ready to draw.

    Attributes
    ----------
    name : str
        The file name as given (control characters removed, length capped).
    format : str
        Detected format code (a key of :data:`geo.upload._sniff.FORMATS`).
    frame : GeoDataFrame
        WGS84 (EPSG:4326) geometry and string attributes (unescaped text).
    warnings : list of str
        What was repaired, converted or skipped, one sentence each.
    fixes : list of SuggestedFix
        Shifts suggested by hints in the file; any shift in :data:`SHIFTS`
        may be applied even when none is suggested.
    encoding : str or None
        Text encoding detected for CSV/GeoJSON/KML/GPX input.
    shifted_from : str or None
        The shift already applied by :func:`apply_shift`, if any.
    """

    name: str
    format: str
    frame: gpd.GeoDataFrame
    warnings: list[str] = field(default_factory=list)
    fixes: list[SuggestedFix] = field(default_factory=list)
    encoding: str | None = None
    shifted_from: str | None = None

    @property
    def geometry_kinds(self) -> list[str]:
        """The kinds present (``point``, ``line``, ``polygon``), in that order."""
        present = {geometry_kind(g) for g in self.frame.geometry.values}
        return [k for k in ("point", "line", "polygon") if k in present]

    def split(self) -> dict[str, gpd.GeoDataFrame]:
        """One frame per geometry kind, for formats that allow a single kind (Shapefile)."""
        kinds = np.array([geometry_kind(g) for g in self.frame.geometry.values])
        return {k: self.frame[kinds == k].reset_index(drop=True) for k in self.geometry_kinds}


def _display_name(filename: object) -> str:
    name = PurePath(str(filename or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return (name or "upload")[:_MAX_NAME_CHARS]


def read_upload(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES,
                max_features: int = MAX_FEATURES, max_shapes: int = MAX_SHAPES,
                max_unzipped_bytes: int = MAX_UNZIPPED_BYTES) -> UploadedLayer:
    """Read and validate an uploaded file.

    Parameters
    ----------
    filename : str
        The name the user gave (only the extension is used, as a claim that
        the content must bear out).
    data : bytes
        The file's content.
    max_bytes, max_features, max_shapes, max_unzipped_bytes : int
        Limits on the upload size, the feature count, the count of lines and
        polygons among them and (zips) the unzipped size.

    Returns
    -------
    UploadedLayer

    Raises
    ------
    UploadError
        With every problem found in ``.problems``.
    """
    display = _display_name(filename)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise UploadError(f"cannot read {display}", [f"{display}: expected the file's bytes, got "
                                                     f"{type(data).__name__}"])
    data = bytes(data)
    if len(data) > max_bytes:
        raise UploadError(f"cannot read {display}", [
            f"{display} is {len(data):,} bytes, over the {max_bytes:,}-byte upload limit: "
            "split it, simplify its geometry or drop unneeded attributes"])
    if not data.strip():
        raise UploadError(f"cannot read {display}", [
            f"{display} is empty ({len(data)} bytes): choose the file again or export it again"])
    found = sniff(display, data)
    problems: list[str] = []
    warnings: list[str] = []
    if found.format is None:
        claim = f"the name says {FORMATS[found.claimed]}" if found.claimed else "its extension is not one we read"
        detail = f" ({found.detail})" if found.detail else ""
        problems.append(f"{display} is not a format we read: {claim}, but the content is "
                        f"{found.looks_like}{detail}. Upload GeoJSON, GeoPackage, KML, GPX, a zipped "
                        "Shapefile or a CSV with lon/lat columns")
        raise UploadError(f"cannot read {display}", problems)
    if found.claimed is not None and found.claimed != found.format:
        warnings.append(f"{display}: the name says {FORMATS[found.claimed]} but the content is "
                        f"{FORMATS[found.format]}; read as {FORMATS[found.format]}")
    with tempfile.TemporaryDirectory(prefix="yuqian-upload-") as tmp:
        raws = _read_raw(found.format, found.text, data, display, Path(tmp),
                         max_features, max_unzipped_bytes, problems, warnings)
        if not problems and not raws:
            problems.append(f"{display} holds no layer with features: check it opens in QGIS "
                            "and is not an empty export")
        frame = (_validate(raws, display, found.format, max_features, max_shapes, problems, warnings)
                 if raws else None)
    if problems or frame is None:
        raise UploadError(f"cannot use {display}", problems)
    crs_names = [r.frame.crs.name for r in raws if r.frame.crs is not None]
    hints = shift_hints(frame, display, crs_names, [h for r in raws for h in r.hints])
    fixes = [SuggestedFix(code, reason) for code, reason in hints.items()]
    for fix in fixes:
        warnings.append(f"{display} may be in {_SHIFT_NAMES[fix.shift_from]} ({fix.reason}); "
                        f"apply the {SHIFTS[fix.shift_from]} shift if points sit a few hundred metres off")
    return UploadedLayer(display, found.format, frame, warnings, fixes, found.encoding)


def _read_raw(fmt: str, text: str | None, data: bytes, display: str, tmp: Path, max_features: int,
              max_unzipped: int, problems: list[str], warnings: list[str]) -> list[RawLayer]:
    """Dispatch to the reader of the sniffed format (everything stays inside ``tmp``)."""
    if fmt == "csv":
        return read_csv_points(text or "", display, max_features, problems)
    if fmt == "shapefile_zip":
        raws: list[RawLayer] = []
        for label, shp, encoding in extract_shapefiles(data, display, tmp, max_unzipped, problems, warnings):
            for raw in read_gdal(shp, fmt, display, max_features, problems, encoding=encoding):
                raw.name = label
                raws.append(raw)
        if len(raws) > 1:
            for raw in raws:
                raw.labels = [f"{raw.name!r} {label}" for label in raw.labels]
        return raws
    if fmt in ("kml", "gpx") and text is not None and "<!ENTITY" in text.upper():
        problems.append(f"{display} declares XML entities (<!ENTITY>), which we refuse for safety; "
                        "export it again from your GIS or GPS software")
        return []
    if fmt == "kml" and text is not None and "<networklink" in text.lower():
        problems.append(f"{display} contains a <NetworkLink> to other files, which we never fetch: "
                        "save the linked features into the KML itself (or export them as GeoJSON)")
        return []
    path = tmp / f"upload{_SUFFIX[fmt]}"
    path.write_bytes(text.encode("utf-8") if fmt == "geojson" and text is not None else data)
    return read_gdal(path, fmt, display, max_features, problems)


def _validate(raws: list[RawLayer], display: str, fmt: str, max_features: int, max_shapes: int,
              problems: list[str], warnings: list[str]) -> gpd.GeoDataFrame | None:
    """Check each layer, then the whole: CRS, geometry, coordinates, limits, kinds."""
    total = sum(len(r.frame) for r in raws)
    if total > max_features:
        problems.append(f"{display} has more than {max_features:,} features (the upload limit): "
                        "split it or keep only the features you need")
        return None
    if total == 0:
        problems.append(f"{display} has no features: it is an empty layer; add features or export again")
        return None
    frames, labels = [], []
    for raw in raws:
        frame, declared = to_wgs84(raw.frame, display, warnings, problems)
        frame, raw_labels = clean_geometries(frame, raw.labels, display if len(raws) == 1 else
                                             f"{display} layer {raw.name!r}", warnings, problems)
        check_coordinates(frame, raw_labels, display, fmt, declared and fmt != "geojson", problems)
        if len(raws) > 1 and not frame.empty:
            frame = frame.assign(source_layer=raw.name)
        frames.append(frame)
        labels += raw_labels
    frames = [f for f in frames if not f.empty]
    if problems or not frames:
        return None
    merged = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry=frames[0].geometry.name,
                              crs=4326)
    kinds = pd.Series(geometry_kinds(merged.geometry.values)).value_counts()
    shapes = int(kinds.drop("point", errors="ignore").sum())
    if shapes > max_shapes:
        problems.append(f"{display} has {shapes:,} lines/polygons, more than the {max_shapes:,} accepted "
                        f"(points: up to {max_features:,}): simplify it, split it or keep only the features "
                        "you need")
        return None
    if len(kinds) > 1:
        counts = ", ".join(f"{n} {k}" for k, n in kinds.items())
        warnings.append(f"{display} mixes geometry types ({counts}); they are drawn together, and "
                        "split per type (UploadedLayer.split) for Shapefile export")
    return clean_attributes(merged, display, warnings)


def apply_shift(layer: UploadedLayer, shift_from: str) -> UploadedLayer:
    """Return a copy of ``layer`` with its coordinates moved from GCJ-02 or BD-09 to WGS84.

    Parameters
    ----------
    layer : UploadedLayer
        A layer from :func:`read_upload` (left unchanged).
    shift_from : {"gcj02", "bd09"}
        The system the coordinates are in.

    Returns
    -------
    UploadedLayer

    Raises
    ------
    UploadError
        For an unknown shift, or a layer already shifted.
    """
    if shift_from not in SHIFTS:
        raise UploadError(f"unknown shift {shift_from!r}: choose one of {', '.join(SHIFTS)}")
    if layer.shifted_from is not None:
        raise UploadError(f"{layer.name} was already shifted from {layer.shifted_from!r}: "
                          "re-read the file to try another shift")
    convert = gcj02_to_wgs84 if shift_from == "gcj02" else bd09_to_wgs84
    frame = shift_frame(layer.frame, convert).set_crs(4326, allow_override=True)
    note = f"{layer.name}: shifted {SHIFTS[shift_from]} at the user's request"
    return replace(layer, frame=frame, warnings=[*layer.warnings, note], shifted_from=shift_from)


__all__ = ["MAX_BYTES", "MAX_FEATURES", "MAX_SHAPES", "MAX_UNZIPPED_BYTES", "SHIFTS", "SuggestedFix",
           "UploadedLayer", "apply_shift", "decode_text", "geometry_kind", "geometry_kinds", "read_upload"]
