"""Private GeoPackage writer: one table per layer, styled for QGIS, described for everyone.

Besides the feature tables (written by GDAL through pyogrio) the file holds:

* ``layer_styles`` -- the table QGIS reads when it opens a layer of a
  GeoPackage (same columns as QGIS's own "Save style to database"): one
  default style per table, as QML (:mod:`geo.export._qml`) and SLD
  (:mod:`geo.export._sld`), generated from the web map's symbology;
* ``gpkg_data_columns`` / ``gpkg_data_column_constraints`` (the GeoPackage
  schema extension): every field's Chinese and English label, its data
  dictionary entry as description (definition, type, unit, allowed values,
  source: :mod:`geo.export._dictionary`) and, for coded fields (mode, status,
  theme, kind, precision, level), the list of codes with their labels, which
  GDAL reads as field aliases, comments and coded-value domains;
* a description of the CRS in ``gpkg_spatial_ref_sys`` where GDAL leaves none
  (GCJ-02's custom CRS);
* metadata in ``gpkg_metadata`` (the GeoPackage metadata extension): GDAL's
  for the file and each table (title, CRS, sources, licences and the
  attributions they require: GeoNames CC BY 4.0, "© OpenStreetMap
  contributors" for ODbL data...), and a QGIS metadata document (QMD) per
  table, which QGIS shows in the layer's metadata (title, abstract, rights,
  licences); the attribution is also in each ``gpkg_contents.description``.
"""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pandas as pd
import pyogrio
from geopandas import GeoDataFrame

from geo.config import LAYERS
from geo.credits import attribution_text, dataset_metadata, layer_credits, layer_metadata
from geo.crs import OutputCrs
from geo.export._dictionary import description
from geo.export._qml import QGIS_VERSION, qml_document
from geo.export._sld import sld_document
from geo.export._styles import LayerStyle, layer_style
from geo.export._values import property_columns

#: Name of the style table QGIS looks for.
STYLES_TABLE: Final[str] = "layer_styles"
#: Name given to the generated styles.
STYLE_NAME: Final[str] = "yuqian (web map symbology)"
_SCHEMA_EXTENSION: Final[str] = "http://www.geopackage.org/spec121/#extension_schema"
#: ``md_standard_uri`` of QGIS's own metadata documents.
QMD_STANDARD: Final[str] = "http://mrcc.com/qgis.dtd"


@dataclass(frozen=True)
class StyledTable:
    """A table to style: its name, geometry column, style and attribute fields."""

    table: str
    geometry_column: str
    style: LayerStyle
    columns: list[str]

    def qml(self) -> str:
        """The table's QML."""
        return qml_document(self.style, self.columns)

    def sld(self) -> str:
        """The table's SLD."""
        return sld_document(self.style, self.table)


def gpkg_table_name(layer_name: str, crs: OutputCrs) -> str:
    """Table name in a GeoPackage: the layer name, plus ``_gcj02`` for GCJ-02."""
    return f"{layer_name}_gcj02" if crs.epsg is None else layer_name


def styled_tables(layers: dict[str, GeoDataFrame], crs: OutputCrs, geometry_column: str = "geom"
                  ) -> Iterator[StyledTable]:
    """The style of every layer, under its table name."""
    for layer_name, frame in layers.items():
        yield StyledTable(gpkg_table_name(layer_name, crs), geometry_column, layer_style(layer_name, frame),
                          property_columns(frame))


def styles_frame(tables: list[StyledTable], description: str) -> pd.DataFrame:
    """The rows of a QGIS ``layer_styles`` table: one default style per table."""
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    return pd.DataFrame({
        "f_table_catalog": [""] * len(tables),
        "f_table_schema": [""] * len(tables),
        "f_table_name": [t.table for t in tables],
        "f_geometry_column": [t.geometry_column for t in tables],
        "styleName": [STYLE_NAME] * len(tables),
        "styleQML": [t.qml() for t in tables],
        "styleSLD": [t.sld() for t in tables],
        "useAsDefault": [True] * len(tables),
        "description": [f"{t.style.title}: {description}" for t in tables],
        "owner": ["yuqian-geo"] * len(tables),
        "ui": [None] * len(tables),
        "update_time": [pd.Timestamp(now)] * len(tables),
    })


