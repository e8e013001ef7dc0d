"""Private: a feature's status from the words around it (vocabulary: :data:`geo.config.STATUS_WORDS`).

The clause model.  A status word is the predicate of its comma clause (``，；。：`` end one): it
speaks for the names coordinated with it there, whether it leads their list (``开工建设A、B``,
``完工投产A、B等20个项目``) or follows it (``A、B基本完工``); a word in another clause reaches the
mention only when that clause names nothing (a lead-in ``规划8条铁路，包括A、B``, or a predicate
``A，目前正加快建设``).  The mention's own clause is read first, then its sentence (words after it
within 25 characters, a lead-in before it at any distance), every word scored by its distance; a
run of adjacent words after it counts as its last one (``前期工作有序推进``); generic verbs count only
when nothing more specific is said; ``推进A、B等铁路和C站建设`` is under construction.  Stage from structure,
when the sentence says nothing specific: a list head over the mention (``（一）续建项目``), a
colon's lead for the ``；``-separated items after it, a labelled line's lead-in sentence, a
numbered list's closing sentence, the next sentence when it names nothing and continues the
mention's topic (``甲乙高速又有新进展：…。目前各项工程建设有序推进。``); works in the feature's own
name make it an upgrade.  Layout (``_status_heads``): list heads and
numbered or circled headings (``③续建项目``), a list one item per line under its opening line
(``…分别是：``), a network's members under a plan's target; a copular kind of works (``A是…改造工程``)
does not override a stage said of A before.  A later clause of the present (``…，目前全线正加快推进路面施工``) reaches
the subject at any distance.  What counts as a word, and when a word states no current state:
``_status_words``; a stage said of the mention's whole class (``车站站房已全部建成``): ``_status_class``.
"""

from __future__ import annotations

import re

from geo import config
from geo.scan._status_class import class_state
from geo.scan._status_heads import _ITEM, _list_head, item_lead, network_member
from geo.scan._status_words import (
    _CLAUSE_ENDS,
    _PROGRESS,
    _SENTENCE_ENDS,
    _WEAK,
    _bounds,
    _target,
    _verb_led_item,
    _words,
)
from geo.scan._status_words import positions as positions  # re-exported: ``_place`` looks offsets up here

#: Kinds that carry a status (the seeds' corridors, logistics and projects).
STATUS_KINDS: frozenset[str] = frozenset({"corridor", "logistics", "project"})
_WEAK_PENALTY = 80
#: The mask's byte inside the name of a feature of :data:`STATUS_KINDS` (1 inside any other name).
_FEATURE = 2
#: Farthest a status word outside the feature's comma clause may be (characters).
_SENTENCE_CAP = 25
#: Ends of a sentence for carrying a stage to the next one, and what may stand between two sentences.
_STOPS = "。！？!?\n"
_SPACE = "\n \t\u3000"
_CARRY_START = re.compile(rf"(?:[^，,。！？\n]{{1,10}}(?:{'|'.join(config.STATUS_SPEAKER_VERBS)})[，,：:])?"
                          rf"(?:{'|'.join(config.STATUS_CARRY_STARTS)}|\d{{4}}年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?[，,])")


def name_mask(length: int, spans: list[tuple[int, int, str]]) -> bytearray:
    """The mask :func:`classify_status` reads: 2 inside a name of a status kind, 1 inside any other name.

    ``spans`` are the mentions' (start, end, kind) in a text of ``length`` characters.
    """
    mask = bytearray(length)
    for start, end, kind in sorted(spans, key=lambda s: s[2] in STATUS_KINDS):
        mask[start:end] = bytes([_FEATURE if kind in STATUS_KINDS else 1]) * (end - start)
    return mask


def _pick(text: str, words: list[tuple[int, int, str, str]], start: int, end: int,
          cap: int, mask: bytes | bytearray = b"", weak: bool = True) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    index = 0
    while index < len(words):
        w_start, w_end, word, status = words[index]
        now = status == "under_construction" and "正" in text[max(0, w_start - 3):w_start]
        if w_start >= end and (_leads_other(text, mask, words[index], end) or (not weak and word in _WEAK and not now)
                               or word in config.STATUS_BUILD_VERBS or _governs_other(text, mask, w_start, end)):
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
            if _governs_other(text, mask, w_start, start):
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


def _governs_other(text: str, mask: bytes | bytearray, w_start: int, mention: int) -> bool:
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


def _leads_other(text: str, mask: bytes | bytearray, word: tuple[int, int, str, str], end: int) -> bool:
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


