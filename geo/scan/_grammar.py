"""Private: the list and route grammar of Chinese planning prose.

- **shared suffix**: ``篆塘—坭坝、丁山—寨坝快速路`` (routed items), ``播州、赤水和正安通用机场``
  (short items that are known places), ``已建成的正习、G75兰海高速`` (short road names);
- **counted lists**: ``规划渝黔、泸遵怀两条高速铁路``, ``正习、遵余…等9条高速公路``: every item before
  the count shares the suffix after it; a count with no item (``10多条高速公路``) names nothing;
- **routed neighbours**: ``S104通惠至三角、白云观至石角、东溪高速路口至东溪新区等3个项目`` — ``A至B``
  items beside a road in one list are roads too;
- **route chains**: ``…环线：A—B—C``, ``打卡路线：A/B—C`` — the stops of a tourism route, in order (a
  label naming no route, ``打卡路线``, gives a route named by its chain);
- **bracketed routes**: ``遵义至石阡（新蒲-湄潭-石阡）`` — a corridor with the places it runs through;
- **end-point lists**: ``加快建设A（黔滇界）至B、C至D等省际项目``.

Roads and lines named by a code or a number (``G212线``, ``15号线``): :mod:`geo.scan._road_names`;
bare places of a list closed by a count of places (``A、B4个乡镇``): :mod:`geo.scan._counted_places`;
lists whose items carry no suffix at all (projects, course places, sights): :mod:`geo.scan._lists`.

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
    LINE_ENDS,
    QUANTITY_INSIDE,
    SUFFIXES,
    Suffix,
)
from geo.scan._names import Entry
from geo.scan._text import DASH, ITEM, SPLIT_VIA, Mention, TextIndex, generic, left_edge, via
from geo.scan_words import LIST_RANKS

#: A count before a suffix: ``两条``, ``8条``, ``9條``, ``10多条``, ``等3个``, with up to 3 qualifying characters.
COUNT = re.compile(r"(?:等(?:多|几|数|若干)|(?:等)?[两二三四五六七八九十百\d]+多?)[条條个個座处處项項家所]"
                   r"((?:(?!的)[\u4e00-\u9fff]){0,3})$")  # ``19个的遵义机场`` counts no list
_SEPARATORS = "、和及与"
_QUANTITY_WORD = re.compile(QUANTITY_INSIDE)
_ROUTE_LABEL = re.compile(r"([^\s，。；：:、]{2,20}(?:线路|环线|精品线|旅游线|路线))(?:建议|推荐)?[：:]")
#: Labels that name no route of their own (``打卡路线``, ``推荐游览路线``): the route is named by its chain.
_GENERIC_ROUTE = re.compile(r"^(?:打卡|推荐|游览|旅游|自驾|徒步|骑行|经典|精华|参考|建议"
                            r"|[一二三四五六七八九十两\d]+日游?)*"
                            r"(?:路线|线路)$")
#: A trip's own ends in a chain, not stops (``主城→…→返程``).
_TRIP_ENDS = frozenset({"返程", "回程", "返回", "出发", "结束", "到达"})
_BRACKET_ROUTE = re.compile(
    rf"(?:(?<=[：:、，。；\n])|^)([\u4e00-\u9fff]{{2,8}})[（(]([\u4e00-\u9fff]{{2,5}}(?:[{DASH}][\u4e00-\u9fff]{{2,5}})+)"
    r"[^）)\n]{0,4}[）)]?", re.MULTILINE)
_CORRIDOR_WORD = re.compile("|".join(sorted((re.escape(w) for w, i in SUFFIXES.items()
                                             if i.kind == "corridor" and len(w) >= 2), key=len, reverse=True)))


def _known_place(entries: dict[str, tuple[Entry, ...]], item: str) -> bool:
    return any(e.kind in ("county", "township", "place") for e in entries.get(item, ()))


def _county_part(entries: dict[str, tuple[Entry, ...]], item: str) -> bool:
    """A four-character item led or ended by a county's name (``威宁草海``, ``黔北德江``), like its neighbour."""
    return len(item) == 4 and any(any(e.kind == "county" for e in entries.get(part, ()))
                                  for part in (item[:2], item[2:]))


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
        # ``威宁草海、黔北德江、盘州官山机场``: county-led names, like the stem, share its suffix
        county_item = text[pos] == "、" and _county_part(known, item) and _county_part(known, stem[:4])
        plain_ok = len(item) <= 4 and (_known_place(known, item) or (len(item) <= 3 and len(stem) <= 3)
                                       or (info.kind == "corridor" and len(item) <= 3)
                                       or county_item)
        if (not ITEM.match(item) or item in FRAGMENTS or bool(SPLIT_VIA.search(item)) != routed
                or (not routed and not plain_ok)
                or (any(item.endswith(w) for w in SUFFIXES) and not county_item)
                or (not routed and _named_itself(known, item))):
            break
        out.append(Mention(cut, pos, item, info.kind, info.sub, "list", via=via(item) if routed else (),
                           full=item + word))
        if cut != lo:
            break
        pos = cut - 1
    return out


def _line_pair(item: str, info: Suffix) -> bool:
    """Whether ``item`` is a line's two end-point abbreviations (``渝黔``, ``渝怀``) before a corridor's suffix."""
    return info.kind == "corridor" and len(item) == 2 and all(c in LINE_ENDS for c in item)


