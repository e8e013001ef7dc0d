"""Private: a feature's status from the words around it (vocabulary: :data:`geo.config.STATUS_WORDS`).

Planning prose puts the status before a list (``开工建设藻渡水库、獐狮坝水库``) or after it
(``推进綦万正高速、…等项目前期工作``).  The status of a mention is read from its own comma
clause first, then from its sentence (words after it within 25 characters, a lead-in before it
at any distance): every status word there is scored by its distance to the mention; a run of
adjacent words counts as its last one (``加快推进前期工作`` is preliminary work); generic verbs
(``加快推进``) and targets (``确保年内建成投用``) count only when nothing more specific is said.
Works in the feature's own name (``…改善提升工程``) make it an upgrade when the words around
it say nothing.  Not a status: a word in a title ``《…》``, a condition (``建成后``), a completion
after a future marker (``将于7月通车``), a word that leads another name after the feature
(``A及规划中的B``), a generic verb after the feature outside its comma clause.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import ahocorasick

from geo import config

#: Kinds that carry a status (the seeds' corridors, logistics and projects).
STATUS_KINDS: frozenset[str] = frozenset({"corridor", "logistics", "project"})
#: Words too general to decide a status when a specific one is near (plain building verbs too).
_WEAK = config.STATUS_WEAK_WORDS | frozenset(config.STATUS_BUILD_VERBS)
_WEAK_PENALTY = 80
#: Verbs of progress that say how a named stage goes, not which (``前期工作有序推进`` is preliminary work).
_PROGRESS = config.STATUS_PROGRESS_WORDS
#: Farthest a status word outside the feature's comma clause may be (characters).
_SENTENCE_CAP = 25
_SENTENCE_ENDS = "。；;！？!?\n"
#: A colon ends a lead-in clause too (``…之一：设甲、乙两个收费站``).
_CLAUSE_ENDS = _SENTENCE_ENDS + "，,：:"
#: The pseudo-status of a plain building verb until its clause or the document's title says it is planned.
_BUILD = "build"


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for status, words in config.STATUS_WORDS.items():
        for word in words:
            automaton.add_word(word, (word, status))
    for word in config.STATUS_BUILD_VERBS:
        if word not in automaton:
            automaton.add_word(word, (word, _BUILD))
    automaton.make_automaton()
    return automaton


def _cited(text: str, lo: int, start: int) -> bool:
    """Whether ``start`` lies inside a title ``《…》`` opened after ``lo`` (``列入《…规划》`` is no status)."""
    return text.rfind("《", lo, start) > text.rfind("》", lo, start)


def _not_a_status(text: str, lo: int, w_start: int, w_end: int, word: str, status: str) -> bool:
    """A word that does not state the current state of the works around it.

    Not a state: a word in a title ``《…》`` or before one (``列入《…规划》``); a condition
    (``建成后``); part of an institution's name (``…研究院``, ``…规划局``); a plan meaning the
    document (``按照规划``, ``路网规划“纵三线”``); a completion after a marker of the future in its
    clause (``将于7月通车``, ``预计年内实现通车``) or right after another stage verb, whose target it is
    (``续建完工``, ``新开工建成``); a start of works after a forecast (``有望在…期间开工``).
    """
    after = text[w_end:w_end + 1]
    if _cited(text, lo, w_start) or after in ("后", "《"):
        return True
    if after == "成" and word == "将建":
        return True  # ``还将建成…``: a completion to come, not a plan nor a state
    if status in ("under_study", "planned") and text.startswith(config.STATUS_NAME_HEADS, w_end):
        return True
    if status == "planned" and (after == "“" or text[max(0, w_start - 2):w_start].endswith(config.STATUS_DOCUMENT_LEADS)):
        return True
    if status == "existing":
        if word.startswith(config.STATUS_PRESENT_MARKERS):
            return False  # ``将与已建成的A连接``: the word says the present itself
        return _prospective(text, w_start, config.STATUS_FUTURE_MARKERS)
    if status == "start_construction":
        if after == "“":
            return True  # ``启动“决战200天”活动``: a campaign launched, not the works started
        return _prospective(text, w_start, config.STATUS_FORECAST_MARKERS)
    return False


def _resolve(text: str, kept: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The words of a stretch as states: compound verbs, finished steps and plain building verbs resolved.

    ``续建完工``/``新开工建成``: the first verb is the state, the completion after it its target.
    ``完成铺轨``/``完成投资五成``: a step finished, so the works are going on; ``已经完成`` stays built.
    A plain building verb (``重点建设``, ``设置``) is planned where its clause has a marker of a plan or
    the future before it (``预计设置甲站``), or the document's title announces a plan; else it says nothing.
    """
    out: list[tuple[int, int, str, str]] = []
    for w_start, w_end, word, status in kept:
        prev = out[-1] if out else None
        if (status == "existing" and prev is not None and prev[1] == w_start and prev[3] in
                ("under_construction", "start_construction") and prev[2] not in _WEAK):
            continue
        if status == "existing" and word in config.STATUS_STEP_DONE:
            nxt = text[w_end:w_end + 1]
            finished = any(k[0] == w_end and k[3] == "existing" for k in kept)
            if nxt and nxt not in "了后的" + _CLAUSE_ENDS + "、）)”" and not finished:
                status = "under_construction"
        if status == _BUILD:
            if not (_prospective(text, w_start, config.STATUS_PLAN_MARKERS) or _title_plans(text)):
                continue
            status = "planned"
        out.append((w_start, w_end, word, status))
    return out


