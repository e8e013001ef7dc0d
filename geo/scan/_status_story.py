"""Private: the last step of a dated story is a feature's current state (for ``_classify``).

News tells a project's history in one sentence, step by step with dates:
``A于2019年4月开工建设；2021年3月完成试飞，5月正式通航。``  The feature's own clause gives the first
step, but the state now is the last step the story reaches (works going on, or done).  A later clause
counts only when it names no feature of its own (the clause model) and opens with a date or a word of
sequence (``5月``, ``随后``, ``目前``) or with the time the works took (``用了29个月建成``); a completion
to come (``预计2022年建成``) is a target and was dropped as such by :func:`~geo.scan._status_words._words`.
A start told with its year and followed by the forecast of its opening (``2019年底开建，预计2025年通车``)
is works going on; news of a start (``已全面开工，计划2015年通车``) stays a start.
"""

from __future__ import annotations

import re

from geo import config
from geo.scan._status_words import _CLAUSE_ENDS, _WEAK, _bounds, _words, later_clauses

#: Ends of the sentence a story is told in (a ``；`` does not end it).
_STORY_ENDS = "。！？!?\n"
#: How a later step of the story opens: a date, or a word of sequence or of the present.
_STEP_OPENS = re.compile(r"(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?<=[年月日])"
                         r"|随后|此后|之后|最终|目前|现已|如今|并于"
                         # round 12: a duration since the start (``用了29个月建成``, ``历时3年竣工``)
                         r"|(?:历时|历经|用了|用时|耗时)[\d一二三四五六七八九十两几多半]{1,4}(?:个多?月|年多?|天))")
#: Dates of a year's plan: a start in such a clause is the plan's (``今年开工，预计…通车``), no story.
_PLAN_YEARS = ("今年", "本年", "年内", "明年", "年底前")
#: A start told with its year (``2019年底开建``) is the story's first step; ``已…开工`` (news of the day) is not.
_YEAR = re.compile(r"\d{4}年")
#: How the forecast of the works' end opens (``预计2025年通车``; not a condition ``建成后…``).
_FORECASTS = ("预计", "计划", "将", "有望", "可望", "力争", "确保", "争取")
#: The stages a story moves on from (a completion or an upgrade is no earlier step).
_EARLIER = frozenset({"start_construction", "under_construction", "preliminary_work", "under_study", "planned"})
#: The stages a later step of the story may state: works going on or done.
_LATER = frozenset({"under_construction", "existing"})


def story_end(text: str, end: int, said: str, mask: bytes | bytearray) -> tuple[str, str] | None:
    """The stage a dated story reaches after the mention's own clause stated ``said``, else None.

    Parameters
    ----------
    text : str
        The document's text.
    end : int
        End of the mention (or of its list).
    said : str
        The status the mention's own clause gives.
    mask : bytes
        The names' mask: a later clause naming a feature speaks for that one.

    Returns
    -------
    tuple of (status, word) or None
        The status and word of the story's last step (works going on or done), when it goes on.
    """
    if said not in _EARLIER:
        return None
    own, clause_end = _bounds(text, end, end, _CLAUSE_ENDS)
    # a start stated as done (no plan, no year of a plan in its clause) before its forecast opening
    clause = text[own:clause_end]
    markers = config.STATUS_FUTURE_MARKERS + config.STATUS_PLAN_MARKERS + _PLAN_YEARS
    started = (said == "start_construction" and _YEAR.search(clause) is not None and "已" not in clause
               and not any(m in clause for m in markers))
    last: tuple[str, str] | None = None
    dated = False
    # a later clause of another feature ends the walk: the story is that one's now
    for lo, hi in later_clauses(text, end, _STORY_ENDS, mask):
        step = text[lo:hi]
        done = next((w for w in config.STATUS_WORDS["existing"] if w in step and w + "后" not in step), "")
        if started and done and text[lo:hi].lstrip(" \t\u3000").startswith(_FORECASTS):
            # ``甲乙铁路2019年底开建，预计2025年通车``: works began and their end is awaited
            return "under_construction", f"{config.STATUS_FUTURE_MARKERS[0]}…{done}"
        if any(m in text[own:lo] for m in config.STATUS_FUTURE_MARKERS):
            return last  # ``预计4月合龙，9月底建成通车``: the steps after a forecast are targets
        opening = text[lo:hi].lstrip(" \t\u3000")
        # ``…；7月8日，大桥通车运营``: a date that is a clause of its own opens the step after it
        after_date, dated = dated, False
        if not after_date and _STEP_OPENS.fullmatch(opening) and opening[-1:] in "年月日":
            dated = True
            continue
        if after_date or _STEP_OPENS.match(opening):
            words = [w for w in _words(text, lo, hi, mask) if w[3] in _LATER and w[2] not in _WEAK]
            if words:
                last = (words[-1][3], words[-1][2])
    return last
