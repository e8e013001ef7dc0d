"""Private: turn an upload's bytes into raw GeoDataFrames, safely.

* GeoJSON, GeoPackage, KML and GPX are written to a private temporary folder
  under a fixed name with the right extension and read by GDAL (pyogrio), one
  frame per layer, at most ``max_features + 1`` features each so that a huge
  file cannot exhaust memory before the limit is reported.
* A zipped Shapefile is inspected before anything is extracted: names that
  leave the archive's folder (``../``, absolute paths, drive letters: zip-slip),
  symbolic links, encrypted members, too many members and a declared
  uncompressed total over the limit (zip bomb) are refused; only the .shp,
  .shx, .dbf, .prj and .cpg of each shapefile are then copied out, under fixed
  names, counting the bytes actually inflated (headers can lie).
* CSV is parsed with the :mod:`csv` module, not GDAL, so that every bad value
  is reported with its line number and GBK text needs no transcoding.

Every function collects problems (plain sentences) rather than raising; the
caller raises one :class:`geo._errors.UploadError` with all of them.
"""

from __future__ import annotations

import csv
import io
import math
import re
import stat
import warnings as _pywarnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Final

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

#: GPX layers holding the features themselves (not their points repeated).
GPX_LAYERS: Final[tuple[str, ...]] = ("waypoints", "routes", "tracks")
#: Most layers read from one file (a KML with many folders, a GeoPackage).
MAX_LAYERS: Final[int] = 50
#: Most members a zip may hold, and most problems listed per kind.
MAX_ZIP_MEMBERS: Final[int] = 200
MAX_LISTED: Final[int] = 10
_CHUNK: Final[int] = 1 << 16

#: Display settings GDAL's KML drivers expose as fields; not the user's attributes.
_KML_BOOKKEEPING: Final[frozenset[str]] = frozenset({
    "tessellate", "extrude", "visibility", "draworder", "altitudemode", "icon", "snippet"})
_NAME_COLUMNS: Final[frozenset[str]] = frozenset({"name", "名称", "title"})
_LON_NAMES: Final[frozenset[str]] = frozenset({"lon", "lng", "long", "longitude", "x", "经度", "东经", "point_x"})
_LAT_NAMES: Final[frozenset[str]] = frozenset({"lat", "latitude", "y", "纬度", "北纬", "point_y"})
#: Coordinate-system words that may decorate a coordinate column name (``gcj_lng``).
_CRS_WORDS = re.compile(r"wgs84|wgs|gcj02|gcj|bd09|baidu|gaode|amap|cgcs2000")
_HEADER_NOISE = re.compile(r"[\s_\-.()（）\[\]【】:：]+")


@dataclass
class RawLayer:
    """One layer as read, before validation.

    Attributes
    ----------
    name : str
        The layer's name inside the file (or the file name).
    frame : GeoDataFrame
        Geometry and raw attributes; ``crs`` is what the file declares (or None).
    labels : list of str
        Where each row came from, for messages (``feature 3``, ``line 7``).
    hints : list of str
        Words that hint at the coordinate system (column names like ``bd_lng``).
    """

    name: str
    frame: gpd.GeoDataFrame
    labels: list[str]
    hints: list[str] = field(default_factory=list)


def listed(items: Sequence[str], limit: int = MAX_LISTED) -> str:
    """Join items for a message, eliding past ``limit`` (``a, b, ... and 7 more``)."""
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} ... and {len(items) - limit} more"


# ---------------------------------------------------------------- GDAL formats

