"""Private: the list and route grammar of Chinese planning prose.

- **shared suffix**: ``篆塘—坭坝、丁山—寨坝快速路`` (routed items), ``播州、赤水和正安通用机场``
  (short items that are known places), ``已建成的正习、G75兰海高速`` (short road names);
- **counted lists**: ``规划渝黔、泸遵怀两条高速铁路``, ``正习、遵余…等9条高速公路``: every item before
  the count shares the suffix after it; a count with no item (``10多条高速公路``) names nothing;
- **routed neighbours**: ``S104通惠至三角、白云观至石角、东溪高速路口至东溪新区等3个项目`` — ``A至B``
  items beside a road in one list are roads too;
- **route chains**: ``…环线：A—B—C`` — the stops of a tourism route, in order;
- **bracketed routes**: ``遵义至石阡（新蒲-湄潭-石阡）`` — a corridor with the places it runs through;
- **road codes**: ``G212线``, ``S104通惠至三角``, ``Y047卷龙桥至小河路面改善提升工程``.

Each item keeps the span as written as its name; ``full`` adds the shared suffix for matching.
"""

from __future__ import annotations

import bisect
import re

from geo.scan._lexicon import (
    BREAKS,
    DASHES,
    FRAGMENTS,
    GENERIC_STEMS,
    QUANTITY_INSIDE,
    STOP_WORDS,
    SUFFIXES,
    Suffix,
)
from geo.scan._names import Entry
from geo.scan._text import DASH, ITEM, SPLIT_VIA, Mention, TextIndex, generic, left_edge, via

#: A count before a suffix: ``两条``, ``8条``, ``9條``, ``10多条``, ``等3个``, with up to 3 qualifying characters.
COUNT = re.compile(r"(?:等)?[两二三四五六七八九十百\d]+多?[条條个個座处處项項家所]([\u4e00-\u9fff]{0,3})$")
_SEPARATORS = "、和及与"
_QUANTITY_WORD = re.compile(QUANTITY_INSIDE)
_ROUTE_LABEL = re.compile(r"([^\s，。；：:、]{2,20}(?:线路|环线|精品线|旅游线|路线))(?:建议|推荐)?[：:]")
#: Labels that name no route of their own (``打卡路线``, ``推荐游览路线``): the route is named by its chain.
_GENERIC_ROUTE = re.compile(r"^(?:打卡|推荐|游览|旅游|自驾|经典|精华|参考|建议|[一二三四五六七八九十两\d]+日游?)*"
                            r"(?:路线|线路)$")
#: A trip's own ends in a chain, not stops (``主城→…→返程``).
_TRIP_ENDS = frozenset({"返程", "回程", "返回", "出发", "结束", "到达"})
_BRACKET_ROUTE = re.compile(
    rf"(?:(?<=[：:、，。；\n])|^)([\u4e00-\u9fff]{{2,8}})[（(]([\u4e00-\u9fff]{{2,5}}(?:[{DASH}][\u4e00-\u9fff]{{2,5}})+)"
    r"[^）)\n]{0,4}[）)]?", re.MULTILINE)
_ROAD_CODE = re.compile(r"(?<![A-Za-z0-9])([GSXYgsxy])(\d{1,4}[A-Z0-9]{0,3})")
_CODE_MODES = {"G": "national_road", "S": "provincial_road", "X": "connector_road", "Y": "connector_road"}
_CORRIDOR_WORD = re.compile("|".join(sorted((re.escape(w) for w, i in SUFFIXES.items()
                                             if i.kind == "corridor" and len(w) >= 2), key=len, reverse=True)))
_CODE_TAIL = ("改善提升工程", "改造提升工程", "升级改造工程", "改造工程", "提升工程", "项目", "工程", "线")


def _known_place(entries: dict[str, tuple[Entry, ...]], item: str) -> bool:
    return any(e.kind in ("county", "township", "place") for e in entries.get(item, ()))


def _named_itself(entries: dict[str, tuple[Entry, ...]], item: str) -> bool:
    """A record's name or a full official name: a feature of its own, not the stem of a shared suffix."""
    return any(e.source == "record" or (not e.bare and e.kind != "county") for e in entries.get(item, ()))


