"""Checks and conversions of the edit panel's inputs (no Streamlit here).

Everything an editor types is checked before it reaches the store, and every
problem is reported at once; the store checks again on its side.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any, Final

import geopandas as gpd

from geo._edit_values import is_status_date
from geo.config import EDIT_LINE_PRECISIONS, EDIT_POINT_PRECISIONS, EDIT_TEXT_MAX_CHARS, LAYERS

#: Layers whose points can be moved, and whose lines can be redrawn.
POINT_LAYERS: Final[tuple[str, ...]] = ("projects", "logistics_parks", "townships", "tourism_stops")
LINE_LAYERS: Final[tuple[str, ...]] = ("corridors", "tourism_routes")
#: Precision classes an editor may give a moved point / a redrawn line (one home: geo.config).
POINT_PRECISIONS: Final[tuple[str, ...]] = EDIT_POINT_PRECISIONS
LINE_PRECISIONS: Final[tuple[str, ...]] = EDIT_LINE_PRECISIONS
#: Longest source or note kept, characters.
MAX_TEXT: Final[int] = EDIT_TEXT_MAX_CHARS  # one home: geo.config, which the store applies too


def editable_features(layers: Mapping[str, gpd.GeoDataFrame]) -> dict[str, tuple[str, str]]:
    """Every feature an editor can change, by its label: ``label -> (layer, id)``.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The layers shown (edited state).

    Returns
    -------
    dict of str to (str, str)
        Labels such as ``"交通通道 · 渝贵铁路 Chongqing–Guiyang Railway · co-001"``, in layer order.
    """
    found: dict[str, tuple[str, str]] = {}
    for layer in (*POINT_LAYERS, *LINE_LAYERS):
        frame = layers.get(layer)
        if frame is None or frame.empty or "id" not in frame.columns:
            continue
        layer_label = LAYERS.get(layer, (layer, layer))[0]
        for fid, name, name_en in zip(frame["id"].astype(str), frame.get("name", frame["id"]).astype(str),
                                      frame.get("name_en", frame["id"]).fillna("").astype(str), strict=True):
            found[f"{layer_label} · {name} {name_en} · {fid}".replace("  ", " ")] = (layer, fid)
    return found


def feature_kind(layer: str) -> str:
    """``point`` or ``line``: what an edit of ``layer``'s geometry draws."""
    return "point" if layer in POINT_LAYERS else "line"


def geometry_coords(geometry: Any) -> list[list[float]]:
    """The lon/lat pairs of a point or (the longest part of) a line."""
    if geometry is None or geometry.is_empty:
        return []
    if geometry.geom_type == "Point":
        return [[round(geometry.x, 6), round(geometry.y, 6)]]
    parts = list(getattr(geometry, "geoms", [geometry]))
    longest = max(parts, key=lambda part: part.length)
    return [[round(x, 6), round(y, 6)] for x, y, *_ in longest.coords]


def coords_text(coords: list[list[float]]) -> str:
    """Coordinates as the text area shows them: one ``lon, lat`` per line."""
    return "\n".join(f"{lon:.6f}, {lat:.6f}" for lon, lat in coords)


def parse_coords(value: str) -> tuple[list[list[float]], list[str]]:
    """Read pasted line coordinates: ``lon, lat`` per line (or ``;``), or GeoJSON.

    Parameters
    ----------
    value : str
        The text area's content.

    Returns
    -------
    (list of [lon, lat], list of str)
        The pairs, and every problem found (line number and reason).
    """
    text = value.strip()
    problems: list[str] = []
    if text.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            return [], [f"GeoJSON: {error.msg} (line {error.lineno})"]
        if isinstance(data, dict):
            data = (data.get("geometry") or data).get("coordinates", [])
        pairs = data if isinstance(data, list) else []
        rows = [(i + 1, p) for i, p in enumerate(pairs)]
    else:
        chunks = [c for c in re.split(r"[\n;；]+", text) if c.strip()]
        rows = [(i + 1, re.split(r"[,\s，]+", c.strip())) for i, c in enumerate(chunks)]
    coords: list[list[float]] = []
    for number, parts in rows:
        try:
            lon, lat = (float(v) for v in list(parts)[:2])
            if len(list(parts)) != 2:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(f"#{number}: expected 'lon, lat', got {parts!r}")
            continue
        problems.extend(f"#{number}: {p}" for p in position_problems(lon, lat))
        coords.append([lon, lat])
    if len(coords) < 2 and not problems:
        problems.append("a line needs at least 2 points")
    return coords, problems


def position_problems(lon: float, lat: float) -> list[str]:
    """What is wrong with a WGS84 position (empty when it is usable)."""
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return ["not a number"]
    problems = []
    if not -180.0 <= lon <= 180.0:
        problems.append(f"longitude {lon} outside -180..180")
    if not -90.0 <= lat <= 90.0:
        problems.append(f"latitude {lat} outside -90..90 (lon and lat swapped?)")
    return problems


def text_problems(source: str, note: str, *, source_required: bool = True) -> list[str]:
    """Problems of a source and a note (a source is required for every correction)."""
    problems = []
    if source_required and not source.strip():
        problems.append("edit_need_source")
    if len(source) > MAX_TEXT or len(note) > MAX_TEXT:
        problems.append(f"at most {MAX_TEXT} characters")
    return problems


def date_ok(value: str) -> bool:
    """Whether a status date is good, by the store's rule (:func:`~geo._edit_values.is_status_date`)."""
    return is_status_date(value.strip())


def geojson_geometry(kind: str, coords: list[list[float]]) -> dict[str, Any]:
    """A GeoJSON geometry from the panel's coordinates, rounded to 6 decimals (about 0.1 m)."""
    rounded = [[round(lon, 6), round(lat, 6)] for lon, lat in coords]
    if kind == "point":
        return {"type": "Point", "coordinates": rounded[0]}
    return {"type": "LineString", "coordinates": rounded}
