"""Private: validate and clean an uploaded layer (CRS, geometry, coordinates, attributes).

The checks and what each can honestly know:

* **CRS** -- a declared projected or non-WGS84 CRS is transformed to WGS84 and
  reported as a warning.  With no CRS the coordinates are taken as lon/lat,
  which the coordinate checks then test.
* **projected without CRS** -- lon/lat never exceed 180/90, so values in the
  thousands are metres of some projection; the file is refused with the CRS
  codes that fit this region.
* **swapped** -- a point that is out of range (or lands outside China) as
  (x, y) but inside China as (y, x) has its axes swapped; refused.
* **GCJ-02 / BD-09** -- these are WGS84 plus a smooth offset of a few hundred
  metres, so *no numeric test* can tell them apart from WGS84 for one
  arbitrary file.  We only look for explicit hints (a ``coord_sys``/``crs``
  column, a CRS name, a decorated coordinate column, the file name) and, when
  one is found, warn and suggest the matching shift.  The shift is always
  available through :func:`geo.upload.apply_shift`, hint or not.
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.errors
from pyproj import CRS

from geo.crs import CHINA_BBOX, ShiftFrom
from geo.upload._read import listed

#: Longest attribute value and column name kept (longer ones are cut, with a warning).
MAX_VALUE_CHARS: Final[int] = 2000
MAX_NAME_CHARS: Final[int] = 64
#: Above this absolute value a "degree" must be a projected metre.
PROJECTED_MIN: Final[float] = 10_000.0

_HINT_COLUMNS = re.compile(r"^(coord_?sys(tem)?|coordinate_?system|crs|srs|datum|坐标系(统)?)$", re.I)
_GCJ_WORDS = re.compile(r"gcj|火星|国测局|高德|gaode|amap|腾讯|tencent|qq地图", re.I)
_BD_WORDS = re.compile(r"bd-?09|baidu|百度", re.I)
#: CRS codes suggested for projected data of this region.
_REGION_CRS_HINT: Final[str] = (
    "EPSG:4544 (CGCS2000 / 3-degree Gauss-Kruger CM 105E), EPSG:4545 (CM 108E) "
    "or EPSG:32648 (WGS 84 / UTM zone 48N)"
)

_KIND = {"Point": "point", "MultiPoint": "point", "LineString": "line", "MultiLineString": "line",
         "LinearRing": "line", "Polygon": "polygon", "MultiPolygon": "polygon"}


#: shapely type ids -> kind (0 Point, 1 LineString, 2 LinearRing, 3 Polygon, 4-6 Multi*, 7 collection).
_KIND_BY_TYPE_ID: Final[np.ndarray] = np.array(["point", "line", "line", "polygon", "point", "line", "polygon",
                                               "other"], dtype=object)
_COLLECTION_TYPE_ID: Final[int] = 7


def geometry_kind(geom: object) -> str:
    """``point``, ``line``, ``polygon`` or ``other`` for one geometry."""
    return _KIND.get(getattr(geom, "geom_type", ""), "other")


def geometry_kinds(geoms: object) -> np.ndarray:
    """:func:`geometry_kind` of every geometry of an array (vectorised; ``other`` for missing ones)."""
    ids = np.asarray(shapely.get_type_id(np.asarray(geoms, dtype=object)))
    kinds = np.full(len(ids), "other", dtype=object)
    known = (ids >= 0) & (ids < len(_KIND_BY_TYPE_ID))
    kinds[known] = _KIND_BY_TYPE_ID[ids[known]]
    return kinds


def to_wgs84(frame: gpd.GeoDataFrame, display: str, warnings: list[str],
             problems: list[str]) -> tuple[gpd.GeoDataFrame, bool]:
    """Transform a frame with a declared CRS to EPSG:4326.

    Returns
    -------
    tuple of (GeoDataFrame, bool)
        The frame (with ``crs`` set to EPSG:4326) and whether a CRS was declared.
    """
    crs = frame.crs
    if crs is None:
        return frame.set_crs(4326), False
    if crs.equals(CRS.from_epsg(4326)) or crs.to_epsg() in (4326, 4490) or _is_label_only(crs):
        return frame.set_crs(4326, allow_override=True), True
    try:
        out = frame.to_crs(4326)
    except Exception as exc:  # pyproj raises several types for odd CRSes
        problems.append(f"{display}: its coordinate system {crs.name!r} cannot be converted to WGS84 "
                        f"({str(exc)[:120]}); reproject it to EPSG:4326 before uploading")
        return frame.set_crs(4326, allow_override=True), True
    warnings.append(f"{display}: converted from {crs.name!r} to WGS84 lon/lat (EPSG:4326)")
    return out, True


def _is_label_only(crs: CRS) -> bool:
    """A geographic CRS on WGS84's ellipsoid used only as a label (e.g. 'GCJ-02 ...')."""
    return bool(crs.is_geographic and crs.ellipsoid and crs.ellipsoid.name == "WGS 84")


