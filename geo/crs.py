"""Output coordinate systems: WGS84, CGCS2000, GCJ-02 and the projected systems of the area.

The layers are stored in WGS84 (EPSG:4326).  Exports can be written in

* ``wgs84``    -- EPSG:4326, what GPS receivers, OpenStreetMap and most GIS use;
* ``cgcs2000`` -- EPSG:4490, China's official geodetic frame.  CGCS2000 and the
  current WGS84 realisation agree to a few centimetres, far below the precision
  of any record here (township seats, schematic lines), and no official
  transformation grid exists between them, so the coordinates are kept and only
  the CRS label changes -- exactly what GIS software does (a "ballpark"
  transformation);
* ``gcj02``    -- the obfuscated system that Chinese web maps (Gaode/AMap,
  Tencent) require.  It has no EPSG code: it is WGS84 plus a deliberate,
  non-linear offset of a few hundred metres.  Files in GCJ-02 are labelled
  with :func:`gcj02_crs` (a custom geographic CRS named "GCJ-02 ...") and with
  ``gcj02`` in their names;
* projected systems in metres, for measuring (:data:`PROJECTED_CRSES`): CGCS2000
  3-degree Gauss–Krüger with central meridian 105°E or 108°E (EPSG:4544/4545,
  false easting 500 km; and the zone-numbered EPSG:4523/4524, zones 35/36, whose
  eastings carry the zone number in front) and WGS 84 / UTM 48N (EPSG:32648).
  The pilot zone (105.85–107.27°E) straddles 106.5°E, the edge of the two
  Gauss–Krüger zones: its scale factor is 1.00006–1.00055 in CM 108°E,
  1.00008–1.00062 in CM 105°E and 0.99968–1.00022 in UTM 48N (pyproj), so a
  planar length is within 0.07 % of the geodesic one.  CGCS2000 systems are
  reached as ``cgcs2000`` is (coordinates kept, then projected).

The GCJ-02 forward formula is the one published with the open-source
"eviltransform" and "coordtransform" projects (Krasovsky 1940 ellipsoid
constants, offsets in metres turned into degrees).  We implement it here,
vectorised with numpy, instead of depending on those packages: the Python ones
on the package index are unmaintained or only offer the one-step inverse whose
error reaches several metres, while this module needs an inverse better than
1 m (see :func:`gcj02_to_wgs84`).  Coordinates outside China's bounding box are
returned unchanged, as every implementation of the convention does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
import shapely
from geopandas import GeoDataFrame, GeoSeries
from pyproj import CRS

from geo._errors import ExportError
from geo._shifts import bd09_to_gcj02 as bd09_to_gcj02
from geo._shifts import gcj02_to_bd09 as gcj02_to_bd09
from geo._shifts import invert_by_iteration as invert_by_iteration
from geo.config import COORD_DECIMALS

FloatArray = npt.NDArray[np.float64]

#: Semi-major axis and squared eccentricity of the Krasovsky 1940 ellipsoid,
#: the constants of the published GCJ-02 formula.
_GCJ_A: Final[float] = 6378245.0
_GCJ_EE: Final[float] = 0.00669342162296594323

#: China's bounding box used by the convention: (lon_min, lon_max, lat_min, lat_max).
CHINA_BBOX: Final[tuple[float, float, float, float]] = (72.004, 137.8347, 0.8293, 55.8271)

#: Stop the inverse iteration once a step is below this (degrees, ~1 mm).
_INVERSE_TOLERANCE_DEG: Final[float] = 1e-8
_INVERSE_MAX_ITERATIONS: Final[int] = 30


@dataclass(frozen=True)
class OutputCrs:
    """One coordinate system an export can be written in.

    Attributes
    ----------
    code : str
        The name used on the command line and in file names (``wgs84``...).
    label : str
        Human-readable name written into file metadata.
    epsg : int or None
        The EPSG code, or ``None`` for GCJ-02, which has none.
    """

    code: str
    label: str
    epsg: int | None
    label_zh: str = ""
    projected: bool = False

    @property
    def bilingual_label(self) -> str:
        """``中文 English`` label, Chinese first."""
        return f"{self.label_zh} {self.label}".strip()

    @property
    def decimals(self) -> int:
        """Decimals written to text formats: 6 for degrees (~0.1 m), 3 for metres (1 mm)."""
        return 3 if self.projected else COORD_DECIMALS

    def pyproj_crs(self) -> CRS:
        """The CRS to record in files (a custom, named one for GCJ-02)."""
        return CRS.from_epsg(self.epsg) if self.epsg is not None else gcj02_crs()

    @property
    def authority_label(self) -> str:
        """``EPSG:4326``, ``EPSG:4490`` or ``GCJ-02`` (no authority code)."""
        return f"EPSG:{self.epsg}" if self.epsg is not None else "GCJ-02"


#: The projected systems (metres) an analyst of the pilot zone measures in, by command-line code.
PROJECTED_CRSES: Final[dict[str, OutputCrs]] = {
    "cgcs2000_cm108": OutputCrs(
        "cgcs2000_cm108", "CGCS2000 / 3-degree Gauss-Kruger CM 108E (EPSG:4545), metres", 4545,
        "CGCS2000 高斯-克吕格3度带 中央经线108°E", projected=True),
    "cgcs2000_cm105": OutputCrs(
        "cgcs2000_cm105", "CGCS2000 / 3-degree Gauss-Kruger CM 105E (EPSG:4544), metres", 4544,
        "CGCS2000 高斯-克吕格3度带 中央经线105°E", projected=True),
    "cgcs2000_3gk36": OutputCrs(
        "cgcs2000_3gk36", "CGCS2000 / 3-degree Gauss-Kruger zone 36 (EPSG:4524), metres, zone in the easting",
        4524, "CGCS2000 高斯-克吕格3度带 第36带（东坐标带带号）", projected=True),
    "cgcs2000_3gk35": OutputCrs(
        "cgcs2000_3gk35", "CGCS2000 / 3-degree Gauss-Kruger zone 35 (EPSG:4523), metres, zone in the easting",
        4523, "CGCS2000 高斯-克吕格3度带 第35带（东坐标带带号）", projected=True),
    "utm48n": OutputCrs("utm48n", "WGS 84 / UTM zone 48N (EPSG:32648), metres", 32648,
                        "WGS 84 UTM 第48带（北）", projected=True),
}

#: The projected system of the QGIS project's map and layout when the export is in degrees:
#: the Gauss–Krüger zone holding most of the pilot zone (106.5–109.5°E).
MEASURING_CRS: Final[str] = "cgcs2000_cm108"

#: The coordinate systems offered by the exports, by command-line code.
OUTPUT_CRSES: Final[dict[str, OutputCrs]] = {
    "wgs84": OutputCrs("wgs84", "WGS 84 (EPSG:4326)", 4326, "WGS 84 经纬度"),
    "cgcs2000": OutputCrs("cgcs2000", "China Geodetic Coordinate System 2000 (EPSG:4490)", 4490,
                          "2000国家大地坐标系 经纬度"),
    "gcj02": OutputCrs(
        "gcj02",
        "GCJ-02 (WGS 84 with the Chinese obfuscation offset, for Gaode/Tencent maps; no EPSG code)",
        None, "GCJ-02 火星坐标（高德、腾讯地图）",
    ),
    **PROJECTED_CRSES,
}


def output_crs(code: str) -> OutputCrs:
    """Look up an output CRS by its code, or raise a clear :class:`ExportError`."""
    try:
        return OUTPUT_CRSES[code]
    except KeyError:
        raise ExportError(
            f"unknown CRS {code!r}: choose one of {', '.join(OUTPUT_CRSES)}"
        ) from None


@cache
def gcj02_crs() -> CRS:
    """A custom geographic CRS named GCJ-02, used only as a label in files.

    GCJ-02 is not a datum but an offset applied to WGS84 coordinates, so the
    label has WGS84's datum and axes; its name tells GIS users what the
    coordinates are.  Never use it to *transform* data (that would be the
    identity): use :func:`wgs84_to_gcj02` / :func:`gcj02_to_wgs84`.
    """
    # The datum's own name keeps GDAL and pyproj from matching the label to
    # EPSG:4326, which would silently relabel GCJ-02 data as WGS84.
    wkt = (
        'GEOGCRS["GCJ-02",'
        'DATUM["GCJ-02 (World Geodetic System 1984 with Chinese obfuscation offset)",'
        'ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]],'
        'PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],'
        "CS[ellipsoidal,2],"
        'AXIS["geodetic latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],'
        'AXIS["geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",0.0174532925199433]],'
        'REMARK["Coordinates for Gaode/AMap and Tencent maps: WGS 84 shifted by the GCJ-02 '
        'algorithm. Not an EPSG system."]]'
    )
    return CRS.from_wkt(wkt)


def in_china(lon: npt.ArrayLike, lat: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Whether each point lies in the box where GCJ-02 offsets apply."""
    lon_arr = np.asarray(lon, dtype=float)
    lat_arr = np.asarray(lat, dtype=float)
    lon_min, lon_max, lat_min, lat_max = CHINA_BBOX
    return (lon_arr >= lon_min) & (lon_arr <= lon_max) & (lat_arr >= lat_min) & (lat_arr <= lat_max)


