"""Big uploads on the map: up to 200,000 points or 20,000 polygons without freezing the browser.

Above :data:`BIG_UPLOAD_MIN_FEATURES` features an upload is not embedded in the
map script (that would resend every feature over the websocket at each filter
change and make one SVG element per feature).  Instead:

* :func:`upload_data_text` writes the upload once per file, shift, language
  and basemap CRS as a compact JSON file (coordinates rounded to 6 decimals,
  attribute names and values already HTML-escaped here, so the browser only
  concatenates safe strings), served under a content-hash name like the plan's
  features file (:mod:`geo.view.map._data`, :mod:`geo.view.server._serving`);
* each run sends only the positions of the features that pass the filters,
  as ``[start, length, ...]`` runs (:func:`geo.view.map._data.position_runs`), or
  as a bit mask (one bit per feature, base64) when that is shorter: a search
  that keeps every 7th point of 100,000 is 17 KB of mask instead of 140 KB of runs;
* ``geo/view/js/upload_layer.js`` (joined with the pinned ``supercluster``
  npm package into one script, fetched only when a big upload is drawn: the
  first view never loads it) puts the points into a Supercluster index and
  draws, on one canvas, only the clusters and points of the current view; lines
  and polygons go to Leaflet's canvas renderer.  Clusters show their count and
  zoom in on click; a point's popup lists its attributes like the small-upload
  popup (:mod:`geo.view.upload._html`).

The layer object keeps what it holds (``yqUpload.count()``), which the tests
and the benchmark read instead of counting DOM nodes.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo._geojson import geometry_to_dict
from geo._html import escape_text
from geo.symbology import upload_style
from geo.upload import geometry_kinds
from geo.view.files import JS_DIR, NODE_MODULES, publish_text, served_folder
from geo.view.i18n import Language, text
from geo.view.map import position_runs
from geo.view.upload._html import NAME_CHARS, POPUP_ROWS, UPLOAD_POPUP_MAX_WIDTH, VALUE_CHARS, attribute_columns

#: From this many features on, an upload is drawn by the big-layer renderer.
BIG_UPLOAD_MIN_FEATURES: Final[int] = 2000
#: Decimals of the upload's coordinates in its file (1e-6 degree is about 0.1 m: the file's own precision kept).
UPLOAD_DECIMALS: Final[int] = 6
SUPERCLUSTER_JS: Final[str] = "supercluster/dist/supercluster.min.js"
UPLOAD_LAYER_JS: Final[Path] = JS_DIR / "upload_layer.js"
COMPONENT_NAME: Final[str] = "upload_data"
COMPONENT_FULL_NAME: Final[str] = f"{__name__}.{COMPONENT_NAME}"
#: Cluster radius (px) and the last zoom at which points are clustered (drawn one by one above it).
#: Supercluster's build time goes mostly to its deepest levels, where few points merge (100,000
#: points over the pilot zone: 96,000 clusters at zoom 15, 71,000 at 14, 26,000 at 13): stopping
#: at 13 halves the build that the first paint waits for, and a zoom-14 view of the zone holds
#: about 1/100 of its points.
CLUSTER_RADIUS_PX: Final[int] = 50
CLUSTER_MAX_ZOOM: Final[int] = 13


def is_big(count: int) -> bool:
    """Whether an upload of ``count`` features is drawn by this renderer."""
    return count >= BIG_UPLOAD_MIN_FEATURES


def upload_data_text(frame: gpd.GeoDataFrame, label: str, lang: Language) -> str:
    """The upload as compact JSON: title, escaped columns and values, points and other shapes.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The whole upload (WGS84, or shifted for GCJ-02 tiles), string attributes.
    label : str
        The file name (unescaped: escaped here).
    lang : {"zh", "en"}
        Interface language of the title.

    Returns
    -------
    str
        ``{"title", "columns", "values": [[per column]], "xy": [x0, y0, x1, y1, ...]
        (null for non-points), "shapes": {position: geometry}, "styles": {kind: style}}``.
    """
    columns = attribute_columns(frame)
    geoms = frame.geometry.values
    kinds = geometry_kinds(geoms)
    points = (kinds == "point") & (shapely.get_type_id(np.asarray(geoms, dtype=object)) == 0)
    xy = np.full((len(frame), 2), np.nan)
    if points.any():
        xy[points] = np.round(shapely.get_coordinates(np.asarray(geoms, dtype=object)[points]), UPLOAD_DECIMALS)
    flat = xy.ravel().astype(object)
    flat[np.isnan(xy.ravel())] = None  # lines and polygons: their shape is in "shapes"
    shapes = {int(i): geometry_to_dict(geoms[i], UPLOAD_DECIMALS) for i in np.flatnonzero(~points)}
    values = [_escaped_column(frame[c]) for c in columns]
    data = {"title": escape_text(f"{text('upload_layer', lang)} · {label}", 120),
            "columns": [escape_text(c, NAME_CHARS) for c in columns], "values": values, "xy": flat.tolist(),
            "shapes": shapes, "kinds": [str(k) for k in kinds] if len(shapes) else [],
            "styles": {k: upload_style(k) for k in ("point", "line", "polygon")}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


#: Kept positions as sent to the browser: ``[start, length, ...]`` runs, ``{"mask": base64}`` or ``None`` (all).
KeptPositions = list[int] | dict[str, str] | None


def _escaped_column(values: pd.Series) -> list[str]:
    """The column's values escaped for HTML, each distinct value escaped once."""
    codes, uniques = pd.factorize(values.astype(str), sort=False)
    escaped = np.array([escape_text(v, VALUE_CHARS) for v in uniques] + [""], dtype=object)
    return list(escaped[codes])


