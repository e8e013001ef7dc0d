"""Scanner rules of the recall round (finding more named features), each on a made-up text.

Every test fails on the scanner before this round.  The names are invented (``甲乙``, ``丙丁`` …)
except where a rule needs a place the dictionary knows (a county such as ``渝北`` or ``江津``, a
township's bare name such as ``赶水`` or ``马鬃``).
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import mentions_and_statuses


def _names(text: str, dictionary: Dictionary) -> set[str]:
    return set(mentions_and_statuses(text, dictionary))


def test_feature_types_that_were_missing_from_the_suffixes(dictionary: Dictionary) -> None:
    found = _names("加快建设甲乙支线、丙丁陈列馆、戊己科技园、庚辛风景名胜区和壬癸老街。", dictionary)
    assert {"甲乙支线", "丙丁陈列馆", "戊己科技园", "庚辛风景名胜区", "壬癸老街"} <= found
    found = _names("完成了甲乙兵工厂、丙丁机械厂和戊己铁矿的移交，庚辛、壬癸煤矿成功破产。", dictionary)
    assert {"甲乙兵工厂", "丙丁机械厂", "戊己铁矿", "壬癸煤矿", "庚辛"} <= found
    # ``国高`` is a national expressway: its section and works stay in its name
    assert "甲乙国高丙丁至戊己段扩容工程" in _names("把甲乙国高丙丁至戊己段扩容工程打捆实施。", dictionary)
    # a branch line takes its mode from the corridor words before it
    mentions = mentions_and_statuses("甲乙高速公路通车，其中一段为丙丁支线。", dictionary)
    assert mentions["丙丁支线"][0].sub == "expressway"


def test_verbs_of_completion_assurance_and_reach_end_a_name(dictionary: Dictionary) -> None:
    found = _names("确保甲乙数字经济产业园研发创新中心、丙丁会展中心等建成投用。", dictionary)
    assert {"甲乙数字经济产业园研发创新中心", "丙丁会展中心"} <= found
    assert _names("继甲乙高速建成通车以后，离丙丁经开区不远。", dictionary) == {"甲乙高速", "丙丁经开区"}


def test_road_standards_organisations_dates_and_the_whole_country_are_no_names(dictionary: Dictionary) -> None:
    for text in ("按双向四车道高速公路标准建设。", "是为改造老线而新修的双线铁路。", "记者从中国铁路成都局获悉。",
                 "6月15日零时起全国铁路实行新的运行图。", "施工期间铁路货运不受影响。", "具备铁路货物运输条件。",
                 "甲乙铁路投资集团铁路运营指挥部说。", "平均站间距缩短到4公里。", "完成首次线路拨接。",
                 "整个港口都在城内。", "连接国家级著名旅游景区。", "重庆高速公路、水运建设迎来开门红。"):
        assert _names(text, dictionary) == set(), text


def test_two_line_ends_before_a_corridor_suffix_name_a_line(dictionary: Dictionary) -> None:
    assert "成渝铁路改造" in _names("圆满完成成渝铁路改造的拨接。", dictionary)
    assert "成渝铁路" in _names("在成渝铁路栏杆滩站处接轨。", dictionary)
    assert _names("推动成渝地区双城经济圈建设。", dictionary) == set()


def test_an_ordinal_or_an_organisation_before_a_name_is_not_the_names(dictionary: Dictionary) -> None:
    assert "甲乙河至丙丁高速公路" in _names("是高速公路网规划第4纵甲乙河至丙丁高速公路的一段。", dictionary)
    assert "丙丁服务区" in _names("甲乙服务管理有限公司丙丁服务区经理介绍。", dictionary)
    assert _names("长江入渝的第一站就是这里。", dictionary) == {"长江"}


def test_a_joiner_inside_a_two_character_stem_is_the_names_own(dictionary: Dictionary) -> None:
    assert {"共和大桥", "甲乙大桥"} <= _names("加快推进共和大桥、甲乙大桥建设项目。", dictionary)
    # after a feature's suffix a joiner still joins two features
    assert not any("和" in name for name in _names("甲乙高速设服务区和收费站。", dictionary))


def test_phrase_named_projects_of_a_counted_list(dictionary: Dictionary) -> None:
    text = "完工投产甲乙汽车渝北工厂置换及绿色升级、丙丁硅及碳化硅部件等20个项目，推动产业补链。"
    assert {"甲乙汽车渝北工厂置换及绿色升级", "丙丁硅及碳化硅部件"} <= _names(text, dictionary)
    # an end-point pair alone before a count of projects is a corridor
    mentions = mentions_and_statuses("将加快甲乙至丙丁等13个在建项目、共500公里高速公路的建设。", dictionary)
    assert mentions["甲乙至丙丁"][0].kind == "corridor"
    # a list naming no place is a list of topics, not of works
    assert _names("推进教育提升、医疗服务等12个项目。", dictionary) == set()


def test_a_line_named_by_its_number(dictionary: Dictionary) -> None:
    found = _names("甲乙铁路建成投运，15号线、27号线等项目加快施工，加快建设3号线。", dictionary)
    assert {"15号线", "27号线", "3号线"} <= found
    assert _names("坐公交1号线到站。", dictionary) == set()


def test_end_point_neighbours_of_a_coded_road(dictionary: Dictionary) -> None:
    found = _names("加快推进S306甲乙至丙丁、丙丁至戊己段建设，开工建设S208庚辛至壬癸、子丑至寅卯等二级公路。",
                   dictionary)
    assert {"S306甲乙至丙丁", "丙丁至戊己段", "S208庚辛至壬癸", "子丑至寅卯"} <= found


def test_bare_places_of_a_routes_course(dictionary: Dictionary) -> None:
    found = _names("加宽项目起于甲乙互通，向东经通惠至丙丁河互通，再过赶水后进入贵州。", dictionary)
    assert {"通惠", "丙丁河互通", "赶水"} <= found
    # an ethnic township's bare name (马鬃 of 马鬃苗族乡)
    assert "马鬃" in _names("经松坎、新站、马鬃、茅石，终点在甲乙枢纽互通。", dictionary)
    # a course word alone does not make a place of a common word
    assert _names("经研究办理，现答复如下。经济社会发展稳中有进。", dictionary) == set()


def test_station_lists_course_lists_and_end_points(dictionary: Dictionary) -> None:
    mentions = mentions_and_statuses("线路始于甲乙站，经丙丁东、戊己北，止于庚辛站；全长90公里。", dictionary)
    assert mentions["丙丁东"][0].full_name == "丙丁东站" and mentions["戊己北"][0].kind == "place"
    assert "丙丁垭" in _names("从甲乙站出发，经江津丙丁垭、夏坝，进入綦江。", dictionary)
    assert "甲乙坪" in _names("项目起于与重庆交界的甲乙坪，与丙丁高速顺接。", dictionary)
    assert "甲乙西" in _names("线路走向为甲乙西—珞璜—綦江，全长345公里。", dictionary)
    # a side of a place, or a phrase after a course word, is no place
    assert _names("止于綦江城区南侧，与国道相连。", dictionary) == set()


def test_quoted_epithets_are_no_features(dictionary: Dictionary) -> None:
    assert _names("甲乙湖被称为“丙丁西湖”。", dictionary) == {"甲乙湖"}
    assert _names("让有“世界桥梁博物馆”之称的贵州又添一桥。", dictionary) == set()
    assert _names("获得“甲乙文化景区”“丙丁文化古镇”等称号。", dictionary) == set()


def test_one_character_rivers(dictionary: Dictionary) -> None:
    found = mentions_and_statuses("而长江入渝的第一站就是这里，沿长江逆流而上。乌江是一条大河。", dictionary)
    assert [m.name for m, _ in found.values()] == ["长江", "乌江"]
    assert _names("沿江开发，通江达海，两江新区，在浙江省。", dictionary) == {"两江新区"}


def test_route_chains_under_a_route_label(dictionary: Dictionary) -> None:
    mentions = mentions_and_statuses("打卡路线：甲乙/丙丁—戊己汽车站—庚辛谷—壬癸老街", dictionary)
    route = "甲乙/丙丁—戊己汽车站—庚辛谷—壬癸老街"
    assert mentions[route][0].kind == "tourism_route"
    stops = {m.name: m.seq for m, _ in mentions.values() if m.kind == "tourism_stop"}
    assert stops == {"甲乙": 1, "丙丁": 1, "戊己汽车站": 2, "庚辛谷": 3, "壬癸老街": 4}
    found = _names("打卡路线建议：主城→甲乙版画院→丙丁古镇→返程。", dictionary)
    assert "甲乙版画院" in found and "返程" not in found


def test_bare_sights_beside_a_named_feature_in_a_list_of_sights(dictionary: Dictionary) -> None:
    assert "丙丁林" in _names("景区内有甲乙寺、丙丁林等人文景观。", dictionary)
    assert {"甲乙子", "丙丁门"} <= _names("造就了“甲乙子”“丙丁门”“戊己山”等天然景点。", dictionary)
    assert "永川甲乙竹海" in _names("这条路串起永川甲乙竹海、丙丁陈列馆等核心文旅资源。", dictionary)
    # without a named feature among them, bare items are no sights
    assert _names("保护利用好高山、湖泊等资源，挖掘甲乙、丙丁等景点。", dictionary) == set()


def test_a_quantity_or_a_fragment_is_no_item_of_a_counted_list(dictionary: Dictionary) -> None:
    found = _names("改善提升26个3A级及以上景区、29个农业园区和30个乡镇的对外连接公路。", dictionary)
    assert not any(name.startswith(("26个", "以上")) for name in found), found


def test_numbered_county_roads_gateways_water_parks_and_peninsulas(dictionary: Dictionary) -> None:
    found = _names("位置：甲乙县丙丁镇380县道。- 丙丁牌楼：古镇的标志。"
                   "湖上的“戊己水世界”投用，增设车站、庚辛半岛截弯取直。", dictionary)
    assert {"380县道", "丙丁牌楼", "戊己水世界", "庚辛半岛"} <= found
    assert _names("农村县道和乡道全部硬化。", dictionary) == set()


def test_a_county_name_before_a_generic_class_of_site_names_one(dictionary: Dictionary) -> None:
    assert "綦江国家地质公园" in _names("古剑山、綦江国家地质公园等在旅游业里占有一席之地。", dictionary)
    assert _names("推进国家地质公园建设。", dictionary) == set()