def classify_status(text: str, start: int, end: int, kind: str, name: str,
                    mask: bytes | bytearray = b"") -> tuple[str | None, str]:
    """The status the words around ``text[start:end]`` give, and the words that gave it.

    Parameters
    ----------
    text : str
        The document's text.
    start, end : int
        The mention's offsets.
    kind : str
        The scanner's kind; only corridors, logistics and projects carry a status.
    name : str
        The name as written (works in it make an upgrade).
    mask : bytes, optional
        One byte per character of ``text``, non-zero inside the names found: status words
        there belong to those names (``渝黔高速原路加宽`` does not make its neighbour an upgrade).

    Returns
    -------
    status : str or None
        A key of :data:`geo.config.STATUSES`, or None when the text states none.
    evidence : str
        The status word read (empty when none).
    """
    if kind not in STATUS_KINDS:
        return None, ""
    mask = mask or bytes(len(text))
    said = _classify(text, start, end, name, mask)
    earlier = text.rfind(name, 0, start) if said[0] == "upgrade" and _KIND_CLAUSE.match(text, end) else -1
    if earlier >= 0:
        # ``甲乙铁路是…既有老线的扩能改造工程`` says what the works are, not a later state: a stage stated
        # of the same feature before (``甲乙铁路已全面开工建设``) stays the latest
        before = _classify(text, earlier, earlier + len(name), name, mask)
        if before[0] not in (None, "upgrade"):
            return before
    return said


#: A copular clause naming the kind of works (``是…的扩能改造工程``).
_KIND_CLAUSE = re.compile(rf"是[^，,。；;！？\n]{{0,30}}?(?:{'|'.join(config.STATUS_WORDS['upgrade'])})(?:工程|项目)")


def _classify(text: str, start: int, end: int, name: str, mask: bytes | bytearray) -> tuple[str | None, str]:
    """:func:`classify_status` of one mention, read on its own."""
    # a verb after a list speaks for every item of it (``A、B、C有序推进``): distances after the
    # mention are counted from the end of its list
    end = list_end(text, end, mask)
    weak_pick: tuple[str, str] | None = None
    for ends, cap in ((_CLAUSE_ENDS, len(text)), (_SENTENCE_ENDS, _SENTENCE_CAP)):
        lo, hi = _bounds(text, start, end, ends)
        # a generic verb after the feature speaks only for its own clause (``合枞高速的建设，对加快…``)
        picked = _pick(text, _words(text, lo, hi, mask), start, end, cap, mask, weak=ends == _CLAUSE_ENDS)
        if picked is not None and picked[1] not in _WEAK:
            return picked
        # a weak word of the clause (``列入…名单``) yields to a specific one in the sentence (``前期工作有序推进``)
        weak_pick = weak_pick or picked
        if ends == _CLAUSE_ENDS and _progress_frame(text, start, end, mask):
            return "under_construction", config.STATUS_PROGRESS_FRAME[0][0] + "…" + config.STATUS_PROGRESS_FRAME[1][0]
    # a list head (``（一）续建项目``, ``新开工项目：``) speaks for its items down to the next heading
    items = item_lead(text, start, end, mask)
    head = ((items and _pick(text, _words(text, items[0], items[1], mask), items[1], items[1], len(text), mask))
            or _list_head(text, start, mask) or _colon_lead(text, start, mask) or network_member(text, start))
    if head is not None:
        return head
    if weak_pick is not None:
        return weak_pick
    lead = (_lead_in(text, start, end, mask) or _closing(text, start, mask) or _carried(text, start, mask)
            or class_state(text, start, name, mask))
    if lead is not None:
        return lead
    for word in config.STATUS_UPGRADE_IN_NAME:
        if word in name:
            return "upgrade", word
    return None, ""


def _progress_frame(text: str, start: int, end: int, mask: bytes | bytearray) -> bool:
    """Whether the mention's list stands between a verb of progress and the noun of works (``推进A、B建设``).

    Between the verb and the mention there may be only the list's other items (found or not:
    ``客运西站、北站``) and joiners; a list may close on ``等`` and its class noun
    (``推进A、B等铁路和C站建设``, ``推进A、B等枢纽港建设``).
    """
    verbs, nouns = config.STATUS_PROGRESS_FRAME
    pos = end
    for _ in range(40):
        if text.startswith(nouns, pos):
            break
        step = _ETC_AFTER.match(text, pos)
        joiner = 2 if text.startswith("以及", pos) else 1 if text[pos:pos + 1] in _JOINERS else 0
        if step is None and joiner:
            pos += joiner
            if pos < len(mask) and mask[pos]:
                while pos < len(mask) and mask[pos]:
                    pos += 1
                continue
            step = _BARE_AFTER.match(text, pos)
        if step is None:
            return False
        pos = step.end()
    else:
        return False
    i = start
    for _ in range(40):
        if text[:i].endswith(verbs):
            return True
        if i > 0 and (mask[i - 1] or text[i - 1] in _JOINERS):
            i -= 1
            continue
        etc = _ETC_BEFORE.search(text, max(0, i - 6), i)
        if etc is not None and etc.start() > 0 and mask[etc.start() - 1]:
            i = etc.start()
            continue
        # an item the finder did not take (``、北站、``), between a joiner or the verb and the next item
        bare = next((k for k in range(1, 7) if i - k > 0 and not any(mask[i - k:i])
                     and _CJK.fullmatch(text, i - k, i) is not None
                     and (text[i - k - 1] in _JOINERS or text[:i - k].endswith(verbs))), None)
        if bare is None:
            return False
        i -= bare
    return False


