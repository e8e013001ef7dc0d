"""How a user's upload is drawn: its style, escaped tooltip and popup, legend row and table rows.

Nothing here trusts the upload: every attribute name and value, and the file
name, goes through :func:`geo._html.escape_text` before it is put into HTML.
Pure functions (no Streamlit), so that they are tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import folium
import geopandas as gpd
import pandas as pd

from geo._html import escape_text
from geo.symbology import upload_style
from geo.upload import geometry_kind
from geo.view.i18n import Language, text
from geo.view.map import add_pane_features
from geo.view.tables import renamed

#: CSS class of the upload's paths on the map (browser tests find them by it).
UPLOAD_CLASS: Final[str] = "yq-upload"
#: Leaflet pane of the upload, above the plan's overlay pane (400), under markers (600) and popups.
UPLOAD_PANE: Final[str] = "yqUploadPane"
UPLOAD_PANE_Z: Final[int] = 450
#: Attribute rows shown in the tooltip and in the popup.
TOOLTIP_ROWS: Final[int] = 8
POPUP_ROWS: Final[int] = 40
#: Longest attribute name / value shown (characters, before escaping).
NAME_CHARS: Final[int] = 60
VALUE_CHARS: Final[int] = 300
#: Columns tried, in order, for the name shown in the table.
NAME_COLUMNS: Final[tuple[str, ...]] = ("name", "名称", "Name", "NAME", "title", "标题", "label")

#: Widest popup of an upload feature, pixels (its attribute tables are wider than the plan's popups).
UPLOAD_POPUP_MAX_WIDTH: Final[int] = 420

_KIND_LABELS: Final[dict[str, tuple[str, str]]] = {
    "point": ("点", "point"), "line": ("线", "line"), "polygon": ("面", "polygon"), "other": ("其他", "other"),
}


def attribute_columns(frame: gpd.GeoDataFrame) -> list[str]:
    """The upload's attribute columns (everything but the geometry), in file order."""
    return [c for c in frame.columns if c != frame.geometry.name]


def _rows(record: Mapping[str, Any], columns: list[str], limit: int, lang: Language) -> str:
    shown = [c for c in columns if str(record.get(c, "") or "")][:limit]
    cells = "".join(f"<tr><th>{escape_text(c, NAME_CHARS)}</th><td>{escape_text(record.get(c), VALUE_CHARS)}</td></tr>"
                    for c in shown)
    hidden = sum(1 for c in columns if str(record.get(c, "") or "")) - len(shown)
    more = f"<p>… {hidden} {escape_text(text('upload_more', lang))}</p>" if hidden > 0 else ""
    return f"<table>{cells}</table>{more}"


def tooltip_html(record: Mapping[str, Any], columns: list[str], label: str, lang: Language) -> str:
    """Escaped tooltip: the upload's name and its first attributes.

    Parameters
    ----------
    record : mapping
        The feature's attributes (unescaped text).
    columns : list of str
        Attribute columns, in order.
    label : str
        The upload's file name (unescaped).
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    str
        HTML safe to hand to Leaflet.
    """
    title = escape_text(f"{text('upload_layer', lang)} · {label}", 80)
    return f'<div class="yq-popup"><b>{title}</b>{_rows(record, columns, TOOLTIP_ROWS, lang)}</div>'


def popup_html(record: Mapping[str, Any], columns: list[str], label: str, lang: Language) -> str:
    """Escaped popup: the upload's name and up to :data:`POPUP_ROWS` attributes (same arguments as the tooltip)."""
    title = escape_text(f"{text('upload_layer', lang)} · {label}", 120)
    return f'<div class="yq-popup"><b>{title}</b>{_rows(record, columns, POPUP_ROWS, lang)}</div>'


