"""The blind held-out sets 6 to 16 and their record (``tests/scan/test_scan_blind_sets.py`` tests them).

Kept apart from the tests so that each set's make-up, blind score and history read as one table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tests._scan_corpus import (
    HELDOUT6_DIR,
    HELDOUT7_DIR,
    HELDOUT8_DIR,
    HELDOUT9_DIR,
    HELDOUT10_DIR,
    HELDOUT11_DIR,
    HELDOUT12_DIR,
    HELDOUT13_DIR,
    HELDOUT14_DIR,
    HELDOUT15_DIR,
    HELDOUT16_DIR,
)


@dataclass(frozen=True)
class BlindSet:
    """One blind set: what its make-up must be, and its record.

    Attributes
    ----------
    folder : Path
        The set's folder.
    history : str
        What the set is, its blind score and what happened since, in words.
    near_homonyms : frozenset of str
        Its near-homonym documents (every feature outside the area).
    min_documents : int
        Fewest documents.
    features : tuple of int
        Least and most gold features.
    min_stated : int
        Fewest gold features with a stated status.
    statuses : frozenset of str
        Statuses the gold must hold at least once.
    min_in_area_stated : int
        Fewest stated features inside the area.
    in_area_share : float
        The share of features inside the area must exceed this.
    min_routes : int
        Fewest tourism routes.
    short : dict
        Figure (``recall``, ``precision``, ``status``) -> the ``xfail`` reason: its blind score, still short.
    """

    folder: Path
    history: str
    near_homonyms: frozenset[str]
    min_documents: int
    features: tuple[int, int]
    min_stated: int
    statuses: frozenset[str]
    min_in_area_stated: int
    in_area_share: float
    min_routes: int = 0
    short: dict[str, str] = field(default_factory=dict)


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
    "heldout13": BlindSet(
        HELDOUT13_DIR,
        history="""The thirteenth fresh set, made blind like sets 6 to 12 (see its README): sixteen public pages —
重庆's 2016 railway meeting (traditional: lines and hubs `在建`), the 重庆 development commission's 2021 reply (lines
`建成投运`, high-speed lines `开工建设`, the 成渝 railway's 江津–永川 rebuild `深入论证`), 2023 key projects (the 蟠龙
pumped-storage station impounded), 綦江's 2012 new 渝黔 railway item (start hoped for, stations being designed,
traditional), the 渝贵 railway under joint testing (2017), a 綦江 reply on the 木竹河 road to 桐梓 reopened (2022), a
綦江 rural road being built (traditional), two 綦江 red-tourism routes with their stops in order (2024), 江津's
five named tourism routes (2020), 江津's 2019 work report (line 5 extension `加快建设`, factory projects to start),
the 珞璜 rail hub being built (2015), a 2021 江津 results item, the 仁遵 expressway bored through (2022), the 下坝
(traditional) and 观音 reservoirs being built, and one near-homonym page about 黔江区 (a road reply, traditional).
142 gold features, 45 stating a status over six statuses (30 in the area; no `upgrade` stated).

