"""Issue 28, items 7-9: features over several townships, features no source places, English text.

7. A feature that a document ties to several townships is drawn at each township's seat (a
   MultiPoint, precision ``township``), not at the county seat.
8. A named feature whose place no source gives is kept with ``position`` = ``unknown``: precision
   ``unknown`` ("位置不明 / position unknown"), RFC 7946 ``null`` geometry, listed in its route.
9. 江习 is 江津–习水, never "Jiangxi"; 大坡镇 has no open coordinate, so it is kept by item 8's rule.

The mechanism is tested on the mini data set, the records on the plan's own files.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
from shapely.geometry import MultiPoint, Point

from geo import config
from geo._errors import RecordError
from geo.build import summarize
from geo.layers import build_layers
from geo.records import load_all_records
from geo.store import load_layers, save_layers, stale_files
from geo.validate import check_layers

#: How a route's ``stop_names`` marks a stop of unknown position (``geo.layers.UNKNOWN_MARK``).
UNKNOWN_MARK = "（位置不明）"


def _append(path: Path, row: dict[str, str]) -> None:
    """Append ``row`` to a record file, adding the columns it needs to the header."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0].keys()) if rows else []
    fields += [k for k in row if k not in fields]
    rows.append(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows(rows)


def _project(**cells: str) -> dict[str, str]:
    row = {"id": "pj-test-multi", "name": "测试基地", "name_en": "Test Base", "kind": "agriculture",
           "status": "planned", "province": "重庆市", "county": "綦江区", "source": "001 专栏4-5",
           "summary": "测试", "summary_en": "Test"}
    row.update(cells)
    return row


def _stop(**cells: str) -> dict[str, str]:
    row = {"id": "st-test-unknown", "route_id": "rt-test", "seq": "4", "name": "某古镇", "name_en": "Some Town",
           "province": "", "county": "", "source": "001 专栏4-2", "summary": "位置不明", "summary_en": "Unplaced",
           "position": "unknown"}
    row.update(cells)
    return row


def _build(mini_seeds: Path, mini_gazetteer, mini_counties) -> dict:
    layers = build_layers(load_all_records(mini_seeds), mini_gazetteer, mini_counties)
    assert check_layers(layers, mini_counties) == []
    return layers


# --- 7. several townships --------------------------------------------------------------------

def test_a_project_over_several_townships_is_drawn_at_each_seat(mini_seeds, mini_gazetteer, mini_counties) -> None:
    _append(mini_seeds / "projects.csv", _project(township="赶水镇|新站镇"))
    layers = _build(mini_seeds, mini_gazetteer, mini_counties)
    base = layers["projects"].set_index("id").loc["pj-test-multi"]
    assert isinstance(base.geometry, MultiPoint)
    assert sorted((p.x, p.y) for p in base.geometry.geoms) == [(106.1, 29.3), (106.3, 29.1)]  # the two seats
    assert base["precision"] == "township"  # not the county seat (106.25, 29.25)
    assert base["located_at"] == "赶水镇、新站镇" and base["township"] == "赶水镇、新站镇"


def test_several_townships_at_one_seat_make_one_point(mini_seeds, mini_gazetteer, mini_counties) -> None:
    _append(mini_seeds / "projects.csv", _project(township="赶水镇|新站镇", name="赶水北站"))  # a site: one place
    base = _build(mini_seeds, mini_gazetteer, mini_counties)["projects"].set_index("id").loc["pj-test-multi"]
    assert isinstance(base.geometry, Point)


def test_a_multipoint_outside_its_county_is_reported(mini_seeds, mini_gazetteer, mini_counties) -> None:
    _append(mini_seeds / "projects.csv", _project(township="赶水镇|坡渡镇@桐梓县"))
    layers = build_layers(load_all_records(mini_seeds), mini_gazetteer, mini_counties)
    problems = check_layers(layers, mini_counties)
    assert any("pj-test-multi" in p and "outside its county '綦江区'" in p for p in problems), problems


def test_several_townships_on_a_stop_or_with_a_place_are_refused(mini_seeds) -> None:
    _append(mini_seeds / "tourism_stops.csv", _stop(position="", province="重庆市", county="綦江区",
                                                    township="赶水镇|新站镇"))
    _append(mini_seeds / "projects.csv", _project(township="赶水镇|新站镇", place="某村"))
    with pytest.raises(RecordError) as info:
        load_all_records(mini_seeds)
    text = str(info.value)
    assert "tourism_stops.csv:5 id='st-test-unknown'" in text and "one stop per place" in text
    assert "projects.csv:3 id='pj-test-multi'" in text and "keep the place or the list" in text


def test_the_plan_records_over_several_townships_are_drawn_at_each(built_layers) -> None:
    projects = built_layers["projects"].set_index("id")
    county_seat = projects.loc["pj-anjiang-reservoir"].geometry  # no place given: the 綦江区 seat
    expected = {
        "pj-sorghum-base": {"打通镇", "石壕镇", "赶水镇", "安稳镇"},  # 第四章第二节, 专栏4-5
        "pj-dongxi-dingshan-shale-gas-park": {"东溪镇", "丁山镇"},  # 东溪及丁山核心区
        "pj-shihao-datong-pipeline": {"石壕镇", "打通镇"},  # 石壕镇至打通镇
    }
    for fid, towns in expected.items():
        row = projects.loc[fid]
        assert set(row["located_at"].split(config.JOIN_SEP)) == towns, fid
        assert row.geometry.geom_type == "MultiPoint" and len(row.geometry.geoms) == len(towns), fid
        assert row["precision"] == "township", fid
        assert min(p.distance(county_seat) for p in row.geometry.geoms) > 0.05, fid


# --- 8. named, not placeable -----------------------------------------------------------------

def test_a_stop_of_unknown_position_stays_in_its_route(mini_seeds, mini_gazetteer, mini_counties) -> None:
    _append(mini_seeds / "tourism_stops.csv", _stop(seq="2"))
    with (mini_seeds / "tourism_stops.csv").open(encoding="utf-8") as handle:
        text = handle.read()
    # the stop that was 2nd moves to 3rd, the 3rd to 4th: the unplaced stop is second in the route
    text = text.replace("st-test-02,rt-test,2,", "st-test-02,rt-test,3,").replace("st-test-03,rt-test,3,",
                                                                                    "st-test-03,rt-test,4,")
    (mini_seeds / "tourism_stops.csv").write_text(text, encoding="utf-8")
    layers = _build(mini_seeds, mini_gazetteer, mini_counties)
    stops = layers["tourism_stops"].set_index("id")
    lost = stops.loc["st-test-unknown"]
    assert lost.geometry is None and lost["precision"] == "unknown"
    assert lost["seq"] == 2 and math.isnan(lost["leg_km"]) and lost["coord_source"].startswith("none")
    route = layers["tourism_routes"].iloc[0]
    assert route["stops"] == 4
    assert route["stop_names"].split("—")[1] == "某古镇" + UNKNOWN_MARK
    assert len(route.geometry.coords) == 3  # the line joins the three placed stops
    assert route["length_km"] == pytest.approx(stops["cum_km"].max())
    assert config.PRECISIONS["unknown"] == ("位置不明", "position unknown")


def test_features_of_unknown_position_round_trip_as_null_geometry(mini_seeds, mini_gazetteer, mini_counties,
                                                                     tmp_path) -> None:
    _append(mini_seeds / "projects.csv", _project(position="unknown", province="", county=""))
    _append(mini_seeds / "tourism_stops.csv", _stop())
    layers = _build(mini_seeds, mini_gazetteer, mini_counties)
    save_layers(layers, tmp_path / "layers")
    doc = json.loads((tmp_path / "layers" / "projects.geojson").read_text(encoding="utf-8"))
    feature = next(f for f in doc["features"] if f["properties"]["id"] == "pj-test-multi")
    assert feature["geometry"] is None and feature["properties"]["precision"] == "unknown"
    loaded = load_layers(tmp_path / "layers")
    assert loaded["projects"].set_index("id").loc["pj-test-multi"].geometry is None
    assert stale_files(layers, tmp_path / "layers") == []
    report = summarize(layers)
    assert ("projects", "pj-test-multi", "测试基地") in report.unplaced
    assert "position unknown, kept without geometry (2)" in report.format()


def test_position_unknown_with_a_township_or_a_placed_record_without_county_is_refused(mini_seeds) -> None:
    _append(mini_seeds / "projects.csv", _project(position="unknown", township="赶水镇"))
    _append(mini_seeds / "projects.csv", _project(id="pj-test-nocounty", county=""))
    with pytest.raises(RecordError) as info:
        load_all_records(mini_seeds)
    text = str(info.value)
    assert "projects.csv:3 id='pj-test-multi'" in text and "position is 'unknown' but ['township']" in text
    assert "projects.csv:4 id='pj-test-nocounty' field county" in text


def test_validation_ties_null_geometry_to_precision_unknown(mini_seeds, mini_gazetteer, mini_counties) -> None:
    _append(mini_seeds / "projects.csv", _project(position="unknown"))
    layers = _build(mini_seeds, mini_gazetteer, mini_counties)
    frame = layers["projects"]
    placed = frame.index[frame["id"] == "pj-test-res"][0]
    lost = frame.index[frame["id"] == "pj-test-multi"][0]
    frame.loc[placed, "geometry"] = None
    frame.loc[lost, "geometry"] = Point(106.25, 29.25)
    problems = check_layers(layers, mini_counties)
    assert any("pj-test-res" in p and "no geometry but precision" in p for p in problems), problems
    assert any("pj-test-multi" in p and "precision 'unknown' but a Point" in p for p in problems), problems


#: Features the records had left out because no source gives their place (seeds/README.md,
#: "Not recorded"), now kept without a position.
UNPLACED = {
    "st-folk-taibai": ("tourism_stops", "太白古镇"),
    "st-rural-g210": ("tourism_stops", "国道210沿线"),
    "st-rural-chuanqian-road": ("tourism_stops", "川黔古道沿线"),
    "pj-lingang-zunyi-tech-city": ("projects", "临港遵义科技城"),
    "pj-zunyi-agri-hitech-zone": ("projects", "遵义农高区"),
    "pj-zunyi-modern-agri-park": ("projects", "遵义现代高效农业示范园"),
    "pj-yongqing-tunnel": ("projects", "永庆隧道"),
    "pj-yunan-water-allocation": ("projects", "渝南水资源配置工程"),
    "pj-huanqi-e-control-ring": ("projects", "环綦电子封控圈"),
    "pj-baoziyan-bridge": ("projects", "豹子岩特大桥"),
    "pj-qijiangnan-interchange": ("projects", "渝黔高速公路綦江南互通"),
    "tw-dapo": ("townships", "大坡镇"),
    "tw-tonghui": ("townships", "通惠街道"),
}


def test_the_plan_features_without_a_place_are_kept_unplaced(built_layers) -> None:
    for fid, (layer, name) in UNPLACED.items():
        frame = built_layers[layer].set_index("id")
        assert fid in frame.index, f"{name} ({fid}) is missing from {layer}"
        row = frame.loc[fid]
        assert row["name"] == name and row["precision"] == "unknown" and row.geometry is None, fid
    unplaced = {fid for frame in built_layers.values() if "precision" in frame.columns
                for fid in frame.loc[frame["precision"] == "unknown", "id"]}
    assert unplaced == set(UNPLACED)


def test_taibai_is_the_fifth_stop_of_the_folk_route(built_layers) -> None:
    stops = built_layers["tourism_stops"]
    folk = stops[stops["route_id"] == "rt-folk"].sort_values("seq")
    assert list(folk["name"]) == ["东溪古镇", "中山古镇", "大同古镇", "土城古镇", "太白古镇", "习水鰼国文化园"]
    route = built_layers["tourism_routes"].set_index("id").loc["rt-folk"]
    assert route["stops"] == 6 and "太白古镇" + UNKNOWN_MARK in route["stop_names"]


# --- 9. text -------------------------------------------------------------------------------------

def test_no_english_text_calls_jiangxi_or_qianjiang_what_the_chinese_does_not() -> None:
    """江习 is 江津–习水 (Jiang–Xi), not Jiangxi province; 綦江 is Qijiang, not Qianjiang (黔江)."""
    records = load_all_records()
    wrong = []
    for kind, recs in records.items():
        for rec in recs:
            chinese = " ".join(str(rec.get(f, "")) for f in ("name", "summary", "variants"))
            english = " ".join(str(rec.get(f, "")) for f in ("name_en", "summary_en"))
            if "Jiangxi" in english.replace("Jiang–Xi", "") and "江西" not in chinese:
                wrong.append(f"{kind} {rec['id']}: 'Jiangxi'")
            if "Qianjiang" in english and "黔江" not in chinese:
                wrong.append(f"{kind} {rec['id']}: 'Qianjiang'")
    assert not wrong, wrong


def test_dapo_has_no_invented_coordinate(built_layers) -> None:
    dapo = built_layers["townships"].set_index("id").loc["tw-dapo"]
    assert dapo["county"] == "习水县" and dapo["precision"] == "unknown" and dapo.geometry is None
    assert "Jiang–Xi (Jiangjin–Xishui)" in dapo["summary_en"]


def test_an_edit_that_places_a_feature_of_unknown_county_gives_it_its_county(built_layers) -> None:
    """The edit store may give a 位置不明 feature its place; its county then follows the point."""
    from geo.edits import apply_edits
    from geo.edits._model import Edit, FeatureState

    point = {"type": "Point", "coordinates": [106.21557, 28.33297]}  # the 习水县 seat
    edit = Edit(edit_id=1, feature_id="st-folk-taibai", layer="tourism_stops", user="tester", time="2026-01-01",
                field="geometry", old_value=None, new_value=json.dumps(point), precision="site",
                source="https://example.org/survey", note="", status_date=None, reverts=None, version=1)
    state = FeatureState(feature_id="st-folk-taibai", version=1, geometry=point, precision="site", status=None,
                         status_date=None, notes=(), last_edit=edit, layer="tourism_stops", geometry_edit=edit)
    layers = {name: built_layers[name] for name in ("boundaries", "tourism_stops")}
    folded = apply_edits(layers, {"st-folk-taibai": state})
    taibai = folded["tourism_stops"].set_index("id").loc["st-folk-taibai"]
    assert taibai["county"] == "习水县" and taibai["province"] == "贵州省" and taibai["precision"] == "site"
    assert check_layers(folded, built_layers["boundaries"]) == []
