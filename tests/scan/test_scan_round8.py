"""What the scanner finds, round 8: kinds of names missed in at least two documents of the read sets (issue 26).

Each rule answers a kind of recall miss (or a kind of fragment read as a name) found in sets 13 and 14 and
in earlier ones: the first line of a list glued to a verb of putting in service (``投运兰渝、…铁路``), a
passenger line by its abbreviation (``…客专``), centres named by their trade (``…配送中心``, ``…交易中心``),
a city road named by two characters where the prose joins it to another or says it opens (``与甲乙路相连``,
``…的甲乙路将全面通车``), verbs and times glued to a name's left (``修建…``, ``走进…``, ``当时落户…``).
The sentences are made up; every test failed before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._find import find_mentions
from geo.scan._names import Dictionary


def _names(text: str, dictionary: Dictionary) -> dict[str, tuple[str, str]]:
    """Name as written -> (kind, sub-kind) for every feature of ``text``."""
    return {m.name: (m.kind, m.sub) for m in find_mentions(text, dictionary)}


def test_the_first_line_of_a_list_after_a_verb_of_service(dictionary: Dictionary) -> None:
    found = _names("去年建成投运甲乙、丙丁、戊己铁路等项目。", dictionary)
    assert found["甲乙"][0] == "corridor"
    assert "丙丁" in found
    assert "投运甲乙" not in found


def test_a_passenger_line_by_its_abbreviation(dictionary: Dictionary) -> None:
    found = _names("甲乙客专已经建成，全线设站6座。", dictionary)
    assert found["甲乙客专"] == ("corridor", "high_speed_rail")


def test_centres_named_by_their_trade(dictionary: Dictionary) -> None:
    found = _names("北山医药配送中心和南岭农产品交易中心年内投用。", dictionary)
    assert found["北山医药配送中心"][0] == "logistics"
    assert found["南岭农产品交易中心"] == ("logistics", "market")
    # guard: an agency of trade in rights is no market
    assert not any("交易中心" in name for name in _names("西山区公共资源交易中心发布公告。", dictionary))


def test_a_city_road_joined_to_another_or_said_to_open(dictionary: Dictionary) -> None:
    assert "甲丙路" in _names("新建的园区大道与甲丙路相连，全长3公里。", dictionary)
    assert "乙丁路" in _names("今年，南片区的乙丁路将全面通车。", dictionary)
    # guard: a street crossed or joined is no name
    assert not any(n.endswith("马路") for n in _names("孩子们过马路要小心，与马路相连的小巷很窄。", dictionary))


def test_verbs_and_times_glued_to_a_name_are_cut(dictionary: Dictionary) -> None:
    found = _names("当年修建甲乙高速公路时，当时落户丙丁工业园区的企业不多。", dictionary)
    assert "甲乙高速公路" in found
    assert "丙丁工业园区" in found
    found = _names("随著园区快速发展，游客走进戊己快速路。", dictionary)
    assert not any(name.startswith(("随著", "走进")) for name in found)


def test_a_suburban_line_named_by_its_letter_code(dictionary: Dictionary) -> None:
    assert _names("今年将研究论证市域铁路D4线，争取早日开工。", dictionary)["市域铁路D4线"] == (
        "corridor", "suburban_rail")


def test_sights_of_a_list_closed_by_scenery_or_resources(dictionary: Dictionary) -> None:
    found = _names("湖区内青松林、北岭寺、映月岛等处景色宜人。", dictionary)
    assert {"青松林", "北岭寺", "映月岛"} <= set(found)
    found = _names("东线围绕南溪画廊、乙公山、丙来山等资源发展乡村游。", dictionary)
    assert {"南溪画廊", "乙公山", "丙来山"} <= set(found)
    # guard: a list of goods with no sight in it names nothing
    assert not _names("这里有煤炭、石膏、页岩等资源。", dictionary)


def test_quoted_sights_after_their_praise(dictionary: Dictionary) -> None:
    text = "山上可游之景很多，有形态逼真的“石牛背”、可攀登健身的“东狮岭”、清幽的“乙青大峡谷”等景观。"
    assert {"石牛背", "东狮岭", "乙青大峡谷"} <= set(_names(text, dictionary))


# --- classes of works and getting off a road are no names -------------------------------------------------------


def test_classes_of_wharves_waterways_and_works_are_no_names(dictionary: Dictionary) -> None:
    found = _names("沿线港口码头、干支流航道和库区辅助航道整治后，跨江大桥、穿山隧道和互通式立交陆续建成。", dictionary)
    assert not found
    # guard: a named wharf and a named bridge stay
    assert {"甲溪码头", "乙岭大桥"} <= set(_names("甲溪码头和乙岭大桥年内完工。", dictionary))


def test_getting_off_an_expressway_at_a_town_is_no_road(dictionary: Dictionary) -> None:
    assert not any(n.endswith("高速") for n in _names("自驾游客可在丙岭下高速，再走县道。", dictionary))
    # guard: a two-character name ending in 上 is a name (``德上高速``)
    assert "丁上高速" in _names("丁上高速今年通车。", dictionary)


def test_a_work_heading_its_paragraph_of_progress(dictionary: Dictionary) -> None:
    text = "园区动态\n甲乙制衣有限公司迁建工程：厂房主体已完工，正在安装设备。\n东岭互通改造工程：桩基全部完成。\n"
    found = _names(text, dictionary)
    assert "甲乙制衣有限公司迁建工程" in found
    assert "东岭互通改造工程" in found
    # guard: a heading with no progress after it, or a class of works, names nothing
    assert not _names("“旅游+康养”融合项目：\n重点项目：已完成投资80%。\n", dictionary)
