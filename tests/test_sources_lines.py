"""Lines and corridors against the source documents (issue 12, lines half).

Checks the records of ``seeds/corridors.csv`` and ``seeds/townships.csv``
against the five documents (read here, in tests only, through the
``source_documents`` fixture of ``tests/conftest.py``, which skips when
``../shared/seeds`` is absent; section rules in ``tests/_source_sections.py``),
and the built corridors against the geography: the defects a planner found
(川黔铁路 styled as a pre-construction project, "Jiangxi" for 江习, the
崇溪河 widening stopping short of the border, 打通至丁山至中峰高速 drawn through
习水县, railways doglegging through the 江津 seat, guessed end-points) each
have a test here.
"""

from __future__ import annotations

import re

import pytest
from _source_sections import normalize_text
from shapely import Point
from shapely.ops import nearest_points, unary_union

from geo.boundaries import load_counties
from geo.gazetteer import normalize_name
from geo.geocode import geocode_place, split_qualified
from geo.geometry import leg_km, load_alignment
from geo.records import load_all_records

#: A picture marker that splits one line of 第三章第一节 (``…桐[image: image1.jpg]sk`` / `` 梓高速…``).
_IMAGE = re.compile(r"\[image:[^\]]*\][A-Za-z]*")

LINE_KINDS = ("corridors", "townships")

#: Cross-border lines whose Chongqing–Guizhou crossing lies beyond the mapped counties.
CROSSING_OFF_THE_MAP = {
    "co-yuchixu-exp": "enters Guizhou from 四川 合江 (http://news.qx162.com/roll/2025/0313/397078.shtml)",
}


@pytest.fixture(scope="module")
def records() -> dict[str, list[dict]]:
    """The shipped records of ``seeds/``."""
    return load_all_records()


def plain(text: str) -> str:
    """Text without picture markers and white space, for matching names that a line break splits."""
    return normalize_text(_IMAGE.sub("", text))


def _names(rec: dict) -> list[str]:
    return [rec["name"], *rec.get("variants", [])]


def _document_citations(rec: dict) -> list[str]:
    return [s for s in rec["source"] if not s.startswith("http")]


_SUFFIXES = ("仡佬族苗族自治县", "苗族自治县", "自治县", "街道", "镇", "乡", "区", "县", "市")


def _stems(place: str) -> set[str]:
    """A place name as written, without its county qualifier, and without its administrative suffix."""
    bare = split_qualified(place)[0]
    stems = {plain(bare), normalize_name(bare)}
    for suffix in _SUFFIXES:
        if bare.endswith(suffix) and len(bare) - len(suffix) >= 2:
            stems.add(bare[: -len(suffix)])
            break
    return stems


def _km_to(geom, lon: float, lat: float) -> float:
    near = nearest_points(geom, Point(lon, lat))[0]
    return leg_km((near.x, near.y), (lon, lat))


@pytest.mark.parametrize("kind", LINE_KINDS)
def test_every_cited_section_names_the_record(kind: str, records, source_documents) -> None:
    problems = []
    for rec in records[kind]:
        for citation in _document_citations(rec):
            try:
                text = plain(source_documents.section(citation))
            except KeyError as exc:
                problems.append(f"{rec['id']}: {exc}")
                continue
            if not any(plain(name) in text for name in _names(rec)):
                problems.append(f"{rec['id']}: {citation} names none of {_names(rec)!r}")
    assert problems == []


@pytest.mark.parametrize("kind", LINE_KINDS)
def test_variants_are_written_in_a_document_or_sourced(kind: str, records, source_documents) -> None:
    everything = "".join(plain(text) for text in source_documents.values())
    problems = [f"{rec['id']}: variant {variant!r}"
                for rec in records[kind] for variant in rec.get("variants", [])
                if plain(variant) not in everything and not any(s.startswith("http") for s in rec["source"])]
    assert problems == []


def test_schematic_via_places_are_named_by_the_record_or_its_sources(records, source_documents) -> None:
    """A place a schematic line is drawn through is named by the record, a cited section or a cited page."""
    problems = []
    for rec in records["corridors"]:
        if rec.get("alignment") or any(s.startswith("http") for s in rec["source"]):
            continue
        own = plain("".join(_names(rec)) + rec["summary"]
                    + "".join(source_documents.section(c) for c in _document_citations(rec)))
        for place in rec["via"]:
            if not any(stem in own for stem in _stems(place)):
                problems.append(f"{rec['id']}: via {place!r} is named nowhere in the record or its sections")
    assert problems == []


def test_chuanqian_railway_is_an_existing_line_being_upgraded(records) -> None:
    line = next(r for r in records["corridors"] if r["id"] == "co-chuanqian-railway")
    assert line["status"] in {"upgrade", "existing"}
    # the 专栏's stage of the upgrade is kept, not lost
    assert "专栏3-1" in line.get("status_note", "") and "前期工作" in line["status_note"]


def test_statuses_of_the_plan_disagreeing_are_noted(records) -> None:
    """Where 第三章 words a status differently from 专栏3-1, the record keeps both."""
    notes = {r["id"]: r.get("status_note", "") for r in records["corridors"]}
    assert "改造增效" in notes["co-wanguanganxi-railway"]  # 专栏: 研究论证, 第三章: 改造增效
    assert "研究论证" in notes["co-yuqian-exp-widening-chongxihe"]
    assert "开工建设" in notes["co-yuqian-exp-widening-south"]


