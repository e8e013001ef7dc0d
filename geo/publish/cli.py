"""The ``print`` and ``publish`` subcommands (wired in by :mod:`geo.cli`).

They take the selection options of ``export`` (:func:`geo.export.cli.add_selection_arguments`)
and hand the filtered layers to :func:`geo.publish._printmap.print_map` and
:func:`geo.publish._site.publish_site`.  Those modules (matplotlib, folium) are imported
only when their command runs, so that every other command starts quickly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geo._errors import ExportError, LayerError
from geo.config import PAPER_SIZES
from geo.view.i18n import Language, text


def _map_command(subparsers: Any, name: str, *, summary: str, description: str, output: tuple[str, str],
                 lang_help: str) -> argparse.ArgumentParser:
    """A subcommand drawing the selection, with the options ``print`` and ``publish`` share.

    ``--output`` (``output`` is its metavar and help), the selection options of
    ``export``, ``--title`` and ``--lang``, in that order; the caller adds its own after these.
    """
    from geo.export.cli import add_selection_arguments

    parser = subparsers.add_parser(name, help=summary, description=description)
    metavar, output_help = output
    parser.add_argument("--output", type=Path, required=True, metavar=metavar, help=output_help)
    add_selection_arguments(parser, layer_required=False)
    parser.add_argument("--title", default=None, help="title (default: the plan map's)")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help=lang_help)
    return parser


def add_print_parser(subparsers: Any) -> None:
    """Add the ``print`` subcommand (same selection options as ``export``) to ``subparsers``."""
    parser = _map_command(
        subparsers, "print",
        summary="print the map of the selection to a PNG or PDF (title, legend, scale bar, sources)",
        description="Draw the plan's map (optionally filtered) as a PNG or PDF for a report or a slide.",
        output=("PATH", "file to write: .png or .pdf"), lang_help="language of the labels (default: zh)",
    )
    parser.add_argument("--paper", choices=list(PAPER_SIZES), default="a4", help="paper size, landscape")
    parser.add_argument("--extent", type=float, nargs=4, default=None,
                        metavar=("MINLON", "MINLAT", "MAXLON", "MAXLAT"),
                        help="area to show in WGS84 degrees (default: the selected features)")
    parser.set_defaults(func=run_print)


def selection_text(args: argparse.Namespace, lang: Language) -> str:
    """The filters of a command line in words, for the subtitle (empty when nothing is filtered)."""
    parts = []
    for dest, key in (("provinces", "provinces"), ("counties", "counties"), ("modes", "modes"),
                      ("statuses", "statuses"), ("routes", "routes"), ("logistics_kinds", "logistics_kinds")):
        values = getattr(args, dest, None)
        if values:
            parts.append(f"{text(key, lang)}: {'、'.join(values)}")
    if getattr(args, "cross_border_only", False):
        parts.append(text("cross_border", lang))
    if getattr(args, "text", None):
        parts.append(f"{text('search', lang)}: {args.text}")
    return ("筛选 Filters — " if lang == "zh" else "Filters — ") + "; ".join(parts) if parts else ""


def run_print(args: argparse.Namespace) -> int:
    """Run ``print``: load and filter as ``export`` does, draw, write; return the exit code."""
    from geo.export.cli import load_named, load_selection
    from geo.publish._printmap import print_map, route_themes_of

    try:
        layers = load_selection(args)
        routes = layers.get("tourism_routes")
        if routes is None:
            routes = load_named(args, ["tourism_routes"]).get("tourism_routes")
        written = print_map(layers, args.output, title=args.title, subtitle=selection_text(args, args.lang),
                            extent=args.extent, lang=args.lang, paper=args.paper,
                            route_themes=route_themes_of(routes))
    except (ExportError, LayerError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in layers.items() if len(frame))
    print(f"wrote {written}: {counts}")
    return 0


def add_publish_parser(subparsers: Any) -> None:
    """Add the ``publish`` subcommand (same selection options as ``export``) to ``subparsers``."""
    parser = _map_command(
        subparsers, "publish",
        summary="write the map as a static site folder (index.html, data, Leaflet), offline",
        description="Write a self-contained folder that shows the plan's map from file:// or any web server.",
        output=("FOLDER", "site folder to write"), lang_help="language (default: zh)",
    )
    parser.add_argument("--basemap", default="none",
                        help="none (default: no tiles, fully offline) or a viewer basemap such as osm (needs network)")
    parser.set_defaults(func=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    """Run ``publish``: load and filter as ``export`` does, write the site; return the exit code."""
    from geo.export.cli import load_named, load_selection
    from geo.publish._site import publish_site

    try:
        layers = load_selection(args)
        everything = load_named(args)
        report = publish_site(layers, args.output, everything=everything, lang=args.lang, title=args.title,
                              basemap=args.basemap)
    except (ExportError, LayerError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{name} {n}" for name, n in report.counts.items() if n)
    print(f"wrote {report.folder}/index.html ({report.total_bytes / 1024:.0f} KB in all): {counts}")
    return 0
