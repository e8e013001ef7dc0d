"""Private: names read leftwards from a suffix of planning prose (``…高速``, ``…物流园区``, ``…水库``).

A suffix of :data:`~geo.scan._lexicon.SUFFIXES` names a feature with the stem before it, read
leftwards up to punctuation or a stop word: a county prefix is dropped from a township, brackets
and trailing works are kept (``渝黔高速原路加宽（南环至綦江段）``), a corridor's works start after the
corridor or section named before them, a village after its township.  Refused: generic stems, size
classes (``大型``), fragments (``那里``), quantities, dates, standards, a county's own name before a
class of road.  A suffix after a list lends itself to the list's items (:mod:`geo.scan._grammar`).
"""

from __future__ import annotations

import re

from geo.scan import _grammar
from geo.scan._lexicon import (
    BREAKS,
    CORRIDOR_FORMS,
    DASHES,
    FRAGMENTS,
    GENERIC_STEMS,
    LINE_ENDS,
    NATURAL_BAD_LAST,
    NATURAL_NO_FOLLOW,
    NATURAL_VERBS,
    NOT_RIVER,
    ORDINAL,
    ORGANISATIONS,
    QUANTITY_INSIDE,
    QUANTITY_START,
    RIVER_LEAD,
    SHAPE_WORDS,
    STOP_WORDS,
    SUFFIXES,
    WORKS_SUFFIXES,
    Suffix,
)
from geo.scan._names import Entry
from geo.scan._text import DASH, Mention, TextIndex, county_cut, generic, left_edge, right_edge, via
from geo.scan_words import (
    ALTERNATIVE_ROADS,
    AREA_PREFECTURES,
    CLUSTER_SUFFIXES,
    HUB_SUFFIXES,
    LINE_WORKS,
    SECOND_LINES,
    SITE_GENERIC_STEMS,
    SITE_SUFFIXES,
)

_NO_FOLLOW = ("运输", "发展", "增长", "主体", "经济", "网络", "体系", "企业", "管理", "时代", "化", "运量",
              "客流", "里程", "密度", "路口", "建设指挥", "局", "公司", "集团", "总公司", "部门", "路网", "网",
              # a standard or an organisation (``按双向四车道高速公路标准``, ``…高速公路有限公司``)
              "标准", "有限", "股份", "投资")
#: Characters after a suffix that make it part of a common word (``站间距``, ``站房``).
_WORD_NO_FOLLOW = {"站": "间房"}
_TOWN_NO_FOLLOW = tuple("村域级长镇民貌容")
_CJK_STEM = re.compile(r"^[\u4e00-\u9fff]+$")
_QUANTITY = re.compile(QUANTITY_START)
_QUANTITY_INSIDE = re.compile(QUANTITY_INSIDE)
_FORMS = re.compile(CORRIDOR_FORMS)
_ORGANISATION = re.compile(ORGANISATIONS)
_DATE = re.compile(r"[0-9０-９]+[月日时]")
#: A person's words (``前些年送弟弟去成都上大学``): a sentence about people, not a name.
_PERSONAL = re.compile(r"弟弟|哥哥|姐姐|妹妹|爸爸|妈妈|父亲|母亲|孩子|[我你他她]")
#: A province or the year before a class of road (``贵州高速公路``, ``2024年贵州高速公路``): a network, not a line.
_PROVINCE = re.compile(r"^(?:[0-9０-９]{4}年)?(?:重庆|贵州|四川|云南|湖南|湖北|广西|陕西)[省市]?$")
#: City roads named by their direction (``浒溪北路``): never when the direction ends a place (``云南路``).
_DIRECTION_ROADS = ("北路", "南路", "东路", "西路")
_ROAD_AFTER = ("东段", "西段", "南段", "北段", "一期", "二期", "贯通", "形成", "相接", "交叉", "立交")
_ORDINAL = re.compile(ORDINAL)
#: A county or township road's name is its number (``380县道``).
_NUMBERED_ROADS = ("县道", "乡道")
_ROAD_NUMBER = re.compile(r"[A-Za-z]?[0-9]{2,4}$")
#: A corridor's word inside a natural site's stem makes a phrase of it (``一条铁路穿山而过``).
_CORRIDOR_INSIDE = re.compile("铁路|公路|高速|国道|省道")
#: Natural sites' suffixes (a short stem, no verb before it, no common word after it).
_NATURAL = frozenset({*NATURAL_NO_FOLLOW, "石林", "石海", "天坑", "瀑布", "峡谷", "大峡谷", "溶洞", "原始森林", "河"})
#: One-character natural suffixes that end known place names too (``綦江``, ``石壕``): such a place is no river.
_SHORT_NATURAL = frozenset({"江", "溪", "岩"})
#: Rivers that may be named by one character after a break or a verb (``而长江入渝``, ``——綦河两岸``).
_ONE_CHAR_RIVERS = frozenset({"江", "河"})
#: ``乡镇``, ``城镇``, ``集镇``, ``场镇``, ``四镇``, ``乡村``: the character before the suffix makes it generic.
_TOWN_NOT_BEFORE = frozenset("乡城集场一二三四五六七八九十两几多各每全")
#: Round 13: first characters that keep ``…城镇``, ``…场镇``, ``…集镇`` a class (``小城镇``, ``县城镇``, ``古城镇``).
_MARKET_TOWN_GENERIC = frozenset("小大新老古县市区省全各每本该此两多中重乡农山")


