"""Configuration in one place: paths, vocabularies with their labels and colours, layers.

Every controlled vocabulary used by the records, the layers, the viewer and the
exports is defined here once, with its Chinese and English labels, so that a new
status or mode is added in a single place and every stage agrees on it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

#: Root of the repository (the folder holding ``seeds/`` and ``layers/``).
PROJECT_ROOT: Final[Path] = Path(__file__).resolve().parent.parent


def seeds_dir() -> Path:
    """Folder of the curated record files (``$YUQIAN_SEEDS`` overrides it)."""
    return Path(os.environ.get("YUQIAN_SEEDS", PROJECT_ROOT / "seeds"))


def layers_dir() -> Path:
    """Folder of the built GeoJSON layers (``$YUQIAN_LAYERS`` overrides it)."""
    return Path(os.environ.get("YUQIAN_LAYERS", PROJECT_ROOT / "layers"))


def data_dir() -> Path:
    """Folder of the embedded edit store ``edits.sqlite`` (``$YUQIAN_DATA`` overrides it).

    Defaults to the per-user data folder ``$XDG_DATA_HOME/yuqian`` (usually
    ``~/.local/share/yuqian``).  ``$YUQIAN_DB`` (a PostgreSQL DSN) replaces the
    embedded store altogether (see :func:`geo.edits.open_store`).
    """
    given = os.environ.get("YUQIAN_DATA")
    if given:
        return Path(given)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "yuqian"


#: File of the embedded edit store in :func:`data_dir`.
EDIT_STORE_FILE: Final[str] = "edits.sqlite"


def edit_store_configured() -> bool:
    """Whether an edit store exists to read from: ``$YUQIAN_DB`` set, or the SQLite file present.

    Cheap (no database library imported): the viewer's server asks it on every first page request.
    """
    return bool(os.environ.get("YUQIAN_DB", "").strip()) or (data_dir() / EDIT_STORE_FILE).exists()


#: Decimal places written to GeoJSON (RFC 7946 suggests no more than needed:
#: 6 decimals is ~0.1 m, far below the precision of any record here).
COORD_DECIMALS: Final[int] = 6

#: Record files in ``seeds/`` and the JSON schema (in ``geo/schemas``) of each.
RECORD_FILES: Final[dict[str, str]] = {
    "townships": "townships.csv",
    "corridors": "corridors.csv",
    "tourism_routes": "tourism_routes.csv",
    "tourism_stops": "tourism_stops.csv",
    "logistics": "logistics.csv",
    "projects": "projects.csv",
}

#: Layer names, in drawing order (bottom first), with bilingual labels.
LAYERS: Final[dict[str, tuple[str, str]]] = {
    "boundaries": ("行政区划", "Boundaries"),
    "province_border": ("渝黔省界", "Chongqing–Guizhou border"),
    "corridors": ("交通通道", "Transport corridors"),
    "cooperation_links": ("毗邻乡镇合作", "Cooperation links"),
    "tourism_routes": ("特色旅游线路", "Tourism routes"),
    "projects": ("重点项目", "Projects"),
    "logistics_parks": ("商贸物流", "Logistics & markets"),
    "tourism_stops": ("旅游线路站点", "Tourism stops"),
    "townships": ("乡镇（街道）", "Townships"),
}

#: Layers that give context only (county polygons, the provincial border): the
#: filters other than layer and province skip them, the map simplifies them for
#: display and the township tools do not list them as neighbours.
CONTEXT_LAYERS: Final[frozenset[str]] = frozenset({"boundaries", "province_border"})

#: The ``kind`` of a context feature (a county outline, the provincial border), with bilingual labels:
#: the data dictionary's allowed values and the legend of the desktop styles.
BOUNDARY_KINDS: Final[dict[str, tuple[str, str]]] = {
    "county": ("区县界", "County boundary"),
    "province_border": ("渝黔省界", "Provincial border"),
}

#: Precision classes, finest first.
PRECISIONS: Final[dict[str, tuple[str, str]]] = {
    "site": ("精确到地点", "placed at the site"),
    "township": ("仅定位到乡镇驻地", "placed at the township seat only"),
    "county": ("仅定位到区县驻地", "placed at the county seat only"),
    "schematic": ("示意线位", "schematic line through named places"),
    "surveyed": ("实测线位（开放地图数据）", "alignment traced from open map data (OpenStreetMap)"),
    "digitised": ("据规划图描绘", "line traced from a plan figure"),
    "unknown": ("位置不明", "position unknown"),
}

#: The precision class of a feature that a document names but no source places
#: (``position`` = ``unknown`` in its record): it is kept, listed in its route and
#: the tables, and has no geometry (RFC 7946 ``null``); nothing is guessed.
UNKNOWN_PRECISION: Final[str] = "unknown"

#: Precision classes an edit may give a moved point / a redrawn line (keys of
#: :data:`PRECISIONS`); the first is the edit panel's default.  Read by the edit
#: panel (``geo/view/_edit_forms.py``) and by the store's checks (``geo/edits/_catalogue.py``).
EDIT_POINT_PRECISIONS: Final[tuple[str, ...]] = ("site", "township", "county")
EDIT_LINE_PRECISIONS: Final[tuple[str, ...]] = ("digitised", "surveyed", "schematic")

#: A status's effective date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (month 01-12, day 01-31).
STATUS_DATE_PATTERN: Final[str] = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
#: Years a status date may name (inclusive): the oldest line of the plan's network dates from the
#: 20th century, the plan looks ahead to 2035; outside this range a date is a typing slip.
STATUS_DATE_YEARS: Final[tuple[int, int]] = (1900, 2100)

#: Longest source or note of an edit, characters (the edit panel and the store both apply it).
EDIT_TEXT_MAX_CHARS: Final[int] = 2000
#: Most vertices of a redrawn line (its WKT then stays well under the CSV reader's 131,072-character
#: field limit, so that ``edits export`` reads back with ``edits import``).
EDIT_LINE_MAX_VERTICES: Final[int] = 5000
#: Control characters a note may hold (line breaks and tabs; a source is one line).
EDIT_TEXT_CONTROLS: Final[str] = "\t\n"


PROVINCES: Final[dict[str, str]] = {
    "重庆市": "Chongqing", "贵州省": "Guizhou",
    # only as end points of long corridors:
    "四川省": "Sichuan", "广西壮族自治区": "Guangxi",
}

#: Corridor modes: code -> (中文, English, colour).
MODES: Final[dict[str, tuple[str, str, str]]] = {
    "high_speed_rail": ("高速铁路", "High-speed rail", "#8e0152"),
    "railway": ("普速铁路", "Railway", "#4d4d4d"),
    "suburban_rail": ("市域（郊）铁路", "Suburban rail", "#762a83"),
    "expressway": ("高速公路", "Expressway", "#d7301f"),
    "national_road": ("国道", "National road", "#fc8d59"),
    "provincial_road": ("省道", "Provincial road", "#fdae61"),
    "fast_road": ("快速路", "Fast road", "#1a9850"),
    "connector_road": ("连接道/出境公路", "Connector road", "#66bd63"),
    "waterway": ("航道", "Waterway", "#2166ac"),
}

#: Statuses as the plan words them: code -> (中文, English, line pattern).
#: Patterns: solid for existing, dashed for building, dotted for early stages.
STATUSES: Final[dict[str, tuple[str, str, str]]] = {
    "existing": ("已建成", "Existing", "solid"),
    "upgrade": ("改造提升", "Upgrade", "solid"),
    "under_construction": ("在建", "Under construction", "dashed"),
    "start_construction": ("推进开工建设", "Start construction", "dashed"),
    "preliminary_work": ("推进前期工作", "Preliminary work", "dotted"),
    "under_study": ("研究论证", "Under study", "dotted"),
    "planned": ("规划", "Planned", "dotted"),
}

#: What a scanned document says of a feature against the map's records (``change`` of
#: :func:`geo.scan.scan_documents`): code -> (中文, English), in the order the viewer lists them.
SCAN_CHANGES: Final[dict[str, tuple[str, str]]] = {
    "new": ("新增", "New"),
    "status_changed": ("状态变化", "Status changed"),
    "same": ("相同", "Same"),
}

#: How documents word each status (keys of :data:`STATUSES`), read by the document scanner
#: (``geo/scan/``) from the words around a feature; the seeds' conventions
#: (``seeds/README.md``) say the same.  Each status is a word class; the scanner's grammar decides
#: which names a word governs, the markers below when it states no current state.
STATUS_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "existing": ("建成投用", "建成通车", "建成投运", "建成投产", "已建成", "基本建成", "相继建成", "建成", "修建了",
                 "已建", "投用", "投入使用", "投入运营", "投运", "投产", "完工投产", "完工投用",
                 "通车", "开通运营", "开通", "正式运营", "竣工", "完工", "基本完工", "全面完工", "完成",
                 "复航", "现有", "原有", "已通", "下闸蓄水", "形成", "交工验收", "通过验收",
                 # opening to air or water traffic (round 5): ``正式通航``; not ``通航`` alone (general aviation)
                 "正式通航", "建成通航", "实现通航", "已通航", "通航运营", "正式开航", "投入营运", "正式营运"),
    "upgrade": ("改造提升", "改善提升", "提升为", "升级改造", "提档升级", "改扩建", "扩能改造", "原路加宽", "加宽",
                "改造", "扩建", "改建", "改线", "扩容"),
    "under_construction": ("续建", "加快建成", "尽快建成", "继续推进",
                           "加快建设", "加紧建设", "正在建设", "持续建设", "建设如火如荼", "稳步推进", "在建",
                           "施工", "全面建设", "建设中", "推进建设", "主体完工", "进场", "加快推进", "加快",
                           "加快实施", "有序推进", "全力推进", "紧张施工", "加紧施工", "正在施工", "抢抓工期",
                           "建设进度", "形象进度", "如火如荼", "建设正酣", "建设现场", "施工现场", "合龙", "铺轨",
                           "收尾", "进入尾声", "通车倒计时",
                           # speeding works up (round 5): ``提速推进A``, ``A等项目正快速推进``
                           "提速推进", "快速推进", "加速推进", "正在推进", "提速建设", "加速建设",
                           # round 6: a phase of works entered, works moving forward, works inspected
                           "扫尾", "装饰阶段", "装修阶段", "主体施工阶段", "逐步推进", "逐渐推进", "建设情况",
                           "施工情况", "建设进展", "施工进展", "接近收官"),
    "start_construction": ("开工建设", "力争开工", "新开工", "开工", "动工", "开建", "启动建设", "集中开工", "全面开工",
                           "启动", "新建项目"),
    "preliminary_work": ("前期工作", "前期研究", "前期", "征地拆迁", "可研", "工可", "立项", "环评", "勘察设计",
                         "初步设计", "预备建设", "预备项目", "预备"),
    "under_study": ("研究论证", "研究推动", "研究储备", "研究", "论证", "谋划", "储备"),
    "planned": ("规划建设", "规划", "预留", "拟建", "要建", "争取", "布局", "远期", "将建", "列入", "待建"),
}

#: Status markers of the scanner (``geo/scan/_status_words.py``, ``_classify.py``).  WEAK: too general to
#: decide when a specific word is near; PROGRESS: say how a stage goes, not which (``前期工作有序推进``).
STATUS_WEAK_WORDS: Final[frozenset[str]] = frozenset({
    "加快推进", "加快", "推进建设", "布局", "争取", "储备", "现有", "原有", "运营", "施工", "启动", "列入",
    "快速推进", "加速推进"})
STATUS_PROGRESS_WORDS: Final[frozenset[str]] = frozenset({
    "有序推进", "全力推进", "加快推进", "稳步推进", "加快", "推进建设", "继续推进", "快速推进", "加速推进", "提速推进",
    "逐步推进", "逐渐推进"})
#: FUTURE: a completion after one in its clause is a target (``预计年内实现通车``); FORECAST: a start after
#: one is expected, not decided (``有望…开工``; ``早日`` a hope), while a plan's commitment (``力争开工``)
#: is its stage; PRESENT: ends a marker's reach (``计划…，目前已建成``).
STATUS_FUTURE_MARKERS: Final[tuple[str, ...]] = (
    "将", "计划", "预计", "力争", "确保", "保证", "有望", "可望", "即将", "争取", "拟", "早日", "可与", "可于",
    "建成后")
STATUS_FORECAST_MARKERS: Final[tuple[str, ...]] = ("预计", "有望", "可望", "预期", "早日")
STATUS_PRESENT_MARKERS: Final[tuple[str, ...]] = ("已", "目前", "现已", "正在")
#: Completions that describe what stands (``现有赤水大桥``), never a year plan's target (round 9).
STATUS_STANDING_WORDS: Final[tuple[str, ...]] = ("现有", "原有", "修建了")
#: STEP_DONE with an object is a step of works going on (``完成铺轨``).  BUILD_VERBS state a plan only
#: under a PLAN_MARKER in their clause or in the document's title (``预计设置甲站``); ``新建甲站`` alone
#: says what kind of works.  PROGRESS_FRAME: ``推进A、B建设`` is under construction.
STATUS_STEP_DONE: Final[tuple[str, ...]] = ("完成",)
STATUS_BUILD_VERBS: Final[tuple[str, ...]] = ("重点建设", "建设", "新建", "修建", "设置", "布设")
STATUS_PLAN_MARKERS: Final[tuple[str, ...]] = ("将", "计划", "预计", "拟", "要建", "规划", "远期", "力争")
STATUS_PROGRESS_FRAME: Final[tuple[tuple[str, ...], tuple[str, ...]]] = (("推进",), ("建设",))
#: Round 12: START_FRAME_VERBS open the same frame for a start (``启动A、B建设``, ``启动甲乙公路建设``): the works
#: named between the verb and the noun of works are started, whatever else the sentence says of other works.
STATUS_START_FRAME_VERBS: Final[tuple[str, ...]] = ("启动",)
#: NAME_HEADS after a study or plan word make it part of a name (``…研究院``); DOCUMENT_LEADS before a plan
#: word make it the document (``按照规划``); UPGRADE_IN_NAME: works in a name make it an upgrade.
STATUS_NAME_HEADS: Final[tuple[str, ...]] = ("院", "站", "所", "中心", "局", "馆", "室", "处", "会", "部门")
STATUS_DOCUMENT_LEADS: Final[tuple[str, ...]] = ("按照", "根据", "依据", "依照", "按")
#: What a user of the document scanner must know of the statuses it reads (Chinese, English): on
#: documents it has not seen they are right only about half the time (``docs/scanner.md``), so the
#: viewer's results and the scan report both say so next to them.
SCAN_STATUS_CAUTION: Final[tuple[str, str]] = (
    "状态由程序从文字中读出，在新文件上常有错漏：接受或引用前请逐条对照原文核实。",
    "Statuses are read from the wording by rules and are often wrong or missing on new documents: "
    "check each against its quote before accepting or citing it.",
)

#: Round 6: a plan word followed (after an optional ``的``) by one of these is the plan as a document under review
#: (``“十四五”规划执行情况``, ``…规划的完成情况``, ``规划编写``), no stage of the works it lists.
STATUS_DOCUMENT_REVIEWS: Final[tuple[str, ...]] = (
    "完成情况", "执行情况", "实施情况", "编制", "编写", "评估", "中期", "谋划", "执行", "纲要")
#: Round 2: RESULT_WORDS state the present only after a RESULT_MARKER in their sentence (``至此，…形成…``,
#: not ``到2030年，形成…``); a sentence naming nothing continues the last one's topic when it opens (after a
#: short SPEAKER clause) with a CARRY_START or a date clause; a NOW_CLAUSE speaks for its sentence's subject
#: at any distance; WORKS_NOUN_HEADS make a works verb a modifier (``施工环境``), no stage.
STATUS_RESULT_WORDS: Final[tuple[str, ...]] = ("形成",)
STATUS_RESULT_MARKERS: Final[tuple[str, ...]] = ("至此", "由此", "从此", "已")
STATUS_CARRY_STARTS: Final[tuple[str, ...]] = (
    "目前", "当前", "现在", "如今", "现已", "正在", "该", "这", "此", "项目", "工程", "全线", "施工")
STATUS_SPEAKER_VERBS: Final[tuple[str, ...]] = ("说", "介绍", "表示", "透露")
STATUS_NOW_CLAUSES: Final[tuple[str, ...]] = ("目前", "当前", "现在", "如今")
STATUS_WORKS_NOUN_HEADS: Final[tuple[str, ...]] = (
    "环境", "单位", "图", "方", "队", "人员", "企业", "许可", "条件", "技术", "安全")
#: Round 3: a plan's BUILD verb of YEAR_STARTS dated to one year (``2021年，计划新建A``) starts works that
#: year; a clause opening with a LIST_JOINER continues the list before it; a network named in quotes in a
#: sentence with a NETWORK_TARGET has planned members (``以“两纵两横”为目标…两纵——A、B``).
STATUS_YEAR_STARTS: Final[tuple[str, ...]] = ("新建",)
STATUS_LIST_JOINERS: Final[tuple[str, ...]] = ("以及", "及", "和")
STATUS_NETWORK_TARGETS: Final[tuple[str, ...]] = ("为目标", "规划", "布局")
STATUS_UPGRADE_IN_NAME: Final[tuple[str, ...]] = ("改善提升", "改造提升", "升级改造", "改扩建", "提升工程", "改造")
#: Round 4: a stage said of a whole class (a CLASS_NOUN, then CLASS_ALL: ``车站站房已全部建成``) speaks for
#: its members (names ending in the key) described after it, in its paragraph or the next.
STATUS_CLASS_NOUNS: Final[dict[str, tuple[str, ...]]] = {"站": ("车站", "站房", "各站")}
STATUS_CLASS_ALL: Final[tuple[str, ...]] = ("全部", "均", "都已", "悉数")

#: Status groups as the map draws them (one line pattern each): code -> (中文, English, pattern).
#: The members of a group are the statuses of :data:`STATUSES` with its pattern (:func:`status_group`).
STATUS_GROUPS: Final[dict[str, tuple[str, str, str]]] = {
    "built": ("已建成类", "Built", "solid"),
    "building": ("在建类", "Building", "dashed"),
    "early": ("前期类", "Early stage", "dotted"),
}


def status_group(status: object) -> str:
    """The group (a key of :data:`STATUS_GROUPS`) of a status code: the one drawn with its pattern.

    Unknown codes are drawn dotted, so they fall in the early-stage group, as on the map.
    """
    entry = STATUSES.get(str(status))
    pattern = entry[2] if entry else "dotted"
    return next(code for code, (_, _, drawn) in STATUS_GROUPS.items() if drawn == pattern)


def status_group_members(group: str) -> list[str]:
    """The statuses of :data:`STATUSES` in a group, in the plan's order."""
    return [code for code in STATUSES if status_group(code) == group]