def shared_suffix(doc: TextIndex, sep: int, stem: str, word: str, info: Suffix,
                  known: dict[str, tuple[Entry, ...]]) -> list[Mention]:
    """Items before ``sep`` (a ``、``/``和``) that share the suffix ``word`` of ``stem``.

    Routed items (``A—B``) need a routed stem; short items (2-4 characters) need to be known
    places, or short road names before a corridor suffix (``正习、G75兰海高速``).
    """
    text = doc.text
    routed = bool(SPLIT_VIA.search(stem))
    if not ITEM.match(stem):
        return []
    out: list[Mention] = []
    pos = sep
    while pos > 0 and text[pos] in _SEPARATORS:
        lo = left_edge(text, pos, 20, True)
        cut = doc.stop_before(lo, pos)
        item = text[cut:pos]
        plain_ok = len(item) <= 4 and (_known_place(known, item) or (len(item) <= 3 and len(stem) <= 3)
                                       or (info.kind == "corridor" and len(item) <= 3))
        if (not ITEM.match(item) or item in FRAGMENTS or bool(SPLIT_VIA.search(item)) != routed
                or (not routed and not plain_ok)
                or any(item.endswith(w) for w in SUFFIXES) or (not routed and _named_itself(known, item))):
            break
        out.append(Mention(cut, pos, item, info.kind, info.sub, "list", via=via(item) if routed else (),
                           full=item + word))
        if cut != lo:
            break
        pos = cut - 1
    return out


def _known_tail(doc: TextIndex, begin: int, zone_end: int) -> int:
    """Start of a known name that ends the first item of a list (``汇集兰海、…`` starts at ``兰海``), else ``begin``."""
    sep = min([i for i in (doc.text.find(c, begin, zone_end) for c in _SEPARATORS) if i >= 0] or [zone_end])
    lo, hi = bisect.bisect_right(doc.name_starts, begin), bisect.bisect_left(doc.name_starts, sep)
    starts = [doc.name_starts[i] for i in range(lo, hi) if doc.name_ends[i] == sep]
    return min(starts) if starts else begin


def counted_list(doc: TextIndex, s: int, word: str, info: Suffix) -> list[Mention] | None:
    """Items of ``A、B等N条<suffix>`` or ``A、B等<suffix>`` before ``s``; None when neither precedes it.

    Without a count (``还将建成合川至安岳、渝长扩能、渝黔扩能等高速公路项目``) the list must hold two or
    more items, each an end-point pair or a short name that is no generic word.
    """
    text = doc.text
    found = COUNT.search(text, max(0, s - 12), s)
    countless = found is None and s > 0 and text[s - 1] == "等"
    if found is None and not countless:
        return None
    zone_end = found.start() if found is not None else s - 1
    zone_start = zone_end
    while zone_start > 0 and zone_end - zone_start < 100 and (text[zone_start - 1] not in BREAKS
                                                               or text[zone_start - 1] == "、"):
        zone_start -= 1
    if countless:
        # an earlier list ends at its own ``等…`` / ``以及`` (``兰海、渝筑等高速以及渝贵、川黔等铁路``)
        zone_start = max(zone_start, *(text.rfind(w, zone_start, zone_end) + len(w) for w in ("等", "以及")))
        zone_start = _known_tail(doc, zone_start, zone_end)
    out: list[Mention] = []
    pos, first = zone_start, True
    for part in re.split(f"([{_SEPARATORS}])", text[zone_start:zone_end]):
        if len(part) == 1 and part in _SEPARATORS:
            pos += 1
            continue
        begin = doc.stop_before(pos, pos + len(part)) if first else pos
        first = False
        item = text[begin:pos + len(part)]
        pos += len(part)
        if 2 <= len(item) <= 12 and item not in FRAGMENTS:
            own = any(item.endswith(w) for w in SUFFIXES)
            out.append(Mention(begin, begin + len(item), item, info.kind, info.sub, "list",
                               via=via(item) if info.kind == "corridor" else (), full=item if own else item + word))
    if countless:
        out = [m for m in out if ITEM.match(m.name) and not generic(m.name) and not _QUANTITY_WORD.search(m.name)]
        return out if len(out) >= 2 else None
    return out