def _market_town(stem: str) -> bool:
    """Whether a two-character stem ending ``城``, ``场`` or ``集`` names a township (``梅城镇``, ``安场镇``).

    Why: ``城镇``, ``场镇`` and ``集镇`` are words for towns in general, so a stem ending so was never a name;
    but many townships are called so (``梅城镇`` of 建德, ``安场镇`` of 正安, ``蒲场镇`` of 绥阳).  A stem of one
    proper character before them, cut off on its left by a break or a word of the clause, is such a name;
    a longer stem (``全县城镇``) or a common first character (``小城镇``) stays a class.
    """
    return (len(stem) == 2 and stem[1] in "城场集" and stem[0] not in _MARKET_TOWN_GENERIC
            and _CJK_STEM.match(stem) is not None)


#: Last characters of a stem that make the suffix part of a common word (``互联互通``, ``信息互通``, ``城中村``).
#: ``公共资源交易中心``, ``产权交易中心``: an agency of trade in rights, not a market.
_BAD_LAST = {"互通": "联认息径动流享", "村": "中乡农", "交易中心": "源权"}
#: Suffixes of a village (a dictionary name ending so is a feature, not a locality's bare name).
VILLAGE_ENDINGS = ("村", "社区")
#: What ends the stem of a corridor's works on its left: the corridor or section named before them.
_WORKS_CUT = re.compile(r"^.*(?:高速公路|高速|公路|铁路|国道|省道|标段|段|线|境内|工程|项目)")
#: A village's stem starts after its township's suffix (``双龙乡杨寺岩村`` is ``杨寺岩村``).
_VILLAGE_CUT = re.compile(r"^.{2,}(?:街道|[镇乡])(?=[\u4e00-\u9fff]{2})")
_CONNECTORS = "至经到"
#: A scenic site's A grade between its place and its class (``南溪4A级风景区``, ``西坡5A景区``).
_SITE_GRADE = re.compile(r"[1-5][Aa]级?$")
_GRADED_SITES = frozenset({"景区", "风景区", "旅游区", "旅游景区", "度假区"})
#: An airport's class between its place and its suffix (``赤水A1级通用机场``).
_AIRPORT_GRADE = re.compile(r"[ABab][1-3]级$")
_JOINERS = "和与及"
#: The township a routed corridor lies in, before its stops (``…区古南街道甲—乙—丙农村公路``: round 10).
_TOWN_LEAD = re.compile(rf"^.{{2,}}?(?:街道|镇|乡)(?=[^{DASH}至]{{2,}}[{DASH}至])")
#: A road's technical grade after its section (``甲至乙段三级公路``: round 10): the grade is no class of its stem.
_ROAD_GRADE = re.compile(r"段[一二三四]级$")
#: A class of road named as an alternative before the suffix (``甲至乙城市干道或快速通道``: round 10).
_ALTERNATIVE = re.compile("(?:" + "|".join(sorted(ALTERNATIVE_ROADS, key=len, reverse=True)) + ")或$")
_SUFFIX_WORDS = tuple(SUFFIXES)
#: Round 10's suffixes of sites, hubs and clusters, whose stems :data:`~geo.scan_words.SITE_GENERIC_STEMS` refuse.
_SITE_WORDS = frozenset({*SITE_SUFFIXES, *HUB_SUFFIXES, *CLUSTER_SUFFIXES})
def _stem_refused(stem: str, word: str, info: Suffix, known: dict[str, tuple[Entry, ...]]) -> bool:
    """Stems that make the suffix a common noun or a fragment, not a name.

    A pronoun or adverb (``那里``, ``另外``); a size class (``大型水库``, ``中(2)型``); a county's own
    name before a class of road (``綦江区公路``: the county's roads, not one road); an end-point
    abbreviation (``贵遵复线``) of exactly two characters.
    """
    if stem in FRAGMENTS or (stem[-1] == "型" and "”" not in stem):
        return True
    if word in _SITE_WORDS and stem.endswith(tuple(SITE_GENERIC_STEMS)):
        return True  # ``口袋公园``, ``中小企业集聚区``, ``交通枢纽中心``: a class of parks, clusters or hubs, not one
    if _QUANTITY.match(stem) or _QUANTITY_INSIDE.search(stem):
        return True  # ``多处高速公路``, ``探访重庆多处…``: a quantity, not a name
    if _DATE.search(stem) or _PERSONAL.search(stem):
        return True  # ``6月15日零时起全国铁路``: a date starts a sentence, not a name
    if info.kind == "corridor" and len(stem) >= 2 and stem[-1] in "上下" and (
            stem[-2] in "能可要去再就才便来好" or (word == "高速" and len(stem) >= 3)):
        return True  # ``才能上高速``, ``在赤水下高速``: getting on or off a road, not a road
    if info.kind == "corridor" and (_FORMS.search(stem) or _PROVINCE.match(stem) or any(
            e.kind == "county" and (not e.bare or e.sub == "province") for e in known.get(stem, ()))):
        # ``双向四车道高速公路``: a standard; ``綦江区公路``, ``重庆高速公路``: a region's roads, not one road
        return True
    if word in LINE_WORKS and stem[0] not in LINE_ENDS:
        return True  # ``这次扩能``: no line's end points before the works
    if word in SECOND_LINES and not any(c in LINE_ENDS for c in stem):
        return True  # ``增建二线``: no line's end points before the second line
    return word in ("复线", "扩容") and not _CJK_STEM.match(stem)


