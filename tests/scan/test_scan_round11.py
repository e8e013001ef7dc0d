"""What the scanner finds and reads, round 11: kinds of miss of blind sets 17 and 18 that recur in other sets.

Industrial projects named by their capacity; verbs of a clause that end a name on its left (``…高度重视…``);
a progressive frame with an adverb of manner (``也在紧锣密鼓地开发建设之中``, ``正在加速建造…``); a river's stretch
in brackets before its class (``甲江（乙渡—丙滩）四级高等级航道``).
A plant's project is named by its firm, its yearly output and its product (``甲乙公司年产500万套…零部件项目``,
``正在建设中的2万吨…技改项目``, ``丙酒2万吨技改、丁戊酒业1万吨酱酒等9个续建项目``); the same form was left
unfound in sets 4, 9, 17 and 18.  The sentences are made up; every test failed before this round, except the
guards marked as such.
"""

from __future__ import annotations

from geo.scan._find import find_mentions
from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found


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


def test_a_verb_of_the_clause_ends_a_name_on_its_left(dictionary: Dictionary) -> None:
    # ``…高度重视…``, ``勾画…``, ``关停…``, ``依赖…``: verbs of the clause, not part of the name (sets 8-18)
    found = _names("甲乙县高度重视北山旅游景区建设，勾画一幅丙丁森林公园的新图景。", dictionary)
    assert not any("重视" in n or "勾画" in n for n in found)
    found = _names("去年关停了甲乙货运码头，工业最依赖丙丁物流园区。", dictionary)
    assert not any("关停" in n or "依赖" in n for n in found)


def test_a_progressive_frame_with_an_adverb_states_works_going_on(dictionary: Dictionary) -> None:
    found = _found("同时，甲乙大桥、丙丁大桥等项目也在紧锣密鼓地开发建设之中。", dictionary)
    assert found == {"甲乙大桥": "under_construction", "丙丁大桥": "under_construction"}
    found = _found("航道方面，我市正在加速建造甲乙航道整治工程、丙丁港等项目。", dictionary)
    assert found == {"甲乙航道": "under_construction", "丙丁港": "under_construction"}
    # guards (passed before): a stage word of its own in the frame, or a preliminary stage, wins
    assert _found("目前甲乙高铁的前期工作正在积极推进。", dictionary) == {"甲乙高铁": "preliminary_work"}
    assert _found("甲乙大桥正在开工建设。", dictionary) == {"甲乙大桥": "start_construction"}


def test_a_bracketed_stretch_before_a_class_of_corridor(dictionary: Dictionary) -> None:
    # ``河名（A—B）…航道``: the bracket is the stretch the class names; a stop word before the river ends the name
    found = _found("此外，全省建成甲江（乙渡—丙滩）四级高等级航道80公里。", dictionary)
    assert found == {"甲江（乙渡—丙滩）四级高等级航道": "existing"}
    # guard (passed before): a bracketed route with no class after it keeps its name
    assert "遵义至丙丁" in _names("六横：遵义至丙丁（新蒲-湄潭-丙丁）。", dictionary)


def test_a_township_before_a_brand_belongs_to_the_capacity_project(dictionary: Dictionary) -> None:
    # after the merge: a place and a brand (``甲乙镇丙丁``) are longer than a brand alone
    found = _names("沿河走约5公里，桑园镇金泉2万吨生活污水处理厂项目正在建设之中。", dictionary)
    assert "桑园镇金泉2万吨生活污水处理厂项目" in found and "2万吨生活污水处理厂项目" not in found
