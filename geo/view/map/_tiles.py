"""The basemap's tile layer as the viewer's maps add it: after their first painted frame.

Private part of :mod:`geo.view.map._base` (:func:`~geo.view.map._base.build_base_map`).
"""

from __future__ import annotations

import folium
from folium.template import Template


class DeferredTiles(folium.TileLayer):
    """The basemap's tile layer, added once the map's first frame with every feature is painted.

    No tile can be in that frame (tiles come over the network), but Leaflet laid out
    the layer's grid of tiles before it, twice (at the map's first view and again at
    the fit), on the thread that paints the map's preview and starts Streamlit's page.
    ``YQ.atFirstPaint`` (``mapread.js``) adds it right after that paint; a page
    without the viewer's script adds it at once.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.tileLayer({{ this.tiles|tojson }}, {{ this.options|tojavascript }});
(window.YQ && YQ.atFirstPaint ? YQ.atFirstPaint : function (add) { add(); })(function () {
  {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
});
{% endmacro %}
""")

    def __init__(self, tiles: str, attr: str, name: str) -> None:
        super().__init__(tiles=tiles, attr=attr, name=name, max_zoom=18, overlay=False, control=False, show=False)
