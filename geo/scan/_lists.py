"""Private: names that planning and news prose writes with no suffix, read from the list or course around them.

- **project lists**: ``完工投产A、B等20个项目`` — phrase-named works, vouched by a place among them;
- **course places**: ``始于X站，经A、B，止于Y站`` (stations), ``经江津A、夏坝，`` (a course list vouched by
  a known place), ``线路走向为A—B—C`` (unknown stops), ``起于与重庆交界的A，`` (a bare end point);
- **sibling sights**: ``金山寺、白鹤林等人文景观`` — bare sights beside a named one.

Each item keeps the span as written as its name (a county name before a course item is dropped).
"""

from __future__ import annotations

import re

from geo.scan._counted_places import PLACE_COUNT
from geo.scan._grammar import context_mode
from geo.scan._lexicon import DASHES, FRAGMENTS, GENERIC_STEMS, QUANTITY_INSIDE, STOP_WORDS, SUFFIXES
from geo.scan._names import Entry
from geo.scan._text import DASH, ITEM, SPLIT_VIA, Mention, TextIndex, generic, list_zone_start, via

#: The close of a list of projects: ``等20个项目``, ``等13个在建项目``, ``等项目``.
_PROJECT_COUNT = re.compile(r"等(?:[0-9０-９]+|[一二三四五六七八九十两]+)?个?[\u4e00-\u9fff]{0,3}?项目")
_PLACE_KINDS = ("county", "township", "place")
_WORD_START = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]")
#: Stop words that a project's phrase may hold (``硅及碳化硅部件``, ``德国城产业项目``).
_IN_PROJECT = ("和", "与", "及", "的", "项目", "产业", "发展", "建设", "改造", "升级", "提升", "提质")
#: A firm's name before its project (``甲乙集团有限公司甲乙冷链仓储改造项目``: round 10): the firm is not the work.
_FIRM = re.compile(r"(?:有限责任公司|有限公司|公司)(?=[\u4e00-\u9fff]{6,}$)")


def project_lists(doc: TextIndex, known: dict[str, tuple[Entry, ...]]) -> list[Mention]:
    """Projects named by a phrase in a list closed by ``等N个项目`` (``完工投产A、B等20个项目``).

    Planning prose names works by what they are (``长安汽车渝北工厂置换及绿色智能升级``), with no
    suffix a finder could read; the list's close says they are projects.  The items of the clause
    before it (split at ``、``; the first starts after the verbs before it) are taken when each is a
    phrase of 4-30 characters and one of them names a place the dictionary knows (``渝北``,
    ``大渡口``) or is an end-point pair (``贵阳至平塘``: a corridor).  Items that end in a suffix of
    their own are left to the suffix finder.
    """
    text = doc.text
    out: list[Mention] = []
    for close in _PROJECT_COUNT.finditer(text):
        zone_end = close.start()
        zone_start = list_zone_start(text, zone_end, 160)
        items: list[tuple[int, str]] = []
        pos = zone_start
        for index, part in enumerate(text[zone_start:zone_end].split("、")):
            # the first item starts after the verbs before it; a joiner or ``项目`` inside it is its own
            begin = doc.stop_before(pos, pos + len(part), _IN_PROJECT) if index == 0 else pos
            firm = max((m.end() for m in _FIRM.finditer(part)), default=0)
            begin = max(begin, pos + firm)
            items.append((begin, text[begin:pos + len(part)]))
            pos += len(part) + 1
        if not all(4 <= len(item) <= 30 and _WORD_START.match(item) and item not in FRAGMENTS
                   and item not in GENERIC_STEMS for _, item in items):
            continue
        named = [bool(SPLIT_VIA.search(item)) or any(any(e.kind in _PLACE_KINDS for e in entries)
                                                      for name, entries in known.items() if name in item)
                 for _, item in items]
        if not any(named):
            continue
        for begin, item in items:
            if any(item.endswith(w) for w in SUFFIXES):
                continue

            if SPLIT_VIA.search(item) and ITEM.match(item):
                out.append(Mention(begin, begin + len(item), item, "corridor", context_mode(text, begin), "list",
                                   via=via(item)))
            else:
                out.append(Mention(begin, begin + len(item), item, "project", "", "list"))
    return out


