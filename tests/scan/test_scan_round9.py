"""What the scanner finds and the stage it reads, round 9: kinds of misses of sets 14 and 15 and earlier ones.

Each test answers a kind of miss: a dated history told in the clauses after a line's name (``全长…的A，
1956年开工建设，1965年全线通车``: the last step is the state now, not the first); a new district's
schools and venues said built in a list (``建成了…第二高级中学、…第十八小学、…体育馆``); a city's express
roads (``新龙快线``); a year plan's targets led by their completion (``力争开工…，建成丙丁高速``), no state;
a road's realignment named by its place (``210国道铝厂改线``), whose ``改线`` is no stage of its list.
The sentences are made up; every test failed before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._find import find_mentions
from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found


def _names(text: str, dictionary: Dictionary) -> dict[str, tuple[str, str]]:
    """Name as written -> (kind, sub-kind) for every feature of ``text``."""
    return {m.name: (m.kind, m.sub) for m in find_mentions(text, dictionary)}


def test_a_history_told_after_the_name_ends_in_its_last_step(dictionary: Dictionary) -> None:
    text = "全长300公里的甲乙铁路，1958年3月开工建设，1966年7月全线通车，结束了山区不通火车的历史。"
    assert _found(text, dictionary)["甲乙铁路"] == "existing"
    # guard (held before): a start with no later step stays a start
    assert _found("全长80公里的丙丁高速公路，2024年3月开工建设。", dictionary)["丙丁高速公路"] == "start_construction"


def test_schools_and_venues_of_a_list_said_built(dictionary: Dictionary) -> None:
    text = "建成了北城市第三高级中学、北城市第九中学、北城市第七小学、北城体育馆。"
    assert _found(text, dictionary) == {name: "existing" for name in (
        "北城市第三高级中学", "北城市第九中学", "北城市第七小学", "北城体育馆")}
    # guard: schools by their level are no name
    assert not _names("推进大中小学体育工作。", dictionary)


def test_a_citys_express_roads(dictionary: Dictionary) -> None:
    found = _names("东山快线、西岭快线正在加快建设。", dictionary)
    assert found["东山快线"] == ("corridor", "fast_road")
    assert _found("东山快线、西岭快线正在加快建设。", dictionary)["西岭快线"] == "under_construction"


def test_a_year_plans_completion_targets_state_nothing(dictionary: Dictionary) -> None:
    text = "2025年，全市力争开工甲乙高速，启动建设戊己铁路，建成丙丁高速。"
    assert _found(text, dictionary)["丙丁高速"] is None
    assert _found("按计划，本年我市建成庚辛铁路。", dictionary)["庚辛铁路"] is None
    # guards (held before): a completion told as done, or what stands, keeps its state
    assert _found("2025年，全市建成了丙丁高速。", dictionary)["丙丁高速"] == "existing"
    assert _found("新桥通行时间将缩短一半，缓解现有北山大桥的通行压力。", dictionary)["北山大桥"] == "existing"


def test_a_realignment_named_by_its_place(dictionary: Dictionary) -> None:
    found = _found("先后建成甲乙大道、丙丁路一期、210国道北山改线、环城大道南岭段等城市道路约30公里。", dictionary)
    assert found["210国道北山改线"] == "existing"
    assert found["丙丁路一期"] == "existing"
    assert found["环城大道南岭段"] == "existing"
    # guard: a verb before the realignment is no part of its name
    assert "210国道实施改线" not in _names("明年210国道实施改线。", dictionary)