def routed_neighbours(doc: TextIndex, mention: Mention) -> list[Mention]:
    """``A至B`` items beside a corridor in one ``、`` list (``S104通惠至三角、白云观至石角``)."""
    text = doc.text
    out: list[Mention] = []
    pos = mention.end
    while pos < len(text) and text[pos] == "、":
        stop = pos + 1
        while stop < len(text) and stop - pos <= 20 and text[stop] not in BREAKS and not text.startswith("等", stop):
            stop += 1
        stop = doc.stop_starting(pos + 1, stop)  # ``茅坝至九仓段建设``: the verb after the item is not its own
        item = text[pos + 1:stop]
        if not (ITEM.match(item) and SPLIT_VIA.search(item)) or any(item.endswith(w) for w in SUFFIXES):
            break
        # a corridor suffix past the last ``至`` (``丙至丁高铁可研获批``): the suffix finder names that item
        if _CORRIDOR_WORD.search(item[item.rfind("至") + 1:]):
            break
        out.append(Mention(pos + 1, stop, item, "corridor", mention.sub, "list", via=via(item)))
        pos = stop
    return out


def route_chains(text: str) -> list[Mention]:
    """Routes and their stops, in order, of ``…线路：A—B—C`` chains.

    A label that names no route of its own (``打卡路线：``, ``推荐路线建议：``) gives a route named by
    its chain as written (``四公里/龙头寺/陈家坪—万盛汽车站—黑山谷``); stops written as alternatives
    (``A/B/C``) share one place in the order; the trip's own ends (``返程``, ``出发``) are no stops.
    """
    out: list[Mention] = []
    for label in _ROUTE_LABEL.finditer(text):
        begin = label.end()
        stop = min((i for i in (text.find(c, begin) for c in "。；\n") if i >= 0), default=len(text))
        chain = text[begin:stop]
        if sum(chain.count(d) for d in DASHES) < 1:
            continue
        route = label.group(1)
        seq, pos = 0, begin
        stops: list[Mention] = []
        for part in re.split(rf"([{DASH}、和及])", chain):
            if part and part not in DASHES and part not in "、和及":
                seq += 1
                at = pos
                for alternative in part.split("/"):
                    name = alternative.split("等")[0].strip()
                    if 2 <= len(name) <= 30 and name not in _TRIP_ENDS:
                        stops.append(Mention(at, at + len(name), name, "tourism_stop", "", "route",
                                             route=route, seq=seq))
                    at += len(alternative) + 1
            pos += len(part)
        if len(stops) >= 2:
            if _GENERIC_ROUTE.match(route):
                route = chain.rstrip("。；，")
                for m in stops:
                    m.route = route
                out.append(Mention(begin, begin + len(route), route, "tourism_route", "", "route",
                                   via=tuple(m.name for m in stops)))
            else:
                out.append(Mention(label.start(1), label.end(1), route, "tourism_route", "", "route",
                                   via=tuple(m.name for m in stops)))
            out.extend(stops)
    return out


def context_mode(text: str, start: int) -> str:
    """The corridor mode the nearest corridor word before ``start`` (within 300 characters) names."""
    window = text[max(0, start - 300):start]
    best, mode, chosen = -1, "", ""
    for word, info in SUFFIXES.items():
        if info.kind == "corridor":
            at = window.rfind(word)
            at = at + len(word) if at >= 0 else -1  # where the word ends: ``高速公路`` is not its ``公路``
            if at > best or (at == best and at >= 0 and len(word) > len(chosen)):
                best, mode, chosen = at, info.sub, word
    return mode


def bracket_routes(text: str) -> list[Mention]:
    """Corridors written ``遵义至石阡（新蒲-湄潭-石阡）``: a name, then the places it runs through."""
    out: list[Mention] = []
    for found in _BRACKET_ROUTE.finditer(text):
        name = found.group(1)
        stops = tuple(p for p in re.split(rf"[{DASH}]", found.group(2)) if p)
        if len(stops) >= 2:
            out.append(Mention(found.start(1), found.end(1), name, "corridor", context_mode(text, found.start()),
                               "list", via=stops))
    return out