@dataclass(frozen=True)
class UploadData:
    """A published upload file: its URL, the script that draws it, and the upload's row labels in file order."""

    url: str
    script_url: str
    index: pd.Index

    def spans(self, labels: pd.Index) -> KeptPositions:
        """Positions of ``labels``: runs, or a bit mask when shorter; ``None`` for every feature in order.

        Parameters
        ----------
        labels : pandas.Index
            Row labels of the kept features (labels not in the upload are ignored).

        Returns
        -------
        list of int, dict or None
            Flat ``[start, length, ...]`` runs (:func:`geo.view.map._data.position_runs`),
            or ``{"mask": <base64 of one bit per feature, least significant bit first>}``.
        """
        runs = position_runs(self.index, labels)
        if runs is None or len(runs) < 64:
            return runs
        mask = mask_text(self.index, labels)
        return {"mask": mask} if len(mask) < len(json.dumps(runs)) else runs


def mask_text(full: pd.Index, labels: pd.Index) -> str:
    """Base64 of a bit per row of ``full`` (least significant bit first): set where the row is in ``labels``."""
    kept = np.zeros(len(full), dtype=bool)
    positions = full.get_indexer(labels)
    kept[positions[positions >= 0]] = True
    return base64.b64encode(np.packbits(kept, bitorder="little").tobytes()).decode("ascii")


def data_folder() -> Path:
    """This process's folder of published upload files and of the renderer's script."""
    return served_folder("yuqian-upload-data-")


@functools.lru_cache(maxsize=1)
def _script_name(folder: Path) -> str:
    body = (NODE_MODULES / SUPERCLUSTER_JS).read_text(encoding="utf-8")
    joined = ("/* Joined for offline use by geo.view.upload._big_layer: supercluster (ISC licence), "
              "geo/view/js/upload_layer.js */\n" + body + "\n;\n" + UPLOAD_LAYER_JS.read_text(encoding="utf-8"))
    return publish_text(folder, "upload-layer-", ".js", joined, digits=16)


def publish_upload(frame: gpd.GeoDataFrame, label: str, lang: Language) -> UploadData:
    """Write the upload's file (and the renderer's script, once) and have Streamlit serve them.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The whole upload, as drawn (shifted for GCJ-02 tiles when they are shown).
    label : str
        Its file name (unescaped).
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    UploadData
        URLs relative to the streamlit-folium iframe.
    """
    import streamlit.components.v1 as components

    folder = data_folder()
    name = publish_text(folder, "upload-", ".json", upload_data_text(frame, label, lang))
    script = _script_name(folder)
    components.declare_component(COMPONENT_NAME, path=str(folder))
    return UploadData(url=f"../{COMPONENT_FULL_NAME}/{name}", script_url=f"../{COMPONENT_FULL_NAME}/{script}",
                      index=frame.index)


class BigUploadLayer(MacroElement):
    """The upload drawn in the browser from its published file, by positions (see module doc).

    Parameters
    ----------
    data : UploadData
        The published file.
    positions : list of int, dict or None
        The features shown (:meth:`UploadData.spans`); ``None``: all.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function(group) {
  var url = {{ this.url|tojson }};
  var draw = function() {
    var layer = YQUpload.layer(url, {{ this.positions|tojson }}, {{ this.options|tojson }});
    layer.addTo(group);
  };
  if (window.YQUpload) { draw(); return; }
  // the first time: the file is fetched while the renderer's script loads, not after it
  var files = window.__yqUploadFiles = window.__yqUploadFiles || {};
  files[url] = files[url] || fetch(url).then(function(r) {
    if (!r.ok) throw new Error("upload file " + url + ": HTTP " + r.status);
    return r.json();
  });
  var pending = window.__yqUploadScript = window.__yqUploadScript || new Promise(function(done, fail) {
    var script = document.createElement("script");
    script.src = {{ this.script_url|tojson }};
    script.onload = done; script.onerror = fail;
    document.head.appendChild(script);
  });
  pending.then(draw);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, data: UploadData, positions: Sequence[int] | dict[str, str] | None) -> None:
        super().__init__()
        self._name = "BigUploadLayer"
        self.url = data.url
        self.script_url = data.script_url
        self.positions = positions if positions is None or isinstance(positions, dict) else list(positions)
        self.options: dict[str, Any] = {"radius": CLUSTER_RADIUS_PX, "maxZoom": CLUSTER_MAX_ZOOM,
                                        "popupRows": POPUP_ROWS, "popupMaxWidth": UPLOAD_POPUP_MAX_WIDTH}
