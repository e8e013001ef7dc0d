"""Map assembly: the base map (built per basemap and language) and the data groups.

The base map holds only what never changes with the filters: the tiles, the
scale bar, the fullscreen and measure controls.  The data are folium feature
groups that streamlit-folium swaps in place (``feature_group_to_add``), so a
filter change redraws the features without re-creating the map: zoom and pan
are kept.
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import fields
from typing import Final

import folium
import geopandas as gpd
from branca.element import Figure, MacroElement
from folium.plugins import Fullscreen, MeasureControl
from folium.utilities import JsCode
from jinja2 import Template

from geo._html import compact_css
from geo.config import LAYERS, MAP_CENTER, MAP_ZOOM, PILOT_COUNTIES
from geo.filters import Criteria
from geo.symbology import (
    HALO_CLASS,
    HALO_RADIUS_COLOUR,
    PLAIN_BACKGROUND,
    STEP_BACK_PALE,
    halo_line_style,
    halo_point_style,
)
from geo.view.files import AssetUrls, use_offline_assets
from geo.view.i18n import Language
from geo.view.map._basemaps import basemap_label, tile_provider
from geo.view.map._data import MapData, indexed_layer
from geo.view.map._labels import PRECISION_WORDS, STACK_TEXT, layer_names
from geo.view.map._popups import bind_js
from geo.view.map._tiles import DeferredTiles

#: Height asked of streamlit-folium; the page's style sheet makes the map fill the first screen instead.
MAP_HEIGHT_PX: Final[int] = 620

_MAP_CSS: Final[str] = f"""
<style>
.leaflet-container {{ background: {PLAIN_BACKGROUND};
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; }}
.leaflet-container .leaflet-control-attribution {{ font-size: 10px; line-height: 1.3; }}
.leaflet-container .leaflet-control-layers {{ font-size: 13px; }}
.leaflet-container .leaflet-control-layers label {{ margin-bottom: 0; }}
.yq-popup table {{ border-collapse: collapse; margin: 4px 0; font-size: 12px; }}
.yq-popup th {{ text-align: left; padding: 1px 8px 1px 0; color: #555; font-weight: normal;
  white-space: nowrap; vertical-align: top; }}
