"""Private: the PyQGIS side of the QGIS exports, run by Debian's ``/usr/bin/python3``.

This file is executed as a script (``/usr/bin/python3 -I _driver.py
COMMAND SPEC.json``) by :mod:`geo.export.qgis._project`, never imported by the
package: it uses only the standard library and PyQGIS (Debian
``python3-qgis``), so the venv's packages are never mixed with QGIS's.  ``-I``
keeps the venv, ``PYTHONPATH`` and this folder off ``sys.path``; the print
layout's code, :mod:`geo.export.qgis._layout`, is loaded from beside this file
by its path.

Commands (the spec and the answer are JSON; the answer is the last line of stdout):

``project``         build a ``.qgz`` from a spec: projected CRS, ellipsoid,
                    initial view, author, groups, layer order, the
                    GeoPackage's own styles, layer metadata and a print layout
                    (title, map, legend fitted to the page, scale bar, north
                    arrow, sources);
``inspect``         open layers (GeoPackage tables or PostGIS tables) as QGIS
                    does (optionally with an SLD file loaded) and report
                    validity, renderer, classes, labels, aliases;
``render``          open a project, check its layers and export its print
                    layout to PNG;
``measure``         open a project and measure its lines as an analyst does
                    (``$length``, planar length in the map's CRS), with the
                    project's settings, layout rectangles and initial view.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def _sibling(name: str) -> Any:
    """A module beside this file, loaded by path (``-I`` keeps this folder off ``sys.path``, as it should)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                    f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _start() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    return app


def _describe(layer: Any) -> dict[str, Any]:
    """What QGIS made of a layer: validity, count, renderer and its classes, labels, aliases, widgets."""
    renderer: Any = layer.renderer() if layer.isValid() else None
    kind = renderer.type() if renderer is not None else None
    classes: list[str] = []
    parents: list[str] = []
    if kind == "RuleRenderer":
        for rule in renderer.rootRule().descendants():
            (classes if rule.symbol() is not None else parents).append(rule.label())
    elif kind == "categorizedSymbol":
        classes = [category.label() for category in renderer.categories()]
    fields = layer.fields() if layer.isValid() else []
    return {
        "name": layer.name(), "valid": layer.isValid(), "count": layer.featureCount() if layer.isValid() else -1,
        "renderer": kind, "classes": classes, "parents": parents,
        "labels": bool(layer.labelsEnabled()) if layer.isValid() else False,
        "label_field": layer.labeling().settings().fieldName if layer.isValid() and layer.labeling() else None,
        "aliases": {f.name(): f.alias() for f in fields},
        "widgets": {f.name(): layer.editorWidgetSetup(i).type() for i, f in enumerate(fields)},
        "crs": layer.crs().authid() or layer.crs().description(),
        "source": layer.source(), "rights": list(layer.metadata().rights()),
        "licences": list(layer.metadata().licenses()), "title": layer.metadata().title(),
    }


