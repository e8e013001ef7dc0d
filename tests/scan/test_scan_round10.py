"""What the scanner finds, round 10 (finding): features of sets 12-16 that state a status but were never found.

Each test answers a kind of miss: parks, squares, wetlands, cableways, rides and amusement parks named by a
short stem (``东河公园``, ``北岭文化广场``, ``乙湖湿地``); a city's bus hub and an industry's cluster with a
bracket inside its name; a list of ``A至B`` stretches sharing a suffix that names two classes of road
(``…城市干道或快速通道``); works named by the city road they are done on (``甲乙路北段改造工程``,
``戊己路污水泵站``); a road said to open after ``的`` with its date; a street listed after a road
(``…路和东街``); a headline that is a work's name and its state; a routed road after its township
(``…街道甲—乙—丙农村公路``) and a road by its section and grade (``甲至乙段三级公路``); an avenue named by its use
(``…工业大道``); a line's capacity works by its end points (``渝黔扩能``); a firm's project in a counted list
(``…有限公司…改造项目等9个项目``); a trade city named by the area's prefecture (``遵义国际汽车城``); a list
closed by a class with a word of rank (``A、B等重点港口``); a railway's second line by its end points (``甲怀二线``).
The sentences are made up; every test failed before this round, except the guards marked as such.
"""

from __future__ import annotations

from geo.scan._find import find_mentions
from geo.scan._names import Dictionary
from tests.scan._rules import statuses as _found


def _names(text: str, dictionary: Dictionary) -> dict[str, tuple[str, str]]:
    """Name as written -> (kind, sub-kind) for every feature of ``text``."""
    return {m.name: (m.kind, m.sub) for m in find_mentions(text, dictionary)}


def test_parks_squares_and_rides_named_by_a_short_stem(dictionary: Dictionary) -> None:
    found = _found("目前已建成东河公园、西岭公园和白鹭池公园等景区。", dictionary)
    assert found == {"东河公园": "existing", "西岭公园": "existing", "白鹭池公园": "existing"}
    found = _found("这几年建成甲乙玻璃观光索道、甲部森林小火车、乙湖湿地、丙丁欢乐谷和北岭文化广场。", dictionary)
    assert set(found) == {"甲乙玻璃观光索道", "甲部森林小火车", "乙湖湿地", "丙丁欢乐谷", "北岭文化广场"}
    assert set(found.values()) == {"existing"}
    # guards: a class of parks or clusters is no name
    assert not _names("城市要多建口袋公园和社区公园。", dictionary)
    assert not _names("助推中小企业集聚区发展。", dictionary)


def test_a_bus_hub_and_a_cluster_with_a_bracket_inside(dictionary: Dictionary) -> None:
    found = _names("建成了北城体育馆、北部公交枢纽中心。", dictionary)
    assert found["北部公交枢纽中心"] == ("logistics", "hub")
    found = _names("一是支持北城建设北城快递物流（跨境电商）产业集聚区，推动发展。", dictionary)
    assert "北城快递物流（跨境电商）产业集聚区" in found


def test_stretches_sharing_a_suffix_of_two_classes_of_road(dictionary: Dictionary) -> None:
    text = "同时要启动甲城至乙城、甲城至丙城、丙城至丁城、丁城至戊城城市干道或快速通道建设，推动发展。"
    assert _found(text, dictionary) == {
        "甲城至乙城": "start_construction", "甲城至丙城": "start_construction", "丙城至丁城": "start_construction",
        "丁城至戊城城市干道或快速通道": "start_construction"}
    # guard (held before): one class of road after a stretch
    assert _found("启动北山至南岭快速通道建设。", dictionary) == {"北山至南岭快速通道": "start_construction"}


def test_works_named_by_a_city_road(dictionary: Dictionary) -> None:
    text = "道路工程　甲乙路北段改造工程一标完成第二层水稳层铺设；丙丁路道路整治项目完成总工程量的85%。"
    assert _found(text, dictionary) == {"甲乙路北段改造工程": "under_construction",
                                        "丙丁路道路整治项目": "under_construction"}
    found = _names("戊己路污水泵站项目完成总工程量的80%；庚辛路污水泵站完成90%。", dictionary)
    assert found["戊己路污水泵站项目"] == ("project", "water_works")
    assert found["庚辛路污水泵站"] == ("project", "water_works")
    assert "郭东路升级改造工程" in _names("在北山镇郭东路升级改造工程现场，施工人员正在铺设水稳层。", dictionary)
    # guards: a kind of road or a verb's object before the works is no road's name
    assert not _names("加快农村公路改造工程，先修路改造工程。", dictionary)


