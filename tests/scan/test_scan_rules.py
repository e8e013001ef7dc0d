"""The scanner's rules of the second round (issue 26, held-out error kinds), each on a made-up sentence.

Finding: end points ``X至Y（…界）`` in a plan's list; bare township names of a counted list
(``A、B、C3个乡镇``); works of a corridor (tunnels, bridges, toll stations, interchanges);
a village after its township; generic phrases, size classes and fragments refused; spans cut at
``——``, kept across ``自治县`` and a one-character stem's joiner.  Status: titles in ``《》``,
conditions (``建成后``), targets of completion (``将于…通车``), a word leading another name, a
generic verb after the feature in another clause, status words inside an abbreviated name.
"""

from __future__ import annotations

import pytest

from geo.scan._names import Dictionary
from tests.scan._rules import mentions_and_statuses as _found

# --- finding ---------------------------------------------------------------------------------------------


def test_end_point_items_with_border_marks_are_corridors(dictionary: Dictionary) -> None:
    text = ("公路通道方面，加快建设甲城（湘黔界）至乙山、丙县至丁坝等省际项目；推进戊城经己镇至庚关（黔川境）、"
            "辛城至壬江等项目前期工作。")
    found = _found(text, dictionary)
    assert found["甲城（湘黔界）至乙山"][0].kind == "corridor"
    assert found["甲城（湘黔界）至乙山"][0].via == ("甲城", "乙山")
    assert found["甲城（湘黔界）至乙山"][1] == "under_construction"
    assert found["丙县至丁坝"][1] == "under_construction"
    assert found["戊城经己镇至庚关（黔川境）"][1] == "preliminary_work"
    assert found["辛城至壬江"][1] == "preliminary_work"


def test_end_point_list_needs_a_border_or_a_corridor_word(dictionary: Dictionary) -> None:
    found = _found("会议请来甲城至乙山、丙县至丁坝等地的代表。", dictionary)
    assert "甲城至乙山" not in found and "丙县至丁坝" not in found


def test_counted_township_list_validated_by_official_names(dictionary: Dictionary) -> None:
    # the count (6) is not the number of items: only the official townships are taken
    found = _found("新线经过程寨、醒民、桑木、某某坝等6个乡镇。", dictionary)
    assert {"程寨", "醒民", "桑木"} <= set(found)
    assert found["醒民"][0].full_name == "醒民镇" and found["醒民"][0].kind == "township"
    assert "某某坝" not in found


def test_counted_list_vouched_by_its_count(dictionary: Dictionary) -> None:
    found = _found("新线经过甲坝、乙岭、丙溪等3镇。", dictionary)
    assert {"甲坝", "乙岭", "丙溪"} <= set(found)
    assert "甲坝" not in _found("新线经过甲坝、乙岭、丙溪等5镇。", dictionary)
    # a list with an item that is not a plain name (a number inside) is no list of places
    assert "甲坝" not in _found("新线经过甲坝、乙岭12、丙溪3镇。", dictionary)


def test_works_of_a_corridor_start_after_the_corridor(dictionary: Dictionary) -> None:
    text = "甲乙高速公路二标段青杠湾特大桥合龙，穿越山岭的第一长隧——白岩隧道贯通，沿线设高坪省际收费站和石门枢纽互通。"
    found = _found(text, dictionary)
    assert "青杠湾特大桥" in found and found["青杠湾特大桥"][0].sub == "road_project"
    assert "白岩隧道" in found
    assert "高坪省际收费站" in found
    assert "石门枢纽互通" in found


def test_quoted_shape_stays_in_an_interchange_name(dictionary: Dictionary) -> None:
    found = _found("规划松林“Y”型枢纽互通。", dictionary)
    assert "松林“Y”型枢纽互通" in found
    assert not any(name.startswith("型") for name in found)


def test_village_starts_after_its_township(dictionary: Dictionary) -> None:
    found = _found("水源地在某县长岭乡青杠湾村境内。", dictionary)
    assert "青杠湾村" in found
    assert not any(name.startswith("长岭乡青") for name in found)


