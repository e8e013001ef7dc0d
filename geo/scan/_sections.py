"""Private: the heading path of every character of a document (第三章 / 第二节 / 专栏3-1, 一、/（一）/1.).

Chinese plans number their headings in a fixed hierarchy: 第X章 > 第X节 > 一、 > （一） > 1. / 1、,
with boxes (专栏3-1) standing apart from the prose.  A feature cites its place as the seeds'
``source`` column does: ``专栏3-1`` inside a box, else ``第三章第一节`` (plus the lower headings).
Text extraction often loses a heading's number (a chapter title on its own line without
``第三章``); such a short unnumbered title is numbered from its neighbours: a title followed by
``第一节`` after a chapter that had sections opens the next chapter, one between ``第二节`` and
``第四节`` is ``第三节``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_CN_DIGITS = "〇一二三四五六七八九"
_NUM = r"[一二三四五六七八九十百〇零]+"
_CHAPTER = re.compile(rf"^第({_NUM})章")
_SECTION = re.compile(rf"^第({_NUM})节")
_BOX = re.compile(r"^专栏\s*(\d+\s*[-－—–]\s*\d+|\d+)")
_LEVEL3 = re.compile(rf"^({_NUM})、")
_LEVEL4 = re.compile(rf"^[（(]({_NUM})[）)]")
_LEVEL5 = re.compile(r"^(\d{1,2})[.、．](?!\d)")
_FIGURE = re.compile(r"^(图|表)\s*\d")
_TITLE = re.compile(r"^[\u4e00-\u9fff“”\"《》·]{4,24}$")


def cn_number(text: str) -> int:
    """Value of a Chinese numeral up to 99 (``十二`` -> 12, ``二十`` -> 20)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.index(tens) if tens else 1) * 10 + (_CN_DIGITS.index(ones) if ones else 0)
    value = 0
    for char in text:
        if char in _CN_DIGITS:
            value = value * 10 + _CN_DIGITS.index(char)
    return value


def cn_numeral(value: int) -> str:
    """Chinese numeral of 1..99 as headings write it (12 -> ``十二``)."""
    if value < 10:
        return _CN_DIGITS[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


@dataclass(frozen=True, slots=True)
class Heading:
    """The heading path in force from ``start`` on."""

    start: int
    chapter: str = ""
    section: str = ""
    box: str = ""
    lower: tuple[str, ...] = ()

    def citation(self) -> str:
        """The path as the seeds' ``source`` cites it: ``专栏3-1``, ``第三章第一节``, ``第三章第一节 一、（二）``."""
        if self.box:
            return self.box
        head = self.chapter + self.section
        return " ".join(p for p in (head, "".join(self.lower)) if p)


class Sections:
    """Heading paths of one text, looked up by character offset."""

    def __init__(self, headings: list[Heading]) -> None:
        self.headings = headings
        self._starts = [h.start for h in headings]

    def at(self, offset: int) -> Heading:
        """The heading path in force at ``offset``."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.headings[index] if index >= 0 else Heading(0)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _numbered(lines: list[tuple[int, str]]) -> list[tuple[int, str, str, int]]:
    """Every heading line as (offset, level, text, number); unnumbered titles get numbers from neighbours."""
    found: list[tuple[int, str, str, int]] = []
    for start, raw in lines:
        line = raw.strip().replace("\u3000", "")
        if (m := _CHAPTER.match(line)) is not None:
            found.append((start, "chapter", line, cn_number(m.group(1))))
        elif (m := _SECTION.match(line)) is not None:
            found.append((start, "section", line, cn_number(m.group(1))))
        elif _TITLE.match(line) and raw[:1] in (" ", "\u3000", "\t"):
            found.append((start, "title", line, 0))
    # number the titles: next heading 第一节 -> a chapter; between 第n-1节 and 第n+1节 -> 第n节
    out: list[tuple[int, str, str, int]] = []
    chapter, section = 0, 0
    for i, (start, level, line, number) in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        if level == "title":
            if following and following[1] == "section" and following[3] == 1:
                level, number = "chapter", chapter + 1
            elif following and following[1] == "section" and following[3] == section + 2:
                level, number = "section", section + 1
            else:
                continue
        if level == "chapter":
            chapter, section = number, 0
        else:
            section = number
        out.append((start, level, line, number))
    return out


def parse_sections(text: str) -> Sections:
    """The heading paths of ``text`` (one paragraph per line).

    Parameters
    ----------
    text : str
        A document's extracted text.

    Returns
    -------
    Sections
        Look-up of the heading path at any offset.
    """
    lines = _lines(text)
    major = {start: (level, number) for start, level, _, number in _numbered(lines)}
    headings: list[Heading] = [Heading(0)]
    chapter = section = box = ""
    lower: list[str] = []
    for start, raw in lines:
        line = raw.strip().replace("\u3000", "")
        current = headings[-1]
        if start in major:
            level, number = major[start]
            if level == "chapter":
                chapter, section = f"第{cn_numeral(number)}章", ""
            else:
                section = f"第{cn_numeral(number)}节"
            box, lower = "", []
        elif (m := _BOX.match(line)) is not None:
            box = "专栏" + re.sub(r"\s|[－—–]", lambda c: "-" if c.group() != " " else "", m.group(1))
        elif box and not line:
            box = ""
        elif (m := _LEVEL3.match(line)) is not None:
            lower = [m.group(0)]
        elif (m := _LEVEL4.match(line)) is not None:
            lower = lower[:1] + [f"（{m.group(1)}）"]
        elif (m := _LEVEL5.match(line)) is not None and not box:
            lower = lower[:2] + [f"{m.group(1)}."]
        elif _FIGURE.match(line) and not box:
            pass
        else:
            continue
        heading = Heading(start, chapter, section, box, tuple(lower))
        if (heading.chapter, heading.section, heading.box, heading.lower) != (
                current.chapter, current.section, current.box, current.lower):
            headings.append(heading)
    return Sections(headings)
