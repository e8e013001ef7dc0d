"""The map's features sent once, as a file, and picked by position on every filter change.

Embedding every feature in the map script would send all of them (styles,
tooltips, popups) over the websocket again on every filter change.  Instead
:func:`map_data_text` writes the prepared features of every layer once per data
set, language and CRS into a JSON file that the Streamlit server serves (a
folder registered like :mod:`geo.view.files._assets`, under a content-hash name), and
each data group carries only the positions of the features it shows
(:class:`IndexedGeoJson`).  The browser fetches the file once per map and keeps
it; a redraw then costs a few bytes of positions.

Coordinates are rounded to :data:`VIEW_DECIMALS` decimals (about 1 m), the
county polygons and the border are simplified by :data:`SIMPLIFY_DEG` for
display, and above :data:`CANVAS_MIN_FEATURES` features the data are drawn on a
canvas instead of as SVG elements.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo._geojson import geometry_to_dict
from geo.config import CONTEXT_LAYERS
from geo.view.files import publish_text, served_folder
from geo.view.map._popups import bind_js

#: Decimals of the coordinates sent to the browser (1e-5 degree is about 1 m).
VIEW_DECIMALS: Final[int] = 5
#: Simplification of the context polygons and lines for display, degrees (~30 m).
SIMPLIFY_DEG: Final[float] = 0.0003
SIMPLIFIED_LAYERS: Final[frozenset[str]] = CONTEXT_LAYERS
#: From this many features (all layers) on, the data are drawn on a canvas.
CANVAS_MIN_FEATURES: Final[int] = 1500
COMPONENT_NAME: Final[str] = "map_data"
COMPONENT_FULL_NAME: Final[str] = f"{__name__}.{COMPONENT_NAME}"

@dataclass(frozen=True)
class MapData:
    """A published features file: its URL and the row labels of each layer, in file order."""

    url: str
    index: Mapping[str, pd.Index] = field(default_factory=dict)
    canvas: bool = False

    def spans(self, layer: str, labels: pd.Index) -> list[int] | None:
        """Positions of ``labels`` in ``layer`` as flat ``[start, length, ...]`` runs; ``None`` for all."""
        full = self.index.get(layer)
        if full is None:
            return []
        return position_runs(full, labels)


def position_runs(full: pd.Index, labels: pd.Index) -> list[int] | None:
    """Positions of ``labels`` in ``full`` as flat ``[start, length, ...]`` runs.

    A redraw sends these runs instead of the features: the browser already holds
    every feature in file order, so consecutive kept rows compress to one pair.

    Parameters
    ----------
    full : pandas.Index
        Row labels of the whole layer, in file order.
    labels : pandas.Index
        Row labels of the kept rows; labels not in ``full`` are ignored.

    Returns
    -------
    list of int or None
        ``None`` when every row is kept in order, else the runs (empty: none kept).
    """
    if len(labels) == len(full) and labels.equals(full):
        return None
    positions = np.sort(full.get_indexer(labels))
    positions = positions[positions >= 0]
    if not len(positions):
        return []
    breaks = np.flatnonzero(np.diff(positions) != 1) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [len(positions)]])
    return [int(v) for s, e in zip(starts, ends, strict=True) for v in (positions[s], e - s)]


def _feature(geom: Any, row: Mapping[str, Any], simplify: bool) -> dict[str, Any]:
    label = dict(row.get("label") or {})
    if label and geom is not None and not geom.is_empty and geom.geom_type in ("Polygon", "MultiPolygon"):
        label["lp"] = _label_point(geom)
    if simplify and geom is not None and not geom.is_empty:
        geom = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
    style = {k: v for k, v in (row["style"] or {}).items() if v is not None}
    return {"type": "Feature", "geometry": geometry_to_dict(geom, VIEW_DECIMALS),
            "properties": {"fid": row["fid"], "style": style, "tip": row["tip"], "popup": row["popup"], **label}}


def _label_point(geom: Any) -> list[float]:
    """Where a polygon's name goes: the pole of inaccessibility of its largest part, [lon, lat]."""
    from shapely.ops import polylabel

    part = max(getattr(geom, "geoms", [geom]), key=lambda p: p.area)
    point = polylabel(part, tolerance=0.002)
    return [round(point.x, 4), round(point.y, 4)]


def map_data_text(prepared: Mapping[str, gpd.GeoDataFrame]) -> str:
    """Compact JSON ``{layer: [feature, ...]}`` of the prepared layers (UTF-8 kept, rounded)."""
    data = {}
    for layer, frame in prepared.items():
        columns = [c for c in ("fid", "style", "tip", "popup", "label") if c in frame.columns]
        rows = frame[columns].to_dict("records")
        simplify = layer in SIMPLIFIED_LAYERS
        data[layer] = [_feature(g, r, simplify) for g, r in zip(frame.geometry, rows, strict=True)]
    # "</" cannot end a script element even if the text is ever inlined
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def data_folder() -> Path:
    """This process's folder of published feature files (created on first use)."""
    return served_folder("yuqian-map-data-")


def publish(prepared: Mapping[str, gpd.GeoDataFrame]) -> MapData:
    """Write the features file of ``prepared`` and have Streamlit serve it.

    Parameters
    ----------
    prepared : mapping of str to geopandas.GeoDataFrame
        All layers as :func:`geo.view.map._popups.prepare_layer` made them.

    Returns
    -------
    MapData
        The file's URL relative to the streamlit-folium iframe, and each layer's index.
    """
    import streamlit.components.v1 as components

    folder = data_folder()
    name = publish_text(folder, "", ".json", map_data_text(prepared))
    components.declare_component(COMPONENT_NAME, path=str(folder))
    total = sum(len(frame) for frame in prepared.values())
    return MapData(url=f"../{COMPONENT_FULL_NAME}/{name}",
                   index={layer: frame.index for layer, frame in prepared.items()},
                   canvas=total >= CANVAS_MIN_FEATURES)


class IndexedGeoJson(MacroElement):
    """A GeoJSON layer filled in the browser from the published file, by positions.

    Drawn by ``YQ.DataLayer`` (``geo/view/js/mapread.js``): its points go into the
    map's marker-cluster group (stacks), its labels into the label pass.

    Parameters
    ----------
    layer : str
        Layer name (key in the file).
    url : str
        URL of the file (:attr:`MapData.url`).
    spans : list of int or None
        ``[start, length, ...]`` runs of the positions shown; ``None`` shows all.
    canvas : bool
        Draw on the map's shared canvas instead of SVG.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = YQ.dataLayer({{ this.url|tojson }}, {{ this.layer|tojson }}, {{ this.spans|tojson }},
  {{ this.canvas|tojson }}, {{ this.bind_js }});
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, layer: str, url: str, spans: list[int] | None, canvas: bool = False) -> None:
        super().__init__()
        self._name = "IndexedGeoJson"
        self.layer = layer
        self.url = url
        self.spans = spans
        self.canvas = canvas
        self.bind_js = bind_js()


def indexed_layer(source: MapData, layer: str, frame: gpd.GeoDataFrame) -> folium.Element:
    """The element drawing the rows of ``frame`` (a filtered slice of ``layer``) from ``source``."""
    return IndexedGeoJson(layer, source.url, source.spans(layer, frame.index), source.canvas)
