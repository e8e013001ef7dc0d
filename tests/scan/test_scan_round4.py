"""How the scanner reads a feature's stage, round 4: a stage said of a class or of a whole list (issue 26).

Each rule answers a general cause of the status misses of held-out set 9 (a careful reader's rule of
Chinese plans and news, not a phrase of one document) and is tested on made-up sentences whose names
the current finder finds; every test failed on the classifier before this round, except the guards
marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found

# --- a stage said of a whole class speaks for its members -------------------------------------------------------


def test_a_stage_said_of_all_the_stations_speaks_for_the_stations_described_after(dictionary: Dictionary) -> None:
    text = ("甲乙铁路全线设车站5座，新建的4座车站站房已全部建成，正在进行装饰装修。\n"
            "东山站位于某镇，站房面积2000平方米。西河站位于某县，车场规模为2台4线。")
    found = _found(text, dictionary)
    assert found["东山站"] == "existing" and found["西河站"] == "existing"


def test_a_target_for_the_class_or_no_class_gives_its_members_no_stage(dictionary: Dictionary) -> None:
    # guard: a target (``预计…全部建成``) is no state, and a sentence not of the whole class is no class state
    text = "预计年底车站站房全部建成。\n东山站位于某镇，站房面积2000平方米。"
    assert _found(text, dictionary)["东山站"] is None
    text = "某区的公园已全部建成。\n东山站位于某镇，站房面积2000平方米。"
    assert _found(text, dictionary)["东山站"] is None


# --- a verb of progress over a list closed by ``等`` and its class noun ----------------------------------------


def test_progress_over_lists_closed_by_a_class_noun_is_under_construction(dictionary: Dictionary) -> None:
    text = "推进甲乙高速、丙丁高速等高速公路和东山站、西河站建设。"
    assert _found(text, dictionary) == {"甲乙高速": "under_construction", "丙丁高速": "under_construction",
                                        "东山站": "under_construction", "西河站": "under_construction"}


def test_progress_over_a_list_with_an_item_not_found_reaches_all_items(dictionary: Dictionary) -> None:
    text = "建成戊己高速，推进甲乙高速、北站、东山站建设。"
    found = _found(text, dictionary)
    assert found["甲乙高速"] == "under_construction" and found["东山站"] == "under_construction"


# --- finding: the items of a counted list of a class of roads ----------------------------------------------------


def test_items_counted_as_city_trunk_roads_are_roads(dictionary: Dictionary) -> None:
    text = "目前，已建成的东山大道、西河分流道、南湖路三条城市干道。"
    assert _found(text, dictionary) == {"东山大道": "existing", "西河分流道": "existing", "南湖路": "existing"}
    # guard: the class word alone names nothing (``交通干道``, ``城市主干道``)
    assert _found("重庆南部物流交通干道建设再次提速，这是城市主干道。", dictionary) == {}


def test_a_list_continued_by_a_joiner_over_item_clauses_keeps_its_lead(dictionary: Dictionary) -> None:
    text = "目前，已建成的东山大道、南湖路两条城市干道，2、3号两条轨道交通线，以及甲乙高速、丙丁高速。"
    found = _found(text, dictionary)
    assert found["甲乙高速"] == "existing" and found["丙丁高速"] == "existing"
    # guard (held before): a clause between that states its own stage ends the first list's reach
    assert _found("已建成戊己高速，正在建设轨道交通线，以及甲乙高速。", dictionary)["甲乙高速"] == "under_construction"


def test_a_countless_list_at_a_texts_start_keeps_its_first_items_whole(dictionary: Dictionary) -> None:
    # a list read back to the text's start lost one character of its first item when no ``以及`` preceded it
    assert _found("推进甲乙、丙丁等铁路建设。", dictionary) == {"甲乙": "under_construction",
                                                           "丙丁": "under_construction"}


def test_a_station_named_inside_another_sentence_is_no_member_of_the_class(dictionary: Dictionary) -> None:
    # guard: only a member described as its sentence's subject takes the class's stage
    text = "新建的4座车站站房已全部建成。\n东山站选址在现在的西河火车站后面。"
    found = _found(text, dictionary)
    assert found["东山站"] == "existing" and found["西河火车站"] is None


def test_a_logistics_road_is_a_corridor_and_a_generic_one_names_nothing(dictionary: Dictionary) -> None:
    assert _found("5月10日，某公司甲乙片区快速物流通道工程开工仪式举行。", dictionary) == {
        "甲乙片区快速物流通道工程": "start_construction"}
    # guard (held before): a kind of corridor with no proper stem names nothing
    assert _found("构建国际物流通道，打造重要物流通道。", dictionary) == {}
