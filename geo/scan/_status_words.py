"""Private: the status words of a stretch of text, each resolved to a state or dropped (for ``_classify``).

The vocabulary is :data:`geo.config.STATUS_WORDS`, one word class per status, with the markers of
``geo.config`` (future, forecast, present, plan, finished step, plain building verbs, institution
heads).  :func:`_words` finds the words outside other names (a stage verb the finder took into the
start of a name still counts), drops those that state no current state (titles, conditions,
targets, forecasts, parts of names, the plan as a document, a works verb describing a noun
(``施工环境``), a result with no marker of one (``形成`` without ``至此``)) and resolves compound verbs
(``续建完工``), finished steps (``完成铺轨``) and plain building verbs (``设置``, planned only under a
marker of a plan or the future, or a title announcing one).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

import ahocorasick

from geo import config, scan_words

#: Words too general to decide a status when a specific one is near (plain building verbs too).
_WEAK = config.STATUS_WEAK_WORDS | frozenset(config.STATUS_BUILD_VERBS)
#: Verbs of progress that say how a named stage goes, not which (``前期工作有序推进`` is preliminary work).
_PROGRESS = config.STATUS_PROGRESS_WORDS
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
    for status, words in scan_words.STATUS_MORE_WORDS.items():
        for word in words:
            automaton.add_word(word, (word, status))
    for word in scan_words.STATUS_MILESTONES:
        automaton.add_word(word, (word, "under_construction"))
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
    if _cited(text, lo, w_start) or after in ("后", "《") or _quoted_title(text, w_start):
        return True
    clause_end = _bounds(text, w_start, w_start, _CLAUSE_ENDS)[1]
    clause_start = _bounds(text, w_start, w_start, _CLAUSE_ENDS)[0]
    if (text[clause_end - 1:clause_end] == "后" and text[clause_end:clause_end + 1] in "，,"
            and not text.startswith(("继", "自从"), clause_start)):
        # ``这次改造工程全部完工后，…``: a clause of condition or time states no stage (``继A建成以后`` is past)
        return True
    if word in _PROGRESS and text[w_start - 1:w_start] == "的":
        return True  # ``为两条高速公路的快速推进打下基础``: the works' progress as a noun, no stage
    if word == "规划" and text[w_end:w_end + 1] in ("\n", "") and _caption(text, w_start):
        return True  # ``甲乙大桥规划`` alone on its line: a caption or title naming a plan, no stage
    if word.endswith(("施工", "建设")) and text.startswith(config.STATUS_WORKS_NOUN_HEADS, w_end):
        return True  # ``良好的施工环境``: the verb describes a noun
    if (word.startswith("施") and text[w_start - 1:w_start] == "设") or (word.endswith("轨") and after == "道"):
        return True  # ``配套设施工程``, ``石桥铺轨道``: the characters belong to two other words
    if word in config.STATUS_RESULT_WORDS:
        sentence = text[_bounds(text, w_start, w_start, _SENTENCE_ENDS)[0]:w_start]
        if not any(m in sentence for m in config.STATUS_RESULT_MARKERS):
            return True  # ``到2030年，形成…``: a goal, not a result
    if text[w_start - 1:w_start] and text[w_start - 1] in scan_words.STATUS_SPLIT_BEFORE.get(word, ""):
        return True  # ``主要建设内容``: ``要建`` straddles two words
    if status == "planned" and text.startswith(scan_words.STATUS_MEASURE_HEADS, w_end):
        return True  # ``规划面积约6.5平方公里``: the plan's figure, no stage
    if word in scan_words.STATUS_MORE_WORDS["existing"] and not _recent(text, w_end):
        return True  # ``始建于北宋``, ``建于600多年前``: a heritage site's age, no stage of works
    if after == "成" and word == "将建":
        return True  # ``还将建成…``: a completion to come, not a plan nor a state
    if status in ("under_study", "planned") and text.startswith(config.STATUS_NAME_HEADS, w_end):
        return True
    document = text[max(0, w_start - 2):w_start].endswith(config.STATUS_DOCUMENT_LEADS) or _reviewed(text, w_end)
    if status == "planned" and (after == "“" or document):
        return True
    if word in scan_words.STATUS_MILESTONES:
        # ``贯通南北``, ``贯通式``: what is joined, no step; ``预计明年3月贯通``: a target, like a completion
        ends = not after or after in _CLAUSE_ENDS or text.startswith(scan_words.STATUS_MILESTONE_ENDS, w_end)
        return not ends or _prospective(text, w_start, config.STATUS_FUTURE_MARKERS)
    if status == "existing":
        if word.startswith(config.STATUS_PRESENT_MARKERS):
            return False  # ``将与已建成的A连接``: the word says the present itself
        return _prospective(text, w_start, config.STATUS_FUTURE_MARKERS) or (
            word not in config.STATUS_STANDING_WORDS and _plan_item(text, w_start, w_end))
    if status == "start_construction":
        if after == "“":
            return True  # ``启动“决战200天”活动``: a campaign launched, not the works started
        return _prospective(text, w_start, config.STATUS_FORECAST_MARKERS)
    return False


#: What introduces a quoted title or slogan (``题为“…”``) and what follows one (``“…”的文稿``, ``“…”为主题``).
_TITLE_BEFORE = ("题为", "主题为", "主题", "题目为", "口号", "标语")
_TITLE_AFTER = ("的文稿", "的文章", "的讲话", "的报告", "的主题", "为题", "为主题", "主题")


def _quoted_title(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a quoted title or slogan (``题为“加快建设交通强市”的报告``): no stage."""
    opening = text.rfind("“", max(0, start - 40), start)
    if opening < 0 or text.rfind("”", opening, start) >= 0:
        return False
    closing = text.find("”", start, start + 40)
    return closing >= 0 and (text[max(0, opening - 3):opening].endswith(_TITLE_BEFORE)
                             or text.startswith(_TITLE_AFTER, closing + 1))


