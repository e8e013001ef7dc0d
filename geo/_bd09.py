"""Private BD-09 <-> GCJ-02 conversion (Baidu's second offset on top of GCJ-02).

:mod:`geo.crs` handles WGS84 <-> GCJ-02.  Baidu maps add one more, smaller
rotation-and-shift on top of GCJ-02, called BD-09.  The formulas below are the
ones published with the open-source "coordtransform" project (the
``x_pi = pi * 3000 / 180`` constants); :func:`gcj02_to_bd09` reproduces its
reference values exactly (tested).  The published inverse is a one-step
approximation; :func:`bd09_to_gcj02` refines it by fixed-point iteration so that
the BD-09 -> GCJ-02 -> BD-09 round trip is exact to well under a millimetre.
Unlike GCJ-02, the BD-09 offset is applied everywhere (no China box).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from geo.crs import gcj02_to_wgs84, invert_by_iteration

FloatArray = npt.NDArray[np.float64]

_X_PI: Final[float] = np.pi * 3000.0 / 180.0
_BD_DLON: Final[float] = 0.0065
_BD_DLAT: Final[float] = 0.006
_TOLERANCE_DEG: Final[float] = 1e-10
_MAX_ITERATIONS: Final[int] = 10


def gcj02_to_bd09(lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Shift GCJ-02 lon/lat to BD-09 (the published forward formula).

    Parameters
    ----------
    lon, lat : array_like
        GCJ-02 longitudes and latitudes in degrees.

    Returns
    -------
    tuple of ndarray
        BD-09 longitudes and latitudes, same shape as the input.
    """
    x = np.asarray(lon, dtype=float)
    y = np.asarray(lat, dtype=float)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta) + _BD_DLON, z * np.sin(theta) + _BD_DLAT


def _bd09_to_gcj02_one_step(bd_lon: FloatArray, bd_lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    x = bd_lon - _BD_DLON
    y = bd_lat - _BD_DLAT
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta), z * np.sin(theta)


def bd09_to_gcj02(
    lon: npt.ArrayLike, lat: npt.ArrayLike, *, refine: bool = True
) -> tuple[FloatArray, FloatArray]:
    """Recover GCJ-02 lon/lat from BD-09.

    Parameters
    ----------
    lon, lat : array_like
        BD-09 longitudes and latitudes in degrees.
    refine : bool
        Iterate ``g <- g - (forward(g) - b)`` after the published one-step
        inverse (default).  ``False`` gives the published values exactly.

    Returns
    -------
    tuple of ndarray
        GCJ-02 longitudes and latitudes, same shape as the input.
    """
    bd_lon = np.asarray(lon, dtype=float)
    bd_lat = np.asarray(lat, dtype=float)
    g_lon, g_lat = _bd09_to_gcj02_one_step(bd_lon, bd_lat)
    if not refine:
        return g_lon, g_lat
    return invert_by_iteration(
        gcj02_to_bd09, bd_lon, bd_lat, g_lon, g_lat,
        tolerance_deg=_TOLERANCE_DEG, max_iterations=_MAX_ITERATIONS,
    )


def bd09_to_wgs84(lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """BD-09 -> GCJ-02 (here) -> WGS84 (:func:`geo.crs.gcj02_to_wgs84`)."""
    g_lon, g_lat = bd09_to_gcj02(lon, lat)
    return gcj02_to_wgs84(g_lon, g_lat)
