"""Private: the A3 print layout of the QGIS project, PyQGIS only (loaded by :mod:`geo.export.qgis._driver`).

Runs under Debian's ``/usr/bin/python3`` with PyQGIS, like the driver that loads
it by path; never imported by the package.  The map is drawn in the project's
(projected) CRS on the pilot zone, the legend's columns and label size are
chosen so that it stays inside its box on the page (a legend takes its size
only when drawn, so each try lays the page out), and the scale bar's step
follows the map's scale.
"""

from __future__ import annotations

from typing import Any

NORTH_ARROW_SVG = "/usr/share/qgis/svg/arrows/NorthArrow_02.svg"
FONT = "Noto Sans CJK SC"
OTHER_LABEL = "其他 Other"


def _font(size: float, bold: bool = False) -> Any:
    from qgis.PyQt.QtGui import QFont

    font = QFont(FONT)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _label(layout: Any, text: str, x: float, y: float, width: float, height: float, size: float,
           bold: bool = False) -> Any:
    from qgis.core import QgsLayoutItemLabel, QgsLayoutPoint, QgsLayoutSize, QgsUnitTypes

    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    item.setFont(_font(size, bold))
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(item)
    return item


def _trim_legend(legend: Any) -> None:
    """The print legend without group headings and without the catch-all "其他 Other" classes."""
    from qgis.core import QgsLegendRenderer, QgsLegendStyle, QgsMapLayerLegendUtils
    from qgis.PyQt.QtCore import Qt

    legend.setAutoUpdateModel(False)
    model = legend.model()
    for group in model.rootGroup().findGroups():
        QgsLegendRenderer.setNodeLegendStyle(group, QgsLegendStyle.Hidden)
    for node in model.rootGroup().findLayers():
        nodes = model.layerLegendNodes(node)
        keep = [i for i, item in enumerate(nodes) if item.data(Qt.DisplayRole) != OTHER_LABEL]
        QgsMapLayerLegendUtils.setLegendNodeOrder(node, keep)
        model.refreshLayerLegend(node)


#: The A3 landscape page (mm) and the boxes of its items: the map on the left, the legend on the right.
PAGE_MM = (420.0, 297.0)
MAP_BOX_MM = (10.0, 22.0, 240.0, 248.0)
LEGEND_BOX_MM = (254.0, 22.0, 156.0, 248.0)
#: Legend columns and label sizes tried in turn until the legend fits its box.
LEGEND_FITS = ((3, 6.0), (2, 6.0), (3, 5.5), (2, 5.5), (3, 5.0), (2, 5.0), (3, 4.5), (4, 4.5), (4, 4.0))


def _legend_fits(layout: Any, legend: Any) -> bool:
    """Lay the page out (a legend takes its size when drawn) and tell whether the legend is inside its box."""
    from qgis.core import QgsLayoutExporter
    from qgis.PyQt.QtCore import QSize

    QgsLayoutExporter(layout).renderPageToImage(0, QSize(), 20.0)
    x, y, width, height = LEGEND_BOX_MM
    box = legend.sceneBoundingRect()
    return box.right() <= x + width and box.bottom() <= y + height


def _fit_legend(layout: Any, legend: Any) -> None:
    """The first of :data:`LEGEND_FITS` whose legend lies inside :data:`LEGEND_BOX_MM` (else the smallest)."""
    from qgis.core import QgsLegendStyle

    for columns, size in LEGEND_FITS:
        legend.setColumnCount(columns)
        legend.setStyleFont(QgsLegendStyle.SymbolLabel, _font(size))
        legend.setSymbolHeight(min(3.0, size / 2))
        legend.setSymbolWidth(min(7.0, size + 0.5))
        legend.adjustBoxSize()
        if _legend_fits(layout, legend):
            return


def _nice_step(length: float) -> float:
    """The 1-2-5 step nearest below ``length`` (a scale bar's segment)."""
    import math

    power = 10 ** math.floor(math.log10(length))
    return max(step * power for step in (1, 2, 5) if step * power <= length)


def add_layout(project: Any, spec: dict[str, Any]) -> None:
    """An A3 landscape print layout in the project's (projected) CRS: map, title, legend, scale bar, arrow, sources."""
    from qgis.core import (
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemPage,
        QgsLayoutItemPicture,
        QgsLayoutItemScaleBar,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsLegendStyle,
        QgsPrintLayout,
        QgsRectangle,
        QgsUnitTypes,
    )

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(spec["layout_name"])
    page = layout.pageCollection().page(0)
    page.setPageSize("A3", QgsLayoutItemPage.Landscape)
    mm = QgsUnitTypes.LayoutMillimeters
    _label(layout, spec["title"], 10, 6, 300, 14, 20, bold=True)
    map_item = QgsLayoutItemMap(layout)
    map_x, map_y, map_w, map_h = MAP_BOX_MM
    map_item.attemptMove(QgsLayoutPoint(map_x, map_y, mm))
    map_size = QgsLayoutSize(map_w, map_h, mm)
    map_item.attemptResize(map_size)
    map_item.setCrs(project.crs())
    extent = QgsRectangle(*spec["pilot_extent"])  # the pilot zone, in the project's CRS
    extent.scale(1.08)
    map_item.setFrameEnabled(True)
    layout.addLayoutItem(map_item)
    map_item.setExtent(extent)
    map_item.attemptResize(map_size)
    map_item.zoomToExtent(extent)
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(spec["legend_title"])
    legend.setLinkedMap(map_item)
    for style in (QgsLegendStyle.Title, QgsLegendStyle.Group, QgsLegendStyle.Subgroup):
        legend.setStyleFont(style, _font(9 if style != QgsLegendStyle.Title else 11, bold=True))
    legend.setSplitLayer(True)
    legend.setWrapString("~")
    _trim_legend(legend)
    legend.attemptMove(QgsLayoutPoint(LEGEND_BOX_MM[0], LEGEND_BOX_MM[1], mm))
    layout.addLayoutItem(legend)
    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(map_item)
    scale_bar.setUnits(QgsUnitTypes.DistanceKilometers)
    scale_bar.setNumberOfSegments(4)
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.setUnitsPerSegment(_nice_step(map_w * map_item.scale() / 1e6 / 12))  # the bar: about a third
    scale_bar.setUnitLabel("km")
    scale_bar.setFont(_font(8))
    scale_bar.attemptMove(QgsLayoutPoint(14, 258, mm))
    layout.addLayoutItem(scale_bar)
    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(NORTH_ARROW_SVG)
    arrow.attemptMove(QgsLayoutPoint(233, 26, mm))
    arrow.attemptResize(QgsLayoutSize(14, 20, mm))
    arrow.setLinkedMap(map_item)
    layout.addLayoutItem(arrow)
    _label(layout, spec["sources"], 10, 273, 400, 22, 6.5)
    _fit_legend(layout, legend)
    project.layoutManager().addLayout(layout)