def _gcj02_offset(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The GCJ-02 offset (degrees of lon, lat) at WGS84 points inside China."""
    x = lon - 105.0
    y = lat - 35.0
    sqrt_abs_x = np.sqrt(np.abs(x))
    common = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    d_lat_m = (
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt_abs_x
        + common
        + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    )
    d_lon_m = (
        300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt_abs_x
        + common
        + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    )
    rad_lat = np.radians(lat)
    magic = 1.0 - _GCJ_EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = (d_lat_m * 180.0) / ((_GCJ_A * (1.0 - _GCJ_EE)) / (magic * sqrt_magic) * np.pi)
    d_lon = (d_lon_m * 180.0) / (_GCJ_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return d_lon, d_lat


def wgs84_to_gcj02(lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Shift WGS84 lon/lat to GCJ-02; points outside China are returned unchanged.

    Parameters
    ----------
    lon, lat : array_like
        WGS84 longitudes and latitudes in degrees (scalars or arrays).

    Returns
    -------
    tuple of ndarray
        GCJ-02 longitudes and latitudes, same shape as the input.
    """
    lon_arr = np.array(lon, dtype=float)
    lat_arr = np.array(lat, dtype=float)
    inside = in_china(lon_arr, lat_arr)
    d_lon, d_lat = _gcj02_offset(lon_arr, lat_arr)
    return np.where(inside, lon_arr + d_lon, lon_arr), np.where(inside, lat_arr + d_lat, lat_arr)


def gcj02_to_wgs84(lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Recover WGS84 lon/lat from GCJ-02 by fixed-point iteration.

    The one-step inverse ``w = g - offset(g)`` used by most libraries is off by
    up to a few metres, because the offset at ``g`` is not the offset at ``w``.
    Iterating ``w <- w - (forward(w) - g)`` converges fast (the offset varies
    slowly, so the map is a contraction); we stop when the step is below
    ~1 mm, which makes the GCJ-02 -> WGS84 -> GCJ-02 round trip exact to
    well under a centimetre.  Points outside China are returned unchanged.
    """
    gcj_lon = np.array(lon, dtype=float)
    gcj_lat = np.array(lat, dtype=float)
    inside = in_china(gcj_lon, gcj_lat)
    d_lon, d_lat = _gcj02_offset(gcj_lon, gcj_lat)

    def forward(w_lon: FloatArray, w_lat: FloatArray) -> tuple[FloatArray, FloatArray]:
        o_lon, o_lat = _gcj02_offset(w_lon, w_lat)
        return w_lon + o_lon, w_lat + o_lat

    wgs_lon, wgs_lat = invert_by_iteration(
        forward, gcj_lon, gcj_lat, gcj_lon - d_lon, gcj_lat - d_lat,
        tolerance_deg=_INVERSE_TOLERANCE_DEG, max_iterations=_INVERSE_MAX_ITERATIONS,
    )
    return np.where(inside, wgs_lon, gcj_lon), np.where(inside, wgs_lat, gcj_lat)


def bd09_to_wgs84(lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """BD-09 -> GCJ-02 (here) -> WGS84 (:func:`geo.crs.gcj02_to_wgs84`)."""
    g_lon, g_lat = bd09_to_gcj02(lon, lat)
    return gcj02_to_wgs84(g_lon, g_lat)


#: The systems an upload's coordinates can be shifted from (to WGS84).
ShiftFrom = Literal["gcj02", "bd09"]

LonLatShift = Callable[[npt.ArrayLike, npt.ArrayLike], tuple[FloatArray, FloatArray]]


def shift_frame(frame: GeoDataFrame, convert: LonLatShift) -> GeoDataFrame:
    """A copy of a lon/lat layer with every coordinate moved by ``convert``.

    The one place where a frame shift (WGS84 <-> GCJ-02, BD-09 -> WGS84) is
    applied to geometries: the exports, the viewer's Gaode basemap and the
    upload all go through it.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Layer in lon/lat (left unchanged).
    convert : callable
        ``(lon, lat) -> (lon, lat)`` on arrays, e.g. :func:`wgs84_to_gcj02`.

    Returns
    -------
    geopandas.GeoDataFrame
        The same rows and columns with moved geometries; the CRS label is kept
        (relabel it if the frame changed system).
    """
    def move(coords: FloatArray) -> FloatArray:
        lon, lat = convert(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    shifted = frame.copy()
    moved = shapely.transform(np.asarray(frame.geometry.values), move)
    shifted[frame.geometry.name] = GeoSeries(moved, index=frame.index, crs=frame.crs)
    return shifted


def shift_to_gcj02(frame: GeoDataFrame) -> GeoDataFrame:
    """A copy of a WGS84 layer in GCJ-02 (for Gaode tiles); the CRS label is kept (Leaflet draws lon/lat)."""
    return shift_frame(frame, wgs84_to_gcj02)


def to_output_crs(frame: GeoDataFrame, code: str) -> GeoDataFrame:
    """Return a copy of a WGS84 layer expressed in the output CRS ``code``.

    A layer without a CRS is taken as WGS84 (the data contract); a layer in
    another CRS is first transformed to WGS84.
    """
    target = output_crs(code)
    if frame.crs is None:
        frame = frame.set_crs(4326)
    elif frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    if target.projected:  # (a null geometry stays null)
        return frame.to_crs(target.epsg)
    out = shift_to_gcj02(frame) if target.code == "gcj02" else frame.copy()
    return out.set_crs(target.pyproj_crs(), allow_override=True)
