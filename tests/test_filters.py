"""Tests of geo.filters and geo.search on the hand-made layers of tests/data/layers."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.config import status_group_members
from geo.filters import (
    Criteria,
    count_features,
    distinct_values,
    facets,
    filter_layers,
    route_ids,
    split_joined,
)
from geo.search import normalise_text, pinyin_of, query_matches, query_words, row_haystacks, search_keys
from geo.stepback import stepped_back
from geo.store import load_layers

TEST_LAYERS = Path(__file__).parent / "data" / "layers"


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    """The hand-made layers that follow the data contract."""
    return load_layers(TEST_LAYERS)


def _ids(kept: dict[str, gpd.GeoDataFrame], name: str) -> list[str]:
    return sorted(kept[name]["id"].tolist())


def test_no_criteria_keeps_everything(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers)
    assert count_features(kept) == count_features(layers)
    assert sum(count_features(layers).values()) == 33


def test_filter_does_not_modify_input(layers: dict[str, gpd.GeoDataFrame]) -> None:
    before = count_features(layers)
    filter_layers(layers, text="ganshui", cross_border_only=True)
    assert count_features(layers) == before


def test_layers_on_keeps_only_chosen_layers(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, layers_on=["townships", "corridors"])
    assert list(kept) == ["corridors", "townships"]  # input (drawing) order


def test_province_matches_any_part_of_joined_value(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, provinces=["贵州省"])
    assert _ids(kept, "townships") == ["tw-005", "tw-006", "tw-007"]
    # the G210 upgrade lies in Chongqing only; the three others cross into Guizhou
    assert _ids(kept, "corridors") == ["co-001", "co-002", "co-004"]
    assert len(kept["boundaries"]) == 2  # the two Guizhou counties
    assert len(kept["province_border"]) == 1  # 重庆市、贵州省


def test_county_filter(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, counties=["习水县"])
    assert _ids(kept, "townships") == ["tw-007"]
    assert _ids(kept, "corridors") == ["co-004"]
    assert len(kept["boundaries"]) == 3  # context layer: counties do not apply


def test_mode_applies_to_corridors_only(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, modes=["railway", "expressway"])
    assert _ids(kept, "corridors") == ["co-001", "co-002"]
    assert len(kept["townships"]) == len(layers["townships"])


def test_status_applies_to_layers_with_status(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, statuses=["existing"])
    assert _ids(kept, "corridors") == ["co-001"]
    assert _ids(kept, "logistics_parks") == ["lg-001"]
    assert len(kept["projects"]) == 0
    assert len(kept["townships"]) == 7


def test_route_filter_keeps_route_and_its_stops(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, routes=["rt-001"])
    assert _ids(kept, "tourism_routes") == ["rt-001"]
    assert set(kept["tourism_stops"]["route_id"]) == {"rt-001"}
    assert len(kept["tourism_stops"]) == 3


def test_logistics_kind(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, logistics_kinds=["market", "freight_yard"])
    assert _ids(kept, "logistics_parks") == ["lg-002", "lg-003"]


def test_cross_border_only(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, cross_border_only=True)
    assert _ids(kept, "corridors") == ["co-001", "co-002", "co-004"]
    assert "tw-001" not in kept["townships"]["id"].tolist()  # 古南街道 has no partner
    assert len(kept["tourism_stops"]) == 0
    assert len(kept["boundaries"]) == 3
    assert len(kept["province_border"]) == 1


@pytest.mark.parametrize("query", ["赶水", "赶水镇", "ganshui", "Ganshui", "gan shui", "GANSHUI", "Gānshuǐ",
                                   "Ganshui Town"])
def test_text_finds_ganshui_in_any_script(layers: dict[str, gpd.GeoDataFrame], query: str) -> None:
    kept = filter_layers(layers, layers_on=["townships"], text=query)
    assert kept["townships"]["name"].tolist() == ["赶水镇"]


def test_text_search_spans_layers(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, text="ganshui")
    counts = count_features(kept)
    assert counts["townships"] == 1
    assert counts["tourism_stops"] == 1
    assert counts["logistics_parks"] == 1  # 赶水铁路货运站
    assert counts["corridors"] == 1  # 赶水至温水快速路
    assert counts["boundaries"] == 3


def test_text_with_no_match_empties_feature_layers(layers: dict[str, gpd.GeoDataFrame]) -> None:
    counts = count_features(filter_layers(layers, text="zzzzqx"))
    assert sum(v for k, v in counts.items() if k not in ("boundaries", "province_border")) == 0


def test_criteria_combine(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, provinces=["重庆市"], counties=["綦江区"], modes=["national_road"],
                         statuses=["upgrade"], cross_border_only=False)
    assert _ids(kept, "corridors") == ["co-003"]
    assert _ids(kept, "logistics_parks") == ["lg-002"]


def test_empty_lists_mean_no_filter(layers: dict[str, gpd.GeoDataFrame]) -> None:
    kept = filter_layers(layers, provinces=[], counties=[], modes=[], statuses=[], routes=[],
                         logistics_kinds=[], text="  ")
    assert count_features(kept) == count_features(layers)


def test_helpers() -> None:
    assert split_joined("綦江区、桐梓县") == ["綦江区", "桐梓县"]
    assert split_joined(None) == []
    assert normalise_text("Gān Shuǐ–Town") == "ganshuitown"
    assert pinyin_of("赶水镇") == "ganshuizhen"
    assert pinyin_of("重庆市") == "chongqingshi"
    assert query_matches("qijiang", search_keys(["綦江区"]))
    assert not query_matches("tongzi", search_keys(["綦江区", "Qijiang District"]))


def test_distinct_values(layers: dict[str, gpd.GeoDataFrame]) -> None:
    assert distinct_values(layers, "county") == ["习水县", "桐梓县", "綦江区"]
    assert distinct_values(layers, "mode", only=["corridors"]) == ["expressway", "fast_road", "national_road",
                                                                   "railway"]


def test_criteria_filter_like_the_keywords(layers: dict[str, gpd.GeoDataFrame]) -> None:
    criteria = Criteria(modes=["railway"], counties=("綦江区",), text="ganshui", cross_border_only=True)
    assert criteria.modes == ("railway",) and hash(criteria) == hash(Criteria(modes=("railway",),
                                                                           counties=["綦江区"], text="ganshui",
                                                                           cross_border_only=True))
    by_criteria = filter_layers(layers, criteria)
    by_keywords = filter_layers(layers, modes=["railway"], counties=["綦江区"], text="ganshui", cross_border_only=True)
    assert count_features(by_criteria) == count_features(by_keywords)
    assert Criteria(text="").text is None and Criteria(layers_on=None).layers_on is None


def test_route_ids_fall_back_to_id(layers: dict[str, gpd.GeoDataFrame]) -> None:
    routes = layers["tourism_routes"]
    assert route_ids(routes).tolist() == routes["route_id"].astype(str).tolist()
    assert route_ids(routes.drop(columns="route_id")).tolist() == routes["id"].astype(str).tolist()
    assert route_ids(gpd.GeoDataFrame()).empty


# ---------- facets: what the map frame filters with (geo/view/js/predict.js) ----------

def _kept_by_facets(name: str, layer_facets: dict[str, dict[str, object]], rows: int, criteria: Criteria) -> list[int]:
    """Positions kept by the four generic tests ``predict.js`` applies to the facets (a Python mirror of it)."""
    if criteria.layers_on is not None and name not in criteria.layers_on:
        return []
    kept = []
    for j in range(rows):
        ok = True
        for criterion, facet in layer_facets.items():
            values, chosen = facet["values"], getattr(criteria, criterion)
            assert isinstance(values, list)
            if facet["test"] == "text":
                query, words = normalise_text(chosen or ""), query_words(chosen or "")
                found = values[j] is not None and (query in values[j] or (bool(words) and all(
                    w in values[j] for w in words)))  # the words of a query, as geo.search and predict.js
                ok = ok and (not query or found)
            elif facet["test"] == "flag":
                ok = ok and (not chosen or values[j] == 1)
            elif chosen:
                wanted = set(chosen)
                ok = ok and (bool(wanted.intersection(values[j])) if facet["test"] == "parts" else values[j] in wanted)
        if ok:
            kept.append(j)
    return kept


def _assert_facets_agree(layers: dict[str, gpd.GeoDataFrame], criteria: Criteria) -> None:
    kept = filter_layers(layers, criteria)
    for name, frame in layers.items():
        by_facets = _kept_by_facets(name, facets(name, frame), len(frame), criteria)
        expected = [] if name not in kept else list(frame.index.get_indexer(kept[name].index))
        assert by_facets == expected, (name, criteria)


def test_facets_keep_what_filter_layers_keeps_on_the_plan(built_layers: dict[str, gpd.GeoDataFrame]) -> None:
    values = {c: distinct_values(built_layers, c) for c in ("province", "county", "mode", "status", "kind")}
    routes = sorted(set(route_ids(built_layers["tourism_routes"])))
    cases = [
        Criteria(),
        Criteria(cross_border_only=True),
        Criteria(text="ganshui"), Criteria(text="綦江"), Criteria(text="Gān Shuǐ"), Criteria(text="reservoir"),
        Criteria(text="   "), Criteria(text="zzzz-none"),
        Criteria(provinces=(values["province"][0],)), Criteria(counties=tuple(values["county"][:2])),
        Criteria(modes=(values["mode"][0],), statuses=(values["status"][0],)),
        Criteria(routes=(routes[0],), cross_border_only=True),
        Criteria(logistics_kinds=(values["kind"][0],), text="zhen"),
        Criteria(layers_on=("corridors", "townships"), text="tongzi"),
        Criteria(layers_on=()),
    ]
    for criteria in cases:
        _assert_facets_agree(built_layers, criteria)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_facets_agree_with_filter_layers_for_any_criteria(layers: dict[str, gpd.GeoDataFrame],
                                                          data: st.DataObject) -> None:
    def some(column: str) -> tuple[str, ...]:
        return tuple(data.draw(st.lists(st.sampled_from(distinct_values(layers, column) or ["x"]), max_size=2)))

    criteria = Criteria(
        layers_on=data.draw(st.one_of(st.none(), st.lists(st.sampled_from(sorted(layers)), max_size=4))),
        provinces=some("province"), counties=some("county"), modes=some("mode"), statuses=some("status"),
        logistics_kinds=some("kind"), cross_border_only=data.draw(st.booleans()),
        text=data.draw(st.sampled_from(["", "gan", "zhen", "綦", "Tongzi", "shui ku", "none-such"])))
    _assert_facets_agree(layers, criteria)


def test_facets_say_which_test_each_criterion_takes(layers: dict[str, gpd.GeoDataFrame]) -> None:
    corridor = facets("corridors", layers["corridors"])
    assert {k: v["test"] for k, v in corridor.items()} == {
        "provinces": "parts", "counties": "parts", "modes": "value", "statuses": "value",
        "status_groups": "value", "cross_border_only": "flag", "text": "text",
    } | {k: corridor[k]["test"] for k in corridor if k == "routes"}
    boundary = facets("boundaries", layers["boundaries"])
    assert set(boundary) <= {"provinces"}  # context: only the province narrows it
    assert corridor["cross_border_only"]["values"] == [
        int(str(v).strip().lower() in {"true", "1", "yes"}) for v in layers["corridors"]["cross_border"]]


def test_a_rows_search_keys_are_joined_by_a_bar_no_query_can_hold(layers: dict[str, gpd.GeoDataFrame]) -> None:
    frame = layers["townships"]
    haystacks = row_haystacks(frame)
    assert haystacks is not None and len(haystacks) == len(frame)
    first = frame.iloc[0]
    keys = haystacks[0].split("|")
    assert pinyin_of(str(first["name"])) in keys and normalise_text(str(first["name"])) in keys
    assert normalise_text("a|b") == "ab"  # a folded query never holds the bar, so no match spans two keys
    assert row_haystacks(frame[["geometry"]]) is None


def test_status_groups_keep_the_plans_words_drawn_alike(built_layers: dict[str, gpd.GeoDataFrame]) -> None:
    """Issue 29 item 3: "在建" alone finds no cross-border corridor (the plan says 推进开工建设); its group does."""
    alone = filter_layers(built_layers, Criteria(statuses=("under_construction",), cross_border_only=True))
    group = filter_layers(built_layers, Criteria(status_groups=("building",), cross_border_only=True))
    corridors = built_layers["corridors"]
    building = corridors["status"].isin(status_group_members("building"))
    cross = corridors["cross_border"].astype(str).str.lower().isin({"true", "1"})
    assert len(alone["corridors"]) == 0
    assert len(group["corridors"]) == int((building & cross).sum()) > 0
    assert set(group["corridors"]["status"]) <= {"under_construction", "start_construction"}


def test_layers_a_filter_does_not_narrow_step_back(built_layers: dict[str, gpd.GeoDataFrame]) -> None:
    criteria = Criteria(cross_border_only=True, statuses=("start_construction",), modes=("expressway",))
    back = stepped_back(criteria, built_layers)
    assert "corridors" not in back
    assert {"tourism_routes", "tourism_stops", "cooperation_links", "townships"} <= set(back)
    assert not {"boundaries", "province_border"} & set(back)  # context never steps back
    assert stepped_back(Criteria(), built_layers) == []
    assert stepped_back(Criteria(text="赶水", cross_border_only=True), built_layers) == []  # both narrow every layer
