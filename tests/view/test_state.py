"""URL query-string state of the viewer."""

from __future__ import annotations

from geo.view.state import ViewState, state_from_query, state_to_query


def test_default_state_writes_an_empty_query() -> None:
    assert state_to_query(ViewState()) == {}
    assert state_from_query({}) == ViewState()


def test_round_trip_of_every_field() -> None:
    state = ViewState(lang="en", layers_on=["townships", "corridors"], provinces=["贵州省"],
                      counties=["桐梓县", "习水县"], modes=["railway"], statuses=["existing", "planned"],
                      routes=["rt-002"], logistics_kinds=["market"], cross_border_only=True, text="gan shui",
                      basemap="gaode", township="tw-003", radius_km=25.0, stop_route="rt-001")
    query = state_to_query(state)
    assert query["xb"] == "1" and query["county"] == "桐梓县,习水县" and query["km"] == "25"
    assert state_from_query(query) == state


def test_empty_layer_list_is_kept_distinct_from_default() -> None:
    state = ViewState(layers_on=[])
    assert state_to_query(state) == {"layers": "-"}
    assert state_from_query({"layers": "-"}).layers_on == []


def test_malformed_and_unknown_values_are_dropped() -> None:
    allowed = {"modes": ["railway", "expressway"], "basemap": ["osm", "none"], "lang": ["zh", "en"]}
    state = state_from_query({"mode": "railway,teleport,railway", "km": "abc", "base": "<script>",
                              "lang": "fr", "xb": "yes", "unknown": "1"}, allowed)
    assert state.modes == ["railway"]
    assert state.radius_km == ViewState().radius_km
    assert state.basemap == "osm" and state.lang == "zh"
    assert state.cross_border_only is True
    assert state_from_query({"km": "-5"}).radius_km == ViewState().radius_km


def test_list_values_from_repeated_parameters() -> None:
    assert state_from_query({"q": ["first", "last"]}).text == "last"


def test_criteria_match_filter_layers() -> None:
    criteria = ViewState(text="", modes=["railway"]).criteria
    assert criteria.text is None and criteria.cross_border_only is False and criteria.modes == ("railway",)
    assert hash(criteria) == hash(ViewState(modes=["railway"]).criteria)  # a cache key


def test_gcj02_flag_follows_the_basemap() -> None:
    assert ViewState(basemap="gaode").gcj02 and not ViewState(basemap="osm").gcj02


def test_labels_of_either_language_in_a_link_become_codes() -> None:
    """Issue 29 item 1: links written while the state held labels still open their view."""
    from _paths import DATA

    from geo.store import load_layers
    from geo.view.sidebar import choices_from_layers

    choices = choices_from_layers(load_layers(DATA / "layers"))
    for query in ({"mode": "Railway", "status": "已建成", "layers": "行政区划,渝黔省界", "town": "（无）",
                   "base": "无底图（纯色背景）", "lang": "English"},
                  {"mode": "普速铁路", "status": "Existing", "layers": "Boundaries,Chongqing–Guizhou border",
                   "town": "(none)", "base": "No tiles (plain background)", "lang": "en"}):
        state = state_from_query(query, choices.allowed(), choices.aliases())
        assert state.modes == ["railway"] and state.statuses == ["existing"]
        assert state.layers_on == ["boundaries", "province_border"]
        assert state.township == "" and state.basemap == "none" and state.lang == "en"
    assert state_from_query({"stops": "Mountain Wellness Route 山水康养之旅", "prov": "Guizhou"},
                            choices.allowed(), choices.aliases()).stop_route == "rt-002"
    assert state_from_query({"prov": "Guizhou"}, choices.allowed(), choices.aliases()).provinces == ["贵州省"]


def test_the_map_view_of_a_link() -> None:
    from geo.view.state import map_view_from_query

    assert map_view_from_query({"center": "28.60411,106.634", "zoom": "11"}) == (28.60411, 106.634, 11.0)
    assert map_view_from_query({"center": "28.6,106.6"}) is None
    for bad in ({"center": "x,1", "zoom": "3"}, {"center": "91,1", "zoom": "3"}, {"center": "1,2,3", "zoom": "3"},
                {"center": "1,2", "zoom": "40"}):
        assert map_view_from_query(bad) is None