def read_gdal(path: Path, fmt: str, display: str, max_features: int,
              problems: list[str], encoding: str | None = None) -> list[RawLayer]:
    """Read every spatial layer of a GDAL-readable file.

    Parameters
    ----------
    path : Path
        The file in the private temporary folder.
    fmt : str
        Format code (``gpx`` keeps only waypoints, routes and tracks).
    display : str
        The user's file name, for messages.
    max_features : int
        Feature limit; each layer is read up to one past it.
    problems : list of str
        Problems are appended here.
    encoding : str, optional
        Text encoding to impose (shapefiles without a ``.cpg``).
    """
    try:
        layer_rows = [(str(n), g) for n, g in pyogrio.list_layers(path)]
    except Exception as exc:  # GDAL raises many types on corrupt input
        problems.append(f"{display}: GDAL cannot open it ({_gdal_message(exc)}); "
                        "check it opens in QGIS, or export it again")
        return []
    if fmt == "gpx":
        layer_rows = [(n, g) for n, g in layer_rows if n in GPX_LAYERS]
    if fmt == "gpkg":  # attribute tables beside the features (QGIS's layer_styles...) are no layers to map
        layer_rows = [(n, g) for n, g in layer_rows if g is not None] or layer_rows
    if len(layer_rows) > MAX_LAYERS:
        problems.append(f"{display} has {len(layer_rows)} layers, more than the {MAX_LAYERS} "
                        "accepted: merge them or upload fewer at a time")
        return []
    layers: list[RawLayer] = []
    for name, _geom_type in layer_rows:
        try:
            with _pywarnings.catch_warnings():  # GDAL's chatter; our own warnings say what matters
                _pywarnings.simplefilter("ignore")
                frame = pyogrio.read_dataframe(path, layer=name, max_features=max_features + 1,
                                               encoding=encoding, on_invalid="ignore", force_2d=True)
        except Exception as exc:  # corrupt layer: report, keep reading the others
            problems.append(f"{display} layer {name!r} cannot be read ({_gdal_message(exc)})")
            continue
        if not isinstance(frame, gpd.GeoDataFrame):
            frame = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([None] * len(frame)))
        if fmt == "gpx" and frame.empty:
            continue
        if fmt == "kml":
            frame = frame.drop(columns=[c for c in frame.columns if str(c).lower() in _KML_BOOKKEEPING])
        labels = _feature_labels(frame)
        if len(layer_rows) > 1:
            labels = [f"layer {name!r} {label}" for label in labels]
        layers.append(RawLayer(name, frame.reset_index(drop=True), labels))
    return layers


def _feature_labels(frame: gpd.GeoDataFrame) -> list[str]:
    """``feature 3`` (0-based, file order), with the feature's name when it has one."""
    name_col = next((c for c in frame.columns if str(c).lower() in _NAME_COLUMNS), None)
    if name_col is None:
        return [f"feature {i}" for i in range(len(frame))]
    labels = []
    for i, value in enumerate(frame[name_col].tolist()):
        text = value if isinstance(value, str) else ""
        labels.append(f"feature {i} ({text[:40]!r})" if text.strip() else f"feature {i}")
    return labels