def prepare_upload(frame: gpd.GeoDataFrame, label: str, lang: Language) -> gpd.GeoDataFrame:
    """A slim copy of the upload with what the map draws: ``fid``, ``style``, ``tip``, ``popup``, geometry.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The upload (WGS84, string attributes); left unchanged.
    label : str
        Its file name (unescaped).
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    geopandas.GeoDataFrame
        Same index as ``frame``.
    """
    columns = attribute_columns(frame)
    records = frame[columns].to_dict("records")
    kinds = [geometry_kind(g) for g in frame.geometry.values]
    return gpd.GeoDataFrame(
        {
            "fid": [f"upload-{i}" for i in frame.index],
            "style": [upload_style(k) for k in kinds],
            "tip": [tooltip_html(r, columns, label, lang) for r in records],
            "popup": [popup_html(r, columns, label, lang) for r in records],
        },
        geometry=frame.geometry.to_numpy(), index=frame.index, crs=frame.crs,
    )


def group_label(label: str, count: int, lang: Language) -> str:
    """Escaped layer-control label of the upload, e.g. ``上传 · towns.geojson (2)``."""
    return escape_text(f"{text('upload_layer', lang)} · {label} ({count})", 100)


def upload_group(prepared: gpd.GeoDataFrame, label: str, lang: Language) -> folium.FeatureGroup:
    """The upload's own feature group, drawn above the plan's layers.

    Parameters
    ----------
    prepared : geopandas.GeoDataFrame
        Output of :func:`prepare_upload`, already filtered (and shifted for GCJ-02 tiles).
    label : str
        The upload's file name (unescaped: escaped here).
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    folium.FeatureGroup
        To add to ``feature_group_to_add``; its paths carry the class :data:`UPLOAD_CLASS`.
    """
    group = folium.FeatureGroup(name=group_label(label, len(prepared), lang), show=True)
    if len(prepared):
        data = prepared[["fid", "style", "tip", "popup", prepared.geometry.name]].__geo_interface__
        add_pane_features(group, data, pane=UPLOAD_PANE, z_index=UPLOAD_PANE_Z, css_class=UPLOAD_CLASS,
                          popup_max_width=UPLOAD_POPUP_MAX_WIDTH, name="upload", className=UPLOAD_CLASS)
    return group


def legend_rows(label: str, count: int, lang: Language) -> str:
    """Legend block of the upload (escaped name and its count), styled like :mod:`geo.view.map._legend`."""
    style = upload_style("point")
    swatch = (f'<svg width="34" height="16" aria-hidden="true"><circle cx="17" cy="8" r="6" '
              f'stroke="{style["color"]}" stroke-width="{style["weight"]}" fill="{style["fillColor"]}" '
              f'fill-opacity="{style["fillOpacity"]}"/></svg>')
    return ('<div class="yq-legend" data-testid="yq-upload-legend"><div class="yq-legend-section">'
            f'<div class="yq-legend-title">{escape_text(text("upload", lang))}</div>'
            f'<div class="yq-legend-row">{swatch}<span>{escape_text(label, 80)}</span>'
            f'<span class="yq-count">{int(count)}</span></div></div></div>')


def name_column(frame: pd.DataFrame) -> str | None:
    """The column that most likely names the features (``name``, ``名称``...), else the first one."""
    for column in NAME_COLUMNS:
        if column in frame.columns:
            return column
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    columns = [c for c in frame.columns if c != geometry]
    return columns[0] if columns else None


def table_rows(frame: gpd.GeoDataFrame, label: str, lang: Language) -> pd.DataFrame:
    """Rows of the upload for the feature table, in its columns (labelled in ``lang``).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The filtered upload.
    label : str
        Its file name (plain text: Streamlit's table never renders HTML).
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    pandas.DataFrame
        Columns as :func:`geo.view.tables.feature_table`.
    """
    column = name_column(frame)
    kinds = [_KIND_LABELS.get(geometry_kind(g), _KIND_LABELS["other"]) for g in frame.geometry.values]
    table = pd.DataFrame({
        "layer": f"{text('upload_layer', lang)} · {label}",
        "name": frame[column].astype(str).to_numpy() if column else "",
        "name_en": "",
        "kind": [k[0] if lang == "zh" else k[1] for k in kinds],
        "status": frame["status"].astype(str).to_numpy() if "status" in frame.columns else "",
        "county": frame["county"].astype(str).to_numpy() if "county" in frame.columns else "",
        "precision": "",
        "source": "",
        "id": frame["id"].astype(str).to_numpy() if "id" in frame.columns else
        [f"upload-{i}" for i in frame.index],
    }, index=range(len(frame)))
    return renamed(table, lang)
