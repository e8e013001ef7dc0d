"""The Streamlit page: map, legend, township and route tools, table and download.

``app.py`` calls :func:`run_app`.  Everything heavy is cached (:mod:`geo.view.cache`):
on a filter change the run up to the map reads the filtered layers and the
legend kept per criteria, the base map rendered once per basemap and language,
and writes only the feature groups' script (:mod:`geo.view.map._component`).

The map is the first element a run sends (but in a session's first run of a page
without parameters, which has the preview: :func:`_sidebar_first`): the view is read from the widgets'
session state (:func:`~geo.view.sidebar.sidebar_state`,
:func:`~geo.view.upload._panel.read_upload_state`), the map is drawn into its column
(the title and the zoom button keep their places through empty slots made
before it), and only then are the sidebar, legend, tools, table and download
drawn.  After the map the run pauses :data:`MAP_LEAD_S`: the browser renders
the page on the same thread as the map's frame, and every element that arrives
while the map draws is rendered in its way.  The pause is not on the map's path
(its message is already sent).  Measured on the benchmark's filter changes,
alternating two servers in one browser: 0.15 s redrew the plan's map about
85 ms sooner (p50) than 0.05 s, 0.10 s about 15 ms later than 0.15 s, and 0.25 s
no sooner; the rest of the page, below the map, comes that much later.

A filter change is drawn by the map's frame before this run's answer reaches it
(:mod:`geo.view.map._filter_index`, ``js/predict.js``): each run tells the frame which
criteria its groups hold and where the filter index is
(:func:`~geo.view.map._base.served_layer`); a run that finds the index missing
has it made in a thread after sending the map.

The attribute table is drawn on demand (a toggle kept in the URL): rendering
it in the browser costs more than the map's own redraw, and on a first visit
its scripts would be fetched ahead of the map's.  The page's legend below the
map is drawn only while its expander is open, for the same reason: every
element of the page is rendered again by the browser at each filter change.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Final

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo._html import escape_markdown
from geo.config import layers_dir
from geo.filters import CONTEXT_LAYERS, count_features
from geo.stepback import stepped_back
from geo.view.cache import (
    build_filter_index,
    cached_base_map,
    cached_choices,
    cached_layers,
    cached_legend,
    cached_map_data,
    cached_prepared,
    cached_table_parts,
    filter_index,
    filtered_layers,
    folder_signature,
)
from geo.view.download import draw_download
from geo.view.edit import changed_halo, changed_legend_html, draw_editing, edit_signature, watch_store
from geo.view.files import serve_assets
from geo.view.i18n import Language, text
from geo.view.map import (
    LEGEND_CSS,
    MAP_HEIGHT_PX,
    data_groups,
    fit_group,
    legend_group,
    served_layer,
    show_map,
    step_back_html,
)
from geo.view.scan import draw_scan, draw_scan_results, page_scan
from geo.view.sidebar import WIDGET_KEYS, draw_sidebar, no_match_note, sidebar_state
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
from geo.view.upload import draw_upload, page_upload, read_upload_state

#: Session-state key of the features counted by layer (tests read it).
COUNTS_KEY: Final[str] = "yq_counts"
#: Key of the "zoom to the filtered features" button.
ZOOM_KEY: Final[str] = "yq_zoom_filtered"
#: Key of the page's legend (an expander below the map, its rows drawn only while it is open).
LEGEND_KEY: Final[str] = "yq_page_legend"
#: Session-state key: a run of this session has sent the map (the first run sends the sidebar before it).
MAP_SENT_KEY: Final[str] = "yq_map_sent"
#: Pause after sending the sidebar before the map (:func:`_sidebar_first`), seconds: the browser renders the
#: sidebar before the live map's frame loads on the same thread (the preview shows the map meanwhile).
SIDEBAR_LEAD_S: Final[float] = 0.3
#: Pause after sending the map, seconds, so that the browser draws it before the rest of the page.
MAP_LEAD_S: Final[float] = 0.15
#: The page around the map: little padding, a short title row, the map filling the rest of the
#: first screen (its iframe's height follows the window; inside, the map fills the iframe).
PAGE_CSS: Final[str] = """
<style>
.block-container { padding: 3.2rem 1.5rem 1rem; max-width: none; }
.block-container h1 { padding: 0.1rem 0 0.2rem; font-size: 1.45rem; }
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 150px) !important; min-height: 320px; width: 100%; }
@media (max-width: 640px) {
  .block-container { padding-left: 0.6rem; padding-right: 0.6rem; padding-top: 3rem; }
  .block-container h1 { font-size: 1.05rem; }
  iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 210px) !important; }
}
</style>
"""
__all__ = ["COUNTS_KEY", "LAST_ROUTE_KEY", "LAST_TOWN_KEY", "LEGEND_KEY", "MAP_LEAD_S", "VIEW_KEY", "ZOOM_KEY",
           "run_app", "set_view"]


def _title_row() -> tuple[DeltaGenerator, DeltaGenerator]:
    """Empty slots for the title and the zoom button, on one row above the map."""
    title_column, zoom_column = st.columns([5, 1], vertical_alignment="center")
    return title_column.empty(), zoom_column.empty()


def _sidebar_first() -> bool:
    """Whether this run sends the sidebar before the map: a session's first run of a page without parameters.

    Such a page got the map's preview (:mod:`geo.view.server._preview`), painted
    before Streamlit's own script has started, and the preview draws a filter
    change itself.  What the visitor waits for next is the filters: sent after the
    map, the sidebar was rendered only once the live map's frame had drawn
    (they share the browser's main thread), its boxes usable 2-3 s after the
    preview.  Later runs send the map first (the redraw of a change).
    """
    return not st.session_state.get(MAP_SENT_KEY) and not st.query_params


def run_app(folder: str | os.PathLike[str] | None = None) -> None:
    """Draw the whole viewer page.

    Parameters
    ----------
    folder : path-like, optional
        Folder of the layers; default :func:`geo.config.layers_dir` (``$YUQIAN_LAYERS``).
    """
    st.set_page_config(page_title="渝黔合作先行示范区 · Yu–Qian pilot zone", layout="wide")
    folder_str = str(Path(folder) if folder is not None else layers_dir())
    signature = folder_signature(folder_str) + edit_signature()  # the store's revision: edits shown
    try:
        layers = cached_layers(folder_str, signature)
    except (OSError, ValueError) as error:
        st.error(f"{text('no_layers', 'zh')} / {text('no_layers', 'en')}\n\n{escape_markdown(error)}")
        return
    choices = cached_choices(folder_str, signature)
    state = sidebar_state(choices)
    lang: Language = state.lang
    gcj02 = state.gcj02  # features shifted to GCJ-02 to sit on the tiles
    criteria = state.criteria
    read = read_upload_state()
    try:
        urls = serve_assets()
    except FileNotFoundError as error:
        st.title(text("title", lang))
        st.error(f"{text('assets_missing', lang)}\n\n{escape_markdown(error)}")
        draw_sidebar(choices, state)
        return
    prepared = cached_prepared(folder_str, signature, lang, gcj02)
    filtered = filtered_layers(folder_str, signature, criteria)
    back = stepped_back(criteria, filtered)  # layers the filter does not narrow: drawn pale, or hidden
    if state.step_back == "hide":
        filtered = {n: f.iloc[0:0] if n in back else f for n, f in filtered.items()}
    counts = count_features(filtered)
    st.session_state[COUNTS_KEY] = counts
    upload = page_upload(read.view, criteria)  # the session's upload, filtered: one more layer
    scan = page_scan(Path(folder_str))  # the session's scanned document: one more layer
    matches = sum(n for name, n in counts.items() if name not in CONTEXT_LAYERS) if state.text.strip() else None
    sidebar_first = _sidebar_first()
    if sidebar_first:  # the preview shows the map meanwhile; the filters can be used at once
        draw_sidebar(choices, state, matches)
        time.sleep(SIDEBAR_LEAD_S)

    st.markdown(PAGE_CSS, unsafe_allow_html=True)
    title_slot, zoom_slot = _title_row()
    halos = [g for g in (township_halo(layers, prepared), route_halo(layers, prepared),
                         changed_halo(filtered, prepared, lang)) if g is not None]
    if st.session_state.get(ZOOM_KEY):
        drawn = {name: prepared[name].loc[frame.index] for name, frame in filtered.items()}
        set_view(bounds_of([f for n, f in drawn.items() if n not in CONTEXT_LAYERS])
                 or bounds_of(list(drawn.values())))
    source = cached_map_data(folder_str, signature, lang, gcj02)
    groups = halos + data_groups(filtered, lang, source)  # with a source, only the rows' labels are used
    groups += upload.map_groups(lang, gcj02) + scan.map_groups(lang, gcj02)
    legend = (cached_legend(folder_str, signature, criteria, lang) + upload.legend_rows(lang) + scan.legend_rows(lang)
              + changed_legend_html(filtered, lang))
    legend = step_back_html(back, count_features(filtered_layers(folder_str, signature, criteria)),
                            state.step_back, lang) + legend
    shown = sum(n for name, n in counts.items() if name not in back)
    index = filter_index(folder_str, signature, lang, gcj02)
    legend_layers = legend_group(legend, f"{text('legend', lang)} · {text('shown', lang)} {shown}")
    # what this run drew, for the frame, and the layers it stepped back
    served_layer(criteria, index, choices.layers, (back, state.step_back)).add_to(legend_layers)
    groups.append(legend_layers)
    view = st.session_state.get(VIEW_KEY)
    if view is not None:
        groups.append(fit_group(*view))
    # the base map (first view on the county boundaries) does not follow the edit store: an editor's save
    # then redraws the features on the same map instead of making the map anew (blank for a moment)
    base = cached_base_map(folder_str, folder_signature(folder_str), state.basemap, lang, gcj02, urls)
    show_map(base, groups, key=f"yq_map_{state.basemap}_{lang}", height=MAP_HEIGHT_PX)
    st.session_state[MAP_SENT_KEY] = True
    if index is None:  # made in a thread; the next run tells the frame where it is
        build_filter_index(folder_str, signature, lang, gcj02, background=True)
    time.sleep(MAP_LEAD_S)
    zoom_slot.button(text("zoom_filtered", lang), key=ZOOM_KEY)
    title_slot.title(text("title", lang))
    if not sidebar_first:
        draw_sidebar(choices, state, matches)
    draw_upload(lang, read)
    draw_scan(lang, scan)
    draw_editing(layers, lang, state.basemap, urls)  # the edit panel of a signed-in editor, below the map
    draw_scan_results(lang, scan, layers)
    legend_column, town_column, route_column = st.columns([1, 1.4, 1.4])
    with legend_column:
        st.metric(text("shown", lang), shown)
        if matches == 0:  # the sidebar says so too; on a phone the sidebar is closed
            st.warning(no_match_note(state.text, lang))
        legend_box = st.expander(text("legend", lang), key=LEGEND_KEY, on_change="rerun")
        if legend_box.open:  # drawn only when opened: the map has its own legend
            legend_box.markdown(LEGEND_CSS + legend, unsafe_allow_html=True)
    with town_column:
        township_panel(layers, filtered, choices, lang, upload.layers)
    with route_column:
        route_panel(layers, choices, lang)
    st.subheader(text("table", lang))
    if st.toggle(text("show_table", lang), key=WIDGET_KEYS["show_table"], help=text("show_table_help", lang)):
        table = picked_table(cached_table_parts(folder_str, signature, lang), filtered, lang)
        upload_rows = upload.table_rows(lang)
        table = pd.concat([table, *upload_rows], ignore_index=True) if upload_rows else table
        if len(table) > MAX_TABLE_ROWS:
            st.caption(text("table_capped", lang).format(shown=MAX_TABLE_ROWS, total=len(table)))
            table = table.iloc[:MAX_TABLE_ROWS]
        st.dataframe(table, hide_index=True, width="stretch")
    draw_download(folder_str, signature, filtered, criteria, lang, upload.layers, upload.token)
    watch_store(signature)  # an edit saved elsewhere (another server on the same store) reruns this page