def _gdal_message(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


# ---------------------------------------------------------------- zip

def _unsafe_reason(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "is an absolute path"
    if ".." in PurePosixPath(name).parts:
        return "climbs out of the archive's folder with '..'"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "is a symbolic link"
    if info.flag_bits & 0x1:
        return "is encrypted"
    return None


def _is_junk(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return not parts or parts[0] == "__MACOSX" or parts[-1].startswith("._") or name.endswith("/")


def extract_shapefiles(data: bytes, display: str, workdir: Path, max_uncompressed: int,
                       problems: list[str], warnings: list[str]) -> list[tuple[str, Path, str | None]]:
    """Check a zip and copy out its shapefiles' parts, refusing anything unsafe.

    Returns
    -------
    list of (str, Path, str or None)
        Each shapefile's name in the zip, its extracted ``.shp`` and the text
        encoding to impose (``None`` when a ``.cpg`` says it).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        problems.append(f"{display} is a damaged zip ({exc}); zip the shapefile's files again")
        return []
    if len(infos) > MAX_ZIP_MEMBERS:
        problems.append(f"{display} holds {len(infos)} files, more than the {MAX_ZIP_MEMBERS} accepted")
        return []
    unsafe = [f"{i.filename!r} {reason}" for i in infos if (reason := _unsafe_reason(i))]
    if unsafe:
        problems.append(f"{display}: unsafe zip entries refused (zip-slip guard): {listed(unsafe)}; "
                        "zip the files from inside their folder, without '..' or absolute paths")
        return []
    declared = sum(i.file_size for i in infos)
    if declared > max_uncompressed:
        problems.append(f"{display} would expand to {declared:,} bytes, over the {max_uncompressed:,}-byte "
                        "limit for unzipped content (zip-bomb guard): upload a smaller shapefile")
        return []
    by_stem: dict[str, dict[str, zipfile.ZipInfo]] = {}
    for info in infos:
        if _is_junk(info.filename):
            continue
        path = PurePosixPath(info.filename.replace("\\", "/"))
        by_stem.setdefault(str(path.with_suffix("")).lower(), {})[path.suffix.lower()] = info
    stems = sorted(s for s, parts in by_stem.items() if ".shp" in parts)
    if not stems:
        found = listed([i.filename for i in infos if not _is_junk(i.filename)])
        problems.append(f"{display} holds no .shp file (found: {found or 'nothing'}); a zipped "
                        "Shapefile needs the .shp, .shx, .dbf and .prj of one layer")
        return []
    budget = [max_uncompressed]
    out: list[tuple[str, Path, str | None]] = []
    for n, stem in enumerate(stems):
        parts = by_stem[stem]
        label = PurePosixPath(parts[".shp"].filename.replace("\\", "/")).name
        missing = [ext for ext in (".shx", ".dbf") if ext not in parts]
        if missing:
            problems.append(f"{display}: {label!r} lacks its {' and '.join(missing)} file(s); "
                            "zip all the files of the shapefile together")
            continue
        if ".prj" not in parts:
            warnings.append(f"{display}: {label!r} has no .prj, so its coordinate system is unknown; "
                            "it is taken as WGS84 lon/lat")
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            if ext in parts and not _copy_member(archive, parts[ext], workdir / f"layer{n}{ext}",
                                                 budget, display, problems):
                return []
        encoding = None if ".cpg" in parts else _guess_dbf_encoding(workdir / f"layer{n}.dbf")
        if encoding == "gbk":
            warnings.append(f"{display}: {label!r} has no .cpg; its text was read as GBK")
        out.append((label, workdir / f"layer{n}.shp", encoding))
    return out


def _copy_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, budget: list[int],
                 display: str, problems: list[str]) -> bool:
    """Inflate one member to ``dest``, stopping once the byte budget is spent."""
    try:
        with archive.open(info) as src, dest.open("wb") as dst:
            while chunk := src.read(_CHUNK):
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    problems.append(f"{display} inflates beyond the limit for unzipped content "
                                    "(zip-bomb guard): upload a smaller shapefile")
                    return False
                dst.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        problems.append(f"{display}: member {info.filename!r} cannot be unzipped ({exc})")
        return False
    return True


def _guess_dbf_encoding(dbf: Path) -> str:
    """UTF-8 if the DBF's records decode as UTF-8, else GBK (Chinese Windows default)."""
    raw = dbf.read_bytes()
    header_len = int.from_bytes(raw[8:10], "little") if len(raw) >= 10 else 0
    try:
        raw[header_len:].decode("utf-8")
    except UnicodeDecodeError:
        return "gbk"
    return "utf-8"


# ---------------------------------------------------------------- CSV

def _header_key(name: str) -> tuple[str, bool]:
    """A header reduced to its coordinate word, and whether it carried a CRS word."""
    low = name.strip().lstrip("\ufeff").lower()
    core = _HEADER_NOISE.sub("", _CRS_WORDS.sub("", low))
    return core, bool(_CRS_WORDS.search(low))


def _parse_number(text: str) -> float | None:
    try:  # the usual case: a plain decimal number
        value = float(text)
    except ValueError:
        pass
    else:
        return value if math.isfinite(value) else None
    return _parse_slow(text)


def _parse_slow(text: str) -> float | None:
    cleaned = text.strip().replace("\u2212", "-")
    if re.fullmatch(r"[-+]?\d+,\d+", cleaned):  # decimal comma (semicolon CSV)
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_csv_points(text: str, display: str, max_features: int, problems: list[str]) -> list[RawLayer]:
    """Read a CSV with longitude/latitude columns as points.

    The delimiter is the first of comma, semicolon or tab found in the header.
    Longitude columns: lon, lng, long, longitude, x, 经度; latitude: lat,
    latitude, y, 纬度 (case-insensitive, decorations like ``gcj_lng`` allowed,
    which also hint at the coordinate system).
    """
    lines = text.lstrip("\ufeff").splitlines()
    header_line = next((ln for ln in lines if ln.strip()), "")
    delimiter = next((d for d in (",", ";", "\t") if d in header_line), ",")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    try:
        header = next(reader)
        rows = []
        for row in reader:
            if "".join(row).strip():  # a row with some text in some cell
                rows.append((reader.line_num, row))
            if len(rows) > max_features:
                break
    except (csv.Error, StopIteration) as exc:
        problems.append(f"{display}: the CSV cannot be parsed ({exc}); check its quotes")
        return []
    header = [h.strip() for h in header]
    keys = [_header_key(h) for h in header]
    lon_idx = [i for i, (k, _) in enumerate(keys) if k in _LON_NAMES]
    lat_idx = [i for i, (k, _) in enumerate(keys) if k in _LAT_NAMES]
    if not lon_idx or not lat_idx:
        problems.append(
            f"{display} has no longitude/latitude columns (columns found: {listed([repr(h) for h in header])}); "
            "name them lon and lat (also accepted: lng/longitude/x/经度 and latitude/y/纬度)")
        return []
    if len(lon_idx) > 1 or len(lat_idx) > 1:
        problems.append(f"{display} has several longitude or latitude columns "
                        f"({listed([repr(header[i]) for i in lon_idx + lat_idx])}); keep one of each")
        return []
    if not rows:
        problems.append(f"{display} has a header but no data rows: add one row per place")
        return []
    if len(rows) > max_features:
        problems.append(f"{display} has more than {max_features:,} data rows (the upload limit): "
                        "split it or keep only the places you need")
        return []
    ilon, ilat = lon_idx[0], lat_idx[0]
    kept = [(i, h) for i, h in enumerate(header) if i not in (ilon, ilat) and h]
    hints = [header[i] for i in (ilon, ilat) if keys[i][1]]
    fast = _csv_columns(rows, len(header), ilon, ilat, kept)
    if fast is not None:  # every coordinate a finite number: read column by column
        xy, columns = fast
        frame = gpd.GeoDataFrame(columns, geometry=shapely.points(xy), crs=None, index=range(len(rows)))
        return [RawLayer(display, frame, [f"line {line_no}" for line_no, _ in rows], hints)]
    lons: list[float] = []
    lats: list[float] = []
    records, labels, bad = [], [], []
    width = len(header)
    for line_no, row in rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        lon_text, lat_text = row[ilon], row[ilat]
        lon, lat = _parse_number(lon_text), _parse_number(lat_text)
        if lon is None or lat is None:
            for col, raw, val in ((header[ilon], lon_text, lon), (header[ilat], lat_text, lat)):
                if val is None:
                    what = " is empty" if not raw.strip() else f"={raw.strip()!r} is not a decimal number"
                    bad.append(f"line {line_no}: {col}{what}")
            continue
        lons.append(lon)
        lats.append(lat)
        records.append({h: row[i] for i, h in kept})
        labels.append(f"line {line_no}")
    geoms = list(shapely.points(np.column_stack([lons, lats]))) if lons else []
    if bad:
        problems.append(f"{display}: bad coordinates: {listed(bad)}; write decimal degrees such as "
                        "106.65 and 28.75 (no °′″, no empty cells)")
    frame = gpd.GeoDataFrame(records, geometry=geoms, crs=None) if geoms else gpd.GeoDataFrame(
        geometry=gpd.GeoSeries([], dtype="geometry"))
    return [RawLayer(display, frame, labels, hints)]


def _csv_columns(rows: list[tuple[int, list[str]]], width: int, ilon: int, ilat: int,
                 kept: list[tuple[int, str]]) -> tuple[np.ndarray, dict[str, list[str]]] | None:
    """Coordinates (n x 2) and kept columns of CSV rows whose coordinates all parse; else ``None``.

    The usual file, read without a Python loop per value: ``float`` over whole
    columns.  Any empty, non-decimal or non-finite coordinate returns ``None``,
    and the caller reads the rows one by one to name every bad line.
    """
    padded = [row if len(row) >= width else row + [""] * (width - len(row)) for _, row in rows]
    try:
        lon = np.fromiter(map(float, (row[ilon] for row in padded)), dtype=float, count=len(padded))
        lat = np.fromiter(map(float, (row[ilat] for row in padded)), dtype=float, count=len(padded))
    except ValueError:
        return None
    if not (np.isfinite(lon).all() and np.isfinite(lat).all()):
        return None
    return np.column_stack([lon, lat]), {h: [row[i] for row in padded] for i, h in kept}
