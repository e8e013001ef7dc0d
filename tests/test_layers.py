"""The built layers: contract properties, points inside counties, border crossings."""

from __future__ import annotations

import pytest
from shapely.ops import unary_union

from geo import config
from geo.boundaries import load_counties
from geo.layers import build_layers
from geo.records import load_all_records
from geo.validate import COMMON_PROPERTIES, LAYER_PROPERTIES, check_layers


def test_mini_build_values(mini_seeds, mini_gazetteer, mini_counties) -> None:
    layers = build_layers(load_all_records(mini_seeds), mini_gazetteer, mini_counties)
    assert check_layers(layers, mini_counties) == []
    road = layers["corridors"].set_index("id").loc["co-test-road"]
    assert road["county"] == "綦江区、桐梓县" and road["province"] == "重庆市、贵州省"
    assert road["length_km"] == pytest.approx(22.17, abs=0.05)
    stops = layers["tourism_stops"].sort_values("seq")
    assert list(stops["precision"]) == ["site", "township", "county"]
    assert list(stops["cum_km"]) == sorted(stops["cum_km"])
    route = layers["tourism_routes"].iloc[0]
    assert route["length_km"] == pytest.approx(stops["cum_km"].iloc[-1])
    links = layers["cooperation_links"]
    assert set(zip(links["from"], links["to"], strict=True)) == {("赶水镇", "坡渡镇"), ("赶水镇", "坭坝乡")}
    assert links["cross_border"].all()
    towns = layers["townships"].set_index("name")
    assert towns["cross_border"].to_dict() == {"赶水镇": True, "坡渡镇": True, "坭坝乡": True}


def test_every_layer_has_the_contract_properties(built_layers) -> None:
    assert set(built_layers) == set(config.LAYERS)
    ids = []
    for name, frame in built_layers.items():
        if name in ("boundaries", "province_border"):
            continue
        for prop in COMMON_PROPERTIES + LAYER_PROPERTIES.get(name, ()):
            assert prop in frame.columns, (name, prop)
        assert frame["precision"].isin(list(config.PRECISIONS)).all(), name
        ids += list(frame["id"])
    assert len(ids) == len(set(ids))


def test_points_lie_in_the_county_they_claim(built_layers) -> None:
    counties = load_counties()
    polygons = dict(zip(counties["name"], counties.geometry, strict=True))
    checked = 0
    for name, frame in built_layers.items():
        if name in ("boundaries", "province_border"):
            continue
        points = frame[frame.geometry.geom_type == "Point"]
        checked += len(points)
        for fid, county, geom in zip(points["id"], points["county"], points.geometry, strict=True):
            assert county in polygons, (name, fid, county)
            assert polygons[county].buffer(0.001).contains(geom), (name, fid, county, geom.wkt)
    assert checked > 200


def test_cross_border_corridors_cross_the_provincial_border(built_layers) -> None:
    border = unary_union(list(built_layers["province_border"].geometry))
    assert border.length > 0.5  # degrees: the border runs for well over 50 km
    corridors = built_layers["corridors"]
    crossing = corridors[corridors["cross_border"]]
    assert len(crossing) >= 10
    mapped = unary_union(list(load_counties().geometry)).buffer(0.01)
    outside = 0
    for fid, geom in zip(crossing["id"], crossing.geometry, strict=True):
        if geom.intersects(border.buffer(0.0005)):
            continue
        # a long line may cross the border beyond the mapped counties
        assert not geom.within(mapped), f"{fid} is marked cross-border but never crosses the border"
        outside += 1
    assert outside <= 2  # 广涪柳铁路 (武隆—道真) and 渝赤叙高速 (via 四川 合江) cross off the map
    assert crossing["province"].str.contains("贵州省").all()


def test_cooperation_links_cover_every_pair_of_the_plan(built_layers) -> None:
    links = built_layers["cooperation_links"]
    pairs = {frozenset(p) for p in zip(links["from"], links["to"], strict=True)}
    expected = {
        ("赶水镇", "坡渡镇"), ("赶水镇", "寨坝镇"), ("打通镇", "坡渡镇"), ("打通镇", "寨坝镇"),
        ("安稳镇", "新站镇"), ("安稳镇", "尧龙山镇"), ("安稳镇", "松坎镇"), ("石壕镇", "尧龙山镇"),
        ("石壕镇", "夜郎镇"), ("石壕镇", "仙源镇"), ("石壕镇", "温水镇"), ("郭扶镇", "坭坝乡"),
        ("丁山镇", "寨坝镇"), ("丁山镇", "坭坝乡"), ("东溪镇", "寨坝镇"),
    }
    assert {frozenset(p) for p in expected} <= pairs
    cross = links[links["cross_border"]]
    assert len(cross) >= len(expected)
    assert (cross["from_county"].str.cat(cross["to_county"]).str.contains("桐梓县|习水县")).all()


def test_six_tourism_routes_with_ordered_stops(built_layers) -> None:
    routes, stops = built_layers["tourism_routes"], built_layers["tourism_stops"]
    assert len(routes) == 6
    assert set(routes["theme"]) == set(config.THEMES)
    for route_id, group in stops.groupby("route_id"):
        seqs = sorted(group["seq"])
        assert seqs == list(range(1, len(seqs) + 1)), route_id
        length = routes.set_index("route_id").loc[route_id, "length_km"]
        assert length == pytest.approx(group["cum_km"].max(), abs=0.01)


def test_unknown_alignment_and_within_are_reported_with_file_line_and_id(
        mini_seeds, mini_gazetteer, mini_counties) -> None:
    from geo._errors import GeocodeError

    path = mini_seeds / "corridors.csv"
    rows = path.read_text("utf-8").splitlines()
    rows[0] += ",alignment,within"
    rows[1] += ",nowhere,"
    rows[2] += ",,渝北区"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    with pytest.raises(GeocodeError) as err:
        build_layers(load_all_records(mini_seeds), mini_gazetteer, mini_counties)
    text = str(err.value)
    assert "corridors.csv:2 id='co-test-road' alignment: unknown alignment 'nowhere'" in text
    assert "corridors.csv:3 id='co-test-rail' within: '渝北区' is not a county" in text


def test_within_keeps_the_mini_line_in_its_county(mini_seeds, mini_gazetteer, mini_counties) -> None:
    path = mini_seeds / "corridors.csv"
    rows = path.read_text("utf-8").splitlines()
    rows[0] += ",within"
    rows[1] += ","
    rows[2] += ",綦江区"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    layers = build_layers(load_all_records(mini_seeds), mini_gazetteer, mini_counties)
    rail = layers["corridors"].set_index("id").loc["co-test-rail"]
    qijiang = mini_counties.loc[mini_counties["name"] == "綦江区"].geometry.iloc[0]
    assert rail.geometry.within(qijiang.buffer(1e-9)) and rail["county"] == "綦江区"