#: A date of modern works after ``建于`` (``1997年``, ``十几年前``), not an age (``北宋``, ``600多年前``).
_RECENT = re.compile(r"(?:19|20)\d\d年|(?:[一二三四五六七八九十几两]{1,3}|\d{1,2})多?年前")


def _recent(text: str, pos: int) -> bool:
    """Whether a date of modern works follows ``pos`` (what ``建于`` dates is works of a living memory)."""
    return _RECENT.match(text, pos) is not None


def _caption(text: str, start: int) -> bool:
    """Whether the line holding ``start`` is a caption or title: short, with no sentence punctuation."""
    line = text.rfind("\n", 0, start) + 1
    return start - line <= 30 and not any(c in _CLAUSE_ENDS + "、" for c in text[line:start])


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
            # ``完成了大坝填筑``: a step with its object after ``了`` too (``已完成了。`` stays built)
            if nxt == "了":
                nxt = text[w_end + 1:w_end + 2]
            if nxt and nxt not in "了后的" + _CLAUSE_ENDS + "、）)”" and not finished:
                status = "under_construction"
        if status == _BUILD:
            if not (_prospective(text, w_start, config.STATUS_PLAN_MARKERS) or _title_plans(text)):
                continue
            year = word in config.STATUS_YEAR_STARTS and _one_year(text, w_start)
            status = "start_construction" if year else "planned"
        out.append((w_start, w_end, word, status))
    return out


#: Round 11: a progressive frame (``也在紧锣密鼓地开发建设之中``, ``正在加速建造``): marker, manner, verb of building.
_PROGRESSIVE = re.compile(rf"(?:{'|'.join(scan_words.STATUS_PROGRESSIVE_MARKERS)})[^，,。；;！？!?、：:\n]{{1,10}}?"
                          rf"(?:{'|'.join(scan_words.STATUS_PROGRESSIVE_VERBS)})(?:之中|中)?")


