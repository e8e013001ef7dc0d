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
``_status_words``; a stage said of the mention's whole class (``车站站房已全部建成``): ``_status_class``;
which word of a stretch governs the mention: ``_status_pick``; stage from the sentences around
(colon leads, lead-ins of labelled lines, a list's closing sentence, the next sentence): ``_status_context``.
"""

from __future__ import annotations

import re

from geo import config
from geo.scan._status_class import class_state
from geo.scan._status_context import carried, closing, colon_lead, lead_in
from geo.scan._status_course import course_point
from geo.scan._status_heads import _list_head, item_lead, network_member
from geo.scan._status_parts import outside_parts, part_clauses, parts_stage, report_stage
from geo.scan._status_pick import FEATURE, list_end, pick
from geo.scan._status_story import story_end
from geo.scan._status_words import (
    _CLAUSE_ENDS,
    _SENTENCE_ENDS,
    _WEAK,
    _bounds,
    _words,
)
from geo.scan._status_words import positions as positions  # re-exported: ``_place`` looks offsets up here

#: Kinds that carry a status (the seeds' corridors, logistics and projects).
STATUS_KINDS: frozenset[str] = frozenset({"corridor", "logistics", "project"})
#: Farthest a status word outside the feature's comma clause may be (characters).
_SENTENCE_CAP = 25

def name_mask(length: int, spans: list[tuple[int, int, str]]) -> bytearray:
    """The mask :func:`classify_status` reads: 2 (``FEATURE``) inside a name of a status kind, 1 inside any other name.

    ``spans`` are the mentions' (start, end, kind) in a text of ``length`` characters.
    """
    mask = bytearray(length)
    for start, end, kind in sorted(spans, key=lambda s: s[2] in STATUS_KINDS):
        mask[start:end] = bytes([FEATURE if kind in STATUS_KINDS else 1]) * (end - start)
    return mask



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
    river = False
    if kind not in STATUS_KINDS:
        if not works_place(text, start, end, kind, name):
            return None, ""
        # a river is works only in the clause that names its waterway: no heading or lead speaks for it
        river = not name.endswith(_INTERCHANGES)
    mask = mask or bytes(len(text))
    works = _WORKS_TAIL.match(text, end)
    if works is not None and not any(mask[end:works.end()]):
        # ``丙丁高速扩容项目、…等在建``: the works word after a line names the project, the clause says its
        # stage; said nothing, the works word makes it an upgrade as before
        said = classify_status(text, start, works.end(), kind, name + works.group(), mask)
        return said if said[0] is not None else ("upgrade", works.group(1))
    own = _bracketed_stage(text, start, end, name)
    if own is not None:
        return own
    # a landmark of another work's course (``起于A``, ``东接A、B``, ``与A相接``) states only its attributive's stage
    point = course_point(text, start, end, name, mask)
    if point is not None:
        return point
    said = _classify(text, start, end, name, mask, structure=not river)
    earlier = text.rfind(name, 0, start) if said[0] == "upgrade" and _KIND_CLAUSE.match(text, end) else -1
    if earlier >= 0:
        # ``甲乙铁路是…既有老线的扩能改造工程`` says what the works are, not a later state: a stage stated
        # of the same feature before (``甲乙铁路已全面开工建设``) stays the latest
        before = _classify(text, earlier, earlier + len(name), name, mask)
        if before[0] not in (None, "upgrade"):
            return before
    return said


#: Ends of an interchange's name: a junction of roads is works of a corridor, with a stage of its own.
_INTERCHANGES = ("互通", "立交")
#: Words of another road's course before an interchange: the interchange is a point of that course.
_COURSE_WORDS = ("起于", "止于", "始于", "终于", "起点", "终点", "途经", "经过", "位于", "连接", "相接", "接入", "顺接")
#: A river's name followed by the waterway works its list names (``A、B等库区航道``, ``C水运扩能建设``).
_WATERWAY_AFTER = re.compile(r"(?:[、和及与][\u4e00-\u9fff]{1,6}?)*(?:[两二三四五六七八九十\d]+[个条])?"
                             r"(?:等[\u4e00-\u9fff]{0,6}?)?(?:航道|航运|水运)")


def works_place(text: str, start: int, end: int, kind: str, name: str) -> bool:
    """A place that is works with a stage of its own: an interchange, or a river named for its waterway.

    ``东山枢纽互通…已进入收尾阶段``: an interchange is built like the road it joins.  ``加快建设A河、B江等
    库区航道``: a list of rivers closed by waterway works names those waterways, whatever else the bare
    names also name (a township called after its river).  An interchange named as a point of another
    road's course (``该项目起于甲乙高速东山互通``) is a landmark there, not the works the clause speaks of.
    """
    if kind not in ("place", "township"):
        return False
    if name.endswith(_INTERCHANGES):
        clause = text[_bounds(text, start, start, _CLAUSE_ENDS)[0]:start]
        return not any(word in clause for word in _COURSE_WORDS)
    return name.endswith(("江", "河")) and _WATERWAY_AFTER.match(text, end) is not None


#: Works named right after a line (``…扩容项目``, ``…扩能工程``): part of the project's name, not a stage.
_WORKS_TAIL = re.compile(rf"({'|'.join(config.STATUS_WORDS['upgrade'])})(?:项目|工程)")


#: A bracket closing a name (``戊己高铁（规划中）``, ``庚辛高速(在建)``).
_CLOSING_BRACKET = re.compile(r"[（(]([^（()）]{1,8})[）)]$")


def _bracketed_stage(text: str, start: int, end: int, name: str) -> tuple[str, str] | None:
    """A stage written in a bracket right after the name (``（规划中）``, ``(在建)``): that name's own, first of all."""
    found = _CLOSING_BRACKET.search(name)
    if found is None:
        return None
    lo = start + found.start(1)
    words = [w for w in _words(text, lo, lo + len(found.group(1)), bytes(len(text))) if w[2] not in _WEAK]
    return (words[-1][3], words[-1][2]) if words else None


#: A copular clause naming the kind of works (``是…的扩能改造工程``).
_KIND_CLAUSE = re.compile(rf"是[^，,。；;！？\n]{{0,30}}?(?:{'|'.join(config.STATUS_WORDS['upgrade'])})(?:工程|项目)")


def _classify(text: str, start: int, end: int, name: str, mask: bytes | bytearray,
              structure: bool = True) -> tuple[str | None, str]:
    """:func:`classify_status` of one mention, read on its own (its sentence only, without ``structure``)."""
    # a verb after a list speaks for every item of it (``A、B、C有序推进``): distances after the
    # mention are counted from the end of its list
    end = list_end(text, end, mask)
    # a work heading a line of progress (``A工程：甲已完成；乙正在施工``): its steps are parts of it
    report = report_stage(text, start, end, mask)
    if report is not None:
        return report
    # a clause opening with a part (``东山段已建成通车``, ``一期已完工投用``) speaks for that part
    parts = part_clauses(text, end, mask)
    weak_pick: tuple[str, str] | None = None
    for ends, cap in ((_CLAUSE_ENDS, len(text)), (_SENTENCE_ENDS, _SENTENCE_CAP)):
        lo, hi = _bounds(text, start, end, ends)
        # a generic verb after the feature speaks only for its own clause (``合枞高速的建设，对加快…``)
        words = outside_parts(_words(text, lo, hi, mask), parts)
        picked = pick(text, words, start, end, cap, mask, weak=ends == _CLAUSE_ENDS)
        if picked is not None and picked[1] not in _WEAK:
            # a dated story's last completion is the state now (``A于…开工建设；…5月正式通航``), also when
            # the story opens in the clause after the name (``全长…的A，1956年开工建设，1965年全线通车``)
            return story_end(text, end, picked[0], mask) or picked
        # a weak word of the clause (``列入…名单``) yields to a specific one in the sentence (``前期工作有序推进``)
        weak_pick = weak_pick or picked
        if ends == _CLAUSE_ENDS and _progress_frame(text, start, end, mask):
            return "under_construction", config.STATUS_PROGRESS_FRAME[0][0] + "…" + config.STATUS_PROGRESS_FRAME[1][0]
        if ends == _CLAUSE_ENDS and _progress_frame(text, start, end, mask, config.STATUS_START_FRAME_VERBS):
            # ``启动A、B建设``: a specific start, which a completion said of another work nearby does not override
            return "start_construction", config.STATUS_START_FRAME_VERBS[0] + "…" + config.STATUS_PROGRESS_FRAME[1][0]
    # one part done and another being built: the whole is under construction
    whole = parts_stage(text, parts, mask)
    if whole is not None or not structure:
        return whole or weak_pick or (None, "")
    # a list head (``（一）续建项目``, ``新开工项目：``) speaks for its items down to the next heading
    items = item_lead(text, start, end, mask)
    head = ((items and pick(text, _words(text, items[0], items[1], mask), items[1], items[1], len(text), mask))
            or _list_head(text, start, mask) or colon_lead(text, start, mask) or network_member(text, start))
    if head is not None:
        return head
    if weak_pick is not None:
        return weak_pick
    lead = (lead_in(text, start, end, mask) or closing(text, start, mask) or carried(text, start, mask)
            or class_state(text, start, name, mask))
    if lead is not None:
        return lead
    for word in config.STATUS_UPGRADE_IN_NAME:
        if word in name:
            return "upgrade", word
    return None, ""


def _progress_frame(text: str, start: int, end: int, mask: bytes | bytearray,
                    frame_verbs: tuple[str, ...] = config.STATUS_PROGRESS_FRAME[0]) -> bool:
    """Whether the mention's list stands between a verb of progress and the noun of works (``推进A、B建设``).

    ``frame_verbs`` are the verbs that open the frame: progress by default, a start
    (:data:`geo.config.STATUS_START_FRAME_VERBS`: ``启动A、B建设``) when told.

    Between the verb and the mention there may be only the list's other items (found or not:
    ``客运西站、北站``) and joiners; a list may close on ``等`` and its class noun
    (``推进A、B等铁路和C站建设``, ``推进A、B等枢纽港建设``).
    """
    verbs, nouns = frame_verbs, config.STATUS_PROGRESS_FRAME[1]
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




def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding ``text[start:end]`` (for the feature's quote)."""
    lo, hi = _bounds(text, start, end, "。！？!?\n")
    if hi < len(text) and text[hi] in "。！？!?":
        hi += 1
    while lo < start and text[lo] in " \t\u3000":
        lo += 1
    return lo, hi
