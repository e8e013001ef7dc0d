"""The scanner's rules of the third round (issue 26, the blind set's error kinds), each on a made-up sentence.

Finding: bare township names of the official list in a route or list and before ``境内``; a
former county's name is no township; natural sites named bare (``…山``, ``…洞``, ``…瀑布``) without
the verb before them; interchanges ``…立交``; works named after ``…工程``; refused: names starting
with a quantity, determiner or measure (also behind a province's name), generic heads with no
proper name, a county's name before ``高速路网``.  Status: a verb after a list speaks for each item,
consecutive labelled lines share their lead-in, news verbs (``有序推进``, ``全面开工``, ``列入…名单``),
``列入《…》`` is no status.
"""

from __future__ import annotations

import pytest

from geo.scan._names import Dictionary
from tests.scan._rules import mentions_and_statuses as _found

# --- finding ---------------------------------------------------------------------------------------------


def test_bare_official_townships_in_a_route_list(dictionary: Dictionary) -> None:
    found = _found("新线起于甲城，经我区圣泉、德感、石门、朱杨，止于乙地附近。", dictionary)
    for name in ("圣泉", "德感", "石门", "朱杨"):
        assert name in found and found[name][0].kind == "township", (name, sorted(found))


def test_bare_township_before_a_locative(dictionary: Dictionary) -> None:
    found = _found("贾嗣境内的控制性工程甲乙河特大桥已完成桩基。", dictionary)
    assert found["贾嗣"][0].kind == "township"
    assert "甲乙河特大桥" in found  # works start after ``…工程``
    assert "中山" not in _found("纪念中山先生。", dictionary)  # a bare name needs a list or a locative


def test_a_former_county_is_no_township(dictionary: Dictionary) -> None:
    found = _found("项目经万盛、綦江至桐梓。", dictionary)
    assert not any(m.kind == "township" and name == "万盛" for name, (m, _) in found.items())


@pytest.mark.parametrize("text", [
    "记者走访四川多处国道建设现场。", "境内有不少古代遗址。", "全省共860公里高速公路。",
    "被评为重庆首批十大旅游度假区。", "新增7个下道互通。", "这是一座千年古镇。", "看看綦江的那些山山山。",
    "建设内河码头，发展农产品专业市场。", "山上有天然瀑布。", "江津高速路网越织越密。",
    "从家门口出发10分钟就能上高速。", "市民半小时就可上高速公路。",
])
def test_quantities_determiners_and_generic_heads_are_no_names(text: str, dictionary: Dictionary) -> None:
    assert _found(text, dictionary) == {}, text


def test_a_road_number_is_still_a_name(dictionary: Dictionary) -> None:
    assert "311国道" in _found("有311国道穿城而过。", dictionary)


def test_natural_sites_named_bare(dictionary: Dictionary) -> None:
    found = _found("到了甲乡，再登柏芷山，看九龙洞和望乡台瀑布。山区群众爱这座山。", dictionary)
    assert {"柏芷山", "九龙洞", "望乡台瀑布"} <= set(found), sorted(found)
    assert not any("山区" in name or "这座" in name for name in found)


def test_an_interchange_after_its_expressway(dictionary: Dictionary) -> None:
    found = _found("线路起于重庆绕城高速陶家立交。", dictionary)
    assert "陶家立交" in found and found["陶家立交"][0].sub == "interchange"


# --- status ----------------------------------------------------------------------------------------------


def test_a_verb_after_a_list_speaks_for_each_item(dictionary: Dictionary) -> None:
    found = _found("甲乙高速重庆段预计3月底建成通车，丙丁高速、戊己高速、庚辛高速重庆段有序推进。", dictionary)
    for name in ("丙丁高速", "戊己高速", "庚辛高速重庆段"):  # a section is kept in its corridor's name
        assert found[name][1] == "under_construction", (name, found[name])
    assert found["甲乙高速重庆段"][1] is None  # a target, not the current state
    far = _found("甲乙高速、丙丁高速、戊己高速、庚辛高速、壬癸高速、子丑高速等项目，目前均已建成通车。", dictionary)
    assert far["甲乙高速"][1] == "existing"  # 30+ characters from the verb, but in its list