def _progressive(text: str, lo: int, hi: int,
                 found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Progressive frames in ``text[lo:hi]`` that hold no status word but a plain verb of building.

    Why: an adverb of manner between ``正在`` and the verb (``正在抓紧建设``) hides the stage from the word list,
    though the frame says the works go on; a frame holding a stage word of its own is left to that word.
    """
    out = []
    for frame in _PROGRESSIVE.finditer(text, lo, hi):
        inside = [f for f in found if f[0] < frame.end() and f[1] > frame.start()]
        if all(f[3] == _BUILD or f[2] in scan_words.STATUS_PROGRESSIVE_VERBS for f in inside):
            out.append((frame.start(), frame.end(), frame.group(), "under_construction"))
    return out


def _words(text: str, lo: int, hi: int, mask: bytes | bytearray) -> list[tuple[int, int, str, str]]:
    """Status words in ``text[lo:hi]`` outside other names (``mask``), longest kept where they overlap."""
    found = [(lo + last + 1 - len(w), lo + last + 1, w, s) for last, (w, s) in _automaton().iter(text[lo:hi])]
    found += _progressive(text, lo, hi, found)
    found = [f for f in found if not any(mask[f[0]:f[1]]) or _verb_led_item(text, mask, f[0], f[1])]
    found.sort(key=lambda x: (x[0] - x[1], x[0]))
    kept: list[tuple[int, int, str, str]] = []
    for item in found:
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    kept.sort()
    # a run of stage words ending in a condition is a condition as a whole (``竣工通车后``)
    for i in range(len(kept) - 2, -1, -1):
        if kept[i][1] == kept[i + 1][0] and text[kept[i + 1][1]:kept[i + 1][1] + 1] == "后":
            kept[i] = (kept[i][0], kept[i + 1][1], kept[i][2] + kept[i + 1][2], kept[i + 1][3])
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


#: A date of one year (``2021年``, ``今年``), not a deadline (``到2025年``, ``2020年以前``, ``年底前``).
_ONE_YEAR = re.compile(r"(?<![到至前])(?:\d{4}年|今年|明年|年内)(?![前以底]|\d)")


def _one_year(text: str, start: int) -> bool:
    """Whether the sentence before ``start`` dates it to one year (``2021年，某省计划新建A``): a year's plan."""
    lo = _bounds(text, start, start, "。！？!?\n")[0]
    return _ONE_YEAR.search(text, lo, start) is not None


@lru_cache(maxsize=16)
def _title_plans(text: str) -> bool:
    """Whether the document's title (its first line of text) announces a plan (``遵义要建…``, ``…规划``).

    A plan under review (``…规划的完成情况``) is a report on the plan, not one.
    """
    for line in text.split("\n"):
        line = line.strip()
        if line and not line.startswith("#"):
            return any(s == "planned" and w not in _WEAK and not _reviewed(line, last + 1)
                       for last, (w, s) in _automaton().iter(line))
    return False


def _reviewed(text: str, w_end: int) -> bool:
    """Whether a plan word ending at ``w_end`` is the plan as a document under review (``规划执行情况``)."""
    after = w_end + 1 if text[w_end:w_end + 1] == "的" else w_end
    return text.startswith(config.STATUS_DOCUMENT_REVIEWS, after)


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


def _plan_item(text: str, w_start: int, w_end: int) -> bool:
    """A completion leading its object in a sentence a marker of the future opens: a year plan's target.

    ``2024年，重庆力争开工甲乙高速，…，建成丙丁高速``, ``按计划，本年我市建成甲乙铁路``: the marker stands
    in an earlier clause of the sentence (a colon does not end its reach); ``建成了…`` (a past
    completion) and a word of the present after the marker (``…，目前已建成``) say the state.
    """
    if text[w_end:w_end + 1] in _CLAUSE_ENDS + "了的后" or not text[w_end:w_end + 1]:
        return False
    found = positions(text, _SENTENCE_ENDS)
    i = bisect.bisect_left(found, w_start)
    before = text[found[i - 1] + 1 if i > 0 else 0:w_start]
    if any(p in before for p in config.STATUS_PRESENT_MARKERS):
        return False
    return any(m in before for m in config.STATUS_FUTURE_MARKERS if m not in ("建成后", "可与"))


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


def later_clauses(text: str, end: int, ends: str, mask: bytes | bytearray) -> Iterator[tuple[int, int]]:
    """The clauses after the one that holds ``end``, up to the end of its stretch (``ends``), as (lo, hi).

    The walk stops at a clause that names a feature (``mask``): from there on, that one is the
    subject.  Shared by a dated story's steps (``_status_story``) and a whole's parts (``_status_parts``).
    """
    stop = _bounds(text, end, end, ends)[1]
    pos = _bounds(text, end, end, _CLAUSE_ENDS)[1]
    while pos < stop:
        lo = pos + 1
        hi = min(_bounds(text, lo, lo, _CLAUSE_ENDS)[1], stop)
        if any(mask[lo:hi]):
            return
        yield lo, hi
        pos = hi


def _target(text: str, start: int) -> bool:
    """A marker of a target just before ``start`` (``确保年内动工``): the word is weak."""
    before = text[max(0, start - 5):start]
    return any(word in before for word in config.STATUS_FUTURE_MARKERS + ("年内",))
