"""Scanner rules of recall round 2 (finding names in documents never seen), each on a made-up text.

Every test fails on the scanner before this round.  The names are invented (``甲乙``, ``丙丁`` …)
except where a rule needs a place the dictionary knows (a township's bare name such as ``赶水`` or
``安稳``, a county such as ``綦江``, ``德江``, ``盘州``, or a far county's short name such as ``大兴``).
"""

from __future__ import annotations

from geo.scan._names import Dictionary
from tests.scan._rules import mentions_and_statuses


def _names(text: str, dictionary: Dictionary) -> set[str]:
    return set(mentions_and_statuses(text, dictionary))


def test_a_list_of_items_each_ending_in_project_names_projects(dictionary: Dictionary) -> None:
    text = "一批标杆项目进展明显。年产8万吨甲乙项目、丙丁循环利用项目等重点项目的配套设施正在加速。"
    found = _names(text, dictionary)
    assert {"年产8万吨甲乙项目", "丙丁循环利用项目"} <= found
    found = _names("在建重点项目已全部复工：甲乙荟项目、丙丁佳苑项目、戊己隧道工程。", dictionary)
    assert {"甲乙荟项目", "丙丁佳苑项目", "戊己隧道工程"} <= found
    # one item alone, or a generic phrase, names nothing
    assert _names("重点项目、在建项目都在推进。", dictionary) == set()


def test_a_hub_named_by_its_township_is_an_interchange(dictionary: Dictionary) -> None:
    mentions = mentions_and_statuses("从赶水枢纽(接甲乙高速)到安稳北枢纽，全长15公里。", dictionary)
    assert {"赶水枢纽", "安稳北枢纽"} <= set(mentions)
    assert mentions["赶水枢纽"][0].sub == "interchange"
    assert "综合交通物流枢纽" not in _names("甲乙综合交通物流枢纽将成型。", dictionary)


def test_city_roads_named_by_two_characters_or_a_direction(dictionary: Dictionary) -> None:
    found = _names("复工的有：甲乙荟项目、丙丁路东段一期。终点与戊己路形成立交，建成后将与庚辛北路贯通。", dictionary)
    assert {"丙丁路东段一期", "戊己路", "庚辛北路"} <= found
    # a kind of road, or a direction that ends a place's name, is no road
    assert not {n for n in _names("修建农村公路、乡村道路，比云南路南石林更远。", dictionary) if n.endswith("路")}


def test_the_stops_of_a_course_up_to_its_next_point(dictionary: Dictionary) -> None:
    text = "甲乙高速起于某区，穿过丙丁山到綦江戊己，再经大兴、庚辛、壬癸到綦江赶水，经安稳到终点打通镇子丑，止于寅卯。"
    found = _names(text, dictionary)
    # ``到`` closes a course list; a far county's short name (大兴) is a stop of the course; the stop
    # after a county or a township is one too
    assert {"大兴", "庚辛", "壬癸", "戊己", "赶水", "子丑"} <= found


def test_one_character_rivers_named_by_river_and_new_kinds(dictionary: Dictionary) -> None:
    found = _names("去它的精华所在——甲河两岸的丙丁古道，与长江黄金水道对接。", dictionary)
    assert {"甲河", "丙丁古道", "长江黄金水道"} <= found
    found = _names("甲乙高速开工建设，丙丁、戊己南北延伸线项目有序推进，正在建设的渝黔快铁。", dictionary)
    assert {"戊己南北延伸线", "渝黔快铁"} <= found
    # ``隔河相望`` is no river, a quoted ``黄金水道`` is an epithet, a named line's extension is the line
    assert not {n for n in _names("隔河相望，乌江“黄金水道”全面复航，推进甲乙铁路北延伸线建设。", dictionary)
                if n.endswith(("河", "水道", "延伸线"))}


