"""How the scanner reads a feature's stage: structural rules, each on made-up sentences (issue 26, status round).

A status word is a predicate of its comma clause: it speaks for the names coordinated with it
there, whether it leads the list (``完工投产A、B等20个项目``) or follows it (``A、B基本完工``), and it
reaches another clause only when that clause names nothing (a lead-in, or ``A，目前正加快建设``).
Stage also comes from structure: a colon's lead for the ``；``-separated items after it, and a
document's title that announces a plan for its plain building verbs.  The vocabulary is a set of
word classes (:data:`geo.config.STATUS_WORDS`) with markers: a completion after a marker of the
future, or right after another stage verb, is a target; a start after a forecast is no stage; a
finished step (``完成铺轨``) means works going on.  Every test here failed on the code before this
round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found

# --- the clause model: a predicate governs the names of its own clause --------------------------------------


def test_a_verb_before_a_counted_list_governs_it_and_stops_at_the_next_clause(dictionary: Dictionary) -> None:
    text = "完工投产甲乙产业园三期、丙丁产业园等20个项目，加快实施戊己产业园、庚辛产业园等36个项目。"
    found = _found(text, dictionary)
    # the verb leads the list (also when the finder takes it into the first item's name)
    assert found["甲乙产业园三期"] == "existing" and found["丙丁产业园"] == "existing"
    assert found["戊己产业园"] == "under_construction" and found["庚辛产业园"] == "under_construction"


def test_a_verb_after_a_list_governs_it(dictionary: Dictionary) -> None:
    found = _found("科技创新领域：甲乙产业园五期、丙丁产业园基本完工；戊己产业园启动建设。", dictionary)
    assert found == {"甲乙产业园": "existing", "丙丁产业园": "existing", "戊己产业园": "start_construction"}


def test_a_word_of_a_clause_naming_its_own_features_does_not_leak(dictionary: Dictionary) -> None:
    assert _found("建成甲乙物流基地，争取设立丙丁保税区。", dictionary) == {
        "甲乙物流基地": "existing", "丙丁保税区": "planned"}
    found = _found("研究推动甲乙铁路建设，加快推动丙丁铁路改造增效。", dictionary)
    assert found["甲乙铁路"] == "under_study" and found["丙丁铁路改造"] == "under_construction"
    # guard: a clause that names nothing still lends its predicate to the names before it
    assert _found("甲乙高速，目前正加快建设。", dictionary) == {"甲乙高速": "under_construction"}


def test_a_verb_of_progress_before_a_list_and_the_works_noun_after_it(dictionary: Dictionary) -> None:
    assert _found("配合某县推进甲乙大桥、丙丁大桥建设。", dictionary) == {
        "甲乙大桥": "under_construction", "丙丁大桥": "under_construction"}
    # bare ``推进`` with no works after the list says nothing of the stage
    assert _found("推进物流园区与甲乙机场、丙丁机场快捷连通。", dictionary) == {"甲乙机场": None, "丙丁机场": None}


def test_an_attributive_word_describes_the_noun_after_it(dictionary: Dictionary) -> None:
    assert _found("同时与已建的甲乙高速和规划中的某省段衔接。", dictionary) == {"甲乙高速": "existing"}


# --- stage from structure -----------------------------------------------------------------------------------


def test_a_colons_lead_speaks_for_every_item_split_by_semicolons(dictionary: Dictionary) -> None:
    text = ("航空方面，将完善通用机场布局，构建体系：2个A1级通用机场为甲乙和丙丁通用机场；"
            "3个A2级通用机场为戊己、庚辛和壬癸通用机场。")
    assert set(_found(text, dictionary).values()) == {"planned"}
    # a lead that names a feature describes that feature, not the items after the colon
    found = _found("甲乙高速是某省规划网里的高速之一：设丙丁、戊己等2个收费站；主线有桥梁60座。", dictionary)
    assert found["丙丁"] is None and found["戊己"] is None


def test_plain_building_verbs_state_a_plan_only_under_a_marker_or_a_plans_title(dictionary: Dictionary) -> None:
    assert _found("初步预计在某区境内设置甲乙站、丙丁站。", dictionary) == {"甲乙站": "planned", "丙丁站": "planned"}
    assert _found("某市要建3条高铁\n重点建设甲乙港、丙丁港。", dictionary) == {"甲乙港": "planned", "丙丁港": "planned"}
    # guard: with no marker and a title that plans nothing, a building verb states no stage
    assert _found("某市交通新闻\n重点建设甲乙港、丙丁港。", dictionary) == {"甲乙港": None, "丙丁港": None}
    found = _found("其中新建甲乙站、丙丁站2座车站，改建戊己站、庚辛站2座车站。", dictionary)
    assert found["甲乙站"] is None and found["丙丁站"] is None  # ``新建`` says what kind of works
    assert found["戊己站"] == "upgrade" and found["庚辛站"] == "upgrade"


# --- the vocabulary as word classes, and its markers ---------------------------------------------------------


def test_compound_stage_verbs_the_first_is_the_state(dictionary: Dictionary) -> None:
    found = _found("续建完工甲乙至丙丁、戊己至庚辛等2个项目；新开工建成壬癸大道。", dictionary)
    assert found["壬癸大道"] == "start_construction"  # ``建成`` after ``新开工`` is its target
    assert {found[n] for n in found if n != "壬癸大道"} <= {"under_construction"}


def test_a_finished_step_is_works_going_on_and_a_finished_whole_is_built(dictionary: Dictionary) -> None:
    text = "甲乙大桥已经完成；丙丁特大桥已完成桩基57根；戊己高铁完成铺轨；庚辛高速总进度已完成80%。"
    found = _found(text, dictionary)
    assert found == {"甲乙大桥": "existing", "丙丁特大桥": "under_construction", "戊己高铁": "under_construction",
                     "庚辛高速": "under_construction"}


def test_a_future_marker_anywhere_before_a_completion_in_its_clause(dictionary: Dictionary) -> None:
    found = _found("甲乙高速已全面进入收尾施工阶段，预计年内实现通车。", dictionary)
    assert found == {"甲乙高速": "under_construction"}
    assert _found("丙丁铁路站预计明年6月完工，同年年底可与丙丁铁路一同投入使用。", dictionary) == {"丙丁铁路": None}
    # guard: ``已`` inside the word says the present, whatever comes before it
    assert _found("建成后将与已建成的甲乙高速、丙丁高速连成网络。", dictionary) == {
        "甲乙高速": "existing", "丙丁高速": "existing"}


def test_a_forecast_or_a_hope_of_starting_is_no_stage(dictionary: Dictionary) -> None:
    assert _found("甲乙高铁有望在“十五五”期间开工修建。", dictionary) == {"甲乙高铁": None}
    assert _found("下一步，力争项目早日启动建设，让甲乙快速通道更加完善。", dictionary) == {"甲乙快速通道": None}
    assert _found("甲乙高速项目启动“决战200天”活动。", dictionary) == {"甲乙高速": None}  # a campaign, not the works
    # guard: a plan's commitment to start is the plan's stage
    assert _found("力争开工建设甲乙高速。", dictionary) == {"甲乙高速": "start_construction"}


def test_words_that_are_part_of_a_name_or_mean_a_document(dictionary: Dictionary) -> None:
    assert _found("甲乙产业园、丙丁观测研究站基本建成。", dictionary) == {"甲乙产业园": "existing"}
    assert _found("甲乙高速是路网规划“纵三线”的重要部分。", dictionary) == {"甲乙高速": None}
