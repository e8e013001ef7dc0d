"""Developer check: how often do two people agree on a stated status, and how far is the scanner from them?

Blind status accuracy stayed far under the 70% target set after set.  One reading is that the gold itself
is uncertain (one annotator's calls on vague news wording), so no reader could do much better.  This
tool tests that reading: a second person, who saw neither the first gold's statuses nor the scanner's
output, gave a status to every gold feature of blind sets 17, 18 and 19 under the corpus README's rules
(``tests/data/scan/agreement/second_annotator.json``, each call with the words that decided it).

``PYTHONPATH=$PWD .venv/bin/python tools/status_agreement.py`` prints, for each set:

- the second annotator against the gold, over the features the gold states a status for (the base of
  the scanner's status figure) and over the features either states one for, and Cohen's kappa over
  every feature (``null`` counted as a label);
- the scanner against the gold and against the second annotator, scored exactly as
  ``tests/scan/_scan_eval.py`` scores status (a stated feature not found counts as wrong).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCAN_DATA = ROOT / "tests" / "data" / "scan"
SECOND = SCAN_DATA / "agreement" / "second_annotator.json"


def gold_statuses(set_name: str) -> dict[tuple[str, str], str | None]:
    """``(document, name) -> status`` of a set's gold (``None`` where it states none)."""
    statuses: dict[tuple[str, str], str | None] = {}
    for path in sorted((SCAN_DATA / set_name).glob("*.gold.json")):
        document = path.name.removesuffix(".gold.json") + ".txt"
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            statuses[(document, feature["name"])] = feature.get("status")
    return statuses


def agreement(pairs: list[tuple[str | None, str | None]]) -> dict[str, Any]:
    """Agreement of two annotators' ``(first, second)`` statuses.

    Returns
    -------
    dict
        ``first_stated`` / ``second_agrees`` (over the first's stated features), ``either_stated`` /
        ``agree_either`` and ``kappa`` (Cohen's, every feature, ``None`` a label of its own).
    """
    stated = [(a, b) for a, b in pairs if a]
    either = [(a, b) for a, b in pairs if a or b]
    observed = sum(a == b for a, b in pairs) / len(pairs)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / len(pairs) ** 2
    return {"first_stated": len(stated), "second_agrees": sum(a == b for a, b in stated),
            "either_stated": len(either), "agree_either": sum(a == b for a, b in either),
            "kappa": (observed - expected) / (1 - expected) if expected < 1 else 1.0}


def scanner_status(folder: Path) -> tuple[int, int]:
    """``(right, stated)`` of the scanner on ``folder``, scored as ``tests/scan/_scan_eval.py`` does."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "scan")]
    from _scan_eval import score_corpus, totals  # the project's own scorer, not a second one

    figures = totals(score_corpus(folder))
    return int(figures["status_right"]), int(figures["stated"])


def with_statuses(set_name: str, statuses: dict[tuple[str, str], str | None], into: Path) -> Path:
    """A copy of a set whose gold statuses are replaced by ``statuses`` (to score the scanner against them)."""
    folder = into / set_name
    shutil.copytree(SCAN_DATA / set_name, folder)
    for path in folder.glob("*.gold.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        document = path.name.removesuffix(".gold.json") + ".txt"
        for feature in gold["features"]:
            feature["status"] = statuses[(document, feature["name"])]
        path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


def main() -> None:
    """Print each set's human agreement and the scanner's status figure against either annotator."""
    calls = json.loads(SECOND.read_text(encoding="utf-8"))
    print("| set | gold stated: 2nd agrees | either stated: agree | kappa | scanner vs gold | scanner vs 2nd |")
    print("| --- | --- | --- | --- | --- | --- |")
    for set_name in sorted({c["set"] for c in calls}):
        gold = gold_statuses(set_name)
        second = {(c["document"], c["name"]): c["status"] for c in calls if c["set"] == set_name}
        figures = agreement([(gold[key], second[key]) for key in gold])
        with tempfile.TemporaryDirectory() as scratch:
            by_gold = scanner_status(SCAN_DATA / set_name)
            by_second = scanner_status(with_statuses(set_name, second, Path(scratch)))
        print(f"| {set_name} | {figures['second_agrees']}/{figures['first_stated']} "
              f"({figures['second_agrees'] / figures['first_stated']:.1%}) | "
              f"{figures['agree_either']}/{figures['either_stated']} "
              f"({figures['agree_either'] / figures['either_stated']:.1%}) | {figures['kappa']:.2f} | "
              f"{by_gold[0]}/{by_gold[1]} ({by_gold[0] / by_gold[1]:.1%}) | "
              f"{by_second[0]}/{by_second[1]} ({by_second[0] / by_second[1]:.1%}) |")


if __name__ == "__main__":
    main()
