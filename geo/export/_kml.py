"""Private KML writer: one Folder per layer, styled by the vocabularies' colours.

Each Placemark carries its Chinese ``name`` as ``<name>``, its ``summary`` as
``<description>`` and every attribute in typed ``<SchemaData>`` (one
``<Schema>`` per layer), which Google Earth shows and GDAL's LIBKML driver
reads back as fields.  Line styles: colour per corridor mode or route theme;
KML has no dash patterns, so a corridor's status pattern (solid, dashed,
dotted in :data:`geo.config.STATUSES`) is shown by width and opacity.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Final

from geopandas import GeoDataFrame
from shapely.geometry.base import BaseGeometry

from geo.export._values import column_kind, iter_features, property_columns, value_text
from geo.config import COORD_DECIMALS, LAYERS, LOGISTICS_KINDS, MODES, PROJECT_KINDS, STATUSES, THEMES
from geo.crs import OutputCrs

KML_NS: Final[str] = "http://www.opengis.net/kml/2.2"

#: Colours of the layers without a vocabulary colour (``#rrggbb``).
_LAYER_COLOURS: Final[dict[str, str]] = {
    "boundaries": "#555555",
    "province_border": "#000000",
    "cooperation_links": "#e7298a",
    "townships": "#1b7837",
    "tourism_stops": "#ef8a00",
    "projects": "#7570b3",
    "logistics_parks": "#e31a1c",
    "corridors": "#4d4d4d",
    "tourism_routes": "#c51b1b",
}

#: Line width and opacity (0-255) standing in for a status's dash pattern.
_PATTERN_LOOK: Final[dict[str, tuple[float, int]]] = {
    "solid": (4.0, 0xFF),
    "dashed": (3.0, 0xCC),
    "dotted": (2.0, 0x99),
}

#: SimpleField types for the value kinds of :func:`column_kind`.
_KML_TYPES: Final[dict[str, str]] = {"bool": "bool", "int": "int", "float": "double", "str": "string"}


def kml_colour(hex_rgb: str, alpha: int = 0xFF) -> str:
    """``#rrggbb`` to KML's ``aabbggrr``."""
    rgb = hex_rgb.lstrip("#")
    return f"{alpha:02x}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}"


def _style_of(layer_name: str, properties: dict[str, object]) -> tuple[str, str, float, int]:
    """(style id, colour, line width, alpha) of one feature."""
    colour = _LAYER_COLOURS.get(layer_name, "#333333")
    width, alpha = 3.0, 0xFF
    key = layer_name
    if layer_name == "corridors":
        mode, status = str(properties.get("mode")), str(properties.get("status"))
        colour = MODES[mode][2] if mode in MODES else colour
        pattern = STATUSES[status][2] if status in STATUSES else "solid"
        width, alpha = _PATTERN_LOOK[pattern]
        key = f"corridor-{mode}-{pattern}"
    elif layer_name == "tourism_routes":
        theme = str(properties.get("theme"))
        colour = THEMES[theme][2] if theme in THEMES else colour
        key = f"route-{theme}"
    elif layer_name in ("logistics_parks", "projects"):
        kind = str(properties.get("kind"))
        vocabulary = LOGISTICS_KINDS if layer_name == "logistics_parks" else PROJECT_KINDS
        colour = vocabulary[kind][2] if kind in vocabulary else colour
        key = f"{layer_name}-{kind}"
    return f"style-{key}", colour, width, alpha


def _add_style(document: ET.Element, style_id: str, colour: str, width: float, alpha: int) -> None:
    style = ET.SubElement(document, "Style", id=style_id)
    icon = ET.SubElement(style, "IconStyle")
    ET.SubElement(icon, "color").text = kml_colour(colour, alpha)
    ET.SubElement(icon, "scale").text = "1.0"
    line = ET.SubElement(style, "LineStyle")
    ET.SubElement(line, "color").text = kml_colour(colour, alpha)
    ET.SubElement(line, "width").text = f"{width:g}"
    poly = ET.SubElement(style, "PolyStyle")
    ET.SubElement(poly, "color").text = kml_colour(colour, 0x33)
    ET.SubElement(poly, "outline").text = "1"


