"""``python -m geo.export.dictionary [--check] PATH``: write (or check) the data dictionary's Markdown.

The data dictionary lives in code (:mod:`geo.export._dictionary`); this writes
its Markdown rendering, ``docs/data-dictionary.md``, or with ``--check`` exits 1
when that file is not current (the tests check it too).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.export._dictionary import markdown


def main(argv: list[str] | None = None) -> int:
    """Write ``PATH`` (default ``docs/data-dictionary.md``), or check it with ``--check``; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m geo.export.dictionary", description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=Path("docs/data-dictionary.md"))
    parser.add_argument("--check", action="store_true", help="exit 1 if PATH is not current, write nothing")
    args = parser.parse_args(argv)
    text = markdown() + "\n"
    if args.check:
        current = args.path.is_file() and args.path.read_text(encoding="utf-8") == text
        if not current:
            print(f"{args.path} is not current: run python -m geo.export.dictionary {args.path}", file=sys.stderr)
        return 0 if current else 1
    args.path.parent.mkdir(parents=True, exist_ok=True)
    args.path.write_text(text, encoding="utf-8")
    print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
