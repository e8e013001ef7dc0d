"""Vocabularies of the document scanner's status reading added in round 7 (``docs/scanner-evaluation.md``).

A module of :mod:`geo.config`'s family: :mod:`geo.config` was at its size limit, so the round's word
lists live here, next to it, and are read by ``geo/scan/`` only.  Each list is a word class of Chinese
news and plans, not a document's phrase.
"""

from __future__ import annotations

from typing import Final

#: MILESTONES are steps of works near their end that say the works are still going on: a tunnel or a
#: line joined through (``贯通``), joint commissioning (``联调联试``).  Like a completion they state nothing
#: after a marker of the future (``预计明年贯通``); they state a step only where one of MILESTONE_ENDS (or
#: the end of a clause) follows them: with an object they say what is joined (``贯通南北``,
#: ``贯通高速公路``, ``贯通式货物线``, ``贯通运营``).
STATUS_MILESTONES: Final[tuple[str, ...]] = ("贯通", "联调联试")
STATUS_MILESTONE_ENDS: Final[tuple[str, ...]] = ("了", "阶段", "工作", "施工")

#: Round 10: nouns of a measure that a plan word may modify (``规划面积约6.5平方公里``, ``总规划面积``,
#: ``规划运营时速350公里``): the plan's figure, no stage of the works.  ``主要建设内容`` holds ``要建`` across two
#: words (STATUS_SPLIT_BEFORE: characters that, before a word, make it the tail of another word).
STATUS_MEASURE_HEADS: Final[tuple[str, ...]] = (
    "面积", "总面积", "用地", "总用地", "里程", "总里程", "长度", "总长", "运营时速", "时速", "设计速度", "人口",
    "范围")
STATUS_SPLIT_BEFORE: Final[dict[str, str]] = {"要建": "主需重"}

#: Round 10: a feature named right after a COURSE_LEAD (``起于A``, ``东接A、B``, ``位于A西侧``), or between ``与`` and a
#: COURSE_JOIN (``与A相接``), is a landmark of another work's course: the clause's predicate is that work's.
STATUS_COURSE_LEADS: Final[tuple[str, ...]] = (
    "起于", "止于", "始于", "终于", "西起", "东起", "南起", "北起", "东接", "西接", "南接", "北接", "东连", "西连",
    "南连", "北连", "东到", "西到", "南到", "北到", "东至", "西至", "南至", "北至", "顺接", "对接", "连接", "衔接",
    "途经", "位于", "毗邻", "紧邻")
STATUS_COURSE_JOINS: Final[tuple[str, ...]] = ("相接", "相连", "衔接", "顺接", "相交", "交叉", "对接", "连接")

#: Round 10: words of a status class that :data:`geo.config.STATUS_WORDS` (full) lacks: the feasibility study in full
#: (``可行性研究报告…通过``; ``可研`` and ``工可`` are its short forms, every set's gold reads it as preliminary work),
#: and a completion dated in the past (``始建于1997年``, ``建于十几年前``: what stands).
STATUS_MORE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "preliminary_work": ("可行性研究", "预可行性研究"),
    "existing": ("始建于", "建于"),
}
