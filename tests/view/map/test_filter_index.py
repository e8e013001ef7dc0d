"""The filter index the map frame filters with, the widgets it reads, and what each run tells it."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from _paths import DATA

from geo.config import MODES
from geo.filters import Criteria, facets
from geo.store import load_layers
from geo.view.i18n import vocab_label
from geo.view.map._base import data_groups, served_layer
from geo.view.map._data import IndexedGeoJson, MapData, data_folder
from geo.view.map._filter_index import INDEX_STEM, filter_index_text, index_url, publish_index, publish_index_soon
from geo.view.sidebar import WIDGET_KEYS, choices_from_layers, filter_widgets, widget_class

TEST_LAYERS = DATA / "layers"


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    return load_layers(TEST_LAYERS)


def _source(layers: dict[str, gpd.GeoDataFrame], url: str = "../geo.view.map._data.map_data/abc.json") -> MapData:
    """A features file holding every layer, the townships in reverse order."""
    index = {name: frame.index for name, frame in layers.items()}
    index["townships"] = layers["townships"].index[::-1]
    return MapData(url=url, index=index)


def test_the_index_holds_each_layers_facets_in_the_files_row_order(layers: dict[str, gpd.GeoDataFrame]) -> None:
    source = _source(layers)
    data = json.loads(filter_index_text(layers, source))
    assert data["source"] == "abc.json"  # the frame uses it only with that features file
    assert list(data["layers"]) == list(layers)
    towns = data["layers"]["townships"]
    assert towns["rows"] == len(layers["townships"])
    reversed_towns = layers["townships"].loc[source.index["townships"]]
    assert towns["facets"] == json.loads(json.dumps(facets("townships", reversed_towns), ensure_ascii=False))
    assert data["layers"]["corridors"]["facets"]["modes"]["test"] == "value"


def test_the_index_is_published_once_beside_the_features_file(layers: dict[str, gpd.GeoDataFrame]) -> None:
    source = _source(layers, url="../geo.view.map._data.map_data/test-index-source.json")
    assert index_url(source) is None
    url = publish_index(layers, source)
    assert url.startswith("../geo.view.map._data.map_data/" + INDEX_STEM) and url.endswith(".json")
    assert publish_index(layers, source) == url == index_url(source)
    written = data_folder() / url.rsplit("/", 1)[1]
    assert json.loads(written.read_text(encoding="utf-8"))["source"] == "test-index-source.json"


def test_a_run_has_the_index_made_in_a_thread_once(layers: dict[str, gpd.GeoDataFrame]) -> None:
    source = _source(layers, url="../geo.view.map._data.map_data/test-index-soon.json")
    thread = publish_index_soon(layers, source)
    assert thread is not None
    thread.join(timeout=60)
    assert index_url(source) is not None
    assert publish_index_soon(layers, source) is None  # published: nothing more to do


def test_the_frame_reads_the_widgets_by_their_class_and_their_chips_by_label(
        layers: dict[str, gpd.GeoDataFrame]) -> None:
    choices = choices_from_layers(layers)
    spec = filter_widgets(choices, "zh")
    fields = {f["name"]: f for f in spec["fields"]}
    assert list(fields) == ["text", "layers_on", "provinces", "counties", "modes", "status_groups", "statuses",
                            "routes", "logistics_kinds", "cross_border_only"]
    assert set(fields) == {f for f in Criteria.__dataclass_fields__}
    assert fields["text"] == {"name": "text", "widget": "st-key-yq_text", "kind": "text"}
    assert fields["cross_border_only"]["kind"] == "check"
    modes = fields["modes"]["labels"]
    assert isinstance(modes, dict)
    assert modes[vocab_label(MODES, "railway", "zh")] == "railway"
    english = {f["name"]: f for f in filter_widgets(choices, "en")["fields"]}
    assert english["modes"]["labels"][vocab_label(MODES, "railway", "en")] == "railway"
    assert widget_class(WIDGET_KEYS["layers_on"]) == "st-key-yq_layers_on"
    assert widget_class(" a b/c ") == "st-key-a-b-c"  # as Streamlit writes a key into a class


def test_a_label_two_values_share_is_left_for_the_server(layers: dict[str, gpd.GeoDataFrame]) -> None:
    choices = choices_from_layers(layers)
    twin = {**choices.routes, "copy": next(iter(choices.routes.values()))}
    spec = filter_widgets(type(choices)(**{**choices.__dict__, "routes": twin}), "zh")
    routes = next(f for f in spec["fields"] if f["name"] == "routes")["labels"]
    assert isinstance(routes, dict)
    assert "copy" not in routes.values() and len(routes) == len(twin) - 2


def test_each_run_says_what_it_drew_and_where_the_index_is() -> None:
    every = ("corridors", "townships")
    criteria = Criteria(layers_on=("corridors",), modes=("railway",), text="赶水", cross_border_only=True)
    args = json.loads(served_layer(criteria, "../x/filters-1.json", every).args_json)
    none_back = {"layers": [], "mode": "pale"}
    assert args == [{"layers_on": ["corridors"], "modes": ["railway"], "cross_border_only": True, "text": "赶水"},
                    "../x/filters-1.json", none_back]
    # only what narrows travels with every run: every layer chosen is no layer list; an empty one is sent
    assert json.loads(served_layer(Criteria(layers_on=every), None, every).args_json) == [{}, None, none_back]
    assert json.loads(served_layer(Criteria(layers_on=()), None, every).args_json) == [{"layers_on": []}, None,
                                                                                        none_back]
    # and the layers it stepped back (drawn pale or hidden), and how
    back = json.loads(served_layer(criteria, None, every, (["townships"], "hide")).args_json)[2]
    assert back == {"layers": ["townships"], "mode": "hide"}


def test_the_widgets_travel_in_the_index_not_in_every_runs_script(layers: dict[str, gpd.GeoDataFrame]) -> None:
    widgets = filter_widgets(choices_from_layers(layers), "zh")
    data = json.loads(filter_index_text(layers, _source(layers), widgets))
    assert data["widgets"] == json.loads(json.dumps(widgets, ensure_ascii=False))
    assert json.loads(filter_index_text(layers, _source(layers)))["widgets"] == {}


def test_an_empty_layer_still_gets_its_data_layer(layers: dict[str, gpd.GeoDataFrame]) -> None:
    source = MapData(url="x.json", index={name: frame.index for name, frame in layers.items()})
    kept = {name: frame.iloc[0:0] for name, frame in layers.items()}
    groups = data_groups(kept, "zh", source)
    elements = [child for group in groups for child in group._children.values()]
    assert all(isinstance(e, IndexedGeoJson) for e in elements) and len(elements) == len(layers)
    assert all(e.spans == [] for e in elements)  # nothing drawn; the frame can fill it at the next change
