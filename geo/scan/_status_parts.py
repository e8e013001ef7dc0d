"""Private: a part's stage is not the whole's (for ``_classify``).

News often reports works part by part after naming the whole: ``甲乙高速全长80公里，东山段已于去年
建成通车；西河段…``, ``东山物流中心：一期…已完工投用；二期工程正在场平``.  A clause that opens with a part
(a section ``…段``, a phase ``一期``/``二期``/``首期``, ``部分``) speaks for that part: its completion is not
the whole's (unless every part is said together: ``一期、二期均已完工``).  When one part is done and
another is still being built, the whole is under construction.
"""

from __future__ import annotations

import re

from geo import config
from geo.scan._status_words import _words, later_clauses

#: Ends of the stretch a whole's parts are reported in (a ``；`` does not end it).
_REPORT_ENDS = "。！？!?\n"
#: A clause opening with a part of the works: a section (``东山段``, not ``全段``/``该段``/``路段``), a phase.
_PART_OPENS = re.compile(r"(?:其中)?(?:(?![全该这此本路])[\u4e00-\u9fff]{1,5}段(?!时间|落)|[一二三四五首]期|部分)")
#: The stages of a part still being built (``二期工程正在场平``: ``正在`` and a verb of works).
_ONGOING = frozenset({"under_construction", "start_construction"})


def part_clauses(text: str, end: int, mask: bytes | bytearray) -> list[tuple[int, int]]:
    """The clauses after the mention's own that open with a part of the works, up to the sentence's end.

    Reading stops at a clause that names a feature (the clause model: that one is its subject now).
    """
    out: list[tuple[int, int]] = []
    for lo, hi in later_clauses(text, end, _REPORT_ENDS, mask):
        opening = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip(" \t\u3000"))
        if _PART_OPENS.match(text, opening) and not any(w in text[lo:hi] for w in config.STATUS_CLASS_ALL):
            # ``一期、二期均已完工``: every part said together is the whole
            out.append((lo, hi))
    return out


def parts_stage(text: str, parts: list[tuple[int, int]], mask: bytes | bytearray) -> tuple[str, str] | None:
    """Under construction when one part is done and another is still being built; else None."""
    done = ongoing = ""
    for lo, hi in parts:
        stages = {w[3]: w[2] for w in _words(text, lo, hi, mask)}
        if "existing" in stages and not done:
            done = stages["existing"]
        elif (_ONGOING & stages.keys() or config.STATUS_PRESENT_MARKERS[-1] in text[lo:hi]) and not ongoing:
            ongoing = next((stages[s] for s in _ONGOING if s in stages), config.STATUS_PRESENT_MARKERS[-1])
    return ("under_construction", f"{done}…{ongoing}") if done and ongoing else None


def outside_parts(words: list[tuple[int, int, str, str]],
                  parts: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """``words`` without those of the part clauses (a part's stage is its own)."""
    return [w for w in words if not any(lo <= w[0] < hi for lo, hi in parts)]


def report_stage(text: str, start: int, end: int, mask: bytes | bytearray) -> tuple[str, str] | None:
    """Under construction for a work heading a line of progress (``A工程：甲已完成；乙正在施工``) that is partly done.

    A work bulletin gives each work a line, its name as the label, then the steps of its works: some done
    (``桩基已全部完成``), some going on (``路面工程正在施工``).  Each clause after the colon is a part of the
    works, so a step done is not the whole's completion; one done and another going on make the whole
    under construction (as :func:`parts_stage` for sections).  None when the line says otherwise.
    """
    line = text.rfind("\n", 0, start) + 1
    if text[line:start].strip(" \t\u3000") or text[end:end + 1] not in ("：", ":"):
        return None
    stop = min((i for i in (text.find(c, end) for c in _REPORT_ENDS) if i >= 0), default=len(text))
    if any(mask[end:stop]):
        return None  # the line names other features: their stages are theirs
    return parts_stage(text, list(later_clauses(text, end, _REPORT_ENDS, mask)), mask)
