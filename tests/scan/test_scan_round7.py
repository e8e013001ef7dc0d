"""How the scanner reads stages, round 7: classes of words and of names, not one document's phrases (issue 26).

Each rule answers a kind of status miss found in at least two documents of the read sets (12 and 13 with the
earlier ones): steps near the end of works (a tunnel or a line joined through, joint commissioning, a step
finished with ``了`` before its object) were read as done or not at all; loop lines of a rail network
(``铁路二环线``, ``枢纽东环线``) and the lines listed with them were typed tourism routes, which carry no stage.
The sentences are made up; every test failed before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import mentions_and_statuses
from tests.scan._rules import statuses as _found

# --- steps near the end of works: still being built ---------------------------------------------------------------


def test_a_tunnel_joined_through_is_still_being_built(dictionary: Dictionary) -> None:
    text = "3月2日，甲乙高速东岭特长隧道左洞顺利贯通，标志着甲乙高速主线全线贯通。"
    found = _found(text, dictionary)
    assert found["东岭特长隧道"] == "under_construction"
    assert found["甲乙高速"] == "under_construction"
    # guard: joining through as a target states nothing, like a completion to come
    assert _found("丙丁高速西岭隧道预计明年5月贯通。", dictionary)["西岭隧道"] is None


def test_joint_commissioning_is_still_works(dictionary: Dictionary) -> None:
    assert _found("9月1日，丙丁铁路开始联调联试。", dictionary)["丙丁铁路"] == "under_construction"
    assert _found("丙丁铁路已进入联调联试阶段。", dictionary)["丙丁铁路"] == "under_construction"
    # guard: joining places states no step of works
    assert _found("丙丁铁路贯通南北，沿线设5座车站。", dictionary)["丙丁铁路"] is None


def test_a_step_finished_before_its_object_is_works_going_on(dictionary: Dictionary) -> None:
    text = "日前，北岭水电站完成了首台机组调试。"
    assert _found(text, dictionary)["北岭水电站"] == "under_construction"
    # guard: a completion with nothing after it stays built
    assert _found("北岭水电站的建设已经完成了。", dictionary)["北岭水电站"] == "existing"


# --- loop lines of a rail network are railways --------------------------------------------------------------------


def test_a_rail_loop_line_is_a_railway_with_a_stage(dictionary: Dictionary) -> None:
    found = mentions_and_statuses("规划中的铁路三环线将串联各区县。", dictionary)
    mention, status = found["铁路三环线"]
    assert (mention.kind, mention.sub) == ("corridor", "railway")
    assert status == "planned"
    # guard: a tourism loop stays a tourism route
    tour = mentions_and_statuses("东山乡村旅游环线串起了五个景点。", dictionary)["东山乡村旅游环线"][0]
    assert tour.kind == "tourism_route"


def test_lines_listed_with_a_rail_loop_are_railways(dictionary: Dictionary) -> None:
    found = mentions_and_statuses("今年将加快推进在建的甲丙、丁戊和枢纽南环线。", dictionary)
    assert found["丁戊"][0].kind == "corridor"
    assert found["丁戊"][1] == "under_construction"
    assert found["枢纽南环线"][1] == "under_construction"
