"""Blind held-out set 10 (``tests/data/scan/heldout10/``): set checks and the four scoring tests.

The tenth fresh set, made blind like sets 6 to 9 and status-dense: twelve public pages (綦江's
reservoirs, the 三南 railway's opening, 万盛's profile with its planned lines, 九龙坡's transport paper with
two Yangtze bridges under study, 重庆's 2022 work report, 贵州 and 遵义 transport items, 桐梓 and the
茅台 airport), 138 gold features, 45 stating a status over seven statuses (22 in the area).  Scored
once, blind, at merge (2026-12-07 08:47 UTC, the scanner after round 4, ``test_scan_round4.py``):
recall 118/138 = 85.5%, precision 129/159 = 81.1%, status 28/45 = 62.2% (below the 70% target: of the
17 misses, 4 are features not found, 4 are works on 九龙坡's roads under way given no stage or
``upgrade``, 2 are bridges under study read as building or planned), nothing placed wrongly.  Recall,
precision and the near-homonym test hold as plain tests; status stays ``xfail`` with its blind figure.
The set's own checks (well formed, new addresses, README) run without importing the scanner
(``_heldout.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _heldout import near_homonyms_placed, readme_missing, repeated_addresses, stated_statuses, totals_of

from tests._scan_corpus import HELDOUT10_DIR, corpus_documents

#: The near-homonym documents: none in this set (every document is about the area or a neighbour,
#: or about 重庆 or 贵州 as a whole).
_NEAR_HOMONYMS: set[str] = set()


def test_heldout10_set_is_well_formed() -> None:
    stated = stated_statuses(HELDOUT10_DIR, _NEAR_HOMONYMS, min_documents=8)
    features = [f for _, _, g in corpus_documents(HELDOUT10_DIR) for f in g["features"]]
    assert 120 <= len(features) <= 160
    assert sum(stated.values()) >= 45, stated
    assert len(stated) >= 5, stated
    spread = {"existing", "under_construction", "start_construction", "preliminary_work", "planned", "under_study"}
    assert spread <= set(stated), stated
    in_area_stated = sum(1 for f in features if f["status"] is not None and f["in_area"])
    assert in_area_stated >= 20, in_area_stated
    assert sum(f["in_area"] for f in features) > len(features) / 2


def test_no_source_address_repeats_between_the_sets() -> None:
    repeated = repeated_addresses()
    assert not repeated, f"source addresses used by more than one document: {repeated}"


def test_heldout10_readme_lists_every_document_and_address() -> None:
    missing = readme_missing(HELDOUT10_DIR)
    assert not missing, f"README.md does not list {missing}"


def test_heldout10_recall() -> None:
    figures = totals_of(HELDOUT10_DIR)
    assert figures["recall"] >= 0.75, figures


def test_heldout10_precision() -> None:
    figures = totals_of(HELDOUT10_DIR)
    assert figures["precision"] >= 0.60, figures


@pytest.mark.xfail(strict=False, reason="blind score 62.2% (28/45), below the 70% target")
def test_heldout10_status() -> None:
    figures = totals_of(HELDOUT10_DIR)
    assert figures["status_accuracy"] >= 0.70, figures


def test_heldout10_nothing_of_a_near_homonym_document_placed_in_the_area() -> None:
    assert near_homonyms_placed(HELDOUT10_DIR, _NEAR_HOMONYMS) == 0
