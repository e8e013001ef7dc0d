"""How a scanned document's features are drawn: style by change, escaped tooltip and popup, legend, table.

The names and quotes come from a user's document: every one goes through
:func:`geo._html.escape_text` before it is put into HTML.  Pure functions (no
Streamlit), so that they are tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import folium
import geopandas as gpd
import pandas as pd

from geo._html import escape_text
from geo.config import PRECISIONS, SCAN_CHANGES, STATUSES
from geo.scan import KIND_LABELS
from geo.symbology import SCAN_COLOURS, SCAN_OUTLINE, scan_style
from geo.upload import geometry_kind
from geo.view.i18n import Language, text, vocab_label
from geo.view.map import add_pane_features

#: CSS class of the scan's paths on the map (browser tests find them by it).
SCAN_CLASS: Final[str] = "yq-scan"
#: Leaflet pane of the scan: above the plan's lines (400), the upload (450) and the plan's markers and
#: stacks (600), under tooltips (650) and popups (700) -- a found feature takes its record's place, where
#: the plan's own marker would otherwise hide it.
SCAN_PANE: Final[str] = "yqScanPane"
SCAN_PANE_Z: Final[int] = 620
#: Longest name and quote shown (characters, before escaping).
NAME_CHARS: Final[int] = 80
QUOTE_CHARS: Final[int] = 400
POPUP_MAX_WIDTH: Final[int] = 420


def change_label(change: str, lang: Language) -> str:
    """新增 / 状态变化 / 相同 (or New / Status changed / Same)."""
    pair = SCAN_CHANGES.get(change, (change, change))
    return pair[0] if lang == "zh" else pair[1]


def kind_label(kind: str, lang: Language) -> str:
    """The scanner's kind in ``lang`` (``corridor`` -> 交通通道 / Corridor)."""
    pair = KIND_LABELS.get(kind, (kind, kind))
    return pair[0] if lang == "zh" else pair[1]


def status_text(record: Mapping[str, Any], lang: Language) -> str:
    """The status the document gives, after the map's for a status change (``在建 → 已建成``)."""
    def label(code: Any) -> str:
        return vocab_label(STATUSES, str(code), lang) if code else ""

    new = label(record.get("status"))
    if record.get("change") == "status_changed":
        return f"{label(record.get('old_status'))} → {new}"
    return new


def where_text(record: Mapping[str, Any]) -> str:
    """``<document> <section>``: where the document says it (also the source of an accepted change)."""
    return " ".join(str(record.get(k) or "").strip() for k in ("document", "section")).strip()


def _rows(record: Mapping[str, Any], lang: Language, quote: bool) -> str:
    cells = [(text("popup_kind", lang), kind_label(str(record.get("kind") or ""), lang)),
             (text("scan_col_change", lang), change_label(str(record.get("change") or ""), lang)),
             (text("popup_status", lang), status_text(record, lang)),
             (text("scan_col_words", lang), str(record.get("status_words") or "")),
             (text("scan_col_record", lang), str(record.get("record_id") or "")),
             (text("scan_col_section", lang), where_text(record))]
    if quote:
        cells.append((text("scan_col_quote", lang), str(record.get("quote") or "")))
    return "<table>" + "".join(f"<tr><th>{escape_text(k)}</th><td>{escape_text(v, QUOTE_CHARS)}</td></tr>"
                               for k, v in cells if v) + "</table>"


def tooltip_html(record: Mapping[str, Any], lang: Language) -> str:
    """Escaped tooltip of a found feature: its name as written, kind, change, status and section."""
    title = escape_text(f"{text('scan_layer', lang)} · {record.get('name') or ''}", NAME_CHARS)
    return f'<div class="yq-popup"><b>{title}</b>{_rows(record, lang, quote=False)}</div>'


def popup_html(record: Mapping[str, Any], lang: Language) -> str:
    """Escaped popup: the tooltip's rows and the sentence quoted."""
    title = escape_text(f"{text('scan_layer', lang)} · {record.get('name') or ''}", NAME_CHARS)
    return f'<div class="yq-popup"><b>{title}</b>{_rows(record, lang, quote=True)}</div>'


