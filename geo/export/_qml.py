"""Private: a :class:`~geo.export._styles.LayerStyle` as a QGIS style document (QML).

QML is the XML QGIS saves with "Save as QGIS layer style" and reads from the
``styleQML`` column of a ``layer_styles`` table (GeoPackage or PostGIS) when
it opens a layer.  We write the parts that matter and let QGIS default the
rest: a rule-based renderer (sizes in millimetres, converted from the web map's
pixels at 96 dpi), simple labeling with a white halo in a CJK font, the field
aliases and the ``ValueMap`` edit widgets that show ``高速公路 Expressway``
instead of the stored code ``expressway``.  Written against QGIS 3.22.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from typing import Final

from geo.export._styles import LABEL_FONT, MM_PER_PX, LayerStyle, StyleRule, Symbol, quote_field, quote_value

#: ``<layerGeometryType>`` codes of QGIS.
_GEOMETRY_CODES: Final[dict[str, str]] = {"point": "0", "line": "1", "polygon": "2"}
#: QGIS label placement codes: around the point (cartographic), curved along lines, over polygon centroids.
_PLACEMENTS: Final[dict[str, str]] = {"point": "6", "line": "3", "polygon": "1"}
QGIS_VERSION: Final[str] = "3.22.16-Białowieża"


def rgba(colour: str, opacity: float = 1.0) -> str:
    """``#rrggbb`` (or ``#rgb``) and an opacity as QGIS's ``r,g,b,a``."""
    hex_rgb = colour.lstrip("#")
    if len(hex_rgb) == 3:
        hex_rgb = "".join(ch * 2 for ch in hex_rgb)
    red, green, blue = (int(hex_rgb[i:i + 2], 16) for i in (0, 2, 4))
    return f"{red},{green},{blue},{round(255 * max(0.0, min(1.0, opacity)))}"


def _mm(pixels: float) -> str:
    return f"{pixels * MM_PER_PX:.3g}"


def _options(parent: ET.Element, values: dict[str, str]) -> None:
    mapping = ET.SubElement(parent, "Option", type="Map")
    for name, value in values.items():
        ET.SubElement(mapping, "Option", name=name, value=value, type="QString")


def _ring_style(dash_px: tuple[float, ...]) -> str:
    """A point ring's Qt pen style: the web map's ``3 3`` is a dash, ``1 3`` a dot."""
    if not dash_px:
        return "solid"
    return "dot" if dash_px[0] <= 1.5 else "dash"


def symbol_layer_properties(symbol: Symbol) -> tuple[str, str, dict[str, str]]:
    """QGIS symbol type, symbol-layer class and properties of a symbol."""
    if symbol.geometry == "line":
        properties = {
            "line_color": rgba(symbol.colour, symbol.opacity), "line_width": _mm(symbol.width_px),
            "line_width_unit": "MM", "line_style": "solid", "capstyle": "round", "joinstyle": "round",
        }
        if symbol.dash_px:
            properties.update({"use_custom_dash": "1", "customdash_unit": "MM",
                               "customdash": ";".join(_mm(part) for part in symbol.dash_px)})
        return "line", "SimpleLine", properties
    if symbol.geometry == "polygon":
        return "fill", "SimpleFill", {
            "style": "no", "color": rgba(symbol.fill_colour, 0.0),
            "outline_color": rgba(symbol.colour, symbol.opacity), "outline_width": _mm(symbol.width_px),
            "outline_width_unit": "MM", "outline_style": "solid", "joinstyle": "round",
        }
    return "marker", "SimpleMarker", {
        "name": "circle", "color": rgba(symbol.fill_colour, symbol.fill_opacity),
        "outline_color": rgba(symbol.colour, symbol.opacity), "outline_width": _mm(symbol.width_px),
        "outline_width_unit": "MM", "outline_style": _ring_style(symbol.dash_px),
        "size": _mm(2 * symbol.radius_px), "size_unit": "MM", "scale_method": "diameter",
    }


def precision_expressions(symbol: Symbol) -> dict[str, str]:
    """Data-defined fill colour, ring style and ring width of a point by its ``precision`` field."""
    if not symbol.by_precision:
        return {}
    field = quote_field("precision")

    def case(values: dict[str, str], default: str) -> str:
        branches = " ".join(f"WHEN {field} = {quote_value(k)} THEN {quote_value(v)}" for k, v in values.items())
        return f"CASE {branches} ELSE {quote_value(default)} END"

    looks = {look.precision: look for look in symbol.by_precision}
    return {
        "fillColor": case({k: rgba(symbol.fill_colour, v.fill_opacity) for k, v in looks.items()},
                          rgba(symbol.fill_colour, symbol.fill_opacity)),
        "strokeStyle": case({k: _ring_style(v.dash_px) for k, v in looks.items()}, _ring_style(symbol.dash_px)),
        "strokeWidth": case({k: _mm(v.width_px) for k, v in looks.items()}, _mm(symbol.width_px)),
    }


def _data_defined(parent: ET.Element, expressions: dict[str, str]) -> None:
    collection = ET.SubElement(ET.SubElement(parent, "data_defined_properties"), "Option", type="Map")
    ET.SubElement(collection, "Option", name="name", value="", type="QString")
    properties = ET.SubElement(collection, "Option", name="properties", type="Map")
    for key, expression in expressions.items():
        prop = ET.SubElement(properties, "Option", name=key, type="Map")
        ET.SubElement(prop, "Option", name="active", value="true", type="bool")
        ET.SubElement(prop, "Option", name="expression", value=expression, type="QString")
        ET.SubElement(prop, "Option", name="type", value="3", type="int")  # expression-based
    ET.SubElement(collection, "Option", name="type", value="collection", type="QString")


