"""Edit mode of the viewer (issue 14): sign-in, the edit panel, progress on the map.

Viewers need no account and see no edit control: the sidebar offers only the
status view ("按规划 / per the plan" or "最新 / latest known status") and a
sign-in form.  A signed-in editor (role ``editor`` or ``admin`` in the store)
gets the edit panel below the map: move a point or redraw a line with its new
precision class and source, record progress (new status, effective date,
source), add a note, read the audit trail and revert an edit.  Every save is
authorised again on the server (:mod:`geo.view.edit._session`) and carries the
version the editor started from (optimistic concurrency).

Hooks used by the page: :func:`edit_signature` (with the folder signature, so
that the cached layers follow the store), :func:`changed_halo` and
:func:`changed_legend_html` (what changed since the plan), :func:`draw_editing`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import folium
import geopandas as gpd
import streamlit as st

from geo.symbology import CHANGED_COLOUR, changed_line_style, changed_point_style
from geo.view.edit._forms import editable_features
from geo.view.edit._history import history_panel
from geo.view.edit._layers import STATUS_VIEW_KEY, STATUS_VIEWS, changed_rows, edit_signature
from geo.view.edit._panel import (
    FLASH_KEY,
    base_version,
    feature_row,
    geometry_form,
    note_form,
    show_conflict,
    status_form,
)
from geo.view.edit._session import EXPIRED_KEY, session_user, sign_in, sign_out, view_store
from geo.view.files import AssetUrls
from geo.view.i18n import Language, text

__all__ = ["changed_halo", "changed_legend_html", "draw_editing", "edit_signature"]

#: Key of the feature chosen in the edit panel.
FEATURE_KEY = "yq_edit_feature"
#: Key (with the language: the tabs' labels are their values) of the edit panel's open tab.
TAB_KEY = "yq_edit_tab"


def changed_halo(filtered: Mapping[str, gpd.GeoDataFrame], prepared: Mapping[str, gpd.GeoDataFrame],
                 lang: Language) -> folium.FeatureGroup | None:
    """Rings around the shown features that changed since the plan (moved, redrawn, new status).

    Parameters
    ----------
    filtered : mapping of str to geopandas.GeoDataFrame
        The filtered layers (edited state).
    prepared : mapping of str to geopandas.GeoDataFrame
        The prepared layers with the coordinates drawn (same row labels).
    lang : {"zh", "en"}
        Interface language (layer-control label).

    Returns
    -------
    folium.FeatureGroup or None
        ``None`` when nothing shown changed.
    """
    group = folium.FeatureGroup(name=html.escape(text("legend_changed", lang)), show=True)
    found = False
    for layer, frame in filtered.items():
        rows = frame.index[changed_rows(frame).to_numpy()]
        if not len(rows) or layer not in prepared:
            continue
        found = True
        for geometry in prepared[layer].loc[rows].geometry:
            if geometry is None or geometry.is_empty:
                continue
            if geometry.geom_type == "Point":
                folium.CircleMarker(location=[geometry.y, geometry.x], **changed_point_style()).add_to(group)
            else:
                for part in getattr(geometry, "geoms", [geometry]):
                    folium.PolyLine([[y, x] for x, y, *_ in part.coords], **changed_line_style()).add_to(group)
    return group if found else None


def changed_legend_html(filtered: Mapping[str, gpd.GeoDataFrame], lang: Language) -> str:
    """Legend row of the "changed since the plan" rings with their count; empty when none is shown."""
    count = int(sum(int(changed_rows(frame).sum()) for frame in filtered.values()))
    if not count:
        return ""
    swatch = (f'<svg width="22" height="14" aria-hidden="true"><circle cx="11" cy="7" r="5.5" fill="none" '
              f'stroke="{CHANGED_COLOUR}" stroke-width="2" stroke-dasharray="3 2"/></svg>')
    return (f'<div class="yq-legend-changed">{swatch} {html.escape(text("legend_changed", lang))} '
            f"({count})</div>")


def draw_status_view(lang: Language) -> None:
    """The sidebar's choice of the status shown: per the plan or the latest known (read before the map)."""
    st.radio(text("status_view", lang), STATUS_VIEWS, key=STATUS_VIEW_KEY, horizontal=True,
             format_func=lambda view: text(f"status_view_{view}", lang))


def draw_sign_in(store: object, lang: Language) -> object | None:
    """Sign-in form (用户名/密码) or the signed-in editor's name and a sign-out button.

    Returns
    -------
    geo.edits.User or None
        The editor, re-checked with the store on this run.
    """
    user = session_user(store)
    with st.expander(text("edit_signin", lang), expanded=user is not None):
        if user is not None:
            st.markdown(f"{text('edit_signed_in', lang)}: **{html.escape(user.name)}** ({html.escape(user.role)})")
            if st.button(text("edit_signout", lang), key="yq_edit_signout"):
                sign_out()
                st.rerun()
            return user
        if st.session_state.pop(EXPIRED_KEY, False):
            st.warning(text("edit_expired", lang))
        st.caption(text("edit_viewer_note", lang))
        with st.form("yq_edit_signin_form", clear_on_submit=True):
            name = st.text_input(text("edit_username", lang), key="yq_edit_username")
            password = st.text_input(text("edit_password", lang), type="password", key="yq_edit_password")
            submitted = st.form_submit_button(text("edit_signin_button", lang))
        if submitted:
            problem = sign_in(store, name, password)
            if problem is None:
                st.rerun()
            st.error(text(problem, lang))
    return None


def draw_editing(layers: Mapping[str, gpd.GeoDataFrame], lang: Language, basemap: str,
                 urls: AssetUrls) -> None:
    """The edit mode: status view and sign-in in the sidebar, the edit panel where this is called.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        All layers (edited state, unfiltered).
    lang : {"zh", "en"}
        Interface language.
    basemap : str
        The page's basemap (the edit map uses it too, WGS84 only).
    urls : AssetUrls
        Where the local Leaflet files are served.
    """
    store = view_store()
    with st.sidebar:
        st.divider()
        draw_status_view(lang)
        user = draw_sign_in(store, lang) if store is not None else None
    if user is None or store is None:
        return
    st.subheader(text("edit_mode", lang))
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.success(flash)
    options = editable_features(layers)
    if not options:
        return
    chosen = st.selectbox(text("edit_feature", lang), list(options), key=FEATURE_KEY)
    layer, fid = options[chosen]
    row, geometry = feature_row(layers, layer, fid)
    base_version(store, fid)  # the version this editor starts from, kept until a save or a re-apply
    show_conflict(store, fid, lang)
    # the open tab is kept by the server: a save, a conflict or a field left reruns the page on the same tab
    tabs = st.tabs([text(k, lang) for k in ("edit_tab_geometry", "edit_tab_status", "edit_tab_note",
                                             "edit_tab_history")], key=f"{TAB_KEY}_{lang}", on_change="rerun")
    saved = False
    with tabs[0]:
        saved = geometry_form(store, layer, fid, geometry, basemap, lang, urls, layers.get("boundaries")) or saved
    with tabs[1]:
        saved = status_form(store, layer, fid, row, lang) or saved
    with tabs[2]:
        saved = note_form(store, layer, fid, lang) or saved
    with tabs[3]:
        saved = history_panel(store, fid, lang) or saved
    if saved:
        st.rerun()
