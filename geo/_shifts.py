"""Private: the coordinate-shift plumbing of :mod:`geo.crs` — inverting a shift by iteration, and BD-09.

Moved out of ``geo/crs.py`` (which re-exports every name here) to keep that
module short; :mod:`geo.crs` stays the one home of coordinate systems.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def invert_by_iteration(
    forward: Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]],
    target_lon: FloatArray,
    target_lat: FloatArray,
    start_lon: FloatArray,
    start_lat: FloatArray,
    *,
    tolerance_deg: float,
    max_iterations: int,
) -> tuple[FloatArray, FloatArray]:
    """Invert a slowly varying coordinate shift by fixed-point iteration.

    Iterates ``x <- x - (forward(x) - target)`` from ``start`` until every
    finite step is below ``tolerance_deg``.  The GCJ-02 and BD-09 shifts vary
    slowly, so this converges in a few steps where the published one-step
    inverses stay metres off.

    Parameters
    ----------
    forward : callable
        The shift to invert, ``(lon, lat) -> (lon, lat)`` on arrays.
    target_lon, target_lat : ndarray
        Shifted coordinates to recover the originals of.
    start_lon, start_lat : ndarray
        First guess (usually the one-step inverse).
    tolerance_deg : float
        Stop when every step is smaller than this.
    max_iterations : int
        Stop after this many steps in any case.

    Returns
    -------
    tuple of ndarray
        The recovered longitudes and latitudes.
    """
    x_lon, x_lat = start_lon, start_lat
    for _ in range(max_iterations):
        f_lon, f_lat = forward(x_lon, x_lat)
        err_lon, err_lat = f_lon - target_lon, f_lat - target_lat
        x_lon, x_lat = x_lon - err_lon, x_lat - err_lat
        finite = np.isfinite(err_lon) & np.isfinite(err_lat)
        if np.all(np.abs(err_lon[finite]) < tolerance_deg) and np.all(np.abs(err_lat[finite]) < tolerance_deg):
            break
    return x_lon, x_lat


# --- BD-09 (Baidu): a second, smaller offset on top of GCJ-02 -------------------
# The formulas are the published "coordtransform" ones (x_pi = pi*3000/180);
# the one-step published inverse is refined by fixed-point iteration so that the
# BD-09 -> GCJ-02 -> BD-09 round trip is exact to well under a millimetre.
# Unlike GCJ-02, the BD-09 offset applies everywhere (no China box).

_X_PI: Final[float] = np.pi * 3000.0 / 180.0
_BD_DLON: Final[float] = 0.0065
_BD_DLAT: Final[float] = 0.006
_BD_TOLERANCE_DEG: Final[float] = 1e-10
_BD_MAX_ITERATIONS: Final[int] = 10


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
        tolerance_deg=_BD_TOLERANCE_DEG, max_iterations=_BD_MAX_ITERATIONS,
    )
