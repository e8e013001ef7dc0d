"""The QGIS project export: a ``.qgz`` built by real QGIS, beside its GeoPackage.

The public face of the QGIS side of the exports (``python -m geo export --format qgz``):

* :func:`write_project` writes ``<stem>.gpkg`` and ``<stem>.qgz`` (private ``_project``);
* :func:`run_driver` runs a command of the PyQGIS driver (``_driver``, with the print
  layout's ``_layout`` beside it) under Debian's ``/usr/bin/python3``, the one Python
  that has PyQGIS, and :func:`qgis_available` says whether that Python is there;
* :data:`LAYER_GROUPS` are the project's layer groups.

The style documents the project's GeoPackage carries (QML, SLD) are not made
here: :mod:`geo.export._styles`, ``_qml`` and ``_sld`` write them for the GeoPackage,
the shapefile zip and PostGIS alike.
"""

from __future__ import annotations

from geo.export.qgis._project import LAYER_GROUPS, qgis_available, run_driver, write_project

__all__ = ["LAYER_GROUPS", "qgis_available", "run_driver", "write_project"]
