"""Features sent once as a file and picked by position: encoding, rendering, groups."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from _paths import DATA
from shapely.geometry import Point

from geo.store import load_layers
from geo.view.map._base import data_groups
from geo.view.map._data import CANVAS_MIN_FEATURES, IndexedGeoJson, MapData, map_data_text
from geo.view.map._popups import prepare_layer

TEST_LAYERS = DATA / "layers"


@pytest.fixture(scope="module")
def prepared() -> dict[str, gpd.GeoDataFrame]:
    return {name: prepare_layer(name, frame, "zh") for name, frame in load_layers(TEST_LAYERS).items()}


def test_spans_are_runs_of_positions() -> None:
    source = MapData(url="x.json", index={"a": pd.Index([10, 11, 12, 13, 20, 21])})
    assert source.spans("a", pd.Index([10, 11, 12, 13, 20, 21])) is None  # everything
    assert source.spans("a", pd.Index([11, 12, 21])) == [1, 2, 5, 1]
    assert source.spans("a", pd.Index([21, 10])) == [0, 1, 5, 1]  # sorted by position
    assert source.spans("a", pd.Index([], dtype=int)) == []
    assert source.spans("missing", pd.Index([1])) == []


def test_map_data_text_is_compact_rounded_utf8(prepared: dict[str, gpd.GeoDataFrame]) -> None:
    text = map_data_text(prepared)
    data = json.loads(text)
    assert list(data) == list(prepared)
    assert [f["properties"]["fid"] for f in data["townships"]] == list(prepared["townships"]["fid"])
    assert "\\u" not in text and "</" not in text  # UTF-8 kept, no closing tags
    first = data["townships"][0]
    assert {"fid", "style", "tip", "popup", "lb", "rk"} <= set(first["properties"])
    assert set(first["properties"]) <= {"fid", "style", "tip", "popup", "lb", "lb2", "rk", "pr", "at"}
    assert all(len(str(c).split(".")[-1]) <= 5 for c in first["geometry"]["coordinates"])


def test_map_data_text_escapes_script_end() -> None:
    frame = gpd.GeoDataFrame({"fid": ["a"], "style": [{"color": "#000", "dashArray": None}],
                              "tip": ["</script>"], "popup": ["p"]}, geometry=[Point(106.123456, 28.1)])
    text = map_data_text({"projects": frame})
    assert "</script>" not in text
    feature = json.loads(text)["projects"][0]
    assert feature["properties"]["tip"] == "</script>" and feature["properties"]["style"] == {"color": "#000"}
    assert feature["geometry"]["coordinates"] == [106.12346, 28.1]


def test_groups_carry_positions_not_features(prepared: dict[str, gpd.GeoDataFrame]) -> None:
    source = MapData(url="../m/d.json", index={n: f.index for n, f in prepared.items()})
    drawn = {"townships": prepared["townships"].iloc[1:3], "projects": prepared["projects"].iloc[0:0]}
    groups = data_groups(drawn, "en", source)
    assert [len(g._children) for g in groups] == [1, 1]  # an empty layer too: the frame can fill it later
    assert next(iter(groups[1]._children.values())).spans == []
    element = next(iter(groups[0]._children.values()))
    assert isinstance(element, IndexedGeoJson) and element.spans == [1, 2] and not element.canvas
    script = element._template.module.script(element)
    assert "../m/d.json" in script and "[1, 2]" in script and "bindPopup" in script
    assert sum(len(f) for f in prepared.values()) < CANVAS_MIN_FEATURES


def test_labels_travel_in_the_same_features_file(prepared: dict[str, gpd.GeoDataFrame]) -> None:
    data = json.loads(map_data_text(prepared))
    towns = data["townships"]
    assert [f["properties"]["lb"] for f in towns] == [r["lb"] for r in prepared["townships"]["label"]]
    assert {f["properties"]["rk"] for f in towns} == {1}
    for county in data.get("boundaries", []):
        lon, lat = county["properties"]["lp"]  # where its name goes, inside the polygon
        from shapely.geometry import Point as _Point
        from shapely.geometry import shape

        assert shape(county["geometry"]).buffer(0.01).contains(_Point(lon, lat))
        assert county["properties"]["rk"] == 0
