"""Issue 26's acceptance figures on the SEVENTH, fresh held-out set (``tests/data/scan/heldout7/``).

The sixth held-out set holds only 33 gold features with a stated status, too few to measure status
accuracy with any confidence.  This set is nine other public pages chosen to be STATUS-DENSE: pages
that list many named works each with its stage — a 遵义 transport item read against the year's work
report (通车 / 如火如荼 / 加快), a 南川 round-up of expressways and railways (建成投用 / 加快建设 /
前期工作 / 纳入规划 / 改造提升), a 贵州-wide year-end round-up (建成 / 开工建设 / 有序推进), 江津 pages
on a railway plan (规划 / 规划研究线路), the 珞璜 port and rail hub (已建 / 在建 / 已经开工), the
2006 expressway starts, the 渝赤叙 expressway's preliminary work, the 四面山 tourism zone's roads
(竣工通车 / 前期工作) and two planned tourism loops (traditional characters).  Its documents and gold
were written by someone who never read the scanner's code nor saw its outputs (see the set's README):
124 gold features, 57 of them with a stated status (41 in the area), over all seven statuses.  Same
scoring code (``_scan_eval.py``, the corpus README's matching rule) and same thresholds as the
corpus: recall >= 75%, precision >= 60%, status right for >= 70% of the gold features that state
one.  The set has no near-homonym document; the fourth threshold test checks that none is expected.

The threshold tests were written without running them.  Scored once, blind, at merge (2026-12-07 07:40
UTC, the same scanner as set 6's score): recall 100/124 = 80.6%, precision 103/141 = 73.0%, status 34/57 =
59.6% (below; 10 of the 23 misses are features not found, most of them expressways named by two-character
abbreviations in a list), no near-homonym document.  Recall, precision and the near-homonym test hold as
plain tests; status stays ``xfail`` with its blind figure.  Seen since (status round 2 and later,
written after reading this set): status 45/57 = 78.9%, now a plain regression test.
The set's own checks (well formed, new
addresses, README) run without importing the scanner (``_heldout.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _heldout import near_homonyms_placed, readme_missing, repeated_addresses, stated_statuses, totals_of

from tests._scan_corpus import HELDOUT7_DIR, corpus_documents

#: The near-homonym documents: none in this set (every document is about the area or a neighbour).
_NEAR_HOMONYMS: set[str] = set()


def test_heldout7_set_is_well_formed() -> None:
    stated = stated_statuses(HELDOUT7_DIR, _NEAR_HOMONYMS, min_documents=8)
    features = [f for _, _, g in corpus_documents(HELDOUT7_DIR) for f in g["features"]]
    assert 110 <= len(features) <= 140
    assert sum(stated.values()) >= 45, stated
    assert len(stated) >= 5, stated
    spread = {"existing", "under_construction", "start_construction", "preliminary_work", "planned"}
    assert spread <= set(stated), stated
    in_area_stated = sum(1 for f in features if f["status"] is not None and f["in_area"])
    assert in_area_stated >= 40, in_area_stated
    assert sum(f["in_area"] for f in features) > 2 * len(features) / 3
    assert any(f["kind"] == "tourism_route" for f in features)


def test_no_source_address_repeats_between_the_sets() -> None:
    repeated = repeated_addresses()
    assert not repeated, f"source addresses used by more than one document: {repeated}"


def test_heldout7_readme_lists_every_document_and_address() -> None:
    missing = readme_missing(HELDOUT7_DIR)
    assert not missing, f"README.md does not list {missing}"


def test_heldout7_recall() -> None:
    figures = totals_of(HELDOUT7_DIR)
    assert figures["recall"] >= 0.75, figures


def test_heldout7_precision() -> None:
    figures = totals_of(HELDOUT7_DIR)
    assert figures["precision"] >= 0.60, figures


def test_heldout7_status() -> None:
    figures = totals_of(HELDOUT7_DIR)
    assert figures["status_accuracy"] >= 0.70, figures


def test_heldout7_nothing_of_a_near_homonym_document_placed_in_the_area() -> None:
    assert near_homonyms_placed(HELDOUT7_DIR, _NEAR_HOMONYMS) == 0
