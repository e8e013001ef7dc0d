"""Command line: ``python -m geo build [--check] [--with-edits]``, ``export``, ``print``, ``publish``, ``users``,
``edits``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from geo._errors import ExportError, GeocodeError, LayerError, RecordError, UploadError
from geo.edits.cli import EDIT_ERRORS, add_edits_parser, add_users_parser
from geo.export.cli import add_export_parser, run_export
from geo.publish.cli import add_print_parser, add_publish_parser

_ERRORS = (RecordError, GeocodeError, LayerError, ExportError, UploadError, *EDIT_ERRORS)


def _run_build(args: argparse.Namespace) -> int:
    from geo.build import run_build

    report = run_build(check=args.check, seeds=args.seeds, output=args.output, with_edits=args.with_edits)
    print(report.format())
    if args.check:
        if report.stale:
            print("\nlayers/ is stale; run `python -m geo build`:", file=sys.stderr)
            for line in report.stale:
                print(f"  {line}", file=sys.stderr)
            return 1
        print("\nlayers/ is up to date")
    else:
        folded = f" to {report.output} ({report.edited} feature(s) changed by edits)" if args.with_edits else ""
        print(f"\nwrote {len(report.counts)} layers{folded}")
    return 0


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m geo``."""
    parser = argparse.ArgumentParser(prog="python -m geo",
                                     description="渝黔合作先行示范区地图 / Qijiang–Zunyi cooperation map")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build layers/ from seeds/ (records -> geocode -> GeoJSON)")
    build.add_argument("--check", action="store_true", help="exit 1 if layers/ differs from a fresh build")
    build.add_argument("--seeds", type=Path, default=None, help="record folder (default: seeds/)")
    build.add_argument("--output", type=Path, default=None, help="layers folder (default: layers/)")
    build.add_argument("--with-edits", action="store_true",
                       help="fold the edit store's corrections in (written to $YUQIAN_DATA/layers_with_edits "
                            "unless --output is given; layers/ stays the plan as recorded)")
    build.set_defaults(func=_run_build)
    add_export_parser(sub)
    add_users_parser(sub)
    add_edits_parser(sub)
    sub.choices["export"].set_defaults(func=run_export)
    add_print_parser(sub)
    add_publish_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = make_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except _ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
