"""Private: stage from a document's layout (for ``_classify``): list heads, headings, line-per-item lists, networks.

A list head (``（一）续建项目``, ``③续建项目``, ``新开工项目：A、B``) speaks for its items down to the next
numbered heading.  A list written one item per line (``今年续建的项目共有3条，分别是：`` then a name on each
line) takes the stage of the line that opens it.  The members of a road network named as a plan's target
(``以“两纵两横”为目标…。两纵——A、B；两横——C、D``) are planned.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from geo import config
from geo.scan._status_words import _BUILD, _WEAK, _automaton, positions

#: A heading line numbered in Chinese (``（二）``, ``二、``, ``第二章``) or circled (``③``): a list head's items
#: end there.
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEADING = re.compile(rf"[ \t\u3000]*(?:[（(][{_CN}]+[）)]|[{_CN}]+、|第[{_CN}百]+[章节]|[{_CIRCLED}])")
#: A list head: an optional number, a few words holding a status word, ``项目`` or ``工程``, an optional
#: count (``（12个）``), then the end of the line or a colon (``新开工项目：A、B``).
_LIST_HEAD = re.compile(rf"[ \t\u3000]*(?:[（(][{_CN}\d]+[）)]|[{_CN}\d]+[、.．]|[{_CIRCLED}])?[ \u3000]*"
                        r"([\u4e00-\u9fff]{1,8}?(?:类)?(?:项目|工程))(?:[（(][^）)\n]{0,12}[）)])?"
                        r"(?:[：:]|[ \t\u3000]*$)")
#: An item of a numbered list (``1. …``, ``（1）…``, ``2、…``).
_ITEM = re.compile(r"[ \t\u3000]*(?:\d{1,2}[.、．]|[（(]\d{1,2}[）)])")
_LINES_UP = 80


def _head_status(line: str) -> tuple[str, str] | None:
    """The status a list head line states (``（一）续建项目`` -> under construction), or None if not a head."""
    found = _LIST_HEAD.match(line)
    if found is None:
        return None
    specific = [(last, len(w), s, w) for last, (w, s) in _automaton().iter(found.group(1))
                if w not in _WEAK and s != _BUILD]
    return max(specific)[2:] if specific else None


def _list_head(text: str, start: int, mask: bytes | bytearray) -> tuple[str, str] | None:
    """The status of the list head over the mention: its own line's (``新开工项目：A、B``) or a line above.

    The lines above are walked up to the nearest head; a Chinese-numbered heading on the way
    (``（三）…``) ends the head's list, so it does not speak for what follows the next heading.
    """
    line = text.rfind("\n", 0, start) + 1
    own = text[line:start]
    colon = max(own.rfind("："), own.rfind(":")) + 1
    if colon and not any(mask[line:line + colon]):  # ``甲乙高速扩建工程：…`` is a name, not a head
        head = _head_status(own[:colon])
        if head is not None:
            return head
    starts, marks = _head_lines(text)
    lines = positions(text, "\n")
    above = bisect.bisect_left(lines, line)  # newlines before the mention's line
    first = lines[above - _LINES_UP] if above > _LINES_UP else 0
    index = bisect.bisect_left(starts, line)
    while index > 0:
        index -= 1
        prev, stop, heading, head = marks[index]
        if prev < first:
            return None
        if head is not None and not any(mask[prev:stop]):
            return head
        if heading:
            return None
    return None


@lru_cache(maxsize=16)
def _head_lines(text: str) -> tuple[list[int], list[tuple[int, int, bool, tuple[str, str] | None]]]:
    """List-head and numbered-heading lines of ``text``: their starts, and (start, end, heading, head status).

    Computed once per document, so each mention looks its head up by bisection.
    """
    out: list[tuple[int, int, bool, tuple[str, str] | None]] = []
    pos = 0
    for row in text.split("\n"):
        head = _head_status(row) if len(row) <= 30 else None
        heading = _HEADING.match(row) is not None
        if head is not None or heading:
            out.append((pos, pos + len(row), heading, head))
        pos += len(row) + 1
    return [m[0] for m in out], out



#: A line of a one-item-per-line list: short, no clause inside (a trailing ``；``/``。`` or a bracketed note allowed).
_ITEM_LINE = re.compile(r"[ \t\u3000]*[^，,。；;：:！？!?\n]{2,40}?[；;。，,、]?"
                        r"(?:[（(][^）)\n]{0,30}[）)])?[ \t\u3000]*")
_ITEMS_UP = 60
#: What may follow the names on an item's line: a closing mark and a note in brackets.
_REST = re.compile(r"[；;。，,、 \t\u3000]*(?:[（(][^）)\n]{0,30}[）)])?[ \t\u3000]*")


def _item_line(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` is one line of a one-item-per-line list (and no heading nor list head)."""
    row = text[lo:hi]
    return (_ITEM_LINE.fullmatch(row) is not None and _HEADING.match(row) is None
            and _head_status(row) is None)


