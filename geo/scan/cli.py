"""``python -m geo scan DOC [DOC...] --output found.geojson [--csv review.csv] [--report report.html]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from geo._errors import ScanError
from geo.scan._read import MAX_BYTES

#: Errors the subcommand turns into a message and exit code 2.
SCAN_ERRORS: tuple[type[ScanError]] = (ScanError,)


def add_scan_parser(sub: Any) -> argparse.ArgumentParser:
    """Add the ``scan`` subcommand to the ``python -m geo`` parser's subparsers."""
    scan = sub.add_parser(
        "scan", help="read plans or news (.txt .docx .pdf .html): find places, projects and statuses, "
                     "set them against the map",
        description="文件扫描 / Document scanner: finds the named, mappable features of Chinese documents, "
                    "places them and matches them to the map's records. Exit 2 (nothing written) when a "
                    "document cannot be read.")
    scan.add_argument("documents", nargs="+", type=Path, metavar="DOC", help=".txt, .docx, .pdf or .html file(s)")
    scan.add_argument("--output", "-o", type=Path, required=True, help="GeoJSON of the found features")
    scan.add_argument("--csv", type=Path, default=None, help="review CSV in the columns of seeds/*.csv")
    scan.add_argument("--report", type=Path, default=None, help="HTML report")
    scan.add_argument("--seeds", type=Path, default=None, help="record folder (default: seeds/)")
    scan.add_argument("--layers", type=Path, default=None, help="built layers folder (default: layers/)")
    scan.add_argument("--max-mb", type=float, default=MAX_BYTES / 2**20,
                      help=f"largest document read, in MiB (default {MAX_BYTES // 2**20})")
    scan.set_defaults(func=run_scan)
    return scan


def run_scan(args: argparse.Namespace) -> int:
    """Scan, write the outputs, print a summary; 0 on success (errors are reported by ``geo.cli.main``)."""
    from geo.scan import scan_documents, write_outputs

    outputs = [p for p in (args.output, args.csv, args.report) if p is not None]
    inputs = {p.resolve() for p in args.documents}
    clash = [str(p) for p in outputs if p.resolve() in inputs]
    if clash:
        raise ScanError(f"output {clash[0]!r} is also a document to scan; choose another output file")
    result = scan_documents(args.documents, seeds=args.seeds, layers=args.layers, max_bytes=int(args.max_mb * 2**20))
    written = write_outputs(result, args.output, args.csv, args.report)
    kinds = ", ".join(f"{k} {n}" for k, n in result.counts("kind").items()) if len(result.features) else "none"
    changes = ", ".join(f"{k} {n}" for k, n in result.counts("change").items()) if len(result.features) else "none"
    print(f"{len(result.features)} feature(s) in {len(result.documents)} document(s): {kinds}")
    print(f"against the map: {changes}; {len(result.unmentioned)} record(s) not mentioned")
    for path in written:
        print(f"wrote {path}")
    return 0