def _county_lead(stem: str, known: dict[str, tuple[Entry, ...]]) -> int:
    """Length of a county's name leading ``stem`` (``九龙坡区``, ``江北``), else 0: where the feature is."""
    return next((n for n in (4, 3, 2) if len(stem) > n and stem[n] != "城"  # ``县城`` is the county's town
                 and any(e.kind == "county" for e in known.get(stem[:n], ()))), 0)


def _county_led(stem: str, known: dict[str, tuple[Entry, ...]]) -> bool:
    """Whether ``stem`` is an in-area county's name followed by two or more characters (``綦江国家``).

    The area's prefecture counts too (``遵义国际``: round 10), though its record is outside the area's counties.
    """
    return any(len(stem) - n >= 2 and any(e.kind == "county" and (e.in_area or e.county in AREA_PREFECTURES)
                                          for e in known.get(stem[:n], ()))
               for n in (2, 3))


def _ends_known_place(text: str, tail: str, known: dict[str, tuple[Entry, ...]]) -> bool:
    """Whether ``tail`` (``綦江``) is a place's name, so that its last character is no river's suffix.

    A short county name outside the area (``蓬江`` of 蓬江区) counts only in a text that also writes
    its full name, as for the in-area rule: ``阿蓬江`` is a river.
    """
    for entry in known.get(tail, ()):
        if len(tail) == 2 and tail[-1] == "江" and entry.kind == "township" and entry.bare:
            continue  # ``乌江是长江上游…``: a one-character river's name is no bare township name (乌江镇)
        if entry.kind != "county" or entry.in_area or not entry.bare or entry.county in text:
            return True
    return False