def _words(text: str, lo: int, hi: int, mask: bytes | bytearray) -> list[tuple[int, int, str, str]]:
    """Status words in ``text[lo:hi]`` outside other names (``mask``), longest kept where they overlap."""
    found = [(lo + last + 1 - len(w), lo + last + 1, w, s) for last, (w, s) in _automaton().iter(text[lo:hi])]
    found = [f for f in found if not any(mask[f[0]:f[1]]) or _verb_led_item(text, mask, f[0], f[1])]
    found.sort(key=lambda x: (x[0] - x[1], x[0]))
    kept: list[tuple[int, int, str, str]] = []
    for item in found:
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    kept.sort()
    return _resolve(text, [k for k in kept if not _not_a_status(text, lo, k[0], k[1], k[2], k[3])])


def _verb_led_item(text: str, mask: bytes | bytearray, w_start: int, w_end: int) -> bool:
    """A stage verb at the start of a name found (``改建甲站、乙站…``): the predicate of the name and its list.

    The finder may take the verb into the first item's name (``完工投产甲乙产业园``); no name starts
    with a verb of stage, so the verb still governs that item and the list after it.
    """
    if (w_start > 0 and mask[w_start - 1]) or not all(mask[w_start:w_end]) or text[w_start:w_end] in _WEAK:
        return False
    run = w_end
    while run < len(mask) and mask[run]:
        run += 1
    return run - w_end >= 2


@lru_cache(maxsize=16)
def _title_plans(text: str) -> bool:
    """Whether the document's title (its first line of text) announces a plan (``遵义要建…``, ``…规划``)."""
    for line in text.split("\n"):
        line = line.strip()
        if line and not line.startswith("#"):
            return any(s == "planned" and w not in _WEAK for _, (w, s) in _automaton().iter(line))
    return False


def _prospective(text: str, start: int, markers: tuple[str, ...]) -> bool:
    """A marker of ``markers`` before ``start`` in its clause, after the last word of the present.

    ``预计年内实现通车``, ``将于2025年7月通车``: the marker may stand well before the word; ``已``,
    ``目前`` and ``正在`` after it say the present (``计划…，目前已建成``).
    """
    found = positions(text, _CLAUSE_ENDS)
    i = bisect.bisect_left(found, start)
    clause = text[found[i - 1] + 1 if i > 0 else 0:start]
    cuts = [clause.rfind(p) + len(p) for p in config.STATUS_PRESENT_MARKERS if p in clause]
    clause = clause[max(cuts, default=0):]
    return any(m in clause for m in markers)


