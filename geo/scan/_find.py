"""Private: find the named, mappable features of a text (dictionary + suffix grammar of planning prose).

Candidates come from several readers, then overlapping ones are resolved (the longest wins; at
equal length a route's stop, then a list item, then a record's name, then a suffix pattern):

- **dictionary**: every known name (:mod:`geo.scan._names`), a township's bare name
  (``赶水``) only between list or route punctuation, a village only with its 村/社区;
- **suffix**: a suffix of :data:`~geo.scan._lexicon.SUFFIXES` with its name read leftwards up to
  punctuation or a stop word, a county prefix dropped from a township, brackets and trailing
  works kept (``渝黔高速原路加宽（南环至綦江段）``) (:mod:`geo.scan._suffix_names`);
- the list and route grammar of :mod:`geo.scan._grammar` (shared suffixes, counted lists,
  end-point lists ``X（…界）至Y``, ``A至B`` neighbours, route chains, bracketed routes),
  :mod:`geo.scan._counted_places` (counted lists of bare places), :mod:`geo.scan._road_names`
  (road codes, numbered lines) and :mod:`geo.scan._lists` (projects of
  ``等N个项目`` lists, places of a route's course, sights beside a named one).
- industrial projects named by their capacity (``甲乙公司年产500万套…项目``): :mod:`geo.scan._capacity_projects`.

Quoted epithets (``被称为“綦江西湖”``, ``“…”之称``) are no features.

Refused (by the suffix reader): generic stems, size classes (``大型``), fragments (``那里``), a
county's own name before a class of road; a corridor's works start after the corridor named before
them, a village after its township.

The text searched may be a simplified-character shadow of the document (same offsets); the
pipeline takes names as written from the document itself.
"""

from __future__ import annotations

import re

from geo.scan import _capacity_projects, _counted_places, _grammar, _lists, _road_names, _suffix_names
from geo.scan._lexicon import SUFFIXES
from geo.scan._names import Dictionary, Entry, holds_area
from geo.scan._suffix_names import VILLAGE_ENDINGS, county_township
from geo.scan._text import Mention, TextIndex, suffix_hits, via

_BARE_SIDE = set("、，。；：—–―－至和与及等（）() \n\t…") | {""}
_PRIORITY = {"route": 0, "list": 1, "dictionary": 2, "suffix": 3}
#: Words after a bare township name that say it is a place (``珞璜境内``, ``贾嗣辖区``).
_LOCATIVES = ("境内", "辖区内", "辖区", "场镇", "集镇")
#: A bare place name between these words is a stop of a route's course (``经通惠至``, ``过赶水后``, ``在北渡进入``).
_COURSE_BEFORE = "经过在从"
_COURSE_AFTER = ("至", "到", "后", "进入", "附近", "一带", "交界")


def _dictionary_mentions(doc: TextIndex, hits: list[tuple[int, int, str, tuple[Entry, ...]]]) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    # starts of bare township names: ``俯瞰三江、石角等场镇`` is a list of two townships
    bare_starts = {s for s, _e, _n, entries in hits if any(x.kind == "township" and x.bare for x in entries)}
    ends: dict[int, dict[str, tuple[Entry, ...]]] = {}
    for _s, e, name, entries in hits:
        ends.setdefault(e, {})[name] = entries
    for s, e, name, entries in hits:
        useful = [x for x in entries if x.kind != "county"]
        if not useful:
            continue
        before, after = text[s - 1:s], text[e:e + 1]
        # a route's course: ``经通惠至隆盛``, ``过赶水后进入贵州``, ``在北渡进入綦江``
        course = before in _COURSE_BEFORE and text.startswith(_COURSE_AFTER, e)
        if all(x.bare for x in useful):
            listed = after in _BARE_SIDE and before in _BARE_SIDE
            located = text.startswith(_LOCATIVES, e)  # ``珞璜境内的…``: the words say it is a place
            located = located or (text[e:e + 1] == "、" and e + 1 in bare_starts)
            # ``推动滨江新城与德感加快…``: a joiner before it and a verb after it, as a list's last item
            joined = bool(before) and before in "与和及" and doc.stop_starting(e, e + 1) == e
            # ``经万盛黑山、南川金山到``: a township after its own county's name, then a list or course mark
            joined = joined or ((after in _BARE_SIDE or after == "到") and any(
                county_township({n: x, name: entries}, n, name) for n, x in ends.get(s, {}).items()))
            if not (listed or located or course or joined) and not (
                    doc.stop_ends_at(s) and after and after in "、和及与至—"):
                continue
        if (all(x.kind == "place" and x.source != "record" for x in useful) and not name.endswith(VILLAGE_ENDINGS)
                and not course):
            continue  # a gazetteer locality's bare name (``万盛``, ``大罗``) is context, not a feature
        first = next((x for x in useful if x.source == "record"), useful[0])
        out.append(Mention(s, e, name, first.kind, first.sub, "dictionary", tuple(entries), via=()))
    return out


#: Quoted epithets: ``被称为“綦江西湖”``, ``有“世界桥梁博物馆”之称``, ``获得“…”“中国楹联文化古镇”等称号``.
_EPITHET_AFTER = re.compile(r"((?:“[^”\n]{2,24}”[、，]?)+)(?:等|的)?(?:称号|之称|美誉|荣誉|美称)")
_EPITHET_BEFORE = re.compile(r"(?:称为|誉为|号称|称作|美称|昵称)(“[^”\n]{2,24}”)")


