"""Styles, popups, tooltips and the legend: every rule, and HTML escaping of data."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.config import LAYERS, MODES, STATUSES, THEMES
from geo.filters import filter_layers
from geo.store import load_layers
from geo.symbology import PATTERN_DASH, feature_style, point_style, status_group_rows, status_pattern
from geo.view.map._legend import legend_html
from geo.view.map._popups import popup_html, prepare_layer, tooltip_html

TEST_LAYERS = Path(__file__).parent / "data" / "layers"
EVIL = '<img src=x onerror="alert(1)">&<script>alert(2)</script>'


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    return load_layers(TEST_LAYERS)


@pytest.mark.parametrize(("status", "pattern"), [
    ("existing", "solid"), ("upgrade", "solid"), ("under_construction", "dashed"),
    ("start_construction", "dashed"), ("preliminary_work", "dotted"), ("under_study", "dotted"),
    ("planned", "dotted"), ("made_up", "dotted"),
])
def test_status_pattern(status: str, pattern: str) -> None:
    assert status_pattern(status) == pattern
    style = feature_style("corridors", {"mode": "railway", "status": status})
    assert style["dashArray"] == PATTERN_DASH[pattern]


def test_corridor_colour_by_mode_and_faded_early_stages() -> None:
    for mode, (_, _, colour) in MODES.items():
        assert feature_style("corridors", {"mode": mode, "status": "existing"})["color"] == colour
    existing = feature_style("corridors", {"mode": "railway", "status": "existing"})
    study = feature_style("corridors", {"mode": "railway", "status": "under_study"})
    assert study["opacity"] < existing["opacity"]


def test_route_and_stop_colour_by_theme() -> None:
    assert feature_style("tourism_routes", {"theme": "red"})["color"] == THEMES["red"][2]
    stop = feature_style("tourism_stops", {"route_id": "rt-9", "precision": "site"}, {"rt-9": "geology"})
    assert stop["color"] == THEMES["geology"][2]


def test_precision_drawn_distinctly() -> None:
    site, township, county = (point_style("#123456", p) for p in ("site", "township", "county"))
    assert site["dashArray"] is None and site["fillOpacity"] > 0.5
    assert township["dashArray"] and township["fillOpacity"] < site["fillOpacity"]
    assert county["dashArray"] and county["fillOpacity"] == 0
    assert len({township["dashArray"], county["dashArray"]}) == 2


def test_popup_has_every_field_and_says_precision(layers: dict[str, gpd.GeoDataFrame]) -> None:
    record = layers["logistics_parks"].iloc[2].to_dict()  # 桐梓县商贸市场, county precision
    zh = popup_html("logistics_parks", record, "zh")
    for part in ("桐梓县商贸市场", "Tongzi Market", "专业市场/商圈", "规划", "桐梓县", "002", "规划中的商贸市场。",
                 "仅定位到区县驻地"):
        assert part in zh
    en = popup_html("logistics_parks", record, "en")
    assert "placed at the county seat only" in en and en.index("Tongzi Market") < en.index("桐梓县商贸市场")


def test_data_strings_are_escaped_everywhere(layers: dict[str, gpd.GeoDataFrame]) -> None:
    record = {"id": "tw-x", "name": EVIL, "name_en": EVIL, "county": EVIL, "source": EVIL, "summary": EVIL,
              "summary_en": EVIL, "precision": EVIL, "partners": EVIL, "level": EVIL, "province": EVIL}
    for html_text in (popup_html("townships", record, "zh"), tooltip_html(record, "en")):
        assert "<script" not in html_text and "<img" not in html_text
        assert "&lt;script&gt;" in html_text
    # the hand-made data carry <b> in a summary: it must arrive escaped
    prepared = prepare_layer("townships", layers["townships"], "zh")
    assert "&lt;b&gt;中心城区&lt;/b&gt;" in prepared.loc[0, "popup"]
    frame = gpd.GeoDataFrame([{**record, "kind": EVIL, "status": EVIL}], geometry=[Point(106.7, 28.7)], crs=4326)
    legend = legend_html({"logistics_parks": frame}, {"logistics_parks": frame}, "zh")
    assert "<script" not in legend and "<img" not in legend


def test_legend_lists_every_style_with_filtered_counts(layers: dict[str, gpd.GeoDataFrame]) -> None:
    everything = legend_html(layers, layers, "zh")
    for label in ("普速铁路", "高速公路", "国道", "快速路", "已建成", "推进开工建设", "研究论证", "红色文旅",
                  "生态康养", "物流园区", "专业市场/商圈", "产业园区", "仅定位到乡镇驻地", "仅定位到区县驻地",
                  "渝黔省界", "区县界"):
        assert label in everything
    assert everything.count('class="yq-legend-row"') >= len(LAYERS) + 16
    only_rail = legend_html(filter_layers(layers, modes=["railway"]), layers, "en")
    assert ">Railway</span><span class=\"yq-count\">1</span>" in only_rail
    assert ">Expressway</span><span class=\"yq-count\">0</span>" in only_rail


def test_prepare_layer_keeps_index_and_builds_once(layers: dict[str, gpd.GeoDataFrame]) -> None:
    for name, frame in layers.items():
        prepared = prepare_layer(name, frame, "zh")
        assert list(prepared.index) == list(frame.index)
        assert {"fid", "style", "tip", "popup"} <= set(prepared.columns)
        assert prepared["fid"].is_unique
    assert all(code in STATUSES for code in ("existing", "under_study"))


def test_legend_status_rows_count_only_the_lines_drawn_with_each_pattern(
        built_layers: dict[str, gpd.GeoDataFrame]) -> None:
    """Issue 29 item 3: the map's and the printed legend agree, and count corridors only (not parks, projects)."""
    from geo.publish._legend_rows import legend_rows

    corridors = built_layers["corridors"]
    wanted = {pattern: int(sum(status_pattern(s) == pattern for s in corridors["status"]))
              for pattern in ("solid", "dashed", "dotted")}
    rows = status_group_rows(corridors, "zh")
    assert {pattern: count for _, pattern, count in rows} == wanted
    assert rows[1][0] == "在建类（在建、推进开工建设）"  # each group lists the plan's words
    html_text = legend_html(built_layers, built_layers, "zh")
    for label, _, count in rows:
        assert f">{label}</span><span class=\"yq-count\">{count}</span>" in html_text
    printed = [row.label for row in legend_rows(built_layers, "zh")]
    for label, _, count in rows:
        assert f"{label} ({count})" in printed


def test_tourism_routes_have_their_own_line_style_in_every_output() -> None:
    """Issue 29 item 2: a route is a wide pale band, never a corridor's narrow line; KML and QGIS read it."""
    from geo.export._kml import _style_of
    from geo.export._styles import symbol_from_web

    route = feature_style("tourism_routes", {"theme": "red"})
    widest = max(feature_style("corridors", {"mode": m, "status": "existing"})["weight"] for m in MODES)
    assert route["weight"] >= 2 * widest and route["opacity"] < 0.5 and route["dashArray"] is None
    _, colour, width, alpha = _style_of("tourism_routes", {"theme": "red"}, {})
    assert (colour, width, alpha) == (route["color"], route["weight"], round(route["opacity"] * 255))
    symbol = symbol_from_web(route, "line")
    assert (symbol.width_px, symbol.opacity) == (route["weight"], route["opacity"])
