"""Private: the pieces the finder's readers share — a mention, the text with its stop words indexed,
the left and right edges of a name, the end points a name states."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from geo.scan._lexicon import BREAKS, DASHES, GENERIC_STEMS, STOP_WORDS, SUFFIXES, TRAILERS
from geo.scan._names import Entry

OPEN, CLOSE = "（(", "）)"
DASH = re.escape(DASHES)
SPLIT_VIA = re.compile(rf"[{DASH}]|至")
#: A list item: a short name, or end points ``A—B`` / ``A至B``.
#: A section after a corridor's name (``江津至綦江段``, ``重庆段``, ``重遵扩容段``), kept in its name.
SECTION = re.compile(r"(?:[\u4e00-\u9fff]{1,6}至[\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{2,5})段")
#: Words that make a phrase of a would-be section (``建设阶段``, ``拥堵路段``, ``的一段``).
_NOT_SECTION = ("阶", "路段", "建设", "施工", "的", "在", "和", "与", "是", "为", "将", "一", "这", "那", "该", "各")
ITEM = re.compile(rf"^[\u4e00-\u9fffA-Za-z0-9]{{2,8}}(?:[{DASH}至][\u4e00-\u9fffA-Za-z0-9]{{2,8}})*$")


@dataclass(slots=True)
class Mention:
    """One named feature found in a text.

    Attributes
    ----------
    start, end : int
        Character offsets of the words that name it.
    name : str
        The name as written (a list item without the suffix it shares: ``篆塘—坭坝``).
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
    full : str
        The name with the suffix a list shares (``篆塘—坭坝快速路``), what records are matched by;
        empty when it is ``name``.
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
    full: str = ""

    @property
    def full_name(self) -> str:
        """The name to match records by: :attr:`full`, else :attr:`name`."""
        return self.full or self.name


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


def suffix_hits(text: str) -> list[tuple[int, int, str]]:
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


class TextIndex:
    """A text with its stop words and known names indexed for the left-edge rule."""

    def __init__(self, text: str, hits: list[tuple[int, int, str, tuple[Entry, ...]]]) -> None:
        self.text = text
        # ``自`` of ``自治县`` or ``自然`` is not the preposition ``自`` (``道真自治县关口水库`` keeps its county)
        stops = sorted((last + 1, last + 1 - n) for last, n in _stop_automaton().iter(text)
                       if not (n == 1 and text[last] == "自" and text[last + 1:last + 2] in ("治", "然")))
        self.stop_ends = [e for e, _ in stops]
        self.stop_starts = [s for _, s in stops]
        self.stop_starts_sorted = sorted(self.stop_starts)
        solid = sorted((s, e) for s, e, _, entries in hits if not all(x.bare for x in entries))
        self.name_starts = [s for s, _ in solid]
        self.name_ends = [e for _, e in solid]

    def stop_before(self, lo: int, hi: int, skip: tuple[str, ...] = ()) -> int:
        """End of the rightmost stop word inside ``[lo, hi)`` (other than those of ``skip``), or ``lo``."""
        i = bisect.bisect_right(self.stop_ends, hi) - 1
        while i >= 0 and self.stop_ends[i] > lo:
            if self.stop_starts[i] >= lo and self.text[self.stop_starts[i]:self.stop_ends[i]] not in skip:
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

    def stop_starting(self, lo: int, hi: int) -> int:
        """Start of the first stop word inside ``[lo, hi)``, or ``hi``."""
        i = bisect.bisect_left(self.stop_starts_sorted, lo)
        return self.stop_starts_sorted[i] if i < len(self.stop_starts_sorted) and self.stop_starts_sorted[i] < hi \
            else hi

    def stop_ends_at(self, pos: int) -> bool:
        i = bisect.bisect_left(self.stop_ends, pos)
        return i < len(self.stop_ends) and self.stop_ends[i] == pos


