"""Issue 26's acceptance figures on the evaluation corpus (``tests/data/scan/corpus/``, from the ``corpus`` branch).

Public documents about the area that nobody here wrote, with hand-made gold: recall of the named
features >= 75%, precision >= 60%, status right for >= 70% of those that state one, and no feature
of the near-homonym documents (黔江区, 永城市) placed in the area.  Scoring: ``_scan_eval.py``
(the corpus README's matching rule); ``python tests/scan/_scan_eval.py -v`` prints the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scan_eval import DocScore, names_match, score_corpus, totals


@pytest.fixture(scope="module")
def scores() -> list[DocScore]:
    return score_corpus()


def test_corpus_is_there(scores: list[DocScore]) -> None:
    assert len(scores) >= 10 and sum(s.gold for s in scores) >= 150
    assert any(s.outside_doc for s in scores)


def test_recall_precision_status(scores: list[DocScore]) -> None:
    figures = totals(scores)
    print(figures)
    assert figures["recall"] >= 0.75, figures
    assert figures["precision"] >= 0.60, figures
    assert figures["status_accuracy"] >= 0.70, figures


def test_nothing_of_the_near_homonym_documents_placed_in_the_area(scores: list[DocScore]) -> None:
    outside = [s for s in scores if s.outside_doc]
    assert {s.name for s in outside} >= {"qjq-2025-gaotie.txt", "qjq-2023-jiaotong.txt"}
    assert all(s.found > 0 for s in outside)
    assert sum(s.placed_outside for s in outside) == 0


def test_matching_rule() -> None:
    assert names_match("（綦江段）", "(綦江段)")
    assert names_match("綦江北互通", "綦江北互通及其连接线工程")
    assert not names_match("兰海", "兰海复线")
