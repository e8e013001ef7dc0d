"""Streamlit AppTest of the viewer (app.py) on the hand-made layers: filters, search, routes, URL, language."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from _paths import DATA, ROOT_DIR
from pyproj import Geod

from geo.filters import CONTEXT_LAYERS, Criteria, count_features, filter_layers
from geo.stepback import stepped_back
from geo.store import load_layers

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from geo.view.page import LEGEND_KEY

ROOT = ROOT_DIR
TEST_LAYERS = DATA / "layers"
TIMEOUT_S = 60


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    """The hand-made layers, read directly (the expected counts come from them)."""
    return load_layers(TEST_LAYERS)


@pytest.fixture()
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app, pointed at the hand-made layers, run once."""
    monkeypatch.setenv("YUQIAN_LAYERS", str(TEST_LAYERS))
    monkeypatch.chdir(ROOT)
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    test.run()
    assert not test.exception, test.exception
    return test


def shown(test: AppTest) -> int:
    """The "features shown" metric."""
    return int(test.metric[0].value)


def table_with(test: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe on the page that has ``column`` (the attribute table once switched on)."""
    for element in test.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with column {column!r}")


def expected_total(layers: dict[str, gpd.GeoDataFrame], **criteria: object) -> int:
    return sum(count_features(filter_layers(layers, **criteria)).values())


def test_first_view_shows_every_feature(app: AppTest, layers: dict[str, gpd.GeoDataFrame]) -> None:
    assert shown(app) == expected_total(layers) == 33
    assert app.session_state["yq_counts"] == count_features(layers)
    assert app.title[0].value == "渝黔合作先行示范区规划地图"


@pytest.mark.parametrize(("widget_key", "value", "criteria"), [
    ("yq_layers_on", ["townships", "corridors"], {"layers_on": ["townships", "corridors"]}),
    ("yq_provinces", ["贵州省"], {"provinces": ["贵州省"]}),
    ("yq_counties", ["习水县"], {"counties": ["习水县"]}),
    ("yq_modes", ["railway"], {"modes": ["railway"]}),
    ("yq_statuses", ["existing", "upgrade"], {"statuses": ["existing", "upgrade"]}),
    ("yq_routes", ["rt-002"], {"routes": ["rt-002"]}),
    ("yq_logistics_kinds", ["market"], {"logistics_kinds": ["market"]}),
])
def test_each_multiselect_filter_changes_the_count(app: AppTest, layers: dict[str, gpd.GeoDataFrame],
                                                    widget_key: str, value: list[str],
                                                    criteria: dict[str, object]) -> None:
    before = shown(app)
    app.multiselect(key=widget_key).set_value(value).run()
    assert not app.exception, app.exception
    kept = count_features(filter_layers(layers, **criteria))
    back = stepped_back(Criteria(**{k: tuple(v) for k, v in criteria.items()}), layers)
    assert shown(app) == sum(n for name, n in kept.items() if name not in back)  # the layers it narrowed
    assert shown(app) < before
    assert app.session_state["yq_counts"] == count_features(filter_layers(layers, **criteria))


def test_cross_border_checkbox(app: AppTest, layers: dict[str, gpd.GeoDataFrame]) -> None:
    app.checkbox(key="yq_cross_border_only").check().run()
    assert shown(app) == expected_total(layers, cross_border_only=True) == 21


@pytest.mark.parametrize("query", ["ganshui", "Ganshui", "gan shui", "赶水"])
def test_search_by_pinyin_chinese_or_english(app: AppTest, layers: dict[str, gpd.GeoDataFrame], query: str) -> None:
    app.text_input(key="yq_text").input(query).run()
    assert app.session_state["yq_counts"]["townships"] == 1
    assert shown(app) == expected_total(layers, text="ganshui")
    app.toggle(key="yq_show_table").set_value(True).run()
    table = table_with(app, "规划出处")
    assert "赶水镇" in set(table["名称"])


def _record_order(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Note each run's map and sidebar, in the order they are sent."""
    import geo.view.page as page

    calls: list[tuple[str, object]] = []
    real_map, real_sidebar = page.show_map, page.draw_sidebar

    def record_map(base: object, groups: list[object], **kwargs: object) -> object:
        calls.append(("map", len(groups)))
        return real_map(base, groups, **kwargs)

    def record_sidebar(choices: object, state: object, *more: object) -> object:
        drawn = real_sidebar(choices, state, *more)
        calls.append(("sidebar", drawn.text))
        return drawn

    monkeypatch.setattr(page, "show_map", record_map)
    monkeypatch.setattr(page, "draw_sidebar", record_sidebar)
    monkeypatch.setattr(page, "MAP_LEAD_S", 0.0)
    monkeypatch.setattr(page, "SIDEBAR_LEAD_S", 0.0)
    monkeypatch.setenv("YUQIAN_LAYERS", str(TEST_LAYERS))
    monkeypatch.chdir(ROOT)
    return calls


def test_map_is_sent_before_the_sidebar_but_in_a_first_run_under_the_preview(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run sends the map first, its filters those the sidebar then shows; a session's first run of a page
    without parameters (which has the preview) sends the sidebar first, so that its filters can be used at once."""
    calls = _record_order(monkeypatch)
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    test.run()
    test.text_input(key="yq_text").input("ganshui").run()
    assert not test.exception, test.exception
    assert [name for name, _ in calls] == ["sidebar", "map", "map", "sidebar"]
    assert calls[3] == ("sidebar", "ganshui")
    assert test.session_state["yq_counts"]["townships"] == 1  # the map of that run already used the new text


def test_a_first_run_with_parameters_sends_the_map_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """A link with parameters gets no preview: its first run sends the live map first."""
    calls = _record_order(monkeypatch)
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    test.query_params["text"] = "ganshui"
    test.run()
    assert not test.exception, test.exception
    assert [name for name, _ in calls] == ["map", "sidebar"]


def test_missing_leaflet_files_are_reported_with_the_sidebar_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.view.page as page

    def no_assets() -> None:
        raise FileNotFoundError("offline Leaflet files missing under '/nowhere': run 'npm ci'")

    monkeypatch.setattr(page, "serve_assets", no_assets)
    monkeypatch.setenv("YUQIAN_LAYERS", str(TEST_LAYERS))
    monkeypatch.chdir(ROOT)
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    test.run()
    assert not test.exception, test.exception
    assert "npm ci" in test.error[0].value
    assert test.title[0].value == "渝黔合作先行示范区规划地图"
    assert test.radio(key="yq_lang").value == "zh"  # the sidebar is still there (language, filters)


def test_attribute_table_on_demand_and_in_the_url(app: AppTest, layers: dict[str, gpd.GeoDataFrame]) -> None:
    assert not [d for d in app.dataframe if "规划出处" in d.value.columns]  # off on a first visit
    assert app.toggle(key="yq_show_table").value is False
    app.multiselect(key="yq_modes").set_value(["railway"])
    app.toggle(key="yq_show_table").set_value(True).run()
    table = table_with(app, "规划出处")
    counts = count_features(filter_layers(layers, modes=["railway"]))
    assert len(table) == sum(n for name, n in counts.items() if name not in CONTEXT_LAYERS)
    assert app.query_params["table"] in ("1", ["1"])
    app.toggle(key="yq_show_table").set_value(False).run()
    assert not [d for d in app.dataframe if "规划出处" in d.value.columns]
    assert "table" not in app.query_params


def test_filters_combine_and_clear(app: AppTest, layers: dict[str, gpd.GeoDataFrame]) -> None:
    app.multiselect(key="yq_provinces").set_value(["重庆市"])
    app.multiselect(key="yq_modes").set_value(["national_road"]).run()
    kept = count_features(filter_layers(layers, provinces=["重庆市"], modes=["national_road"]))
    back = stepped_back(Criteria(provinces=("重庆市",), modes=("national_road",)), layers)
    assert "townships" in back and "corridors" not in back
    assert shown(app) == sum(n for name, n in kept.items() if name not in back)  # what the filter narrowed
    assert app.session_state["yq_counts"] == kept  # the others drawn pale, behind
    app.radio(key="yq_step_back").set_value("hide").run()
    assert app.session_state["yq_counts"]["townships"] == 0
    assert shown(app) == sum(n for name, n in kept.items() if name not in back)
    assert app.query_params["back"] in ("hide", ["hide"])
    app.sidebar.button[0].click().run()  # clear filters
    assert shown(app) == 33


def test_route_stop_table_order_and_distances(app: AppTest, layers: dict[str, gpd.GeoDataFrame]) -> None:
    app.selectbox(key="yq_stop_route").set_value("rt-002").run()
    assert not app.exception, app.exception
    table = table_with(app, "距上一站（公里）")
    stops = layers["tourism_stops"]
    chosen = stops[stops["route_id"] == "rt-002"].sort_values("seq")
    assert table.iloc[:, 0].tolist() == [1, 2, 3, 4]
    assert table.iloc[:, 1].tolist() == chosen["name"].tolist() == ["古剑山", "安稳镇", "坡渡镇", "温水镇"]
    assert table.iloc[:, 3].tolist() == chosen["county"].tolist()
    geod = Geod(ellps="WGS84")
    legs = [0.0]
    points = list(chosen.geometry)
    for a, b in zip(points, points[1:], strict=False):
        legs.append(geod.inv(a.x, a.y, b.x, b.y)[2] / 1000)
    assert table.iloc[:, 4].tolist() == pytest.approx([round(v, 1) for v in legs], abs=0.051)
    assert table.iloc[-1, 5] == pytest.approx(sum(legs), abs=0.11)
    assert all(x <= y for x, y in zip(table.iloc[:, 5], table.iloc[1:, 5], strict=False))
    assert any("86.4" in m.value for m in app.markdown)  # route length from the layer


def test_township_partners_and_nearby(app: AppTest) -> None:
    app.selectbox(key="yq_township").set_value("tw-003").run()  # 安稳镇
    assert not app.exception, app.exception
    text = " ".join(m.value for m in app.markdown)
    assert "坡渡镇" in text and "温水镇" in text
    nearby = table_with(app, "距离（公里）")
    assert (nearby["距离（公里）"] <= 15.0).all()
    app.number_input(key="yq_radius_km").set_value(40.0).run()
    assert len(table_with(app, "距离（公里）")) > len(nearby)


def test_url_state_round_trip(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    app.text_input(key="yq_text").input("gan shui")
    app.multiselect(key="yq_provinces").set_value(["重庆市"])
    app.checkbox(key="yq_cross_border_only").check()
    app.radio(key="yq_basemap").set_value("none")
    app.radio(key="yq_lang").set_value("en").run()
    query = dict(app.query_params)
    assert query["q"] in ("gan shui", ["gan shui"])
    counts = app.session_state["yq_counts"]

    second = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    for key, value in query.items():
        second.query_params[key] = value[-1] if isinstance(value, list) else value
    second.run()
    assert not second.exception, second.exception
    assert second.text_input(key="yq_text").value == "gan shui"
    assert second.multiselect(key="yq_provinces").value == ["重庆市"]
    assert second.checkbox(key="yq_cross_border_only").value is True
    assert second.radio(key="yq_basemap").value == "none"
    assert second.radio(key="yq_lang").value == "en"
    assert second.session_state["yq_counts"] == counts


def test_bad_url_values_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUQIAN_LAYERS", str(TEST_LAYERS))
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    test.query_params["mode"] = "railway,teleport"
    test.query_params["km"] = "not-a-number"
    test.query_params["base"] = "<script>"
    test.run()
    assert not test.exception, test.exception
    assert test.multiselect(key="yq_modes").value == ["railway"]
    assert test.radio(key="yq_basemap").value == "osm"


def test_language_switch(app: AppTest) -> None:
    app.multiselect(key="yq_modes").set_value(["railway"]).run()
    count = shown(app)
    app.radio(key="yq_lang").set_value("en").run()
    assert not app.exception, app.exception
    assert app.title[0].value.startswith("Chongqing–Guizhou")
    assert app.metric[0].label == "Features shown"
    assert shown(app) == count  # the filters survive the switch
    app.toggle(key="yq_show_table").set_value(True).run()
    table = table_with(app, "Plan section")
    assert "English name" in table.columns
    assert "Corridor mode (colour)" not in " ".join(m.value for m in app.markdown)  # drawn only when opened
    app.session_state[LEGEND_KEY] = True
    app.run()
    legend = " ".join(m.value for m in app.markdown)
    assert "Railway" in legend and "Corridor mode (colour)" in legend
    app.radio(key="yq_lang").set_value("zh").run()
    assert app.title[0].value == "渝黔合作先行示范区规划地图"


def test_zoom_to_filtered_and_gaode_basemap(app: AppTest) -> None:
    app.multiselect(key="yq_counties").set_value(["习水县"])
    app.button[0].click().run()  # the first main-area button: zoom to the filtered features
    (minx, miny, maxx, maxy), number = app.session_state["yq_map_view"]  # fitted by Leaflet in the browser
    assert 106.3 < (minx + maxx) / 2 < 106.8 and 28.4 < (miny + maxy) / 2 < 28.8 and number >= 1
    app.button[0].click().run()
    assert app.session_state["yq_map_view"][1] == number + 1  # asked again: the map moves back
    app.radio(key="yq_basemap").set_value("gaode").run()
    assert not app.exception, app.exception
    assert app.session_state["yq_counts"]["townships"] == 1


def test_download_offers_the_filtered_selection(app: AppTest) -> None:
    app.multiselect(key="yq_modes").set_value(["railway"]).run()
    assert not app.exception, app.exception
    assert app.selectbox(key="yq_download_format").value == "geojson"