def _coordinates(coords: object) -> str:
    return " ".join(f"{x:.{COORD_DECIMALS}f},{y:.{COORD_DECIMALS}f}" for x, y, *_ in coords)  # type: ignore[attr-defined]


def _add_geometry(parent: ET.Element, geometry: BaseGeometry) -> None:
    kind = geometry.geom_type
    if kind == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _coordinates(geometry.coords)
    elif kind == "LineString":
        line = ET.SubElement(parent, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _coordinates(geometry.coords)
    elif kind == "Polygon":
        polygon = ET.SubElement(parent, "Polygon")
        rings = [("outerBoundaryIs", geometry.exterior)] + [("innerBoundaryIs", r) for r in geometry.interiors]
        for tag, ring in rings:
            linear = ET.SubElement(ET.SubElement(polygon, tag), "LinearRing")
            ET.SubElement(linear, "coordinates").text = _coordinates(ring.coords)
    else:  # Multi* and GeometryCollection
        multi = ET.SubElement(parent, "MultiGeometry")
        for part in geometry.geoms:  # type: ignore[attr-defined]
            _add_geometry(multi, part)


def _schema(layer_name: str, frame: GeoDataFrame) -> tuple[ET.Element, list[str]]:
    """The layer's typed field declarations and the columns they hold.

    ``name`` and ``id`` are left out: they are the Placemark's own ``<name>``
    and ``id`` attribute (GDAL reads them back as the fields ``name``, ``id``).
    """
    schema = ET.Element("Schema", name=layer_name, id=f"schema-{layer_name}")
    columns = [c for c in property_columns(frame) if c not in ("name", "id")]
    for column in columns:
        ET.SubElement(schema, "SimpleField", name=column, type=_KML_TYPES[column_kind(frame, column)])
    return schema, columns


def write_kml(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """Write the layers as one KML document, a Folder per layer."""
    root = ET.Element("kml", xmlns=KML_NS)
    document = ET.SubElement(root, "Document")
    ET.SubElement(document, "name").text = f"渝黔合作先行示范区 Yuqian pilot zone ({crs.authority_label})"
    ET.SubElement(document, "description").text = (
        f"Coordinates: {crs.label}. "
        + ("KML viewers assume WGS 84: use this file only on GCJ-02 base maps." if crs.epsg is None else "")
    ).strip()
    schemas = {name: _schema(name, frame) for name, frame in layers.items()}
    styles: dict[str, tuple[str, float, int]] = {}
    folders: list[ET.Element] = []
    for layer_name, frame in layers.items():
        folder = ET.Element("Folder", id=layer_name)
        ET.SubElement(folder, "name").text = layer_name
        zh_label, en_label = LAYERS.get(layer_name, (layer_name, layer_name))
        ET.SubElement(folder, "description").text = f"{zh_label} {en_label}"
        for properties, geometry in iter_features(frame):
            style_id, colour, width, alpha = _style_of(layer_name, properties)
            styles[style_id] = (colour, width, alpha)
            placemark = ET.SubElement(folder, "Placemark")
            if properties.get("id") is not None:
                placemark.set("id", value_text(properties["id"]))
            ET.SubElement(placemark, "name").text = value_text(properties.get("name"))
            if properties.get("summary") is not None:
                ET.SubElement(placemark, "description").text = value_text(properties["summary"])
            ET.SubElement(placemark, "styleUrl").text = f"#{style_id}"
            schema_data = ET.SubElement(
                ET.SubElement(placemark, "ExtendedData"), "SchemaData", schemaUrl=f"#schema-{layer_name}"
            )
            for column in schemas[layer_name][1]:
                if properties[column] is not None:
                    ET.SubElement(schema_data, "SimpleData", name=column).text = value_text(properties[column])
            if geometry is not None and not geometry.is_empty:
                _add_geometry(placemark, geometry)
        folders.append(folder)
    for style_id, (colour, width, alpha) in sorted(styles.items()):
        _add_style(document, style_id, colour, width, alpha)
    document.extend(schema for schema, _ in schemas.values())  # KML order: styles, schemas, features
    document.extend(folders)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
