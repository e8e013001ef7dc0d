"""The filter index: what the map frame needs to redraw a filter change before the server answers.

A filter change costs a whole Streamlit run before the map can redraw: the
widget's message goes to the server, the script runs, the map's message comes
back and the browser renders the page around the map on the map's own thread.
The map frame already holds every feature (:mod:`geo.view.map._data`); with, for
each feature, the values the criteria test (:func:`geo.filters.facets`), it can
draw the kept features at once (``geo/view/js/predict.js``) and let the
server's run confirm them.  The server stays the authority: when its answer
arrives for the same criteria, its positions are drawn.

The index is published next to the features file, once per features file, under
a content-hash name starting with :data:`INDEX_STEM`.  It is not part of the
first view: the frame fetches it once the user reaches for the filters (or the
map has been idle a moment), so the first payload does not grow.  Building it
needs the names' pinyin (:func:`geo.search.row_haystacks`): the server's warm-up
builds it after the first page's caches, and a run that finds it missing has it
made in a thread (:func:`publish_index_soon`).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from typing import Final

import geopandas as gpd

from geo.config import CONTEXT_LAYERS
from geo.filters import facets
from geo.view.files import publish_text
from geo.view.map._data import MapData, data_folder

#: Name stem of the published index files (the benchmark tells them from the features file by it).
INDEX_STEM: Final[str] = "filters-"

_PUBLISHED: dict[str, str] = {}  # features file URL -> index URL
_BUILDING: set[str] = set()  # features file URLs whose index a background thread is making
_LOCK = threading.Lock()
_LOGGER = logging.getLogger(__name__)

__all__ = ["INDEX_STEM", "filter_index_text", "index_url", "publish_index", "publish_index_soon"]


def filter_index_text(layers: Mapping[str, gpd.GeoDataFrame], source: MapData,
                      widgets: Mapping[str, object] | None = None) -> str:
    """Compact JSON of the facets of every layer, rows in the order of ``source``'s file.

    ``{"source": file name, "widgets": ..., "layers": {layer: {"rows": n, "facets": {criterion: facet}}}}``;
    the frame uses an index only with the features file it names.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The layers the viewer filters (:func:`geo.view.cache.cached_layers`).
    source : MapData
        The features file the frame holds; each layer's rows are taken in its order.
    widgets : mapping, optional
        Where the filter widgets are in the page and what their labels mean, in
        the features file's language (:func:`geo.view.sidebar.filter_widgets`):
        here rather than in the map's script, which every run sends again.

    Returns
    -------
    str
        UTF-8 JSON, ``</`` written ``<\\/``.
    """
    out: dict[str, dict[str, object]] = {}
    for name, order in source.index.items():
        frame = layers.get(name)
        if frame is None:
            continue
        out[name] = {"rows": len(order), "facets": facets(name, frame.loc[order])}
        if name in CONTEXT_LAYERS:  # never stepped back (geo.filters.stepped_back)
            out[name]["context"] = 1
    index = {"source": source.url.rsplit("/", 1)[-1], "widgets": dict(widgets or {}), "layers": out}
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def index_url(source: MapData) -> str | None:
    """URL of the index published for ``source``'s features file; ``None`` while there is none."""
    return _PUBLISHED.get(source.url)


def publish_index(layers: Mapping[str, gpd.GeoDataFrame], source: MapData,
                  widgets: Mapping[str, object] | None = None) -> str:
    """Publish the index of ``source``'s features file (thread-safe, kept once published); its URL, beside the file's.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The layers the viewer filters.
    source : MapData
        From :func:`geo.view.map._data.publish`.
    widgets : mapping, optional
        As for :func:`filter_index_text`.

    Returns
    -------
    str
        The index's URL, relative to the map's frame as ``source.url`` is.
    """
    known = index_url(source)
    if known is not None:
        return known
    # made outside the lock (the pinyin takes a while): a run asking meanwhile is not held up; two
    # threads making it at once write the same content-hash file
    name = publish_text(data_folder(), INDEX_STEM, ".json", filter_index_text(layers, source, widgets))
    with _LOCK:
        return _PUBLISHED.setdefault(source.url, source.url.rsplit("/", 1)[0] + "/" + name)


def publish_index_soon(layers: Mapping[str, gpd.GeoDataFrame], source: MapData,
                       widgets: Mapping[str, object] | None = None) -> threading.Thread | None:
    """:func:`publish_index` in a daemon thread, unless it is published or being made; the thread.

    A run that finds the index missing (after an edit, a first Gaode view) must
    not wait for the names' pinyin: the map is sent, the run ends, and the next
    run tells the frame where the index is.  A failure is logged; the frame then
    keeps waiting for the server, as without an index.
    """
    with _LOCK:
        if source.url in _PUBLISHED or source.url in _BUILDING:
            return None
        _BUILDING.add(source.url)

    def build() -> None:
        try:
            publish_index(layers, source, widgets)
        except Exception:
            _LOGGER.exception("the filter index of %s could not be made; filter changes wait for the server",
                              source.url)
        finally:
            with _LOCK:
                _BUILDING.discard(source.url)

    thread = threading.Thread(target=build, name="yuqian-filter-index", daemon=True)
    thread.start()
    return thread
