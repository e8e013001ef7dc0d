"""What the scanner finds, round 11: industrial projects named by their capacity (blind sets 17 and 18's misses).

A plant's project is named by its firm, its yearly output and its product (``甲乙公司年产500万套…零部件项目``,
``正在建设中的2万吨…技改项目``, ``丙酒2万吨技改、丁戊酒业1万吨酱酒等9个续建项目``); the same form was left
unfound in sets 4, 9, 17 and 18.  The sentences are made up; every test failed before this round, except the
guards marked as such.
"""

from __future__ import annotations

from geo.scan._find import find_mentions
from geo.scan._names import Dictionary


def _names(text: str, dictionary: Dictionary) -> set[str]:
    """Names as written of every feature of ``text``."""
    return {m.name for m in find_mentions(text, dictionary)}


def test_a_firms_capacity_project_alone(dictionary: Dictionary) -> None:
    found = _names("今年园区的重点是：甲乙公司年产500万套精密铸造零部件项目投产之后，将带动就业。", dictionary)
    assert "甲乙公司年产500万套精密铸造零部件项目" in found


def test_a_capacity_project_after_an_attributive(dictionary: Dictionary) -> None:
    text = "无论是正在建设中的2万吨陈香系列酒技改项目，还是0.8万吨技改工程及配套设施项目，都在推进。"
    found = _names(text, dictionary)
    assert "2万吨陈香系列酒技改项目" in found
    assert "0.8万吨技改工程及配套设施项目" in found


def test_capacity_works_in_a_counted_list(dictionary: Dictionary) -> None:
    found = _names("北方集团等企业相继入驻，丙酒2万吨技改、丁戊酒业1万吨酱酒等9个续建项目加速推进。", dictionary)
    assert {"丙酒2万吨技改", "丁戊酒业1万吨酱酒"} <= found


def test_a_brand_after_a_verb_and_a_product_after_a_plan_verb(dictionary: Dictionary) -> None:
    found = _names("考察组前往丙丁4万吨清香型白酒技改项目，又到园区布局的12万吨碳纤维项目。", dictionary)
    assert {"丙丁4万吨清香型白酒技改项目", "12万吨碳纤维项目"} <= found


def test_guards_a_figure_with_no_project(dictionary: Dictionary) -> None:
    # guards (passed before): an output with no works word, or a count of projects, names nothing
    assert not any("万吨" in n for n in _names("全年生产原煤200万吨，同比增长5%。", dictionary))
    assert not any("万吨" in n for n in _names("新增产能3万吨的项目有5个。", dictionary))