#: A rail line named by its number (``城市轨道交通1号线``, ``轨道交通4号线二期``).
_NUMBERED_LINE = re.compile(r"(?:城市轨道交通|轨道交通|轻轨|地铁|城轨)"
                            r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})号线(?:[一二三四]期(?:工程)?)?")


#: A line named by its number alone (``15号线、27号线等项目``), after punctuation or a verb.
_BARE_NUMBERED_LINE = re.compile(r"(?<![0-9０-９A-Za-z])[0-9０-９]{1,2}号线(?:[一二三四]期(?:工程)?)?")


def numbered_lines(doc: TextIndex) -> list[Mention]:
    """Rail lines named by their number (``城市轨道交通1号线``): the name as written, a suburban railway.

    A number alone (``15号线``) names a line where punctuation or a verb stands before it
    (``建成投运，15号线、27号线等项目``, ``加快建设15号线``), not after a noun (``公交1号线``).
    """
    text = doc.text
    out = [Mention(m.start(), m.end(), m.group(), "corridor", "suburban_rail", "list")
           for m in _NUMBERED_LINE.finditer(text)]
    for m in _BARE_NUMBERED_LINE.finditer(text):
        before = text[m.start() - 1:m.start()]
        if not before or not ("\u4e00" <= before <= "\u9fff") or doc.stop_ends_at(m.start()):
            out.append(Mention(m.start(), m.end(), m.group(), "corridor", "suburban_rail", "list"))
    return out


def road_codes(doc: TextIndex) -> list[Mention]:
    """Roads named by their code: ``G212线``, ``S104通惠至三角``, ``Y047卷龙桥至小河路面改善提升工程``.

    ``A至B`` items after a coded road in one ``、`` list are roads too (``S306五马至茅坝、茅坝至九仓段``).
    """
    text = doc.text
    out: list[Mention] = []
    for found in _ROAD_CODE.finditer(text):
        end = found.end()
        limit = min(len(text), end + 24)
        stop = end
        while stop < limit and text[stop] not in BREAKS and text[stop] not in "（(":
            stop += 1
        stop = doc.stop_starting(end, stop)
        for tail in _CODE_TAIL:
            if text.startswith(tail, stop):
                stop += len(tail)
                break
        name = text[found.start():stop]
        stem = text[end:stop]
        if stem.startswith(("国道", "省道", "高速")) or len(name) < 3:
            continue
        mode = _CODE_MODES[found.group(1).upper()]
        road = Mention(found.start(), stop, name, "corridor", mode, "suffix", via=via(stem) if stem else ())
        out.append(road)
        if SPLIT_VIA.search(stem):
            out.extend(routed_neighbours(doc, road))
    return out


#: ``双龙、官店、桃林、二里4个乡镇``, ``大关、吕亭、孔城等3镇``, ``A、B两个村``: a count of places after a list.
_PLACE_COUNT = re.compile(r"(等)?([两二三四五六七八九十\d]+)个?(乡镇|街道|社区|镇|乡|村)")
_NUMBERS = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}
_PLAIN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_FULL_FORMS = {"乡镇": ("镇", "乡", "街道"), "镇": ("镇",), "乡": ("乡",), "街道": ("街道",), "村": ("村", "村村"),
               "社区": ("社区",)}


def _count(digits: str) -> int:
    if digits.isdigit():
        return int(digits)
    if len(digits) == 1:
        return _NUMBERS.get(digits, 0)
    return 0


