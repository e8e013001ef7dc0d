"""How the scanner reads stages, round 6: rules of Chinese plans and news, not of one document (issue 26).

Each rule answers a kind of status miss that recurs over the blind sets (11 and 12 read, and the first
scores of the earlier sets): works named by their river or as an interchange get no status at all;
words of works going on (``进入装饰阶段``, ``逐步推进``, ``建设情况``) were missing; a part's completion
(``东山段已建成通车``, ``一期已完工投用``) was read for the whole; a promise (``保证…如期完工``) was read as
done and a start followed by its forecast completion as just started; a plan as a document
(``“十四五”规划执行情况``) or an attributive for another name (``拟建的A起于B``) made a name planned; the
works word of a project's name (``甲乙高速扩容项目…等在建``) was read as its stage.  The sentences are
made up; every test failed before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found

# --- (a) works named by their river, interchanges: kinds that were given no status --------------------------------


def test_rivers_listed_as_waterway_works_carry_the_stage(dictionary: Dictionary) -> None:
    text = "今年要加快建设东溪河、西山河、南坪江等库区航道，加快北岭河水运扩能建设。"
    found = _found(text, dictionary)
    assert found["东溪河"] == "under_construction"
    assert found["南坪江"] == "under_construction"
    assert found["北岭河"] == "under_construction"
    # guard: a river named as a landscape states nothing
    assert _found("东溪河从镇中穿过，两岸正在建设步道。", dictionary)["东溪河"] is None


def test_an_interchange_carries_its_stage(dictionary: Dictionary) -> None:
    text = "东山枢纽互通立交的施工现场一片繁忙，目前整个立交已进入收尾阶段。"
    assert _found(text, dictionary)["东山枢纽互通立交"] == "under_construction"
    assert _found("西坪互通已于去年建成通车。", dictionary)["西坪互通"] == "existing"
    # guard: an interchange named as a point of another road's course takes nothing of that road's stage
    assert _found("该项目规划起于甲乙高速东山互通附近，终点位于西城大道。", dictionary)["东山互通"] is None


# --- (a) words of works going on ----------------------------------------------------------------------------------


def test_entering_a_phase_of_works_is_under_construction(dictionary: Dictionary) -> None:
    text = "甲乙高速东山特大桥正在进行扫尾施工，西河服务区也进入装饰阶段，工人们正在安装灯箱。"
    assert _found(text, dictionary)["西河服务区"] == "under_construction"


def test_a_project_moving_forward_step_by_step_is_under_construction(dictionary: Dictionary) -> None:
    assert _found("随着东山水库项目逐步推进，周边旅游不断发展。", dictionary)["东山水库"] == "under_construction"
    # guard: a named stage keeps its name (``前期工作逐步推进`` is preliminary work)
    assert _found("东山水库前期工作逐步推进。", dictionary)["东山水库"] == "preliminary_work"


def test_inspecting_the_works_says_they_are_going_on(dictionary: Dictionary) -> None:
    text = "区领导一行到现场查看了东山站建设情况，了解了各项目的进展。"
    assert _found(text, dictionary)["东山站"] == "under_construction"


# --- (b) a part's completion is not the whole's ------------------------------------------------------------------


def test_a_section_opened_is_not_the_whole_line(dictionary: Dictionary) -> None:
    text = "甲乙高速全长80公里，东山段已于去年建成通车；西河段今年将建成通车。"
    assert _found(text, dictionary)["甲乙高速"] != "existing"


def test_one_phase_done_and_another_under_way_is_under_construction(dictionary: Dictionary) -> None:
    text = "东山物流中心：一期5万平方米仓储区已完工投用；二期工程正在场平。"
    assert _found(text, dictionary)["东山物流中心"] == "under_construction"
    # guard: the whole said done stays done
    assert _found("东山物流中心：一期、二期均已完工投用。", dictionary)["东山物流中心"] == "existing"


# --- (c) targets and promises are not states ----------------------------------------------------------------------


def test_a_promise_to_finish_on_time_is_no_completion(dictionary: Dictionary) -> None:
    assert _found("全力保证甲乙高速如期完工。", dictionary)["甲乙高速"] != "existing"


def test_a_start_followed_by_its_forecast_opening_is_under_construction(dictionary: Dictionary) -> None:
    assert _found("甲乙铁路2019年底开建，预计2025年通车。", dictionary)["甲乙铁路"] == "under_construction"
    # guard: a start that is itself a plan stays the plan's start
    assert _found("甲乙铁路计划今年开工，预计2025年通车。", dictionary)["甲乙铁路"] == "start_construction"


# --- (d) ``planned`` from a noun, or from a word that describes another name ---------------------------------------


def test_a_plan_as_a_document_reviewed_states_no_plan(dictionary: Dictionary) -> None:
    text = "会议听取了“十四五”规划执行情况的汇报，东山站、西河站正在建设。"
    assert _found(text, dictionary)["西河站"] != "planned"
    text = "区领导就全区综合交通规划的完成情况开展调研\n重点建设东山港、西河港。"
    assert _found(text, dictionary)["西河港"] is None
    # guard: a title that announces a plan still does
    assert _found("全区综合交通规划\n重点建设东山港、西河港。", dictionary)["西河港"] == "planned"


def test_an_attributive_describes_the_name_after_it_not_a_later_one(dictionary: Dictionary) -> None:
    found = _found("拟建的甲乙高速起于丙丁高速的东山村。", dictionary)
    assert found["甲乙高速"] == "planned"
    assert found["丙丁高速"] != "planned"
    # guard: an attributive over a list speaks for every item (``已建成的A、B``)
    found = _found("已建成的甲乙高速、丙丁高速两条高速。", dictionary)
    assert found["丙丁高速"] == "existing"


# --- (e) a project's works word is its kind, not its stage --------------------------------------------------------


def test_works_named_after_a_line_take_the_clause_stage(dictionary: Dictionary) -> None:
    found = _found("丙丁高速扩容项目、甲乙高速东山段等在建。", dictionary)
    assert found.get("丙丁高速扩容项目", found.get("丙丁高速")) == "under_construction"
    # guard: nothing else said, the works word still makes it an upgrade
    found = _found("丙丁高速扩容项目全长80公里。", dictionary)
    assert found.get("丙丁高速扩容项目", found.get("丙丁高速")) == "upgrade"
