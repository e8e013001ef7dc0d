"""The scanner on the 2022 plan (``tests/data/scan/plan_2022.txt``, a copy of ``shared/seeds/001_…``) and on
small texts that show each rule: lists sharing a suffix, brackets, route chains, statuses,
near-homonyms outside the area, the outputs' formats."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geo import config
from geo._errors import ScanError
from geo.cli import main
from geo.records import load_all_records
from geo.scan import ScanResult, scan_documents, write_outputs
from geo.scan._classify import classify_status

DATA = Path(__file__).resolve().parent.parent / "data" / "scan"
PLAN = DATA / "plan_2022.txt"


@pytest.fixture(scope="module")
def plan() -> ScanResult:
    return scan_documents([PLAN])


def _scan_text(tmp_path: Path, text: str, name: str = "doc.txt") -> ScanResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return scan_documents([path])


def _rows(result: ScanResult) -> list[dict]:
    return result.features.drop(columns="geometry").to_dict("records")


def test_plan_finds_90_percent_of_its_records_with_the_right_id(plan: ScanResult) -> None:
    records = load_all_records()
    cited = {r["id"] for rows in records.values() for r in rows if any(s.startswith("001") for s in r["source"])}
    found = set(plan.features["record_id"]) & cited
    assert len(cited) >= 250
    assert len(found) / len(cited) >= 0.90, sorted(cited - found)


def test_plan_features_cite_their_section_and_offsets(plan: ScanResult) -> None:
    text = plan.documents[0].text
    rows = _rows(plan)
    for row in rows:
        assert text[row["start"]:row["end"]] == row["name"], row
        assert row["quote"] and text[row["start"]:row["end"]] in row["quote"]
    zaodu = [r for r in rows if r["record_id"] == "pj-zaodu-reservoir"]
    assert {r["section"] for r in zaodu} >= {"第三章第三节", "专栏3-1"}
    assert {r["source"] for r in zaodu} >= {"plan_2022 第三章第三节", "plan_2022 专栏3-1"}


def test_plan_box_3_1_shared_suffix_and_brackets(plan: ScanResult) -> None:
    rows = [r for r in _rows(plan) if r["section"] == "专栏3-1"]
    names = {r["full_name"]: r for r in rows}
    for name in ("篆塘—坭坝快速路", "丁山—寨坝快速路", "丁山—坭坝快速路"):
        assert name in names and names[name]["kind"] == "corridor", name
    assert names["篆塘—坭坝快速路"]["via"] == "篆塘|坭坝" and names["篆塘—坭坝快速路"]["name"] == "篆塘—坭坝"
    assert "渝黔高速原路加宽（南环至綦江段）" in names
    assert names["綦万正高速"]["status"] == "preliminary_work"
    assert names["渝桂高铁"]["status"] == "under_study"
    assert names["渝贵高铁"]["status"] == "start_construction"
    assert names["綦河航道梯级渠化（江口至桥河段）"]["status"] == "start_construction"


def test_plan_route_stops_in_order(plan: ScanResult) -> None:
    stops = [r for r in _rows(plan) if r["route"] == "红色精品文旅环线"]
    assert [r["seq"] for r in stops] == list(range(1, len(stops) + 1))
    assert stops[0]["record_id"] == "st-red-01" and stops[-1]["record_id"] == "st-red-09"


def test_plan_geometry_honest(plan: ScanResult) -> None:
    for row, geom in zip(_rows(plan), plan.features.geometry, strict=True):
        if geom is None:  # unplaced, or a record of unknown position (issue 28): never a made-up precision
            assert row["precision"] == "" or (row["precision"] == "unknown" and row["record_id"]), row["name"]
        else:
            assert row["precision"] in config.PRECISIONS or row["precision"] == "locality"
            if geom.geom_type == "LineString":
                assert row["kind"] in ("corridor", "tourism_route", "project")


def test_shared_suffix_brackets_and_chains(tmp_path: Path) -> None:
    result = _scan_text(tmp_path, "推进石角—篆塘、丁山—赶水、永新—三角快速路建设。\n"
                                  "研究论证渝黔高速加宽（綦江至崇溪河段）。\n"
                                  "江津—綦江—万盛—桐梓高速推进前期工作。")
    names = {r["full_name"]: r for r in _rows(result)}
    assert {"石角—篆塘快速路", "丁山—赶水快速路", "永新—三角快速路"} <= set(names)
    assert names["江津—綦江—万盛—桐梓高速"]["via"] == "江津|綦江|万盛|桐梓"
    assert names["渝黔高速加宽（綦江至崇溪河段）"]["record_id"] == "co-yuqian-exp-widening-chongxihe"
    line = result.features.geometry[list(result.features["full_name"]).index("丁山—赶水快速路")]
    assert line is not None and line.geom_type == "LineString"


@pytest.mark.parametrize(("sentence", "status"), [
    ("安稳水库建成投用。", "existing"),
    ("安稳水库续建。", "under_construction"),
    ("加快建设安稳水库。", "under_construction"),
    ("开工建设安稳水库。", "start_construction"),
    ("推进安稳水库前期工作。", "preliminary_work"),
    ("研究论证安稳水库。", "under_study"),
    ("规划安稳水库。", "planned"),
    ("预留安稳水库用地。", "planned"),
    ("安稳水库位于綦江。", None),
])
def test_status_words(sentence: str, status: str | None) -> None:
    start = sentence.index("安稳水库")
    assert classify_status(sentence, start, start + 4, "project", "安稳水库")[0] == status


def test_near_homonyms_outside_the_area_are_not_placed(tmp_path: Path) -> None:
    text = ("黔江区正阳街道新建黔江物流园区，黔江至石会快速路开工建设。\n"
            "黔江区城西街道舟白村修建停车场。")
    result = _scan_text(tmp_path, text, "qianjiang.txt")
    assert len(result.features) >= 2
    assert not result.features["in_area"].any()
    assert result.features.geometry.isna().all()


def test_a_namesake_township_elsewhere_is_neither_matched_nor_placed(tmp_path: Path) -> None:
    # 三角镇 is a township of 綦江区 on the map and of 中山市 in 广东 too (blind set 14's near-homonym page)
    text = ("中山市三角镇的新路下月通车，三角镇到中山市区只要半小时。\n"
            "綦江区三角镇的产业园区已建成。")
    result = _scan_text(tmp_path, text, "namesake.txt")
    rows = _rows(result)
    guangdong = [r for r in rows if r["name"].startswith("三角") and r["start"] < text.index("\n")]
    ours = [r for r in rows if r["name"].startswith("三角") and r["start"] > text.index("\n")]
    assert guangdong and ours
    assert all(not r["in_area"] and not r["record_id"] and r["change"] == "new" for r in guangdong)
    assert all(r["in_area"] and r["record_id"] for r in ours)
    placed = result.features.set_index("start").geometry
    assert all(placed[r["start"]] is None for r in guangdong)
    assert all(placed[r["start"]] is not None for r in ours)


def test_the_areas_provinces_and_prefecture_do_not_put_a_feature_outside(tmp_path: Path) -> None:
    # 贵州省 and 重庆市 hold the area and much else, 遵义市 is the area: naming them says nothing against a feature
    text = ("金仁桐高速公路是贵州省高速公路网规划的重要组成部分。\n"
            "遵义市新蒲新区的甲乙物流园正在建设。\n"
            "据重庆市交通局消息，珞璜铁路综合物流枢纽一期建成投用，江津区的货物从此多了出路。\n"
            "重庆市黔江区的丙丁物流园正在建设。")
    rows = _rows(_scan_text(tmp_path, text, "provinces.txt"))
    by_name = {r["name"]: r for r in rows}
    assert by_name["金仁桐高速公路"]["in_area"] and by_name["甲乙物流园"]["in_area"]
    assert by_name["珞璜铁路综合物流枢纽一期"]["in_area"]
    assert by_name["珞璜铁路综合物流枢纽一期"]["county"] == "江津区"  # placed at its own township, 珞璜
    assert by_name["珞璜铁路综合物流枢纽一期"]["precision"] == "township"
    assert not by_name["丙丁物流园"]["in_area"]  # a county outside the area still says so


def test_a_bare_township_stem_places_nothing_in_a_text_that_never_names_the_area(tmp_path: Path) -> None:
    # 新站 is the stem of 桐梓's 新站镇 and the plain word "new station" (合肥's 新站高新区, blind set 15)
    elsewhere_text = "合肥市新站高新区的一条主干路近日开放通车，新站高新区的园区路网更加完善。"
    result = _scan_text(tmp_path, elsewhere_text, "hefei.txt")
    district = [r for r in _rows(result) if r["name"].startswith("新站")]
    assert district and result.features.geometry.isna().all()
    ours = _scan_text(tmp_path, "桐梓县新站物流园区开工建设。", "tongzi.txt")
    park = [r for r in _rows(ours) if "新站" in r["name"]]
    assert park and all(r["county"] == "桐梓县" for r in park)
    assert ours.features.geometry.notna().any()


def test_a_townships_own_stem_is_not_the_county_its_words_are_about(tmp_path: Path) -> None:
    # 赤水 is 赤水市's short name and the stem of 华州区's 赤水镇 (blind set 16's near-homonym page)
    result = _scan_text(tmp_path, "陕西华州区的工业园区涵盖杏林镇、赤水镇和瓜坡镇三个镇。", "huazhou.txt")
    chishui = [r for r in _rows(result) if r["name"] == "赤水镇"]
    assert chishui and not any(r["in_area"] for r in chishui)
    assert result.features.geometry.isna().all()
    # a county's short name at the start of a longer name still says where it is
    ours = _scan_text(tmp_path, "规划綦江北渡新区物流园。", "beidu.txt")
    park = [r for r in _rows(ours) if "北渡" in r["name"]]
    assert park and all(r["in_area"] and r["county"] == "綦江区" for r in park)


def test_status_change_against_the_map(tmp_path: Path) -> None:
    result = _scan_text(tmp_path, "綦万正高速建成通车。藻渡水库开工建设。")
    rows = {r["record_id"]: r for r in _rows(result)}
    assert rows["co-qiwanzheng-exp"]["change"] == "status_changed"
    assert rows["co-qiwanzheng-exp"]["old_status"] == "preliminary_work"
    assert rows["co-qiwanzheng-exp"]["status"] == "existing"
    assert rows["pj-zaodu-reservoir"]["change"] == "same"
    assert any(r["id"] == "co-yugui-hsr" for r in result.unmentioned)


def test_cli_writes_geojson_csv_and_report(tmp_path: Path) -> None:
    src = tmp_path / "news.txt"
    src.write_text("<b>渝贵高铁</b>开工建设，扶欢物流园区正在规划。", encoding="utf-8")
    out, review, report = tmp_path / "f.geojson", tmp_path / "r.csv", tmp_path / "r.html"
    assert main(["scan", str(src), "--output", str(out), "--csv", str(review), "--report", str(report)]) == 0
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    props = collection["features"][0]["properties"]
    for key in ("name", "kind", "mode", "status", "document", "section", "start", "end", "quote", "record_id",
                "change", "precision"):
        assert key in props
    with review.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    header = rows[0].keys()
    for kind, file in config.RECORD_FILES.items():
        with (config.seeds_dir() / file).open(encoding="utf-8") as handle:
            assert set(next(csv.reader(handle))) <= set(header), kind
    new = [r for r in rows if r["change"] == "new"]
    assert new and new[0]["file"] == "logistics.csv" and new[0]["id"].startswith("lg-")
    html = report.read_text(encoding="utf-8")
    assert "<b>渝贵高铁</b>" not in html and "&lt;b&gt;" in html
    # the statuses come with the warning that they are leads to check, in both languages
    assert config.SCAN_STATUS_CAUTION[0] in html and config.SCAN_STATUS_CAUTION[1] in html


def test_write_outputs_all_or_nothing(tmp_path: Path, plan: ScanResult) -> None:
    blocked = tmp_path / "report.html"
    blocked.mkdir()  # a folder where the report should go: writing it fails
    out = tmp_path / "found.geojson"
    with pytest.raises(ScanError, match="is a folder"):
        write_outputs(plan, out, report=blocked)
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["report.html"]