_JOINERS = "、和及与"
_CJK = re.compile(r"[\u4e00-\u9fff]+")
#: A list's close on ``等`` and a short class noun (``等铁路``), before a joiner or the noun of works.
_ETC_AFTER = re.compile(rf"等[\u4e00-\u9fff]{{1,4}}?(?=[、和及与]|{'|'.join(config.STATUS_PROGRESS_FRAME[1])})")
_ETC_BEFORE = re.compile(r"等[\u4e00-\u9fff]{1,4}$")
#: An item of the list the finder did not take (``、北站``), before a joiner, a close or the noun of works.
_BARE_AFTER = re.compile(rf"[\u4e00-\u9fff]{{1,6}}?(?=[、和及与等]|{'|'.join(config.STATUS_PROGRESS_FRAME[1])})")


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


def _labelled(text: str, line: int) -> bool:
    """Whether the line at ``line`` is labelled: ``六横：…``, or a feature as its label (``A高速：…``)."""
    label = text.find("：", line, line + 11)
    # a caption (``（图：…）``) is no label
    return label >= 0 and not any(c in _SENTENCE_ENDS + "（(【[" for c in text[line:label])


def _colon_lead(text: str, start: int, mask: bytes | bytearray) -> tuple[str, str] | None:
    """Items of a colon's enumeration split by ``；`` take the lead before the colon (``…布局：A为甲；B为乙``).

    The first item shares the lead's sentence; the later ones, after a ``；``, are read from it too.
    """
    lo, _hi = _bounds(text, start, start, "。！？!?\n")
    colon = text.rfind("：", lo, start)
    if colon < 0:
        return None
    # a place in the lead (``某新城规划区内的在建项目：``) is where, not what: only a feature's name counts
    words = [w for w in _words(text, lo, colon, mask) if _FEATURE not in mask[slice(*_bounds(text, w[0], w[0],
                                                                                            _CLAUSE_ENDS))]]
    return _pick(text, words, colon, colon, len(text), mask)  # a lead that names a feature describes that one


def _lead_in(text: str, start: int, end: int, mask: bytes | bytearray) -> tuple[str, str] | None:
    """A labelled list line (``六横：A、B…``) takes the status of the sentence that introduces it.

    Consecutive labelled lines (``合璧津高速公路：…`` / ``永津高速公路：…``) share the lead-in of the
    sentence before the first of them (``…各个在建项目都有好消息。``).
    """
    line = text.rfind("\n", 0, start) + 1
    if line == 0 or not _labelled(text, line) or text.find("：", line) > max(start, end):
        return None
    if any(c in "。！？!?" for c in text[line:start]):
        return None  # a run-in heading over prose (``铁路圆梦：…。…``): its later sentences are not the list
    for _ in range(12):
        prev_end = line - 1
        while prev_end > 0 and text[prev_end - 1] in "\n \t\u3000":
            prev_end -= 1
        prev_line = text.rfind("\n", 0, prev_end) + 1
        if prev_end <= 0 or prev_line == 0 or not _labelled(text, prev_line):
            break
        line = prev_line
    prev_start = max(text.rfind(c, 0, prev_end - 1) for c in "。！？\n") + 1
    if prev_end - prev_start > 200:
        return None
    words = _words(text, prev_start, prev_end, mask)
    picked = _pick(text, words, prev_end, prev_end, len(text))
    return picked


def _closing(text: str, start: int, mask: bytes | bytearray) -> tuple[str, str] | None:
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
    picked = _pick(text, _words(text, following, stop, mask), following, following, len(text))
    return picked if picked is not None and picked[1] not in _WEAK else None


def _carried(text: str, start: int, mask: bytes | bytearray) -> tuple[str, str] | None:
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
    picked = _pick(text, _words(text, nxt, stop, mask), nxt, nxt, len(text), mask)
    return picked if picked is not None and picked[1] not in _WEAK else None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding ``text[start:end]`` (for the feature's quote)."""
    lo, hi = _bounds(text, start, end, "。！？!?\n")
    if hi < len(text) and text[hi] in "。！？!?":
        hi += 1
    while lo < start and text[lo] in " \t\u3000":
        lo += 1
    return lo, hi