#: A course word before a list of places (``途经A、B``, ``经过A、B``, ``经A、B``), not ``经济``/``经开区``/``经研究``.
_COURSE = re.compile(r"(?:途经|经过|经)(?![济开营理验典历常费由研])")
#: Words that close a course list (``…，止于Y站``, ``…，在北渡进入``).
_COURSE_END = ("止于", "至", "到", "进入", "终点", "后")
#: A route's start at a station (``始于重庆站``, ``从重庆站出发``) and its end at one (``止于黔江站``).
_STATION_START = re.compile(r"(?:始于|起于|从)[\u4e00-\u9fff]{1,8}站")
_STATION_END = re.compile(r"^，?(?:止于|至|到)[\u4e00-\u9fff]{1,8}站")
#: An end point stated bare: ``起于与重庆交界的下坪，``, ``止于永川上屋基附近``, ``终点在青山，``.
_END_POINT = re.compile(r"(?:起于|止于|起点在|终点在|起点位于|终点位于)(?:[^，。；\n]{0,12}?的)?"
                        r"([\u4e00-\u9fff]{2,6}?)(?=附近|交界|[，。；\n])")
_PLAIN_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
#: A course's stop after its county or township: ``到璧山七塘，``, ``到江津油溪，``, ``到终点慈云镇刁家，``.
_DESTINATION = re.compile(r"(?:到|至|抵达)(?:终点)?([\u4e00-\u9fff]{2,3}?(?:镇|乡|街道)?)"
                          r"([\u4e00-\u9fff]{2})(?=[，。；])")
#: A course's stop near which it passes or which it crosses (``在甲家湾附近设互通``, ``穿过乙家梁子到…``).
_NEAR = re.compile(r"(?:在|到|穿过|穿到)([\u4e00-\u9fff]{2,4}?)(?:附近|一带)|穿过([\u4e00-\u9fff]{2,4}?)(?=到)")
#: Every item of a course list is a name of Chinese characters (``乙岭12`` makes no list of places).
_COURSE_ITEM = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
#: A line's course written as a chain: ``线路走向为重庆西—珞璜—綦江—桐梓—遵义``.
_COURSE_CHAIN = re.compile(rf"走向(?:为|是)[：:]?([\u4e00-\u9fff]{{2,6}}(?:[{DASH}][\u4e00-\u9fff]{{2,6}})+)")
#: Last characters that make a side or a part of a place, not a place (``城区南侧``, ``镇区外围``).
_SIDES = "侧边面旁部内外围界"  # ``起于川渝省界``: a border, not a place


def _place_item(doc: TextIndex, known: dict[str, tuple[Entry, ...]], begin: int, end: int,
                first: bool = True) -> tuple[int, str]:
    """A course item without the verbs or the county name before it (``我区圣泉`` -> 圣泉, ``江津小岚垭`` -> 小岚垭).

    Only the first item of a list is cut at a stop word: a later one holding a stop word is a phrase
    (``蓉遵高速的走法相比``), not a place.
    """
    text = doc.text
    begin = doc.stop_before(begin, end) if first else begin
    item = text[begin:end]
    for n in range(min(len(item) - 2, 5), 1, -1):
        if any(e.kind == "county" for e in known.get(item[:n], ())):
            return begin + n, item[n:]
    return begin, item


def _elsewhere(item: str, known: dict[str, tuple[Entry, ...]]) -> bool:
    """Whether ``item`` is known only as the short name of a county outside the area (``大兴``, ``来凤``)."""
    entries = known.get(item, ())
    return bool(entries) and all(e.kind == "county" and e.bare and not e.in_area for e in entries)


def _plain_place(item: str, known: dict[str, tuple[Entry, ...]], course: bool = False) -> bool:
    """A bare 2-4 character name no reader takes by itself (not known, no suffix, no common word).

    In a route's course (``course``), a name known only as a far county's short name (``大兴`` of
    大兴区, ``来凤`` of 来凤县) is a stop of the course all the same.
    """
    return (bool(_PLAIN_PLACE.match(item)) and (item not in known or (course and _elsewhere(item, known)))
            and item not in FRAGMENTS and item[-1] not in _SIDES
            and item not in STOP_WORDS and not generic(item) and not any(item.endswith(w) for w in SUFFIXES))


