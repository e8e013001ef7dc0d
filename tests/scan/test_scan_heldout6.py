"""Issue 26's acceptance figures on the SIXTH, fresh held-out set (``tests/data/scan/heldout6/``).

The fifth held-out set has been scored and read since, so its figures no longer measure the scanner
blind.  This set is twelve other public pages, chosen to measure stages IN the area: mostly
simplified-character news of 2023–2025 about named works in 綦江 and 江津 and about 遵义's railways and
expressways, each with its stated stage (在建 / 建设如火如荼, 建成通车, 开工, 勘察设计, 纳入规划, 改造),
one 遵义 railway item written for the 十五五 plan, one tourism page with a hiking route and ordered stops
(东溪), and one near-homonym page about 黔江区 (traditional characters).  Its documents and gold were
written by someone who never read the scanner's code nor saw its outputs (see the set's README):
110 gold features, 33 of them with a stated status (26 in the area).  Same scoring code
(``_scan_eval.py``, the corpus README's matching rule) and same thresholds as the corpus: recall >= 75%,
precision >= 60%, status right for >= 70% of the gold features that state one, no feature of the
near-homonym document placed in the area.

The threshold tests were written without running them.  Scored once, blind, at merge (2026-12-07 07:40
UTC, the scanner after its status round and first recall round, ``test_scan_status.py`` and
``test_scan_find_rules.py``): recall 80/110 = 72.7% (below the 75% target), precision 88/100 = 88.0%, status
13/33 = 39.4% (far below; 5 of the 20 misses are features not found, 5 are the 黔江 page's railways read as
building where it says they run), nothing of the 黔江 page placed in the area.  Precision and the
near-homonym test hold as plain tests; recall and status stay ``xfail`` with their blind figures.
Seen since (status round 2, recall round 2 and later, written after reading this set): recall
106/110 = 96.4%, now a plain regression test; status 23/33 = 69.7%, still ``xfail``.  The set's
own checks (well formed, new addresses, README) run without importing the scanner (``_heldout.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _heldout import near_homonyms_placed, readme_missing, repeated_addresses, stated_statuses, totals_of

from tests._scan_corpus import HELDOUT6_DIR, corpus_documents

#: The near-homonym document: every feature lies outside the area.
_NEAR_HOMONYMS = {"qjq-2026-jiaotong.txt"}


def test_heldout6_set_is_well_formed() -> None:
    stated = stated_statuses(HELDOUT6_DIR, _NEAR_HOMONYMS, min_documents=10)
    features = [f for _, _, g in corpus_documents(HELDOUT6_DIR) for f in g["features"]]
    assert 100 <= len(features) <= 120
    assert sum(stated.values()) >= 30, stated
    spread = {"existing", "under_construction", "start_construction", "preliminary_work", "planned", "upgrade"}
    assert spread <= set(stated), stated
    in_area_stated = sum(1 for f in features if f["status"] is not None and f["in_area"])
    assert in_area_stated >= 25, in_area_stated
    assert sum(f["in_area"] for f in features) > len(features) / 2
    assert any(f["kind"] == "tourism_route" for f in features)


def test_no_source_address_repeats_between_the_sets() -> None:
    repeated = repeated_addresses()
    assert not repeated, f"source addresses used by more than one document: {repeated}"


def test_heldout6_readme_lists_every_document_and_address() -> None:
    missing = readme_missing(HELDOUT6_DIR)
    assert not missing, f"README.md does not list {missing}"


def test_heldout6_recall() -> None:
    figures = totals_of(HELDOUT6_DIR)
    assert figures["recall"] >= 0.75, figures


def test_heldout6_precision() -> None:
    figures = totals_of(HELDOUT6_DIR)
    assert figures["precision"] >= 0.60, figures


@pytest.mark.xfail(strict=False, reason="blind score 39.4% (13/33), below the 70% target")
def test_heldout6_status() -> None:
    figures = totals_of(HELDOUT6_DIR)
    assert figures["status_accuracy"] >= 0.70, figures


def test_heldout6_nothing_of_the_near_homonym_document_placed_in_the_area() -> None:
    assert near_homonyms_placed(HELDOUT6_DIR, _NEAR_HOMONYMS) == 0