#: Tourism route themes: code -> (中文, English, colour).
THEMES: Final[dict[str, tuple[str, str, str]]] = {
    "red": ("红色文旅", "Red heritage", "#c51b1b"),
    "eco_wellness": ("生态康养", "Eco & wellness", "#2e7d32"),
    "rural": ("乡村旅游", "Rural tourism", "#ef8a00"),
    "folk_culture": ("民俗文化", "Folk culture", "#8d5524"),
    "geology": ("地质科普", "Geology study", "#6a3d9a"),
    "summer_water": ("避暑戏水", "Summer & rafting", "#0288d1"),
}

#: Logistics and market kinds: code -> (中文, English, colour).
LOGISTICS_KINDS: Final[dict[str, tuple[str, str, str]]] = {
    "logistics_park": ("物流园区", "Logistics park", "#e31a1c"),
    "freight_yard": ("货运场站/编组站", "Freight yard", "#b15928"),
    "station": ("客货运车站", "Station", "#6a3d9a"),
    "dry_port": ("无水港/陆港", "Dry port", "#ff7f00"),
    "bonded_zone": ("保税区/保税仓", "Bonded zone", "#1f78b4"),
    "airport": ("机场", "Airport", "#33a02c"),
    "market": ("专业市场/商圈", "Market", "#fb9a99"),
    "hub": ("枢纽/服务区", "Hub", "#cab2d6"),
}

