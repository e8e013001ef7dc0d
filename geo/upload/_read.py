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
* CSV is read by :mod:`geo.upload._csv`.

Every function collects problems (plain sentences) rather than raising; the
caller raises one :class:`geo._errors.UploadError` with all of them.
"""

from __future__ import annotations

import io
import re
import stat
import warnings as _pywarnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Final

import geopandas as gpd
import pyogrio

#: Columns that hold a feature's name (its label in messages).
NAME_COLUMNS: Final[frozenset[str]] = frozenset({"name", "名称", "title"})
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
    name_col = next((c for c in frame.columns if str(c).lower() in NAME_COLUMNS), None)
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
