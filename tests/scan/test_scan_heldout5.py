"""Issue 26's acceptance figures on the FIFTH, fresh held-out set (``tests/data/scan/heldout5/``).

The fourth held-out set has been scored and read since, so its figures no longer measure the scanner
blind.  This set is ten other public pages shaped like what planners receive: mostly simplified-character
news of 2022–2025 about named works in 綦江, 万盛, 江津, 桐梓 and 习水 with their stated stages (开工, 建成通车,
收尾施工, 前期工作, planned stations, 改建), one government work report (江津 2025), one tourism page with a
route (万盛), one city-wide status-dense round-up (重慶 2024, traditional characters) and one near-homonym page
about 黔江区.  Its documents and gold were written by someone who never read the scanner's code nor saw its
outputs (see the set's README): 104 gold features, 58 of them with a stated status.  Same scoring code
(``_scan_eval.py``, the corpus README's matching rule) and same thresholds as the corpus: recall >= 75%,
precision >= 60%, status right for >= 70% of the gold features that state one, no feature of the
near-homonym document placed in the area.

The threshold tests were written without running them.  Scored once, blind, at merge (2026-12-07, the
scanner after its fourth round, ``test_scan_rules5.py``): recall 79/104 = 76.0%, precision 76/93 =
81.7%, status 15/58 = 25.9% (far below; 23 of the 58 are of features not found, most of them in a
重庆-wide round-up of industrial projects outside the area), nothing of the 黔江 page placed in the
area.  Recall, precision and the near-homonym test hold as plain tests; status stays ``xfail`` with
its blind figure.  The set's own checks (well formed, new addresses, README)
run without importing the scanner (``_heldout.py``).

Seen since: the status round (branch ``status``: the clause model, stage from structure, word classes
with future and forecast markers; ``test_scan_status.py``) was written after reading this set's misses,
and moved its status to 31/58 = 53.4% (of the 42 stated features found: 31 right).  That is a
training figure; the blind 25.9% stays the honest one.  With status round 2 and recall rounds 1–3
(all written after reading this set) it is 42/58 = 72.4%, seen: the 70% test is now a plain regression
test and ``test_heldout5_status_seen_floor`` keeps the first round's floor.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _heldout import near_homonyms_placed, readme_missing, stated_statuses, totals_of

from tests._scan_corpus import HELDOUT5_DIR, corpus_documents

#: The near-homonym document: every feature lies outside the area.
_NEAR_HOMONYMS = {"qjq-2022-guojing.txt"}


def test_heldout5_set_is_well_formed() -> None:
    stated = stated_statuses(HELDOUT5_DIR, _NEAR_HOMONYMS, min_documents=10)
    assert 80 <= sum(1 for _, _, g in corpus_documents(HELDOUT5_DIR) for _ in g["features"]) <= 110
    assert sum(stated.values()) >= 40, stated
    spread = {"existing", "under_construction", "start_construction", "preliminary_work", "planned"}
    assert spread <= set(stated), stated
    assert any(f["kind"] == "tourism_route" for _, _, g in corpus_documents(HELDOUT5_DIR) for f in g["features"])



def test_heldout5_readme_lists_every_document_and_address() -> None:
    missing = readme_missing(HELDOUT5_DIR)
    assert not missing, f"README.md does not list {missing}"


def test_heldout5_recall() -> None:
    figures = totals_of(HELDOUT5_DIR)
    assert figures["recall"] >= 0.75, figures


def test_heldout5_precision() -> None:
    figures = totals_of(HELDOUT5_DIR)
    assert figures["precision"] >= 0.60, figures


def test_heldout5_status() -> None:
    figures = totals_of(HELDOUT5_DIR)
    assert figures["status_accuracy"] >= 0.70, figures


def test_heldout5_status_seen_floor() -> None:
    """A floor, not a target: the seen figure after the status round (31/58) must not fall back."""
    figures = totals_of(HELDOUT5_DIR)
    assert figures["status_right"] >= 31, figures


def test_heldout5_nothing_of_the_near_homonym_document_placed_in_the_area() -> None:
    assert near_homonyms_placed(HELDOUT5_DIR, _NEAR_HOMONYMS) == 0
