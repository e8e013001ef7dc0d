"""The point records against the five source documents (second pass of issue 12).

Every section a point record cites must name it (its name or a listed variant), every
variant must be a spelling some document uses, and the placements the documents make
(獐狮坝 with 石壕's 河口坝 pipeline, 铜鼓滩 with 万盛's rafting, ...) must hold in the
built layers.  The documents are read only here, through the ``source_documents``
fixture, which skips when ``../shared/seeds`` is absent.
"""

from __future__ import annotations

import pytest
from _source_sections import normalize_text, section_text

from geo.records import load_all_records, townships_of

POINT_KINDS = ("projects", "logistics", "tourism_stops")


@pytest.fixture(scope="module")
def records() -> dict[str, list[dict]]:
    return load_all_records()


def _spellings(rec: dict) -> list[str]:
    return [rec["name"], *rec.get("variants", [])]


def test_every_cited_section_names_the_record(records, source_documents) -> None:
    problems = []
    for kind in (*POINT_KINDS, "tourism_routes"):
        for rec in records[kind]:
            for citation in rec["source"]:
                try:
                    text = normalize_text(section_text(source_documents, citation))
                except KeyError:
                    problems.append(f"{kind} {rec['id']}: cites {citation!r}, which is no section of the documents")
                    continue
                if not any(normalize_text(s) in text for s in _spellings(rec)):
                    problems.append(f"{kind} {rec['id']}: {citation!r} names neither {rec['name']!r} nor a variant")
    assert not problems, "\n".join(problems)


def test_every_variant_is_a_spelling_of_the_documents(records, source_documents) -> None:
    corpus = {code: normalize_text(text) for code, text in source_documents.items()}
    problems = [f"{kind} {rec['id']}: variant {variant!r} is in no document"
                for kind in POINT_KINDS for rec in records[kind] for variant in rec.get("variants", [])
                if not any(normalize_text(variant) in text for text in corpus.values())]
    assert not problems, "\n".join(problems)


#: Records whose township is neither in their name nor in a variant: the words of the cited
#: section that tie them to it (checked against the document).
TOWNSHIP_TIES: dict[str, tuple[str, str]] = {
    "pj-zhangshiba-reservoir": ("001 专栏3-1", "石壕镇河口坝至獐狮坝输水管道工程"),
    "pj-smart-construction-park": ("001 专栏6-1", "加快推进安稳羊肉美食街和新型建筑智能建造产业园建设"),
    "pj-datong-mental-health-centre": ("001 专栏6-1", "利用渝新能源移交的综合大楼，建设精卫中心"),
    "pj-long-march-park-qijiang": ("001 专栏6-1",
                                   "打造长征国家文化公园（重庆段）綦江主体建设区，建设旅游转型发展示范镇"),
    "pj-wanfoxia-rafting": ("001 专栏4-3", "丁山万佛峡体育公园"),
    "st-summer-01": ("001 专栏4-3", "丁山万佛峡体育公园"),
    "pj-shuanglong-renewal": ("002", "走进文龙街道双龙社区"),
    "lg-nanbu-logistics-park": ("001 第六章第一节", "依托赶水陈家坝编组站建设重庆南部综合物流园"),
    "lg-beidu-bulk-base": ("002", "在北渡片区打造重庆南部大宗散货集散分拨基地"),
    "lg-chongqing-south-rail-hub": ("001 第三章第一节",
                                    "依托川黔铁路赶水站、赶水北站（陈家坝站）等打造西部陆海新通道铁路集结站和编组站"),
    # issue 28: tied to four townships by one sentence (drawn at each seat)
    "pj-sorghum-base": ("001 第四章第二节", "促进打通、石壕、赶水、安稳10万亩红缨子高粱基地建设"),
}


def _short(town: str) -> str:
    for suffix in ("街道", "镇", "乡"):
        if town.endswith(suffix) and len(town) > len(suffix) + 1:
            return town[: -len(suffix)]
    return town


