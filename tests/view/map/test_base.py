"""Map assembly: offline assets only, data groups, halos, GCJ-02 shift, view fitting."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import pytest
from _paths import DATA

from geo.config import PILOT_COUNTIES
from geo.crs import shift_to_gcj02
from geo.store import load_layers
from geo.view.files._assets import (
    MAPREAD_JS,
    NODE_MODULES,
    REQUIRED_FILES,
    AssetUrls,
    bundle_text,
    external_urls,
    missing_assets,
    without_comment_lines,
)
from geo.view.map._base import (
    build_base_map,
    data_groups,
    fit_group,
    highlight_group,
    legend_group,
    pilot_bounds,
)
from geo.view.map._popups import prepare_layer

TEST_LAYERS = DATA / "layers"
URLS = AssetUrls(base="../geo.view.files._assets.offline_assets")


@pytest.fixture(scope="module")
def prepared() -> dict[str, gpd.GeoDataFrame]:
    return {name: prepare_layer(name, frame, "zh") for name, frame in load_layers(TEST_LAYERS).items()}


@pytest.mark.parametrize("basemap", ["osm", "gaode", "satellite", "none"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_base_map_loads_no_script_or_css_from_another_host(basemap: str, lang: str) -> None:
    fmap = build_base_map(basemap, lang, URLS)  # type: ignore[arg-type]
    assert external_urls(fmap) == []
    page = fmap.get_root().render()
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", page)
    assert "offline_assets/leaflet/dist/leaflet.js" in page
    assert "leaflet-measure" in page and "Control.FullScreen" in page
    assert "control_scale" in page or "L.control.scale" in page
    tiles = re.findall(r"L\.tileLayer\(", page)
    assert len(tiles) == (0 if basemap == "none" else 1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_joined_script_replaces_the_three(lang: str) -> None:
    urls = AssetUrls(base=URLS.base, bundles={"zh": "../b/zh.js", "en": "../b/en.js"})
    page = build_base_map("osm", lang, urls).get_root().render()  # type: ignore[arg-type]
    scripts = re.findall(r"<script[^>]+src=\"([^\"]+)\"", page)
    assert scripts == [f"../b/{lang}.js"]
    assert "leaflet-measure.css" in page and "Control.FullScreen.css" in page  # style sheets stay separate


@pytest.mark.skipif(bool(missing_assets(NODE_MODULES)), reason="npm assets not installed")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bundle_text_joins_leaflet_and_plugins_in_load_order(lang: str) -> None:
    text = bundle_text(NODE_MODULES, lang)
    (header, leaflet, fullscreen, measure, cluster, words, mapread, stacks, labels, legend, predict,
     share) = text.split("\n;\n")
    assert "L.Control.Zoom.mergeOptions" in words and "YQ.setup = function (map, cfg)" in share  # issue 29
    assert header.startswith("/*") and header.endswith("*/")
    assert "Leaflet" in leaflet and "L.Control.FullScreen" not in leaflet
    assert "Fullscreen" in fullscreen and "L.Control.Measure" in measure
    assert "MarkerClusterGroup" in cluster and "YQ.DataLayer" in mapread  # the plugin before the script using it
    assert "YQ.cluster = function" in stacks and "YQ.cluster = function" not in mapread  # the stack group apart
    assert "YQ.drawLabels = function" in labels and "YQ.esc = esc" in mapread  # labels after what they reuse
    assert "YQ.LegendLayer = L.Layer.extend" in legend and "YQ.LegendLayer" not in mapread
    assert "YQ.watchFilters = function" in predict and "YQ.reconcileNow = function" in mapread  # last: it uses both
    assert "sourceMappingURL" not in text
    assert ("测量" in text) == (lang == "zh")  # the Chinese edition of the measure tool


def test_the_viewers_own_scripts_lose_their_comment_lines_only() -> None:
    script = "a();\n/* note\n   more */ b();\n  // line\nc(); // kept\n/** doc */\nvar s = '/* not a comment */';\n"
    assert without_comment_lines(script) == "a();\nb();\nc(); // kept\nvar s = '/* not a comment */';\n"
    for path in MAPREAD_JS:
        text = path.read_text(encoding="utf-8")
        code = without_comment_lines(text)
        assert len(code) < len(text)
        assert not any(line.strip().startswith(("//", "/*", "* ")) for line in code.splitlines())
    assert "YQ.served = function" in bundle_text(NODE_MODULES, "zh")


def test_missing_assets_are_reported(tmp_path: Path) -> None:
    assert missing_assets(tmp_path) == list(REQUIRED_FILES)


def test_npm_assets_installed() -> None:
    assert missing_assets(NODE_MODULES) == [], "run `npm ci --prefix geo/view/assets`"


def test_data_groups_one_per_layer_with_counts(prepared: dict[str, gpd.GeoDataFrame]) -> None:
    groups = data_groups(prepared, "en")
    assert len(groups) == len(prepared)
    assert groups[2].layer_name == "Transport corridors (4)"
    rendered = groups[2]._children
    assert len(rendered) == 1
    empty = data_groups({"projects": prepared["projects"].iloc[0:0]}, "zh")
    assert empty[0].layer_name == "重点项目 (0)" and not empty[0]._children


def test_halo_group(prepared: dict[str, gpd.GeoDataFrame]) -> None:
    group = highlight_group(prepared["cooperation_links"].iloc[:2], prepared["townships"].iloc[:3],
                            (28.7, 106.7), 10.0, "<b>")
    assert len(group._children) == 1 + 2 + 3
    assert group.layer_name == "&lt;b&gt;"


def test_gcj02_shift_moves_features_a_few_hundred_metres(prepared: dict[str, gpd.GeoDataFrame]) -> None:
    towns = prepared["townships"]
    shifted = shift_to_gcj02(towns)
    dx = (shifted.geometry.x - towns.geometry.x).abs()
    dy = (shifted.geometry.y - towns.geometry.y).abs()
    assert ((dx + dy) > 0.001).all() and ((dx + dy) < 0.02).all()
    assert list(shifted["fid"]) == list(towns["fid"])
    lines = shift_to_gcj02(prepared["corridors"])
    assert len(lines.geometry.iloc[0].coords) == len(prepared["corridors"].geometry.iloc[0].coords)


def test_views_are_fitted_by_leaflet_at_the_real_map_size(prepared: dict[str, gpd.GeoDataFrame]) -> None:
    group = fit_group([106.4, 28.4, 106.9, 29.0], 3)
    script = _render(group)
    assert 'YQ["fitTo"].apply(null, [3, [[28.4, 106.4], [29.0, 106.9]]])' in script
    boundaries = load_layers(TEST_LAYERS)["boundaries"]
    fit = pilot_bounds(boundaries)
    pilot = boundaries[boundaries["name"].isin(PILOT_COUNTIES)]
    if pilot.empty:
        assert fit is None
    else:
        minx, miny, maxx, maxy = pilot.total_bounds
        assert fit == ((miny, minx), (maxy, maxx))
    urls = AssetUrls(base=URLS.base, bundles={"zh": "../b/zh.js", "en": "../b/en.js"})
    page = build_base_map("none", "zh", urls, ((28.0, 106.0), (29.0, 107.0))).get_root().render()
    assert '"fit": [[28.0, 106.0], [29.0, 107.0]]' in page and "YQ.setup(" in page


def test_legend_control_carries_the_escaped_legend() -> None:
    import json

    script = _render(legend_group('<div class="yq-legend">x &lt;b&gt;</div>', "图例 · 318"))
    args = re.search(r'YQ\["legend"\]\.apply\(null, (\[.*?\])\);', script)
    assert args and json.loads(args.group(1)) == ['<div class="yq-legend">x &lt;b&gt;</div>', "图例 · 318"]
    assert "</" not in args.group(1)  # script-safe JSON: no markup can close the script element
    assert "图例" in args.group(1)  # Chinese travels as UTF-8, not as \uXXXX escapes


def _render(group: object) -> str:
    import folium

    fmap = folium.Map(tiles=None)
    group.add_to(fmap)
    return fmap.get_root().render()
