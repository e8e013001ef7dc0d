"""The map itself: base map, data groups, features file, popups, labels, legend, basemaps, filter index.

The Python side says what to draw; the scripts in ``js/`` draw it in Leaflet
(``mapread.js``: stacks and data layers, ``labels.js``, ``legend.js``,
``predict.js``: a filter change drawn before the server answers, ``preview.js``,
``site.js``, ``upload_layer.js``).

* :mod:`._base`: the base map per basemap and language, the data groups of a run;
* :mod:`._component`: the map's Streamlit component call, the base rendered once;
* :mod:`._data`: the features published once as a file, picked by position;
* :mod:`._filter_index`: what each feature matches, for the frame's own redraw;
* :mod:`._popups`, :mod:`._edit_rows`: tooltips and popups (edited features' rows);
* :mod:`._labels`: label text and rank; :mod:`._legend`: the legend;
* :mod:`._basemaps`: label, tiles and coordinate frame of each basemap;
* :mod:`._pane`: a layer in a pane of its own, above the plan's (the upload's, the scan's).
"""

from geo.view.map._base import (
    MAP_HEIGHT_PX,
    MapReadLayer,
    build_base_map,
    data_groups,
    fit_group,
    highlight_group,
    legend_group,
    pilot_bounds,
    served_layer,
)
from geo.view.map._basemaps import BASEMAPS, DEFAULT_BASEMAP, basemap_label, is_gcj02, tile_provider
from geo.view.map._component import RenderedBase, render_base, show_map
from geo.view.map._data import (
    CANVAS_MIN_FEATURES,
    IndexedGeoJson,
    MapData,
    map_data_text,
    position_runs,
    publish,
)
from geo.view.map._filter_index import INDEX_STEM, index_url, publish_index, publish_index_soon
from geo.view.map._legend import LEGEND_CSS, legend_html, step_back_html
from geo.view.map._pane import OwnPane, add_pane_features
from geo.view.map._popups import bind_js, kind_label, prepare_layer

__all__ = [
    "BASEMAPS", "CANVAS_MIN_FEATURES", "DEFAULT_BASEMAP", "INDEX_STEM", "LEGEND_CSS", "MAP_HEIGHT_PX",
    "IndexedGeoJson", "MapData", "MapReadLayer", "OwnPane", "RenderedBase", "add_pane_features", "basemap_label",
    "bind_js", "build_base_map",
    "data_groups", "fit_group", "highlight_group", "index_url", "is_gcj02", "kind_label", "legend_group",
    "legend_html", "map_data_text", "pilot_bounds", "position_runs", "prepare_layer", "publish", "publish_index",
    "publish_index_soon", "render_base", "served_layer", "show_map", "step_back_html", "tile_provider",
]
