"""Issue 26's acceptance figures on the NINTH, fresh held-out set (``tests/data/scan/heldout9/``).

Sets 6 to 8 have been scored and are now seen; this set is the honest measure, scored once at
merge.  It is ten other public pages chosen to be STATUS-DENSE: the 渝贵 railway's twelve
stations before its test runs (站房全部建成), the 仁赤 expressway's opening and its sixteen
towns, the 赤水–仁怀 widening of G4215 in preliminary work (2026), a 桐梓 industrial park with
its roads and the power works it will enlarge (traditional characters), the 南万 expressway's
万盛 bridge, 巴南's roads and bridges built and to come, three 重庆 expressways started in 2020
(江泸北线 through 江津), the 江泸北线 being built, a 茅台 road started at 习水, and 重庆's 2016
work report (開工 / 推進 / 改造, traditional characters).  Its documents and gold were written
by someone who never read the scanner's code nor saw its outputs (see the set's README): 165
gold features, 45 of them with a stated status (23 in the area), over five statuses.  Same
scoring code (``_scan_eval.py``, the corpus README's matching rule) and same thresholds as the
corpus: recall >= 75%, precision >= 60%, status right for >= 70% of the gold features that
state one.  The set has no near-homonym document; the fourth threshold test checks that none is
expected.

The threshold tests were written without running them.  Scored once, blind, at merge (2026-12-07 08:26
UTC, the scanner after status round 3 and recall round 3, ``test_scan_status3.py`` and
``test_scan_find_rules3.py``): recall 140/165 = 84.8%, precision 150/170 = 88.2%, status 17/45 = 37.8%
(far below: 10 of the 28 misses are one line's stations whose station buildings the page says are all
built, 9 are a 2016 work report's works under construction written as bare abbreviations, 5 are
features not found), no near-homonym document.  Recall, precision and the near-homonym test hold as
plain tests; status stays ``xfail`` with its blind figure.  Seen since (round 4, written after reading
this set): status 37/45 = 82.2%, recall 87.3%, now plain regression tests.  The set's own checks (well formed, new
addresses, README) run without importing the scanner (``_heldout.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _heldout import near_homonyms_placed, readme_missing, repeated_addresses, stated_statuses, totals_of

from tests._scan_corpus import HELDOUT9_DIR, corpus_documents

#: The near-homonym documents: none in this set (every document is about the area or a neighbour,
#: or about 重庆 as a whole).
_NEAR_HOMONYMS: set[str] = set()


def test_heldout9_set_is_well_formed() -> None:
    stated = stated_statuses(HELDOUT9_DIR, _NEAR_HOMONYMS, min_documents=8)
    features = [f for _, _, g in corpus_documents(HELDOUT9_DIR) for f in g["features"]]
    assert 150 <= len(features) <= 180
    assert sum(stated.values()) >= 45, stated
    assert len(stated) >= 5, stated
    spread = {"existing", "under_construction", "start_construction", "preliminary_work", "upgrade"}
    assert spread <= set(stated), stated
    in_area_stated = sum(1 for f in features if f["status"] is not None and f["in_area"])
    assert in_area_stated >= 20, in_area_stated
    assert sum(f["in_area"] for f in features) > len(features) / 2


def test_no_source_address_repeats_between_the_sets() -> None:
    repeated = repeated_addresses()
    assert not repeated, f"source addresses used by more than one document: {repeated}"


def test_heldout9_readme_lists_every_document_and_address() -> None:
    missing = readme_missing(HELDOUT9_DIR)
    assert not missing, f"README.md does not list {missing}"


def test_heldout9_recall() -> None:
    figures = totals_of(HELDOUT9_DIR)
    assert figures["recall"] >= 0.75, figures


def test_heldout9_precision() -> None:
    figures = totals_of(HELDOUT9_DIR)
    assert figures["precision"] >= 0.60, figures


def test_heldout9_status() -> None:
    figures = totals_of(HELDOUT9_DIR)
    assert figures["status_accuracy"] >= 0.70, figures


def test_heldout9_nothing_of_a_near_homonym_document_placed_in_the_area() -> None:
    assert near_homonyms_placed(HELDOUT9_DIR, _NEAR_HOMONYMS) == 0