def course_places(doc: TextIndex, known: dict[str, tuple[Entry, ...]]) -> list[Mention]:
    """Bare places of a route's course that no dictionary holds.

    - a station course: ``始于重庆站，经重庆东、巴南、南川北，止于黔江站`` — the listed items are
      stations (``重庆东``; kind ``place``, sub-kind ``station``, full name ``重庆东站``);
    - a course list vouched by a known place in it: ``经江津小岚垭、夏坝，`` — ``小岚垭`` (its county
      name dropped), ``途经…綦江通惠新城、登瀛、三角镇`` — ``登瀛``;
    - the unknown stops of a course chain: ``线路走向为重庆西—珞璜—綦江`` — ``重庆西``;
    - an end point stated bare: ``起于与重庆交界的下坪，``, ``止于永川上屋基附近`` (not a name the
      dictionary knows as something else: ``终点在青山`` is no 青山区).
    - a stop the course passes near or through: ``在甲家湾附近设互通``, ``穿过乙家梁子到…``.
    """
    text = doc.text
    out: list[Mention] = []
    for found in _COURSE.finditer(text):
        pos = found.end()
        sentence = text[max(0, text.rfind("。", 0, found.start()) + 1):found.start()]
        while True:
            stop = pos
            while stop < len(text) and stop - pos < 60 and text[stop] not in "，。；：\n" and not text.startswith(
                    ("止于", "进入", "等", "到", "后，", "后。"), stop):  # ``经A、B后，``: 后 is no name's
                stop += 1
            parts = text[pos:stop].split("、")
            spans, at = [], pos
            for index, part in enumerate(parts):
                spans.append(_place_item(doc, known, at, at + len(part), index == 0))
                at += len(part) + 1
            after = text[stop:stop + 12]
            if after.startswith("等") or PLACE_COUNT.match(text, stop):
                break  # ``经过A、B等6个乡镇``: a counted list of places, read by :func:`counted_places`
            stations = bool(_STATION_START.search(sentence)) and bool(_STATION_END.match(after))
            vouched = any(item in known or any(item.endswith(w) for w in SUFFIXES) for _, item in spans)
            closed = len(spans) >= 2 or after.lstrip("，").startswith(_COURSE_END)
            if not (closed and (stations or vouched)) or not all(_COURSE_ITEM.match(item) for _, item in spans):
                break
            for begin, item in spans:
                if stations and _PLAIN_PLACE.match(item) and item not in known and not any(
                        item.endswith(w) for w in SUFFIXES):
                    # a county's name as a station (``巴南``) stays the county's: which station it is, is not said
                    # a place, not a logistics feature: placed only where the gazetteer knows the station, never
                    # at the seat of the county its name starts with (``南川北`` of a 黔江 line's course)
                    out.append(Mention(begin, begin + len(item), item, "place", "station", "list", full=item + "站"))
                elif not stations and _plain_place(item, known, course=True):
                    out.append(Mention(begin, begin + len(item), item, "place", "", "list"))
            if stop >= len(text) or text[stop] != "，" or len(spans) < 2:
                break
            pos = stop + 1  # ``经松坎、新站，板桥、蒲场，终点在…``: the course goes on after a comma
    for found in _COURSE_CHAIN.finditer(text):
        # ``线路走向为重庆西—珞璜—綦江—桐梓``: the unknown stops of a line's course (known ones are read already)
        pos = found.start(1)
        for part in re.split(rf"([{DASH}])", found.group(1)):
            if part not in DASHES and _plain_place(part, known):
                out.append(Mention(pos, pos + len(part), part, "place", "", "list"))
            pos += len(part)
    for found in _DESTINATION.finditer(text):
        # ``经龙华到终点慈云镇刁家，``, ``穿过九峰山到璧山七塘，``: a course's stop after its county or township
        sentence = text[max(0, text.rfind("。", 0, found.start()) + 1):found.start()]
        if not (_COURSE.search(sentence) or "起于" in sentence or "穿过" in sentence) or not any(
                e.kind in ("county", "township") for e in known.get(found.group(1), ())):
            continue
        begin, item = found.start(2), found.group(2)
        if _plain_place(item, known, course=True):
            out.append(Mention(begin, begin + 2, item, "place", "", "list"))
        elif (towns := tuple(e for e in known.get(item, ()) if e.kind == "township" and e.bare)):
            out.append(Mention(begin, begin + 2, item, "township", towns[0].sub, "list", towns))
    for found in _NEAR.finditer(text):
        sentence = text[max(0, text.rfind("。", 0, found.start()) + 1):found.start()]
        group = 1 if found.group(1) else 2
        if (_COURSE.search(sentence) or "起于" in sentence or "互通" in text[found.end():found.end() + 6]) and \
                _plain_place(found.group(group), known, course=True):
            out.append(Mention(found.start(group), found.end(group), found.group(group), "place", "", "list"))
    for found in _END_POINT.finditer(text):
        begin, item = _place_item(doc, known, found.start(1), found.end(1))
        if _plain_place(item, known):
            out.append(Mention(begin, begin + len(item), item, "place", "", "list"))
    return out


