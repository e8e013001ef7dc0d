"""Private: the words of Chinese planning prose the finder reads (suffixes, stop words, name grammar).

A suffix names what a feature is (``…水库`` a reservoir, ``…快速路`` a fast road); the
stop words end a name on its left (``推进渝贵高铁`` is ``渝贵高铁``).  These are the scanner's
own grammar; the status vocabulary is :data:`geo.config.STATUS_WORDS`.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from geo.scan_words import (
    CLUSTER_SUFFIXES,
    HUB_SUFFIXES,
    LINE_WORKS,
    MARKET_SUFFIXES,
    SECOND_LINES,
    SITE_SUFFIXES,
    STOP_VERBS,
    USE_AVENUES,
)


class Suffix(NamedTuple):
    """What a name ending in this suffix is: the scanner's kind and the seeds' sub-kind (mode, kind, level)."""

    kind: str
    sub: str
    max_stem: int  # longest stem (characters before the suffix) accepted
    min_stem: int = 2


_CORRIDOR = {
    "高速铁路": "high_speed_rail", "高铁": "high_speed_rail", "客运专线": "high_speed_rail",
    "城际铁路": "suburban_rail", "市域铁路": "suburban_rail", "市域（郊）铁路": "suburban_rail",
    "城轨快线": "suburban_rail", "轨道交通": "suburban_rail", "轻轨": "suburban_rail",
    "铁路": "railway", "专用线": "railway", "铁路支线": "railway",
    "高速公路": "expressway", "高速": "expressway", "高速复线": "expressway",
    # a national expressway named by its ends' abbreviation (``兰海国家高速公路``)
    "国家高速公路": "expressway",
    "国道": "national_road", "省道": "provincial_road",
    "快速路": "fast_road", "快速通道": "fast_road", "快速干道": "fast_road", "物流通道": "connector_road",
    "连接道": "connector_road", "连接线": "connector_road", "出境公路": "connector_road", "旅游公路": "connector_road",
    "公路": "connector_road", "大道": "connector_road", "旅游大道": "connector_road", "产业路": "connector_road",
    "航道": "waterway", "联络线": "railway", "城际": "suburban_rail",
    # a county or township road named by its number (``380县道``, ``X047乡道``)
    "县道": "connector_road", "乡道": "connector_road",
    # a branch line (``茅溪支线``, ``黄茅坪支线``): its mode is read from the corridor words before it
    "支线": "",
    # ``国高`` is a national expressway (``厦蓉国高都匀至贵阳段扩容工程``)
    "国高": "expressway",
    # a waterway named by its river (``长江黄金水道``); a line's extension (``瓮马南北延伸线``), its mode from context
    "水道": "waterway", "延伸线": "", "快铁": "railway",
    # a plan's inter-provincial corridor named by its end points (``綦江安稳至习水温水等3条省际通道``)
    "省际通道": "",
    # a city road named by its direction (``浒溪北路``)
    "北路": "connector_road", "南路": "connector_road", "东路": "connector_road", "西路": "connector_road",
    # two-character abbreviations of a line's end points: ``贵遵复线``, ``崇遵扩容`` (stem of exactly 2)
    "复线": "expressway", "扩容": "expressway",
    # a passenger-dedicated line by its abbreviation (``成渝客专``: 客运专线)
    "客专": "high_speed_rail",
    # a city's express road (``新龙快线``, ``新南快线``: round 9); ``城轨快线`` above stays a suburban line
    "快线": "fast_road",
}
_LOGISTICS = {
    "物流园区": "logistics_park", "物流园": "logistics_park", "物流基地": "logistics_park",
    "物流中心": "logistics_park", "物流港": "logistics_park", "物流枢纽": "hub", "综合枢纽": "hub",
    "分拨中心": "hub", "分拨基地": "hub", "集散中心": "hub", "供应链中心": "hub", "服务区": "hub",
    "无水港": "dry_port", "陆港": "dry_port", "内陆港": "dry_port", "港区": "dry_port", "码头": "dry_port",
    "综合保税区": "bonded_zone", "保税区": "bonded_zone", "保税港": "bonded_zone", "保税港区": "bonded_zone",
    "保税仓": "bonded_zone", "保税物流中心": "bonded_zone",
    "机场": "airport", "停机坪": "airport",
    "批发市场": "market", "专业市场": "market", "家居市场": "market", "汽车市场": "market", "农贸市场": "market",
    "花鸟市场": "market", "建材市场": "market",
    "商贸城": "market", "农博城": "market", "商圈": "market", "商业街": "market", "美食街": "market",
    "集结站": "freight_yard", "编组站": "freight_yard", "货运站": "freight_yard", "货场": "freight_yard",
    "集货站场": "freight_yard", "站场": "freight_yard",
    "物流站": "freight_yard", "港": "dry_port", "通用机场": "airport",
    # ports and areas named by a phrase (``嘉陵江利泽航运枢纽``, ``珞璜枢纽港``, ``临港物流城``)
    "航运枢纽": "hub", "枢纽港": "dry_port", "物流城": "logistics_park", "口岸": "hub",
    "客运站": "station", "客运枢纽": "station", "火车站": "station", "高铁站": "station", "东站": "station",
    "西站": "station", "南站": "station", "北站": "station", "车站": "station",
    # centres named by their trade (``医药配送中心``, ``卷烟物流配送中心``, ``农产品交易中心``)
    "配送中心": "hub", "交易中心": "market",
}
_PROJECT = {
    "产业园区": "industrial_park", "产业园": "industrial_park", "工业园区": "industrial_park",
    "工业园": "industrial_park", "园区": "industrial_park", "科技园": "industrial_park", "科技城": "industrial_park",
    "高新区": "industrial_park",
    "经开区": "industrial_park", "开发区": "industrial_park", "产业基地": "industrial_park",
    "产业城": "industrial_park", "航电枢纽": "power_station",
    "示范园": "agriculture", "示范园区": "agriculture", "农业园": "agriculture", "农博园": "agriculture",
    "水库": "reservoir", "水电站": "power_station", "抽水蓄能电站": "power_station", "电站": "power_station",
    "电厂": "power_station",
    "风电场": "energy", "光伏电站": "energy",
    # mines and works named by their place (``綦江铁矿``, ``官仓煤矿``, ``双溪兵工厂``, ``双溪机械厂``)
    "煤矿": "energy", "铁矿": "industrial_park", "兵工厂": "industrial_park", "机械厂": "industrial_park",
    # halls and centres of a plan's works (``滨水会展中心``, ``…产业园研发创新中心``, ``悦来会展城``)
    "会展中心": "public_service", "会展城": "public_service", "创新中心": "platform",
    "输水管道工程": "water_works", "供水工程": "water_works", "治理工程": "water_works", "整治工程": "water_works",
    "防洪工程": "water_works", "水利工程": "water_works", "水资源配置工程": "water_works",
    "改扩建工程": "public_service",
    "大学": "university", "学院": "university", "校区": "university",
    # schools and venues of a new district's services (``…第二高级中学``, ``…南城体育馆``: round 9)
    "中学": "public_service", "高级中学": "public_service", "小学": "public_service", "体育馆": "public_service",
    "医院": "hospital", "医疗中心": "hospital", "数据中心": "data_centre", "实验室": "platform",
    "景区": "tourism_project", "风景区": "tourism_project", "风景名胜区": "tourism_project",
    "旅游区": "tourism_project", "老街": "tourism_project", "牌楼": "tourism_project",
    "水世界": "tourism_project", "度假区": "tourism_project", "古镇": "tourism_project",
    "地质公园": "tourism_project", "森林公园": "tourism_project", "湿地公园": "tourism_project",
    "体育公园": "tourism_project", "文化公园": "tourism_project", "主题公园": "tourism_project",
    "纪念馆": "tourism_project", "陈列馆": "tourism_project",
    "博物馆": "tourism_project", "展览馆": "tourism_project", "遗址": "tourism_project",
    "旧址": "tourism_project", "故居": "tourism_project", "故里": "tourism_project", "会址": "tourism_project",
    "漂流": "tourism_project", "温泉": "tourism_project", "康养项目": "tourism_project", "示范项目": "tourism_project",
    "文化园": "tourism_project", "生态园": "tourism_project", "山庄": "tourism_project", "花海": "tourism_project",
    "丹霞谷": "tourism_project", "苗乡": "tourism_project", "文创产业园": "tourism_project",
    "渡口": "tourism_project", "陵园": "tourism_project", "寺": "tourism_project", "塔": "tourism_project",
    "湖": "tourism_project", "避暑地": "tourism_project", "古道": "tourism_project",
    # natural sites and landmarks named bare, with a short stem (``老瀛山``, ``双河洞``, ``天成庙``, ``万盛石林``)
    "山": "tourism_project", "洞": "tourism_project", "溶洞": "tourism_project", "瀑布": "tourism_project",
    "峡谷": "tourism_project", "大峡谷": "tourism_project", "庙": "tourism_project", "石林": "tourism_project",
    "原始森林": "tourism_project", "天坑": "tourism_project", "岩": "tourism_project", "溪": "tourism_project",
    "石海": "tourism_project",  # a karst field of stone (``龙鳞石海``), like ``石林``
    # works of a road or railway that documents name on their own (a tunnel, a bridge, a toll station)
    "隧道": "road_project", "特大桥": "road_project", "大桥": "road_project", "收费站": "road_project",
    # the second or third bridge over a river (``赤水河二桥``, ``甲江三桥``)
    "河二桥": "road_project", "江二桥": "road_project", "河三桥": "road_project", "江三桥": "road_project",
}
#: Works of a corridor: their name starts after the corridor or section named before them
#: (``…高速公路一标段红花园大桥`` is ``红花园大桥``).
WORKS_SUFFIXES: Final[frozenset[str]] = frozenset({"隧道", "特大桥", "大桥", "收费站", "服务区", "互通", "枢纽互通",
                                                   "立交"})
_TOWNSHIP = {"街道": "subdistrict", "镇": "town", "乡": "township"}
_PLACE = {"村": "village", "社区": "village", "互通": "interchange", "立交": "interchange", "半岛": "area",
          "新城": "area", "片区": "area", "组团": "area",
          "新区": "area", "河": "river"}
_ROUTE = {"环线": "route", "线路": "route", "精品线": "route", "旅游线": "route"}

#: Suffix -> what it names (longest suffix wins at a position).
SUFFIXES: Final[dict[str, Suffix]] = {
    **{s: Suffix("corridor", m, 14) for s, m in _CORRIDOR.items()},
    **{s: Suffix("logistics", k, 14) for s, k in _LOGISTICS.items()},
    **{s: Suffix("project", k, 16) for s, k in _PROJECT.items()},
    **{s: Suffix("township", v, 4) for s, v in _TOWNSHIP.items()},
    **{s: Suffix("place", v, 4) for s, v in _PLACE.items()},
    **{s: Suffix("tourism_route", v, 10) for s, v in _ROUTE.items()},
}
SUFFIXES["站"] = Suffix("logistics", "station", 3)
# round 10: parks, squares, rides and clusters named by a short stem (geo.scan_words)
SUFFIXES.update({w: Suffix("project", "tourism_project", n) for w, n in SITE_SUFFIXES.items()})
SUFFIXES.update({w: Suffix("logistics", "hub", 8) for w in HUB_SUFFIXES})
SUFFIXES.update({w: Suffix("logistics", "market", 6) for w in MARKET_SUFFIXES})
SUFFIXES.update({w: Suffix("project", "industrial_park", 16) for w in CLUSTER_SUFFIXES})
SUFFIXES.update({w: Suffix("corridor", "connector_road", 14) for w in USE_AVENUES})
SUFFIXES.update({w: Suffix("corridor", "", 2) for w in LINE_WORKS})
SUFFIXES.update({w: Suffix("corridor", "railway", 2) for w in SECOND_LINES})
#: Short-stemmed suffixes: a stem of 2-3 characters only (``日月湖``, ``净音寺``, ``习水河``, ``遵义港``).
for _word in ("湖", "寺", "塔", "河", "港", "山", "洞", "庙", "石林", "石海", "天坑", "岩", "溪"):
    SUFFIXES[_word] = SUFFIXES[_word]._replace(max_stem=3)
for _word in ("溶洞", "峡谷", "大峡谷", "原始森林"):
    SUFFIXES[_word] = SUFFIXES[_word]._replace(max_stem=4)
SUFFIXES["瀑布"] = SUFFIXES["瀑布"]._replace(max_stem=5)
# a class of roads, no name's suffix: only the items of a counted list take it (``A、B、C三条城市干道``)
SUFFIXES["干道"] = Suffix("corridor", "connector_road", 0)
SUFFIXES["江"] = Suffix("place", "river", 2, 1)  # ``阿蓬江``, ``嘉陵江``; ``长江``, ``乌江`` after a break or a verb
SUFFIXES["河"] = SUFFIXES["河"]._replace(min_stem=1)  # ``綦河``, ``黄河`` after a break or a verb
#: Words before a one-character river (``而长江``, ``沿长江``): not the river's; and one-character stems that
#: make ``江`` a common word (``沿江``, ``过江``, ``两江``, ``大江``).
RIVER_LEAD: Final[str] = "而沿过跨越入渡临靠近在从经至到与和及是的让往向"
#: Verbs (``通江达海``, ``拥江发展``) and the one province so named (``浙江``) are no river either.
NOT_RIVER: Final[str] = RIVER_LEAD + "一二三四五六七八九十两百千万大小江通拥傍依顺浙内运界山冰银护开拉渠过下上隔对"
#: Characters after a natural site's suffix that make it a common word (``山区``, ``山水``, ``洞口``).
NATURAL_NO_FOLLOW: Final[dict[str, str]] = {
    "山": "脉区地水林上下间体势顶峰谷川城寨坡路庄门头腰脚村乡镇货歌羊鸡药珍茶东西南北洪火",
    "洞": "穴口察悉见", "庙": "会宇", "岩": "石层溶浆画体壁洞羊", "溪": "流水边畔谷沟",
    "江": "津北南东西口苏边畔岸面心段流域水上下中城陵门西州山海源省地渡",
}
#: Last characters of a natural site's stem that make it a common phrase (``那座山``, ``群山``, ``深山``).
NATURAL_BAD_LAST: Final[str] = (
    "座个片处群大高深青远名荒矿火冰江上下进出半满爬登游看去到来靠过后前小老的区县市镇乡村省页砂灰岗依傍临"
)
#: Verbs that may stand right before a natural site's name (``登柏芷山``, ``游古剑山``): not part of it.
NATURAL_VERBS: Final[str] = "登爬游看去到进上逛再又还也先可"
for _word in ("互通", "立交", "新城", "片区", "组团", "新区", "隧道", "特大桥", "大桥", "收费站"):
    SUFFIXES[_word] = SUFFIXES[_word]._replace(max_stem=6)
SUFFIXES["枢纽互通"] = SUFFIXES["互通"]
for _word in ("北路", "南路", "东路", "西路"):
    SUFFIXES[_word] = SUFFIXES[_word]._replace(max_stem=3)
SUFFIXES["水道"] = SUFFIXES["水道"]._replace(min_stem=3)  # ``长江黄金水道``; ``“黄金水道”`` is an epithet
SUFFIXES["古道"] = SUFFIXES["古道"]._replace(max_stem=4)  # ``川盐古道``; not a sentence (``古时夜郎南越古道``)
for _word in ("复线", "扩容"):
    SUFFIXES[_word] = SUFFIXES[_word]._replace(max_stem=2)
for _word in ("老街", "煤矿", "铁矿", "兵工厂", "机械厂", "牌楼", "水世界", "半岛"):
    SUFFIXES[_word] = SUFFIXES[_word]._replace(max_stem=4)

#: Words after a corridor's suffix that still belong to its name (``渝黔高速原路加宽（南环至綦江段）``).
TRAILERS: Final[tuple[str, ...]] = (
    "原路加宽", "扩能改造", "升级改造工程", "改扩建工程", "改造工程", "改造", "加宽", "改线", "复线", "扩能",
    "梯级渠化", "扩容工程", "通道", "二期", "一期", "三期", "延伸段", "东延伸段", "西延伸段", "北延伸段",
    "南延伸段", "工程",
)

#: Words that end a name on its left (verbs, adverbs, function words of planning prose); longest first.
STOP_WORDS: Final[tuple[str, ...]] = tuple(sorted({
    "推进", "推动", "加快", "加速", "建设", "建成", "开工", "打造", "依托", "实施", "完善", "构建", "提升", "积极",
    "共同", "合力", "共建", "支持", "发展", "加强", "强化", "开展", "布局", "规划", "研究", "论证", "谋划",
    "争取", "力争", "启动", "完成", "新建", "续建", "实现", "形成", "利用", "围绕", "服务", "促进", "引进",
    "联动", "串联", "连接", "连通", "对接", "融入", "包括", "以及", "重点", "全面", "大力", "协同", "助推",
    "拓展", "深化", "优化", "申报", "创建", "培育", "设立", "争创", "建立", "落地", "投用", "通车", "运营",
    "开通", "启用", "位于", "地处", "途经", "经过", "通过", "前往", "抵达", "一批", "一座", "一个", "一条",
    "总投资", "项目", "其中", "同时", "目前", "已经", "正在", "预计", "计划", "全长", "起于", "止于", "起点",
    "终点", "沿线", "我区", "我县", "我市", "全区", "全县", "全市", "境内", "辖区", "该", "这", "此", "其",
    "的", "和", "与", "及", "在", "为", "将", "把", "对", "向", "从", "是", "有", "了", "由", "被", "以", "于",
    "等", "并", "或", "即", "到", "往", "自", "畅通", "贯通", "提速", "提质", "扩建", "改造", "升级",
    "加宽", "加密", "新增", "新开", "持续", "继续", "进一步", "主要", "重要", "稳步", "有序", "着力",
    "探索", "配合", "协调", "衔接", "涉及", "覆盖", "位置", "成为", "作为", "属于", "开辟", "接入", "抓好",
    "做好", "做大", "做强", "提档", "扩容", "承接", "吸引", "携手", "联合", "共享", "共推", "共育",
    "提供", "参与", "组织", "举办", "召开", "签约", "签署", "建好", "用好", "管好", "做优", "壮大", "招商",
    "加快推进", "积极推进", "新建成", "已建成", "日前", "近日", "今年", "去年", "上半年", "下半年",
    "储备", "预留", "要建", "在建", "拟建", "已建", "待建", "筹建",
    "组建", "引导", "进入", "发挥", "充分发挥", "丰富", "统筹", "其他", "各地", "以上", "万元",
    "亿元", "记者", "获悉", "了解", "据悉", "随着", "标志着", "意味着", "当天", "昨日", "今日", "目前已",
    "暨", "设", "设有", "设置", "当年", "顺接", "唱响", "沿着", "东邻", "西邻", "南邻", "北邻", "紧邻", "相邻", "毗邻",
    # a line's neighbours on each side (``东接甲乙铁路，西连丙丁高速``)
    "东接", "西接", "南接", "北接", "东连", "西连", "南连", "北连",
    # verbs of completion, assurance, rebuilding, possession and reach (``确保团结湖…``, ``改建江津``,
    # ``具备铁路…``, ``继重庆三环高速…``, ``离万盛经开区``, ``直通产业园区``)
    "确保", "保证", "改建", "完工", "投产", "继", "祝贺", "具备", "涵盖", "补齐", "期间", "直通", "离", "保留",
    "保留着", "穿过", "依据", "依托于", "它", "可经", "按", "进出", "含", "让",
    # round 2: a source, a join, an alias or a verb before a name (``据藻渡水库…``, ``接三环高速``,
    # ``下简称…``, ``后还要做隧道``, ``减轻铁路…``, ``构成…``, ``推出大环线``, ``因高速公路``)
    "据", "接", "简称", "又称", "做", "减轻", "支撑", "结合", "构成", "推出", "因", "兼", "日游",
    "串联起", "串起", "就", "跨越",
    # round 8: verbs of putting in service, building, moving in and growing before a name (``投运兰渝``,
    # ``修建甲乙高速公路``, ``走进快速路``, ``入住茶山``, ``落户园区``, ``崛起…园区``, ``缓解…``), a time
    # before it (``当时``, ``那时``) and ``随著``, ``随着`` as traditional text writes it
    "投运", "修建", "走进", "入住", "落户", "崛起", "缓解", "增强", "当时", "那时", "随著",
    *STOP_VERBS,  # round 11: verbs of a clause (geo.scan_words)
}, key=len, reverse=True))

#: Stems that make a suffix generic, not a name (``城镇``, ``特色镇``, ``乡村``, ``交通基础设施``).
GENERIC_STEMS: Final[frozenset[str]] = frozenset({
    "城", "乡", "集", "场", "小", "大", "特色", "示范", "强", "名", "重点", "毗邻", "中心", "新农", "美丽",
    "城乡", "各", "各类", "射线", "重大",
    "相关", "国家", "省际", "区域", "城市", "干线", "主要", "重要", "现代", "综合", "农村",
    "高", "快", "普", "铁路", "公路", "高速", "一批", "产业", "工业", "农业", "物流", "专业", "各乡", "乡镇",
    "街道", "全", "本", "该", "两", "多", "新", "老", "原", "周边", "沿线", "边贸", "历史文化", "旅游",
    "特色小", "森林", "生态", "智慧", "数字", "文化", "红色", "康养", "渝黔", "成渝", "川渝", "川渝黔", "黔北",
    "渝南黔北", "渝南", "西部", "知名", "名胜", "地区", "级", "国内外", "两地", "各地", "人力资源",
    "南向", "乡村", "水上", "沿着", "处置", "国省干线", "普通国省干线", "众多",
    "北向", "东向", "西向", "国际", "区县", "乡道", "县道", "村道",
    # kinds of roads and lines, not names (``组组通公路``, ``通村公路``, ``快速铁路通道``, ``地方高速``)
    "组组通", "村村通", "通村", "通组", "建制", "快速", "地方", "班列", "东南亚班列", "当年",
    # generic heads with no proper name (``内河港``, ``农产品批发市场``, ``老街古镇``, ``革命遗址``)
    "内河", "农产品", "农副产品", "老街", "天然", "自然", "互联互通", "内联外通",
    "花岗", "石灰", "玄武", "页", "砂", "熔", "革命", "长征", "文物", "历史", "传统", "古老", "著名",
    "有名",
    # the whole country or a road's form, not a line (``中国铁路``, ``全国铁路``, ``盘山省道``, ``沿河公路``),
    # generic qualities (``水运口岸``, ``开放口岸``, ``全程高速``)
    "中国", "全国", "新中国", "盘山", "沿河", "沿江", "全程", "水运", "开放", "地表", "导流", "接地",
    "科技", "技术", "研发",
    # directions (``东南片区``)
    "东", "南", "西", "北", "东南", "东北", "西南", "西北", "东部", "南部", "北部", "中部",
    # round 2: classes of cargo, traffic and trips, not names (``散货码头``, ``联运枢纽港``, ``航道码头``,
    # ``普通国道``, ``新一轮高速公路``, ``徒步线路``, ``县县通高速``, ``行政村``, ``下道立交``, ``货运分流线路``)
    "散货", "联运", "联运枢纽", "航道", "综合交通", "综合交通物流", "普通", "新一轮", "徒步", "县县通", "行政",
    "下道", "分流", "货运分流", "枢纽", "多环", "区内", "区外", "跨",
    # round 8: classes of wharves, waterways, lines and works by their use or place, not names (``港口码头``,
    # ``支流航道``, ``库区辅助航道``, ``营运铁路``, ``跨江大桥``, ``穿山隧道``, ``互通式立交``,
    # ``出海高速``)
    "港口", "支流", "干支流", "库区", "辅助", "营运", "跨江", "穿山", "互通", "互通式", "出海",
    # round 9: schools by their level (``大中小学``)
    "大中",
})

#: Words that are never a name on their own, whatever follows (pronouns, adverbs, connectives).
FRAGMENTS: Final[frozenset[str]] = frozenset({
    "那里", "这里", "哪里", "此处", "该处", "另外", "此外", "其中", "同时", "其他", "其它", "以上", "以下", "上述",
    "这些", "那些", "这个", "那个", "它们", "我们", "他们", "目前", "当前", "今后", "届时", "之后", "随后",
    "区内", "区外", "境外", "市内", "县内",
    # the writer's own country or region (``是我国150项重大水利工程之一``), never a feature
    "我国", "全国", "我省", "我市", "我区", "我县", "本市", "本区", "本县",
})
#: Shape words after a quoted letter (``“T”型``, ``“Y”字``): a stem starting with one is cut at a quote.
SHAPE_WORDS: Final[str] = "型字形"

#: One-character abbreviations of provinces and cities: two of them before a corridor suffix name a line
#: (``成渝铁路``, ``渝黔高速``), though the pair alone is a region (``成渝地区``, a generic stem).
LINE_ENDS: Final[str] = "渝黔川蜀滇贵湘鄂桂陕成遵怀昆万沪蓉泸"
#: A corridor's stem that states its standard or form, not its name (``双向四车道``, ``双线``, ``客货共线``).
CORRIDOR_FORMS: Final[str] = r"(?:车道|双线|单线|共线|电气化)$"
#: Words inside a stem that make it an organisation's name (``重庆铁路投资集团铁路运营…``).
ORGANISATIONS: Final[str] = (r"集团|公司|有限|指挥部"
                              # a government bureau (``区水利局水利工程``)
                              r"|(?:水利|交通|公路|建设|规划|林业|文旅|旅游|商务|发改|自然资源|住建)局")
#: An ordinal before a name (``第4纵崇溪河至罗甸高速公路``, ``第一站``): not the name's.
ORDINAL: Final[str] = r"^第[0-9０-９一二三四五六七八九十]+[纵横条个座批号站]?"

#: Route separators inside a name or chain (``篆塘—坭坝``, ``江津—綦江—万盛—桐梓高速``).
DASHES: Final[str] = "—–―－-~～→"
#: Characters that end a name on its left whatever the words.
BREAKS: Final[str] = "，。；：、！？,.;:!?“”\"'‘’《》〈〉【】[]{}<>\n\t 　/|…"

#: A name never starts with a quantity, a determiner or a measure (``多处高速公路``, ``不少革命遗址``,
#: ``共1214公里高速公路``, ``首批十大旅游度假区``, ``7个下道互通``, ``千年古镇``); a province-level
#: prefix is looked through (``重庆多处高速公路``).
QUANTITY_START: Final[str] = (
    r"^(?:重庆市?|贵州省?|四川省?|云南省?|湖南省?|湖北省?|广西|全国|全市|全省)?"
    r"(?:[0-9０-９.]+(?:公里|千米|米|个|条|座|处|余|多|万|亿|项)|[一二三四五六七八九十百千万两几数多]+(?:个|条|座|处|所|家|批|大|项|类|种|年|公里|千米|米|余|多|十|百|千|亿)"
    r"|多处|不少|众多|许多|诸多|若干|部分|大批|大量|各个|各大|各条|每个|首批|首次|整个|整条|其余|共(?=[0-9０-９])"
    r"|个|条|座|处|批|项"
    r"|这些|那些|这个|那个|这座|那座|这条|那条|这处|那处"
    r"|(?:国家)?[A-ZＡ-Ｚ]{1,5}级)"
)
#: Quantity words that make a phrase of whatever contains them (``探访重庆多处高速公路``).
QUANTITY_INSIDE: Final[str] = (
    r"多处|不少|众多|许多|诸多|若干|大批|大量|首批|这些|那些"
    r"|[0-9０-９.]+(?:公里|千米|个|条|座|处|余|多)|[一二三四五六七八九十两几]+(?:个|条|座|处|批)"
    # time and modal words make a sentence of it (``出发10分钟就能上高速``, ``半小时就可上高速公路``)
    r"|[0-9０-９一二三四五六七八九十两几半]+(?:分钟|小时|个小时)|就能|就可|可以|能够|即可|便可|只需|只要|不到"
    # an age or a span between places is a class, not a name (``川东千年古镇``, ``三省市间高速公路``)
    r"|[千百万]年|省市间|省间|市间"
    # many or each of a class, or a time word, before it: a sentence, not a name (``…很多高速``,
    # ``…市各高速公路``, ``如今高速公路``)
    r"|很多|好多|各$|今年|明年|去年|后年|^(?:如今|现在|目前|当前|今后|过去|以前|未来|将来)"
)
