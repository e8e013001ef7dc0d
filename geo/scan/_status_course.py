"""Private: a feature named as a point of another work's course states no stage of its own (for ``_classify``).

A report describes a work by its course and its neighbours: ``项目起于甲乙高速百合互通``, ``拟建桥址东接A、B``,
``位于A西侧``, ``西起A，东到B``, ``并与A相接``.  The clause's predicate (``拟建``, ``规划面积…``, ``开工``) is the
work's, the subject of the sentence; the feature named as a landmark is only where it runs.  Such a landmark
takes a stage only from its own attributive (``北接在建中的A``, ``接已建的A``); otherwise it states none.  The
vocabulary is :data:`geo.scan_words.STATUS_COURSE_LEADS` (before the landmark) and
:data:`geo.scan_words.STATUS_COURSE_JOINS` (after it, with ``与``/``和`` before: ``与A相接``).
"""

from __future__ import annotations

from geo import scan_words
from geo.scan._status_pick import list_end, pick
from geo.scan._status_words import _CLAUSE_ENDS, _WEAK, _bounds, _words

#: Joiners of a list of landmarks (``东接A、B``) and the longest attributive between a lead and its landmark.
_JOINERS = "、和及与"
_ATTRIBUTIVE = 10


def _list_start(text: str, start: int, mask: bytes | bytearray, lo: int) -> int:
    """Start of the list of names the mention ends (``东接A、B``: the start of A), not before ``lo``."""
    i = start
    while i - 1 > lo and text[i - 1] in _JOINERS and mask[i - 2]:
        i -= 1
        while i > lo and mask[i - 1]:
            i -= 1
    return i


def course_point(text: str, start: int, end: int, name: str,
                 mask: bytes | bytearray) -> tuple[str | None, str] | None:
    """The stage of a landmark of another work's course: its attributive's, or none; None when not a landmark.

    Parameters
    ----------
    text : str
        The document's text.
    start, end : int
        The mention's offsets.
    name : str
        The name as written (the finder may have taken the lead into it: ``西起A``).
    mask : bytes
        The names' mask (:func:`geo.scan._classify.name_mask`).

    Returns
    -------
    tuple of (status or None, word) or None
        ``(None, "")`` for a landmark with no attributive stage, the attributive's stage, or None when the
        mention is no landmark (the usual reading applies).
    """
    if name.startswith(scan_words.STATUS_COURSE_LEADS):
        return None, ""
    lo = _bounds(text, start, start, _CLAUSE_ENDS)[0]
    first = _list_start(text, start, mask, lo)
    before = text[lo:first]
    for cut in range(min(len(before), _ATTRIBUTIVE) + 1):
        head = before[:len(before) - cut]
        if cut and not before.endswith("的"):
            break
        if head.endswith(scan_words.STATUS_COURSE_LEADS):
            if cut and not _stage_attributive(text, first - cut, first, mask):
                return None  # ``连接甲镇与乙镇的A``: a relative clause describing A, the subject
            return _attributive(text, first - cut, first, mask)
    tail = list_end(text, end, mask)
    if text.startswith(scan_words.STATUS_COURSE_JOINS, tail) and before.endswith(("与", "和", "同")):
        return None, ""
    return None


def _stage_attributive(text: str, lo: int, hi: int, mask: bytes | bytearray) -> bool:
    """Whether ``text[lo:hi]`` is a stage attributive (``在建中的``, ``已建的``): a stage word opens it."""
    words = _words(text, lo, hi, mask)
    return bool(words) and words[0][0] - lo <= 2 and hi - words[-1][1] <= 2


def _attributive(text: str, lo: int, hi: int, mask: bytes | bytearray) -> tuple[str | None, str]:
    """The stage of an attributive between a course lead and its landmark (``在建中的``), else none."""
    words = [w for w in _words(text, lo, hi, mask) if w[2] not in _WEAK]
    picked = pick(text, words, hi, hi, len(text), mask) if words else None
    return picked if picked is not None else (None, "")
