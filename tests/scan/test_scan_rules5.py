"""Scanner rules of the fourth round (statuses stated away from the name), each on a made-up text.

A list head (``（一）续建项目``, ``新开工项目：``) gives its status to the items under it down to the
next heading; a numbered proposal list takes the status of the sentence that closes it
(``加快推进项目前期工作``); ``加快建成``/``继续推进`` say the works are under way, not done.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found


def test_a_list_head_line_speaks_for_its_items_down_to_the_next_heading(dictionary: Dictionary) -> None:
    text = ("（一）续建项目\n1. 甲乙高速公路。全长50公里。\n2. 丙丁高速公路。\n"
            "（二）新开工项目\n1. 戊己高速公路。\n（三）其他\n庚辛高速公路。")
    found = _found(text, dictionary)
    assert found["甲乙高速公路"] == "under_construction" and found["丙丁高速公路"] == "under_construction"
    assert found["戊己高速公路"] == "start_construction"
    assert found["庚辛高速公路"] is None  # the next heading ends the head's list


def test_a_list_head_with_a_colon_or_a_count(dictionary: Dictionary) -> None:
    text = "新开工项目：甲乙高速公路、丙丁高速公路。\n前期项目（3个）：\n戊己高速公路\n庚辛高速公路"
    found = _found(text, dictionary)
    assert found["甲乙高速公路"] == "start_construction" and found["丙丁高速公路"] == "start_construction"
    assert found["戊己高速公路"] == "preliminary_work" and found["庚辛高速公路"] == "preliminary_work"
    # an item naming works (``…扩建工程``) is no head of the next item
    assert _found("1. 甲乙高速公路扩建工程\n2. 丙丁高速公路", dictionary)["丙丁高速公路"] is None
    # a word of the item's own sentence outranks its head
    assert _found("续建项目\n1. 甲乙高速公路，年底建成通车。", dictionary)["甲乙高速公路"] == "existing"


def test_the_closing_sentence_of_a_numbered_proposal_list(dictionary: Dictionary) -> None:
    text = ("她的建议有两条：\n1. 甲乙至丙丁铁路：这条铁路将带来突破。\n2. 戊己至庚辛铁路：将完善网络。\n"
            "她呼吁，加快推进项目前期工作，为早日开工打基础。")
    found = _found(text, dictionary)
    assert found == {"甲乙至丙丁铁路": "preliminary_work", "戊己至庚辛铁路": "preliminary_work"}
    # a closing sentence that names its own feature speaks for that one only
    text = "1. 甲乙至丙丁铁路：这条铁路将带来突破。\n2. 戊己至庚辛铁路：将完善网络。\n同时加快推进壬癸铁路前期工作。"
    found = _found(text, dictionary)
    assert found["甲乙至丙丁铁路"] is None and found["壬癸铁路"] == "preliminary_work"


def test_hastening_completion_is_under_construction(dictionary: Dictionary) -> None:
    found = _found("今年要加快建成甲乙铁路货场，继续推进丙丁铁路北延伸线建设，启动戊己铁路前期工作。", dictionary)
    assert found["甲乙铁路"] == "under_construction"  # ``加快建成``: the target, so not yet built
    assert found["丙丁铁路"] == "under_construction"
    assert found["戊己铁路"] == "preliminary_work"


def test_a_construction_site_and_a_bridge_closing_are_under_construction(dictionary: Dictionary) -> None:
    found = _found("眼下，甲乙河二桥、丙丁高速公路（某省段）两大重点项目建设正酣，建设者们抢工期。", dictionary)
    assert found == {"甲乙河二桥": "under_construction", "丙丁高速公路（某省段）": "under_construction"}
    assert _found("戊己大桥下月合龙 力争9月建成通车", dictionary)["戊己大桥"] == "under_construction"
    assert _found("在庚辛大桥建设现场，工人们正在绑扎钢筋。", dictionary)["庚辛大桥"] == "under_construction"


def test_a_routed_neighbour_ends_at_its_own_corridor_suffix(dictionary: Dictionary) -> None:
    found = _found("年内实现甲乙高铁联络线、丙丁至戊己高铁可研获批，并开展后续工作。", dictionary)
    assert found == {"甲乙高铁联络线": "preliminary_work", "丙丁至戊己高铁": "preliminary_work"}


def test_an_airports_class_is_part_of_its_name_and_of_a_shared_suffix(dictionary: Dictionary) -> None:
    found = _found("力争开工建设赤水A1级通用机场，加快推进播州、正安A1级通用机场前期工作。", dictionary)
    assert found == {"赤水A1级通用机场": "start_construction", "播州": "preliminary_work",
                     "正安A1级通用机场": "preliminary_work"}
    assert _found("建设一批A1级通用机场。", dictionary) == {}  # a class with no place names nothing


def test_a_rail_line_named_by_its_number(dictionary: Dictionary) -> None:
    found = _found("力争开工建设城市轨道交通1号线，加快建设轨道交通4号线二期。", dictionary)
    assert found == {"城市轨道交通1号线": "start_construction", "轨道交通4号线二期": "under_construction"}