def placed(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The features with a geometry (the map layer); the others stay in the table only."""
    geometry = features.geometry
    return features[geometry.notna() & ~geometry.is_empty]


def prepare_scan(features: gpd.GeoDataFrame, lang: Language) -> gpd.GeoDataFrame:
    """A slim copy of the placed features with what the map draws: ``fid``, ``style``, ``tip``, ``popup``.

    Parameters
    ----------
    features : geopandas.GeoDataFrame
        :attr:`geo.scan.ScanResult.features` (EPSG:4326); left unchanged.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    geopandas.GeoDataFrame
        The placed features only, in their original index.
    """
    shown = placed(features)
    records = shown.drop(columns=shown.geometry.name).to_dict("records")
    return gpd.GeoDataFrame(
        {"fid": [f"scan-{i}" for i in shown.index],
         "change": [str(r.get("change") or "") for r in records],
         "style": [scan_style(str(r.get("change") or ""), geometry_kind(g))
                   for r, g in zip(records, shown.geometry.values, strict=True)],
         "tip": [tooltip_html(r, lang) for r in records],
         "popup": [popup_html(r, lang) for r in records]},
        geometry=shown.geometry.to_numpy(), index=shown.index, crs=features.crs or "EPSG:4326")


def group_label(label: str, count: int, lang: Language) -> str:
    """Escaped layer-control label of the scan, e.g. ``扫描 · news.docx (6)``."""
    return escape_text(f"{text('scan_layer', lang)} · {label} ({count})", 100)


def scan_group(prepared: gpd.GeoDataFrame, label: str, lang: Language) -> folium.FeatureGroup:
    """The scan's feature group (paths of class ``yq-scan yq-scan-<change>``), above the plan and the upload.

    Parameters
    ----------
    prepared : geopandas.GeoDataFrame
        Output of :func:`prepare_scan` (shifted for GCJ-02 tiles when needed).
    label : str
        The document's file name (unescaped: escaped here).
    lang : {"zh", "en"}
        Interface language.
    """
    group = folium.FeatureGroup(name=group_label(label, len(prepared), lang), show=True)
    if not len(prepared):
        return group
    frame = prepared.copy()
    frame["style"] = [{**style, "className": f"{SCAN_CLASS} {SCAN_CLASS}-{change}"}
                      for style, change in zip(frame["style"], frame["change"], strict=True)]
    data = frame[["fid", "style", "tip", "popup", frame.geometry.name]].__geo_interface__
    add_pane_features(group, data, pane=SCAN_PANE, z_index=SCAN_PANE_Z, css_class=SCAN_CLASS,
                      popup_max_width=POPUP_MAX_WIDTH, name="scan",
                      style_function=lambda feature: feature["properties"]["style"])
    return group


def legend_rows(label: str, counts: Mapping[str, int], lang: Language) -> str:
    """Legend block of the scan: one swatch per change with its count, styled like the map's legend."""
    rows = []
    for change in SCAN_CHANGES:
        swatch = (f'<svg width="34" height="16" aria-hidden="true"><circle cx="17" cy="8" r="6" '
                  f'stroke="{SCAN_OUTLINE}" stroke-width="1.5" fill="{SCAN_COLOURS[change]}"/></svg>')
        rows.append(f'<div class="yq-legend-row">{swatch}<span>{escape_text(change_label(change, lang))}</span>'
                    f'<span class="yq-count">{int(counts.get(change, 0))}</span></div>')
    title = escape_text(f"{text('scan_layer', lang)} · {label}", 80)
    return ('<div class="yq-legend" data-testid="yq-scan-legend"><div class="yq-legend-section">'
            f'<div class="yq-legend-title">{title}</div>{"".join(rows)}</div></div>')


#: Columns of the results table, in the order shown: what a reviewer reads first (the name, what changed, the
#: status) comes before the detail, so that a phone's first screen shows those three without scrolling sideways.
#: The words the status was read from follow it: a status is a lead to check, and they say what to check.
RESULT_COLUMNS: Final[tuple[str, ...]] = ("col_name", "scan_col_change", "col_status", "scan_col_words", "col_kind",
                                          "scan_col_record", "col_precision", "scan_col_section", "scan_col_quote")


def results_table(features: gpd.GeoDataFrame, lang: Language) -> pd.DataFrame:
    """The found features as a table in ``lang``: every feature, placed or not (``位置不明``).

    Plain text: Streamlit's table shows its cells as text, never as HTML.  Columns in
    :data:`RESULT_COLUMNS` order.
    """
    records = features.drop(columns=features.geometry.name).to_dict("records")
    has_place = features.geometry.notna() & ~features.geometry.is_empty
    unplaced = text("scan_unplaced", lang)
    rows = [{
        text("col_name", lang): str(r.get("name") or ""),
        text("scan_col_change", lang): change_label(str(r.get("change") or ""), lang),
        text("col_status", lang): status_text(r, lang),
        text("scan_col_words", lang): str(r.get("status_words") or ""),
        text("col_kind", lang): kind_label(str(r.get("kind") or ""), lang),
        text("scan_col_record", lang): str(r.get("record_id") or ""),
        text("col_precision", lang): vocab_label(PRECISIONS, str(r.get("precision") or ""), lang) if here
        else unplaced,
        text("scan_col_section", lang): where_text(r),
        text("scan_col_quote", lang): str(r.get("quote") or ""),
    } for r, here in zip(records, has_place.to_numpy(), strict=True)]
    return pd.DataFrame(rows, columns=[text(k, lang) for k in RESULT_COLUMNS])

