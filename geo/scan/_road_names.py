"""Private: roads and lines named by a code or a number, not by a suffix after a place.

- **road codes**: ``G212线``, ``S104通惠至三角``, ``Y047卷龙桥至小河路面改善提升工程``, and the ``A至B``
  items after a coded road in one ``、`` list (``S306五马至茅坝、茅坝至九仓段``);
- **road works**: works named by the city road they are done on (``甲乙路北段改造工程``, ``丙丁路污水泵站``);
- **numbered lines**: ``城市轨道交通1号线``, ``市域铁路C7线``, and a number alone after punctuation or a verb
  (``15号线、27号线等项目``; never ``公交1号线``).

A code or a number is a name of its own: these readers need neither the dictionary nor a suffix.
"""

from __future__ import annotations

import re

from geo.scan._grammar import routed_neighbours
from geo.scan._lexicon import BREAKS, FRAGMENTS, STOP_WORDS
from geo.scan._lists import ROAD_NOT_FIRST, ROAD_NOT_LAST
from geo.scan._text import SPLIT_VIA, Mention, TextIndex, generic, via
from geo.scan_words import ROAD_WORKS

_ROAD_CODE = re.compile(r"(?<![A-Za-z0-9])([GSXYgsxy])(\d{1,4}[A-Z0-9]{0,3})")
_CODE_MODES = {"G": "national_road", "S": "provincial_road", "X": "connector_road", "Y": "connector_road"}
_CODE_TAIL = ("改善提升工程", "改造提升工程", "升级改造工程", "改造工程", "提升工程", "项目", "工程", "线")

#: A rail line named by its number (``城市轨道交通1号线``, ``轨道交通4号线二期``).
_NUMBERED_LINE = re.compile(r"(?:城市轨道交通|轨道交通|轻轨|地铁|城轨)"
                            r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})号线(?:[一二三四]期(?:工程)?)?"
                            # a suburban line named by its letter code (``市域铁路C7线``, ``城际铁路S2线``)
                            r"|(?:市域(?:（郊）)?铁路|城际铁路|轨道交通)[A-Z][0-9０-９]{1,2}线")


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


#: Works named by a city road of two characters, its section or phase, and what is done to it (round 10).
_ROAD_WORK = re.compile(r"([\u4e00-\u9fff]{2})路((?:[东西南北]段)?(?:[一二三四]期)?)(?:道路)?"
                        r"(" + "|".join(sorted(ROAD_WORKS, key=len, reverse=True)) + r")(工程|项目)?")


def road_works(doc: TextIndex) -> list[Mention]:
    """Works named by the city road they are done on (``甲乙路北段改造工程``, ``丙丁路道路整治项目``).

    A progress report names each work by its road, the road's section and what is done to it; the
    works word with ``工程``/``项目`` after it (or a pumping station, a feature of its own) says the phrase
    is one work.  A two-character stem that makes ``…路`` a kind of road (``公路``, ``道路``) or a verb's
    object (``修路``) is none.  A road's works are the road's (a corridor); a pumping station is water works.
    """
    text = doc.text
    out: list[Mention] = []
    for found in _ROAD_WORK.finditer(text):
        stem, works, head = found.group(1), found.group(3), found.group(4)
        station = works.endswith("泵站")
        if (not head and not station) or stem[-1] in ROAD_NOT_LAST or stem[0] in ROAD_NOT_FIRST or (
                stem in FRAGMENTS or stem in STOP_WORDS or generic(stem)):
            continue
        kind, sub = ("project", "water_works") if station else ("corridor", "connector_road")
        out.append(Mention(found.start(), found.end(), found.group(), kind, sub, "list"))
    return out