def _symbol(parent: ET.Element, name: str, symbol: Symbol) -> None:
    kind, layer_class, properties = symbol_layer_properties(symbol)
    element = ET.SubElement(parent, "symbol", type=kind, name=name, alpha="1", clip_to_extent="1",
                            force_rhr="0")
    layer = ET.SubElement(element, "layer", attrib={"class": layer_class, "enabled": "1", "pass": "0",
                                                    "locked": "0"})
    _options(layer, properties)
    expressions = precision_expressions(symbol)
    if expressions:
        _data_defined(layer, expressions)


def _rule(parent: ET.Element, rule: StyleRule, symbols: list[Symbol]) -> None:
    attributes = {"key": f"{{{uuid.uuid4()}}}", "label": rule.label}
    if rule.expression:
        attributes["filter"] = rule.expression
    if rule.symbol is not None:
        attributes["symbol"] = str(len(symbols))
        symbols.append(rule.symbol)
    element = ET.SubElement(parent, "rule", attributes)
    for child in rule.children:
        _rule(element, child, symbols)


def _renderer(parent: ET.Element, style: LayerStyle) -> None:
    renderer = ET.SubElement(parent, "renderer-v2", type="RuleRenderer", symbollevels="0",
                             enableorderby="0", forceraster="0", referencescale="-1")
    rules = ET.SubElement(renderer, "rules", key=f"{{{uuid.uuid4()}}}")
    symbols: list[Symbol] = []
    for rule in style.rules:
        _rule(rules, rule, symbols)
    symbols_element = ET.SubElement(renderer, "symbols")
    for index, symbol in enumerate(symbols):
        _symbol(symbols_element, str(index), symbol)


def _labeling(parent: ET.Element, style: LayerStyle) -> None:
    if style.label_field is None:
        return
    labeling = ET.SubElement(parent, "labeling", type="simple")
    settings = ET.SubElement(labeling, "settings", calloutType="simple")
    text_style = ET.SubElement(settings, "text-style", {
        "fieldName": style.label_field, "isExpression": "0", "fontFamily": LABEL_FONT,
        "fontSize": f"{style.label_size:g}", "fontSizeUnit": "Point", "textColor": "40,40,40,255",
        "textOpacity": "1", "fontWeight": "50", "namedStyle": "Regular",
    })
    ET.SubElement(text_style, "text-buffer", {
        "bufferDraw": "1", "bufferSize": "0.8", "bufferSizeUnits": "MM", "bufferColor": "255,255,255,255",
        "bufferOpacity": "0.9", "bufferNoFill": "1", "bufferJoinStyle": "128",
    })
    ET.SubElement(settings, "placement", {
        "placement": _PLACEMENTS[style.geometry], "dist": "1", "distUnits": "MM", "priority": "5",
        "placementFlags": "10", "repeatDistance": "0", "maxCurvedCharAngleIn": "25",
        "maxCurvedCharAngleOut": "-25",
    })
    ET.SubElement(settings, "rendering", {"drawLabels": "1", "obstacle": "1", "displayAll": "0",
                                          "upsidedownLabels": "0", "mergeLines": "1", "scaleVisibility": "0"})


def _fields(parent: ET.Element, style: LayerStyle, columns: list[str]) -> None:
    configuration = ET.SubElement(parent, "fieldConfiguration")
    for column in columns:
        field = ET.SubElement(configuration, "field", name=column, configurationFlags="None")
        codes = style.value_maps.get(column)
        widget = ET.SubElement(field, "editWidget", type="ValueMap" if codes else "TextEdit")
        config = ET.SubElement(widget, "config")
        if not codes:
            ET.SubElement(config, "Option")
            continue
        options = ET.SubElement(config, "Option", type="Map")
        entries = ET.SubElement(options, "Option", type="List", name="map")
        for code, label in codes.items():
            entry = ET.SubElement(entries, "Option", type="Map")
            ET.SubElement(entry, "Option", name=label, value=code, type="QString")
    aliases = ET.SubElement(parent, "aliases")
    for index, column in enumerate(columns):
        ET.SubElement(aliases, "alias", index=str(index), field=column, name=style.aliases.get(column, ""))


def qml_document(style: LayerStyle, columns: list[str]) -> str:
    """The QML of a layer's style.

    Parameters
    ----------
    style : LayerStyle
        From :func:`geo.export._styles.layer_style`.
    columns : list of str
        The layer's attribute fields, in table order (aliases and widgets are per field).

    Returns
    -------
    str
        A complete QML document (``<!DOCTYPE qgis ...>``).
    """
    root = ET.Element("qgis", {"version": QGIS_VERSION, "styleCategories": "AllStyleCategories",
                               "labelsEnabled": "1" if style.label_field else "0",
                               "hasScaleBasedVisibilityFlag": "0"})
    _renderer(root, style)
    _labeling(root, style)
    _fields(root, style, columns)
    ET.SubElement(root, "layerGeometryType").text = _GEOMETRY_CODES[style.geometry]
    ET.indent(root)
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(root, encoding="unicode")
