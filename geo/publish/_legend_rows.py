"""Content of the printed map's legend and notes under the map (for :mod:`geo.publish._printmap`).

The same classes and swatches as the viewer's legend (:mod:`geo.view.map._legend`),
limited to what the printed selection holds, each with its count.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Final

import geopandas as gpd
from matplotlib.figure import Figure

from geo.config import (
    LAYERS,
    LOGISTICS_KINDS,
    MODES,
    PRECISIONS,
    PROJECT_KINDS,
    THEMES,
    UNKNOWN_PRECISION,
)
from geo.credits import PLAN_CREDIT, credit_line, data_credits
from geo.filters import CONTEXT_LAYERS
from geo.publish._print_parts import LegendRow
from geo.symbology import (
    BORDER_COLOUR,
    BOUNDARY_COLOUR,
    LINK_COLOUR,
    PATTERN_DASH,
    PATTERN_OPACITY,
    PATTERN_SWATCH_COLOUR,
    PROVINCE_COLOURS,
    feature_style,
    line_style,
    point_style,
    status_group_rows,
)
from geo.view.i18n import Language, text, vocab_label

POINT_LAYERS: Final[tuple[str, ...]] = ("townships", "tourism_stops", "logistics_parks", "projects")


def units(text_: str) -> int:
    """Width of a text in units: a Chinese character counts two, any other character one."""
    return sum(2 if "\u2e80" <= c <= "\uffef" else 1 for c in text_)


def _layer_title(layer: str, lang: Language) -> tuple[str, str]:
    zh, en = LAYERS[layer]
    return (zh, en) if lang == "zh" else (en, zh)


def pair(key: str, lang: Language) -> tuple[str, str]:
    """An interface string in the chosen language and in the other."""
    other: Language = "en" if lang == "zh" else "zh"
    return text(key, lang), text(key, other)


def both(key: str, lang: Language) -> str:
    """An interface string in the chosen language, then the other (``图例 Legend``)."""
    return " ".join(pair(key, lang))


def legend_rows(layers: Mapping[str, gpd.GeoDataFrame], lang: Language) -> list[LegendRow]:
    """Rows of the printed legend: each class drawn, with the number of its features.

    The same classes and swatches as the viewer's legend (:mod:`geo.view.map._legend`),
    limited to what the printed selection contains.
    """
    rows: list[LegendRow] = []

    def counts(layer_names: Sequence[str], column: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for name in layer_names:
            frame = layers.get(name)
            if frame is not None and column in frame.columns:
                for value in frame[column].astype(str):
                    found[value] = found.get(value, 0) + 1
        return found

    def section(title: tuple[str, str], entries: list[LegendRow]) -> None:
        if not entries:
            return
        joined = " ".join(title)
        if units(joined) > 34:  # too wide for a column: the second language on its own line
            rows.extend([LegendRow(title[0]), LegendRow(title[1], "subtitle")])
        else:
            rows.append(LegendRow(joined))
        rows.extend(entries)

    modes = counts(["corridors"], "mode")
    section(_layer_title("corridors", lang), [
        LegendRow(f"{vocab_label(MODES, code, lang)} ({modes[code]})", "line", line_style(colour))
        for code, (_, _, colour) in MODES.items() if code in modes])
    section(pair("legend_statuses", lang), [
        LegendRow(f"{label} ({count})", "line",
                  {**line_style(PATTERN_SWATCH_COLOUR, pattern, 3.0), "opacity": PATTERN_OPACITY[pattern],
                   "dashArray": PATTERN_DASH[pattern]})
        for label, pattern, count in status_group_rows(layers.get("corridors"), lang)])
    themes = counts(["tourism_routes"], "theme")
    section(_layer_title("tourism_routes", lang), [
        LegendRow(f"{vocab_label(THEMES, code, lang)} ({themes[code]})", "line",
                  feature_style("tourism_routes", {"theme": code}))
        for code in THEMES if code in themes])
    for layer, vocabulary in (("logistics_parks", LOGISTICS_KINDS), ("projects", PROJECT_KINDS)):
        kinds = counts([layer], "kind")
        section(_layer_title(layer, lang), [
            LegendRow(f"{vocab_label(vocabulary, code, lang)} ({kinds[code]})", "point", point_style(colour, "site", 6))
            for code, (_, _, colour) in vocabulary.items() if code in kinds])
    precisions = counts(POINT_LAYERS, "precision")
    section(pair("legend_precision", lang), [
        LegendRow(f"{vocab_label(PRECISIONS, code, lang)} ({precisions[code]})", "point",
                  point_style("#555555", code, 6))
        for code in PRECISIONS if code in precisions and code != UNKNOWN_PRECISION])  # not drawn: in the note
    other = []
    towns = counts(["townships"], "province")
    for province, key in (("重庆市", "legend_township_cq"), ("贵州省", "legend_township_gz")):
        if towns.get(province):
            other.append(LegendRow(f"{text(key, lang)} ({towns[province]})", "point",
                                   point_style(PROVINCE_COLOURS[province], "site", 7)))
    stops = len(layers.get("tourism_stops", ()))
    if stops:
        label = "旅游站点（同线路色）" if lang == "zh" else "Tourism stop (route colour)"
        other.append(LegendRow(f"{label} ({stops})", "point", point_style("#555555", "site", 5)))
    for layer, key, style, kind in (
        ("cooperation_links", "legend_link", {**line_style(LINK_COLOUR, "solid", 2.5), "dashArray": "6 5"}, "line"),
        ("province_border", "legend_border", {**line_style(BORDER_COLOUR, "solid", 3.0), "dashArray": "14 5 3 5"},
         "line"),
        ("boundaries", "legend_boundary", {"color": BOUNDARY_COLOUR, "fillColor": "#ffffff"}, "polygon"),
    ):
        count = len(layers.get(layer, ()))
        if count:
            other.append(LegendRow(f"{text(key, lang)} ({count})", kind, style))
    section(pair("legend_other", lang), other)
    return rows


def precision_note(layers: Mapping[str, gpd.GeoDataFrame]) -> list[str]:
    """What the positions mean, with the counts of the printed features by precision (中文, English)."""
    counts = {"township": 0, "county": 0, "schematic": 0, "surveyed": 0, UNKNOWN_PRECISION: 0}
    for name, frame in layers.items():
        if name not in CONTEXT_LAYERS and "precision" in frame.columns:
            for value in frame["precision"].astype(str):
                if value in counts:
                    counts[value] += 1
    town, county, schematic, surveyed = (counts[k] for k in ("township", "county", "schematic", "surveyed"))
    zh = (f"定位精度：{town} 个点仅定位到乡镇驻地、{county} 个点仅定位到区县驻地（空心或虚线圈符号），"
          f"不代表项目实际选址；{schematic} 条线路为连接规划所列地名的示意线，非实测走向")
    en = (f"Precision: {town} points are placed only at their township seat and {county} only at their county seat "
          f"(hollow or dashed rings), not at the sites themselves; {schematic} lines are schematic, drawn straight "
          "between the places the plan names, not surveyed alignments")
    if surveyed:
        zh += f"；{surveyed} 条线路按开放地图数据（OpenStreetMap）描绘"
        en += f"; {surveyed} traced from open map data (OpenStreetMap)"
    if counts[UNKNOWN_PRECISION]:
        zh += f"；另有 {counts[UNKNOWN_PRECISION]} 项位置不明，未绘出"
        en += f"; {counts[UNKNOWN_PRECISION]} features of unknown position are not drawn"
    return [zh + "。", en + "."]


def draw_footer(fig: Figure, layers: Mapping[str, gpd.GeoDataFrame], crs: str) -> None:
    """Write the sources, the credits, the precision note and the projection under the map (wrapped)."""
    credits = "; ".join(credit_line(c) for c in data_credits(layers))
    lon0 = crs.split("+lon_0=")[1].split()[0]
    lines = [
        f"资料来源 Sources: {PLAN_CREDIT[0]} / {PLAN_CREDIT[1]}（要素注明规划章节 / each feature cites its section）。",
        f"坐标与边界 Coordinates and boundaries: {credits}.",
        *precision_note(layers),
        (f"投影 Projection: 横轴墨卡托 Transverse Mercator, WGS 84, 中央经线 central meridian {lon0}°E；"
        f"无底图 no basemap。制图 Made with `python -m geo print`, {_dt.date.today().isoformat()}."),
    ]
    wrapped = [part for line in lines for part in wrap(line, 215)]
    step = min(0.017, 0.105 / max(len(wrapped), 1))
    for i, line in enumerate(wrapped):
        fig.text(0.025, 0.115 - i * step, line, fontsize=6.2, color="#333333", va="top")


def wrap(line: str, width: int) -> list[str]:
    """Split a line at spaces or after CJK punctuation so that no part is wider than ``width`` units.

    A Chinese character counts two units, any other character one.
    """
    parts: list[str] = []
    current, used = "", 0
    for char in line:
        current += char
        used += 2 if "\u2e80" <= char <= "\uffef" else 1
        if used >= width:
            cut = max(current.rfind(" "), current.rfind("；"), current.rfind("，"), current.rfind("; "))
            cut = cut if cut > len(current) // 2 else len(current) - 1
            parts.append(current[:cut + 1].rstrip())
            current = current[cut + 1:]
            used = units(current)
    if current.strip():
        parts.append(current.strip())
    return parts
