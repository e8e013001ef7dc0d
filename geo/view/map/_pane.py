"""A layer of its own above the plan's: the upload and the scan draw their features in their own Leaflet pane.

A pane of its own keeps such a layer above the plan's features whatever the
order in which the groups (or their asynchronously loaded data) are added.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from geo.view.map._popups import bind_js


class OwnPane(MacroElement):
    """Creates the pane ``pane`` on the map (once) before its group is added.

    The element must be a child of a feature group that is itself on the map.

    Parameters
    ----------
    pane : str
        Leaflet pane name.
    z_index : int
        Its stacking order (the plan's overlay pane is 400).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(map) {
            if (!map.getPane({{ this.pane|tojson }})) {
                map.createPane({{ this.pane|tojson }}).style.zIndex = {{ this.z_index|tojson }};
            }
        })({{ this._parent._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, pane: str, z_index: int) -> None:
        super().__init__()
        self._name = "OwnPane"
        self.pane = pane
        self.z_index = z_index


def add_pane_features(group: folium.FeatureGroup, data: dict[str, Any], *, pane: str, z_index: int,
                      css_class: str, popup_max_width: int, **geojson_options: Any) -> None:
    """Add ``data`` (GeoJSON with ``tip`` and ``popup`` properties) to ``group`` in the pane ``pane``.

    Points are circle markers of class ``css_class`` in the same pane (folium's
    path options drop the pane, so it is set on the marker itself).
    """
    OwnPane(pane, z_index).add_to(group)
    marker = folium.CircleMarker(radius=7, className=css_class)
    marker.options["pane"] = pane
    folium.GeoJson(data, control=False, embed=True, pane=pane, marker=marker,
                   on_each_feature=JsCode(bind_js(popup_max_width)), **geojson_options).add_to(group)
