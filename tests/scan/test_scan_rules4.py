"""Scanner rules added after the third blind set was scored (its figures recorded first), each on a made-up sentence.

A corridor's section (``…甲至乙段``, ``…丙段``), a bracket after it and its works (``扩容工程``) are
part of its name, so a works word there is no status of its neighbours; an alias bracket
(``（以下称“…”）``) is not; ``在建``/``拟建`` before a name is a status, not the name's first
character; ``互联互通高速`` is a phrase; ``…建设进度`` says the work is under way; a section of a
corridor matches the corridor's record.
"""

from __future__ import annotations

from geo.scan._match import _forms
from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found


def test_section_bracket_and_works_belong_to_the_corridor(dictionary: Dictionary) -> None:
    found = _found("昨日，甲乙高速公路丙城至丁城段（某省境）扩容工程（以下称“丙丁扩容高速”）全线建成。", dictionary)
    assert found["甲乙高速公路丙城至丁城段（某省境）扩容工程"] == "existing"
    assert not any("以下称" in name for name in found)


def test_a_bare_section_is_kept_and_opens_nothing_else(dictionary: Dictionary) -> None:
    found = _found("戊己高速庚辛扩容段自去年开通以来车程缩短。", dictionary)
    assert found == {"戊己高速庚辛扩容段": "existing"}
    phrase = _found("戊己高速进入建设阶段，戊己高速拥堵路段已疏通。", dictionary)
    assert set(phrase) == {"戊己高速"}  # ``建设阶段``, ``拥堵路段`` are no sections


def test_works_after_a_listed_corridor_stay_in_its_name(dictionary: Dictionary) -> None:
    found = _found("目前已建成甲乙高速、丙丁高速扩容工程等互联互通高速共2条，在建戊己高速加快推进。", dictionary)
    assert found["甲乙高速"] == "existing" and found["丙丁高速扩容工程"] == "existing"
    assert found["戊己高速"] == "under_construction"  # ``在建`` is its status, not its first character
    assert not any(name.startswith(("建", "互联互通")) for name in found)


def test_pace_of_construction_is_under_construction(dictionary: Dictionary) -> None:
    assert _found("提速甲乙高速建设进度，力争全年完成两成工程量。", dictionary)["甲乙高速"] == "under_construction"


def test_a_section_matches_its_corridor() -> None:
    assert "渝赤叙高速" in _forms("渝赤叙高速重庆段")
    assert "渝赤叙高速" in _forms("渝赤叙高速江津至綦江段")
    assert "兰海高速" in _forms("兰海高速扩容工程")
