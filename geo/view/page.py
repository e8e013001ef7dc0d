"""The Streamlit page: map, legend, township and route tools, table and download.

``app.py`` calls :func:`run_app`.  Everything heavy is cached (:mod:`geo.view.cache`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st

from geo._html import escape_markdown
from geo.config import layers_dir
from geo.filters import CONTEXT_LAYERS, count_features, filter_layers
from geo.view.assets import serve_assets
from geo.view.cache import cached_choices, cached_layers, cached_map_data, cached_prepared, folder_signature
from geo.view.downloads import draw_download
from geo.view.i18n import Language, text
from geo.view.legend import LEGEND_CSS, legend_html
from geo.view.mapview import (
    GCJ02_BASEMAPS,
    MAP_HEIGHT_PX,
    build_base_map,
    data_groups,
    highlight_group,
    view_for_bounds,
)
from geo.view.routes import (
    features_within,
    links_of,
    partner_names,
    route_length_km,
    stop_table,
)
from geo.view.sidebar import WIDGET_KEYS, Choices, draw_sidebar
from geo.view.state import MAX_RADIUS_KM
from geo.view.tables import feature_table, renamed
from geo.view.upload_html import legend_rows, table_rows, upload_group
from geo.view.uploads import draw_upload, prepared_upload, upload_layers

#: Session-state keys of the page (the widgets' keys are in :data:`WIDGET_KEYS`).
VIEW_KEY = "yq_map_view"
COUNTS_KEY = "yq_counts"
LAST_TOWN_KEY = "yq_last_town"
LAST_ROUTE_KEY = "yq_last_route"

def _bounds(frames: list[gpd.GeoDataFrame]) -> list[float] | None:
    geoms = [g for f in frames for g in f.geometry if g is not None and not g.is_empty]
    if not geoms:
        return None
    return list(shapely.GeometryCollection(geoms).bounds)


def set_view(bounds: list[float] | None) -> None:
    """Ask the map to show ``bounds`` (lon/lat) on the next draw, without re-creating it."""
    centre, zoom = view_for_bounds(bounds)
    previous = st.session_state.get(VIEW_KEY)
    if previous is not None and tuple(previous[0]) == centre and previous[1] == zoom:
        centre = (centre[0] + 1e-7, centre[1])  # same view asked again: nudge it so that the map moves back
    st.session_state[VIEW_KEY] = (centre, zoom)


def township_tools(layers: Mapping[str, gpd.GeoDataFrame], prepared: Mapping[str, gpd.GeoDataFrame],
                   filtered: Mapping[str, gpd.GeoDataFrame], choices: Choices,
                   lang: Language, extra: Mapping[str, gpd.GeoDataFrame] | None = None,
                   ) -> folium.FeatureGroup | None:
    """Township chooser, its partners and the filtered features (and upload, ``extra``) within the distance.

    Returns
    -------
    folium.FeatureGroup or None
        Halos of the township, its partners and their links, and the distance circle.
    """
    st.subheader(text("township_tools", lang))
    left, right = st.columns([2, 1])
    left.selectbox(text("township_pick", lang), ["", *choices.townships], key=WIDGET_KEYS["township"],
                   format_func=lambda t: choices.townships.get(t, t) if t else text("none", lang))
    right.number_input(text("radius_km", lang), min_value=1.0, max_value=MAX_RADIUS_KM, step=5.0,
                       key=WIDGET_KEYS["radius_km"])
    town_id = st.session_state.get(WIDGET_KEYS["township"]) or ""
    towns = layers.get("townships", gpd.GeoDataFrame())
    if not town_id or towns.empty or town_id not in set(towns["id"].astype(str)):
        st.session_state.pop(LAST_TOWN_KEY, None)
        return None
    town = towns[towns["id"].astype(str) == town_id].iloc[0]
    radius = float(st.session_state[WIDGET_KEYS["radius_km"]])
    links = layers.get("cooperation_links", gpd.GeoDataFrame())
    partners = partner_names(towns, links, str(town["name"]))
    if partners:
        st.markdown(f"**{text('partners', lang)}**: " + "、".join(escape_markdown(p) for p in partners))
    else:
        st.caption(text("no_partners", lang))
    nearby = features_within({**filtered, **(extra or {})}, town.geometry, radius, {town_id})
    st.markdown(f"**{text('nearby', lang)}** ({len(nearby)})")
    st.dataframe(renamed(nearby, lang), hide_index=True, width="stretch")
    if st.session_state.get(LAST_TOWN_KEY) != (town_id, radius):
        st.session_state[LAST_TOWN_KEY] = (town_id, radius)
        pad = radius / 100.0
        set_view([town.geometry.x - pad * 1.15, town.geometry.y - pad, town.geometry.x + pad * 1.15,
                  town.geometry.y + pad])
    drawn_towns = prepared["townships"]
    halo_points = drawn_towns[towns["name"].isin({town["name"], *partners}).to_numpy()]
    link_rows = links_of(links, str(town["name"]))
    halo_lines = prepared["cooperation_links"].loc[link_rows.index] if len(link_rows) else None
    centre = drawn_towns.loc[town.name].geometry
    return highlight_group(halo_lines, halo_points, (centre.y, centre.x), radius, "★")


def route_tools(layers: Mapping[str, gpd.GeoDataFrame], prepared: Mapping[str, gpd.GeoDataFrame],
                choices: Choices, lang: Language) -> folium.FeatureGroup | None:
    """Route chooser and its stop table; zooms to a newly chosen route.

    Returns
    -------
    folium.FeatureGroup or None
        Halos of the route and its stops.
    """
    st.subheader(text("route_tools", lang))
    st.selectbox(text("route_pick", lang), ["", *choices.routes], key=WIDGET_KEYS["stop_route"],
                 format_func=lambda r: choices.route_label(r, lang) if r else text("none", lang))
    route_id = st.session_state.get(WIDGET_KEYS["stop_route"]) or ""
    if not route_id:
        st.session_state.pop(LAST_ROUTE_KEY, None)
        return None
    stops = layers.get("tourism_stops", gpd.GeoDataFrame())
    routes = layers.get("tourism_routes", gpd.GeoDataFrame())
    table = stop_table(stops, route_id)
    total = route_length_km(routes, route_id)
    legs = float(table["cum_km"].iloc[-1]) if len(table) else 0.0
    total_text = f"{total:.1f}" if total is not None else "–"
    st.markdown(f"**{text('route_total', lang)}**: {total_text} {text('km', lang)} · "
                f"{text('route_legs', lang)}: {legs:.1f} {text('km', lang)}")
    st.dataframe(renamed(table, lang), hide_index=True, width="stretch")
    id_column = "route_id" if "route_id" in routes.columns else "id"
    line = prepared["tourism_routes"].loc[routes[routes[id_column].astype(str) == route_id].index]
    points = prepared["tourism_stops"].loc[stops[stops["route_id"].astype(str) == route_id].index] \
        if "route_id" in stops.columns else None
    if st.session_state.get(LAST_ROUTE_KEY) != route_id:
        st.session_state[LAST_ROUTE_KEY] = route_id
        set_view(_bounds([f for f in (line, points) if f is not None]))
    return highlight_group(line, points, None, 0.0, "★")


def run_app(folder: str | os.PathLike[str] | None = None) -> None:
    """Draw the whole viewer page.

    Parameters
    ----------
    folder : path-like, optional
        Folder of the layers; default :func:`geo.config.layers_dir` (``$YUQIAN_LAYERS``).
    """
    st.set_page_config(page_title="渝黔合作先行示范区 · Yu–Qian pilot zone", layout="wide")
    folder_str = str(Path(folder) if folder is not None else layers_dir())
    signature = folder_signature(folder_str)
    try:
        layers = cached_layers(folder_str, signature)
    except (OSError, ValueError) as error:
        st.error(f"{text('no_layers', 'zh')} / {text('no_layers', 'en')}\n\n{escape_markdown(error)}")
        return
    choices = cached_choices(folder_str, signature)
    state = draw_sidebar(choices)
    lang: Language = "en" if state.lang == "en" else "zh"
    upload = draw_upload(lang)
    st.title(text("title", lang))
    try:
        urls = serve_assets()
    except FileNotFoundError as error:
        st.error(f"{text('assets_missing', lang)}\n\n{escape_markdown(error)}")
        return
    prepared = cached_prepared(folder_str, signature, lang, state.basemap in GCJ02_BASEMAPS)
    filtered = filter_layers(layers, **state.filter_kwargs())
    counts = count_features(filtered)
    st.session_state[COUNTS_KEY] = counts
    drawn = {name: prepared[name].loc[frame.index] for name, frame in filtered.items()}
    extra = upload_layers(upload, state.filter_kwargs())  # filtered copy of the session's upload

    map_column, legend_column = st.columns([3, 1])
    with legend_column:
        st.markdown(LEGEND_CSS, unsafe_allow_html=True)
        st.metric(text("shown", lang), sum(counts.values()))
        with st.container(height=MAP_HEIGHT_PX - 60, border=False):
            st.markdown(f"**{text('legend', lang)}**")
            st.markdown(legend_html(filtered, layers, lang), unsafe_allow_html=True)
            if upload is not None and extra:
                st.markdown(legend_rows(upload.label, len(extra[upload.layer_name]), lang), unsafe_allow_html=True)
    town_column, route_column = st.columns(2)
    with town_column:
        town_halo = township_tools(layers, prepared, filtered, choices, lang, extra)
    with route_column:
        route_halo = route_tools(layers, prepared, choices, lang)
    with map_column:
        if st.button(text("zoom_filtered", lang)):
            set_view(_bounds([f for n, f in drawn.items() if n not in CONTEXT_LAYERS])
                     or _bounds(list(drawn.values())))
        source = cached_map_data(folder_str, signature, lang, state.basemap in GCJ02_BASEMAPS)
        groups = [g for g in (town_halo, route_halo) if g is not None] + data_groups(drawn, lang, source)
        if upload is not None and extra:
            drawn_upload = prepared_upload(upload, lang, state.basemap in GCJ02_BASEMAPS)
            groups.append(upload_group(drawn_upload.loc[extra[upload.layer_name].index], upload.label, lang))
        fmap = build_base_map(state.basemap, lang, urls)
        view = st.session_state.get(VIEW_KEY)
        from streamlit_folium import st_folium

        st_folium(fmap, key=f"yq_map_{state.basemap}_{lang}", height=MAP_HEIGHT_PX, use_container_width=True,
                  returned_objects=[], feature_group_to_add=groups,
                  layer_control=folium.LayerControl(collapsed=True),
                  center=list(view[0]) if view else None, zoom=view[1] if view else None)
    st.subheader(text("table", lang))
    table = feature_table(filtered, lang)
    if upload is not None and extra:
        table = pd.concat([table, table_rows(extra[upload.layer_name], upload.label, lang)], ignore_index=True)
    st.dataframe(table, hide_index=True, width="stretch")
    draw_download(folder_str, signature, filtered, state.filter_kwargs(), lang, extra,
                  upload.token if upload is not None else "")
