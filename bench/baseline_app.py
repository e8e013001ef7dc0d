"""The naive viewer the benchmark compares with: ``streamlit run bench/baseline_app.py``.

On every change it re-creates a folium map with default settings (SVG, marker
icons, every property embedded), adds one ``folium.GeoJson`` per filtered
layer with a name tooltip, and shows it with ``st_folium``.  It offers the same
two filters the benchmark drives in the real viewer (the search box and the
cross-border checkbox, with the same labels) and reads the same layers
(``$YUQIAN_LAYERS``).  Leaflet comes from the same locally served npm files,
since no CDN is reachable.
"""

from __future__ import annotations

from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.config import MAP_CENTER, MAP_ZOOM, layers_dir
from geo.filters import filter_layers
from geo.store import load_layers
from geo.view.files import serve_assets, use_offline_assets

SEARCH_LABEL = "搜索（中文、拼音或英文）"
CROSS_BORDER_LABEL = "仅显示跨省（渝黔）要素"


@st.cache_resource
def _layers(folder: str) -> dict:
    return load_layers(Path(folder))


def main() -> None:
    """Draw the naive page: two filters and a freshly built map."""
    st.set_page_config(page_title="baseline", layout="wide")
    layers = _layers(str(layers_dir()))
    query = st.sidebar.text_input(SEARCH_LABEL)
    cross = st.sidebar.checkbox(CROSS_BORDER_LABEL)
    filtered = filter_layers(layers, text=query or None, cross_border_only=cross)
    fmap = folium.Map(location=list(MAP_CENTER), zoom_start=MAP_ZOOM)
    for name, frame in filtered.items():
        if len(frame):
            folium.GeoJson(frame, name=name, tooltip=folium.GeoJsonTooltip(fields=["name"])).add_to(fmap)
    folium.LayerControl().add_to(fmap)
    use_offline_assets(fmap, serve_assets())
    st_folium(fmap, height=620, use_container_width=True, returned_objects=[])


main()
