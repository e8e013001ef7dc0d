"""The map's component call without re-rendering the base map on every run.

``streamlit_folium.st_folium`` renders the whole folium figure on every script
run (the tiles, controls, style sheet and set-up script) and then each feature
group through ``Element.render``, which compiles every rendered script as a
Jinja template: about a hundred milliseconds of a filter change, spent before
the map can be sent.  Here the base map is rendered once per basemap, language,
asset URLs and first view (:func:`rendered_base`, streamlit-folium's own
helpers, cached per process), and each run only writes the feature groups'
script with the elements' own script macros (:func:`groups_script`), then calls
streamlit-folium's component with the arguments ``st_folium`` would pass
(``tests/view/map/test_component.py`` compares both).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from textwrap import dedent
from typing import Any, Final

import folium
import folium.elements
import streamlit as st
from branca.element import MacroElement
from folium.map import ElementAddToElement

from geo.view.map._base import MapReadLayer
from geo.view.map._data import IndexedGeoJson

#: Name the base map's variable has in streamlit-folium's frame.
MAP_VAR: Final[str] = "map_div"
#: Elements whose script needs no ``render`` first (checked against ``st_folium`` in the tests).
_LIGHT_ELEMENTS: Final[tuple[type, ...]] = (IndexedGeoJson, MapReadLayer, folium.PolyLine, folium.CircleMarker,
                                            folium.Circle)


@dataclass(frozen=True)
class RenderedBase:
    """What ``st_folium`` sends of a base map: its script, header, HTML, id, links and component key."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def render_base(fmap: folium.Map) -> RenderedBase:
    """Render ``fmap`` as ``st_folium`` does (streamlit-folium's helpers); ``fmap`` is used up.

    Parameters
    ----------
    fmap : folium.Map
        A base map without feature groups (:func:`geo.view.map._base.build_base_map`).

    Returns
    -------
    RenderedBase
    """
    import streamlit_folium as sf

    fmap.get_root().render()
    fmap.render()
    html = sf._get_html(fmap)
    header = sf._get_header(fmap)
    script = sf._get_map_string(fmap)
    css: list[str] = []
    js: list[str] = []
    for element in _walk(fmap):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return RenderedBase(script=script, header=header, html=html, map_id=sf.get_full_id(fmap),
                        css_links=tuple(dict.fromkeys(css)), js_links=tuple(dict.fromkeys(js)))


def _walk(element: Any) -> list[Any]:
    found = [element] if isinstance(element, folium.elements.JSCSSMixin) else []
    for child in getattr(element, "_children", {}).values():
        found.extend(_walk(child))
    return found


@functools.cache
def _map_div() -> MacroElement:
    """A stand-in parent whose name is the map's variable in the frame (``map_div``)."""
    parent = MacroElement()
    parent._name, parent._id = "map", "div"
    return parent


def _light(element: Any) -> bool:
    """Whether every element under ``element`` writes its script without being rendered first."""
    return all(isinstance(child, _LIGHT_ELEMENTS) and _light(child) for child in element._children.values())


def group_script(group: folium.FeatureGroup, index: int) -> str:
    """The script ``st_folium`` writes for feature group ``index`` (``group`` is used up).

    For the viewer's own light elements, what ``Layer.render`` adds (the
    ``addTo`` of a shown group) is added here and the script is made by the
    elements' script macros, without rendering them into a figure.  A group
    holding anything else (an upload's ``folium.GeoJson``, whose ``render``
    prepares its data) goes through streamlit-folium's own path, on a map of
    its own.
    """
    import streamlit_folium as sf
    from streamlit_folium import generate_leaflet_string

    if not _light(group):
        return sf._get_feature_group_string(group, map=folium.Map(tiles=None), idx=index)
    name = f"feature_group_{index}"
    group._id = name
    group._parent = _map_div()
    if group.show:
        group.add_child(ElementAddToElement(element_name=group.get_name(), element_parent_name=MAP_VAR),
                        name=group.get_name() + "_add")
    text = dedent(generate_leaflet_string(group, base_id=name))
    var = f"feature_group_{name}"
    return text + dedent(f"""
        {MAP_VAR}.addLayer({var});
        window.feature_group = window.feature_group || [];
        window.feature_group.push({var});
        """)


def layer_control_script(groups: Sequence[folium.FeatureGroup], collapsed: bool = True) -> str:
    """The layer control ``st_folium`` writes for ``groups`` (their names and variables)."""
    from streamlit_folium import generate_leaflet_string

    control = folium.LayerControl(collapsed=collapsed)
    control._id = "layer_control"
    control._parent = _map_div()
    control.reset()
    for index, group in enumerate(groups):
        if group.control:
            var = f"feature_group_feature_group_{index}"
            (control.overlays if group.overlay else control.base_layers)[group.layer_name] = var
    text = dedent(generate_leaflet_string(control, base_id="layer_control"))
    return text + dedent("""
        window.layer_control = layer_control_layer_control;
        """)


def groups_script(groups: Sequence[folium.FeatureGroup]) -> str:
    """The feature-group script of ``groups``, in order (each group is used up)."""
    return "".join(group_script(group, index) for index, group in enumerate(groups))


def show_map(base: RenderedBase, groups: Sequence[folium.FeatureGroup], key: str, height: int,
             on_change: Callable[[], None] | None = None) -> object:
    """Send the map: the cached base and this run's groups, as ``st_folium(..., returned_objects=[])``.

    Parameters
    ----------
    base : RenderedBase
        From :func:`render_base` (cached by the caller).
    groups : sequence of folium.FeatureGroup
        This run's groups, in drawing order; listed in a collapsed layer control.
    key : str
        The key given to ``st_folium``.
    height : int
        Height asked of the component, pixels (the width follows the container).
    on_change : callable, optional
        Called when the component reports a value.

    Returns
    -------
    object
        The component's value (nothing is returned from the map).
    """
    import streamlit_folium as sf

    hash_key = _hash_key(base.script, key)

    def changed() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    layer_control = layer_control_script(groups)
    return sf._component_func(
        script=base.script, header=base.header, html=base.html, id=base.map_id, key=hash_key,
        height=height, width=None, returned_objects=[], default={}, zoom=None, center=None,
        feature_group=groups_script(groups), return_on_hover=False, layer_control=layer_control,
        pixelated=False, css_links=list(base.css_links), js_links=list(base.js_links),
        on_change=changed, wrap_longitude=False)


@functools.lru_cache(maxsize=64)
def _hash_key(script: str, key: str) -> str:
    from streamlit_folium import generate_js_hash

    return generate_js_hash(script, key, False)
