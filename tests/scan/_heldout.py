"""Checks shared by the blind held-out sets' tests (``test_scan_heldout3.py`` … ``5``, ``test_scan_blind_sets.py``).

The set checks (well formed, sources new, README complete) read no scanner code; the scoring
module is imported only by :func:`totals_of`, which the threshold tests call.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests._scan_corpus import (
    EVALUATION_SETS,
    corpus_documents,
    document_paths,
    gold_path,
    header,
)
from tests.test_scan_corpus import _gold_problems

#: Every evaluation set, oldest first: no source address may appear in two documents of them.
ALL_SETS: tuple[Path, ...] = tuple(EVALUATION_SETS.values())


def address_key(address: str) -> str:
    """``address`` folded for comparison: no scheme, no ``www.``, host lower-cased, no trailing ``/``."""
    parts = urlsplit(address.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return host + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")


def addresses(folder: Path) -> list[tuple[str, str]]:
    """``(document, source address)`` of every document of ``folder``, from its header line."""
    return [(f"{folder.name}/{p.name}", header(p.read_text(encoding="utf-8")).get("source", ""))
            for p in document_paths(folder)]


def repeated_addresses() -> list[tuple[str, str]]:
    """Documents of :data:`ALL_SETS` whose source address another document also has."""
    found = [(doc, address) for folder in ALL_SETS for doc, address in addresses(folder)]
    assert all(address.startswith(("http://", "https://")) for _, address in found), found
    counts = Counter(address_key(address) for _, address in found)
    return sorted((doc, address) for doc, address in found if counts[address_key(address)] > 1)


def stated_statuses(folder: Path, near_homonyms: set[str], min_documents: int = 8) -> Counter[str]:
    """Check ``folder`` is a well-formed set whose outside documents are ``near_homonyms``; its stated statuses."""
    paths = document_paths(folder)
    assert len(paths) >= min_documents
    assert {gold_path(p).name for p in paths} == {p.name for p in folder.glob("*.gold.json")}
    documents = list(corpus_documents(folder))
    problems = [problem for path, text, gold in documents for problem in _gold_problems(path, text, gold)]
    assert not problems, "\n".join(problems)
    assert {p.name for p, _, g in documents if g["in_area"] is False} == near_homonyms
    return Counter(f["status"] for _, _, g in documents for f in g["features"] if f["status"] is not None)


def readme_missing(folder: Path) -> list[str]:
    """Documents or addresses of ``folder`` that its README does not list."""
    readme = (folder / "README.md").read_text(encoding="utf-8")
    return [f"{doc} ({address})" for doc, address in addresses(folder)
            if doc.split("/")[1] not in readme or address not in readme]


@cache
def _scores(folder: Path) -> list[Any]:
    from _scan_eval import score_corpus

    return score_corpus(folder)


def totals_of(folder: Path) -> dict[str, Any]:
    """Recall, precision, status accuracy … of the scanner on ``folder`` (scored once per test session)."""
    from _scan_eval import totals

    return totals(_scores(folder))


def near_homonyms_placed(folder: Path, near_homonyms: set[str]) -> int:
    """Features of the near-homonym documents of ``folder`` that the scanner placed in the area."""
    outside = [s for s in _scores(folder) if s.outside_doc]
    assert {s.name for s in outside} >= near_homonyms
    assert all(s.found > 0 for s in outside)
    return sum(s.placed_outside for s in outside)


@dataclass(frozen=True)
class BlindSet:
    """One blind set: what its make-up must be, and its record.

    Attributes
    ----------
    folder : Path
        The set's folder.
    history : str
        What the set is, its blind score and what happened since, in words.
    near_homonyms : frozenset of str
        Its near-homonym documents (every feature outside the area).
    min_documents : int
        Fewest documents.
    features : tuple of int
        Least and most gold features.
    min_stated : int
        Fewest gold features with a stated status.
    statuses : frozenset of str
        Statuses the gold must hold at least once.
    min_in_area_stated : int
        Fewest stated features inside the area.
    in_area_share : float
        The share of features inside the area must exceed this.
    min_routes : int
        Fewest tourism routes.
    short : dict
        Figure (``recall``, ``precision``, ``status``) -> the ``xfail`` reason: its blind score, still short.
    """

    folder: Path
    history: str
    near_homonyms: frozenset[str]
    min_documents: int
    features: tuple[int, int]
    min_stated: int
    statuses: frozenset[str]
    min_in_area_stated: int
    in_area_share: float
    min_routes: int = 0
    short: dict[str, str] = field(default_factory=dict)
