"""Private: stage from the sentences around a mention that states none (for ``_classify``).

When the mention's own sentence states no stage, a neighbouring sentence may: a colon's lead for the
``；``-separated items after it (``…布局：A为甲；B为乙``), the lead-in sentence of a run of labelled lines
(``六横：A、B…``), the sentence that closes a numbered list, and the next sentence when it names
nothing and continues the mention's topic (``甲乙高速又有新进展：…。目前各项工程建设有序推进。``).
"""

from __future__ import annotations

import re

from geo import config
from geo.scan._status_heads import _ITEM
from geo.scan._status_pick import FEATURE, list_end, pick
from geo.scan._status_story import story_end
from geo.scan._status_words import _CLAUSE_ENDS, _SENTENCE_ENDS, _WEAK, _bounds, _words

#: Ends of a sentence for carrying a stage to the next one, and what may stand between two sentences.
_STOPS = "。！？!?\n"
_SPACE = "\n \t\u3000"
_CARRY_START = re.compile(rf"(?:[^，,。！？\n]{{1,10}}(?:{'|'.join(config.STATUS_SPEAKER_VERBS)})[，,：:])?"
                          rf"(?:{'|'.join(config.STATUS_CARRY_STARTS)}|\d{{4}}年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?[，,])")


def labelled(text: str, line: int) -> bool:
    """Whether the line at ``line`` is labelled: ``六横：…``, or a feature as its label (``A高速：…``)."""
    label = text.find("：", line, line + 11)
    # a caption (``（图：…）``) is no label
    return label >= 0 and not any(c in _SENTENCE_ENDS + "（(【[" for c in text[line:label])


def colon_lead(text: str, start: int, mask: bytes | bytearray) -> tuple[str, str] | None:
    """Items of a colon's enumeration split by ``；`` take the lead before the colon (``…布局：A为甲；B为乙``).

    The first item shares the lead's sentence; the later ones, after a ``；``, are read from it too.
    """
    lo, _hi = _bounds(text, start, start, "。！？!?\n")
    colon = text.rfind("：", lo, start)
    if colon < 0:
        return None
    # a place in the lead (``某新城规划区内的在建项目：``) is where, not what: only a feature's name counts
    words = [w for w in _words(text, lo, colon, mask) if FEATURE not in mask[slice(*_bounds(text, w[0], w[0],
                                                                                            _CLAUSE_ENDS))]]
    return pick(text, words, colon, colon, len(text), mask)  # a lead that names a feature describes that one


def lead_in(text: str, start: int, end: int, mask: bytes | bytearray) -> tuple[str, str] | None:
    """A labelled list line (``六横：A、B…``) takes the status of the sentence that introduces it.

    Consecutive labelled lines (``合璧津高速公路：…`` / ``永津高速公路：…``) share the lead-in of the
    sentence before the first of them (``…各个在建项目都有好消息。``).
    """
    line = text.rfind("\n", 0, start) + 1
    if line == 0 or not labelled(text, line) or text.find("：", line) > max(start, end):
        return None
    if any(c in "。！？!?" for c in text[line:start]):
        return None  # a run-in heading over prose (``铁路圆梦：…。…``): its later sentences are not the list
    for _ in range(12):
        prev_end = line - 1
        while prev_end > 0 and text[prev_end - 1] in "\n \t\u3000":
            prev_end -= 1
        prev_line = text.rfind("\n", 0, prev_end) + 1
        if prev_end <= 0 or prev_line == 0 or not labelled(text, prev_line):
            break
        line = prev_line
    prev_start = max(text.rfind(c, 0, prev_end - 1) for c in "。！？\n") + 1
    if prev_end - prev_start > 200:
        return None
    words = _words(text, prev_start, prev_end, mask)
    picked = pick(text, words, prev_end, prev_end, len(text))
    return picked


def closing(text: str, start: int, mask: bytes | bytearray) -> tuple[str, str] | None:
    """A numbered list's items take the status of the sentence that closes the list, if it names nothing else.

    A proposal lists its items (``1. A：…`` / ``2. B：…``) and then says what to do with them all
    (``加快推进项目前期工作``).
    """
    line = text.rfind("\n", 0, start) + 1
    if not _ITEM.match(text, line):
        return None
    nxt = text.find("\n", start)
    while nxt >= 0:
        following = nxt + 1
        while following < len(text) and text[following] in "\n \t\u3000":
            following += 1
        if following >= len(text):
            return None
        if not _ITEM.match(text, following):
            break
        nxt = text.find("\n", following)
    else:
        return None
    stop = min((i for i in (text.find(c, following) for c in "。！？\n") if i >= 0), default=len(text))
    if any(mask[following:stop]):
        return None  # the closing sentence names its own features
    picked = pick(text, _words(text, following, stop, mask), following, following, len(text))
    return picked if picked is not None and picked[1] not in _WEAK else None


def carried(text: str, start: int, mask: bytes | bytearray) -> tuple[str, str] | None:
    """The stage of the next sentence, when it names nothing and the mention is its own sentence's first name.

    A feature introduced as a sentence's topic (``甲乙高速又有新进展：…。``) is what the next sentence
    speaks of when that one names nothing (``目前各项工程建设有序推进。``, ``2025年，高铁如期开通。``).
    """
    lo, hi = _bounds(text, start, start, _STOPS)
    opens = text[lo:start].strip(_SPACE + "「“『（(") == ""
    topic = opens or text.startswith(("这一", "该"), list_end(text, start, mask))
    if not topic or any(mask[lo:start]) or hi >= len(text):
        return None
    nxt = hi + 1
    while nxt < len(text) and text[nxt] in _SPACE + "」”』":
        nxt += 1
    stop = _bounds(text, nxt, nxt, _STOPS)[1]
    if nxt >= len(text) or any(mask[nxt:stop]) or _CARRY_START.match(text, nxt) is None:
        return None
    picked = pick(text, _words(text, nxt, stop, mask), nxt, nxt, len(text), mask)
    if picked is None or picked[1] in _WEAK:
        return None
    # the next sentence may tell a story (``项目从2017年5月开建，用了29个月建成``): its last step is the state now
    at = text.find(picked[1], nxt, stop)
    return (story_end(text, at + len(picked[1]), picked[0], mask) if at >= 0 else None) or picked