@lru_cache(maxsize=16)
def positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of every character of ``chars`` in ``text`` (cached: a document is looked up per mention)."""
    wanted = set(chars)
    return [i for i, c in enumerate(text) if c in wanted]


def _bounds(text: str, start: int, end: int, ends: str) -> tuple[int, int]:
    found = positions(text, ends)
    i = bisect.bisect_left(found, start)
    lo = found[i - 1] + 1 if i > 0 else 0
    j = bisect.bisect_left(found, end)
    return lo, found[j] if j < len(found) else len(text)


def _target(text: str, start: int) -> bool:
    """A marker of a target just before ``start`` (``确保年内动工``): the word is weak."""
    before = text[max(0, start - 5):start]
    return any(word in before for word in config.STATUS_FUTURE_MARKERS + ("年内",))


def _pick(text: str, words: list[tuple[int, int, str, str]], start: int, end: int,
          cap: int, mask: bytes | bytearray = b"", weak: bool = True) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    index = 0
    while index < len(words):
        w_start, w_end, word, status = words[index]
        if w_start >= end and (_leads_other(text, mask, words[index], end) or (not weak and word in _WEAK)
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
            limit = cap
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
        score = distance + (_WEAK_PENALTY if word in _WEAK or _target(text, w_start) else 0)
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
    c_lo, c_hi = _bounds(text, w_start, w_start, _CLAUSE_ENDS)
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
    head = _list_head(text, start, mask) or _colon_lead(text, start, mask)
    if head is not None:
        return head
    if weak_pick is not None:
        return weak_pick
    lead = _lead_in(text, start, end, mask) or _closing(text, start, mask)
    if lead is not None:
        return lead
    for word in config.STATUS_UPGRADE_IN_NAME:
        if word in name:
            return "upgrade", word
    return None, ""


def _progress_frame(text: str, start: int, end: int, mask: bytes | bytearray) -> bool:
    """Whether the mention's list stands between a verb of progress and the noun of works (``推进A、B建设``).

    Between the verb and the mention there may be only the list's other items and joiners.
    """
    verbs, nouns = config.STATUS_PROGRESS_FRAME
    if not text.startswith(nouns, end):
        return False
    i = start
    while i > 0 and (mask[i - 1] or text[i - 1] in "、和及与"):
        i -= 1
    return text[:i].endswith(verbs)


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
    words = [w for w in _words(text, lo, colon, mask) if not any(mask[slice(*_bounds(text, w[0], w[0], _CLAUSE_ENDS))])]
    return _pick(text, words, colon, colon, len(text), mask)  # a lead that names a feature describes that one


def _lead_in(text: str, start: int, end: int, mask: bytes | bytearray) -> tuple[str, str] | None:
    """A labelled list line (``六横：A、B…``) takes the status of the sentence that introduces it.

    Consecutive labelled lines (``合璧津高速公路：…`` / ``永津高速公路：…``) share the lead-in of the
    sentence before the first of them (``…各个在建项目都有好消息。``).
    """
    line = text.rfind("\n", 0, start) + 1
    if line == 0 or not _labelled(text, line) or text.find("：", line) > max(start, end):
        return None
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


#: A heading line numbered in Chinese (``（二）``, ``二、``, ``第二章``): a list head's items end there.
_CN = "一二三四五六七八九十"
_HEADING = re.compile(rf"[ \t\u3000]*(?:[（(][{_CN}]+[）)]|[{_CN}]+、|第[{_CN}百]+[章节])")
#: A list head: an optional number, a few words holding a status word, ``项目`` or ``工程``, an optional
#: count (``（12个）``), then the end of the line or a colon (``新开工项目：A、B``).
_LIST_HEAD = re.compile(rf"[ \t\u3000]*(?:[（(][{_CN}\d]+[）)]|[{_CN}\d]+[、.．])?[ \u3000]*"
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
    specific = [(last, len(w), s, w) for last, (w, s) in _automaton().iter(found.group(1)) if w not in _WEAK]
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


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding ``text[start:end]`` (for the feature's quote)."""
    lo, hi = _bounds(text, start, end, "。！？!?\n")
    if hi < len(text) and text[hi] in "。！？!?":
        hi += 1
    while lo < start and text[lo] in " \t\u3000":
        lo += 1
    return lo, hi
