"""Tooltips and popups of the features, built once per layer and language.

Every string that comes from the data is passed through :func:`html.escape`
before it is put into HTML.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any, Final

import geopandas as gpd

from geo._html import plain_text
from geo.config import (
    LAYERS,
    LOGISTICS_KINDS,
    MODES,
    PRECISIONS,
    PROJECT_KINDS,
    STATUSES,
    THEMES,
    TOWNSHIP_LEVELS,
)
from geo.filters import split_joined
from geo.symbology import feature_style
from geo.view.i18n import Language, bilingual, text, vocab_label
from geo.view.map._edit_rows import edit_rows
from geo.view.map._labels import label_fields

#: Widest popup of a plan feature, pixels.
POPUP_MAX_WIDTH: Final[int] = 380


def bind_js(max_width: int = POPUP_MAX_WIDTH) -> str:
    """Leaflet ``onEachFeature`` function binding each feature's prepared ``tip`` and ``popup``.

    The one binding of tooltips and popups: the embedded groups, the groups
    filled from the published file (:mod:`geo.view.map._data`) and the upload
    use it.  The HTML was escaped when it was prepared (:func:`prepare_layer`).

    Parameters
    ----------
    max_width : int
        Widest popup, pixels.

    Returns
    -------
    str
        A JavaScript function expression.
    """
    return ("function(feature, layer) {\n"
            "    layer.bindTooltip(feature.properties.tip, {sticky: true});\n"
            f"    layer.bindPopup(feature.properties.popup, {{maxWidth: {int(max_width)}}});\n"
            "}")


def kind_label(layer: str, properties: Mapping[str, Any], lang: Language) -> str:
    """What a feature is, in words: its mode, theme, kind or level, else its layer.

    Parameters
    ----------
    layer : str
        Layer name.
    properties : mapping
        The feature's properties.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    str
        A plain (unescaped) label.
    """
    if layer == "corridors":
        return vocab_label(MODES, plain_text(properties.get("mode")), lang)
    if layer == "tourism_routes":
        return vocab_label(THEMES, plain_text(properties.get("theme")), lang)
    if layer == "logistics_parks":
        return vocab_label(LOGISTICS_KINDS, plain_text(properties.get("kind")), lang)
    if layer == "projects":
        return vocab_label(PROJECT_KINDS, plain_text(properties.get("kind")), lang)
    if layer == "townships":
        return vocab_label(TOWNSHIP_LEVELS, plain_text(properties.get("level")), lang)
    if layer == "province_border" or properties.get("kind") == "province_border":
        return text("legend_border", lang)
    entry = LAYERS.get(layer)
    return (entry[0] if lang == "zh" else entry[1]) if entry else layer


def tooltip_html(properties: Mapping[str, Any], lang: Language) -> str:
    """Escaped tooltip: the Chinese and English names."""
    name = bilingual(plain_text(properties.get("name")), plain_text(properties.get("name_en")), lang)
    return html.escape(name)


def popup_html(layer: str, properties: Mapping[str, Any], lang: Language,
               route_names: Mapping[str, str] | None = None,
               town_names: Mapping[str, str] | None = None) -> str:
    """Escaped popup: names, kind, status, county, plan section, summary and precision.

    Parameters
    ----------
    layer : str
        Layer name.
    properties : mapping
        The feature's properties.
    lang : {"zh", "en"}
        Interface language.
    route_names : mapping of str to str, optional
        ``route_id`` -> route name, for the stops.
    town_names : mapping of str to str, optional
        Chinese -> English township name: in English, partners are written
        ``Podu Town (坡渡镇)`` (:func:`partners_text`).

    Returns
    -------
    str
        HTML safe to hand to Leaflet.
    """
    def row(key: str, value: str) -> str:
        return f"<tr><th>{html.escape(text(key, lang))}</th><td>{html.escape(value)}</td></tr>"

    name_zh = plain_text(properties.get("name"))
    name_en = plain_text(properties.get("name_en"))
    rows = [row("popup_kind", kind_label(layer, properties, lang))]
    status = plain_text(properties.get("status"))
    if status:
        rows.append(row("popup_status", vocab_label(STATUSES, status, lang)))
    county = plain_text(properties.get("county"))
    if county:
        rows.append(row("popup_county", county))
    route_id = plain_text(properties.get("route_id"))
    if layer == "tourism_stops" and route_id:
        seq = plain_text(properties.get("seq"))
        rows.append(row("popup_route", f"{(route_names or {}).get(route_id, route_id)} · {seq}"))
    length = properties.get("length_km")
    if length is not None and plain_text(length):
        rows.append(row("popup_length", f"{float(length):.1f} {text('km', lang)}"))
    partners = plain_text(properties.get("partners"))
    if partners:
        rows.append(row("popup_partners", partners_text(partners, lang, town_names)))
    if str(properties.get("cross_border")).lower() in {"true", "1"}:
        rows.append(row("popup_cross_border", text("yes", lang)))
    source = plain_text(properties.get("source"))
    if source:
        rows.append(row("popup_source", source))
    precision = plain_text(properties.get("precision"))
    if precision:
        rows.append(row("popup_precision", vocab_label(PRECISIONS, precision, lang)))
    rows.extend(row(label, value) for label, value in edit_rows(properties, lang))  # moved by, latest status
    summary_zh = plain_text(properties.get("summary"))
    summary_en = plain_text(properties.get("summary_en"))
    summaries = [summary_zh, summary_en] if lang == "zh" else [summary_en, summary_zh]
    summary_html = "".join(f"<p>{html.escape(s)}</p>" for s in summaries if s)
    first, second = (name_zh, name_en) if lang == "zh" else (name_en, name_zh)
    return (
        '<div class="yq-popup">'
        f"<b>{html.escape(first)}</b><br><i>{html.escape(second)}</i>"
        f'<table>{"".join(rows)}</table>{summary_html}</div>'
    )


def partners_text(partners: str, lang: Language, town_names: Mapping[str, str] | None) -> str:
    """A township's partners (names joined by ``、``) in the interface language.

    In Chinese as they are; in English each one as ``English (中文)`` when its
    English name is known, joined by commas.
    """
    if lang == "zh":
        return partners
    names = split_joined(partners)
    return ", ".join(f"{(town_names or {})[n]} ({n})" if (town_names or {}).get(n) else n for n in names)


def prepare_layer(layer: str, frame: gpd.GeoDataFrame, lang: Language,
                  route_themes: Mapping[str, str] | None = None,
                  route_names: Mapping[str, str] | None = None) -> gpd.GeoDataFrame:
    """A slim copy of a layer with what the map draws: id, geometry, style, tooltip, popup.

    Parameters
    ----------
    layer : str
        Layer name.
    frame : geopandas.GeoDataFrame
        The layer as loaded.
    lang : {"zh", "en"}
        Interface language.
    route_themes, route_names : mapping of str to str, optional
        ``route_id`` -> theme code / route name, for the stops.

    Returns
    -------
    geopandas.GeoDataFrame
        Same index as ``frame``; columns ``fid``, ``style``, ``tip``, ``popup``,
        ``label`` (:func:`geo.view.map._labels.label_fields`), ``geometry``.
    """
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    fids = [plain_text(r.get("id")) or plain_text(r.get("adcode")) or f"{layer}-{i}" for i, r in enumerate(records)]
    town_names = ({plain_text(r.get("name")): plain_text(r.get("name_en")) for r in records}
                  if layer == "townships" else None)
    return gpd.GeoDataFrame(
        {
            "fid": fids,
            "style": [feature_style(layer, r, route_themes) for r in records],
            "tip": [tooltip_html(r, lang) for r in records],
            "popup": [popup_html(layer, r, lang, route_names, town_names) for r in records],
            "label": [label_fields(layer, r, lang) for r in records],
        },
        geometry=frame.geometry.to_numpy(),
        index=frame.index,
        crs=frame.crs,
    )