def item_lead(text: str, start: int, end: int, mask: bytes | bytearray) -> tuple[int, int] | None:
    """The opening line of the one-item-per-line list the mention is an item of: its (start, colon) offsets.

    Plans and work reports list projects one per line under a line ending in a colon
    (``今年续建的高速公路项目共有3条，分别是：``); every item takes that line's stage.  The mention's
    line must hold nothing but names (``mask``) and a note; the lines above, up to the opening line,
    must be items too (blank lines between them allowed).
    """
    line = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    rest = "".join(c for i, c in enumerate(text[end:stop], end) if not mask[i])
    if text[line:start].strip(" \t\u3000") or _REST.fullmatch(rest) is None:
        return None
    for _ in range(_ITEMS_UP):
        prev_end = line - 1
        while prev_end > 0 and text[prev_end - 1] in "\n \t\u3000":
            prev_end -= 1
        if prev_end <= 0:
            return None
        line = text.rfind("\n", 0, prev_end) + 1
        row = text[line:prev_end]
        if row.endswith(("：", ":")):
            return line, prev_end - 1
        if not _item_line(text, line, prev_end):
            return None
    return None


#: A member list's label of a network (``两纵——``, ``具体是：三横：``) and a network's name in quotes (``“四纵三横”``).
_NETWORK_LABEL = re.compile(r"(?:[^：:]{0,20}[：:])?[ \t\u3000]*[一二两三四五六七八九十\d]{1,2}[纵横联环射](?:线)?"
                            r"(?:——|—|：|:)")
_NETWORK_NAME = re.compile(r"“[^”\n]{0,20}[纵横联环射][^”\n]{0,20}”")


def network_member(text: str, start: int) -> tuple[str, str] | None:
    """Planned, for an item of a road network's member list when the network is named as a plan's target.

    ``…将以“两纵两横”为目标，建成…公路网。两纵两横具体是：两纵——A、B；两横——C、D``: the members of a
    network a plan sets out to build are planned (:data:`geo.config.STATUS_NETWORK_TARGETS` in the sentence
    naming the network in quotes, within 400 characters before).
    """
    lo = max(text.rfind(c, 0, start) for c in "；;。！？\n") + 1
    if _NETWORK_LABEL.match(text, lo) is None:
        return None
    window = text[max(0, lo - 400):lo]
    for found in _NETWORK_NAME.finditer(window):
        s_lo = max(window.rfind(c, 0, found.start()) for c in "。！？\n") + 1
        s_hi = min((i for i in (window.find(c, found.end()) for c in "。！？\n") if i >= 0), default=len(window))
        sentence = window[s_lo:s_hi]
        marker = next((m for m in config.STATUS_NETWORK_TARGETS if m in sentence), None)
        if marker is not None:
            return "planned", marker
    return None
