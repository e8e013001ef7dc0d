"""The legend: every style of the map with the number of filtered features it marks.

Rendered as HTML (inline SVG swatches) next to the map.  Labels come from
:mod:`geo.config` and are escaped like every other string.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Final

import geopandas as gpd

from geo.config import (
    LAYERS,
    LOGISTICS_KINDS,
    MODES,
    PRECISIONS,
    PROJECT_KINDS,
    THEMES,
)
from geo.symbology import (
    FALLBACK_COLOUR,
    PATTERN_SWATCH_COLOUR,
    PROVINCE_COLOURS,
    Style,
    feature_style,
    halo_line_style,
    line_style,
    point_style,
    status_group_rows,
)
from geo.view.i18n import Language, text, vocab_label

POINT_LAYERS = ("townships", "tourism_stops", "logistics_parks", "projects")
#: Widest line drawn in a swatch, pixels (the halo is wider on the map).
SWATCH_MAX_WEIGHT: Final[float] = 8.0
#: Fill opacity of the polygon swatch (the map's 0.04 would not show at this size).
POLYGON_SWATCH_FILL_OPACITY: Final[float] = 0.3


def _line_swatch(style: Style) -> str:
    """A short line drawn with a map line style (colour, width, opacity, dash pattern)."""
    dash = style.get("dashArray")
    dash_attr = f' stroke-dasharray="{html.escape(str(dash))}"' if dash else ""
    width = min(float(style.get("weight", 4)), SWATCH_MAX_WEIGHT)
    return (f'<svg width="34" height="12" aria-hidden="true"><line x1="2" y1="6" x2="32" y2="6" '
            f'stroke="{html.escape(str(style["color"]))}" stroke-width="{width:g}" '
            f'stroke-opacity="{style.get("opacity", 1.0):g}" stroke-linecap="round"{dash_attr}/></svg>')


def _point_swatch(colour: str, precision: str = "site") -> str:
    """A circle drawn with the map's point style of a precision class."""
    symbol = point_style(colour, precision)
    dash = symbol["dashArray"]
    dash_attr = f' stroke-dasharray="{html.escape(dash)}"' if dash else ""
    return (f'<svg width="34" height="16" aria-hidden="true"><circle cx="17" cy="8" r="6" '
            f'stroke="{html.escape(colour)}" stroke-width="{symbol["weight"]}" fill="{html.escape(colour)}" '
            f'fill-opacity="{symbol["fillOpacity"]}"{dash_attr}/></svg>')


def _polygon_swatch(style: Style) -> str:
    """A rectangle drawn with a map polygon style."""
    return (f'<svg width="34" height="14" aria-hidden="true"><rect x="3" y="2" width="28" height="10" '
            f'stroke="{html.escape(str(style["color"]))}" stroke-width="{style["weight"]:g}" '
            f'fill="{html.escape(str(style["fillColor"]))}" fill-opacity="{POLYGON_SWATCH_FILL_OPACITY:g}"/></svg>')


def _count(frames: Iterable[gpd.GeoDataFrame], column: str) -> Counter[str]:
    counter: Counter[str] = Counter()
    for frame in frames:
        if column in frame.columns:
            counter.update(str(v) for v in frame[column].tolist())
    return counter


def _entry(swatch: str, label: str, count: int) -> str:
    return (f'<div class="yq-legend-row">{swatch}<span>{html.escape(label)}</span>'
            f'<span class="yq-count">{count}</span></div>')


def _section(title: str, rows: list[str]) -> str:
    if not rows:
        return ""
    title_html = f'<div class="yq-legend-title">{html.escape(title)}</div>'
    return f'<div class="yq-legend-section">{title_html}{"".join(rows)}</div>'


