"""The map's component call: the same arguments as ``st_folium``, with the base map rendered once."""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import pytest
from _paths import DATA

from geo.store import load_layers
from geo.view.files._assets import AssetUrls
from geo.view.map._base import build_base_map, data_groups, fit_group, highlight_group, legend_group
from geo.view.map._component import render_base, show_map
from geo.view.map._data import MapData
from geo.view.map._popups import prepare_layer

pytest.importorskip("streamlit_folium")
import streamlit_folium

TEST_LAYERS = DATA / "layers"
URLS = AssetUrls(base="../geo.view.files._assets.offline_assets", bundles={"zh": "../b/zh.js", "en": "../b/en.js"})
FIT = ((28.2, 106.2), (28.9, 106.9))


@pytest.fixture(scope="module")
def prepared() -> dict[str, gpd.GeoDataFrame]:
    return {name: prepare_layer(name, frame, "zh") for name, frame in load_layers(TEST_LAYERS).items()}


def _groups(prepared: dict[str, gpd.GeoDataFrame]) -> list[folium.FeatureGroup]:
    """A run's groups: a halo, the data (two filtered), the legend and a fit, as the page makes them."""
    filtered = dict(prepared)
    filtered["townships"] = prepared["townships"].iloc[[0, 2, 3]]
    filtered["projects"] = prepared["projects"].iloc[0:0]
    source = MapData(url="../m/x.json", index={name: frame.index for name, frame in prepared.items()})
    halo = highlight_group(prepared["cooperation_links"].iloc[:1], prepared["townships"].iloc[:2],
                           (28.7, 106.7), 5.0, "★")
    return [halo, *data_groups(filtered, "zh", source),
            legend_group('<div class="yq-legend">图例 &lt;b&gt; 3</div>', "图例 · 3"),
            fit_group([106.4, 28.4, 106.9, 29.0], 2)]


def _capture(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: calls.append(kwargs) or {})
    return calls


@pytest.mark.parametrize(("basemap", "lang"), [("osm", "zh"), ("none", "en")])
def test_same_arguments_as_st_folium(monkeypatch: pytest.MonkeyPatch, prepared: dict[str, gpd.GeoDataFrame],
                                     basemap: str, lang: str) -> None:
    calls = _capture(monkeypatch)
    streamlit_folium.st_folium(build_base_map(basemap, lang, URLS, FIT), key="yq_map_x", height=620,
                               use_container_width=True, returned_objects=[], feature_group_to_add=_groups(prepared),
                               layer_control=folium.LayerControl(collapsed=True))
    base = render_base(build_base_map(basemap, lang, URLS, FIT))
    show_map(base, _groups(prepared), key="yq_map_x", height=620)
    theirs, ours = calls
    assert theirs.keys() == ours.keys()
    for name in theirs:
        if name not in ("on_change", "id"):
            assert ours[name] == theirs[name], name
    assert "YQ.dataLayer(" in ours["feature_group"] and "feature_group_feature_group_11" in ours["feature_group"]
    assert '"\\u884c\\u653f\\u533a\\u5212 (' in ours["layer_control"]  # 行政区划 (n): the data groups are listed


def test_a_group_needing_render_goes_through_st_folium_s_own_path(monkeypatch: pytest.MonkeyPatch,
                                                                  prepared: dict[str, gpd.GeoDataFrame]) -> None:
    from geo.view.upload._html import upload_group

    def groups() -> list[folium.FeatureGroup]:
        upload = prepared["townships"].iloc[:2].copy()
        return [*_groups(prepared)[:2], upload_group(upload, "<x>.geojson", "zh")]

    calls = _capture(monkeypatch)
    streamlit_folium.st_folium(build_base_map("none", "zh", URLS, FIT), key="k", height=620,
                               use_container_width=True, returned_objects=[], feature_group_to_add=groups(),
                               layer_control=folium.LayerControl(collapsed=True))
    show_map(render_base(build_base_map("none", "zh", URLS, FIT)), groups(), key="k", height=620)
    theirs, ours = calls
    assert ours["feature_group"] == theirs["feature_group"]
    assert ours["layer_control"] == theirs["layer_control"]
    assert "L.geoJson(" in ours["feature_group"] or "L.geoJSON(" in ours["feature_group"]


def test_base_is_reused_across_runs(monkeypatch: pytest.MonkeyPatch, prepared: dict[str, gpd.GeoDataFrame]) -> None:
    calls = _capture(monkeypatch)
    base = render_base(build_base_map("none", "zh", URLS, FIT))
    show_map(base, _groups(prepared), key="k", height=620)
    show_map(base, _groups(prepared)[1:3], key="k", height=620)
    first, second = calls
    assert first["script"] == second["script"] and first["key"] == second["key"]  # the map is not re-created
    assert second["feature_group"].count("L.featureGroup(") == 2
    assert "fitTo" in first["feature_group"] and "fitTo" not in second["feature_group"]
