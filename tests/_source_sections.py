"""Sections of the source documents, for the tests that check records against them.

Plain functions over a dict of document number (``"000"`` ... ``"004"``) -> text, so that
they work with any ``source_documents`` fixture of that shape.  ``section_text(docs,
"001 专栏4-2")`` gives one box of the plan, ``"001 第三章第三节"`` the prose of one section
(its boxes and figure captions excluded: they are sections of their own), ``"001 第三章"``
a whole chapter, ``"000"`` a whole article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

#: Headings of the plan whose chapter/section number was lost in the text file.
_UNNUMBERED_HEADINGS = {"规划背景": ("第一章", None), "总体思路": ("第二章", None),
                        "推进基础设施互联互通": ("第三章", None),
                        "推动渝南黔北文化旅游融合发展": ("第四章", "第三节")}


def normalize_text(text: str) -> str:
    """NFKC-fold and drop every space and line break, so names broken across lines still match."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def section_text(documents: Mapping[str, str], citation: str) -> str:
    """Text of a cited section; KeyError when the document has no such section."""
    doc, _, part = citation.strip().partition(" ")
    if not part:
        return documents[doc]
    if doc != "001":
        raise KeyError(f"{citation!r}: only the plan (001) has sections")
    return plan_sections(documents["001"])[part]


@lru_cache(maxsize=2)
def plan_sections(text: str) -> dict[str, str]:
    """Chapter, chapter-section and 专栏 texts of the plan, keyed ``第三章``, ``第三章第三节``, ``专栏3-1``."""
    sections: dict[str, list[str]] = {}
    chapter = section = box = None
    for raw in text.splitlines():
        line = raw.strip().replace("\u3000", "")
        chap = re.match(r"^(第[一二三四五六七八九十]章)", line)
        sect = re.match(r"^(第[一二三四五六七八九十]节)", line)
        bare = _UNNUMBERED_HEADINGS.get(line)
        if chap or bare:
            chapter, section = (chap.group(1), None) if chap else bare
            box = None
            continue
        if sect:
            section, box = sect.group(1), None
            continue
        boxed = re.match(r"^专栏(\d+-\d+)", line)
        if boxed:
            box = boxed.group(1)
            sections.setdefault(f"专栏{box}", []).append(line)
            continue
        if box and not line:
            box = None
            continue
        if box:
            sections[f"专栏{box}"].append(line)
        elif chapter and not line.startswith("图"):
            sections.setdefault(chapter, []).append(line)
            if section:
                sections.setdefault(chapter + section, []).append(line)
    return {key: "\n".join(lines) for key, lines in sections.items()}