@pytest.mark.parametrize("kind", LINE_KINDS)
def test_jiangxi_is_jiangjin_xishui_not_the_province(kind: str, records) -> None:
    wrong = [rec["id"] for rec in records[kind]
             for text in (rec["name_en"], rec.get("summary_en", ""))
             if "Jiangxi" in text and "Jiangjin" not in text]
    assert wrong == []


def test_widening_to_chongxihe_reaches_the_border(built_layers) -> None:
    border = unary_union(list(built_layers["province_border"].geometry))
    line = built_layers["corridors"].set_index("id").loc["co-yuqian-exp-widening-chongxihe"].geometry
    end = line.coords[-1]
    assert _km_to(border, *end) < 1.0, f"ends {end} short of the border"


def test_lines_via_chongxihe_touch_the_border(built_layers, records) -> None:
    border = unary_union(list(built_layers["province_border"].geometry))
    crossing = geocode_place("崇溪河", fallback=False)
    assert _km_to(border, crossing.lon, crossing.lat) < 1.0
    through = [r["id"] for r in records["corridors"] if "崇溪河" in r["via"]]
    assert set(through) >= {"co-yuqian-exp", "co-yuqian-exp-widening-chongxihe"}
    for fid in through:
        geom = built_layers["corridors"].set_index("id").loc[fid].geometry
        assert geom.distance(Point(crossing.lon, crossing.lat)) < 1e-4, fid  # drawn through it (~10 m)


def test_cross_border_lines_reach_the_border_within_1_km(built_layers) -> None:
    """A cross-border line through mapped counties of both provinces meets the border line."""
    border = unary_union(list(built_layers["province_border"].geometry))
    counties = load_counties()
    province_of = dict(zip(counties["name"], counties["province"], strict=True))
    checked = 0
    for row in built_layers["corridors"].itertuples():
        provinces = {province_of[c] for c in row.county.split("、")}
        if not row.cross_border or provinces != {"重庆市", "贵州省"} or row.id in CROSSING_OFF_THE_MAP:
            continue
        near = nearest_points(border, row.geometry)
        assert leg_km(near[0].coords[0], near[1].coords[0]) < 1.0, row.id
        checked += 1
    assert checked >= 15


def test_datong_dingshan_zhongfeng_stays_in_qijiang(built_layers) -> None:
    counties = load_counties()
    qijiang = counties.loc[counties["name"] == "綦江区"].geometry.iloc[0]
    line = built_layers["corridors"].set_index("id").loc["co-datong-zhongfeng-exp"]
    assert line.geometry.within(qijiang.buffer(0.001))
    assert line["county"] == "綦江区"


@pytest.mark.parametrize("fid", ["co-chuanqian-railway", "co-yugui-railway"])
def test_railways_do_not_dogleg_through_the_jiangjin_seat(fid: str, built_layers) -> None:
    seat = geocode_place("江津区", fallback=False)
    line = built_layers["corridors"].set_index("id").loc[fid].geometry
    vertices = [leg_km(c, (seat.lon, seat.lat)) for c in line.coords]
    assert min(vertices) > 5.0, f"{fid} has a vertex {min(vertices):.1f} km from the 江津 seat"


def test_guessed_end_points_are_gone(records, built_layers) -> None:
    corridors = {r["id"]: r for r in records["corridors"]}
    projects = {r["id"]: r for r in records["projects"]}
    # one end cannot be placed (温塘, 梨园坝, the 正习 junction, the 永城 section): a point at the known end
    for old, new in {"co-s307-wentang-niba": "pj-s307-wentang-niba",
                     "co-daluo-liyuanba-connector": "pj-daluo-liyuanba-connector",
                     "co-datong-liyuanba-road": "pj-datong-liyuanba-road",
                     "co-wanlong-zhengxi-connector": "pj-wanlong-zhengxi-connector",
                     "co-yuzhu-exp-yongcheng-realign": "pj-yuzhu-yongcheng-realign"}.items():
        assert old not in corridors and projects[new]["kind"] == "road_project"
    # 南环 is the 南环立交 (巴南区界石镇), not the 巴南 seat
    assert corridors["co-yuqian-exp-widening-south"]["via"][0] == "南环立交"
    # the tourism road's Guizhou stretch names no place: nothing is guessed for it
    assert all(not v.endswith("@习水县") for v in corridors["co-dongxi-guofu-tourism-road"]["via"])
    # 江口 (the 綦江's mouth) is placed by a cited page
    assert any(s.startswith("http") for s in corridors["co-qihe-waterway-jiangkou-qiaohe"]["source"])


def test_yugui_railway_is_the_osm_alignment(built_layers) -> None:
    row = built_layers["corridors"].set_index("id").loc["co-yugui-railway"]
    surveyed = load_alignment("yugui_railway_osm")
    assert row["precision"] == "surveyed"
    assert "© OpenStreetMap contributors" in row["coord_source"] and "ODbL" in row["coord_source"]
    flat = [v for xy in row.geometry.coords for v in xy]
    assert flat == pytest.approx([v for xy in surveyed.line.coords for v in xy], abs=1e-6)
    # the stations the documents and pages name lie along it
    for place in ("綦江区", "赶水镇", "桐梓县", "遵义市"):
        loc = geocode_place(place, fallback=False)
        assert _km_to(row.geometry, loc.lon, loc.lat) < 5.0, place


def test_surveyed_lines_name_places_along_them(records) -> None:
    for rec in records["corridors"]:
        if not rec.get("alignment"):
            continue
        line = load_alignment(rec["alignment"]).line
        for place in rec["via"]:
            loc = geocode_place(place, fallback=False)
            assert _km_to(line, loc.lon, loc.lat) < 5.0, (rec["id"], place)