def left_edge(text: str, start: int, span: int, dash: bool) -> int:
    """Leftmost position reachable from ``start`` without crossing punctuation (brackets skipped whole)."""
    i, limit = start, max(0, start - span)
    while i > limit:
        ch = text[i - 1]
        if ch in CLOSE:
            j = max(text.rfind("（", limit, i - 1), text.rfind("(", limit, i - 1))
            if j < 0:
                break
            i = j
            continue
        if ch in BREAKS or ch in OPEN or (ch in DASHES and not dash) or ch.isdigit() and not dash:
            break
        if ch in DASHES and text[i - 2:i - 1] in DASHES and i - 2 >= 0:
            break  # ``——`` is a dash of prose (``地位突出——川黔铁路``), not a route separator
        i -= 1
    return i


#: A realignment after a corridor named by the place it bypasses (``210国道铝厂改线``, ``…新城段改线``: round 9).
_REALIGNED = re.compile(r"([\u4e00-\u9fff]{1,4}?)改线")


def right_edge(text: str, end: int, corridor: bool) -> int:
    """Extend a name over a bracket (``（一期）``, ``（南环至綦江段）``), a corridor's section and works.

    ``兰海高速重庆至遵义段（贵州境）扩容工程`` is one name: the section (``重庆至遵义段``), the
    bracket and the works (``扩容工程``) are the corridor's, and a works word inside the name is
    no status of its neighbours.
    """
    for _ in range(4):
        moved = False
        if end < len(text) and text[end] in OPEN:
            close = min((c for c in (text.find("）", end, end + 26), text.find(")", end, end + 26)) if c > 0),
                        default=-1)
            inner = text[end + 1:close] if close > 0 else ""
            alias = inner.startswith(("以下", "下称", "简称", "又称", "即")) or "称" in inner[:4]  # ``（以下称“…”）``
            if close > 0 and not alias and not any(p in inner for p in "，。；,;：") and "、" not in inner:
                end, moved = close + 1, True
        section = SECTION.match(text, end) if corridor else None
        if section is not None and not any(word in section.group() for word in _NOT_SECTION):
            end, moved = section.end(), True
        if corridor:
            for word in TRAILERS:
                if text.startswith(word, end):
                    end, moved = end + len(word), True
                    break
            realigned = _REALIGNED.match(text, end)
            if not moved and realigned is not None and not any(w in realigned.group(1) for w in STOP_WORDS):
                end, moved = realigned.end(), True  # ``210国道铝厂改线``: a realignment named by its place
        if not moved:
            break
    return end


#: A grade before a class of features (``国家级著名旅游景区``, ``省级示范园``): a class, not a name.
_GRADES = ("国家级", "省级", "市级", "县级", "区级")


def generic(stem: str) -> bool:
    """A stem that makes its suffix a common noun (``特色镇``, ``国家公园``), not a name."""
    return (stem in GENERIC_STEMS or stem[-1] in "级省" or stem[0] in "条个座处" or stem.startswith(_GRADES)
            or (len(stem) <= 4 and any(stem.endswith(g) for g in GENERIC_STEMS if len(g) >= 2)))


def county_cut(stem: str) -> str:
    """``黔江区正阳`` -> ``正阳``: a township's or village's stem starts after its county's name."""
    for i in range(len(stem) - 2, 0, -1):
        if stem[i] in "区县市" and len(stem) - i - 1 >= 2:
            return stem[i + 1:]
    return stem


def via(stem: str) -> tuple[str, ...]:
    parts = [p.strip("段 ") for p in SPLIT_VIA.split(stem)]
    return tuple(p for p in parts if p) if len(parts) >= 2 else ()


def list_zone_start(text: str, end: int, limit: int) -> int:
    """Where the list closed at ``end`` starts: back over its ``、`` items to a break, at most ``limit`` characters.

    Counted lists (``A、B、C等3个项目``, ``A、B等3镇``) are read back from their count; one
    rule for where their first item begins, so the lists of places and of projects agree.
    """
    start = end
    while start > 0 and end - start < limit and (text[start - 1] not in BREAKS or text[start - 1] == "、"):
        start -= 1
    return start

