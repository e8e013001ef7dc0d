"""Issue 26's acceptance figures on the EIGHTH, fresh held-out set (``tests/data/scan/heldout8/``).

Sets 6 and 7 have been scored and are now seen; this set is the honest measure, scored once at
merge.  It is twelve other public pages chosen to be STATUS-DENSE and in the area: 遵义's nine
expressway projects of 2020 (续建 / 新开工), a 贵州-wide list of the year's expressway works
(新建 / 收尾 / 续建 / 预备), 遵义's 2005 road-network plan (四纵三横三联二环, 规划), three 重庆
expressway starts of 2021 (集中开工 / 在建), the 渝赤敘 expressway's preliminary work (traditional
characters), four 渝黔 expressways offered at an investment fair (前期準備工作), the 三南 railway's
start (全面开工 / 改建), the 泸州–遵义 high-speed line taken into a plan (纳入规划), the 仁遵
expressway accepted before opening, the 永津 expressway being built, and two tourism pages with
ordered routes (a two-day 綦江 trip by train, a 赤水河谷 self-drive route).  Its documents and gold
were written by someone who never read the scanner's code nor saw its outputs (see the set's
README): 167 gold features, 71 of them with a stated status (41 in the area), over six statuses.
Same scoring code (``_scan_eval.py``, the corpus README's matching rule) and same thresholds as the
corpus: recall >= 75%, precision >= 60%, status right for >= 70% of the gold features that state
one.  The set has no near-homonym document; the fourth threshold test checks that none is expected.

The threshold tests were written without running them.  Scored once, blind, at merge (2026-12-07 08:09
UTC, the scanner after status round 2 and recall round 2, ``test_scan_status2.py`` and
``test_scan_find_rules2.py``): recall 121/167 = 72.5% (below the 75% target), precision 124/150 = 82.7%,
status 17/71 = 23.9% (far below: 33 of the 54 misses are in one 贵州-wide list of expressways written one
per line under 续建/收尾 heads, 22 of them not found at all; 12 are a 2005 遵义 road-network target read as
planned), no near-homonym document.  Precision and the near-homonym test hold as plain tests; recall and
status stay ``xfail`` with their blind figures.  Seen since (status round 3 and recall round 3, written after
reading this set): recall 156/167 = 93.4%, status 67/71 = 94.4%, now plain regression tests.
The set's own checks (well formed, new addresses, README)
run without importing the scanner (``_heldout.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _heldout import near_homonyms_placed, readme_missing, repeated_addresses, stated_statuses, totals_of

from tests._scan_corpus import HELDOUT8_DIR, corpus_documents

#: The near-homonym documents: none in this set (every document is about the area or a neighbour).
_NEAR_HOMONYMS: set[str] = set()


def test_heldout8_set_is_well_formed() -> None:
    stated = stated_statuses(HELDOUT8_DIR, _NEAR_HOMONYMS, min_documents=8)
    features = [f for _, _, g in corpus_documents(HELDOUT8_DIR) for f in g["features"]]
    assert 150 <= len(features) <= 185
    assert sum(stated.values()) >= 45, stated
    assert len(stated) >= 5, stated
    spread = {"existing", "under_construction", "start_construction", "preliminary_work", "planned"}
    assert spread <= set(stated), stated
    in_area_stated = sum(1 for f in features if f["status"] is not None and f["in_area"])
    assert in_area_stated >= 40, in_area_stated
    assert sum(f["in_area"] for f in features) > 2 * len(features) / 3
    assert sum(f["kind"] == "tourism_route" for f in features) >= 2


def test_no_source_address_repeats_between_the_sets() -> None:
    repeated = repeated_addresses()
    assert not repeated, f"source addresses used by more than one document: {repeated}"


def test_heldout8_readme_lists_every_document_and_address() -> None:
    missing = readme_missing(HELDOUT8_DIR)
    assert not missing, f"README.md does not list {missing}"


def test_heldout8_recall() -> None:
    figures = totals_of(HELDOUT8_DIR)
    assert figures["recall"] >= 0.75, figures


def test_heldout8_precision() -> None:
    figures = totals_of(HELDOUT8_DIR)
    assert figures["precision"] >= 0.60, figures


def test_heldout8_status() -> None:
    figures = totals_of(HELDOUT8_DIR)
    assert figures["status_accuracy"] >= 0.70, figures


def test_heldout8_nothing_of_a_near_homonym_document_placed_in_the_area() -> None:
    assert near_homonyms_placed(HELDOUT8_DIR, _NEAR_HOMONYMS) == 0
