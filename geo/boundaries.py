"""County polygons of Qijiang and its neighbours, shipped in ``geo/data``.

The polygons (``geo/data/counties.geojson``, provenance in
``geo/data/SOURCES.md``) are used to check that every point lies in the
county it claims, to find the counties a line crosses, and to derive the
Chongqing–Guizhou border line.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import geopandas as gpd
import pyogrio


def load_counties(path: Path | None = None) -> gpd.GeoDataFrame:
    """Load county polygons (WGS84) with ``adcode``, ``name``, ``province``.

    Parameters
    ----------
    path : Path, optional
        A GeoJSON file; defaults to the shipped ``geo/data/counties.geojson``.

    Returns
    -------
    GeoDataFrame
        One row per county, sorted by ``adcode``.
    """
    if path is None:
        return _default_counties().copy()
    frame = pyogrio.read_dataframe(path)
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    return frame.sort_values("adcode").reset_index(drop=True)


@lru_cache(maxsize=1)
def _default_counties() -> gpd.GeoDataFrame:
    with resources.as_file(resources.files("geo").joinpath("data", "counties.geojson")) as path:
        return load_counties(path)
