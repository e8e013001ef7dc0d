"""Export the plan's layers to GIS formats in WGS84, CGCS2000, GCJ-02 or a projected CRS.

One entry point for the command line (``python -m geo export``) and the viewer's
download button, so both write the very same files:

* :func:`export_layers` writes a file atomically and returns its path;
* :func:`export_bytes` returns the bytes, a file name and a MIME type.

Formats (several layers go into one file, or one zip for shapefiles):

``geojson``  one FeatureCollection; with several layers each feature gets a
             ``layer`` property.  In degrees RFC 7946: CGCS2000/GCJ-02
             coordinates are written "by prior arrangement" (RFC 7946 section
             4) and named in a foreign member ``metadata``; in a projected CRS
             (metres) a 2008-style ``crs`` member names its EPSG code.
``gpkg``     one table per layer, CRS recorded (EPSG code, or a named custom
             CRS for GCJ-02, whose tables end in ``_gcj02``), a QGIS
             ``layer_styles`` table (the web map's symbology), the data
             dictionary (``gpkg_data_columns``), sources and licences (:mod:`._gpkg`).
``kml``      one Folder per layer, styles from the vocabularies' colours (lon/lat only).
``gpx``      tourism routes as ``rte`` with their stops in order, other lines
             and boundary rings as ``trk``, other points as ``wpt`` (lon/lat only).
``shp``      a ``.zip`` of one shapefile per layer with ``.prj``, ``.cpg``
             (UTF-8), ``.qml`` (QGIS style and field aliases), ``field_names.csv``
             mapping every field to its DBF name and ``data_dictionary.csv``.
``csv``      one row per feature: attributes, ``lon``/``lat`` (``x``/``y``) for
             points and ``WKT`` geometry for all; a ``.csvt`` of column types beside it.
``fgb``      FlatGeobuf: one layer, CRS in the header, spatial index.
``parquet``  GeoParquet 1.0 with its ``geo`` metadata (geopandas + pyarrow).

Single-table files (GeoJSON, CSV, FlatGeobuf, GeoParquet) keep each field's type
across layers (:mod:`._tables`).

Beyond these files (:data:`FORMATS`, which the viewer offers for download):

``qgz``      :func:`export_project`: a QGIS project and its styled GeoPackage
             beside it (built by real QGIS, Debian ``python3-qgis``);
``postgis``  :func:`export_postgis`: one table per layer in a PostgreSQL +
             PostGIS database, with QGIS's ``layer_styles``, in one transaction.

Files in CGCS2000 or GCJ-02 say so in their metadata and, from the command
line, in their name (:func:`crs_named_path`, e.g. ``plan_gcj02.geojson``):
RFC 7946 removed GeoJSON's ``crs`` member, so a name and a ``metadata``
member are all a GeoJSON file can carry.

Layers with no feature (e.g. after filtering) are left out; if nothing is
left, :class:`~geo._errors.ExportError` says so.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from geopandas import GeoDataFrame

from geo._errors import ExportError
from geo._geojson import geometry_to_dict
from geo._names import is_upload_layer_name, safe_filename
from geo.config import LAYERS
from geo.credits import dataset_metadata
from geo.crs import OutputCrs, output_crs, to_output_crs
from geo.export import _gpkg, _gpx, _kml, _shapefile, _tables
from geo.export._gpkg import gpkg_table_name as gpkg_table_name  # (public: table names of a GeoPackage)
from geo.export._tables import LAYER_FIELD as LAYER_FIELD  # (public: the layer column of a combined file)
from geo.export._tables import with_cross_border
from geo.export._values import iter_features


@dataclass(frozen=True)
class ExportFormat:
    """A file format: its code, file extension and MIME type."""

    code: str
    extension: str
    mime: str
    description: str


#: The formats offered, by command-line code.
FORMATS: Final[dict[str, ExportFormat]] = {
    "geojson": ExportFormat("geojson", "geojson", "application/geo+json", "GeoJSON (RFC 7946)"),
    "gpkg": ExportFormat("gpkg", "gpkg", "application/geopackage+sqlite3", "GeoPackage"),
    "kml": ExportFormat("kml", "kml", "application/vnd.google-earth.kml+xml", "KML (Google Earth)"),
    "gpx": ExportFormat("gpx", "gpx", "application/gpx+xml", "GPX (GPS devices)"),
    "shp": ExportFormat("shp", "zip", "application/zip", "Shapefile (zip)"),
    "csv": ExportFormat("csv", "csv", "text/csv", "CSV (lon/lat and WKT)"),
    "fgb": ExportFormat("fgb", "fgb", "application/vnd.flatgeobuf", "FlatGeobuf"),
    "parquet": ExportFormat("parquet", "parquet", "application/vnd.apache.parquet", "GeoParquet"),
}

#: The QGIS project format (a ``.qgz`` and its ``.gpkg``) and the database target.
PROJECT_FORMAT: Final[str] = "qgz"
POSTGIS_FORMAT: Final[str] = "postgis"
#: Every ``--format`` of the command line.
ALL_FORMATS: Final[tuple[str, ...]] = (*FORMATS, PROJECT_FORMAT, POSTGIS_FORMAT)

Writer = Callable[[dict[str, GeoDataFrame], OutputCrs, Path], None]


#: Formats that hold lon/lat only (KML and GPX mean WGS 84 by definition): no projected CRS.
LONLAT_ONLY_FORMATS: Final[frozenset[str]] = frozenset({"kml", "gpx"})


def _format(code: str) -> ExportFormat:
    try:
        return FORMATS[code]
    except KeyError:
        raise ExportError(
            f"unknown format {code!r}: choose one of {', '.join(FORMATS)}"
        ) from None


def check_format_crs(fmt: str, crs: OutputCrs) -> None:
    """Refuse a projected CRS for a format that holds lon/lat only (KML, GPX), naming what works."""
    if crs.projected and fmt in LONLAT_ONLY_FORMATS:
        raise ExportError(
            f"{fmt.upper()} holds longitude/latitude only, not {crs.authority_label} metres: "
            "use --crs wgs84, cgcs2000 or gcj02, or a format that records a projected CRS "
            "(gpkg, shp, fgb, parquet, geojson, csv)"
        )


def check_output_name(output: Path, fmt: str) -> None:
    """Refuse a name that would lie about the file: a zip of shapefiles is not a ``.shp``."""
    if fmt == "shp" and output.suffix.lower() != ".zip":
        raise ExportError(
            f"--format shp writes a zip of shapefiles (with their .qml styles and data dictionary), "
            f"not a single {output.suffix or 'extensionless'} file: name it {output.stem}.zip"
        )


def _prepare(layers: Mapping[str, GeoDataFrame], crs: OutputCrs) -> dict[str, GeoDataFrame]:
    """Check the layer names, drop empty layers, convert to the output CRS."""
    unknown = [name for name in layers if name not in LAYERS and not is_upload_layer_name(name)]
    if unknown:
        raise ExportError(
            "unknown layer name(s)",
            [f"{name!r} is not a layer: use one of {', '.join(LAYERS)} (or upload_<name> for an upload)"
             for name in unknown],
        )
    non_empty = {name: frame for name, frame in layers.items() if len(frame) > 0}
    if not non_empty:
        asked = ", ".join(repr(name) for name in layers) or "none"
        raise ExportError(
            f"nothing to export: the selection has no feature (layers asked: {asked}); "
            "loosen the filters or choose other layers"
        )
    ordered = [name for name in LAYERS if name in non_empty] + [n for n in non_empty if n not in LAYERS]
    return {name: to_output_crs(non_empty[name], crs.code) for name in ordered}


def default_filename(layer_names: list[str], fmt: str, crs: str) -> str:
    """A file name saying what is inside, e.g. ``yuqian_corridors_gcj02.kml``."""
    what = layer_names[0] if len(layer_names) == 1 else "layers"
    return safe_filename(f"yuqian_{what}_{crs}.{_format(fmt).extension}")


#: Formats that cannot record a CRS a program reads (RFC 7946 GeoJSON, KML and GPX
#: mean WGS 84 by definition; CSV has no place for it): their names must say it.
CRS_IN_NAME_FORMATS: Final[frozenset[str]] = frozenset({"geojson", "kml", "gpx", "csv"})


def crs_named_path(output: Path, crs: str, fmt: str) -> Path:
    """``output`` with ``_<crs>`` added to its stem when its format cannot record a non-WGS84 CRS.

    For example ``plan.geojson`` in GCJ-02 becomes ``plan_gcj02.geojson``, so
    that people and programs can tell from the name alone (GeoJSON has no
    ``crs`` member since RFC 7946, and KML/GPX always mean WGS84).  Names that
    already say it, and GeoPackages, shapefiles (``.prj``), projects and
    databases, which record their CRS, are kept.
    """
    output = Path(output)
    code = output_crs(crs).code
    if code == "wgs84" or fmt not in CRS_IN_NAME_FORMATS or code in output.stem.casefold():
        return output
    return output.with_name(f"{output.stem}_{code}{output.suffix}")


def _check_writable(output: Path) -> None:
    parent = output.parent
    if output.is_dir():
        raise ExportError(f"output {str(output)!r} is a folder: give a file name inside it")
    if not parent.is_dir():
        raise ExportError(
            f"cannot write {str(output)!r}: folder {str(parent)!r} does not exist; create it first"
        )
    if not os.access(parent, os.W_OK):
        raise ExportError(
            f"cannot write {str(output)!r}: folder {str(parent)!r} is not writable; "
            "choose another --output"
        )


def export_layers(layers: Mapping[str, GeoDataFrame], fmt: str, crs: str, output: Path) -> Path:
    """Write ``layers`` to ``output`` in format ``fmt`` and coordinate system ``crs``.

    The file is first written in a private temporary folder next to
    ``output`` and then renamed over it, so a failure never leaves a partial
    file and readers never see one half written.

    Parameters
    ----------
    layers : mapping of str to GeoDataFrame
        Layers by name (keys of :data:`geo.config.LAYERS`, or ``upload_<stem>`` from
        :func:`geo._names.upload_layer_name` for a user's upload), in WGS84.
    fmt : str
        One of :data:`FORMATS` (``geojson``, ``gpkg``, ``kml``, ``gpx``, ``shp``, ``csv``, ``fgb``,
        ``parquet``).
    crs : str
        One of :data:`geo.crs.OUTPUT_CRSES` (``wgs84``, ``cgcs2000``, ``gcj02``, or a projected
        system such as ``cgcs2000_cm108``; not for KML/GPX).
    output : Path
        The file to write (replaced if it exists); a ``.zip`` for ``shp``.  A CSV gets its
        ``.csvt`` (column types) beside it.

    Returns
    -------
    Path
        ``output``.

    Raises
    ------
    ExportError
        Unknown layer, format or CRS; empty selection; unwritable output.
    """
    export_format = _format(fmt)
    target_crs = output_crs(crs)
    check_format_crs(fmt, target_crs)
    output = Path(output)
    check_output_name(output, fmt)
    _check_writable(output)
    prepared = _prepare(layers, target_crs)
    writer = _WRITERS[export_format.code]
    try:
        with tempfile.TemporaryDirectory(prefix=".export-", dir=output.parent) as work_dir:
            partial = Path(work_dir) / f"partial.{export_format.extension}"
            writer(prepared, target_crs, partial)
            for sidecar in sorted(Path(work_dir).glob("partial.*")):  # e.g. the CSV's .csvt
                if sidecar != partial:
                    os.replace(sidecar, output.with_suffix(sidecar.suffix))
            os.replace(partial, output)
    except OSError as error:
        raise ExportError(f"cannot write {str(output)!r}: {error}; choose another --output") from error
    return output


def export_project(layers: Mapping[str, GeoDataFrame], crs: str, output: Path) -> list[Path]:
    """Write a QGIS project ``output`` (``.qgz``) and its GeoPackage beside it.

    Both files are made in a private temporary folder next to ``output`` and
    renamed into place only when QGIS has written a project whose every layer
    is valid.

    Returns
    -------
    list of Path
        The GeoPackage and the project.

    Raises
    ------
    ExportError
        As :func:`export_layers`; also when QGIS (Debian ``python3-qgis``) is missing or fails.
    """
    from geo.export.qgis import write_project

    target_crs = output_crs(crs)
    output = Path(output)
    if output.suffix.lower() != ".qgz":
        raise ExportError(f"a QGIS project is a .qgz file: {str(output)!r} -> use {output.stem}.qgz")
    _check_writable(output)
    prepared = _prepare(layers, target_crs)
    try:
        with tempfile.TemporaryDirectory(prefix=".export-", dir=output.parent) as work_dir:
            partial = Path(work_dir) / output.name
            write_project(prepared, target_crs, partial)
            written = [output.with_suffix(".gpkg"), output]
            for final in written:
                os.replace(partial.with_name(final.name), final)
    except OSError as error:
        raise ExportError(f"cannot write {str(output)!r}: {error}; choose another --output") from error
    return written


def export_postgis(layers: Mapping[str, GeoDataFrame], crs: str, dsn: str, mode: str = "replace",
                   schema: str = "public") -> dict[str, int]:
    """Write one table per layer into PostGIS, with QGIS's ``layer_styles``, in one transaction.

    See :func:`geo.export._postgis.write_postgis`; returns the rows written per table.
    """
    from geo.export._postgis import write_postgis

    target_crs = output_crs(crs)
    return write_postgis(_prepare(layers, target_crs), target_crs, dsn, mode=mode, schema=schema)


def export_bytes(
    layers: Mapping[str, GeoDataFrame], fmt: str, crs: str
) -> tuple[bytes, str, str]:
    """The export as bytes, for a download button.

    Returns
    -------
    tuple of (bytes, str, str)
        The file's content, a descriptive file name and its MIME type.
    """
    filename, mime = export_name(layers, fmt, crs)
    with tempfile.TemporaryDirectory(prefix="yuqian-export-") as work_dir:
        path = export_layers(layers, fmt, crs, Path(work_dir) / filename)
        return path.read_bytes(), filename, mime  # (one file: a CSV's .csvt stays behind)


def export_name(layers: Mapping[str, GeoDataFrame], fmt: str, crs: str) -> tuple[str, str]:
    """File name and MIME type of :func:`export_bytes`, known without making the file.

    Returns
    -------
    tuple of (str, str)
        The descriptive file name and the MIME type.
    """
    export_format = _format(fmt)
    check_format_crs(fmt, output_crs(crs))
    names = [name for name in layers if (name in LAYERS or is_upload_layer_name(name)) and len(layers[name]) > 0]
    return default_filename(names or list(layers), fmt, crs), export_format.mime


# --------------------------------------------------------------------------- writers


def _write_geojson(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """One FeatureCollection; a ``layer`` property when several layers.

    In degrees it is RFC 7946 (the CRS named in a foreign ``metadata`` member);
    in a projected CRS it is the 2008 GeoJSON GDAL and QGIS still read: a
    ``crs`` member names the EPSG code, as GDAL itself writes it.
    """
    combined = len(layers) > 1
    features = []
    for layer_name, frame in layers.items():
        for properties, geometry in iter_features(with_cross_border(frame) if combined else frame):
            if combined:
                properties = {LAYER_FIELD: layer_name, **properties}
            features.append({"type": "Feature", "properties": properties,
                             "geometry": geometry_to_dict(geometry, crs.decimals)})
    credits = dataset_metadata(layers, crs.label)
    collection: dict[str, object] = {
        "type": "FeatureCollection",
        "name": next(iter(layers)) if not combined else "yuqian_layers",
    }
    if crs.projected:
        collection["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{crs.epsg}"}}
    collection["metadata"] = {
        "crs": crs.code,
        "crs_label": crs.label,
        "crs_authority": crs.authority_label,
        "layers": list(layers),
        "note": (f"coordinates are easting/northing in metres in {crs.authority_label} (2008 GeoJSON crs member; "
                 "not RFC 7946, which allows lon/lat only)" if crs.projected else
                 "RFC 7946 GeoJSON; coordinates are lon/lat in the CRS named here "
                 "(RFC 7946 has no crs member: WGS 84 unless agreed otherwise, as here)"),
        "sources": credits["SOURCES"],
        "licenses": credits["LICENSES"],
        "attribution": credits["ATTRIBUTION"],
    }
    collection["features"] = features
    path.write_text(json.dumps(collection, ensure_ascii=False, indent=None) + "\n", encoding="utf-8")


_WRITERS: Final[dict[str, Writer]] = {
    "geojson": _write_geojson,
    "gpkg": _gpkg.write_gpkg,
    "kml": _kml.write_kml,
    "gpx": _gpx.write_gpx,
    "shp": _shapefile.write_shapefile_zip,
    "csv": _tables.write_csv,
    "fgb": _tables.write_flatgeobuf,
    "parquet": _tables.write_geoparquet,
}
