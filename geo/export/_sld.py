"""Private: a :class:`~geo.export._styles.LayerStyle` as OGC SLD 1.1 (Symbology Encoding).

For the programs that read styles as SLD rather than QGIS's QML (GeoServer,
ArcGIS Pro's import, QGIS's "Load style" as SLD): one ``se:Rule`` per drawing
class, its filter the equalities of the class and its parents, sizes in pixels
as on the web map, and a ``TextSymbolizer`` for the labelled layers.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Final

from geo.config import PRECISIONS
from geo.export._styles import LABEL_FONT, LayerStyle, StyleRule, Symbol, bilingual

_NS: Final[dict[str, str]] = {
    "": "http://www.opengis.net/sld",
    "se": "http://www.opengis.net/se",
    "ogc": "http://www.opengis.net/ogc",
    "xlink": "http://www.w3.org/1999/xlink",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def _q(name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{_NS[prefix]}}}{local}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), {(_q(k) if ":" in k else k): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _param(parent: ET.Element, name: str, value: str) -> None:
    _sub(parent, "se:SvgParameter", value, name=name)


def _stroke(parent: ET.Element, symbol: Symbol) -> None:
    stroke = _sub(parent, "se:Stroke")
    _param(stroke, "stroke", symbol.colour)
    _param(stroke, "stroke-opacity", f"{symbol.opacity:g}")
    _param(stroke, "stroke-width", f"{symbol.width_px:g}")
    _param(stroke, "stroke-linejoin", "round")
    _param(stroke, "stroke-linecap", "round")
    if symbol.dash_px:
        _param(stroke, "stroke-dasharray", " ".join(f"{part:g}" for part in symbol.dash_px))


def _symbolizer(rule: ET.Element, symbol: Symbol) -> None:
    if symbol.geometry == "line":
        _stroke(_sub(rule, "se:LineSymbolizer"), symbol)
    elif symbol.geometry == "polygon":
        _stroke(_sub(rule, "se:PolygonSymbolizer"), symbol)
    else:
        graphic = _sub(_sub(rule, "se:PointSymbolizer"), "se:Graphic")
        mark = _sub(graphic, "se:Mark")
        _sub(mark, "se:WellKnownName", "circle")
        fill = _sub(mark, "se:Fill")
        _param(fill, "fill", symbol.fill_colour)
        _param(fill, "fill-opacity", f"{symbol.fill_opacity:g}")
        _stroke(mark, symbol)
        _sub(graphic, "se:Size", f"{2 * symbol.radius_px:g}")


def _filter(rule: ET.Element, match: tuple[tuple[str, str], ...]) -> None:
    if not match:
        return
    parent = _sub(rule, "ogc:Filter")
    if len(match) > 1:
        parent = _sub(parent, "ogc:And")
    for column, value in match:
        equal = _sub(parent, "ogc:PropertyIsEqualTo")
        _sub(equal, "ogc:PropertyName", column)
        _sub(equal, "ogc:Literal", value)


def _rules(parent: ET.Element, rule: StyleRule, inherited: tuple[tuple[str, str], ...]) -> None:
    match = inherited + rule.match
    if rule.children:
        for child in rule.children:
            _rules(parent, child, match)
        return
    if rule.symbol is not None and rule.symbol.by_precision and not rule.is_else:
        for look in rule.symbol.by_precision:  # SLD has no per-feature overrides: one rule per precision
            symbol = replace(rule.symbol, fill_opacity=look.fill_opacity, dash_px=look.dash_px,
                             width_px=look.width_px, by_precision=())
            label = f"{rule.label} · {bilingual(PRECISIONS.get(look.precision), look.precision)}"
            _rules(parent, StyleRule(label, (("precision", look.precision),), symbol), match)
        return
    element = _sub(parent, "se:Rule")
    _sub(element, "se:Name", rule.label)
    _sub(_sub(element, "se:Description"), "se:Title", rule.label)
    if rule.is_else:
        _sub(element, "se:ElseFilter")
    else:
        _filter(element, match)
    if rule.symbol is not None:
        _symbolizer(element, rule.symbol)


def _label_rule(parent: ET.Element, style: LayerStyle) -> None:
    if style.label_field is None:
        return
    rule = _sub(parent, "se:Rule")
    _sub(rule, "se:Name", "标注 Labels")
    text = _sub(rule, "se:TextSymbolizer")
    _sub(_sub(text, "se:Label"), "ogc:PropertyName", style.label_field)
    font = _sub(text, "se:Font")
    _param(font, "font-family", LABEL_FONT)
    _param(font, "font-size", f"{style.label_size * 96 / 72:.3g}")
    halo = _sub(text, "se:Halo")
    _sub(halo, "se:Radius", "2")
    _param(_sub(halo, "se:Fill"), "fill", "#ffffff")
    _param(_sub(text, "se:Fill"), "fill", "#282828")


def sld_document(style: LayerStyle, layer_name: str) -> str:
    """The SLD 1.1 of a layer's style.

    Parameters
    ----------
    style : LayerStyle
        From :func:`geo.export._styles.layer_style`.
    layer_name : str
        The ``NamedLayer`` name (the table name).

    Returns
    -------
    str
        An XML document with a ``StyledLayerDescriptor`` root.
    """
    for prefix, uri in _NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_q("StyledLayerDescriptor"), {"version": "1.1.0", _q("xsi:schemaLocation"):
                      "http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd"})
    layer = _sub(root, "NamedLayer")
    _sub(layer, "se:Name", layer_name)
    user_style = _sub(layer, "UserStyle")
    _sub(user_style, "se:Name", style.title)
    feature_style = _sub(user_style, "se:FeatureTypeStyle")
    for rule in style.rules:
        _rules(feature_style, rule, ())
    _label_rule(feature_style, style)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