#: Other project kinds: code -> (中文, English, colour).
PROJECT_KINDS: Final[dict[str, tuple[str, str, str]]] = {
    "industrial_park": ("产业园区", "Industrial park", "#7570b3"),
    "reservoir": ("水库", "Reservoir", "#1f78b4"),
    "water_works": ("水利工程", "Water works", "#a6cee3"),
    "power_station": ("电站", "Power station", "#ffd92f"),
    "energy": ("能源项目", "Energy project", "#e6ab02"),
    "university": ("高校/教育", "Education", "#66a61e"),
    "data_centre": ("数据中心/新基建", "Data centre", "#666666"),
    "hospital": ("医疗卫生", "Health care", "#e7298a"),
    "tourism_project": ("文旅项目", "Tourism project", "#d95f02"),
    "agriculture": ("农业园区", "Agricultural park", "#1b9e77"),
    "platform": ("开放平台", "Open platform", "#a6761d"),
    "public_service": ("公共服务设施", "Public facility", "#999999"),
    "road_project": ("交通工程（未绘线位）", "Transport work (line not drawn)", "#b35806"),
}

#: Township levels as written in official names.
TOWNSHIP_LEVELS: Final[dict[str, tuple[str, str]]] = {
    "town": ("镇", "Town"),
    "township": ("乡", "Township"),
    "subdistrict": ("街道", "Subdistrict"),
}