def county_township(known: dict[str, tuple[Entry, ...]], lead: str, name: str) -> bool:
    """Whether ``name`` is a bare township of the county or locality ``lead`` (``南川`` + ``金山``)."""
    counties = {e.county for e in known.get(lead, ()) if e.kind in ("county", "place")}
    return any(e.kind == "township" and e.bare and e.county in counties for e in known.get(name, ()))


def suffix_mentions(doc: TextIndex, hits: list[tuple[int, int, str]],
                    known: dict[str, tuple[Entry, ...]]) -> list[Mention]:
    """The features named by a suffix, each with its stem read leftwards, and the lists sharing it.

    Parameters
    ----------
    doc : TextIndex
        The text with its dictionary hits (stop words, known names' spans).
    hits : list of (int, int, str)
        Where each suffix of :data:`~geo.scan._lexicon.SUFFIXES` occurs: start, end, suffix.
    known : dict
        The dictionary's entries of the names found in the text, by name.

    Returns
    -------
    list of Mention
        Candidates (``how`` ``suffix``, or ``list`` for the items of a counted or shared-suffix
        list), before overlapping ones are resolved.
    """
    text = doc.text
    out: list[Mention] = []
    for s, e, word in hits:
        info: Suffix = SUFFIXES[word]
        town = info.kind in ("township", "place")
        after = text[e:e + 4]
        if (town and after[:1] in _TOWN_NO_FOLLOW) or (not town and after.startswith(_NO_FOLLOW)):
            continue
        if after[:1] and after[:1] in NATURAL_NO_FOLLOW.get(word, _WORD_NO_FOLLOW.get(word, "")):
            continue  # ``山区``, ``山水``, ``洞口``, ``站间距``: the suffix starts a common word
        if not town and word not in LINE_WORKS:  # ``等28个项目扩能达产``: works of projects, no class of line
            counted = _grammar.counted_list(doc, s, word, info)
            if counted is not None:
                out.extend(counted)
                continue
        lo = left_edge(text, s, info.max_stem + 8, info.kind == "corridor")
        grade = (_AIRPORT_GRADE.search(text, max(0, s - 4), s) if info.sub == "airport"
                 else _SITE_GRADE.search(text, max(0, s - 3), s) if word in _GRADED_SITES else None)
        if grade is not None:
            # ``赤水A1级通用机场``: the class is the name's
            lo = left_edge(text, grade.start(), info.max_stem + 4, False)
        shape = text[lo:lo + 1] in SHAPE_WORDS and lo >= 3 and text[lo - 1] == "”"
        if shape:
            # ``三江“T”型枢纽互通``: the quoted letter belongs to the name
            opening = text.rfind("“", max(0, lo - 6), lo)
            lo = left_edge(text, opening, 8, False) if opening > 0 else lo
        if info.kind == "corridor" and (alternative := _ALTERNATIVE.search(text, max(0, s - 6), s)) is not None:
            # ``甲至乙城市干道或快速通道``: the stem ends before the alternative class, which is the name's
            s = alternative.start()
            lo = left_edge(text, s, info.max_stem + 8, True)
        cut = doc.protect(doc.stop_before(lo, s), lo, e)
        if (s - cut < info.min_stem and len(word) >= 2 and cut > lo and doc.stop_ends_at(cut)
                and text[cut - 1] in _JOINERS and text[cut:s] not in GENERIC_STEMS):
            # a one-character stem before a two-character suffix: the joiner was the name's own
            # (``桐梓县和平水库``); a one-character suffix keeps its conjunction (``松坎和新站``)
            cut -= 1
            fallback = doc.stop_before(lo, cut, tuple(_JOINERS))
            if s - cut < info.min_stem and s - fallback == 2 and not text.endswith(_SUFFIX_WORDS, 0, cut):
                # ``加快推进共和大桥``: a joiner as the second of two characters is the name's own (not after
                # a suffix: ``服务区和收费站``, ``高铁站与景区`` are two features)
                cut = fallback
        while cut < s and text[cut] in _CONNECTORS:
            cut += 1  # a name does not start with an end-point connector (``至重庆枢纽港``)
        stem = text[cut:s]
        if word in WORKS_SUFFIXES and (works := _WORKS_CUT.match(stem)) and len(stem) - works.end() >= 2:
            cut += works.end()
            stem = text[cut:s]
        if word in _NUMBERED_ROADS and (number := _ROAD_NUMBER.search(stem)):
            cut, stem = cut + number.start(), number.group()  # ``习水县土城镇380县道``: the road is ``380县道``
        # an ordinal (``第4纵崇溪河至罗甸``) or an organisation (``…有限公司大娄山服务区``) before it is not the name's
        lead = max([m.end() for m in _ORGANISATION.finditer(stem)] + [o.end() if (o := _ORDINAL.match(stem)) else 0])
        if lead:
            cut, stem = cut + lead, stem[lead:]
        if word in VILLAGE_ENDINGS and (village := _VILLAGE_CUT.match(stem)):
            cut += village.end()
            stem = text[cut:s]
        county_led = False
        if town:
            short = county_cut(stem)
            county_led = len(stem) - len(short) >= 3  # a county's name (``绥阳县``), not ``景区``
            cut += len(stem) - len(short)
            stem = short
        if len(stem) > info.max_stem and info.kind == "corridor" and (town_lead := _TOWN_LEAD.match(stem)):
            cut, stem = cut + town_lead.end(), stem[town_lead.end():]  # the township says where, the stops name it
        if len(stem) > info.max_stem and info.kind != "corridor" and "至" in stem:
            # ``经通惠至隆盛石梁河互通``: a point's name starts after the end-point connector before it
            at = stem.rfind("至") + 1
            cut, stem = cut + at, stem[at:]
        if len(stem) > info.max_stem <= 4:
            # ``驶入黔江站``: a short-stemmed suffix after a known place name takes just that name
            tail = next((stem[-n:] for n in range(info.max_stem, 1, -1) if stem[-n:] in known), "")
            cut, stem = (s - len(tail), tail) if tail else (cut, stem)
        while word in _NATURAL and stem not in known and (
                (len(stem) > 2 and stem[0] in NATURAL_VERBS) or (len(stem) == 2 and stem[0] in "看登爬游逛去到")):
            cut, stem = cut + 1, stem[1:]  # ``再登柏芷山``, ``看双河洞``: the verb is not the name's
        if len(word) == 1 and county_township(known, stem[:-1], stem[-1:] + word):
            continue  # ``经万盛黑山、南川金山到``: a township after its county's name (``黑山``), a dictionary name
        if cut > 0 and text[cut - 1] in "0123456789０１２３４５６７８９" and stem[:1] in "年月日时":
            continue  # ``2024年10月下河截流``: a date's tail, not a name
        if word in _ONE_CHAR_RIVERS and len(stem) == 2 and stem[0] in RIVER_LEAD:
            cut, stem = cut + 1, stem[1:]  # ``而长江入渝``, ``沿长江逆流而上``: the river is ``长江``
        if word in _ONE_CHAR_RIVERS and len(stem) == 1 and (stem in NOT_RIVER or not (cut == lo or doc.stop_ends_at(cut)
                                                                          or text[cut - 1] in RIVER_LEAD)):
            continue  # ``沿江``, ``两江``; a one-character river starts after a break or a verb
        lead = _county_lead(stem, known) if len(stem) > info.max_stem >= 6 else 0
        if lead and info.min_stem <= len(stem) - lead <= info.max_stem:
            cut, stem = cut + lead, stem[lead:]  # ``江北甲乙丙长江大桥``: the county says where, the name follows
        if not (info.min_stem <= len(stem) <= info.max_stem) or stem[-1:] in DASHES:
            continue
        bare = stem[:len(stem) - len(grade.group())] if grade is not None and stem.endswith(grade.group()) else stem
        # ``松坎省际收费站`` is a name
        line = info.kind == "corridor" and len(bare) == 2 and all(c in LINE_ENDS for c in bare)
        # ``綦江国家地质公园``: a county's name before a generic class of site names one site
        line = line or (info.kind in ("project", "logistics") and _county_led(bare, known))
        # ``东岭国家森林公园``: the national grade is part of a site's official name, after its place
        core = bare[:-2] if info.sub == "tourism_project" and len(bare) >= 4 and bare.endswith("国家") else bare
        if info.kind == "corridor" and (road_grade := _ROAD_GRADE.search(core)):
            core = core[:road_grade.start() + 1]  # ``甲至乙段三级公路``: the section names the road
        if not bare or (not line and (generic(core) if word not in WORKS_SUFFIXES else bare in GENERIC_STEMS)):
            continue  # ``成渝地区`` is a region, ``成渝铁路`` a line
        if _stem_refused(stem, word, info, known):
            continue
        if word == "交易中心" and stem[-1] in _BAD_LAST[word]:
            continue  # ``公共资源交易中心``: an agency, not a market
        if word == "延伸线" and _CORRIDOR_INSIDE.search(stem):
            continue  # ``丙丁铁路北延伸线``: the line is named already; ``瓮马南北延伸线`` names one
        if word in _DIRECTION_ROADS and not (text[e:e + 1] in BREAKS or doc.stop_ends_at(e + 2)
                                             or text.startswith(_ROAD_AFTER, e)):
            continue  # ``云南路南石林``: a road's name is followed by a break, a verb or its section
        if word in _NATURAL and (not _CJK_STEM.match(stem) or (word != "河" and stem[-1] in NATURAL_BAD_LAST)
                                 or _CORRIDOR_INSIDE.search(stem)
                                 or (word in _SHORT_NATURAL and _ends_known_place(text, text[s - 1:e], known))):
            continue  # ``那座山``, ``群山``, ``汇川区山…``, ``落实綦江``: no name before the suffix
        # ``梅城镇``: a township called ``…城镇`` where its stem stands alone (after a break, a joiner, a word of
        # the clause or its county), not inside a phrase (``区域城镇化``, ``景区外场镇``)
        named = (word == "镇" and _market_town(stem) and text[e:e + 1] != "化"
                 and (cut == 0 or not _CJK_STEM.match(text[cut - 1]) or text.endswith(STOP_WORDS, 0, cut)
                      or county_led))
        if town and ((not _CJK_STEM.match(stem) and not shape) or (stem[-1] in _TOWN_NOT_BEFORE and not named)
                     or "之" in stem
                     or (word == "村" and stem[-1] in "农") or stem[-1] in _BAD_LAST.get(word, "")):
            continue
        end = right_edge(text, e, info.kind in ("corridor", "project", "logistics")) if not town else e
        sub = info.sub or _grammar.context_mode(text, cut)  # ``黄茅坪支线``: the mode of the corridor words before
        mention = Mention(cut, end, text[cut:end], info.kind, sub, "suffix",
                          via=via(stem) if info.kind == "corridor" else ())
        out.append(mention)
        # ``涉及四面山`` is no list; a second line is its own line's (``渝黔、涪怀二线``: 渝黔 is another line)
        if cut > 0 and text[cut - 1] in "、和及与" and not town and word not in SECOND_LINES and (
                text[cut - 2:cut] == "以及" or text[cut - 2:cut] not in STOP_WORDS):
            out.extend(_grammar.shared_suffix(doc, cut - 1, stem, word, info, known))
        if info.kind == "corridor":
            out.extend(_grammar.routed_neighbours(doc, mention))
    return out
