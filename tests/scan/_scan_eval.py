"""Score the scanner against the evaluation corpus (``tests/data/scan/corpus/``, rules in its README).

Matching follows the corpus README's suggestion: a scanner feature matches a gold feature of the
same document when their names are equal after NFKC folding, or one contains the other and the
shorter has at least 3 characters.  A scanner name equal to a gold ``ignore`` entry counts
neither way.  The scanner reports every mention; the gold lists each feature once, so precision
is computed over the scanner's *distinct names* per document.

Run ``python tests/scan/_scan_eval.py`` for the per-document table of the corpus, or with
``--<set>`` for another set of ``tests._scan_corpus.EVALUATION_SETS`` (``--heldout`` for
``tests/data/scan/heldout/``, ``--heldout11`` for ``heldout11/``, and so on); ``-v`` for what was
missed and wrong.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1])]

from _scan_corpus import CORPUS_DIR, EVALUATION_SETS, corpus_documents  # noqa: E402

from geo.scan import scan_documents  # noqa: E402


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).replace(" ", "")


def names_match(found: str, gold: str) -> bool:
    """The README's rule: equal after NFKC, or containment with a shorter name of at least 3 characters."""
    a, b = _fold(found), _fold(gold)
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 3 and short in long


@dataclass
class DocScore:
    """Counts for one document."""

    name: str
    gold: int = 0
    recalled: int = 0
    found: int = 0
    correct: int = 0
    stated: int = 0
    status_right: int = 0
    outside_doc: bool = False
    placed_outside: int = 0
    given_unstated: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)


def score_document(path: Path, gold: dict[str, Any]) -> DocScore:
    """Scan one corpus document and score it against its gold."""
    result = scan_documents([path])
    rows = result.features.drop(columns="geometry").to_dict("records")
    geoms = list(result.features.geometry)
    score = DocScore(path.name, outside_doc=not gold.get("in_area", True))
    ignored = {_fold(i["name"]) for i in gold.get("ignore", [])}
    features = gold["features"]
    score.gold = len(features)
    for feat in features:
        hits = [r for r in rows if names_match(r["name"], feat["name"])]
        if hits:
            score.recalled += 1
        else:
            score.missed.append(feat["name"])
        if feat.get("status") and hits:
            score.stated += 1
            # the corpus rule: when a document gives a feature two states, the latest one wins
            said = next((r["status"] for r in reversed(hits) if r["status"]), "")
            if said == feat["status"]:
                score.status_right += 1
            else:
                score.bad_status.append(f"{feat['name']}: {said or '-'} (gold {feat['status']})")
        elif feat.get("status"):
            score.stated += 1
            score.bad_status.append(f"{feat['name']}: not found (gold {feat['status']})")
        if hits and not feat.get("status") and any(r["status"] for r in hits):
            score.given_unstated += 1  # a stage given where the gold says the text states none
    distinct = {r["name"] for r in rows if _fold(r["name"]) not in ignored}
    score.found = len(distinct)
    for name in distinct:
        if any(names_match(name, f["name"]) for f in features):
            score.correct += 1
        else:
            score.wrong.append(name)
    if score.outside_doc:
        score.placed_outside = sum(g is not None for g in geoms)
    return score


def score_corpus(folder: Path = CORPUS_DIR) -> list[DocScore]:
    """Scores of every document of ``folder`` (the corpus unless told; ``HELDOUT_DIR`` for the held-out set)."""
    return [score_document(path, gold) for path, _text, gold in corpus_documents(folder)]


def totals(scores: list[DocScore]) -> dict[str, float]:
    """Recall, precision, status accuracy and features of outside documents placed in the area."""
    gold = sum(s.gold for s in scores)
    found = sum(s.found for s in scores)
    stated = sum(s.stated for s in scores)
    return {
        "gold": gold, "recalled": sum(s.recalled for s in scores), "found": found,
        "correct": sum(s.correct for s in scores),
        "recall": sum(s.recalled for s in scores) / gold,
        "precision": sum(s.correct for s in scores) / found if found else 0.0,
        "stated": stated, "status_right": sum(s.status_right for s in scores),
        "status_accuracy": sum(s.status_right for s in scores) / stated if stated else 0.0,
        "placed_outside": sum(s.placed_outside for s in scores),
        "given_unstated": sum(s.given_unstated for s in scores),
    }


def main() -> None:
    """Print the per-document table and the totals (and, with ``-v``, what was missed and wrong)."""
    # exact argv items (--heldout1 never matches --heldout10); the corpus when no set is named
    folder = next((EVALUATION_SETS[a[2:]] for a in sys.argv[1:] if a[2:] in EVALUATION_SETS), CORPUS_DIR)
    scores = score_corpus(folder)
    print("| document | gold | recalled | found | correct | status right/stated | outside placed |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for s in scores:
        print(f"| {s.name} | {s.gold} | {s.recalled} | {s.found} | {s.correct} | {s.status_right}/{s.stated} | "
              f"{s.placed_outside if s.outside_doc else '-'} |")
        if "-v" in sys.argv:
            print("  missed:", s.missed, "\n  wrong:", s.wrong, "\n  status:", s.bad_status)
    print(totals(scores))


if __name__ == "__main__":
    main()