def legend_html(filtered: Mapping[str, gpd.GeoDataFrame], everything: Mapping[str, gpd.GeoDataFrame],
                lang: Language) -> str:
    """HTML of the legend with the counts of the filtered features.

    Parameters
    ----------
    filtered : mapping of str to geopandas.GeoDataFrame
        The layers after the filters (missing layers count 0).
    everything : mapping of str to geopandas.GeoDataFrame
        All layers: a class is listed when it occurs in the data at all.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    str
        A ``<div class="yq-legend">`` block.
    """
    def frames(names: Iterable[str], source: Mapping[str, gpd.GeoDataFrame]) -> list[gpd.GeoDataFrame]:
        return [source[n] for n in names if n in source]

    sections: list[str] = []
    layer_rows = []
    for layer, labels in LAYERS.items():
        if layer in everything:
            count = len(filtered[layer]) if layer in filtered else 0
            layer_rows.append(_entry("", labels[0] if lang == "zh" else labels[1], count))
    sections.append(_section(text("layers", lang), layer_rows))

    corridors_all = frames(["corridors"], everything)
    corridors_now = frames(["corridors"], filtered)
    present, now = _count(corridors_all, "mode"), _count(corridors_now, "mode")
    sections.append(_section(text("legend_modes", lang), [
        _entry(_line_swatch(feature_style("corridors", {"mode": code, "status": "existing"})),
               vocab_label(MODES, code, lang), now[code])
        for code, (_, _, colour) in MODES.items() if present[code]]))

    sections.append(_section(text("legend_statuses", lang), [  # only corridors are drawn with a pattern
        _entry(_line_swatch(line_style(PATTERN_SWATCH_COLOUR, pattern, 3.0)), label, count)
        for label, pattern, count in status_group_rows(filtered.get("corridors"), lang, everything.get("corridors"))]))

    present = _count(frames(["tourism_routes"], everything), "theme")
    now = _count(frames(["tourism_routes"], filtered), "theme")
    sections.append(_section(text("legend_themes", lang), [
        _entry(_line_swatch(feature_style("tourism_routes", {"theme": code})), vocab_label(THEMES, code, lang),
               now[code])
        for code in THEMES if present[code]]))

    for layer, vocabulary, key in (("logistics_parks", LOGISTICS_KINDS, "legend_parks"),
                                   ("projects", PROJECT_KINDS, "legend_projects")):
        present, now = _count(frames([layer], everything), "kind"), _count(frames([layer], filtered), "kind")
        sections.append(_section(text(key, lang), [
            _entry(_point_swatch(colour), vocab_label(vocabulary, code, lang), now[code])
            for code, (_, _, colour) in vocabulary.items() if present[code]]))

    present = _count(frames(POINT_LAYERS, everything), "precision")
    now = _count(frames(POINT_LAYERS, filtered), "precision")
    sections.append(_section(text("legend_precision", lang), [
        _entry(_point_swatch(FALLBACK_COLOUR, code), vocab_label(PRECISIONS, code, lang), now[code])
        for code in PRECISIONS if present[code]]))

    towns_now = _count(frames(["townships"], filtered), "province")
    links_now = len(filtered["cooperation_links"]) if "cooperation_links" in filtered else 0
    boundary_count = len(filtered["boundaries"]) if "boundaries" in filtered else 0
    border_count = len(filtered["province_border"]) if "province_border" in filtered else 0
    sections.append(_section(text("legend_other", lang), [
        _entry(_point_swatch(PROVINCE_COLOURS["重庆市"]), text("legend_township_cq", lang), towns_now["重庆市"]),
        _entry(_point_swatch(PROVINCE_COLOURS["贵州省"]), text("legend_township_gz", lang), towns_now["贵州省"]),
        _entry(_line_swatch(feature_style("cooperation_links", {})), text("legend_link", lang), links_now),
        _entry(_line_swatch(feature_style("province_border", {})), text("legend_border", lang), border_count),
        _entry(_polygon_swatch(feature_style("boundaries", {})), text("legend_boundary", lang), boundary_count),
        _entry(_line_swatch(halo_line_style()), text("legend_halo", lang), 0).replace(
            '<span class="yq-count">0</span>', '<span class="yq-count"></span>'),
    ]))
    body = "".join(s for s in sections if s)
    return f'<div class="yq-legend" data-testid="yq-legend">{body}</div>'


LEGEND_CSS = """
<style>
.yq-legend { font-size: 13px; line-height: 1.35; }
.yq-legend-section { margin-bottom: 8px; }
.yq-legend-title { font-weight: 600; margin: 4px 0 2px; }
.yq-legend-row { display: flex; align-items: center; gap: 6px; }
.yq-legend-row svg { flex: none; }
.yq-legend-row .yq-count { margin-left: auto; color: #555; font-variant-numeric: tabular-nums; }
</style>
"""


def step_back_html(back: list[str], counts: Mapping[str, int], mode: str, lang: Language) -> str:
    """The legend's note on the layers the filter does not narrow, and how they are drawn; empty when none.

    Parameters
    ----------
    back : list of str
        Layers stepped back (:func:`geo.filters.stepped_back`).
    counts : mapping of str to int
        Features of each layer drawn (pale) or left out (hidden).
    mode : {"pale", "hide"}
        How they are drawn.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    str
        Escaped HTML.
    """
    if not back:
        return ""
    names = [f"{LAYERS[n][0] if lang == 'zh' else LAYERS[n][1]} ({counts.get(n, 0)})" for n in back if n in LAYERS]
    title = text("step_back_note_pale" if mode == "pale" else "step_back_note_hide", lang)
    rows = "".join(f'<div class="yq-legend-row yq-back-row"><span>{html.escape(name)}</span></div>' for name in names)
    return (f'<div class="yq-legend-section yq-legend-back" data-testid="yq-legend-back">'
            f'<div class="yq-legend-title">{html.escape(title)}</div>{rows}</div>')
