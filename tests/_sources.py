"""Test helper: the five source documents and their sections, for checking citations.

The documents (``../shared/seeds/*.txt``: ``001`` is the plan, ``000``/``002``/
``003``/``004`` press articles) are read in tests only, never at run time.
:class:`SourceDocuments` maps a document number (``"001"``) to its text and
finds the text of a cited section (``"001 专栏3-1"``, ``"001 第三章"``,
``"001 第三章第一节"``, or a bare ``"002"`` for the whole article).

The plan's text has quirks that the section finder knows about: chapters one
to three and section 3 of chapter four have headings without their number
(a short line starting with a space), and a picture marker splits one line in
第三章第一节 (``…桐[image: image1.jpg]sk`` / `` 梓高速…``); :func:`plain` removes
such markers and all white space before names are matched.
"""

from __future__ import annotations

import re
from pathlib import Path

_NUMERALS = "一二三四五六七八九十"
_CHAPTER = re.compile(rf"^\s*第([{_NUMERALS}]+)章")
_SECTION = re.compile(rf"^\s*第([{_NUMERALS}]+)节")
_BOX = re.compile(r"^\s*专栏(\d+-\d+)")
_CITATION = re.compile(rf"^(?P<doc>\d{{3}})(?: (?:第(?P<chapter>[{_NUMERALS}]+)章(?:第(?P<section>[{_NUMERALS}]+)节)?|专栏(?P<box>\d+-\d+)))?$")
_IMAGE = re.compile(r"\[image:[^\]]*\][A-Za-z]*")


def numeral(n: int) -> str:
    """Chinese numeral of 1..19 (``3`` -> ``三``)."""
    return _NUMERALS[n - 1] if n <= 10 else "十" + _NUMERALS[n - 11]


def plain(text: str) -> str:
    """Text without picture markers and white space, for matching names that a line break splits."""
    return re.sub(r"\s+", "", _IMAGE.sub("", text))


def _unnumbered_heading(line: str) -> bool:
    stripped = line.strip()
    return (line.startswith((" ", "\u3000")) and 0 < len(stripped) <= 20
            and not stripped.startswith(("图", "第", "专栏")) and not re.search(r"[：。，；]", stripped))


class SourceDocuments(dict):
    """Document number -> full text, with :meth:`section` to cut out a cited part."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.paths: dict[str, Path] = {}
        for path in sorted(folder.glob("*.txt")):
            number = path.stem.split("_", 1)[0]
            self[number] = path.read_text("utf-8")
            self.paths[number] = path
        self._sections: dict[str, dict[str, str]] = {n: self._split(t) for n, t in self.items()}

    @staticmethod
    def _split(text: str) -> dict[str, str]:
        """Section key (``第三章``, ``第三章第一节``, ``专栏3-1``) -> text, for one document."""
        parts: dict[str, list[str]] = {}
        chapter = section = box = None
        chapters_seen = sections_seen = 0
        numbered_chapters = False
        for line in text.splitlines():
            if (m := _CHAPTER.match(line)) or (not numbered_chapters and _unnumbered_heading(line)):
                if m:
                    numbered_chapters = True
                    chapters_seen = _NUMERALS.index(m.group(1)[-1]) + 1 if len(m.group(1)) == 1 else chapters_seen + 1
                else:
                    chapters_seen += 1
                chapter, section, box, sections_seen = f"第{numeral(chapters_seen)}章", None, None, 0
            elif chapter and ((m := _SECTION.match(line)) or _unnumbered_heading(line)):
                sections_seen = _NUMERALS.index(m.group(1)) + 1 if m else sections_seen + 1
                section, box = f"{chapter}第{numeral(sections_seen)}节", None
            elif m := _BOX.match(line):
                box = f"专栏{m.group(1)}"
            elif box and not line.strip():
                box = None
            for key in (chapter, section, box):
                if key:
                    parts.setdefault(key, []).append(line)
        return {key: "\n".join(lines) for key, lines in parts.items()}

    def section(self, citation: str) -> str:
        """Text of a citation as written in the records' ``source`` column.

        Raises
        ------
        KeyError
            For an unknown document or a section the document does not have.
        """
        m = _CITATION.match(citation.strip())
        if not m or m.group("doc") not in self:
            raise KeyError(f"{citation!r}: not a citation of one of the documents {sorted(self)!r}")
        doc = m.group("doc")
        if m.group("box"):
            key = f"专栏{m.group('box')}"
        elif m.group("chapter"):
            key = f"第{m.group('chapter')}章" + (f"第{m.group('section')}节" if m.group("section") else "")
        else:
            return self[doc]
        if key not in self._sections[doc]:
            raise KeyError(f"{citation!r}: document {doc} has no {key}; known: {sorted(self._sections[doc])!r}")
        return self._sections[doc][key]
