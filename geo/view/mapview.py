"""Map assembly: the base map (built per basemap and language) and the data groups.

The base map holds only what never changes with the filters: the tiles, the
scale bar, the fullscreen and measure controls.  The data are folium feature
groups that streamlit-folium swaps in place (``feature_group_to_add``), so a
filter change redraws the features without re-creating the map: zoom and pan
are kept.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Final

import folium
import geopandas as gpd
import numpy as np
from branca.element import Figure
from folium.plugins import Fullscreen, MeasureControl
from folium.utilities import JsCode

from geo.config import LAYERS, MAP_CENTER, MAP_ZOOM
from geo.symbology import HALO_CLASS, HALO_RADIUS_COLOUR, PLAIN_BACKGROUND, halo_line_style, halo_point_style
from geo.view.assets import AssetUrls, use_offline_assets
from geo.view.basemaps import basemap_label, tile_provider
from geo.view.i18n import Language
from geo.view.mapdata import MapData, indexed_layer
from geo.view.popups import bind_js

MAP_HEIGHT_PX: Final[int] = 620
MAP_WIDTH_PX: Final[int] = 900

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
</style>
"""


def build_base_map(basemap: str, lang: Language, urls: AssetUrls) -> folium.Map:
    """The map without data: tiles, scale bar, fullscreen and measure controls.

    Parameters
    ----------
    basemap : str
        A code of :data:`geo.view.basemaps.BASEMAPS`.
    lang : {"zh", "en"}
        Interface language (measure tool and attribution).
    urls : AssetUrls
        Where the offline Leaflet files are served.

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
        folium.TileLayer(tiles=provider[0], attr=provider[1], name=label,
                         max_zoom=18, overlay=False, control=False).add_to(fmap)
    Fullscreen(position="topleft").add_to(fmap)
    MeasureControl(position="topleft", primary_length_unit="kilometers", secondary_length_unit="meters",
                   primary_area_unit="sqkilometers", secondary_area_unit="hectares").add_to(fmap)
    root = fmap.get_root()
    assert isinstance(root, Figure)  # a map's root is its figure
    root.header.add_child(folium.Element(_MAP_CSS))
    use_offline_assets(fmap, urls, lang)
    return fmap


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
        Output of :func:`geo.view.popups.prepare_layer`, filtered, in drawing order.
        With a ``source``, only each frame's length and row labels are read, so
        the filtered layers themselves (same labels) can be passed.
    lang : {"zh", "en"}
        Interface language (group labels).
    source : MapData, optional
        The published features file (:func:`geo.view.mapdata.publish`): the groups
        then carry only the positions of their features, not the features.

    Returns
    -------
    list of folium.FeatureGroup
        Groups to pass as ``feature_group_to_add``.
    """
    groups: list[folium.FeatureGroup] = []
    for layer, frame in prepared.items():
        group = folium.FeatureGroup(name=layer_group_name(layer, len(frame), lang), show=True)
        if len(frame) and source is not None:
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
            folium.CircleMarker(location=[geom.y, geom.x], **style).add_to(group)
    return group


def view_for_bounds(bounds: Sequence[float] | None, width_px: int = MAP_WIDTH_PX,
                    height_px: int = MAP_HEIGHT_PX, max_zoom: int = 14) -> tuple[tuple[float, float], int]:
    """Centre and zoom that fit lon/lat bounds in a map of the given size.

    Parameters
    ----------
    bounds : (minx, miny, maxx, maxy) or None
        Bounds in lon/lat; ``None`` or NaN gives the default view of the pilot zone.
    width_px, height_px : int
        Map size in pixels.
    max_zoom : int
        Upper limit (a single point would otherwise zoom in all the way).

    Returns
    -------
    ((lat, lon), int)
        Centre and Web Mercator zoom level.
    """
    if bounds is None or not np.all(np.isfinite(np.asarray(bounds, dtype=float))):
        return (MAP_CENTER[0], MAP_CENTER[1]), MAP_ZOOM
    minx, miny, maxx, maxy = (float(b) for b in bounds)

    def merc_y(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_x = max((maxx - minx) / 360.0, 1e-9)
    span_y = max((merc_y(maxy) - merc_y(miny)) / (2 * math.pi), 1e-9)
    zoom_x = math.log2(width_px * 0.85 / 256.0 / span_x)
    zoom_y = math.log2(height_px * 0.85 / 256.0 / span_y)
    zoom = int(max(1, min(max_zoom, math.floor(min(zoom_x, zoom_y)))))
    centre_lat = math.degrees(math.atan(math.sinh((merc_y(maxy) + merc_y(miny)) / 2)))
    return (centre_lat, (minx + maxx) / 2), zoom
