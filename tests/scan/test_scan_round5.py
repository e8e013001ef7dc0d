"""How the scanner reads names and stages, round 5: rules of Chinese plans and news, not of one document (issue 26).

Each rule answers a general cause of the misses of held-out set 10 (and the status misses left on sets
6 to 9): the stage verb of a clause governs a name whatever works its own words name; opening to
traffic is a state; a dated story's last step is the current state; a condition clause, a quoted
title and a caption state nothing; a bracketed stage after a name is that name's; line abbreviations
in a list share its class noun; a county's name before a long name is where it is.  The sentences
are made up; every test failed before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found

# --- a clause's stage verb governs, whatever works the name's own words name ---------------------------------------


def test_works_named_as_upgrades_under_way_are_under_construction(dictionary: Dictionary) -> None:
    text = "城市道路方面，东山路拓宽改造、西河大道改造工程、南湖隧道等项目正加速推进。"
    found = _found(text, dictionary)
    assert found["东山路拓宽改造"] == "under_construction"
    assert found["西河大道改造工程"] == "under_construction"


def test_speeding_works_up_is_under_construction(dictionary: Dictionary) -> None:
    assert _found("今年将提速推进甲乙高速公路，开工建设丙丁铁路。", dictionary)["甲乙高速公路"] == "under_construction"


# --- opening to traffic, and the last step of a dated story ------------------------------------------------------


def test_opening_to_air_traffic_is_existing(dictionary: Dictionary) -> None:
    assert _found("东山机场去年12月正式通航，旅客吞吐量逐月增长。", dictionary)["东山机场"] == "existing"


def test_a_dated_story_ends_in_the_current_state(dictionary: Dictionary) -> None:
    text = "总投资9亿元的东山机场于2019年4月开工建设；2021年3月完成试飞，5月正式通航。"
    assert _found(text, dictionary)["东山机场"] == "existing"
    # guard: a completion to come stays a target; another feature's clause keeps its word
    text = "东山机场于2019年4月开工建设，预计2022年建成通航。"
    # round 6: a start told with its year before its forecast opening is works going on (not yet built)
    assert _found(text, dictionary)["东山机场"] == "under_construction"
    text = "东山机场于2019年4月开工建设，西河机场已经建成。"
    assert _found(text, dictionary)["东山机场"] == "start_construction"
    text = "东山大桥于去年开工，目前总进度已完成70%，预计5月合龙，10月底建成通车。"
    assert _found(text, dictionary)["东山大桥"] == "under_construction"


# --- what states nothing: a condition clause, a quoted title, a caption --------------------------------------------


def test_a_clause_of_condition_states_nothing_for_the_next_clause(dictionary: Dictionary) -> None:
    text = "这次扩能改造工程全部完工后，甲乙铁路沿线共设6个车站。"
    assert _found(text, dictionary)["甲乙铁路"] is None
    # guard: ``继A建成以后`` tells a past event, A is built
    assert _found("继甲乙高速建成通车以后，当地又一个项目开工。", dictionary)["甲乙高速"] == "existing"


def test_progress_as_a_noun_states_no_stage(dictionary: Dictionary) -> None:
    # guard for the new progress words: ``的快速推进`` is the works' progress as a noun, lent to no later clause
    text = "甲乙高速已于去年开工。良好的环境为这条高速的快速推进打下了基础，甲乙高速东山段提前交地。"
    assert _found(text, dictionary)["甲乙高速东山段"] is None


def test_a_quoted_title_states_nothing(dictionary: Dictionary) -> None:
    text = "某局发布了题为“加快建设交通强市”的报告，其中提到了东山长江大桥和西河长江大桥。"
    found = _found(text, dictionary)
    assert found["东山长江大桥"] is None and found["西河长江大桥"] is None


def test_a_caption_naming_a_plan_states_no_stage(dictionary: Dictionary) -> None:
    text = "东山长江大桥正在开展方案研究工作。\n\n东山长江大桥规划\n\n此前没有更多消息。"
    found = [status for name, (_, status) in [(m.name, (m, s)) for m, s in _all(text, dictionary)]
             if name == "东山长江大桥"]
    assert found == ["under_study", None]


def _all(text: str, dictionary: Dictionary) -> list[tuple[object, str | None]]:
    """Every mention with its status, in order (a name may be found twice)."""
    from geo.scan._classify import classify_status, name_mask
    from geo.scan._find import find_mentions

    mentions = find_mentions(text, dictionary)
    mask = name_mask(len(text), [(m.start, m.end, m.kind) for m in mentions])
    return [(m, classify_status(text, m.start, m.end, m.kind, m.name, mask)[0]) for m in mentions]


# --- a bracketed stage after a name ---------------------------------------------------------------------------------


def test_a_bracketed_stage_after_a_name_is_that_names(dictionary: Dictionary) -> None:
    text = "甲乙铁路东接丙丁铁路、戊己高铁（规划中），西连庚辛高速(在建)。"
    found = _found(text, dictionary)
    assert found["戊己高铁（规划中）"] == "planned"
    assert found["庚辛高速(在建)"] == "under_construction"
    assert found["丙丁铁路"] is None  # guard: the bracket speaks for its own name only


# --- finding: line abbreviations sharing a list's class noun ---------------------------------------------------------


def test_line_abbreviations_share_the_class_noun_after_the_list(dictionary: Dictionary) -> None:
    found = _found("目前，渝黔、渝怀等铁路都在满负荷运行，渝昆、沪昆等高铁正加快建设。", dictionary)
    assert {"渝黔", "渝怀", "渝昆", "沪昆"} <= set(found)
    assert found["渝昆"] == "under_construction"


# --- finding: what stands inside a scenic site's or a bridge's name -------------------------------------------------


def test_a_county_name_before_a_long_works_name_is_where_it_is(dictionary: Dictionary) -> None:
    found = _found("江北甲乙丙长江大桥正在研究。", dictionary)
    assert found == {"甲乙丙长江大桥": "under_study"}


def test_a_national_grade_and_an_a_grade_belong_to_a_sites_name(dictionary: Dictionary) -> None:
    found = _found("景区有东岭国家森林公园、西坡5A景区和南溪4A级风景区。", dictionary)
    assert {"东岭国家森林公园", "西坡5A景区", "南溪4A级风景区"} <= set(found)
    # guard: a grade with no place before it names no site
    assert _found("全县已有3个4A级景区和国家森林公园。", dictionary) == {}


def test_karst_fields_bonded_ports_and_water_works_are_named_by_their_suffix(dictionary: Dictionary) -> None:
    found = _found("游客可以看到青岩石海，货物从东滩保税港出发，甲乙水利工程已完成大坝填筑。", dictionary)
    assert {"青岩石海", "东滩保税港", "甲乙水利工程"} <= set(found)
    assert found["甲乙水利工程"] == "under_construction"



def test_a_class_of_works_and_a_bureau_name_no_works(dictionary: Dictionary) -> None:
    # guard for the water works suffix: a class counted nationally, a bureau's works
    assert _found("东山水库是国家150项重大水利工程之一。", dictionary) == {"东山水库": None}
    assert _found("记者从某区水利局水利工程科获悉。", dictionary) == {}
