"""The Streamlit page: map, legend, township and route tools, table and download.

``app.py`` calls :func:`run_app`.  Everything heavy is cached (:mod:`geo.view.cache`).
The map is drawn first in the script (its place on the page is kept by the
columns made before it) so that a filter change reaches the browser's map as
early as possible; the legend, the tools' panels and the table follow.
"""

from __future__ import annotations

import os
from pathlib import Path

import folium
import pandas as pd
import streamlit as st

from geo._html import escape_markdown
from geo.config import layers_dir
from geo.filters import CONTEXT_LAYERS, count_features, filter_layers
from geo.view.assets import serve_assets
from geo.view.cache import (
    cached_choices,
    cached_layers,
    cached_map_data,
    cached_prepared,
    cached_table_parts,
    folder_signature,
)
from geo.view.downloads import draw_download
from geo.view.i18n import Language, text
from geo.view.legend import LEGEND_CSS, legend_html
from geo.view.mapview import GCJ02_BASEMAPS, MAP_HEIGHT_PX, build_base_map, data_groups
from geo.view.sidebar import draw_sidebar
from geo.view.tables import MAX_TABLE_ROWS, picked_table
from geo.view.tools import (
    LAST_ROUTE_KEY,
    LAST_TOWN_KEY,
    VIEW_KEY,
    bounds_of,
    route_halo,
    route_panel,
    set_view,
    township_halo,
    township_panel,
)
from geo.view.upload_html import legend_rows, table_rows, upload_group
from geo.view.uploads import draw_upload, prepared_upload, upload_layers

#: Session-state key of the features counted by layer (tests read it).
COUNTS_KEY = "yq_counts"
__all__ = ["COUNTS_KEY", "LAST_ROUTE_KEY", "LAST_TOWN_KEY", "VIEW_KEY", "run_app", "set_view"]


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
    extra = upload_layers(upload, state.filter_kwargs())  # filtered copy of the session's upload

    map_column, legend_column = st.columns([3, 1])
    town_column, route_column = st.columns(2)
    halos = [g for g in (township_halo(layers, prepared), route_halo(layers, prepared)) if g is not None]
    with map_column:
        if st.button(text("zoom_filtered", lang)):
            drawn = {name: prepared[name].loc[frame.index] for name, frame in filtered.items()}
            set_view(bounds_of([f for n, f in drawn.items() if n not in CONTEXT_LAYERS])
                     or bounds_of(list(drawn.values())))
        source = cached_map_data(folder_str, signature, lang, state.basemap in GCJ02_BASEMAPS)
        groups = halos + data_groups(filtered, lang, source)  # with a source, only the rows' labels are used
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
    with legend_column:
        st.markdown(LEGEND_CSS, unsafe_allow_html=True)
        st.metric(text("shown", lang), sum(counts.values()))
        with st.container(height=MAP_HEIGHT_PX - 60, border=False):
            st.markdown(f"**{text('legend', lang)}**")
            st.markdown(legend_html(filtered, layers, lang), unsafe_allow_html=True)
            if upload is not None and extra:
                st.markdown(legend_rows(upload.label, len(extra[upload.layer_name]), lang), unsafe_allow_html=True)
    with town_column:
        township_panel(layers, filtered, choices, lang, extra)
    with route_column:
        route_panel(layers, choices, lang)
    st.subheader(text("table", lang))
    table = picked_table(cached_table_parts(folder_str, signature, lang), filtered, lang)
    if upload is not None and extra:
        table = pd.concat([table, table_rows(extra[upload.layer_name], upload.label, lang)], ignore_index=True)
    if len(table) > MAX_TABLE_ROWS:
        st.caption(text("table_capped", lang).format(shown=MAX_TABLE_ROWS, total=len(table)))
        table = table.iloc[:MAX_TABLE_ROWS]
    st.dataframe(table, hide_index=True, width="stretch")
    draw_download(folder_str, signature, filtered, state.filter_kwargs(), lang, extra,
                  upload.token if upload is not None else "")