def test_every_township_placement_has_a_reason(records, source_documents) -> None:
    """A township is in the record's own name, a public page is cited, or a cited sentence ties it."""
    localities = {p.name: p for p in _gazetteer().places if p.level == "locality"}
    problems = []
    for kind in POINT_KINDS:
        for rec in records[kind]:
            if rec.get("place_source"):
                continue
            spelled = "".join(_spellings(rec))
            place = localities.get(rec.get("place", ""))
            near = place is not None and any(a in spelled for a in (place.name, *place.aliases))
            tie = TOWNSHIP_TIES.get(rec["id"])
            tied = tie is not None and normalize_text(tie[1]) in normalize_text(section_text(source_documents, tie[0]))
            towns = townships_of(rec)
            for town in towns:  # each of several townships needs its reason: named in the tie
                if _short(town) in spelled or near or (tied and (len(towns) == 1 or _short(town) in tie[1])):
                    continue
                problems.append(f"{kind} {rec['id']} {rec['name']}: township {town} has no stated reason")
    assert not problems, "\n".join(problems)


def _gazetteer():
    from geo.gazetteer import load_gazetteer

    return load_gazetteer()


# --- the example defects, on the built layers ---------------------------------------

def _feature(layers, layer: str, fid: str) -> dict:
    frame = layers[layer]
    row = frame[frame["id"] == fid]
    assert len(row) == 1, f"{fid} missing from {layer}"
    return row.iloc[0]


def test_zhangshiba_reservoir_sits_with_shihao_not_the_city(built_layers) -> None:
    zhangshiba = _feature(built_layers, "projects", "pj-zhangshiba-reservoir")
    assert zhangshiba["located_at"] == "石壕镇" and zhangshiba["precision"] == "township"
    city = _feature(built_layers, "projects", "pj-anjiang-reservoir")  # no place given: county seat
    assert zhangshiba.geometry.distance(city.geometry) > 0.3
    zaodu = _feature(built_layers, "projects", "pj-zaodu-reservoir")
    assert zaodu["located_at"] == "藻渡村" and zaodu["township"] == "赶水镇"


def test_tonggutan_rafting_is_with_wansheng_and_the_route_does_not_jump_back(built_layers) -> None:
    tonggutan = _feature(built_layers, "tourism_stops", "st-summer-04")
    assert tonggutan["located_at"] == "万盛" and tonggutan["precision"] == "county"
    assert tonggutan["leg_km"] < 15, "the leg from 黑山谷漂流 should stay within 万盛"


def test_jiangxi_is_jiangjin_xishui_not_the_province(records) -> None:
    wrong = [rec["id"] for kind in POINT_KINDS for rec in records[kind] if "Jiangxi" in rec.get("name_en", "")
             and "江习" in rec["name"]]
    assert not wrong, f"江习 is 江津–习水 (Jiang–Xi), not Jiangxi province: {wrong}"


def test_no_record_claims_a_township_no_source_gives(records) -> None:
    """Placements the first pass made without a source (北纬29度 at 郭扶, 四渡赤水 at 土城, ...)."""
    unsourced = {"pj-n29-wellness", "st-eco-07", "st-red-04", "st-rural-05", "st-rural-08", "pj-g75-checkpoint"}
    still = [rec["id"] for kind in POINT_KINDS for rec in records[kind]
             if rec["id"] in unsourced and rec.get("township") and not rec.get("place_source")]
    assert not still, still


def test_stops_follow_the_order_of_their_route_in_the_plan(records, source_documents) -> None:
    """专栏4-2 writes each route as one line; the stops' ``seq`` follows that line."""
    lines = {normalize_text(line).split(":")[0]: normalize_text(line)
             for line in section_text(source_documents, "001 专栏4-2").splitlines() if "：" in line}
    problems = []
    for route in records["tourism_routes"]:
        text = lines[normalize_text(route["name"])]
        stops = sorted((s for s in records["tourism_stops"] if s["route_id"] == route["id"]), key=lambda s: s["seq"])
        found = [min((text.find(normalize_text(v)) for v in _spellings(s) if normalize_text(v) in text),
                     default=-1) for s in stops]
        missing = [s["id"] for s, at in zip(stops, found, strict=True) if at < 0]
        if missing:
            problems.append(f"{route['id']}: stops not in its 专栏4-2 line: {missing}")
        elif found != sorted(found):
            problems.append(f"{route['id']}: seq order {[s['id'] for s in stops]} differs from the plan's")
    assert not problems, "\n".join(problems)