def counted_places(doc: TextIndex, names: dict[str, list[Entry]]) -> list[Mention]:
    """Bare place names of a list closed by a count of places (``A、B、C、D4个乡镇``).

    An item is taken when the official names know it with the counted suffix (``官店`` ->
    ``官店镇``), or when the list holds exactly as many plain 2-4 character names as it counts
    (the count vouches for every item, as for ``大关、吕亭、孔城等3镇`` outside the region list).
    """
    text = doc.text
    out: list[Mention] = []
    for found in _PLACE_COUNT.finditer(text):
        zone_end = found.start()
        zone_start = zone_end
        while zone_start > 0 and zone_end - zone_start < 80 and (text[zone_start - 1] not in BREAKS
                                                                  or text[zone_start - 1] == "、"):
            zone_start -= 1
        parts = text[zone_start:zone_end].split("、")
        if len(parts) < 2:
            continue
        items: list[tuple[int, str]] = []
        pos = zone_start
        for index, part in enumerate(parts):
            begin = doc.stop_before(pos, pos + len(part)) if index == 0 else pos
            items.append((begin, text[begin:pos + len(part)]))
            pos += len(part) + 1
        if not all(_PLAIN.match(item) and item not in FRAGMENTS and item not in STOP_WORDS for _, item in items):
            continue
        unit = found.group(3)
        vouched = _count(found.group(2)) == len(items)
        kind, sub = ("place", "village") if unit in ("村", "社区") else ("township", "")
        for begin, item in items:
            full = next((item + f for f in _FULL_FORMS[unit] if item + f in names), "")
            if full or vouched:
                entry = next((e for e in names.get(full, ()) if e.kind == kind), None)
                written = full[:-1] if full.endswith("村村") else full
                out.append(Mention(begin, begin + len(item), item, kind, entry.sub if entry else sub, "list",
                                   tuple(names.get(full, ())), full=written or item))
    return out


_BORDER = r"(?:[（(][\u4e00-\u9fff]{2,4}[界境][）)])"
#: An end-point item of a plan's list: ``镇雄（黔滇界）至赫章``, ``重庆经赤水至叙永（贵州境）``.
_END_POINTS = re.compile(rf"^[\u4e00-\u9fff]{{2,6}}{_BORDER}?(?:[至经][\u4e00-\u9fff]{{2,6}}{_BORDER}?)+$")
_CLAUSE = re.compile(r"[^，。；：,;:\n]+")


def end_point_lists(doc: TextIndex) -> list[Mention]:
    """Corridors named only by their end points in a list (``加快建设A（黔滇界）至B、C至D等省际项目``).

    A clause's ``、`` items that are all ``X至Y`` (or ``X经Y至Z``) are corridors when one of them
    marks a border (``（黔桂界）``, ``（贵州境）``) or a corridor word precedes the list (its mode).
    """
    text = doc.text
    out: list[Mention] = []
    for clause in _CLAUSE.finditer(text):
        body = clause.group()
        if "至" not in body or "、" not in body:
            continue
        items: list[tuple[int, str]] = []
        pos = clause.start()
        parts = body.split("、")
        for index, part in enumerate(parts):
            begin, stop = pos, pos + len(part)
            if index == len(parts) - 1 and "等" in part:
                stop = pos + part.index("等")
            if index == 0:
                first = re.search(r"[至经（(]", part)
                begin = doc.stop_before(pos, pos + (first.start() if first else len(part)))
            item = text[begin:stop]
            if _END_POINTS.match(item):
                items.append((begin, item))
            pos += len(part) + 1
        if len(items) < 2:
            continue
        mode = context_mode(text, clause.start())
        if not mode and not any(re.search(_BORDER, item) for _, item in items):
            continue
        for begin, item in items:
            ends = via(re.sub(_BORDER, "", item).replace("经", "至"))
            out.append(Mention(begin, begin + len(item), item, "corridor", mode, "list", via=ends))
    return out


