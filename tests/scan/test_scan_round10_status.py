"""The stage the scanner reads, round 10 (status): where a stage word is and whose it is, across sets 12-16.

Each test answers a kind of miss: a feature named as a point of another work's course (``起于A``,
``东接A、B``, ``与A相接``) takes only its own attributive's stage, not the clause's predicate, which is the
work's; a plan word modifying a measure (``规划面积``) and ``要建`` inside ``主要建设`` state no stage; the
feasibility study in full (``可行性研究``) is preliminary work; a completion dated in living memory
(``始建于1997年``) is existing, a heritage site's age (``始建于北宋``) no stage; a work heading a line of
progress (``A工程：甲已完成；乙正在施工``) is under construction; a dated story's date written as a clause of
its own (``…；7月8日，大桥通车运营``) still dates the step after it.  The sentences are made up; every test
failed before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found


def test_a_landmark_of_another_works_course_takes_no_stage_of_the_clause(dictionary: Dictionary) -> None:
    found = _found("拟建桥址东接北山工业园、甲乙高速，西连丙丁铁路北站。", dictionary)
    assert found["甲乙高速"] is None
    assert _found("该项目北起戊己高速，南到庚辛大道，规划为城市主干道。", dictionary)["庚辛大道"] is None
    assert _found("它南起北城绕城高速，向南经过三地，并与贵州省甲乙高速相接。", dictionary)["贵州省甲乙高速"] is None
    # guards (held before): a landmark's own attributive is its stage; a relative clause of course describes
    # the subject, which keeps the sentence's stage
    assert _found("它北接在建中的丙丁高速，南连戊己高速。", dictionary)["丙丁高速"] == "under_construction"
    assert _found("目前，连接北镇与南镇的甲乙公路已竣工通车。", dictionary)["甲乙公路"] == "existing"


def test_a_plan_word_of_a_measure_and_a_word_across_two_states_nothing(dictionary: Dictionary) -> None:
    assert _found("甲乙产业园西起北山，规划面积约6平方公里。", dictionary)["甲乙产业园"] is None
    assert _found("项目主要建设内容为隧道两座（北岭隧道、南岭隧道）。", dictionary)["北岭隧道"] is None
    # guard (held before): a plan word before its works is planned
    assert _found("甲乙产业园规划建设物流区。", dictionary)["甲乙产业园"] == "planned"


def test_the_feasibility_study_in_full_is_preliminary_work(dictionary: Dictionary) -> None:
    assert _found("近日，甲乙机场可行性研究报告预审在省城通过。", dictionary)["甲乙机场"] == "preliminary_work"


def test_a_completion_dated_in_living_memory_is_existing(dictionary: Dictionary) -> None:
    assert _found("甲乙公路编号为S999，始建于1998年，是通往北城的主要通道。", dictionary)["甲乙公路"] == "existing"
    assert _found("通往园区的主要道路是北城大道，建于十几年前，只有双向4车道。", dictionary)["北城大道"] == "existing"
    # guard: a heritage site's age is no stage of works
    assert _found("北山寺始建于北宋，至今已有约1000年历史。", dictionary).get("北山寺") is None


def test_a_work_heading_a_line_of_progress_partly_done(dictionary: Dictionary) -> None:
    text = "\n北互通改造工程：B匝道桥梁的桩基已全部完成，A匝道桥的桥台全部完成；路面工程和A匝道桥梁正在施工。\n"
    assert _found(text, dictionary)["北互通改造工程"] == "under_construction"
    # guard (held before): a line saying only done steps stays existing
    assert _found("\n北互通改造工程：桩基、墩柱已全部完成。\n", dictionary)["北互通改造工程"] == "existing"


def test_a_stories_date_as_a_clause_of_its_own(dictionary: Dictionary) -> None:
    text = "2016年3月31日，甲乙长江大桥主桥合龙，全线贯通；7月8日，大桥通车运营。"
    assert _found(text, dictionary)["甲乙长江大桥"] == "existing"