#: The close of a list of sights or parts of a city: ``等人文景观``, ``等核心文旅资源``, ``等核心板块``.
_SIGHTS = re.compile(r"等(?:[\u4e00-\u9fff]{0,4}?)(?:景点|景观|景色|风光|资源|板块|名胜)")
#: A quoted item of a list of sights, its praise before it (``栩栩如生的“甲乙背”、…的“丙丁山”等景观``).
_QUOTED = re.compile(r"[“\"]([\u4e00-\u9fff]{2,8})[”\"]")
_SIGHT_ITEM = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def sibling_sights(doc: TextIndex, known: dict[str, tuple[Entry, ...]]) -> list[Mention]:
    """Bare sights of a list closed by ``等…景点/景观/文旅资源/板块`` beside a named feature.

    ``金山寺、白鹤林等人文景观``: one item is a feature by its suffix (``金山寺``), so its bare
    sibling (``白鹤林``) is one too; quoted items count as a list (``“象鼻子”“南天门”等天然景点``).
    Items the dictionary or a suffix names are left to those readers.
    """
    text = doc.text
    out: list[Mention] = []
    for close in _SIGHTS.finditer(text):
        zone_end = close.start()
        zone_start = zone_end
        while zone_start > 0 and zone_end - zone_start < 80 and (text[zone_start - 1] not in "，。；：\n"):
            zone_start -= 1
        items: list[tuple[int, str]] = []
        zone = text[zone_start:zone_end]
        if zone.endswith(("”", '"')) and zone.count("、") + 1 == len(quoted_items := list(_QUOTED.finditer(zone))):
            # every item quoted, each after its praise: the quoted names are the items
            zone = ""
            items = [(zone_start + q.start(1), q.group(1)) for q in quoted_items]
        for index, part in enumerate(re.finditer(r"[^、“”]+", zone)):
            begin = zone_start + part.start()
            end = zone_start + part.end()
            if index == 0:
                begin = doc.stop_before(begin, end)
                if (inside := text.rfind("内", begin, end - 2)) >= 0:
                    begin = inside + 1  # ``度假区内白鹤林``: the sight starts after the area it is in
                # ``串起永川茶山竹海``: the first item starts at the county name that leads it
                begin += next((i for i in range(1, end - begin - 2) if any(
                    e.kind == "county" for n in (2, 3) for e in known.get(text[begin + i:begin + i + n], ()))), 0)
                if begin == end:
                    continue  # ``造就了“象鼻子”…``: the words before the quotes are no item
            items.append((begin, text[begin:end]))
        named = [item in known or any(item.endswith(w) for w in SUFFIXES) for _, item in items]
        quoted = text[zone_end - 1:zone_end] in ("”", '"')
        if close.group().endswith("资源") and not any(_sight_suffix(item) for _, item in items):
            continue  # ``煤炭、页岩等资源``: resources are sights only beside a sight
        if len(items) < 2 or not all(_SIGHT_ITEM.match(item) for _, item in items) or not (any(named) or quoted):
            continue
        for (begin, item), own in zip(items, named, strict=True):
            if (not own or _sight_suffix(item)) and item not in FRAGMENTS and item not in STOP_WORDS \
                    and not generic(item):
                out.append(Mention(begin, begin + len(item), item, "project", "tourism_project", "list"))
    return out