#: The close of a list of projects: ``等20个项目``, ``等13个在建项目``, ``等项目``.
_PROJECT_COUNT = re.compile(r"等(?:[0-9０-９]+|[一二三四五六七八九十两]+)?个?[\u4e00-\u9fff]{0,3}?项目")
_PLACE_KINDS = ("county", "township", "place")
_WORD_START = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]")
#: Stop words that a project's phrase may hold (``硅及碳化硅部件``, ``德国城产业项目``).
_IN_PROJECT = ("和", "与", "及", "的", "项目", "产业", "发展", "建设", "改造", "升级", "提升")


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
        zone_start = zone_end
        while zone_start > 0 and zone_end - zone_start < 160 and (text[zone_start - 1] not in BREAKS
                                                                   or text[zone_start - 1] == "、"):
            zone_start -= 1
        items: list[tuple[int, str]] = []
        pos = zone_start
        for index, part in enumerate(text[zone_start:zone_end].split("、")):
            # the first item starts after the verbs before it; a joiner or ``项目`` inside it is its own
            begin = doc.stop_before(pos, pos + len(part), _IN_PROJECT) if index == 0 else pos
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
#: Every item of a course list is a name of Chinese characters (``乙岭12`` makes no list of places).
_COURSE_ITEM = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
#: A line's course written as a chain: ``线路走向为重庆西—珞璜—綦江—桐梓—遵义``.
_COURSE_CHAIN = re.compile(rf"走向(?:为|是)[：:]?([\u4e00-\u9fff]{{2,6}}(?:[{DASH}][\u4e00-\u9fff]{{2,6}})+)")
#: Last characters that make a side or a part of a place, not a place (``城区南侧``, ``镇区外围``).
_SIDES = "侧边面旁部内外围"


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


def _plain_place(item: str, known: dict[str, tuple[Entry, ...]]) -> bool:
    """A bare 2-4 character name no reader takes by itself (not known, no suffix, no common word)."""
    return (bool(_PLAIN_PLACE.match(item)) and item not in known and item not in FRAGMENTS and item[-1] not in _SIDES
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
    """
    text = doc.text
    out: list[Mention] = []
    for found in _COURSE.finditer(text):
        pos = found.end()
        sentence = text[max(0, text.rfind("。", 0, found.start()) + 1):found.start()]
        while True:
            stop = pos
            while stop < len(text) and stop - pos < 60 and text[stop] not in "，。；：\n" and not text.startswith(
                    ("止于", "进入", "等"), stop):
                stop += 1
            parts = text[pos:stop].split("、")
            spans, at = [], pos
            for index, part in enumerate(parts):
                spans.append(_place_item(doc, known, at, at + len(part), index == 0))
                at += len(part) + 1
            after = text[stop:stop + 12]
            if after.startswith("等") or _PLACE_COUNT.match(text, stop):
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
                elif not stations and _plain_place(item, known):
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
    for found in _END_POINT.finditer(text):
        begin, item = _place_item(doc, known, found.start(1), found.end(1))
        if _plain_place(item, known):
            out.append(Mention(begin, begin + len(item), item, "place", "", "list"))
    return out


#: The close of a list of sights or parts of a city: ``等人文景观``, ``等核心文旅资源``, ``等核心板块``.
_SIGHTS = re.compile(r"等(?:[\u4e00-\u9fff]{0,4}?)(?:景点|景观|文旅资源|旅游资源|板块|名胜)")
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
        for index, part in enumerate(re.finditer(r"[^、“”]+", text[zone_start:zone_end])):
            begin = zone_start + part.start()
            end = zone_start + part.end()
            if index == 0:
                begin = doc.stop_before(begin, end)
                # ``串起永川茶山竹海``: the first item starts at the county name that leads it
                begin += next((i for i in range(1, end - begin - 2) if any(
                    e.kind == "county" for n in (2, 3) for e in known.get(text[begin + i:begin + i + n], ()))), 0)
                if begin == end:
                    continue  # ``造就了“象鼻子”…``: the words before the quotes are no item
            items.append((begin, text[begin:end]))
        named = [item in known or any(item.endswith(w) for w in SUFFIXES) for _, item in items]
        quoted = text[zone_end - 1:zone_end] == "”"
        if len(items) < 2 or not all(_SIGHT_ITEM.match(item) for _, item in items) or not (any(named) or quoted):
            continue
        for (begin, item), own in zip(items, named, strict=True):
            if not own and item not in FRAGMENTS and item not in STOP_WORDS and not generic(item):
                out.append(Mention(begin, begin + len(item), item, "project", "tourism_project", "list"))
    return out
