"""How the scanner reads a feature's stage, round 3: structure that carries a stage to items (issue 26).

Each rule answers a general cause of the status misses of held-out set 8 (a careful reader's rule of
Chinese plans and news, not a phrase of one document) and is tested on made-up sentences whose names
the current finder finds; every test failed on the classifier before this round, except the guards
marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found

# --- lists written one item per line ------------------------------------------------------------------------


def test_a_list_one_item_per_line_takes_the_stage_of_its_opening_line(dictionary: Dictionary) -> None:
    text = ("今年续建的高速公路项目共有3条，分别是：\n\n綦江至万盛快速路\n\n甲乙高速公路\n\n丙丁高速公路；"
            "\n\n今年还将开工一批项目。")
    assert _found(text, dictionary) == {"綦江至万盛快速路": "under_construction",
                                        "甲乙高速公路": "under_construction", "丙丁高速公路": "under_construction"}
    # guard (held before): an opening line that states no stage gives its items none
    assert _found("记者列出了这些道路：\n\n甲乙高速公路\n\n丙丁高速公路", dictionary) == {
        "甲乙高速公路": None, "丙丁高速公路": None}


def test_a_circled_numbered_heading_speaks_for_its_items_until_the_next(dictionary: Dictionary) -> None:
    text = "①新建项目\n\n甲乙高速公路\n\n②收尾项目\n\n丙丁高速公路\n\n戊己高速公路"
    assert _found(text, dictionary) == {"甲乙高速公路": "start_construction", "丙丁高速公路": "under_construction",
                                        "戊己高速公路": "under_construction"}


# --- new works in a year's plan --------------------------------------------------------------------------------


def test_new_works_in_a_years_plan_start_that_year(dictionary: Dictionary) -> None:
    assert _found("2021年，某省计划新建甲乙高速公路，以及丙丁高速公路。", dictionary) == {
        "甲乙高速公路": "start_construction", "丙丁高速公路": "start_construction"}
    assert _found("5个续建项目是甲乙高速、丙丁高速；4个新建项目是戊己高速、庚辛高速。", dictionary) == {
        "甲乙高速": "under_construction", "丙丁高速": "under_construction",
        "戊己高速": "start_construction", "庚辛高速": "start_construction"}
    # guards (held before): a deadline or no date is a plan
    assert _found("到2025年，某省计划新建甲乙高速公路。", dictionary) == {"甲乙高速公路": "planned"}
    assert _found("某省将新建甲乙高速公路。", dictionary) == {"甲乙高速公路": "planned"}


# --- a network set out as a plan's target ----------------------------------------------------------------------


def test_members_of_a_network_set_as_a_target_are_planned(dictionary: Dictionary) -> None:
    text = ("2020年以前，某市的公路建设将以“两纵两横”为目标，建成一张骨架公路网。"
            "两纵两横具体是：两纵——甲乙高速、丙丁高速；两横——戊己高速。")
    assert set(_found(text, dictionary).values()) == {"planned"}
    # guard: a network label with no target named before states nothing
    assert set(_found("两纵——甲乙高速、丙丁高速；两横——戊己高速。", dictionary).values()) == {None}


# --- words ------------------------------------------------------------------------------------------------------


def test_handover_acceptance_passed_is_built(dictionary: Dictionary) -> None:
    assert _found("甲乙高速公路已全线顺利通过交工验收，即将投入使用。", dictionary) == {"甲乙高速公路": "existing"}


def test_reserve_projects_are_preliminary_work(dictionary: Dictionary) -> None:
    text = "④预备项目\n\n今年还将预备建设2条高速公路：\n\n甲乙高速公路\n\n丙丁高速公路；"
    assert set(_found(text, dictionary).values()) == {"preliminary_work"}


# --- the kind of works is no later state ------------------------------------------------------------------------


def test_a_copular_kind_of_works_does_not_override_a_stage_said_before(dictionary: Dictionary) -> None:
    text = "甲乙铁路已全面开工建设，计划2015年通车。甲乙铁路是某地至某地既有老线的扩能改造工程，正线全长55公里。"
    assert _found(text, dictionary) == {"甲乙铁路": "start_construction"}  # the later mention, as the scorer reads
    # guard (held before): with no stage said before, the kind is the status given; a colon's list of new starts
    assert _found("甲乙铁路是某地至某地既有老线的扩能改造工程。", dictionary) == {"甲乙铁路": "upgrade"}
    assert set(_found("全市有2个新开工高速公路项目：甲乙高速、丙丁高速。", dictionary).values()) == {
        "start_construction"}