def _sight_suffix(item: str) -> bool:
    """Whether ``item`` ends in a sight's suffix after a stem of its own (``骆来山``): a list of sights vouches it.

    The suffix reader may refuse such an item from the words around it (``…山等资源``); in a list of
    sights it is one, unless its stem is generic.
    """
    word = max((w for w in SUFFIXES if item.endswith(w)), key=len, default="")
    stem = item[:len(item) - len(word)]
    return bool(word) and SUFFIXES[word].sub == "tourism_project" and len(stem) >= 2 and not generic(stem)


#: Quantities inside a headline's phrase (``我市多个交通重点工程``): a class of works, not one.
_QUANTITY = re.compile(QUANTITY_INSIDE)
#: A count before a project (``4个新开工…项目``): a class of projects, not one.
_COUNTED = re.compile(r"[0-9０-９一二三四五六七八九十两几多]+个")
#: An item of a list of projects that each end in ``项目`` (``新城荟项目、滨德佳苑项目``).
_PROJECT_ITEM = re.compile(r"[^、，。；：:！？\n“”《》（）()]{2,24}?项目")
#: A hub named by its township (``油溪枢纽``, ``慈云北枢纽``): not a hub of a kind (``综合交通枢纽``).
_HUB = re.compile(r"([\u4e00-\u9fff]{2,3}?)([东西南北]?)枢纽(?![港站纽])")
#: A city road named by two characters, said by its part or its junction (``德滨路东段一期``,
#: ``与清栖路形成立交``): after a break or a joiner, before a section, a phase, a junction or a list mark;
#: after ``的``, a road said to open, when or how (``…的甲乙路将于8月正式通车``: round 10).
_ROAD = re.compile(r"(?<=[、，。；：与和及接至到于\n])([\u4e00-\u9fff]{2})路((?:[东西南北]段)?(?:[一二三四]期)?)"
                   r"(?=[、，。；]|形成立交|贯通|相接|相连|交叉|[东西南北]段|[一二三四]期)"
                   # ``…里的甲乙路将全面通车``: after ``的``, a road said to open
                   r"|(?<=的)([\u4e00-\u9fff]{2})路()(?=将?(?:于[^，。；\n]{1,8}?)?(?:正式|全面|全线|建成)?通车)")
#: A street of one or two characters listed after a road (``交通路、滨江路和北街``: round 10): a street too.
_STREET = re.compile(r"(?<=路[、和及与])([\u4e00-\u9fff]{1,2})街(?=[、，。；和及与的])")
_NO_STREET = frozenset({"老", "大", "小", "古", "新", "一", "两", "步行", "商业", "美食", "特色", "风情", "小吃"})
#: Last characters of a two-character stem that make ``…路`` a kind of road, not a name (``公路``, ``道路``).
ROAD_NOT_LAST = "公铁道线网思出进水陆一之前后上下新老大小这那该此其各修建筑铺开"  # ``先修路``: a verb
#: First characters of a two-character stem that make it a joiner and a word (``与马路相连``: 马路 is a street).
ROAD_NOT_FIRST = "与和及接至到于的在过走"


def project_items(doc: TextIndex, known: dict[str, tuple[Entry, ...]]) -> list[Mention]:
    """Projects of a list whose items each end in ``项目`` (``年产50万吨再生铜项目、铝合金循环利用项目``).

    Two or more adjacent ``、`` items ending in ``项目`` say each is one project, named by the phrase
    before ``项目`` (the first starts after the verbs before it); a generic phrase (``重点项目``,
    ``在建项目``) or a quantity is none.
    """
    text = doc.text
    out: list[Mention] = []
    pos = 0
    while (found := _PROJECT_ITEM.search(text, pos)) is not None:
        run = [found]
        while (after := run[-1].end()) < len(text) and text[after] == "、" and (
                nxt := _PROJECT_ITEM.match(text, after + 1)) is not None:
            run.append(nxt)
        pos = run[-1].end()
        if len(run) < 2:
            continue
        for index, item in enumerate(run):
            begin = doc.stop_before(item.start(), item.end() - 2, _IN_PROJECT) if index == 0 else item.start()
            stem = text[begin:item.end() - 2]
            if (len(stem) < 2 or not _WORD_START.match(stem) or stem in FRAGMENTS or generic(stem)
                    or _COUNTED.match(stem) or stem in STOP_WORDS
                    or stem.endswith(("重点", "在建", "新建", "续建", "建设", "储备"))):
                continue
            out.append(Mention(begin, item.end(), text[begin:item.end()], "project", "", "list"))
    return out


