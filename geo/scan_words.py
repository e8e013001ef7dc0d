"""Vocabularies of the document scanner added since round 7 (``docs/scanner-evaluation.md``): status words, and
round 10's suffixes and name grammar of the finder (read by :mod:`geo.scan._lexicon` and the readers), and round 11's
capacity units, stop verbs and progressive frame.

A module of :mod:`geo.config`'s family: :mod:`geo.config` was at its size limit, so the rounds' word
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
#: Round 10 (finding): suffixes of sites that plans and reports list as built or planned, with the
#: longest stem each takes (a park, a square, a wetland, a cableway, a ride, an amusement park named by
#: a short place or proper name: ``甲乙公园``, ``丙丁文化广场``, ``甲湖湿地``, ``…观光索道``,
#: ``…森林小火车``, ``甲乙欢乐谷``).  A short longest stem keeps sentences out (``建成了一个公园``).
SITE_SUFFIXES: Final[dict[str, int]] = {
    "公园": 3, "文化广场": 4, "湿地": 3, "索道": 6, "观光索道": 6, "小火车": 4, "森林小火车": 4, "欢乐谷": 3,
    # round 13: a rest stop of a greenway or a tourism road, named by its place (``福禄台驿站``, ``淋滩驿站``)
    "驿站": 4,
}
#: Round 10: a trade city of cars named by its place (``甲地国际汽车城``): a market, like ``…商贸城``.
MARKET_SUFFIXES: Final[tuple[str, ...]] = ("汽车城",)
#: Round 10: a hub of city transport named by its district (``南部公交枢纽中心``, ``北城客运枢纽中心``).
HUB_SUFFIXES: Final[tuple[str, ...]] = ("枢纽中心",)
#: Round 10: a cluster of an industry named by its place and trade (``甲地快递物流（电子商务）产业集聚区``).
CLUSTER_SUFFIXES: Final[tuple[str, ...]] = ("集聚区",)
#: Stem endings that make a park, a square, a hub or a cluster a class, not a name (``口袋公园``, ``城市公园``,
#: ``社区公园``, ``中小企业集聚区``).
SITE_GENERIC_STEMS: Final[frozenset[str]] = frozenset({
    "口袋", "郊野", "社区", "街头", "街心", "小区", "游园", "休闲", "市民", "滨河", "滨水", "山体", "湿地",
    "国家", "城市", "主题", "生态", "健身", "儿童", "中小企业", "消费", "重要",
    # a class of hub (``区域性交通枢纽中心``, ``综合枢纽中心``) and a ride taken, not named (``不坐索道``)
    "交通", "综合", "坐", "乘", "搭",
    # round 13: a class of rest stops (``旅游驿站``, ``古代驿站``, ``爱心驿站``, ``服务驿站``)
    "旅游", "古代", "爱心", "服务", "乡村", "红色", "公路", "骑行", "户外",
})
#: Round 10: classes of road a plan names as an alternative before a corridor's suffix (``甲至乙城市干道或快速通道``):
#: the stem before them is the name's, and a list before it shares the whole phrase.
ALTERNATIVE_ROADS: Final[tuple[str, ...]] = ("城市干道", "主干道", "干道", "快速路", "快速通道", "公路", "大道", "通道")
#: Round 10: works on a city road named by the road (``甲乙路北段改造工程``, ``丙丁路道路整治项目``,
#: ``戊己路污水泵站``): what is done to it, then ``工程``/``项目`` (a pumping station may stand alone).
ROAD_WORKS: Final[tuple[str, ...]] = ("升级改造", "改造提升", "提质改造", "改扩建", "拓宽改造", "改造", "整治", "提升",
                                      "拓宽", "污水泵站", "泵站")
#: Round 10: avenues named by their use after a short place name (``甲乙工业大道``): ``工业`` alone is a class
#: of stems (``工业园``), here it is the road's own word.
USE_AVENUES: Final[tuple[str, ...]] = ("工业大道", "产业大道")
#: Round 10: a line's capacity works named by its two end points' abbreviations (``渝黔扩能``, ``渝长扩能``),
#: the first a province's or a city's (:data:`geo.scan._lexicon.LINE_ENDS`); the mode is read from the words around.
LINE_WORKS: Final[tuple[str, ...]] = ("扩能",)
#: Round 10: a railway's second line named by its end points' abbreviations (``涪怀二线``), one of them a
#: province's or a city's (:data:`geo.scan._lexicon.LINE_ENDS`; ``增建二线`` is a verb's object).
SECOND_LINES: Final[tuple[str, ...]] = ("二线",)
#: Round 10: the area's prefecture, whose name before a generic class names one site (``遵义国际汽车城``), as an
#: in-area county's does (``綦江国家地质公园``).
AREA_PREFECTURES: Final[frozenset[str]] = frozenset({"遵义市"})
#: Round 10: words of rank between ``等`` and the class that closes a list (``A、B等重点港口``): the list's items
#: share the class as they do without them (``A、B等港口``).
LIST_RANKS: Final[tuple[str, ...]] = ("重点", "主要", "重要", "骨干")

#: Round 11: units of a plant's capacity that name an industrial project (``年产800万套…零部件项目``,
#: ``3万吨酱香系列酒技改项目``, ``15万吨玻璃纤维项目``): the figure and its unit start the project's own name.
CAPACITY_UNITS: Final[tuple[str, ...]] = (
    "吨", "套", "件", "台", "辆", "千瓦", "立方米", "方", "平方米", "头", "只", "片", "支", "瓶", "条")
#: Round 11: words that end a firm's name before its capacity (``甲乙公司年产…项目``, ``甲乙酒业1万吨…``).
CAPACITY_FIRMS: Final[tuple[str, ...]] = ("有限责任公司", "有限公司", "公司", "集团", "酒业", "酒厂", "厂")

#: Round 11: verbs of a clause that end a name on its left (read into :data:`geo.scan._lexicon.STOP_WORDS`): an
#: attitude, a plan's drawing, a reliance, a means, a cause, a closure, a listing, a consent, a view
#: (``…县高度重视农村公路``, ``勾画一幅…景区``, ``依赖物流通道``, ``采用…轨道交通``, ``造成公路…``, ``关停…码头``,
#: ``列入产业路``, ``同意后纳入…``, ``俯看脚下村``, ``带回山乡``, ``建造甲乙航运枢纽``):
#: the name starts after them.
STOP_VERBS: Final[tuple[str, ...]] = (
    "重视", "高度重视", "勾画", "描绘", "依赖", "采用", "造成", "关停", "关闭", "列入", "纳入", "同意", "俯看",
    "俯瞰", "带回", "唱好", "记得住", "建造",
    # round 13: words of a story told (a blog's ``不过驿站…``, ``查看驿站``, ``更觉得大桥…``, ``起初站…``)
    "不过", "但是", "可是", "然后", "查看", "觉得", "看到", "看见", "起初", "当初", "首先", "其次")

#: Round 11: the progressive frame (:mod:`geo.scan._status_words`): a marker of an action going on, up to ten
#: characters of manner (``紧锣密鼓地``, ``加速``, ``抓紧``), and a verb of building (``也在紧锣密鼓地开发建设之中``,
#: ``正在加速建造A、B等项目``) state works under construction, whatever adverb stands between.
STATUS_PROGRESSIVE_MARKERS: Final[tuple[str, ...]] = ("正在", "也在", "都在", "还在", "均在", "仍在")
STATUS_PROGRESSIVE_VERBS: Final[tuple[str, ...]] = ("开发建设", "建设", "施工", "建造", "修建")