def clean_geometries(frame: gpd.GeoDataFrame, labels: list[str], display: str,
                     warnings: list[str], problems: list[str]) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Drop missing geometries, explode collections, repair invalid ones.

    Returns the cleaned frame and its row labels (kept parallel to the rows).
    """
    geoms = frame.geometry.values
    missing = np.asarray(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if missing.all():
        problems.append(f"{display}: none of its {len(frame)} feature(s) has a geometry; "
                        "add points/lines/polygons (for a CSV: lon and lat columns)")
        return frame.iloc[0:0], []
    if missing.any():
        gone = [labels[i] for i in np.flatnonzero(missing)]
        warnings.append(f"{display}: {len(gone)} feature(s) without geometry were skipped: {listed(gone)}")
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    bad_rows = owner[~np.isfinite(coords).all(axis=1)]
    finite = np.ones(len(geoms), dtype=bool)
    finite[bad_rows] = False
    not_finite = ~missing & ~finite
    if not_finite.any():
        problems.append(f"{display}: coordinates that are not numbers (NaN or infinite): "
                        f"{listed([labels[i] for i in np.flatnonzero(not_finite)])}; fix or remove them")
    keep = np.flatnonzero(~missing & finite)
    frame = frame.iloc[keep].reset_index(drop=True)
    labels = [labels[i] for i in keep]
    collections = [int(i) for i in np.flatnonzero(shapely.get_type_id(frame.geometry.values) == _COLLECTION_TYPE_ID)]
    if collections:
        warnings.append(f"{display}: geometry collections split into their parts: "
                        f"{listed([labels[i] for i in collections])}")
        frame, labels = _explode(frame, labels, set(collections))
    invalid = np.flatnonzero(~np.asarray(shapely.is_valid(frame.geometry.values)))
    repaired: list[str] = []
    unrepairable: list[str] = []
    new_geoms = list(frame.geometry.values) if len(invalid) else []
    for i in invalid:
        geom = new_geoms[i]
        with np.errstate(all="ignore"):  # huge coordinates overflow; the range check reports them
            reason = shapely.is_valid_reason(geom)
            try:
                fixed = _same_kind_part(shapely.make_valid(geom), geometry_kind(geom))
            except shapely.errors.GEOSException:
                fixed = None
        if fixed is None or fixed.is_empty or not fixed.is_valid:
            unrepairable.append(f"{labels[i]} ({reason})")
        else:
            new_geoms[i] = fixed
            repaired.append(f"{labels[i]} ({reason})")
    if repaired:
        frame = frame.set_geometry(gpd.GeoSeries(new_geoms, index=frame.index, crs=frame.crs))
        warnings.append(f"{display}: invalid geometry repaired with make_valid (check the shapes): "
                        f"{listed(repaired)}")
    if unrepairable:
        problems.append(f"{display}: invalid geometry that cannot be repaired: {listed(unrepairable)}; "
                        "redraw those features (a polygon needs 3+ distinct corners, a line 2+ points)")
    return frame, labels


def _explode(frame: gpd.GeoDataFrame, labels: list[str],
             rows: set[int]) -> tuple[gpd.GeoDataFrame, list[str]]:
    parts, new_labels = [], []
    for i in range(len(frame)):
        geom = frame.geometry.iloc[i]
        members = [g for g in geom.geoms if not g.is_empty] if i in rows else [geom]
        for geom_part in members:
            row = frame.iloc[[i]].copy()
            row = row.set_geometry(gpd.GeoSeries([geom_part], index=row.index, crs=frame.crs))
            parts.append(row)
            new_labels.append(labels[i])
    if not parts:
        return frame.iloc[0:0], []
    out = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=frame.crs)
    return out, new_labels


def _same_kind_part(geom: shapely.Geometry, kind: str) -> shapely.Geometry | None:
    """Keep the parts of a repaired geometry of the original's dimension."""
    if geometry_kind(geom) == kind:
        return geom
    if geom.geom_type == "GeometryCollection":
        same = [g for g in geom.geoms if geometry_kind(g) == kind]
        if same:
            return shapely.union_all(same)
    return None


