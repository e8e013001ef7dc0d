"""Scanner rules of recall round 3 (structures of plans), each on a made-up text.

Every test fails on the scanner before this round.  The names are invented (``甲乙``, ``丙丁`` …);
the reader's rule is tested on a made-up file.
"""

from __future__ import annotations

from pathlib import Path

from geo.scan import read_document
from geo.scan._names import Dictionary
from tests.scan._rules import mentions_and_statuses


def _names(text: str, dictionary: Dictionary) -> set[str]:
    return set(mentions_and_statuses(text, dictionary))


def test_a_list_with_one_name_per_line_keeps_its_lines(tmp_path: Path, dictionary: Dictionary) -> None:
    # most long lines stop without punctuation, as in hard-wrapped text; but each ends in a feature's word
    items = ["甲乙至丙丁高速公路", "戊己经庚辛至壬癸高速公路", "子丑至寅卯高速公路寅卯段",
             "辰巳县午未高速新增申酉互通工程", "戌亥至甲丙高速公路", "乙丁国家高速公路丙戊至丁己段扩容工程"]
    path = tmp_path / "list.txt"
    path.write_text("今年续建的高速公路项目共有6条，分别是：\n\n" + "\n\n".join(items) + "\n", encoding="utf-8")
    text = read_document(path).text
    assert all(f"\n{item}\n" in text or text.endswith(f"\n{item}") for item in items)
    found = _names(text, dictionary)
    assert {"甲乙至丙丁高速公路", "戊己经庚辛至壬癸高速公路", "戌亥至甲丙高速公路"} <= found


def test_a_national_expressway_named_by_its_ends_keeps_its_section(dictionary: Dictionary) -> None:
    found = _names("推进甲乙国家高速公路丙丁至戊己段扩容工程。", dictionary)
    assert "甲乙国家高速公路丙丁至戊己段扩容工程" in found
    assert _names("这是国家高速公路。", dictionary) == set()


def test_many_each_or_a_time_word_before_a_road_class_is_no_name(dictionary: Dictionary) -> None:
    text = "甲乙市很多高速公路已建成，丙丁市各高速公路也已通车。如今高速公路四通八达，还有射线高速。"
    assert _names(text, dictionary) == set()
    assert _names("甲乙至丙丁明年建高铁。", dictionary) == set()


def test_an_end_point_list_after_a_label_and_a_prose_dash(dictionary: Dictionary) -> None:
    text = "公路网具体是：两纵——甲乙县丙丁坎至戊己、庚辛至壬癸；一环——子丑至寅卯至辰巳至子丑、午未至申酉至午未。"
    found = _names(text, dictionary)
    assert {"甲乙县丙丁坎至戊己", "庚辛至壬癸", "子丑至寅卯至辰巳至子丑", "午未至申酉至午未"} <= found


def test_a_course_stop_near_which_the_road_passes(dictionary: Dictionary) -> None:
    text = "这条路起于甲乙，以隧道穿过壬家梁子到癸家坪附近，在子家湾附近设互通连接丑乡。"
    assert {"壬家梁子", "癸家坪", "子家湾"} <= _names(text, dictionary)
    assert _names("他在家门口附近散步。", dictionary) == set()


def test_a_border_and_a_course_word_are_no_places(dictionary: Dictionary) -> None:
    found = _names("路线起于川渝省界，经綦江、江津后，止于甲乙镇西侧。", dictionary)
    assert not {"川渝省界", "江津后"} & found


def test_a_counted_class_of_projects_and_a_verb_before_a_road_are_no_names(dictionary: Dictionary) -> None:
    assert _names("全市5个续建高速公路项目、4个新开工高速公路项目正在推进。", dictionary) == set()
    assert _names("要致富，先修路。", dictionary) == set()


def test_a_township_after_its_own_county_in_a_course(dictionary: Dictionary) -> None:
    # ``赶水`` and ``安稳`` are townships of 綦江: the county's name before them is context
    found = _names("项目经綦江赶水、綦江安稳到甲乙，接入丙丁高速。", dictionary)
    assert {"赶水", "安稳"} <= found and not any(n.startswith("綦江") for n in found)