def _epithets(text: str) -> list[tuple[int, int]]:
    """Spans of quoted epithets: a name inside one is a title of the place, not a feature of its own."""
    spans = [m.span(1) for m in _EPITHET_AFTER.finditer(text)]
    return spans + [m.span(1) for m in _EPITHET_BEFORE.finditer(text)]


def _resolve(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longest first, then by reader priority."""
    candidates.sort(key=lambda m: (m.start - m.end, _PRIORITY[m.how], m.start))
    taken = bytearray()
    kept: list[Mention] = []
    for m in candidates:
        if len(taken) < m.end:
            taken.extend(b"\0" * (m.end - len(taken)))
        if any(taken[m.start:m.end]):
            continue
        taken[m.start:m.end] = b"\1" * (m.end - m.start)
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def counties_named(hits: list[tuple[int, int, str, tuple[Entry, ...]]]) -> list[tuple[int, Entry]]:
    """Offsets of county-level names with their entry, for the in-area rule.

    A county outside the area counts by its short name (``黔江``) only in a text that also writes
    its full name (``黔江区``): short names such as ``南部`` (南部县) are common words elsewhere.
    """
    # a province or prefecture holding the area (``贵州省``, ``遵义市``) does not say where a feature lies
    named = [(s, entry) for s, _e, name, entries in hits for entry in entries
             if entry.kind == "county" and not holds_area(name, entry)]
    full = {entry.county for _, entry in named if not entry.bare}
    out: dict[int, Entry] = {}
    for s, entry in named:
        if s not in out and (entry.in_area or not entry.bare or entry.county in full):
            out[s] = entry
    return sorted(out.items(), key=lambda x: x[0])


def find_mentions(text: str, dictionary: Dictionary,
                  hits: list[tuple[int, int, str, tuple[Entry, ...]]] | None = None) -> list[Mention]:
    """Every named, mappable feature of ``text``, in order of appearance.

    Parameters
    ----------
    text : str
        A document's extracted text.
    dictionary : Dictionary
        The known names.
    hits : list, optional
        ``dictionary.hits(text)`` when the caller has them already.

    Returns
    -------
    list of Mention
    """
    hits = dictionary.hits(text) if hits is None else hits
    doc = TextIndex(text, hits)
    known = {name: entries for _, _, name, entries in hits}
    chains = _grammar.route_chains(text)
    # a route named by its chain spans its stops: it is kept beside them, not resolved against them
    spanning = [m for m in chains if m.kind == "tourism_route" and any(
        x.route == m.name and m.start <= x.start for x in chains if x is not m)]
    candidates = [m for m in chains if m not in spanning] + _grammar.bracket_routes(doc) + _road_names.road_codes(doc)
    candidates += _road_names.numbered_lines(doc) + _road_names.road_works(doc)
    candidates += _counted_places.counted_places(doc, dictionary.entries) + _grammar.end_point_lists(doc)
    candidates += _lists.project_lists(doc, known) + _lists.course_places(doc, known)
    candidates += _lists.sibling_sights(doc, known) + _lists.headed_works(doc)
    candidates += _lists.project_items(doc, known) + _lists.named_hubs_and_roads(doc, known)
    candidates += _capacity_projects.capacity_projects(doc) + _dictionary_mentions(doc, hits)
    candidates += _suffix_names.suffix_mentions(doc, suffix_hits(text), known)
    epithets = _epithets(text)
    mentions = [m for m in _resolve(candidates) if not any(lo <= m.start and m.end <= hi for lo, hi in epithets)]
    mentions = sorted(mentions + spanning, key=lambda m: m.start)
    _rail_loops(text, mentions)
    for m in mentions:
        if not m.entries and m.full_name in known:
            m.entries = known[m.full_name]
        if m.kind == "corridor" and not m.via:
            m.via = via_of(m.name)
    return mentions


#: A loop line of a rail network (``铁路二环线``, ``枢纽东环线``): a railway, not a tourism route.
_RAIL_LOOP = re.compile(r"(?:铁路|枢纽|轨道).{0,3}环线$")


def _rail_loops(text: str, mentions: list[Mention]) -> None:
    """Retype loop lines of a rail network, and the ``、`` list they close, as railways (in place).

    ``环线`` names tourism loops as well (``旅游环线``), so the suffix alone says tourism route; a rail
    word in the name says railway, and so do the items sharing its suffix (``渝黔、黔张常和枢纽东环线``).
    """
    for i, m in enumerate(mentions):
        if m.kind != "tourism_route" or m.how == "route" or not _RAIL_LOOP.search(m.name):
            continue
        m.kind, m.sub = "corridor", "railway"
        later = m
        for item in reversed(mentions[:i]):
            if item.kind != "tourism_route" or item.how != "list" or text[item.end:later.start] not in "、和及与":
                break
            item.kind, item.sub, later = "corridor", "railway", item


def via_of(name: str) -> tuple[str, ...]:
    """End points a corridor's name states (``江津—綦江—万盛—桐梓高速`` -> 江津, 綦江, 万盛, 桐梓), else ()."""
    stem = re.sub(r"[（(][^）)]*[）)]", "", name)
    for word in sorted(SUFFIXES, key=len, reverse=True):
        at = stem.find(word)
        if at > 0 and SUFFIXES[word].kind == "corridor":
            return via(stem[:at])
    return ()