Scored once, blind, after scanner round 6 (2026-12-07 17:15 UTC, rules written on sets 11 and 12, without
this set): recall 110/142 = 77.5%, precision 128/148 = 86.5%, status 21/45 = 46.7% (of the 24 misses, 8 are
features not found, e.g. two-character line names `兰渝`, factory projects, and 11 get no stage: lines in a
list under a lead that states the stage, works said to be `贯通`), nothing of the 黔江 page placed in the
area.  Recall, precision and the near-homonym test hold as plain tests; status stays ``xfail`` with its
blind figure.  Seen since (round 7, written after reading this set's misses): status 29/45 = 64.4%, still
below, still ``xfail``.  Round 8 (finding, read this set too): recall 114/142 = 80.3%, status 31/45 = 68.9%.""",
        near_homonyms=frozenset({"qjq-2023-s304.txt"}),
        min_documents=14,
        features=(130, 155),
        min_stated=40,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned",
                            "under_study"}),
        min_in_area_stated=28,
        in_area_share=0.6,
        min_routes=1,
        short={"status": "blind score 46.7% (21/45), below the 70% target"},
    ),
    "heldout14": BlindSet(
        HELDOUT14_DIR,
        history="""The fourteenth fresh set, made blind like sets 6 to 13 (see its README): fifteen public pages —
綦江's eastern new town (2019: avenues and roads `建成`, a bridge `基本建成`, another `建设正有序推进`), the 北渡
aluminium park's reply (2023, traditional: partly built, a service centre `擬實施`), 綦江's summer resorts (2015),
the 德感 park's 港城大道 `開工建設` (2016, traditional) and its 2018 work bulletin (works with their shares done),
a 江津 bonded-zone link road being paved (2024), 江津's spring route 亲子采摘之旅 (2025), the 南万 expressway opened
(2013), 萬盛's 平山 park history (2018, traditional), 习水's graded scenic areas `已建成` and expressways open or
`正在建设` (about 2021), 习水's five tourism years (traditional), 遵義縣's 龍坑 with lines `在建` (2010, traditional),
the 桐新 expressway in `前期工作` about to start (2020), 重庆's 2022 plan report (lines `前期工作`, `研究论证`, one
`提质改造`; mostly outside the area) and one near-homonym page about 三角镇 of 中山市, 广东.  174 gold features, 76
stating a status over all seven statuses (57 in the area).