def test_a_road_said_to_open_with_its_date(dictionary: Dictionary) -> None:
    assert "甲乙路" in _names("正在试通车的甲乙路将于8月初正式通车。", dictionary)


def test_a_street_listed_after_a_road(dictionary: Dictionary) -> None:
    found = _names("这次改造涉及交通路、人民路和东街的道路改造，工程总造价约880万元。", dictionary)
    assert found["东街"] == ("corridor", "connector_road")
    # guard: a class of street is none
    assert "老街" not in _names("整治交通路和老街的环境。", dictionary)


def test_a_headline_that_is_a_works_name_and_its_state(dictionary: Dictionary) -> None:
    text = "# title: 市委周边道路及绿化改造工程完工\n近日，市委周边道路及绿化改造工程全面完工。"
    assert _found(text, dictionary)["市委周边道路及绿化改造工程"] == "existing"
    # guard: a headline counting works names none
    assert not _names("# title: 我市多个交通重点工程完工投用\n正文。", dictionary)


def test_a_routed_road_after_its_township_and_a_road_by_its_grade(dictionary: Dictionary) -> None:
    found = _names("北山区古南街道景观大道—王家坡—蛤蟆岩农村公路的施工现场。", dictionary)
    assert "景观大道—王家坡—蛤蟆岩农村公路" in found
    assert "甲家坝至官河段三级公路" in _names("其中，甲家坝至官河段三级公路建设已经纳入规划。", dictionary)
    # guard: a grade alone is a class of road
    assert not _names("改造三级公路。", dictionary)


def test_an_avenue_named_by_its_use_and_a_lines_capacity_works(dictionary: Dictionary) -> None:
    assert _names("宽12米的北岭工业大道。", dictionary)["北岭工业大道"] == ("corridor", "connector_road")
    found = _found("此外，我市正在推动渝黔扩能、渝长扩能等项目前期工作。", dictionary)
    assert found == {"渝黔扩能": "preliminary_work", "渝长扩能": "preliminary_work"}
    # guards: no line's end points before the works, or a count of projects before them
    assert not _names("这次扩能改造后，铁路扩能。", dictionary)
    assert not _names("促进甲乙粮业、丙丁管业二期等28个项目扩能达产。", dictionary)


def test_a_firms_project_in_a_counted_list_and_a_trade_city_of_the_prefecture(dictionary: Dictionary) -> None:
    text = "支持綦江茶业集团有限公司綦江茶业集团冷链仓储提质改造项目等9个项目建设，共支持资金2300万元。"
    assert set(_names(text, dictionary)) == {"綦江茶业集团冷链仓储提质改造项目"}
    text = "目前，绿色农产品交易中心已开业运行，遵义国际汽车城项目已启动。"
    assert _names(text, dictionary)["遵义国际汽车城"] == ("logistics", "market")
    # guard: a trade city with no place is a class
    assert not _names("这是一座汽车城。", dictionary)


def test_a_list_closed_by_a_ranked_class(dictionary: Dictionary) -> None:
    text = "以及甲川乙沱、丙县丁生等重点港口建设前期工作，力求这些项目下一年开工。"
    assert _found(text, dictionary) == {"甲川乙沱": "preliminary_work", "丙县丁生": "preliminary_work"}
    # guard: generic items of a ranked list are none
    assert not _names("推进交通、水利等重点项目建设。", dictionary)


def test_a_railways_second_line_by_its_end_points(dictionary: Dictionary) -> None:
    found = _names("加速推进在建的渝黔、甲怀二线、黔张常和枢纽东环线。", dictionary)
    assert found["甲怀二线"] == ("corridor", "railway")
    # guards: the line before it is another line, not a second line; a verb's object is none
    assert "渝黔" not in found
    assert not _names("沿既有线增建二线、增设车站。", dictionary)