.yq-popup td {{ padding: 1px 0; }}
.yq-popup p {{ margin: 4px 0; font-size: 12px; }}
#map_div {{ height: 100vh !important; width: 100% !important; }}
.yq-label {{ pointer-events: none; white-space: nowrap; text-align: center; color: #1d2b36; font-weight: 600;
  line-height: 1.15; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 1px 1px 1px #fff, -1px -1px 1px #fff; }}
.yq-label > span {{ display: inline-block; transform-origin: 50% 50%; }}
.yq-label-r0 {{ font-size: 15px; color: #3a2c5c; letter-spacing: 1px; }}
.yq-label-r1 {{ font-size: 12px; }}
.yq-label-r2 {{ font-size: 11px; color: #4a3b12; font-style: italic; }}
.yq-label-r3 {{ font-size: 11px; font-weight: 500; color: #333; }}
.yq-label-forced {{ color: #8a2e00; }}
.yq-label-sub {{ display: block; font-size: 0.85em; font-weight: 500; color: #445; }}
.yq-stack {{ background: transparent; }}
.yq-stack-ring {{ border-radius: 50%; display: flex; align-items: center; justify-content: center;
  box-shadow: 0 0 0 2px #fff, 0 1px 4px rgba(0,0,0,.45); cursor: pointer; }}
.yq-stack-count {{ background: #fff; color: #111; border-radius: 50%; min-width: 60%; height: 60%;
  display: flex; align-items: center; justify-content: center; font: 700 11px sans-serif; padding: 0 2px; }}
.yq-stack-sites {{ position: absolute; top: -6px; right: -8px; background: #263238; color: #fff;
  border: 1.5px solid #fff; border-radius: 8px; font: 700 10px sans-serif; padding: 0 4px; line-height: 14px; }}
.yq-stack-list {{ font-size: 12px; max-height: 50vh; overflow-y: auto; }}
.yq-stack-list ul {{ margin: 2px 0 4px 0; padding-left: 16px; }}
.yq-stack-place {{ margin-top: 6px; font-weight: 600; color: #5a3d00; }}
.yq-stack-layer {{ margin-top: 3px; color: #555; }}
.yq-stack-zoom, .yq-stack-back {{ display: inline-block; margin: 4px 0; font-size: 12px; }}
.yq-route-stop span {{ display: flex; width: 22px; height: 22px; border-radius: 50%; color: #fff;
  font: 700 12px sans-serif; align-items: center; justify-content: center; border: 2px solid #fff;
  box-shadow: 0 1px 3px rgba(0,0,0,.5); box-sizing: border-box; }}
.yq-route-arrow span {{ display: block; font-size: 14px; line-height: 14px; text-shadow: 0 0 2px #fff; }}
.leaflet-top.leaflet-right {{ z-index: 1001; }}  /* the opened layer list above the open legend */
.yq-map-legend {{ background: #fff; font-size: 12px; max-width: 300px; }}
.yq-map-legend-toggle {{ display: block; width: auto !important; padding: 0 10px; white-space: nowrap;
  font-weight: 600; color: #222 !important; }}
.yq-map-legend-body {{ display: none; overflow-y: auto; padding: 4px 8px 6px; }}
.yq-map-legend.yq-open .yq-map-legend-body {{ display: block; }}
.yq-legend-row {{ display: flex; align-items: center; gap: 4px; }}
.yq-legend-row .yq-count {{ margin-left: auto; color: #555; padding-left: 6px; }}
.yq-legend-title {{ font-weight: 600; margin-top: 4px; }}
.leaflet-container .leaflet-control.yq-under-popup {{ visibility: hidden; }}
</style>
"""


class MapReading(MacroElement):
    """Sets the map up for ``mapread.js``: stack and label words, and the first view.

    Parameters
    ----------
    lang : {"zh", "en"}
        Language of the stack list.
    fit : ((south, west), (north, east)), optional
        Bounds the first view fits with Leaflet's ``fitBounds`` at the map's real
        size (and again when the map is resized before the user moved it).
    filters : bool
        Whether the page around the map has the viewer's filter widgets: the
        frame then watches them and redraws a filter change before the server
        answers (``predict.js``; where the widgets are and what their labels
        mean comes with the filter index).
    """

    _template = Template("""
{% macro script(this, kwargs) %}
YQ.setup({{ this._parent.get_name() }}, {{ this.config|tojson }});
{% endmacro %}
""")

    def __init__(self, lang: Language, fit: tuple[tuple[float, float], tuple[float, float]] | None,
                 filters: bool = False) -> None:
        super().__init__()
        self._name = "MapReading"
        self.config: dict[str, object] = {"lang": lang, "fit": [list(fit[0]), list(fit[1])] if fit else None,
                                          "strings": STACK_TEXT[lang], "layers": layer_names(lang),
                                          "precisions": PRECISION_WORDS[lang], "pale": dict(STEP_BACK_PALE)}
        if filters:
            self.config["filters"] = True


class MapReadLayer(MacroElement):
    """A layer made by ``YQ.<factory>(*args)`` (``mapread.js``) and added to its parent group.

    The factories: ``forceLabels(fids)`` (always labelled), ``routeStops(fids, colour)``
    (numbered stops in order), ``legend(html, title)`` (the legend control),
    ``fitTo(number, bounds)`` (fit the view once per request number), ``served(criteria, index_url)``
    (what the run drew, :func:`served_layer`).
    Arguments are JSON; HTML arguments must already be escaped.  The JSON keeps
    Chinese as UTF-8 and escapes only ``</`` (:func:`script_json`): the legend,
    sent again on every filter change, is a third smaller than with ``\\uXXXX``
    escapes.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = YQ[{{ this.factory|tojson }}].apply(null, {{ this.args_json }});
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, factory: str, *args: object) -> None:
        super().__init__()
        self._name = "MapReadLayer"
        self.factory = factory
        self.args = list(args)
        self.args_json = script_json(self.args)


def script_json(value: object) -> str:
    """Compact JSON of ``value`` to put inside a script: UTF-8 kept, ``</`` written ``<\\/`` (cannot end it)."""
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": ")).replace("</", "<\\/")


def legend_group(legend: str, title: str) -> folium.FeatureGroup:
    """The legend as a collapsible control inside the map (kept in fullscreen), in a group of its own.

    Parameters
    ----------
    legend : str
        Escaped legend HTML (:func:`geo.view.map._legend.legend_html`).
    title : str
        Plain text of the toggle button, e.g. ``图例 (318)``.

    Returns
    -------
    folium.FeatureGroup
        Not listed in the layer control; sent with the data groups, so the counts follow the filters.
    """
    group = folium.FeatureGroup(name="legend", control=False, show=True)
    MapReadLayer("legend", legend, title).add_to(group)
    return group


def served_layer(criteria: Criteria, index_url: str | None, every_layer: Collection[str],
                 back: tuple[Sequence[str], str] = ((), "pale")) -> MapReadLayer:
    """What this run drew the data for, and where the filter index is; sent in the legend's group.

    The frame compares the criteria with those it drew a filter change for
    before this answer (``predict.js``): the same, and the server's positions
    are drawn; an older change, and the newer one stays drawn.  Only what
    narrows is sent (it travels with every run): no empty lists, no false box,
    and no ``layers_on`` when it holds every layer.

    Parameters
    ----------
    criteria : Criteria
        The criteria of this run's data groups.
    index_url : str or None
        The filter index of the features file (:mod:`geo.view.map._filter_index`);
        ``None`` while it is not published (the frame then waits for the server).
    every_layer : collection of str
        The layers of the data: a ``layers_on`` holding them all is left out.
    back : (list of str, {"pale", "hide"})
        The layers the filter does not narrow (:func:`geo.filters.stepped_back`) and how
        they step back; the frame draws them so, and works them out itself for a
        change it draws before the answer (from the index's facets) with this mode.

    Returns
    -------
    MapReadLayer
        ``YQ.served(criteria, index_url, {"layers": [...], "mode": ...})``.
    """
    values = {f.name: getattr(criteria, f.name) for f in fields(Criteria)}
    if values["layers_on"] is not None and set(values["layers_on"]) >= set(every_layer):
        values["layers_on"] = None
    sent = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()
            if v or (k == "layers_on" and v is not None)}  # an empty layers_on keeps no layer: it is sent
    return MapReadLayer("served", sent, index_url, {"layers": list(back[0]), "mode": back[1]})


def build_base_map(basemap: str, lang: Language, urls: AssetUrls,
                   fit: tuple[tuple[float, float], tuple[float, float]] | None = None,
                   filters: bool = False) -> folium.Map:
    """The map without data: tiles, scale bar, fullscreen and measure controls.

    Parameters
    ----------
    basemap : str
        A code of :data:`geo.view.map._basemaps.BASEMAPS`.
    lang : {"zh", "en"}
        Interface language (measure tool and attribution).
    urls : AssetUrls
        Where the offline Leaflet files are served.
    fit : ((south, west), (north, east)), optional
        The first view (the pilot zone, :func:`pilot_bounds`); without it the
        map opens at :data:`geo.config.MAP_CENTER`.
    filters : bool
        Whether the frame watches the page's filter widgets (:class:`MapReading`): the viewer's live map only.

    Returns
    -------
    folium.Map
        A new map whose JS/CSS all point to local files.
    """
    fmap = folium.Map(location=list(MAP_CENTER), zoom_start=MAP_ZOOM, tiles=None, control_scale=True,
                      prefer_canvas=False, max_zoom=18)
    provider = tile_provider(basemap)
    if provider is not None:
        label = basemap_label(basemap, lang)
        DeferredTiles(provider[0], provider[1], label).add_to(fmap)
    Fullscreen(position="topleft").add_to(fmap)
    MeasureControl(position="topleft", primary_length_unit="kilometers", secondary_length_unit="meters",
                   primary_area_unit="sqkilometers", secondary_area_unit="hectares").add_to(fmap)
    root = fmap.get_root()
    assert isinstance(root, Figure)  # a map's root is its figure
    root.header.add_child(folium.Element(compact_css(_MAP_CSS)))  # sent again with every run
    if urls.bundles:  # the viewer's own script comes in the bundle
        MapReading(lang, fit, filters).add_to(fmap)
    use_offline_assets(fmap, urls, lang)
    return fmap


def pilot_bounds(boundaries: gpd.GeoDataFrame | None,
                 drawn: gpd.GeoDataFrame | None = None) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """``((south, west), (north, east))`` of the pilot counties (:data:`geo.config.PILOT_COUNTIES`).

    Parameters
    ----------
    boundaries : geopandas.GeoDataFrame or None
        The county polygons with their names.
    drawn : geopandas.GeoDataFrame, optional
        The same rows as drawn (shifted to GCJ-02 on Gaode tiles); default ``boundaries``.

    Returns
    -------
    tuple or None
        ``None`` when none of the pilot counties is in the layer.
    """
    if boundaries is None or boundaries.empty or "name" not in boundaries.columns:
        return None
    mask = boundaries["name"].isin(PILOT_COUNTIES)
    pilot = (drawn if drawn is not None else boundaries).loc[boundaries.index[mask]]
    if pilot.empty:
        return None
    minx, miny, maxx, maxy = (float(v) for v in pilot.total_bounds)
    return (miny, minx), (maxy, maxx)


def layer_group_name(layer: str, count: int, lang: Language) -> str:
    """Escaped layer-control label, e.g. ``交通通道 (12)``."""
    labels = LAYERS.get(layer, (layer, layer))
    return html.escape(f"{labels[0] if lang == 'zh' else labels[1]} ({count})")


def data_groups(prepared: Mapping[str, gpd.GeoDataFrame], lang: Language,
                source: MapData | None = None) -> list[folium.FeatureGroup]:
    """One feature group per layer, holding the already-filtered, prepared features.

    Parameters
    ----------
    prepared : mapping of str to geopandas.GeoDataFrame
        Output of :func:`geo.view.map._popups.prepare_layer`, filtered, in drawing order.
        With a ``source``, only each frame's length and row labels are read, so
        the filtered layers themselves (same labels) can be passed.
    lang : {"zh", "en"}
        Interface language (group labels).
    source : MapData, optional
        The published features file (:func:`geo.view.map._data.publish`): the groups
        then carry only the positions of their features, not the features.

    Returns
    -------
    list of folium.FeatureGroup
        Groups to pass as ``feature_group_to_add``.
    """
    groups: list[folium.FeatureGroup] = []
    for layer, frame in prepared.items():
        group = folium.FeatureGroup(name=layer_group_name(layer, len(frame), lang), show=True)
        if source is not None:  # even when empty: the frame can fill it at the next filter change
            indexed_layer(source, layer, frame).add_to(group)
        elif len(frame):
            data = frame[["fid", "style", "tip", "popup", frame.geometry.name]].__geo_interface__
            folium.GeoJson(
                data,
                name=layer,
                marker=folium.CircleMarker(radius=6),
                on_each_feature=JsCode(bind_js()),
                embed=True,
            ).add_to(group)
        groups.append(group)
    return groups


def highlight_group(lines: gpd.GeoDataFrame | None, points: gpd.GeoDataFrame | None,
                    radius_centre: tuple[float, float] | None = None, radius_km: float = 0.0,
                    label: str = "") -> folium.FeatureGroup:
    """Yellow halos under selected lines and around selected points, and a distance circle.

    Parameters
    ----------
    lines, points : geopandas.GeoDataFrame or None
        Features to highlight (in the coordinates drawn on the map).
    radius_centre : (lat, lon), optional
        Centre of the distance circle.
    radius_km : float
        Radius of that circle in km; 0 draws none.
    label : str
        Layer-control label (plain text; escaped here).

    Returns
    -------
    folium.FeatureGroup
        The halo group; its paths carry the class :data:`~geo.symbology.HALO_CLASS`.
        Pass it before the data groups so that it is drawn under them.
    """
    group = folium.FeatureGroup(name=html.escape(label or "★"), show=True)
    if radius_centre is not None and radius_km > 0:
        folium.Circle(location=list(radius_centre), radius=radius_km * 1000.0, color=HALO_RADIUS_COLOUR, weight=2,
                      dashArray="6 6", fill=True, fillOpacity=0.05, className=HALO_CLASS).add_to(group)
    if lines is not None:
        for geom in lines.geometry:
            for part in getattr(geom, "geoms", [geom]):
                coords = [[y, x] for x, y, *_ in part.coords]
                folium.PolyLine(coords, **halo_line_style()).add_to(group)
    if points is not None:
        style = halo_point_style()
        for geom in points.geometry:
            if geom is None or geom.is_empty:  # position unknown: nothing to ring
                continue
            for part in getattr(geom, "geoms", [geom]):
                folium.CircleMarker(location=[part.y, part.x], **style).add_to(group)
    return group


def fit_group(bounds: Sequence[float], number: int) -> folium.FeatureGroup:
    """A group that makes the map fit lon/lat ``bounds`` once (Leaflet ``fitBounds``, real map size).

    Parameters
    ----------
    bounds : (minx, miny, maxx, maxy)
        Lon/lat bounds.
    number : int
        The request's number: the map moves when it sees a new one, not on every redraw.

    Returns
    -------
    folium.FeatureGroup
        Not listed in the layer control.
    """
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    group = folium.FeatureGroup(name="view", control=False, show=True)
    MapReadLayer("fitTo", int(number), [[miny, minx], [maxy, maxx]]).add_to(group)
    return group
