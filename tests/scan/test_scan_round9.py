"""What the scanner finds and the stage it reads, round 9: kinds of misses of sets 14 and 15 and earlier ones.

Each test answers a kind of miss: a dated history told in the clauses after a line's name (``全长…的A，
1956年开工建设，1965年全线通车``: the last step is the state now, not the first).  The sentences are made
up; every test failed before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found


def test_a_history_told_after_the_name_ends_in_its_last_step(dictionary: Dictionary) -> None:
    text = "全长300公里的甲乙铁路，1958年3月开工建设，1966年7月全线通车，结束了山区不通火车的历史。"
    assert _found(text, dictionary)["甲乙铁路"] == "existing"
    # guard (held before): a start with no later step stays a start
    assert _found("全长80公里的丙丁高速公路，2024年3月开工建设。", dictionary)["丙丁高速公路"] == "start_construction"