def test_a_verb_before_a_list(dictionary: Dictionary) -> None:
    found = _found("今年将全面开工甲乙高速、丙丁铁路和戊己快速路。", dictionary)
    assert {found[n][1] for n in ("甲乙高速", "丙丁铁路", "戊己快速路")} == {"start_construction"}


def test_consecutive_labelled_lines_share_their_lead_in(dictionary: Dictionary) -> None:
    text = "今年上半年，各个在建项目都有好消息。\n甲乙高速公路：完成投资五成。\n丙丁高速公路：路基完成九成。\n"
    found = _found(text, dictionary)
    assert found["甲乙高速公路"][1] == found["丙丁高速公路"][1] == "under_construction"


def test_listed_in_a_title_is_no_status_but_a_list_is(dictionary: Dictionary) -> None:
    assert _found("甲乙水库工程列入《全国水利发展规划》。", dictionary)["甲乙水库工程"][1] is None
    assert _found("甲乙水库工程列入国家重大项目名单。", dictionary)["甲乙水库工程"][1] == "planned"


def test_bare_townships_listed_together_or_before_an_ellipsis(dictionary: Dictionary) -> None:
    found = _found("在峰顶能俯瞰三江、石角等场镇。", dictionary)
    assert {"三江", "石角"} <= set(found), sorted(found)
    assert "石壕" in _found("配套交通设施（甲至乙、石壕……", dictionary)


def test_ports_and_areas_named_by_a_phrase(dictionary: Dictionary) -> None:
    found = _found("加快建设甲乙江丙丁航运枢纽，打造戊己产业城。", dictionary)
    assert {"甲乙江丙丁航运枢纽", "戊己产业城"} <= set(found), sorted(found)


def test_rivers_streams_and_cliffs_named_bare(dictionary: Dictionary) -> None:
    found = _found("沿着安蓬江、油桐溪一路走到猴血岩。", dictionary)
    assert {"安蓬江", "油桐溪", "猴血岩"} <= set(found), sorted(found)
    for text in ("要落实綦江的规划。", "渝黔页岩气开发。", "江水流入长江。"):
        found = _found(text, dictionary)
        assert not any(m.sub == "river" or name.endswith("岩") for name, (m, _) in found.items()), text


def test_a_list_ending_in_deng_and_a_class_word(dictionary: Dictionary) -> None:
    found = _found("今年内，还将建成甲城至乙镇、丙丁扩能、戊己扩能等高速公路项目。", dictionary)
    assert {"甲城至乙镇", "丙丁扩能", "戊己扩能"} <= set(found), sorted(found)
    assert {found[n][1] for n in ("甲城至乙镇", "丙丁扩能")} == {None}  # ``将建成``: to come, no state
    two = _found("汇集兰海、渝筑等高速以及渝贵、川黔等铁路干线。", dictionary)
    assert {"兰海", "渝筑", "渝贵", "川黔"} <= set(two), sorted(two)
    assert not any(name.startswith("汇集") or "以" in name for name in two)


def test_a_status_word_after_another_name_is_that_names(dictionary: Dictionary) -> None:
    found = _found("甲乙高速于2024年12月建成通车，将与丙丁高速连接。", dictionary)
    assert found["甲乙高速"][1] == "existing" and found["丙丁高速"][1] is None


def test_a_weak_word_yields_and_progress_verbs_keep_the_stage(dictionary: Dictionary) -> None:
    found = _found("甲乙铁路列入国家重大项目名单，前期工作有序推进。", dictionary)
    assert found["甲乙铁路"][1] == "preliminary_work"