def test_abbreviated_lines_of_a_list_closed_by_a_count_of_many(dictionary: Dictionary) -> None:
    found = _names("甲乙高速全部建成后，将串联起丙丁、戊己、庚辛等多条高速，进一步优化。", dictionary)
    assert {"丙丁", "戊己", "庚辛"} <= found
    # ``19个的遵义机场`` counts no list
    assert "遵义机场" in _names("陆续通车的各条高速公路、通航城市已达19个的遵义机场。", dictionary)


def test_end_point_pairs_closed_by_provincial_corridors(dictionary: Dictionary) -> None:
    text = "高速公路建设快马加鞭，綦江安稳至习水温水等3条省际通道前期工作全面铺开。"
    assert "綦江安稳至习水温水" in _names(text, dictionary)


def test_county_led_items_share_the_suffix_of_a_county_led_stem(dictionary: Dictionary) -> None:
    assert {"綦江甲乙", "黔北德江"} <= _names("綦江甲乙、黔北德江、盘州丙丁机场项目进展顺利。", dictionary)


def test_a_source_a_join_an_alias_or_a_verb_is_no_part_of_a_name(dictionary: Dictionary) -> None:
    found = _names("据甲乙水库项目办介绍，接丙丁高速戊己互通，以下简称庚辛高速，结合壬癸高速公路建设。", dictionary)
    assert {"甲乙水库", "丙丁高速", "庚辛高速", "壬癸高速公路"} <= found
    for text in ("主线及跨铁路部分完成。", "隧道开挖后还要做隧道衬砌。", "将大大减轻铁路运输压力。",
                 "就川渝黔三省市间高速公路而言。", "将来有望推出大环线和小环线的旅游套票。"):
        assert _names(text, dictionary) == set(), text


def test_classes_of_cargo_traffic_and_trips_are_no_names(dictionary: Dictionary) -> None:
    for text in ("将成为最大的散货码头。", "建设联运枢纽港。", "新改建普通国道300公里。", "新一轮高速公路规划出台。",
                 "实现县县通高速。", "行政村通客车。", "并设枢纽兼下道立交。", "打造区内、区外两条旅游环线。",
                 "12月22日游川东千年古镇。", "陆续通车的各条高速公路。"):
        assert _names(text, dictionary) == set(), text


def test_a_network_a_person_or_getting_on_a_road_is_no_road(dictionary: Dictionary) -> None:
    for text in ("2024年贵州高速公路建设成效显著。", "前些年送弟弟去成都上大学。", "出发后就能上高速。",
                 "计划2024年10月下河截流。"):
        assert _names(text, dictionary) == set(), text


def test_a_verb_ending_in_a_joiner_makes_no_list(dictionary: Dictionary) -> None:
    # ``涉及`` holds ``及``: the words before it share no suffix
    found = _names("这一规划共涉及甲乙山、赶水、安稳等3个乡镇。", dictionary)
    assert "共涉" not in found and "甲乙山" in found


def test_a_route_chain_ends_at_its_clause(dictionary: Dictionary) -> None:
    found = _names("徒步线路：甲乙古驿道-丙丁垭口-戊己街，全程12公里左右。", dictionary)
    assert "戊己街" in found and "徒步线路" not in found


def test_a_horizontal_bar_separates_the_stops_of_a_course(dictionary: Dictionary) -> None:
    # ``―`` (U+2015) is written for ``—`` in some pages: ``走向为甲乙坡―丙丁―珞璜``
    text = "速度目标值160公里/小时，走向为甲乙坡―丙丁―珞璜，与东环线相连。"
    assert {"甲乙坡", "丙丁", "珞璜"} <= _names(text, dictionary)


def test_a_bare_township_after_a_joiner_and_before_a_verb(dictionary: Dictionary) -> None:
    # ``与赶水加快…``: the last item of a pair of places, followed by its verb
    assert "赶水" in _names("推动甲乙新城与赶水加快集中连片发展。", dictionary)
