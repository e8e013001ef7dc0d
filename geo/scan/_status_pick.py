"""Private: which status word of a stretch governs a mention (the clause model, for ``_classify``).

A status word is the predicate of its comma clause: it speaks for the names coordinated with it
there, before it (``A、B基本完工``) or after it (``完工投产A、B等20个项目``); a word in another clause
reaches the mention only when that clause names nothing.  A word after the mention that leads
another name (``A及规划中的B``) is that name's.  Of the words that may speak, the nearest wins, a
run of adjacent words after the mention counting as its last one; generic words and targets are
penalised.  A list (``A、B和C``) is read as one: distances after it count from its end.
"""

from __future__ import annotations

from geo import config
from geo.scan._status_words import _CLAUSE_ENDS, _PROGRESS, _WEAK, _bounds, _target, _verb_led_item, _words

#: Score added to a generic word or a target, so that a specific word farther away wins.
_WEAK_PENALTY = 80
#: The mask's byte inside the name of a feature of a status kind (``_classify.STATUS_KINDS``; 1 inside any other name).
FEATURE = 2


def pick(text: str, words: list[tuple[int, int, str, str]], start: int, end: int,
         cap: int, mask: bytes | bytearray = b"", weak: bool = True) -> tuple[str, str] | None:
    """The status word of ``words`` that governs the mention ``text[start:end]``, with its status.

    Parameters
    ----------
    text : str
        The document's text.
    words : list of (int, int, str, str)
        Status words of a stretch (start, end, word, status), as :func:`~geo.scan._status_words._words`
        gives them.
    start, end : int
        The mention's offsets (or the point a lead or a list head is read for).
    cap : int
        Farthest a word after the mention may be.
    mask : bytes, optional
        The names' mask (:func:`geo.scan._classify.name_mask`).
    weak : bool
        Whether generic words after the mention count.

    Returns
    -------
    tuple of (status, word) or None
        The nearest word by distance, weak words and targets penalised; None when no word speaks
        for the mention.
    """
    best: tuple[int, str, str] | None = None
    index = 0
    while index < len(words):
        w_start, w_end, word, status = words[index]
        now = status == "under_construction" and "正" in text[max(0, w_start - 3):w_start]
        if w_start >= end and (leads_other(text, mask, words[index], end) or (not weak and word in _WEAK and not now)
                               or word in config.STATUS_BUILD_VERBS or governs_other(text, mask, w_start, end)):
            index += 1
            continue
        if w_start >= end:
            # a run of adjacent words after the mention counts as its last word
            while (index + 1 < len(words) and words[index + 1][0] - w_end <= 2
                   and not (words[index + 1][2] in _PROGRESS and word not in _PROGRESS)):
                index += 1
                w_end, word, status = words[index][1], words[index][2], words[index][3]
            if text.startswith(("的", "中的"), w_end):
                index += 1
                continue  # ``A首个建成并正式投用的站房``: the run describes the noun after it
            distance = w_start - end
            # a later clause of the present (``…，目前全线正加快推进路面施工``) says the sentence's subject's state
            limit = len(text) if text.startswith(config.STATUS_NOW_CLAUSES, _bounds(text, w_start, w_start,
                                                                                    _CLAUSE_ENDS)[0]) else cap
        elif w_end <= start:
            distance = start - w_end
            limit = len(text)  # a list's lead-in (``规划…，包括A、B``) speaks for the whole sentence
            if governs_other(text, mask, w_start, start) or describes_other(text, mask, w_end, start):
                index += 1
                continue
        elif w_start == start and _verb_led_item(text, mask, w_start, w_end):
            distance, limit = 0, 0  # the verb the finder took into the mention's own name
        else:
            index += 1
            continue
        score = distance + (_WEAK_PENALTY if (word in _WEAK and not now) or _target(text, w_start) else 0)
        if distance <= limit and (best is None or score < best[0]):
            best = (score, status, word)
        index += 1
    return (best[1], best[2]) if best else None


def governs_other(text: str, mask: bytes | bytearray, w_start: int, mention: int) -> bool:
    """A word in another comma clause than the mention's that names features of its own: it governs those.

    The clause model: a predicate speaks for the names coordinated with it in its clause, before it
    (``A、B基本完工``) or after it (``完工投产A、B等20个项目``); only a clause that names nothing lends
    its word to a neighbour (``规划8条铁路，包括A、B``; ``A，目前正加快建设``).
    """
    lo, hi = sorted((w_start, mention))
    if not any(c in _CLAUSE_ENDS for c in text[lo:hi]):
        return False  # the mention's own clause
    m_lo = _bounds(text, mention, mention, _CLAUSE_ENDS)[0]
    c_lo, c_hi = _bounds(text, w_start, w_start, _CLAUSE_ENDS)
    if (w_start < mention and text.startswith(config.STATUS_LIST_JOINERS, m_lo) and text[m_lo - 1:m_lo] in "，,"
            and not any(c in _CLAUSE_ENDS and c not in "，," for c in text[w_start:m_lo - 1])
            and not _words(text, c_hi, m_lo, mask)):
        # ``计划新建A，以及B``: a clause opening with a joiner continues the list before it, also over
        # comma clauses that are items themselves and state nothing (``已建成A、B三条干道，两条轨道线，以及C``)
        return False
    return any(mask[c_lo:c_hi])


def describes_other(text: str, mask: bytes | bytearray, w_end: int, mention: int) -> bool:
    """A word before the mention that describes another name (``拟建的A起于B``): it is A's, and A's list's.

    An attributive (``…的``, ``…中的``) speaks for the noun right after it; the mention takes it only when
    it is that noun or an item of the list that noun opens (``已建成的A、B``).
    """
    after = w_end + (2 if text.startswith("中的", w_end) else 1 if text.startswith("的", w_end) else 0)
    if after == w_end or after >= mention or after >= len(mask) or not mask[after]:
        return False
    first = after
    while first < len(mask) and mask[first]:
        first += 1
    between = text[list_end(text, first, mask):mention]
    # the attributive's list may go on after a count or a class noun (``已建成的A、B三条干道，…以及C``)
    return bool(between) and not any(c in _CLAUSE_ENDS or c in "、和及与" for c in between)


def leads_other(text: str, mask: bytes | bytearray, word: tuple[int, int, str, str], end: int) -> bool:
    """A word after the mention that leads another name (``A及规划中的B``): it is B's, not A's."""
    w_end = word[1]
    if text.startswith(("的", "中的"), w_end) and w_end > end:
        return True  # an attributive (``A和规划中的B``) describes the noun after it
    for i in range(w_end, min(len(text), w_end + 4)):
        if i < len(mask) and mask[i] and i > end:
            return True
        if text[i] in _CLAUSE_ENDS or text[i] in "、和及与":
            return False
    return False

def list_end(text: str, end: int, mask: bytes | bytearray) -> int:
    """End of the list a mention ending at ``end`` opens or continues (``A、B和C``: the end of C).

    The items are other names found (``mask``) joined by ``、``/``和``/``与``/``及``/``以及``; a mention
    that no list follows keeps its own end.
    """
    while end < len(text):
        joiner = 2 if text.startswith("以及", end) else 1 if text[end:end + 1] in "、和与及" else 0
        nxt = end + joiner
        if not joiner or nxt >= len(mask) or not mask[nxt]:
            return end
        while nxt < len(mask) and mask[nxt]:
            nxt += 1
        end = nxt
    return end
