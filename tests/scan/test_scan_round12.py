"""What the scanner reads, round 12: kinds of status miss of blind set 20 that recur in other sets.

A start framed around its works (``启动A、B建设``, in ten sets) is that start, also where a completion
of another work stands earlier in the sentence; the time works took (``用了29个月建成``, ``历时3年竣工``,
in three sets) opens the last step of a dated story, also when the story is the next sentence's.  The
sentences are made up; every test failed before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found


def test_a_start_frame_wins_over_a_completion_of_other_works(dictionary: Dictionary) -> None:
    text = "探索联营模式，建成年屠宰10万头生猪的东山屠宰场，启动甲乙食品二期、丙丁萝卜集散中心建设，盘活用地30余亩。"
    assert _found(text, dictionary)["丙丁萝卜集散中心"] == "start_construction"


def test_a_start_frame_over_a_list(dictionary: Dictionary) -> None:
    found = _found("今年，本市建成东山水厂，启动甲乙高铁、丙丁高速建设。", dictionary)
    assert found["甲乙高铁"] == "start_construction"
    assert found["丙丁高速"] == "start_construction"


def test_guard_a_progress_frame_stays_works_going_on(dictionary: Dictionary) -> None:
    # guard: passed before the round too
    assert _found("今年建成东山水厂，推进甲乙高铁、丙丁高速建设。", dictionary)["甲乙高铁"] == "under_construction"


def test_the_time_works_took_opens_the_last_step(dictionary: Dictionary) -> None:
    assert _found("甲乙大桥于2017年5月开工建设，历时29个月建成。", dictionary)["甲乙大桥"] == "existing"


def test_a_story_in_the_next_sentence_ends_in_its_last_step(dictionary: Dictionary) -> None:
    text = "甲乙大桥是一座悬索桥，跨度排第二。项目从2017年5月开建，用了29个月建成。"
    assert _found(text, dictionary)["甲乙大桥"] == "existing"


def test_guard_a_forecast_duration_is_a_target(dictionary: Dictionary) -> None:
    # guard: a completion after a forecast (``预计历时…建成``) is the works' target, not their state
    assert _found("甲乙大桥于2017年5月开工建设，预计历时29个月建成。", dictionary)["甲乙大桥"] != "existing"
