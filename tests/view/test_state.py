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
