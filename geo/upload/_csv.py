"""Private: a CSV of points read with the :mod:`csv` module (not GDAL), every bad value reported by line.

Columns of longitude and latitude are found by name in Chinese or English
(``经度``/``lon``/``x`` …); words in the header that hint at a coordinate
system (``gcj02``, ``bd09``, ``baidu`` …) are kept as hints; GBK text needs no
transcoding since the caller has decoded it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Final

import geopandas as gpd
import numpy as np
import shapely

from geo._csvsafe import restore
from geo.upload._read import RawLayer, listed

_LON_NAMES: Final[frozenset[str]] = frozenset({"lon", "lng", "long", "longitude", "x", "经度", "东经", "point_x"})
_LAT_NAMES: Final[frozenset[str]] = frozenset({"lat", "latitude", "y", "纬度", "北纬", "point_y"})
#: Coordinate-system words that may decorate a coordinate column name (``gcj_lng``).
_CRS_WORDS = re.compile(r"wgs84|wgs|gcj02|gcj|bd09|baidu|gaode|amap|cgcs2000")
_HEADER_NOISE = re.compile(r"[\s_\-.()（）\[\]【】:：]+")


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
            if "".join(row).strip():  # a row with some text in some cell; the "'" geo._csvsafe put off again
                rows.append((reader.line_num, [restore(cell) for cell in row]))
            if len(rows) > max_features:
                break
    except (csv.Error, StopIteration) as exc:
        problems.append(f"{display}: the CSV cannot be parsed ({exc}); check its quotes")
        return []
    header = [restore(h.strip()) for h in header]
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