Scored once, blind, on main after scanner round 6 (2026-12-07 20:05 UTC, before round 7, whose helper never
read this set): recall 121/174 = 69.5%, precision 132/167 = 79.0%, status 44/76 = 57.9%, and 9 features of
the 中山 page placed in the area: its 三角镇 was matched to the map's 三角镇 of 綦江区 and drawn there, because a
record match was taken before the words around the name (中山市) were read.  Fixed at once, as a general rule
(``geo.scan._place.elsewhere``: a township or place said to be in a county outside the area matches no
record and is not placed), with its own made-up test in ``test_scan_plan.py``; no other set's figure moved.
Precision and the near-homonym test hold as plain tests (the latter only since the fix); recall (misses:
works named by long phrases ending in 工程/项目, sights in a list without a suffix) and status stay ``xfail``
with their blind figures.  Seen since (round 8, written after reading this set's misses): recall 132/174 =
75.9%, so recall is a plain regression test; precision 84.9%; status 46/76 = 60.5%, still ``xfail``.""",
        near_homonyms=frozenset({"zs-sanjiao-fuyuan.txt"}),
        min_documents=14,
        features=(160, 190),
        min_stated=65,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned",
                            "under_study", "upgrade"}),
        min_in_area_stated=50,
        in_area_share=0.7,
        min_routes=1,
        short={"status": "blind score 57.9% (44/76), below the 70% target"},
    ),
    "heldout15": BlindSet(
        HELDOUT15_DIR,
        history="""The fifteenth fresh set, made blind like sets 6 to 14 (see its README): fourteen public pages —
遵义's southern new area (2018: roads `已建成`, two fast lines and an avenue `正在加快建设`, four metro lines
`规划的`, schools, a hospital and a bus hub `建成`), 重庆's eleven water works started together (2022, traditional;
two in 綦江, and 秀山's 桐梓水庫), 遵义's city growth (2018: four city roads `启动…建设`, the 遵义大道 at work, the 忠深
road `2009年通车`), 万盛's 黑山 resort sights (2019), the 四面山 expressway `通车` (2018), 南川's 金佛山 park `開工`
(2016, traditional; outside the area), the 江习 expressway about to start (2014), the 湄潭–石阡 expressway's design
approved (2018), 遵义 county's five industrial parks `开工建设`, the 藻渡 reservoir `加速建設` (2025, traditional),
赤水 and its river channel upgraded (2016), the 赤水河 navigation works (2012, traditional), 遵义's railway age
(2017, traditional: 茅臺機場 `通航`, the 川黔 railway) and one near-homonym page about 合肥's 新站高新区 (桐梓 has
a 新站 town).  133 gold features, 50 stating a status (37 in the area).
Scored once, blind, on main after round 7 and the namesake fix of set 14 (2026-12-07 20:25 UTC): recall
100/133 = 75.2%, precision 111/141 = 78.7%, status 27/50 = 54.0%, and 5 features of the 合肥 page placed in
the area: its 新站高新区 ("new station" district) was put at 桐梓's 新站镇 by the bare stem 新站 inside the name.
Fixed at once as a general rule (``geo.scan._place._inner_place``: a township's bare stem places a feature
only in a text that names a county of the area), with a made-up test in ``test_scan_plan.py``; no other
set's figure moved.  Recall, precision and the near-homonym test (since the fix) hold as plain tests;
status stays ``xfail`` with its blind figure (misses: works named as `A至B` stretches of a city plan, a
school and venue list `建成`, a river's channel works read as a start).""",
        near_homonyms=frozenset({"hf-xinzhan-tongling.txt"}),
        min_documents=14,
        features=(120, 150),
        min_stated=45,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned",
                            "upgrade"}),
        min_in_area_stated=30,
        in_area_share=0.7,
        min_routes=0,
        short={"status": "blind score 54.0% (27/50), below the 70% target"},
    ),
    "heldout16": BlindSet(
        HELDOUT16_DIR,
        history="""The sixteenth fresh set, made blind like sets 6 to 15 (see its README): fifteen public pages —
遵义's widest road 迎宾大道 `正式通车` with the rebuilt 遵义东站 toll station (2018), the 赤水河谷 tourism road
`开工` at 土城 (2019), 江津's 迎宾 长江 bridge `开工建设` with metro line 5 `预留` (2009), the 几江 长江 bridge (wiki:
`动工` 2011, `通车运营` 2016), the 白沙 长江 bridge `启动建设` (2018), 綦江's 郭高路 works under way (2018) and its
town streets rebuilt, `全面完工` (2019), the 茅台 airport's feasibility study passed (2011, traditional), the 涪柳
railway through 道真 `規劃建設` (2016, traditional), 遵义's express-logistics park started and a cold store
`提质改造` (2025), a recommended tourism route in 遵义's north (2024), the 遵湄 expressway `开通` (2013), the 扎南
works on the 贵遵 expressway `竣工` (2007), the 新舟 airport `建成通航` (traditional) and one near-homonym page
about 华州区 of 渭南, 陕西, whose park spans a 赤水镇 and a 赤水河 (遵义 has a 赤水 city and river).
107 gold features, 27 stating a status (20 in the area), one tourism route.
Scored once, blind, on main after round 8 (2026-12-07 21:05 UTC, before round 9): recall 86/107 = 80.4%,
precision 95/117 = 81.2%, status 12/27 = 44.4%, and 1 feature of the 华州区 page placed in the area: its
赤水镇 was read as being in 赤水市, the county whose short name is the township's own stem.  Fixed at once as a
general rule (``CountyContext.near`` skips a county's short name that is the mention's own stem), with a
made-up test in ``test_scan_plan.py``; no other set's figure moved.  Recall, precision and the near-homonym
test (since the fix) hold as plain tests; status stays ``xfail`` with its blind figure (a small base: 27).""",
        near_homonyms=frozenset({"hz-huazhou-yuanqu.txt"}),
        min_documents=15,
        features=(95, 120),
        min_stated=25,
        statuses=frozenset({"existing", "under_construction", "start_construction", "preliminary_work", "planned",
                            "upgrade"}),
        min_in_area_stated=18,
        in_area_share=0.7,
        min_routes=1,
        short={"status": "blind score 44.4% (12/27), below the 70% target"},
    ),
}