def named_hubs_and_roads(doc: TextIndex, known: dict[str, tuple[Entry, ...]]) -> list[Mention]:
    """Hubs named by their township (``油溪枢纽``) and city roads named by two characters (``清栖路``).

    ``…枢纽`` alone is a class (``综合交通物流枢纽``); before it, a township's bare name the dictionary
    knows (with a direction, ``慈云北``) names one interchange.  ``…路`` is a road's name only where the
    prose says so: a section, a phase, a junction, or a list mark after it, a break or a joiner before it.
    A street (``…街``) listed after a road is a street (``甲乙路和北街``).
    """
    text = doc.text
    out: list[Mention] = []
    for found in _HUB.finditer(text):
        place = found.group(1)
        if place[1:] in known and len(place) == 3:
            place = place[1:]
        if any(e.kind == "township" and e.bare for e in known.get(place, ())):
            begin = found.end(1) - len(place)
            out.append(Mention(begin, found.end(), text[begin:found.end()], "place", "interchange", "list"))
    for found in _ROAD.finditer(text):
        stem = found.group(1) or found.group(3)
        if (stem[-1] in ROAD_NOT_LAST or stem[0] in ROAD_NOT_FIRST or stem in FRAGMENTS or generic(stem)
                or stem in STOP_WORDS):
            continue
        out.append(Mention(found.start(), found.end(), found.group(), "corridor", "connector_road", "list"))
    for found in _STREET.finditer(text):
        # a direction names a street (``北街``); a class of street does not (``老街``, ``步行街``)
        if found.group(1) not in FRAGMENTS and found.group(1) not in STOP_WORDS and found.group(1) not in _NO_STREET:
            out.append(Mention(found.start(), found.end(), found.group(), "corridor", "connector_road", "list"))
    return out


#: A work heading its own paragraph, its progress after the colon (``甲乙改造工程：C匝道桩基已全部完成``).
_HEADED_WORK = re.compile(r"(?m)^[ \t\u3000]*([\u4e00-\u9fffA-Za-z0-9·]{2,30}?(?:工程|项目))[：:]"
                          r"(?=[^\n]{0,40}?(?:完成|完工|正在|已|开挖|施工|进场))")


#: A headline that is a work's name and its state (``甲乙大道及环境改造工程完工``: round 10), the line's whole text.
_TITLED_WORK = re.compile(r"(?m)^(?:# title: )?([\u4e00-\u9fff]{4,30}?(?:工程|项目))"
                          r"(?:全面|顺利|正式|全线)?(?:完工|竣工|开工|通车|投用|启动|建成)$")


def headed_works(doc: TextIndex) -> list[Mention]:
    """Works that head a paragraph of a progress report (``无碱玻纤项目：项目场平已完成``).

    A bulletin of works names each by a phrase ending in ``工程``/``项目`` (a firm's move, a road's
    rebuilding, a factory), with no suffix a finder could read; the colon and the progress after it on
    the same line say it is one work.  So does a headline that is nothing but a work's name and its state
    (``甲乙大道及环境改造工程完工``).  A generic phrase (``重点项目``) or a quantity (``多个…工程``) is none.
    """
    text = doc.text
    out: list[Mention] = []
    for found in [*_HEADED_WORK.finditer(text), *_TITLED_WORK.finditer(text)]:
        name = found.group(1)
        stem = name[:-2]
        if (len(stem) < 2 or stem in FRAGMENTS or generic(stem) or stem in STOP_WORDS or _COUNTED.match(stem)
                or _QUANTITY.search(stem) or stem.endswith(("重点", "在建", "新建", "续建", "建设", "储备"))):
            continue
        out.append(Mention(found.start(1), found.end(1), name, "project", "", "list"))
    return out