def _settings(project: Any, spec: dict[str, Any]) -> None:
    """Measure on the ellipsoid in km, open on the pilot zone, name the author and the project CRS."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle, QgsReferencedRectangle, QgsUnitTypes
    from qgis.PyQt.QtCore import QDateTime

    project.setCrs(QgsCoordinateReferenceSystem(spec["map_crs"]))
    project.setEllipsoid(spec["ellipsoid"])
    project.setDistanceUnits(QgsUnitTypes.DistanceKilometers)
    project.setAreaUnits(QgsUnitTypes.AreaSquareKilometers)
    project.viewSettings().setDefaultViewExtent(
        QgsReferencedRectangle(QgsRectangle(*spec["pilot_extent"]), project.crs()))
    metadata = project.metadata()
    metadata.setAuthor(spec["author"])
    metadata.setTitle(spec["title"])
    metadata.setCreationDateTime(QDateTime.currentDateTimeUtc())
    project.setMetadata(metadata)


def make_project(spec: dict[str, Any]) -> dict[str, Any]:
    """Write the project of ``spec`` and describe its layers."""
    from qgis.core import QgsLayerMetadata, QgsProject, QgsVectorLayer

    project = QgsProject.instance()
    project.setTitle(spec["title"])
    _settings(project, spec)
    project.writeEntryBool("Paths", "/Absolute", False)
    root = project.layerTreeRoot()
    by_table: dict[str, Any] = {}
    for group_spec in spec["groups"]:
        group = root.addGroup(group_spec["title"])
        for layer_spec in group_spec["layers"]:
            layer = QgsVectorLayer(f"{spec['gpkg']}|layername={layer_spec['table']}", layer_spec["title"], "ogr")
            metadata = QgsLayerMetadata()
            metadata.setTitle(layer_spec["title"])
            metadata.setAbstract(layer_spec["abstract"])
            metadata.setRights(layer_spec["rights"])
            metadata.setLicenses(layer_spec["licences"])
            layer.setMetadata(metadata)
            project.addMapLayer(layer, False)
            group.addLayer(layer)
            by_table[layer_spec["table"]] = layer
    drawing_order = [by_table[table] for table in spec["drawing_order_top_first"] if table in by_table]
    root.setHasCustomLayerOrder(True)
    root.setCustomLayerOrder(drawing_order)
    _sibling("_layout").add_layout(project, spec)
    if not project.write(spec["output"]):
        raise RuntimeError(f"QGIS could not write {spec['output']}: {project.error()}")
    return {"layers": [_describe(layer) for layer in drawing_order]}


def inspect(spec: dict[str, Any]) -> dict[str, Any]:
    """Open each ``(uri, provider)`` of the spec as QGIS would and describe it."""
    from qgis.core import QgsVectorLayer

    described = []
    for item in spec["layers"]:
        layer = QgsVectorLayer(item["uri"], item["name"], item["provider"])
        answer = {}
        if item.get("sld"):  # replace the default style by an SLD file, as "Load style..." does
            message, ok = layer.loadSldStyle(item["sld"])
            answer = {"sld_ok": bool(ok), "sld_message": message}
        described.append({**_describe(layer), **answer})
    return {"layers": described}


def render(spec: dict[str, Any]) -> dict[str, Any]:
    """Open a project, describe its layers and groups, export its first layout to PNG."""
    from qgis.core import QgsLayoutExporter, QgsProject

    project = QgsProject.instance()
    if not project.read(spec["project"]):
        raise RuntimeError(f"QGIS could not read {spec['project']}: {project.error()}")
    root = project.layerTreeRoot()
    layouts = project.layoutManager().printLayouts()
    answer: dict[str, Any] = {
        "layers": [_describe(layer) for layer in root.customLayerOrder()],
        "groups": [group.name() for group in root.findGroups()],
        "layouts": [layout.name() for layout in layouts],
        "layout_items": sorted({type(item).__name__ for item in layouts[0].items()}) if layouts else [],
    }
    if layouts and spec.get("png"):
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = float(spec.get("dpi", 96))
        result = QgsLayoutExporter(layouts[0]).exportToImage(spec["png"], settings)
        answer["export_ok"] = result == QgsLayoutExporter.Success
    return answer


def _rect(rect: Any) -> list[float]:
    return [rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()]


def _lonlat(rect: Any, crs: Any, project: Any) -> list[float]:
    """A rectangle of ``crs`` as lon/lat (EPSG:4326) bounds."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    return _rect(QgsCoordinateTransform(crs, wgs84, project.transformContext()).transformBoundingBox(rect))


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Open a project and measure every feature of the layers with a ``length_km`` field, as an analyst does.

    Each feature: its stored ``length_km``; ``$length`` as the field calculator
    computes it (the project's ellipsoid and distance units); and its planar
    length in the project's (and layout map's) CRS, in metres, which is what
    the layout's scale bar measures.  Also the project's settings, the layout
    items' rectangles (mm) against the page, and the initial view as lon/lat.
    """
    from qgis.core import (
        QgsCoordinateTransform,
        QgsDistanceArea,
        QgsExpression,
        QgsExpressionContext,
        QgsExpressionContextUtils,
        QgsLayoutExporter,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemScaleBar,
        QgsProject,
        QgsUnitTypes,
    )
    from qgis.PyQt.QtCore import QSize

    project = QgsProject.instance()
    if not project.read(spec["project"]):
        raise RuntimeError(f"QGIS could not read {spec['project']}: {project.error()}")
    features: dict[str, dict[str, float | str]] = {}
    for layer in project.mapLayers().values():
        if layer.type() != layer.VectorLayer or layer.fields().indexOf("length_km") < 0:
            continue
        calculator = QgsDistanceArea()
        calculator.setSourceCrs(layer.crs(), project.transformContext())
        calculator.setEllipsoid(project.ellipsoid())
        expression = QgsExpression("$length")
        expression.setGeomCalculator(calculator)
        expression.setDistanceUnits(project.distanceUnits())
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        to_map = QgsCoordinateTransform(layer.crs(), project.crs(), project.transformContext())
        for feature in layer.getFeatures():
            context.setFeature(feature)
            geometry = feature.geometry()
            if geometry.isNull():
                continue
            planar = geometry.constGet().clone()
            planar.transform(to_map)
            features[str(feature["id"])] = {"stored_km": float(feature["length_km"]),
                                            "length": float(expression.evaluate(context)),
                                            "map_planar_m": float(planar.length())}
    layouts = project.layoutManager().printLayouts()
    items: dict[str, list[float]] = {}
    answer: dict[str, Any] = {
        "features": features, "ellipsoid": project.ellipsoid(), "crs": project.crs().authid(),
        "distance_units": QgsUnitTypes.toString(project.distanceUnits()),
        "author": project.metadata().author(), "items_mm": items,
        "default_view_lonlat": _lonlat(project.viewSettings().defaultViewExtent(),
                                       project.viewSettings().defaultViewExtent().crs(), project),
    }
    if layouts:
        layout = layouts[0]
        size = layout.pageCollection().page(0).pageSize()
        answer["page_mm"] = [0.0, 0.0, size.width(), size.height()]
        QgsLayoutExporter(layout).renderPageToImage(0, QSize(), 20.0)  # a legend takes its size when drawn
        for item in layout.items():
            if isinstance(item, (QgsLayoutItemLegend, QgsLayoutItemMap, QgsLayoutItemScaleBar)):
                box = item.sceneBoundingRect()
                items[type(item).__name__] = [box.left(), box.top(), box.right(), box.bottom()]
            if isinstance(item, QgsLayoutItemMap):
                answer["map_crs"] = item.crs().authid()
                answer["map_scale"] = item.scale()
                answer["map_extent_lonlat"] = _lonlat(item.extent(), item.crs(), project)
            if isinstance(item, QgsLayoutItemScaleBar):
                answer["scale_bar_km_per_segment"] = item.unitsPerSegment()
    return answer


COMMANDS = {"project": make_project, "inspect": inspect, "render": render, "measure": measure}


def main(argv: list[str]) -> int:
    """``_driver.py COMMAND SPEC.json``: run, print the JSON answer as the last line."""
    command, spec_path = argv[1], argv[2]
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    app = _start()
    try:
        answer = COMMANDS[command](spec)
    finally:
        app.exitQgis()
    sys.stdout.write("\n" + json.dumps(answer, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
