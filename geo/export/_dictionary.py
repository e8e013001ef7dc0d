"""Private: the data dictionary — every field of every layer: definition, type, unit, allowed values, source.

The one description of the exported fields.  Labels are :data:`geo.config.FIELD_LABELS`
and allowed values the vocabularies of :mod:`geo.config`; this module adds what a
field means, its type and unit and where its value comes from, and says which
fields each layer holds (:data:`LAYER_FIELDS`, checked against the built layers by
the tests).  Read by the GeoPackage (``gpkg_data_columns`` descriptions,
``gpkg_data_column_constraints``), the shapefile zip (``data_dictionary.csv``,
``.qml`` aliases), PostGIS (``COMMENT ON COLUMN``), the QGIS styles (aliases) and
rendered into ``docs/data-dictionary.md`` (:func:`markdown`, by
``python -m geo.export.dictionary``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from geo.config import (
    BOUNDARY_KINDS,
    FIELD_LABELS,
    JOIN_SEP,
    LAYERS,
    LOGISTICS_KINDS,
    MODES,
    PRECISIONS,
    PROJECT_KINDS,
    PROVINCES,
    STATUSES,
    THEMES,
    TOWNSHIP_LEVELS,
)

#: Value types: code -> (中文, English, GeoPackage/SQL type).
TYPES: Final[dict[str, tuple[str, str, str]]] = {
    "text": ("文本", "text", "TEXT"), "boolean": ("布尔", "boolean", "BOOLEAN"),
    "integer": ("整数", "integer", "INTEGER"), "real": ("实数", "real", "REAL"),
}

_COMMON: Final[tuple[str, ...]] = ("id", "name", "name_en", "variants", "province", "county", "precision", "source",
                                   "summary", "summary_en", "cross_border", "coord_source")
_POINT_OWN: Final[tuple[str, ...]] = ("kind", "status", "township", "located_at")

#: The fields each layer holds, in table order (the tests compare them with the built layers).
LAYER_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "boundaries": ("id", "adcode", "name", "name_en", "province", "kind", "source"),
    "province_border": ("id", "name", "name_en", "province", "kind", "source"),
    "corridors": (*_COMMON, "mode", "status", "status_note", "via", "length_km"),
    "cooperation_links": (*_COMMON, "from", "to", "from_county", "to_county", "length_km"),
    "tourism_routes": (*_COMMON, "route_id", "theme", "stops", "stop_names", "length_km"),
    "projects": (*_COMMON, *_POINT_OWN),
    "logistics_parks": (*_COMMON, *_POINT_OWN),
    "tourism_stops": (*_COMMON, "route_id", "theme", "seq", "located_at", "leg_km", "cum_km"),
    "townships": (*_COMMON, "level", "located_at", "partners"),
}

_POINT_LAYERS: Final[frozenset[str]] = frozenset({"projects", "logistics_parks", "tourism_stops", "townships"})
_SEEDS = "seeds/*.csv"
_GEODESIC = "geodesic on the WGS 84 ellipsoid (pyproj.Geod), rounded to 0.01 km"


@dataclass(frozen=True)
class FieldDef:
    """One field: what it means (中文, English), its type and unit, where its value comes from."""

    name: str
    definition_zh: str
    definition_en: str
    type: str = "text"
    unit: str = ""
    source: str = _SEEDS

    @property
    def label(self) -> str:
        """``中文 English`` label (the alias in QGIS)."""
        zh, en = FIELD_LABELS.get(self.name, (self.name, self.name))
        return f"{zh} {en}"


def _f(name: str, zh: str, en: str, type_: str = "text", unit: str = "", source: str = _SEEDS) -> FieldDef:
    return FieldDef(name, zh, en, type_, unit, source)


#: Every field of every layer (and ``layer``, the layer column of a file holding several).
FIELDS: Final[dict[str, FieldDef]] = {f.name: f for f in (
    _f("id", "要素编号，在图层内唯一、稳定", "Feature identifier, unique and stable within its layer",
       source=f"{_SEEDS} id"),
    _f("name", "文件所用的中文名称", "Chinese name as the documents word it",
       source=f"{_SEEDS} name"),
    _f("name_en", "英文名称（本项目翻译）", "English name (the project's translation)",
       source=f"{_SEEDS} name_en"),
    _f("variants", f"文件中的其他名称，以“{JOIN_SEP}”分隔", f"Other names in the documents, joined by {JOIN_SEP!r}",
       source=f"{_SEEDS} variants"),
    _f("province", f"所在省（市）；跨越多个时以“{JOIN_SEP}”分隔", f"Province(s); several joined by {JOIN_SEP!r}",
       source=f"points: {_SEEDS} province; lines: the provinces of the counties the drawn line crosses"),
    _f("county", f"所在区县；跨越多个时以“{JOIN_SEP}”分隔", f"County or counties; several joined by {JOIN_SEP!r}",
       source=f"points: {_SEEDS} county; lines: counties the drawn line crosses (geo/data/counties.geojson)"),
    _f("precision", "位置精度等级（点：定位到地点、乡镇驻地或区县驻地；线：示意、实测或描绘）",
       "Precision class of the position (points: site, township seat or county seat; lines: schematic, "
       "surveyed or digitised)", source="geocoder (geo/geocode.py) or the line file (geo/data/lines/)"),
    _f("source", "出处：文件编号与章节、专栏（及核实所用的公开网址）",
       "Where the record is stated: document number and section or table (and public addresses checked)",
       source=f"{_SEEDS} source (documents listed in seeds/README.md)"),
    _f("summary", "文件内容摘要（本项目用自己的话概括）", "Summary of what the documents say (in the project's words)",
       source=f"{_SEEDS} summary"),
    _f("summary_en", "英文摘要", "Summary in English", source=f"{_SEEDS} summary_en"),
    _f("cross_border", "是否跨渝黔省界（连接或跨越重庆与贵州）",
       "Whether the feature links or spans Chongqing and Guizhou", "boolean",
       source=(f"corridors: {_SEEDS}; townships: paired across the border in 专栏6-1; routes and links: their "
               "ends in both provinces; context layers (in files holding several layers): province names both")),
    _f("coord_source", "坐标来源：给出位置的数据集或线位来源", "Dataset or line source that gave the position",
       source="gazetteer (geo/data/gazetteer*.csv), line files (geo/data/lines/) or 'schematic'"),
    _f("mode", "交通方式", "Transport mode", source=f"{_SEEDS} mode"),
    _f("status", "规划所述建设状态", "Status as the plan words it", source=f"{_SEEDS} status"),
    _f("status_note", "各文件对状态的原文表述，按文件编号或章节列出", "Each document's own wording of the status, by "
       "document number or section", source=f"{_SEEDS} status_note"),
    _f("via", "线路依次经过的地点，以“—”分隔", "Places the line runs through, in order, joined by '—'",
       source=f"{_SEEDS} via"),
    _f("length_km", "所绘线位的长度（椭球面大地线长度）", "Length of the drawn line (geodesic, on the ellipsoid)",
       "real", "km", f"computed from the geometry: {_GEODESIC}; tourism routes: sum of the legs"),
    _f("route_id", "所属旅游线路编号", "Tourism route the feature belongs to", source=f"{_SEEDS} route_id"),
    _f("theme", "旅游线路主题", "Theme of the tourism route", source="seeds/tourism_routes.csv theme"),
    _f("stops", "线路已定位的站点数", "Number of stops placed on the route", "integer",
       source="computed: stops of seeds/tourism_stops.csv placed"),
    _f("stop_names", "站点名称，按站序以“—”分隔", "Stop names in order, joined by '—'",
       source="seeds/tourism_stops.csv name"),
    _f("seq", "站点在线路中的顺序（从1开始）", "Order of the stop on its route (from 1)", "integer",
       source="seeds/tourism_stops.csv seq"),
    _f("located_at", "点位实际所在的地名（精度不足时为乡镇或区县驻地）",
       "Place the point was put at (a township or county seat when nothing finer is known)",
       source="geocoder: the gazetteer place used"),
    _f("leg_km", "与上一站的大地线距离", "Geodesic distance from the previous stop", "real", "km",
       f"computed: {_GEODESIC}"),
    _f("cum_km", "自首站起的累计距离", "Cumulative distance from the first stop", "real", "km",
       f"computed: {_GEODESIC}"),
    _f("kind", "类型（物流、项目的类别；行政区划：区县或省界）",
       "Kind (of logistics site or project; boundaries: county or provincial border)",
       source=f"{_SEEDS} kind"),
    _f("township", "规划所述项目所在乡镇（未述则为空）", "Township the plan names for the site (empty if none)",
       source=f"{_SEEDS} township"),
    _f("level", "乡镇级别（镇、乡、街道）", "Township level (town, township, subdistrict)",
       source="seeds/townships.csv level"),
    _f("partners", f"专栏6-1所列的毗邻合作乡镇，以“{JOIN_SEP}”分隔",
       f"Neighbouring townships paired with it in table 6-1, joined by {JOIN_SEP!r}",
       source="seeds/townships.csv partners"),
    _f("from", "合作线起点乡镇", "Township at the start of the link", source="seeds/townships.csv partners"),
    _f("to", "合作线终点乡镇", "Township at the end of the link", source="seeds/townships.csv partners"),
    _f("from_county", "起点乡镇所在区县", "County of the start township", source="seeds/townships.csv county"),
    _f("to_county", "终点乡镇所在区县", "County of the end township", source="seeds/townships.csv county"),
    _f("adcode", "行政区划代码（6位）", "Administrative division code (6 digits)",
       source="county polygons (geo/data/counties.geojson)"),
    _f("layer", "要素所属图层（多图层合一的文件）", "Layer of the feature (in a file holding several layers)",
       source="export"),
)}

_POLYGONS = "county polygons (geo/data/counties.geojson, provenance in geo/data/SOURCES.md)"
#: What a field means in the context layers, where it differs from :data:`FIELDS`.
_CONTEXT: Final[dict[str, FieldDef]] = {f.name: f for f in (
    _f("id", "要素编号：bd-<行政区划代码>，省界为 bd-border-cq-gz", "Feature identifier: bd-<adcode>; the border "
       "bd-border-cq-gz", source="derived from adcode"),
    _f("name", "区县或省界的中文名称", "Chinese name of the county or border", source=_POLYGONS),
    _f("name_en", "英文名称", "English name", source=_POLYGONS),
    _f("province", f"所属省（市）；省界为两省，以“{JOIN_SEP}”分隔", f"Province; the border names both, joined by "
       f"{JOIN_SEP!r}", source=_POLYGONS),
    _f("kind", "区县界或渝黔省界", "County boundary or the provincial border", source="fixed per layer"),
    _f("source", "边界数据的出处（数据包、文件与许可）", "Where the boundary data comes from (package, file, licence)",
       source=_POLYGONS),
)}


def coded_values(layer: str, field: str) -> dict[str, str]:
    """The codes a coded field may hold in ``layer``, each with its ``中文 English`` label ({} when not coded)."""
    vocabularies: dict[str, Mapping[str, tuple[str, ...]]] = {
        "mode": MODES, "status": STATUSES, "theme": THEMES, "precision": PRECISIONS, "level": TOWNSHIP_LEVELS,
    }
    kinds: dict[str, Mapping[str, tuple[str, ...]]] = {"logistics_parks": LOGISTICS_KINDS, "projects": PROJECT_KINDS,
             "boundaries": BOUNDARY_KINDS, "province_border": BOUNDARY_KINDS}
    vocabulary = kinds.get(layer) if field == "kind" else vocabularies.get(field)
    if field == "layer":
        return {name: f"{zh} {en}" for name, (zh, en) in LAYERS.items()}
    return {code: f"{entry[0]} {entry[1]}" for code, entry in (vocabulary or {}).items()}


def allowed_values(layer: str, field: str) -> str:
    """Allowed values of a field in words: the codes of its vocabulary, provinces, or a range."""
    codes = coded_values(layer, field)
    if codes:
        return "; ".join(f"{code} = {label}" for code, label in codes.items())
    if field == "province":
        return ", ".join(PROVINCES) + ("" if layer in _POINT_LAYERS else f" (several joined by {JOIN_SEP})")
    entry = FIELDS.get(field)
    if entry is not None and entry.type == "real":
        return ">= 0"
    if field in ("seq", "stops"):
        return ">= 1"
    if field == "cross_border":
        return "true, false"
    return ""


def definition(layer: str, field: str) -> FieldDef | None:
    """The dictionary entry of a field in a layer (``None`` for a field it does not know, e.g. an upload's)."""
    if layer in ("boundaries", "province_border") and field in _CONTEXT:
        return _CONTEXT[field]
    return FIELDS.get(field)


def description(layer: str, field: str) -> str:
    """One paragraph describing a field: the GeoPackage description, the PostGIS comment."""
    entry = definition(layer, field)
    if entry is None:
        return ""
    zh_type, en_type, _ = TYPES[entry.type]
    parts = [f"{entry.label}. {entry.definition_zh}。{entry.definition_en}.",
             f"类型 Type: {zh_type} {en_type}" + (f"; 单位 Unit: {entry.unit}" if entry.unit else "") + "."]
    allowed = allowed_values(layer, field)
    if allowed:
        parts.append(f"取值 Allowed: {allowed}.")
    parts.append(f"来源 Source: {entry.source}.")
    return " ".join(parts)


#: Columns of ``data_dictionary.csv`` (shapefile zip) and of the tables of ``docs/data-dictionary.md``.
DICTIONARY_HEADER: Final[tuple[str, ...]] = (
    "layer", "field", "label_zh", "label_en", "type", "unit", "definition_zh", "definition_en", "allowed_values",
    "source")


def dictionary_row(layer: str, field: str) -> list[str]:
    """One row of :data:`DICTIONARY_HEADER` (empty cells for a field the dictionary does not know)."""
    entry = definition(layer, field)
    if entry is None:
        return [layer, field, "", "", "", "", "", "", "", ""]
    zh, en = FIELD_LABELS.get(field, (field, field))
    return [layer, field, zh, en, entry.type, entry.unit, entry.definition_zh, entry.definition_en,
            allowed_values(layer, field), entry.source]


def markdown() -> str:
    """``docs/data-dictionary.md``: one table per layer, generated from this module."""
    lines = [
        "# 数据字典 Data dictionary",
        "",
        "<!-- generated by `python -m geo.export.dictionary docs/data-dictionary.md`: do not edit by hand -->",
        "",
        "Every field of every layer the exports write: its meaning, type, unit, allowed values and where its "
        "value comes from. The same text is in each GeoPackage (`gpkg_data_columns`), shapefile zip "
        "(`data_dictionary.csv`), PostGIS column comment and QGIS alias. Files holding several layers add "
        "`layer`. Lengths are geodesic on the WGS 84 ellipsoid, whatever CRS a file is written in.",
        "",
    ]
    escape = str.maketrans({"|": "\\|", "\n": " "})
    for layer, fields in LAYER_FIELDS.items():
        zh, en = LAYERS[layer]
        lines += [f"## {zh} {en} (`{layer}`)", "",
                  "| 字段 field | 名称 label | 类型 type | 单位 unit | 定义 definition | 取值 allowed | 来源 source |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for field in fields:
            row = dictionary_row(layer, field)
            cells = [f"`{field}`", f"{row[2]} {row[3]}", row[4], row[5] or "—", f"{row[6]}。{row[7]}.",
                     row[8] or "—", row[9]]
            lines.append("| " + " | ".join(cell.translate(escape) for cell in cells) + " |")
        lines.append("")
    return "\n".join(lines)
