"""The blind held-out sets 6 to 16 and their record (``tests/scan/test_scan_blind_sets.py`` tests them).

Kept apart from the tests so that each set's make-up, blind score and history read as one table; sets
13 on are in ``_blind_sets_later.py`` (one file would pass 400 lines).  :class:`_heldout.BlindSet` says
what each field means.
"""

from __future__ import annotations

from _blind_sets_later import LATER_SETS
from _heldout import BlindSet

from tests._scan_corpus import (
    HELDOUT6_DIR,
    HELDOUT7_DIR,
    HELDOUT8_DIR,
    HELDOUT9_DIR,
    HELDOUT10_DIR,
    HELDOUT11_DIR,
    HELDOUT12_DIR,
)

#: The blind sets, by folder name.
BLIND_SETS: dict[str, BlindSet] = {
    "heldout6": BlindSet(
        HELDOUT6_DIR,
        history="""The fifth held-out set has been scored and read since, so its figures no longer measure the scanner
blind.  This set is twelve other public pages, chosen to measure stages IN the area: mostly
simplified-character news of 2023–2025 about named works in 綦江 and 江津 and about 遵义's railways and
expressways, each with its stated stage (在建 / 建设如火如荼, 建成通车, 开工, 勘察设计, 纳入规划, 改造),
one 遵义 railway item written for the 十五五 plan, one tourism page with a hiking route and ordered stops
(东溪), and one near-homonym page about 黔江区 (traditional characters).  Its documents and gold were
written by someone who never read the scanner's code nor saw its outputs (see the set's README):
110 gold features, 33 of them with a stated status (26 in the area).  Same scoring code
(``_scan_eval.py``, the corpus README's matching rule) and same thresholds as the corpus: recall >= 75%,
precision >= 60%, status right for >= 70% of the gold features that state one, no feature of the
near-homonym document placed in the area.

The threshold tests were written without running them.  Scored once, blind, at merge (2026-12-07 07:40
UTC, the scanner after its status round and first recall round, ``test_scan_status.py`` and
``test_scan_find_rules.py``): recall 80/110 = 72.7% (below the 75% target), precision 88/100 = 88.0%, status
13/33 = 39.4% (far below; 5 of the 20 misses are features not found, 5 are the 黔江 page's railways read as
building where it says they run), nothing of the 黔江 page placed in the area.  Precision and the
near-homonym test hold as plain tests; recall and status stay ``xfail`` with their blind figures.
Seen since (status round 2, recall round 2 and later, written after reading this set): recall
106/110 = 96.4%, now a plain regression test; status 23/33 = 69.7%, then 24/33 = 72.7% after round 6
(seen: the interchanges' and works' rules of that round), now a plain regression test.  The set's
own checks (well formed, new addresses, README) run without importing the scanner (``_heldout.py``).""",
        near_homonyms=frozenset({"qjq-2026-jiaotong.txt"}),
        min_documents=10,
        features=(100, 120),
        min_stated=30,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned",
                            "upgrade"}),
        min_in_area_stated=25,
        in_area_share=0.5,
        min_routes=1,
        short={},
    ),
    "heldout7": BlindSet(
        HELDOUT7_DIR,
        history="""The sixth held-out set holds only 33 gold features with a stated status, too few to measure status
accuracy with any confidence.  This set is nine other public pages chosen to be STATUS-DENSE: pages
that list many named works each with its stage — a 遵义 transport item read against the year's work
report (通车 / 如火如荼 / 加快), a 南川 round-up of expressways and railways (建成投用 / 加快建设 /
前期工作 / 纳入规划 / 改造提升), a 贵州-wide year-end round-up (建成 / 开工建设 / 有序推进), 江津 pages
on a railway plan (规划 / 规划研究线路), the 珞璜 port and rail hub (已建 / 在建 / 已经开工), the
2006 expressway starts, the 渝赤叙 expressway's preliminary work, the 四面山 tourism zone's roads
(竣工通车 / 前期工作) and two planned tourism loops (traditional characters).  Its documents and gold
were written by someone who never read the scanner's code nor saw its outputs (see the set's README):
124 gold features, 57 of them with a stated status (41 in the area), over all seven statuses.  Same
scoring code (``_scan_eval.py``, the corpus README's matching rule) and same thresholds as the
corpus: recall >= 75%, precision >= 60%, status right for >= 70% of the gold features that state
one.  The set has no near-homonym document; the fourth threshold test checks that none is expected.

The threshold tests were written without running them.  Scored once, blind, at merge (2026-12-07 07:40
UTC, the same scanner as set 6's score): recall 100/124 = 80.6%, precision 103/141 = 73.0%, status 34/57 =
59.6% (below; 10 of the 23 misses are features not found, most of them expressways named by two-character
abbreviations in a list), no near-homonym document.  Recall, precision and the near-homonym test hold as
plain tests; status stays ``xfail`` with its blind figure.  Seen since (status round 2 and later,
written after reading this set): status 45/57 = 78.9%, now a plain regression test.
The set's own checks (well formed, new
addresses, README) run without importing the scanner (``_heldout.py``).""",
        near_homonyms=frozenset(),
        min_documents=8,
        features=(110, 140),
        min_stated=45,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned"}),
        min_in_area_stated=40,
        in_area_share=2 / 3,
        min_routes=1,
        short={},
    ),
    "heldout8": BlindSet(
        HELDOUT8_DIR,
        history="""Sets 6 and 7 have been scored and are now seen; this set is the honest measure, scored once at
merge.  It is twelve other public pages chosen to be STATUS-DENSE and in the area: 遵义's nine
expressway projects of 2020 (续建 / 新开工), a 贵州-wide list of the year's expressway works
(新建 / 收尾 / 续建 / 预备), 遵义's 2005 road-network plan (四纵三横三联二环, 规划), three 重庆
expressway starts of 2021 (集中开工 / 在建), the 渝赤敘 expressway's preliminary work (traditional
characters), four 渝黔 expressways offered at an investment fair (前期準備工作), the 三南 railway's
start (全面开工 / 改建), the 泸州–遵义 high-speed line taken into a plan (纳入规划), the 仁遵
expressway accepted before opening, the 永津 expressway being built, and two tourism pages with
ordered routes (a two-day 綦江 trip by train, a 赤水河谷 self-drive route).  Its documents and gold
were written by someone who never read the scanner's code nor saw its outputs (see the set's
README): 167 gold features, 71 of them with a stated status (41 in the area), over six statuses.
Same scoring code (``_scan_eval.py``, the corpus README's matching rule) and same thresholds as the
corpus: recall >= 75%, precision >= 60%, status right for >= 70% of the gold features that state
one.  The set has no near-homonym document; the fourth threshold test checks that none is expected.

The threshold tests were written without running them.  Scored once, blind, at merge (2026-12-07 08:09
UTC, the scanner after status round 2 and recall round 2, ``test_scan_status2.py`` and
``test_scan_find_rules2.py``): recall 121/167 = 72.5% (below the 75% target), precision 124/150 = 82.7%,
status 17/71 = 23.9% (far below: 33 of the 54 misses are in one 贵州-wide list of expressways written one
per line under 续建/收尾 heads, 22 of them not found at all; 12 are a 2005 遵义 road-network target read as
planned), no near-homonym document.  Precision and the near-homonym test hold as plain tests; recall and
status stay ``xfail`` with their blind figures.  Seen since (status round 3 and recall round 3, written after
reading this set): recall 156/167 = 93.4%, status 67/71 = 94.4%, now plain regression tests.
The set's own checks (well formed, new addresses, README)
run without importing the scanner (``_heldout.py``).""",
        near_homonyms=frozenset(),
        min_documents=8,
        features=(150, 185),
        min_stated=45,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned"}),
        min_in_area_stated=40,
        in_area_share=2 / 3,
        min_routes=2,
        short={},
    ),
    "heldout9": BlindSet(
        HELDOUT9_DIR,
        history="""Sets 6 to 8 have been scored and are now seen; this set is the honest measure, scored once at
merge.  It is ten other public pages chosen to be STATUS-DENSE: the 渝贵 railway's twelve
stations before its test runs (站房全部建成), the 仁赤 expressway's opening and its sixteen
towns, the 赤水–仁怀 widening of G4215 in preliminary work (2026), a 桐梓 industrial park with
its roads and the power works it will enlarge (traditional characters), the 南万 expressway's
万盛 bridge, 巴南's roads and bridges built and to come, three 重庆 expressways started in 2020
(江泸北线 through 江津), the 江泸北线 being built, a 茅台 road started at 习水, and 重庆's 2016
work report (開工 / 推進 / 改造, traditional characters).  Its documents and gold were written
by someone who never read the scanner's code nor saw its outputs (see the set's README): 165
gold features, 45 of them with a stated status (23 in the area), over five statuses.  Same
scoring code (``_scan_eval.py``, the corpus README's matching rule) and same thresholds as the
corpus: recall >= 75%, precision >= 60%, status right for >= 70% of the gold features that
state one.  The set has no near-homonym document; the fourth threshold test checks that none is
expected.

The threshold tests were written without running them.  Scored once, blind, at merge (2026-12-07 08:26
UTC, the scanner after status round 3 and recall round 3, ``test_scan_status3.py`` and
``test_scan_find_rules3.py``): recall 140/165 = 84.8%, precision 150/170 = 88.2%, status 17/45 = 37.8%
(far below: 10 of the 28 misses are one line's stations whose station buildings the page says are all
built, 9 are a 2016 work report's works under construction written as bare abbreviations, 5 are
features not found), no near-homonym document.  Recall, precision and the near-homonym test hold as
plain tests; status stays ``xfail`` with its blind figure.  Seen since (round 4, written after reading
this set): status 37/45 = 82.2%, recall 87.3%, now plain regression tests.  The set's own checks (well formed, new
addresses, README) run without importing the scanner (``_heldout.py``).""",
        near_homonyms=frozenset(),
        min_documents=8,
        features=(150, 180),
        min_stated=45,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "upgrade"}),
        min_in_area_stated=20,
        in_area_share=0.5,
        min_routes=0,
        short={},
    ),
    "heldout10": BlindSet(
        HELDOUT10_DIR,
        history="""The tenth fresh set, made blind like sets 6 to 9 and status-dense: twelve public pages (綦江's
reservoirs, the 三南 railway's opening, 万盛's profile with its planned lines, 九龙坡's transport paper with
two Yangtze bridges under study, 重庆's 2022 work report, 贵州 and 遵义 transport items, 桐梓 and the
茅台 airport), 138 gold features, 45 stating a status over seven statuses (22 in the area).  Scored
once, blind, at merge (2026-12-07 08:47 UTC, the scanner after round 4, ``test_scan_round4.py``):
recall 118/138 = 85.5%, precision 129/159 = 81.1%, status 28/45 = 62.2% (below the 70% target: of the
17 misses, 4 are features not found, 4 are works on 九龙坡's roads under way given no stage or
``upgrade``, 2 are bridges under study read as building or planned), nothing placed wrongly.  Recall,
precision and the near-homonym test hold as plain tests; status stayed ``xfail`` with its blind figure.
Seen since (round 5, ``test_scan_round5.py``, written after reading this set): status 40/45 = 88.9%,
recall 124/138 = 89.9%, precision 136/166 = 81.9%; status is now a plain regression test (a training
figure: blind set 11 is the honest one).  The set's own checks (well formed, new addresses, README) run
without importing the scanner (``_heldout.py``).""",
        near_homonyms=frozenset(),
        min_documents=8,
        features=(120, 160),
        min_stated=45,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned",
                            "under_study"}),
        min_in_area_stated=20,
        in_area_share=0.5,
        min_routes=0,
        short={},
    ),
    "heldout11": BlindSet(
        HELDOUT11_DIR,
        history="""The eleventh fresh set, made blind like sets 6 to 10 (see its README): thirteen public pages — the
赤水河谷 tourism road with its 13 驿站 in order, a 綦江 three-day route, the 江習古 expressway's 習水–江津
section and its interchanges (traditional), 江津's 14th Five-Year infrastructure plan (a suburban line
section `开工建设`, another under study), 江津's 15th Five-Year review (works `施工建设`), the 渝黔快速铁路 `在建`
and its twelve stations, 綦江's food park by the 渝黔 railway being built (2011), 重庆's 2014 expressway
starts (traditional), 重庆's 2024 transport meeting (start, building, preliminary work), the 贵遵 second
expressway finishing, 渝黔 cooperation (2018: expressways `已通车`, `在建`, `开建`), 遵义's waterway aims
(channels being built, 乌江 upgraded, ports planned) and one near-homonym page about 黔江区 (the 渝湘
high-speed railway being built).  193 gold features, 49 stating a status over all seven statuses (30 in the
area).

Scored blind twice, before any rule was changed after it (2026-12-07 UTC): on main before round 5
(55d268b): recall 163/193 = 84.5%, precision 170/206 = 82.5%, status 28/49 = 57.1%; after round 5 (written
on set 10, without this set): recall 164/193 = 85.0%, precision 171/207 = 82.6%, status 29/49 = 59.2%;
nothing of the 黔江 page placed in the area.  Recall, precision and the near-homonym test hold as plain
tests; status stays ``xfail`` with its blind figure (misses: waterways named by their river in a list of
works, completion words of one part read for the whole, stages of a year's plan).  Seen since (round 6,
written after reading this set's misses): status 40/49 = 81.6%, now a plain regression test; that is a
training figure, not a blind one.""",
        near_homonyms=frozenset({"qjq-2021-yuxiang.txt"}),
        min_documents=12,
        features=(180, 210),
        min_stated=45,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned",
                            "under_study", "upgrade"}),
        min_in_area_stated=28,
        in_area_share=0.6,
        min_routes=1,
        short={},
    ),
    "heldout12": BlindSet(
        HELDOUT12_DIR,
        history="""The twelfth fresh set, made blind like sets 6 to 11 (see its README): sixteen public pages — 綦江's
replies on the 安稳–习水 expressway (`前期工作`, starting at the interchange of the 渝黔 widening `在建`) and on
the 中蟠 road (`规划中的乡道Y074`), the 蟠龙 pumped-storage station (second phase in preliminary work), 綦江's
2018 three-year action (渝贵高铁 `前期工作`), the 渝黔 widening being built (2021) and the 渝黔 second
expressway opening with 大内 and 合安, the 跳磴–江津 suburban line `动工开建` and its six stations, the 珞璜
railway logistics hub about to start (2014), the 小南海 Yangtze bridge in preliminary work, an S549 work at
龙华 going on, 江津's four summer tourism routes (one with its stops in order), the 习新 road opened (2009;
a stretch `老路改造`), the new 贵遵 expressway proposed (2014), 重庆's 2015 transport plan (an advertising
site's reworded copy, traditional: starts, building, preliminary work, study), the 渝湘 second expressway's
南川 section finishing, and one near-homonym page about 黔江区 (park projects being built, traditional).
162 gold features, 55 stating a status over all seven statuses (24 in the area).
Scored once, blind, after scanner round 5 (2026-12-07 UTC): recall 136/162 = 84.0%, precision 144/185 =
77.8%, status 23/55 = 41.8% (13 of the 32 misses in one machine-reworded 2015 plan page whose names are
altered), nothing of the 黔江 page placed in the area.  Recall, precision and the near-homonym test hold as
plain tests; status stays ``xfail`` with its blind figure.  Seen since (round 6, written after reading this
set's misses): status 28/55 = 50.9%, still below, still ``xfail``.""",
        near_homonyms=frozenset({"qjq-yuanqu-xiangmu.txt"}),
        min_documents=14,
        features=(150, 175),
        min_stated=50,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned",
                            "under_study", "upgrade"}),
        min_in_area_stated=22,
        in_area_share=0.5,
        min_routes=1,
        short={"status": "blind score 41.8% (23/55), below the 70% target"},
    ),
    **LATER_SETS,
}