#: Suffixes stripped by the geocoder's normalised match (longest first).
NAME_SUFFIXES: Final[tuple[str, ...]] = (
    "街道办事处", "街道", "镇", "乡", "区", "县", "市",
    "火车站", "站",
)

#: Separator of list values inside a CSV cell.
LIST_SEP: Final[str] = "|"

#: Separator used to join several counties/provinces in a line feature.
JOIN_SEP: Final[str] = "、"

#: The plan's pilot zone: the map's first view fits these three counties.
PILOT_COUNTIES: Final[tuple[str, ...]] = ("綦江区", "桐梓县", "习水县")
#: Map centre (lat, lon) and zoom of the pilot zone.
MAP_CENTER: Final[tuple[float, float]] = (28.75, 106.65)
MAP_ZOOM: Final[int] = 9

#: Paper sizes of the printed map (``python -m geo print --paper``), inches, landscape.
PAPER_SIZES: Final[dict[str, tuple[float, float]]] = {"a4": (11.69, 8.27), "a3": (16.54, 11.69)}

#: Field labels of the layers' attributes: name -> (中文, English); the aliases
#: of exported fields (GeoPackage, QGIS styles, PostGIS column comments).
FIELD_LABELS: Final[dict[str, tuple[str, str]]] = {
    "id": ("编号", "ID"),
    "name": ("名称", "Name"),
    "name_en": ("英文名称", "English name"),
    "variants": ("别名", "Name variants"),
    "province": ("省（市）", "Province"),
    "county": ("区县", "County"),
    "precision": ("定位精度", "Location precision"),
    "source": ("出处（文件与章节）", "Source (document and section)"),
    "summary": ("摘要", "Summary"),
    "summary_en": ("英文摘要", "Summary (English)"),
    "cross_border": ("跨省（渝黔）", "Cross-border"),
    "coord_source": ("坐标来源", "Coordinate source"),
    "mode": ("交通方式", "Mode"),
    "status": ("建设状态", "Status"),
    "status_note": ("状态原文", "Status in the documents' words"),
    "via": ("途经", "Via"),
    "length_km": ("长度（公里）", "Length (km)"),
    "route_id": ("线路编号", "Route ID"),
    "theme": ("线路主题", "Route theme"),
    "stops": ("站点编号", "Stop IDs"),
    "stop_names": ("站点名称", "Stop names"),
    "seq": ("站序", "Stop order"),
    "located_at": ("定位于", "Placed at"),
    "leg_km": ("区段长度（公里）", "Leg length (km)"),
    "cum_km": ("累计长度（公里）", "Cumulative length (km)"),
    "kind": ("类型", "Kind"),
    "township": ("所在乡镇", "Township"),
    "level": ("乡镇级别", "Township level"),
    "partners": ("合作乡镇", "Partner townships"),
    "from": ("起点", "From"),
    "to": ("终点", "To"),
    "from_county": ("起点区县", "From county"),
    "to_county": ("终点区县", "To county"),
    "adcode": ("行政区划代码", "Division code"),
    "layer": ("图层", "Layer"),
}