def _known_tail(doc: TextIndex, begin: int, zone_end: int) -> int:
    """Start of a known name that ends the first item of a list (``汇集兰海、…`` starts at ``兰海``), else ``begin``."""
    sep = min([i for i in (doc.text.find(c, begin, zone_end) for c in _SEPARATORS) if i >= 0] or [zone_end])
    lo, hi = bisect.bisect_right(doc.name_starts, begin), bisect.bisect_left(doc.name_starts, sep)
    starts = [doc.name_starts[i] for i in range(lo, hi) if doc.name_ends[i] == sep]
    return min(starts) if starts else begin


def counted_list(doc: TextIndex, s: int, word: str, info: Suffix) -> list[Mention] | None:
    """Items of ``A、B等N条<suffix>`` or ``A、B等<suffix>`` before ``s``; None when neither precedes it.

    Without a count (``还将建成合川至安岳、渝长扩能、渝黔扩能等高速公路项目``) the list must hold two or
    more items, each an end-point pair or a short name that is no generic word; a word of rank may stand
    between ``等`` and the class (``A、B等重点港口``).
    """
    text = doc.text
    found = COUNT.search(text, max(0, s - 12), s)
    # ``A、B等重点港口``: a word of rank between ``等`` and the class (round 10)
    close = s - next((len(w) for w in LIST_RANKS if text.endswith(w, 0, s)), 0)
    countless = found is None and close > 0 and text[close - 1] == "等"
    if found is None and not countless:
        return None
    zone_end = found.start() if found is not None else close - 1
    zone_start = zone_end
    while zone_start > 0 and zone_end - zone_start < 100 and (text[zone_start - 1] not in BREAKS
                                                               or text[zone_start - 1] == "、"):
        zone_start -= 1
    if countless:
        # an earlier list ends at its own ``等…`` / ``以及`` (``兰海、渝筑等高速以及渝贵、川黔等铁路``)
        zone_start = max(zone_start, zone_start, *(text.rfind(w, zone_start, zone_end) + len(w)
                                                   for w in ("等", "以及") if w in text[zone_start:zone_end]))
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
        # a quantity (``26个3A级``) or a fragment (``以上景区``) is no item of a counted list
        # a generic stem is no item (``国家172项重大水利工程``), but a line's abbreviations are (``渝黔、泸遵怀两条``)
        if (item in GENERIC_STEMS and not _line_pair(item, info)) or item in FRAGMENTS:
            continue
        if 2 <= len(item) <= 12 and item[:2] not in FRAGMENTS and not (
                found is not None and _QUANTITY_WORD.search(item)):
            own = any(item.endswith(w) for w in SUFFIXES)
            out.append(Mention(begin, begin + len(item), item, info.kind, info.sub, "list",
                               via=via(item) if info.kind == "corridor" else (), full=item if own else item + word))
    if countless:
        # a line's two end-point abbreviations (``渝黔、渝怀等铁路``) name a line, though the pair alone is a region
        out = [m for m in out if ITEM.match(m.name) and (not generic(m.name) or _line_pair(m.name, info))
               and not _QUANTITY_WORD.search(m.name)]
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
        # a chain ends at its sentence or clause (``…—镇紫街，全程12公里``)
        stop = min((i for i in (text.find(c, begin) for c in "。；，\n") if i >= 0), default=len(text))
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


#: A class of corridor right after a bracketed stretch (``乌江（甲渡—乙滩）四级高等级航道``: round 11).
_GRADED_CLASS = re.compile(r"(?:[一二三四五六七]级)?(?:高等级)?(" + _CORRIDOR_WORD.pattern + ")(?:主干线|干线)?")


def bracket_routes(doc: TextIndex) -> list[Mention]:
    """Corridors written ``遵义至石阡（新蒲-湄潭-石阡）``: a name, then the places it runs through.

    A class of corridor right after the bracket (``乌江（甲渡—乙滩）四级高等级航道``) belongs to the name: the
    bracket is the stretch of the river or road that the class names (round 11).  A stop word before the
    name ends it on its left (``贵州建成乌江（…）``).
    """
    text = doc.text
    out: list[Mention] = []
    for found in _BRACKET_ROUTE.finditer(text):
        begin, end, mode = found.start(1), found.end(1), context_mode(text, found.start())
        cut = doc.stop_before(begin, end)
        if begin < cut <= end - 2:
            begin = cut
        stops = tuple(p for p in re.split(rf"[{DASH}]", found.group(2)) if p)
        graded = _GRADED_CLASS.match(text, found.end()) if found.group().endswith(("）", ")")) else None
        if graded is not None:
            end, mode = graded.end(), SUFFIXES[graded.group(1)].sub
        if len(stops) >= 2:
            out.append(Mention(begin, end, text[begin:end], "corridor", mode, "list", via=stops))
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
            if index == 0:  # the list starts after a stop word or a label's prose dash (``四纵——A至B、C至D``)
                head = pos + (first.start() if (first := re.search(r"[至经（(]", part)) else len(part))
                begin = max(doc.stop_before(pos, head), (dash + 2) if (dash := text.rfind("——", pos, head)) >= 0 else 0)
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