def test_village_committee_form_of_official_list_is_known(dictionary: Dictionary) -> None:
    # the official list writes 春光村村(民委员会); the document writes 春光村
    entries = dictionary.entries.get("春光村", [])
    assert any(e.kind == "place" and e.source == "region" for e in entries)


@pytest.mark.parametrize("text, bad", [
    ("全县新建大型水库一座。", "大型水库"),
    ("改造中(2)型水库。", "中(2)型水库"),
    ("完成组组通公路和通村公路硬化。", "组组通公路"),
    ("完成组组通公路和通村公路硬化。", "通村公路"),
    ("这是一条快速铁路通道。", "快速铁路通道"),
    ("綦江区公路网更加完善。", "綦江区公路"),
    ("东南片区缺水问题突出。", "东南片区"),
    ("该省北接四川，东邻湖南，南靠广西。", "东邻湖"),
    ("起点在甲镇，在那里与乙丙高速公路相接。", "那里"),
    ("另外5座水库也开工。", "另外"),
])
def test_generic_phrases_and_fragments_are_not_names(dictionary: Dictionary, text: str, bad: str) -> None:
    assert bad not in _found(text, dictionary)


def test_double_dash_of_prose_ends_a_corridor_name(dictionary: Dictionary) -> None:
    found = _found("其地位十分重要——甲乙铁路由此经过。", dictionary)
    assert "甲乙铁路" in found


def test_autonomous_county_and_a_joiner_inside_a_name(dictionary: Dictionary) -> None:
    found = _found("分别是：甲丙自治县石门水库、某县和顺水库。", dictionary)
    assert "甲丙自治县石门水库" in found
    assert "和顺水库" in found
    assert "和新站" not in _found("列车停靠松坎和新站。", dictionary)


def test_connector_and_conjunction_are_not_part_of_a_name(dictionary: Dictionary) -> None:
    found = _found("货物从甲地运出，至青山枢纽港产业园。首发仪式暨某某高新区揭牌。", dictionary)
    assert "青山枢纽港产业园" in found
    assert "某某高新区" in found


def test_end_point_abbreviation_corridor(dictionary: Dictionary) -> None:
    found = _found("北端与甲乙扩容(重庆境)顺接，丙丁高速同步开工。", dictionary)
    assert "甲乙扩容(重庆境)" in found
    # 扩容 inside that name is no status of the expressway after it
    assert found["丙丁高速"][1] == "start_construction"


# --- status ----------------------------------------------------------------------------------------------


def test_citation_title_is_not_a_status(dictionary: Dictionary) -> None:
    found = _found("甲溪水库列入《某省水利发展规划》，今年正式开工。", dictionary)
    assert found["甲溪水库"][1] == "start_construction"
    assert _found("甲溪水库列入《某省水利发展规划》。", dictionary)["甲溪水库"][1] is None


def test_condition_and_completion_target_are_not_the_current_state(dictionary: Dictionary) -> None:
    assert _found("甲乙高速将于明年7月通车。", dictionary)["甲乙高速"][1] is None
    assert _found("甲乙高速计划2026年底建成通车。", dictionary)["甲乙高速"][1] is None
    assert _found("甲溪水库建成后，可灌溉农田。", dictionary)["甲溪水库"][1] is None
    assert _found("甲乙高速已建成通车。", dictionary)["甲乙高速"][1] == "existing"


def test_status_word_leading_another_name_is_its(dictionary: Dictionary) -> None:
    found = _found("甲乙铁路及规划中的丙丁铁路贯穿南北。", dictionary)
    assert found["甲乙铁路"][1] is None
    assert found["丙丁铁路"][1] == "planned"


def test_generic_verb_after_the_feature_in_another_clause(dictionary: Dictionary) -> None:
    found = _found("甲乙高速的建设，对加快区域开放意义重大。", dictionary)
    assert found["甲乙高速"][1] is None
