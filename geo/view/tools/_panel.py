"""Township and route tools: what they highlight on the map, and their panels under it.

Each tool is split in two so that the map can be drawn (and sent to the
browser) before the panels: :func:`township_halo` / :func:`route_halo` read the
choice from the session state (the widgets' values are there before the widgets
are drawn) and return the map highlight, zooming to a new choice;
:func:`township_panel` / :func:`route_panel` draw the widgets and the tables.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

import folium
import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st

from geo._html import escape_markdown
from geo.config import PRECISIONS, UNKNOWN_PRECISION
from geo.filters import ROUTE_COLUMN, route_ids
from geo.symbology import FALLBACK_COLOUR
from geo.view.i18n import Language, text, vocab_label
from geo.view.map import MapReadLayer, highlight_group
from geo.view.sidebar import WIDGET_KEYS, Choices, link_view_pending
from geo.view.state import MAX_RADIUS_KM
from geo.view.tables import renamed
from geo.view.tools._routes import (
    features_within,
    links_of,
    partner_names,
    route_length_km,
    stop_table,
)

#: Session-state keys of the map view and of the last zoomed-to choices.
VIEW_KEY: Final[str] = "yq_map_view"
LAST_TOWN_KEY: Final[str] = "yq_last_town"
LAST_ROUTE_KEY: Final[str] = "yq_last_route"


def bounds_of(frames: list[gpd.GeoDataFrame]) -> list[float] | None:
    """Lon/lat bounds of every geometry of ``frames``; ``None`` when there is none."""
    geoms = [g for f in frames for g in f.geometry if g is not None and not g.is_empty]
    if not geoms:
        return None
    return list(shapely.GeometryCollection(geoms).bounds)


def set_view(bounds: list[float] | None) -> None:
    """Ask the map to fit ``bounds`` (lon/lat) on the next draw, without re-creating it.

    The map fits them with Leaflet's ``fitBounds`` at its real size
    (:func:`geo.view.map._base.fit_group`); each request gets a new number, so the
    same bounds asked again move the map back.
    """
    if bounds is None or not all(math.isfinite(float(b)) for b in bounds):
        return
    previous = st.session_state.get(VIEW_KEY)
    number = previous[1] + 1 if previous is not None else 1
    st.session_state[VIEW_KEY] = ([float(b) for b in bounds], number)


def chosen_town(layers: Mapping[str, gpd.GeoDataFrame]) -> tuple[str, pd.Series, float] | None:
    """The township chosen in the tools (id, row, radius in km), or ``None``."""
    town_id = st.session_state.get(WIDGET_KEYS["township"]) or ""
    towns = layers.get("townships", gpd.GeoDataFrame())
    if not town_id or towns.empty or town_id not in set(towns["id"].astype(str)):
        return None
    town = towns[towns["id"].astype(str) == town_id].iloc[0]
    radius = min(max(float(st.session_state.get(WIDGET_KEYS["radius_km"]) or 1.0), 1.0), MAX_RADIUS_KM)
    return town_id, town, radius


def township_halo(layers: Mapping[str, gpd.GeoDataFrame],
                  prepared: Mapping[str, gpd.GeoDataFrame]) -> folium.FeatureGroup | None:
    """Halos of the chosen township, its partners and their links, and the distance circle.

    Zooms the map to a newly chosen township (or radius).

    Returns
    -------
    folium.FeatureGroup or None
        ``None`` when no township is chosen.
    """
    chosen = chosen_town(layers)
    if chosen is None:
        st.session_state.pop(LAST_TOWN_KEY, None)
        return None
    town_id, town, radius = chosen
    if town.geometry is None or town.geometry.is_empty:  # position unknown: nothing to show on the map
        return None
    towns = layers["townships"]
    links = layers.get("cooperation_links", gpd.GeoDataFrame())
    partners = partner_names(towns, links, str(town["name"]))
    if st.session_state.get(LAST_TOWN_KEY) != (town_id, radius):
        st.session_state[LAST_TOWN_KEY] = (town_id, radius)
        pad = radius / 100.0
        if not link_view_pending():  # a link with the map's view opens at that view
            set_view([town.geometry.x - pad * 1.15, town.geometry.y - pad, town.geometry.x + pad * 1.15,
                      town.geometry.y + pad])
    drawn_towns = prepared["townships"]
    halo_points = drawn_towns[towns["name"].isin({town["name"], *partners}).to_numpy()]
    link_rows = links_of(links, str(town["name"]))
    halo_lines = prepared["cooperation_links"].loc[link_rows.index] if len(link_rows) else None
    centre = drawn_towns.loc[town.name].geometry
    group = highlight_group(halo_lines, halo_points, (centre.y, centre.x), radius, "★")
    MapReadLayer("forceLabels", [str(f) for f in halo_points["fid"]]).add_to(group)  # labelled at every zoom
    return group


def township_panel(layers: Mapping[str, gpd.GeoDataFrame], filtered: Mapping[str, gpd.GeoDataFrame],
                   choices: Choices, lang: Language, extra: Mapping[str, gpd.GeoDataFrame] | None = None) -> None:
    """Township chooser, its partners and the filtered features (and upload, ``extra``) within the distance."""
    st.subheader(text("township_tools", lang))
    left, right = st.columns([2, 1])
    left.selectbox(text("township_pick", lang), ["", *choices.townships], key=WIDGET_KEYS["township"],
                   format_func=lambda t: choices.townships.get(t, t) if t else text("none", lang))
    right.number_input(text("radius_km", lang), min_value=1.0, max_value=MAX_RADIUS_KM, step=5.0,
                       key=WIDGET_KEYS["radius_km"])
    chosen = chosen_town(layers)
    if chosen is None:
        return
    town_id, town, radius = chosen
    partners = partner_names(layers["townships"], layers.get("cooperation_links", gpd.GeoDataFrame()),
                             str(town["name"]))
    if partners:
        names = partner_labels(layers["townships"], partners, lang)
        st.markdown(f"**{text('partners', lang)}**: " + ("、" if lang == "zh" else ", ").join(
            escape_markdown(n) for n in names))
    else:
        st.caption(text("no_partners", lang))
    if town.geometry is None or town.geometry.is_empty:
        st.caption(vocab_label(PRECISIONS, UNKNOWN_PRECISION, lang))  # no place, so no distances
        return
    nearby = features_within({**filtered, **(extra or {})}, town.geometry, radius, {town_id})
    st.markdown(f"**{text('nearby', lang)}** ({len(nearby)})")
    st.dataframe(nearby_table(nearby, lang), hide_index=True, width="stretch",
                 column_config={text("col_name", lang): st.column_config.TextColumn(width="medium"),
                                # a narrow column: its unit goes with each value, not in a header it would cut
                                text("col_distance_km", lang): st.column_config.NumberColumn(
                                    text("col_distance", lang), width="small", format=f"%.1f {text('km', lang)}"),
                                text("col_layer", lang): st.column_config.TextColumn(width="small")})


def nearby_table(nearby: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """The features near a township as the panel lists them: name, distance, layer (in that order).

    Three columns, so that the name and the distance fit the panel's width on
    a laptop and on a phone without scrolling sideways; the name is the one
    of the interface language (the Chinese one when a feature has no English name).

    Parameters
    ----------
    nearby : pandas.DataFrame
        From :func:`geo.view.tools._routes.features_within`.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    pandas.DataFrame
        Columns labelled in ``lang``.
    """
    names = nearby["name"].astype("string").fillna("")
    if lang == "en":
        english = nearby["name_en"].astype("string").fillna("")
        names = english.where(english.str.strip() != "", names)
    table = pd.DataFrame({"name": names.astype(str), "distance_km": nearby["distance_km"].astype(float),
                          "layer": nearby["layer"].astype(str)})
    return renamed(table, lang)


def partner_labels(townships: gpd.GeoDataFrame, partners: list[str], lang: Language) -> list[str]:
    """Partner townships as the interface writes them: Chinese names, or ``English (中文)`` in English."""
    if lang == "zh" or "name_en" not in townships.columns:
        return list(partners)
    english = {str(n): str(e) for n, e in zip(townships["name"], townships["name_en"], strict=True)
               if isinstance(e, str) and e.strip()}
    return [f"{english[p]} ({p})" if p in english else p for p in partners]


def _route_frames(layers: Mapping[str, gpd.GeoDataFrame]) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    routes = layers.get("tourism_routes", gpd.GeoDataFrame())
    stops = layers.get("tourism_stops", gpd.GeoDataFrame())
    return routes, stops


def route_halo(layers: Mapping[str, gpd.GeoDataFrame],
               prepared: Mapping[str, gpd.GeoDataFrame]) -> folium.FeatureGroup | None:
    """Halos of the chosen route and its stops; zooms the map to a newly chosen route.

    Returns
    -------
    folium.FeatureGroup or None
        ``None`` when no route is chosen.
    """
    route_id = st.session_state.get(WIDGET_KEYS["stop_route"]) or ""
    if not route_id:
        st.session_state.pop(LAST_ROUTE_KEY, None)
        return None
    routes, stops = _route_frames(layers)
    line = prepared["tourism_routes"].loc[routes[route_ids(routes) == route_id].index]
    points = prepared["tourism_stops"].loc[stops[route_ids(stops) == route_id].index] \
        if ROUTE_COLUMN in stops.columns else None
    if st.session_state.get(LAST_ROUTE_KEY) != route_id:
        st.session_state[LAST_ROUTE_KEY] = route_id
        if not link_view_pending():
            set_view(bounds_of([f for f in (line, points) if f is not None]))
    group = highlight_group(line, points, None, 0.0, "★")
    if points is not None and len(points):
        ordered = points.loc[stops.loc[points.index].sort_values("seq").index] if "seq" in stops.columns else points
        colours = (s.get("color") for s in line["style"] if isinstance(s, dict) and s.get("color"))
        colour = next(colours, FALLBACK_COLOUR)
        MapReadLayer("routeStops", [str(f) for f in ordered["fid"]], colour).add_to(group)  # numbered 1..n
    return group


def route_panel(layers: Mapping[str, gpd.GeoDataFrame], choices: Choices, lang: Language) -> None:
    """Route chooser, its length and its stop table."""
    st.subheader(text("route_tools", lang))
    st.selectbox(text("route_pick", lang), ["", *choices.routes], key=WIDGET_KEYS["stop_route"],
                 format_func=lambda r: choices.route_label(r, lang) if r else text("none", lang))
    route_id = st.session_state.get(WIDGET_KEYS["stop_route"]) or ""
    if not route_id:
        return
    routes, stops = _route_frames(layers)
    table = stop_table(stops, route_id)
    total = route_length_km(routes, route_id)
    legs = float(table["cum_km"].max()) if table["cum_km"].notna().any() else 0.0
    total_text = f"{total:.1f}" if total is not None else "–"
    st.markdown(f"**{text('route_total', lang)}**: {total_text} {text('km', lang)} · "
                f"{text('route_legs', lang)}: {legs:.1f} {text('km', lang)}")
    st.dataframe(renamed(table, lang), hide_index=True, width="stretch")
    unplaced = table.loc[table["leg_km"].isna(), "name"]  # stops no source places
    if len(unplaced):
        names = "、".join(escape_markdown(n) for n in unplaced)
        st.caption(f"{vocab_label(PRECISIONS, UNKNOWN_PRECISION, lang)}: {names}")
