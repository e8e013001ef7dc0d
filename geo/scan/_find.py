"""Private: find the named, mappable features of a text (dictionary + suffix grammar of planning prose).

Candidates come from four readers, then overlapping ones are resolved (the longest wins; at
equal length a route's stop, then a record's name, then a suffix pattern):

- **dictionary**: every known name (:mod:`geo.scan._names`), a township's bare name
  (``赶水``) only between list or route punctuation;
- **suffix**: a suffix of :data:`~geo.scan._lexicon.SUFFIXES` with its name read leftwards up to
  punctuation or a stop word, a county prefix dropped from a township, brackets and trailing
  works kept (``渝黔高速原路加宽（南环至綦江段）``);
- **list**: items before it that share its suffix (``篆塘—坭坝、丁山—寨坝、丁山—坭坝快速路``);
- **route**: the stops, in order, of a ``…环线：A—B—C`` chain.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from geo.scan._lexicon import BREAKS, DASHES, GENERIC_STEMS, STOP_WORDS, SUFFIXES, TRAILERS, Suffix
from geo.scan._names import Dictionary, Entry

_OPEN, _CLOSE = "（(", "）)"
_BARE_SIDE = set("、，。；：—–－至和与及等（）() \n\t") | {""}
_NO_FOLLOW = ("运输", "发展", "增长", "主体", "经济", "网络", "体系", "企业", "管理", "时代", "化", "运量",
              "客流", "里程", "密度")
_TOWN_NO_FOLLOW = tuple("村域级长镇")
_CJK_STEM = re.compile(r"^[\u4e00-\u9fff]+$")
#: ``乡镇``, ``城镇``, ``集镇``, ``场镇``, ``四镇``, ``乡村``: the character before the suffix makes it generic.
_TOWN_NOT_BEFORE = frozenset("乡城集场一二三四五六七八九十两几多各每全")
_ROUTE_LABEL = re.compile(r"([^\s，。；：:、]{2,20}(?:线路|环线|精品线|旅游线))[：:]")
_DASH = re.escape(DASHES)
_SPLIT_VIA = re.compile(rf"[{_DASH}]|至")
_PRIORITY = {"route": 0, "list": 1, "dictionary": 2, "suffix": 3}


@dataclass(slots=True)
class Mention:
    """One named feature found in a text.

    Attributes
    ----------
    start, end : int
        Character offsets of the words that name it.
    name : str
        The name as written (a shared suffix appended for a list item: ``篆塘—坭坝快速路``).
    kind, sub : str
        The scanner's kind and the seeds' sub-kind (mode, kind or level), when the words say it.
    how : str
        ``dictionary``, ``suffix``, ``list`` or ``route``.
    entries : tuple of Entry
        The dictionary's entries for the name, if it is known.
    via : tuple of str
        Ordered places the name itself names (end points ``A至B``, ``A—B—C``; a route's stops).
    route : str
        For a route's stop: the route's name; ``seq`` its position (1-based).
    """

    start: int
    end: int
    name: str
    kind: str
    sub: str
    how: str
    entries: tuple[Entry, ...] = ()
    via: tuple[str, ...] = ()
    route: str = ""
    seq: int = 0


@lru_cache(maxsize=1)
def _suffix_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in SUFFIXES:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _stop_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in STOP_WORDS:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _suffix_hits(text: str) -> list[tuple[int, int, str]]:
    """Occurrences of suffixes, a shorter one inside a longer one dropped (``镇`` in ``古镇``)."""
    found = [(last + 1 - len(w), last + 1, w) for last, w in _suffix_automaton().iter(text)]
    found.sort(key=lambda h: (h[0] - h[1], h[0]))
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, word in found:
        if any(i in taken for i in range(start, end)):
            continue
        kept.append((start, end, word))
        taken.update(range(start, end))
    return sorted(kept)


class _Text:
    """A text with its stop words and known names indexed for the left-edge rule."""

    def __init__(self, text: str, hits: list[tuple[int, int, str, tuple[Entry, ...]]]) -> None:
        self.text = text
        stops = sorted((last + 1, last + 1 - n) for last, n in _stop_automaton().iter(text))
        self.stop_ends = [e for e, _ in stops]
        self.stop_starts = [s for _, s in stops]
        solid = sorted((s, e) for s, e, _, entries in hits if not all(x.bare for x in entries))
        self.name_starts = [s for s, _ in solid]
        self.name_ends = [e for _, e in solid]

    def stop_before(self, lo: int, hi: int) -> int:
        """End of the rightmost stop word inside ``[lo, hi)``, or ``lo``."""
        i = bisect.bisect_right(self.stop_ends, hi) - 1
        while i >= 0 and self.stop_ends[i] > lo:
            if self.stop_starts[i] >= lo:
                return self.stop_ends[i]
            i -= 1
        return lo

    def protect(self, cut: int, lo: int, hi: int) -> int:
        """Move ``cut`` left to the start of a known name that it would split (``打通镇`` is not ``通镇``)."""
        i = bisect.bisect_left(self.name_starts, lo)
        while i < len(self.name_starts) and self.name_starts[i] < cut:
            if cut < self.name_ends[i] <= hi:
                return self.name_starts[i]
            i += 1
        return cut

    def stop_ends_at(self, pos: int) -> bool:
        i = bisect.bisect_left(self.stop_ends, pos)
        return i < len(self.stop_ends) and self.stop_ends[i] == pos


def _left_edge(text: str, start: int, span: int, dash: bool) -> int:
    """Leftmost position reachable from ``start`` without crossing punctuation (brackets skipped whole)."""
    i, limit = start, max(0, start - span)
    while i > limit:
        ch = text[i - 1]
        if ch in _CLOSE:
            j = max(text.rfind("（", limit, i - 1), text.rfind("(", limit, i - 1))
            if j < 0:
                break
            i = j
            continue
        if ch in BREAKS or ch in _OPEN or (ch in DASHES and not dash) or ch.isdigit() and not dash:
            break
        i -= 1
    return i


def _right_edge(text: str, end: int, corridor: bool) -> int:
    """Extend a name over a bracket (``（一期）``, ``（南环至綦江段）``) and a corridor's works (``改线``)."""
    for _ in range(3):
        moved = False
        if end < len(text) and text[end] in _OPEN:
            close = min((c for c in (text.find("）", end, end + 26), text.find(")", end, end + 26)) if c > 0),
                        default=-1)
            inner = text[end + 1:close] if close > 0 else ""
            if close > 0 and not any(p in inner for p in "，。；,;：") and "、" not in inner:
                end, moved = close + 1, True
        if corridor:
            for word in TRAILERS:
                if text.startswith(word, end):
                    end, moved = end + len(word), True
                    break
        if not moved:
            break
    return end


def _generic(stem: str) -> bool:
    return stem in GENERIC_STEMS or any(stem.endswith(g) for g in GENERIC_STEMS if len(g) >= 2)


def _county_cut(stem: str) -> str:
    """``黔江区正阳`` -> ``正阳``: a township's or village's stem starts after its county's name."""
    for i in range(len(stem) - 2, 0, -1):
        if stem[i] in "区县市" and len(stem) - i - 1 >= 2:
            return stem[i + 1:]
    return stem


def _via(stem: str) -> tuple[str, ...]:
    parts = [p.strip("段 ") for p in _SPLIT_VIA.split(stem)]
    return tuple(p for p in parts if p) if len(parts) >= 2 else ()


def _suffix_mentions(doc: _Text, hits: list[tuple[int, int, str]]) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    for s, e, word in hits:
        info: Suffix = SUFFIXES[word]
        town = info.kind in ("township", "place")
        after = text[e:e + 4]
        if (town and after[:1] in _TOWN_NO_FOLLOW) or (not town and after.startswith(_NO_FOLLOW)):
            continue
        dash = info.kind == "corridor"
        lo = _left_edge(text, s, info.max_stem + 8, dash)
        cut = doc.protect(doc.stop_before(lo, s), lo, e)
        stem = text[cut:s]
        if town:
            short = _county_cut(stem)
            cut += len(stem) - len(short)
            stem = short
        if not (info.min_stem <= len(stem) <= info.max_stem) or _generic(stem) or stem[-1:] in DASHES:
            continue
        if town and (not _CJK_STEM.match(stem) or stem[-1] in _TOWN_NOT_BEFORE or (word == "村" and stem[-1] in "农")):
            continue
        end = _right_edge(text, e, info.kind in ("corridor", "project", "logistics")) if not town else e
        via = _via(stem) if info.kind == "corridor" else ()
        out.append(Mention(cut, end, text[cut:end], info.kind, info.sub, "suffix", via=via))
        if cut > 0 and text[cut - 1] == "、" and not town:
            out.extend(_shared_suffix(doc, cut - 1, stem, word, info))
    return out


_ITEM = re.compile(rf"^[\u4e00-\u9fffA-Za-z0-9]{{2,6}}(?:[{_DASH}至][\u4e00-\u9fffA-Za-z0-9]{{2,6}})*$")


def _shared_suffix(doc: _Text, comma: int, stem: str, word: str, info: Suffix) -> list[Mention]:
    """Items before ``comma`` that share the suffix ``word`` of ``stem`` (same shape, no suffix of their own)."""
    text = doc.text
    routed = bool(_SPLIT_VIA.search(stem))
    if not _ITEM.match(stem) or not routed:
        return []
    out: list[Mention] = []
    pos = comma
    while pos > 0 and text[pos] == "、":
        lo = _left_edge(text, pos, 20, True)
        cut = doc.stop_before(lo, pos)
        item = text[cut:pos]
        if (not _ITEM.match(item) or bool(_SPLIT_VIA.search(item)) != routed
                or any(item.endswith(w) for w in SUFFIXES)):
            break
        via = _via(item) if info.kind == "corridor" else ()
        out.append(Mention(cut, pos, item + word, info.kind, info.sub, "list", via=via))
        if cut != lo:
            break
        pos = cut - 1
    return out


def _route_mentions(text: str) -> list[Mention]:
    """Stops of ``…线路：A—B—C`` chains, in order, each with its route's name."""
    out: list[Mention] = []
    for label in _ROUTE_LABEL.finditer(text):
        begin = label.end()
        stop = min((i for i in (text.find(c, begin) for c in "。；\n") if i >= 0), default=len(text))
        chain = text[begin:stop]
        if sum(chain.count(d) for d in DASHES) < 1:
            continue
        seq, pos = 0, begin
        stops: list[Mention] = []
        for part in re.split(rf"([{_DASH}、和及])", chain):
            if part and part not in DASHES and part not in "、和及":
                name = part.split("等")[0].strip()
                if 2 <= len(name) <= 30:
                    seq += 1
                    stops.append(Mention(pos, pos + len(name), name, "tourism_stop", "", "route",
                                         route=label.group(1), seq=seq))
            pos += len(part)
        if len(stops) >= 2:
            out.append(Mention(label.start(1), label.end(1), label.group(1), "tourism_route", "", "route",
                               via=tuple(m.name for m in stops)))
            out.extend(stops)
    return out


def _dictionary_mentions(doc: _Text, hits: list[tuple[int, int, str, tuple[Entry, ...]]]) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    for s, e, name, entries in hits:
        useful = [x for x in entries if x.kind != "county"]
        if not useful:
            continue
        if all(x.bare for x in useful):
            before, after = text[s - 1:s], text[e:e + 1]
            if after not in _BARE_SIDE or not (before in _BARE_SIDE or doc.stop_ends_at(s)):
                continue
        first = next((x for x in useful if x.source == "record"), useful[0])
        out.append(Mention(s, e, name, first.kind, first.sub, "dictionary", tuple(entries), via=()))
    return out


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


def counties_named(text: str, dictionary: Dictionary) -> list[tuple[int, Entry]]:
    """Offsets of county-level names with their entry, for the in-area rule.

    A county outside the area counts by its short name (``黔江``) only in a text that also writes
    its full name (``黔江区``): short names such as ``南部`` (南部县) are common words elsewhere.
    """
    hits = [(s, entry) for s, _e, _name, entries in dictionary.hits(text) for entry in entries
            if entry.kind == "county"]
    full = {entry.county for _, entry in hits if not entry.bare}
    out: dict[int, Entry] = {}
    for s, entry in hits:
        if s not in out and (entry.in_area or not entry.bare or entry.county in full):
            out[s] = entry
    return sorted(out.items(), key=lambda x: x[0])


def find_mentions(text: str, dictionary: Dictionary) -> list[Mention]:
    """Every named, mappable feature of ``text``, in order of appearance.

    Parameters
    ----------
    text : str
        A document's extracted text.
    dictionary : Dictionary
        The known names.

    Returns
    -------
    list of Mention
    """
    hits = dictionary.hits(text)
    doc = _Text(text, hits)
    candidates = _route_mentions(text)
    candidates += _dictionary_mentions(doc, hits)
    candidates += _suffix_mentions(doc, _suffix_hits(text))
    mentions = _resolve(candidates)
    known = {name: entries for _, _, name, entries in hits}
    for m in mentions:
        if not m.entries and m.name in known:
            m.entries = known[m.name]
        if m.kind == "corridor" and not m.via:
            m.via = via_of(m.name)
    return mentions


def via_of(name: str) -> tuple[str, ...]:
    """End points a corridor's name states (``江津—綦江—万盛—桐梓高速`` -> 江津, 綦江, 万盛, 桐梓), else ()."""
    stem = re.sub(r"[（(][^）)]*[）)]", "", name)
    for word in sorted(SUFFIXES, key=len, reverse=True):
        at = stem.find(word)
        if at > 0 and SUFFIXES[word].kind == "corridor":
            return _via(stem[:at])
    return ()
