"""Read the scanner's evaluation corpus: documents and their hand-made gold truth.

The corpus (``tests/data/scan/corpus/``) holds public Chinese news and plan texts
about the 綦江–桐梓–习水 area, and one near-homonym about 黔江区, each beside a
``<stem>.gold.json`` listing the named, mappable features a person found in it.
``tests/data/scan/corpus/README.md`` gives the annotation rules.  This module only
reads them, so that the corpus's own test and the scanner's evaluation share one
reader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Folder of the corpus documents and gold files.
CORPUS_DIR = Path(__file__).resolve().parent / "data" / "scan" / "corpus"

#: Folder of the held-out documents (same format; the scanner's rules were not tuned on them).
HELDOUT_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout"

#: Folder of the second, fresh held-out set (same format; made without seeing the scanner or its outputs).
HELDOUT2_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout2"

#: Folder of the third, fresh held-out set (same format; made blind, see its README).
HELDOUT3_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout3"

#: Folder of the fourth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT4_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout4"

#: Folder of the fifth, fresh held-out set (same format; made blind, see its README).
HELDOUT5_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout5"

#: Folder of the sixth, fresh held-out set (same format; made blind, status-dense and in the area, see its README).
HELDOUT6_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout6"

#: Folder of the seventh, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT7_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout7"

#: Folder of the eighth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT8_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout8"

#: Folder of the ninth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT9_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout9"

#: Folder of the tenth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT10_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout10"

#: Folder of the eleventh, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT11_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout11"

#: Folder of the twelfth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT12_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout12"

#: Folder of the thirteenth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT13_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout13"

#: Folder of the fourteenth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT14_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout14"

#: Folder of the fifteenth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT15_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout15"

#: Folder of the sixteenth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT16_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout16"

#: Folder of the seventeenth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT17_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout17"

#: Folder of the eighteenth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT18_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout18"

#: Folder of the nineteenth, fresh held-out set (same format; made blind, status-dense, see its README).
HELDOUT19_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout19"

#: Folder of the twentieth, fresh held-out set (same format; made blind, see its README).
HELDOUT20_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout20"

#: Folder of the twenty-first, fresh held-out set (same format; made blind, see its README).
HELDOUT21_DIR = Path(__file__).resolve().parent / "data" / "scan" / "heldout21"

#: Every evaluation set by its folder's name (``corpus``, ``heldout``, ``heldout2`` ... ``heldout21``), in
#: the order they were made: the one list that the address check and ``_scan_eval.py --<name>`` read.
EVALUATION_SETS: dict[str, Path] = {
    folder.name: folder
    for folder in (CORPUS_DIR, HELDOUT_DIR, HELDOUT2_DIR, HELDOUT3_DIR, HELDOUT4_DIR, HELDOUT5_DIR,
                   HELDOUT6_DIR, HELDOUT7_DIR, HELDOUT8_DIR, HELDOUT9_DIR, HELDOUT10_DIR, HELDOUT11_DIR,
                   HELDOUT12_DIR, HELDOUT13_DIR, HELDOUT14_DIR, HELDOUT15_DIR,
                   HELDOUT16_DIR, HELDOUT17_DIR, HELDOUT18_DIR, HELDOUT19_DIR, HELDOUT20_DIR,
                   HELDOUT21_DIR)
}

#: Suffixes of corpus documents (plain text, or an HTML page the scanner must read as well).
DOCUMENT_SUFFIXES = (".txt", ".html")

_HEADER = re.compile(r"^(?:#|<!--)\s*(source|retrieved|title|text):\s*(.*?)\s*(?:-->)?\s*$")


def document_paths(folder: Path = CORPUS_DIR) -> list[Path]:
    """Documents of ``folder`` (the corpus unless told), sorted by name (gold files and the README excluded)."""
    return sorted(p for p in folder.iterdir() if p.suffix in DOCUMENT_SUFFIXES)


def gold_path(document: Path) -> Path:
    """The gold file of ``document``: same stem, suffix ``.gold.json``."""
    return document.with_name(document.stem + ".gold.json")


def header(text: str) -> dict[str, str]:
    """Provenance lines at the top of a document (``# key: value`` or ``<!-- key: value -->``).

    Reading stops at the first line that is neither such a line, a doctype nor blank,
    so an article sentence that happens to start with ``#`` is never taken for one.
    """
    found: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        match = _HEADER.match(stripped)
        if match:
            found.setdefault(match.group(1), match.group(2))
        elif stripped and not stripped.lower().startswith("<!doctype"):
            break
    return found


def corpus_documents(folder: Path = CORPUS_DIR) -> Iterator[tuple[Path, str, dict[str, Any]]]:
    """Yield ``(path, text, gold)`` for every document of ``folder`` (the corpus unless told), in name order.

    ``text`` is the whole file as the scanner will receive it (header lines and,
    for HTML, the tags included); ``gold`` is the parsed gold JSON.
    """
    for path in document_paths(folder):
        text = path.read_text(encoding="utf-8")
        gold = json.loads(gold_path(path).read_text(encoding="utf-8"))
        yield path, text, gold
