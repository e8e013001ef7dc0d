"""Private: a state said of a class of works speaks for its members (``…车站站房已全部建成``).

A report often states one stage for a whole class (``全线11座车站站房已全部建成``, ``沿线各站均已完工``)
and then describes the members one by one, each the subject of a sentence that states no stage.  A
member (a name ending in the class's head, ``…站``) with no stage of its own takes the stage of such
a sentence in its own paragraph or the paragraph before, when the sentence comes before it, names the
class (:data:`geo.config.STATUS_CLASS_NOUNS`) and says the stage is the whole class's
(:data:`geo.config.STATUS_CLASS_ALL`: ``全部``, ``均``).
"""

from __future__ import annotations

import re

from geo import config
from geo.scan._status_words import _CLAUSE_ENDS, _WEAK, _bounds, _words

#: A class's noun followed in its clause by a word of the whole class.
_CLASS_CLAUSES: dict[str, re.Pattern[str]] = {
    head: re.compile(rf"(?:{'|'.join(nouns)})[^，,。；;！？!?\n]{{0,12}}?(?:{'|'.join(config.STATUS_CLASS_ALL)})")
    for head, nouns in config.STATUS_CLASS_NOUNS.items()
}


#: What ends a member's sentence, and what may stand before its subject.
_SENTENCE_STOPS = "。！？!?；;\n"
_SPACE = " \t\u3000"


def _paragraph_start(text: str, pos: int) -> int:
    """Start of the paragraph before the one holding ``pos`` (blank lines skipped)."""
    line = text.rfind("\n", 0, pos) + 1
    prev = line - 1
    while prev > 0 and text[prev - 1] in "\n \t\u3000":
        prev -= 1
    return text.rfind("\n", 0, prev) + 1 if prev > 0 else 0


def class_state(text: str, start: int, name: str, mask: bytes | bytearray) -> tuple[str, str] | None:
    """The stage a sentence before the mention states for the whole class its name ends in, if any.

    Parameters
    ----------
    text : str
        The document's text.
    start : int
        The mention's offset.
    name : str
        The name as written; its last character decides the class (``…站``).
    mask : bytes
        One byte per character, non-zero inside names found (status words there are theirs).

    Returns
    -------
    tuple of (str, str) or None
        The status and the words that gave it (``全部…建成``), or None.
    """
    pattern = _CLASS_CLAUSES.get(name[-1:]) if name else None
    if pattern is None or text[_bounds(text, start, start, _SENTENCE_STOPS)[0]:start].strip(_SPACE):
        return None  # a member is described in a sentence of its own, as its subject
    lo = _paragraph_start(text, start)
    picked: tuple[str, str] | None = None
    for match in pattern.finditer(text, lo, start):
        clause_lo, hi = _bounds(text, match.start(), match.end(), _CLAUSE_ENDS)
        if any(marker in text[clause_lo:match.end()] for marker in config.STATUS_FUTURE_MARKERS):
            continue  # a target for the class (``预计年底车站全部建成``) is no state
        whole = next(a for a in config.STATUS_CLASS_ALL if match.group(0).endswith(a))
        # the stage word follows the word of the whole class in its clause (``全部建成``)
        words = _words(text, match.end(), min(hi, start), mask)
        if words and words[0][2] not in _WEAK and words[0][0] - match.end() <= 2:
            picked = (words[0][3], whole + words[0][2])
    return picked
