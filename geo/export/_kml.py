"""Private KML writer: one Folder per layer, styled by :mod:`geo.symbology`.

Each Placemark carries every attribute once: its ``id`` as the Placemark's
``id`` attribute, its Chinese ``name`` as ``<name>``, its ``summary`` as
``<description>`` (what Google Earth shows and both GDAL drivers read), and
every other attribute in typed ``<SchemaData>`` (one ``<Schema>`` per layer),
the English ``name_en`` first, which GDAL's LIBKML driver (the one QGIS uses)
reads back as fields:

* ``id``, ``name`` and ``summary`` are not data fields too: GDAL 3.8+ reads the
  Placemark ``id`` attribute as the field ``id`` (a data field of that name came
  back as a second field ``id2``), and ``<description>`` as ``description``.
  GDAL before 3.8 (Debian 12's 3.6) does not read the ``id`` attribute: there,
  features are known by ``Name``; the GeoPackage keeps ``id`` for every GDAL;
* booleans are written ``1``/``0``: both are valid ``xsd:boolean`` (what the
  KML schema and Google Earth expect), and GDAL's LIBKML driver, which parses a
  ``bool`` field as an integer, reads ``true`` as 0 but ``1`` as 1 (true).

GDAL's older ``KML`` driver reads only ``<name>`` and ``<description>``.

Colours are the map's (:func:`geo.symbology.feature_style`: per corridor
mode, route theme, kind, province...; stops take their route's colour), so a
layer looks the same in Google Earth and in the viewer; KML has no dash
patterns, so a corridor's status pattern (solid, dashed, dotted in
:data:`geo.config.STATUSES`) is shown by width and opacity.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from geopandas import GeoDataFrame
from shapely.geometry.base import BaseGeometry

from geo.config import COORD_DECIMALS, LAYERS
from geo.credits import dataset_metadata
from geo.crs import OutputCrs
from geo.export._values import PlainValue, column_kind, iter_features, property_columns, value_text
from geo.filters import route_ids
from geo.symbology import feature_style, status_pattern

KML_NS: Final[str] = "http://www.opengis.net/kml/2.2"

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


def kml_value(value: PlainValue) -> str:
    """A value as KML ``SimpleData`` text: booleans as ``1``/``0`` (see the module notes)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    return value_text(value)


def _style_of(layer_name: str, properties: Mapping[str, object],
              route_themes: Mapping[str, str]) -> tuple[str, str, float, int]:
    """(style id, colour, line width, alpha) of one feature; the colour is the map's (:mod:`geo.symbology`)."""
    style = feature_style(layer_name, properties, route_themes)
    colour = str(style["color"])
    width, alpha = 3.0, 0xFF
    if layer_name == "corridors":
        mode, pattern = str(properties.get("mode")), status_pattern(properties.get("status"))
        width, alpha = _PATTERN_LOOK[pattern]
        key = f"corridor-{mode}-{pattern}"
    elif layer_name == "tourism_routes":  # the map's wide pale band: its width and opacity (KML has no dashes)
        width, alpha = float(style["weight"]), round(float(style["opacity"]) * 0xFF)
        key = f"route-{properties.get('theme')}"
    elif layer_name in ("logistics_parks", "projects"):
        key = f"{layer_name}-{properties.get('kind')}"
    else:
        key = f"{layer_name}-{colour.lstrip('#')}"
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


def _coordinates(coords: Iterable[Sequence[float]]) -> str:
    return " ".join(f"{x:.{COORD_DECIMALS}f},{y:.{COORD_DECIMALS}f}" for x, y, *_ in coords)


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
        for part in geometry.geoms:
            _add_geometry(multi, part)


#: Attributes that are KML elements of their own (Placemark ``id``, ``<name>``, ``<description>``), not data fields.
_PLACEMARK_OWN: Final[tuple[str, ...]] = ("id", "name", "summary")


def _schema(layer_name: str, frame: GeoDataFrame) -> tuple[ET.Element, list[str]]:
    """The layer's typed field declarations and the columns they hold.

    ``id``, ``name`` and ``summary`` are left out (:data:`_PLACEMARK_OWN`): each
    is written once, as the Placemark's own ``id``, ``<name>`` and
    ``<description>``.  ``name_en`` comes first, beside the Chinese name.
    """
    schema = ET.Element("Schema", name=layer_name, id=f"schema-{layer_name}")
    columns = [c for c in property_columns(frame) if c not in _PLACEMARK_OWN]
    columns.sort(key=lambda column: column != "name_en")
    for column in columns:
        ET.SubElement(schema, "SimpleField", name=column, type=_KML_TYPES[column_kind(frame, column)])
    return schema, columns


def _route_themes(routes: GeoDataFrame | None) -> dict[str, str]:
    """``route_id`` -> theme of the exported routes, so that stops take their route's colour as on the map."""
    if routes is None or "theme" not in routes.columns:
        return {}
    return dict(zip(route_ids(routes), routes["theme"].astype(str), strict=True))


def write_kml(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """Write the layers as one KML document, a Folder per layer."""
    root = ET.Element("kml", xmlns=KML_NS)
    document = ET.SubElement(root, "Document")
    ET.SubElement(document, "name").text = f"渝黔合作先行示范区 Yuqian pilot zone ({crs.authority_label})"
    credits = dataset_metadata(layers, crs.label)
    ET.SubElement(document, "description").text = " ".join(part for part in (
        f"Coordinates: {crs.label}.",
        "KML viewers assume WGS 84: use this file only on GCJ-02 base maps." if crs.epsg is None else "",
        f"Sources: {credits['SOURCES']}.", f"Data: {credits['ATTRIBUTION']}.",
    ) if part)
    schemas = {name: _schema(name, frame) for name, frame in layers.items()}
    styles: dict[str, tuple[str, float, int]] = {}
    route_themes = _route_themes(layers.get("tourism_routes"))
    folders: list[ET.Element] = []
    for layer_name, frame in layers.items():
        folder = ET.Element("Folder", id=layer_name)
        ET.SubElement(folder, "name").text = layer_name
        zh_label, en_label = LAYERS.get(layer_name, (layer_name, layer_name))
        ET.SubElement(folder, "description").text = f"{zh_label} {en_label}"
        for properties, geometry in iter_features(frame):
            style_id, colour, width, alpha = _style_of(layer_name, properties, route_themes)
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
                    ET.SubElement(schema_data, "SimpleData", name=column).text = kml_value(properties[column])
            if geometry is not None and not geometry.is_empty:
                _add_geometry(placemark, geometry)
        folders.append(folder)
    for style_id, (colour, width, alpha) in sorted(styles.items()):
        _add_style(document, style_id, colour, width, alpha)
    document.extend(schema for schema, _ in schemas.values())  # KML order: styles, schemas, features
    document.extend(folders)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