def _in_china(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    lon_min, lon_max, lat_min, lat_max = CHINA_BBOX
    return (x >= lon_min) & (x <= lon_max) & (y >= lat_min) & (y <= lat_max)


#: How to give a CRS, per format.
_CRS_FIX: Final[dict[str, str]] = {
    "shapefile_zip": "put the shapefile's .prj in the zip",
    "gpkg": "set the layer's CRS in your GIS and save the GeoPackage again",
    "csv": "convert x/y to longitude/latitude (EPSG:4326) in your GIS first",
}


def check_coordinates(frame: gpd.GeoDataFrame, labels: list[str], display: str, fmt: str,
                      declared_crs: bool, problems: list[str]) -> None:
    """Report non-finite, projected-looking, swapped and out-of-range coordinates."""
    if frame.empty:
        return
    bounds = shapely.bounds(frame.geometry.values)  # minx, miny, maxx, maxy per feature
    finite = np.isfinite(bounds).all(axis=1)  # non-finite ones were reported by clean_geometries
    b = np.where(np.isfinite(bounds), bounds, 0.0)
    biggest = np.max(np.abs(b), axis=1)
    projected = finite & (biggest > PROJECTED_MIN)
    if projected.any():
        i = int(np.flatnonzero(projected)[0])
        x, y = _example_xy(frame.geometry.iloc[i])
        where = "although the file says WGS84" if declared_crs else "and the file declares no CRS"
        problems.append(
            f"{display}: coordinates look projected (metres), not lon/lat, {where}: "
            f"{labels[i]} has x={x!r}, y={y!r} ({int(projected.sum())} feature(s) like it). "
            f"Give the CRS: {_CRS_FIX.get(fmt, 'reproject to WGS84 lon/lat (EPSG:4326) first')}; "
            f"for this region it is often {_REGION_CRS_HINT}")
    rest = finite & ~projected
    out_x = (np.abs(b[:, 0]) > 180) | (np.abs(b[:, 2]) > 180)
    out_y = (np.abs(b[:, 1]) > 90) | (np.abs(b[:, 3]) > 90)
    cx, cy = b[:, 0] / 2 + b[:, 2] / 2, b[:, 1] / 2 + b[:, 3] / 2  # no overflow near 1e308
    fits_swapped = (np.abs(b[:, [0, 2]]) <= 90).all(axis=1) & (np.abs(b[:, [1, 3]]) <= 180).all(axis=1)
    swapped_china = _in_china(cy, cx) & ~_in_china(cx, cy)
    swapped = rest & fits_swapped & ((out_x | out_y) | swapped_china) & _in_china(cy, cx)
    if swapped.any():
        i = int(np.flatnonzero(swapped)[0])
        x, y = _example_xy(frame.geometry.iloc[i])
        problems.append(
            f"{display}: coordinates look swapped (latitude written first): {labels[i]} has "
            f"x={x!r}, y={y!r}, which lands in China only as lon={y!r}, lat={x!r} "
            f"({int(swapped.sum())} feature(s) like it). Put longitude first (x=lon, y=lat), "
            "or for a CSV check which column is lon and which is lat")
    out_range = rest & ~swapped & (out_x | out_y)
    if out_range.any():
        bad = []
        for position in np.flatnonzero(out_range).tolist():
            x, y = _example_xy(frame.geometry.iloc[position])
            bad.append(f"{labels[position]} (x={x!r}, y={y!r})")
        problems.append(f"{display}: coordinates outside the valid range (longitude -180..180, "
                        f"latitude -90..90): {listed(bad)}; fix the values or give the right CRS")


def _example_xy(geom: shapely.Geometry) -> tuple[float, float]:
    coords = shapely.get_coordinates(geom)
    bad = [c for c in coords if abs(c[0]) > 180 or abs(c[1]) > 90]
    x, y = (bad or list(coords))[0]
    return _short(x), _short(y)


def _short(value: float) -> float:
    return round(float(value), 6)


def shift_hints(frame: gpd.GeoDataFrame, display: str, crs_names: list[str],
                column_hints: list[str]) -> dict[ShiftFrom, str]:
    """Look for explicit signs of GCJ-02 or BD-09: returns ``{"gcj02"|"bd09": reason}``."""
    found: dict[ShiftFrom, str] = {}

    def note(text: str, reason: str) -> None:
        if _BD_WORDS.search(text):
            found.setdefault("bd09", reason)
        elif _GCJ_WORDS.search(text):
            found.setdefault("gcj02", reason)

    for column in frame.columns:
        if column != frame.geometry.name and _HINT_COLUMNS.match(str(column).strip()):
            values = sorted({str(v) for v in frame[column].dropna().unique()[:20]})
            for value in values:
                note(value, f"column {column!r} says {value!r}")
    for name in crs_names:
        note(name, f"its CRS is named {name!r}")
    for header in column_hints:
        note(header, f"its coordinate column is named {header!r}")
    note(display, f"the file name {display!r} suggests it")
    return found


def clean_attributes(frame: gpd.GeoDataFrame, display: str, warnings: list[str]) -> gpd.GeoDataFrame:
    """Make every attribute a plain string: names unique and capped, values capped, empties dropped.

    Values stay unescaped text (escaping belongs to the HTML layer, see
    :func:`geo._html.escape_text`); this only guarantees ``str`` everywhere,
    no NaN, no bytes, and bounded lengths.
    """
    geometry = frame.geometry.values
    columns: dict[str, list[str]] = {}
    cut = 0
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        name = _control_free(str(column)).strip()[:MAX_NAME_CHARS] or "field"
        if name.lower() == "geometry":
            name = "geometry_attr"
        base, n = name, 2
        while name in columns:
            name, n = f"{base}_{n}", n + 1
        values = [v if type(v) is str and v.isprintable() else _as_text(v) for v in frame[column].tolist()]
        if values and max(map(len, values)) > MAX_VALUE_CHARS:
            cut += sum(len(v) > MAX_VALUE_CHARS for v in values)
            values = [v[:MAX_VALUE_CHARS] for v in values]
        if any(values):
            columns[name] = values
    if cut:
        warnings.append(f"{display}: {cut} attribute value(s) longer than {MAX_VALUE_CHARS} "
                        "characters were cut")
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries(geometry), crs=frame.crs)


def _control_free(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n" or ch.isprintable())


def _as_text(value: Any) -> str:
    if type(value) is str:  # the usual case, fast
        return value if value.isprintable() else _control_free(value)
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return "" if math.isnan(value) else str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<binary, {len(bytes(value))} bytes>"
    try:
        if pd.isna(value):  # NaT, pd.NA
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return _control_free(str(value))