def _add_schema_extension(path: Path, tables: list[StyledTable]) -> None:
    """Write field labels and coded values into the GeoPackage schema extension tables."""
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("""CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT,
            extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL,
            CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))""")
        db.execute("""CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL,
            column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT, mime_type TEXT,
            constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
            CONSTRAINT gdc_tn UNIQUE (table_name, name))""")
        db.execute("""CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (constraint_name TEXT NOT NULL,
            constraint_type TEXT NOT NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC,
            max_is_inclusive BOOLEAN, description TEXT,
            CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))""")
        for table in ("gpkg_data_columns", "gpkg_data_column_constraints"):
            db.execute("INSERT OR IGNORE INTO gpkg_extensions VALUES (?, NULL, 'gpkg_schema', ?, 'read-write')",
                       (table, _SCHEMA_EXTENSION))
        for styled in tables:
            maps = styled.style.value_maps
            for column in styled.columns:
                alias = styled.style.aliases.get(column)
                constraint = f"{styled.table}_{column}_codes" if column in maps else None
                about = description(styled.style.layer, column) or alias
                if alias is None and constraint is None and not about:
                    continue
                db.execute("INSERT OR REPLACE INTO gpkg_data_columns VALUES (?, ?, ?, ?, ?, NULL, ?)",
                           (styled.table, column, alias, alias, about, constraint))
                for code, label in maps.get(column, {}).items():
                    db.execute("INSERT OR IGNORE INTO gpkg_data_column_constraints "
                               "VALUES (?, 'enum', ?, NULL, NULL, NULL, NULL, ?)", (constraint, code, label))


def _describe_crs(path: Path, crs: OutputCrs) -> None:
    """Give the file's CRS a description where GDAL left none (GCJ-02's custom CRS had an empty one)."""
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE gpkg_spatial_ref_sys SET description = ? WHERE srs_id IN "
                   "(SELECT srs_id FROM gpkg_geometry_columns) AND (description IS NULL OR description IN "
                   "('', 'undefined'))", (crs.bilingual_label,))


def qmd_document(metadata: dict[str, Any], identifier: str) -> str:
    """A QGIS layer metadata document (QMD) from :func:`geo.credits.layer_metadata`."""
    root = ET.Element("qgis", version=QGIS_VERSION)
    ET.SubElement(root, "identifier").text = identifier
    ET.SubElement(root, "parentidentifier").text = "yuqian-geo"
    ET.SubElement(root, "language").text = "zho"
    ET.SubElement(root, "type").text = "dataset"
    ET.SubElement(root, "title").text = metadata["title"]
    ET.SubElement(root, "abstract").text = metadata["abstract"]
    for right in metadata["rights"]:
        ET.SubElement(root, "rights").text = right
    for licence in metadata["licences"]:
        ET.SubElement(root, "license").text = licence
    ET.SubElement(root, "encoding").text = "UTF-8"
    ET.indent(root)
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(root, encoding="unicode")


def _add_qgis_metadata(path: Path, documents: dict[str, str]) -> None:
    """One QMD per table in ``gpkg_metadata``, referenced from the table (as QGIS's "Save metadata" does)."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    with closing(sqlite3.connect(path)) as db, db:
        for table, document in documents.items():
            cursor = db.execute("INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
                                "VALUES ('dataset', ?, 'text/xml', ?)", (QMD_STANDARD, document))
            db.execute("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, column_name, "
                       "row_id_value, timestamp, md_file_id, md_parent_id) VALUES ('table', ?, NULL, NULL, ?, ?, NULL)",
                       (table, now, cursor.lastrowid))


def write_gpkg(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """One table per layer, CRS recorded, plus styles, field labels and metadata (see the module notes)."""
    metadata = dataset_metadata(layers, crs.label)
    path.unlink(missing_ok=True)  # GDAL would add the tables to an existing file
    for index, (layer_name, frame) in enumerate(layers.items()):
        zh_label, en_label = LAYERS.get(layer_name, (layer_name, layer_name))
        attribution = attribution_text(layer_credits(frame))
        pyogrio.write_dataframe(
            frame,
            path,
            layer=gpkg_table_name(layer_name, crs),
            driver="GPKG",
            append=index > 0,
            promote_to_multi=False,
            dataset_metadata=metadata if index == 0 else None,
            # GeoPackage 1.2: the version every GIS of the last years opens
            # (GDAL before 3.7, e.g. Debian's ogrinfo, warns on 1.4).
            dataset_options={"VERSION": "1.2"},
            layer_options={
                "IDENTIFIER": f"{zh_label} {en_label} ({crs.authority_label})",
                "DESCRIPTION": f"{en_label}; coordinates in {crs.label}. Attribution: {attribution or 'none'}",
            },
            layer_metadata={"ATTRIBUTION": attribution, "CRS": crs.label},
        )
    tables = list(styled_tables(layers, crs, pyogrio.read_info(path, layer=0)["geometry_name"] or "geom"))
    pyogrio.write_dataframe(styles_frame(tables, metadata["ATTRIBUTION"]), path, layer=STYLES_TABLE,
                            driver="GPKG", append=True)
    _add_schema_extension(path, tables)
    _describe_crs(path, crs)
    _add_qgis_metadata(path, {
        gpkg_table_name(name, crs): qmd_document(layer_metadata(name, frame, crs.label), f"yuqian:{name}")
        for name, frame in layers.items()})
