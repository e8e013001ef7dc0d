"""The ``python -m geo export`` subcommand (wired in by :mod:`geo.cli`).

Example::

    python -m geo export --layer corridors --layer tourism_routes \\
        --format kml --crs gcj02 --county 綦江区 --output corridors.kml

``--layer all`` exports every layer.  The filters are the viewer's (see
:func:`geo.filters.filter_layers`), so the command line writes exactly what
the viewer's download button would for the same choices.

Beyond files, ``--format qgz --output plan.qgz`` writes a QGIS project and its
GeoPackage (``plan.gpkg``) beside it, and ``--format postgis --dsn
postgresql://user@host:port/db [--db-mode replace|append]`` (or ``--dsn "host=...
port=... dbname=... user=..."``, libpq's form) writes into PostGIS.
A GeoJSON, KML, GPX or CSV file not in WGS84 gets the CRS's code (``_cgcs2000``,
``_gcj02``, ``_cgcs2000_cm108``...) added to its name when ``--output`` does not
already say so (those formats have no CRS every program reads; GeoPackages,
shapefiles, FlatGeobuf and GeoParquet record theirs).  ``--format shp`` writes a
``.zip`` and refuses any other name.  Projected CRSs (metres: ``cgcs2000_cm108``,
``cgcs2000_cm105``, ``cgcs2000_3gk36``, ``cgcs2000_3gk35``, ``utm48n``) are for
measuring; KML and GPX hold longitude/latitude only and refuse them.

The edited state is exported by default: when an edit store exists
(``$YUQIAN_DB``, or ``edits.sqlite`` in ``$YUQIAN_DATA``) its corrections are
folded in with their provenance (:func:`geo.edits.apply_edits`);
``--plan-only`` exports the plan as recorded in ``layers/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geopandas import GeoDataFrame

from geo._errors import ExportError, LayerError
from geo.config import LAYERS
from geo.crs import OUTPUT_CRSES
from geo.export import (
    ALL_FORMATS,
    POSTGIS_FORMAT,
    PROJECT_FORMAT,
    crs_named_path,
    export_layers,
    export_postgis,
    export_project,
)
from geo.filters import Criteria, filter_layers

#: The value of ``--layer`` that selects every layer.
ALL_LAYERS = "all"


def add_export_parser(subparsers: Any) -> None:
    """Add the ``export`` subcommand to ``subparsers`` (from ``add_subparsers``)."""
    parser = subparsers.add_parser(
        "export",
        help="export layers to GeoJSON, GeoPackage, KML, GPX, Shapefile, CSV, FlatGeobuf, GeoParquet, "
             "a QGIS project or PostGIS",
        description="Export the plan's layers (optionally filtered) in a GIS format and CRS.",
    )
    add_selection_arguments(parser, layer_required=True)
    parser.add_argument(
        "--format", dest="fmt", required=True, metavar="FORMAT",
        help=f"format: {' | '.join(ALL_FORMATS)} ({PROJECT_FORMAT}: QGIS project + GeoPackage; "
             f"{POSTGIS_FORMAT}: tables in a database, needs --dsn)",
    )
    parser.add_argument(
        "--crs", default="wgs84", metavar="CRS",
        help=f"coordinate system: {' | '.join(OUTPUT_CRSES)} (default: wgs84; "
             f"{', '.join(code for code, c in OUTPUT_CRSES.items() if c.projected)} are in metres)",
    )
    parser.add_argument("--output", type=Path, default=None, metavar="PATH",
                        help="file to write (not for postgis)")
    parser.add_argument("--dsn", default=None, metavar="DSN",
                        help="postgis: postgresql://user[:password]@host:port/dbname, "
                             "or libpq's \"host=... port=... dbname=... user=...\"")
    # (not --mode: that is the corridor-mode filter, as in the viewer)
    parser.add_argument("--db-mode", dest="db_mode", default="replace", metavar="MODE",
                        help="postgis: replace (drop and recreate the tables, default) | append")
    parser.add_argument("--schema", default="public", metavar="NAME", help="postgis: schema (default public)")


def add_selection_arguments(parser: argparse.ArgumentParser, *, layer_required: bool) -> None:
    """Add the selection options shared by ``export``, ``print`` and ``publish``.

    ``--layer``, ``--layers-dir`` and the viewer's filters (``--county``,
    ``--route``...); :func:`load_selection` turns the parsed values into layers.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The subcommand's parser.
    layer_required : bool
        Whether ``--layer`` must be given; when not, it defaults to ``all``.
    """
    parser.add_argument(
        "--layer", dest="layers", action="extend", nargs="+", required=layer_required,
        default=None, metavar="NAME",
        help=f"layer(s), or {ALL_LAYERS!r}; one of: {', '.join(LAYERS)}"
             + ("" if layer_required else f" (default: {ALL_LAYERS})"),
    )
    parser.add_argument(
        "--layers-dir", type=Path, default=None, metavar="FOLDER",
        help="folder of the built layers (default: layers/)",
    )
    parser.add_argument(
        "--plan-only", action="store_true",
        help="ignore the edit store: use the plan as recorded (default: the edited state, when a store exists)",
    )
    filters = parser.add_argument_group("filters (as in the viewer)")
    for flag, dest, what in (
        ("--province", "provinces", "province, e.g. 重庆市"),
        ("--county", "counties", "county, e.g. 綦江区"),
        ("--mode", "modes", "corridor mode, e.g. expressway"),
        ("--status", "statuses", "status, e.g. under_construction"),
        ("--route", "routes", "tourism route id"),
        ("--kind", "logistics_kinds", "logistics kind, e.g. dry_port"),
    ):
        filters.add_argument(flag, dest=dest, action="extend", nargs="+", default=None, metavar="VALUE",
                             help=f"keep only this {what} (repeatable)")
    filters.add_argument("--cross-border", dest="cross_border_only", action="store_true",
                         help="keep only cross-border features")
    filters.add_argument("--search", dest="text", default=None, metavar="TEXT",
                         help="keep features whose name (Chinese, pinyin or English) contains TEXT")


def load_selection(args: argparse.Namespace) -> dict[str, GeoDataFrame]:
    """The layers chosen by :func:`add_selection_arguments`' options, loaded and filtered.

    Raises
    ------
    ExportError
        For an unknown layer name.
    LayerError
        When the layers cannot be read.
    """
    loaded = load_named(args, selected_layer_names(args.layers or [ALL_LAYERS]))
    return filter_layers(loaded, criteria_from_args(args, list(loaded)))


def load_named(args: argparse.Namespace, names: list[str] | None = None) -> dict[str, GeoDataFrame]:
    """Layers ``names`` (default: all) of ``--layers-dir``, unfiltered, with the edits unless ``--plan-only``."""
    return _load(args.layers_dir, names if names is not None else list(LAYERS),
                 with_edits=not getattr(args, "plan_only", False))


def selected_layer_names(requested: list[str]) -> list[str]:
    """Resolve ``--layer`` values (``all`` or names) to layer names in drawing order."""
    if ALL_LAYERS in requested:
        return list(LAYERS)
    unknown = [name for name in requested if name not in LAYERS]
    if unknown:
        raise ExportError(
            "unknown layer name(s) given to --layer",
            [f"{name!r}: use {ALL_LAYERS!r} or one of {', '.join(LAYERS)}" for name in unknown],
        )
    return [name for name in LAYERS if name in requested]


def _load(folder: Path | None, names: list[str], *, with_edits: bool = False) -> dict[str, GeoDataFrame]:
    from geo.store import load_layers

    layers = load_layers(folder, names=names)
    if with_edits:
        from geo.edits import apply_edits, open_store, store_configured

        if store_configured():
            with open_store() as store:
                states = store.current()
            if states:
                layers = apply_edits(layers, states)
    return layers


def criteria_from_args(args: argparse.Namespace, layer_names: list[str]) -> Criteria:
    """The viewer's :class:`~geo.filters.Criteria` from the command line's filter options."""
    return Criteria(
        layers_on=tuple(layer_names),
        provinces=tuple(args.provinces or ()),
        counties=tuple(args.counties or ()),
        modes=tuple(args.modes or ()),
        statuses=tuple(args.statuses or ()),
        routes=tuple(args.routes or ()),
        logistics_kinds=tuple(args.logistics_kinds or ()),
        cross_border_only=args.cross_border_only,
        text=args.text,
    )


def run_export(args: argparse.Namespace) -> int:
    """Run ``export``: load, filter, write; return the exit code (0, or 2 on error).

    Errors (unknown layer, format or CRS, empty selection, unwritable output,
    missing layers) are printed to stderr as one clear message; no file is
    left behind.
    """
    try:
        _check_arguments(args)
        layers = load_selection(args)
        if args.fmt == POSTGIS_FORMAT:
            rows = export_postgis(layers, args.crs, args.dsn, mode=args.db_mode, schema=args.schema)
            where = f"tables in {args.schema} ({args.db_mode})"
            written = []
        elif args.fmt == PROJECT_FORMAT:
            written = export_project(layers, args.crs, args.output)
        else:
            written = [export_layers(layers, args.fmt, args.crs, crs_named_path(args.output, args.crs, args.fmt))]
    except (ExportError, LayerError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.fmt == POSTGIS_FORMAT:
        counts = ", ".join(f"{name} {count}" for name, count in rows.items())
        print(f"wrote {where} (postgis, {OUTPUT_CRSES[args.crs].authority_label}): {counts}")
        return 0
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in layers.items() if len(frame))
    files = " and ".join(str(path) for path in written)
    print(f"wrote {files} ({args.fmt}, {OUTPUT_CRSES[args.crs].authority_label}): {counts}")
    return 0


def _check_arguments(args: argparse.Namespace) -> None:
    """Format, CRS and the target (``--output`` for files, ``--dsn`` for PostGIS) make sense together."""
    if args.fmt not in ALL_FORMATS:
        raise ExportError(f"unknown --format {args.fmt!r}: choose one of {', '.join(ALL_FORMATS)}")
    if args.crs not in OUTPUT_CRSES:
        raise ExportError(f"unknown --crs {args.crs!r}: choose one of {', '.join(OUTPUT_CRSES)}")
    if args.fmt == POSTGIS_FORMAT and not args.dsn:
        raise ExportError("--format postgis needs --dsn postgresql://user@host:port/dbname "
                          "(or --dsn \"host=... dbname=... user=...\")")
    if args.fmt != POSTGIS_FORMAT and args.output is None:
        raise ExportError(f"--format {args.fmt} needs --output PATH")
