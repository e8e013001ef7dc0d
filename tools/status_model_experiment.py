"""Developer experiment: does a small learned status classifier carry to unseen documents better than the rules?

The scanner's works status (``geo/scan/_classify.py``) is hand-written rules.  Each round of rules lifted the
sets it was written from and scored far lower on the next blind set.  This script tests another approach,
leave-one-set-out (LOSO) over the project's own gold sets (``tests/data/scan/corpus``, ``heldout`` …
``heldout14``): for each set, a linear model is trained on every other set and scored on it, exactly as
``tests/scan/_scan_eval.py`` scores status (a gold feature with a stated status that the scanner does not
find counts as wrong; when several mentions match, the latest one that states a status wins).

Two stages, because the scanner needs the project's environment and the model needs scikit-learn, which
the project does not depend on:

1. ``PYTHONPATH=$PWD .venv/bin/python tools/status_model_experiment.py table /tmp/status_table.json``
   scans every set and writes one row per (found mention, gold feature it matches): the set, document,
   gold status (``none`` when the gold states none), the rules' status and the mention's features
   (:func:`mention_features`).
2. ``python tools/status_model_experiment.py evaluate /tmp/status_table.json`` (any Python with
   scikit-learn and numpy, e.g. a throwaway venv) prints the per-set table: rules alone, model alone
   and two hybrids, with status accuracy and "given where none" (a status given where the gold states none).

The sets 1–14 never include ``heldout15`` (a blind set being built); the table stage skips any set it is
not given by name in :data:`SETS`.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: The evaluation sets used, in the order they were made (never ``heldout15``, the blind set being built).
SETS = ("corpus", "heldout", *(f"heldout{i}" for i in range(2, 15)))
#: Characters of context kept on each side of a mention, inside its sentence.
WINDOW = 40
#: Characters of the near window (the words right next to a name weigh most).
NEAR = 8
_CLAUSE_END = "，,；;：:。！？!?\n"
_SENTENCE_END = "。！？!?\n"


def _grams(text: str, tag: str, most: int = 3) -> list[str]:
    """Character 1..``most``-grams of ``text``, each prefixed with ``tag``."""
    return [f"{tag}:{text[i:i + n]}" for n in range(1, most + 1) for i in range(len(text) - n + 1)]


def mention_features(text: str, start: int, end: int, heading: str, rule: str, kind: str) -> list[str]:
    """The features of the mention ``text[start:end]`` (``text`` simplified), as strings for a linear model.

    Character n-grams of the sentence before and after the mention (marked by side), of the clause and of
    the near window on each side, and of the heading in force; the rules' status and the scanner's kind;
    and a few structure cues (in a list, at the start or end of its sentence or clause).
    """
    lo = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    hi = min((i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0), default=len(text))
    left, right = text[max(lo, start - WINDOW):start], text[end:min(hi, end + WINDOW)]
    cut_l = max(left.rfind(c) for c in _CLAUSE_END) + 1
    cut_r = min((i for i in (right.find(c) for c in _CLAUSE_END) if i >= 0), default=len(right))
    feats = [f"rule:{rule or 'none'}", f"kind:{kind}", f"rule_kind:{rule or 'none'}|{kind}"]
    feats += _grams(left, "L") + _grams(right, "R")
    feats += _grams(left[cut_l:], "CL") + _grams(right[:cut_r], "CR")
    feats += _grams(left[-NEAR:], "NL") + _grams(right[:NEAR], "NR")
    feats += _grams(heading, "H", 2)
    feats.append(f"first_in_sentence:{start - lo < 3}")
    feats.append(f"clause_start:{cut_l == len(left)}")
    feats.append(f"clause_end:{cut_r == 0}")
    feats.append(f"in_list:{left[-1:] in ('、', '和', '及') or right[:1] in ('、', '和', '及', '等')}")
    feats.append(f"short_sentence:{hi - lo < 30}")
    return feats


def build_table(out: Path) -> None:
    """Scan every set and write the training table (one JSON object per row, a list) to ``out``."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "scan")]
    from _scan_corpus import EVALUATION_SETS, corpus_documents  # type: ignore[import-not-found]
    from _scan_eval import names_match  # type: ignore[import-not-found]

    from geo.scan import scan_documents
    from geo.scan._read import read_document, simplified
    from geo.scan._sections import parse_sections

    table: list[dict[str, Any]] = []
    for set_name in SETS:
        for path, _text, gold in corpus_documents(EVALUATION_SETS[set_name]):
            doc = read_document(path)
            shadow = simplified(doc.text)
            heads = parse_sections(doc.text)
            result = scan_documents([path])
            rows = result.features.drop(columns="geometry").to_dict("records")
            for g, feat in enumerate(gold["features"]):
                label = feat.get("status") or "none"
                hits = [r for r in rows if names_match(r["name"], feat["name"])]
                base = {"set": set_name, "doc": path.name, "gold_id": g, "gold": label}
                if not hits:  # a miss: still a row, so that the scores count it as eval does
                    table.append({**base, "found": False})
                    continue
                for r in hits:
                    heading = heads.at(int(r["start"])).citation()
                    table.append({**base, "found": True, "start": int(r["start"]), "rule": r["status"] or "none",
                                  "features": mention_features(shadow, int(r["start"]), int(r["end"]),
                                                               simplified(heading), r["status"], r["kind"])})
        print(set_name, len(table), file=sys.stderr)
    out.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")


def score(rows: list[dict[str, Any]], said: list[str]) -> tuple[int, int, int]:
    """(right, stated, given where none) of one set, counted as ``_scan_eval`` counts them.

    ``said`` is the status given to each row (``none`` for none); per gold feature, the latest mention
    that states a status wins.
    """
    by_feature: dict[tuple[str, int], list[tuple[int, str, str]]] = defaultdict(list)
    for row, s in zip(rows, said, strict=True):
        by_feature[(row["doc"], row["gold_id"])].append((row.get("start", -1), s, row["gold"]))
    right = stated = given = 0
    for mentions in by_feature.values():
        gold = mentions[0][2]
        found = [m for m in sorted(mentions) if m[0] >= 0]
        latest = next((s for _, s, _ in reversed(found) if s != "none"), "none")
        if gold != "none":
            stated += 1
            right += bool(found) and latest == gold
        elif found and latest != "none":
            given += 1
    return right, stated, given


def _pooled(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per found gold feature: the union of its mentions' features and the rules' latest status."""
    groups: dict[tuple[str, str, int], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["set"], r["doc"], r["gold_id"])].append(r)
    out = []
    for members in groups.values():
        found = sorted((r for r in members if r["found"]), key=lambda r: r["start"])
        if not found:
            out.append(members[0])
            continue
        latest = next((r["rule"] for r in reversed(found) if r["rule"] != "none"), "none")
        feats = {x for r in found for x in r["features"] if not x.startswith("rule")}
        feats |= {f"rule:{latest}", f"last:{found[-1]['rule']}", f"mentions:{min(len(found), 4)}"}
        out.append({**found[-1], "rule": latest, "features": sorted(feats)})
    return out


#: Features that carry the rules' output.
_RULE_TAGS = ("rule:", "rule_kind:", "last:")


def _small(matrix: Any) -> Any:
    """``matrix`` (CSR) with 32-bit indices, which the solvers require."""
    import numpy as np

    matrix = matrix.tocsr()
    matrix.indices = matrix.indices.astype(np.int32)
    matrix.indptr = matrix.indptr.astype(np.int32)
    return matrix


def evaluate(table_path: Path, c: float = 1.0, confident: float = 0.7, pooled: bool = False,
             norule: bool = False) -> None:
    """Print the leave-one-set-out table: rules, model, and two hybrids, per set and in total.

    With ``pooled``, one example per gold feature (its mentions' features pooled) instead of one per mention;
    with ``norule``, the model does not see the rules' output (the rules were written from most of these sets,
    so their output carries the held-out set's gold into the model; without it the model learns only from
    the other sets).
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-not-found]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-not-found]

    table = json.loads(table_path.read_text(encoding="utf-8"))
    if pooled:
        table = _pooled(table)
    if norule:
        table = [{**r, "features": [f for f in r.get("features", []) if not f.startswith(_RULE_TAGS)]}
                 for r in table]
    found = [r for r in table if r["found"]]
    print(f"C={c} confident={confident} pooled={pooled} norule={norule}; rows {len(table)}, found {len(found)}")
    print("| set | stated | rules | model | hybrid 1: model where rules say none | hybrid 2: model if p >= "
          f"{confident} | given where none: rules/model/h1/h2 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    sums = np.zeros(9, dtype=int)
    recent = np.zeros(9, dtype=int)
    for held in SETS:
        train = [r for r in found if r["set"] != held]
        test = [r for r in table if r["set"] == held]
        counts: dict[str, int] = defaultdict(int)
        for r in train:
            for x in set(r["features"]):
                counts[x] += 1
        vec = DictVectorizer()
        x = _small(vec.fit_transform([{f: 1 for f in r["features"] if counts[f] >= 2} for r in train]))
        model = LogisticRegression(C=c, max_iter=1000)
        model.fit(x, [r["gold"] for r in train])
        rules = [r.get("rule", "none") for r in test]
        tested = [r for r in test if r["found"]]
        probs = model.predict_proba(_small(vec.transform([dict.fromkeys(r["features"], 1) for r in tested])))
        probs = probs / probs.sum(1, keepdims=True)
        best = iter(zip(model.classes_[probs.argmax(1)], probs.max(1), strict=True))
        pred, conf = [], []
        for r in test:
            p, q = next(best) if r["found"] else ("none", 0.0)
            pred.append(str(p))
            conf.append(float(q))
        hyb1 = [m if ru == "none" else ru for ru, m in zip(rules, pred, strict=True)]
        hyb2 = [m if q >= confident else ru for ru, m, q in zip(rules, pred, conf, strict=True)]
        scores = [score(test, s) for s in (rules, pred, hyb1, hyb2)]
        stated = scores[0][1]
        line = np.array([stated] + [s[0] for s in scores] + [s[2] for s in scores])
        sums += line
        if held in {f"heldout{i}" for i in range(9, 15)}:
            recent += line
        print(f"| {held} | {stated} | " + " | ".join(f"{s[0]} ({s[0] / stated:.0%})" for s in scores)
              + " | " + "/".join(str(s[2]) for s in scores) + " |")
    for name, t in (("all", sums), ("sets 9–14", recent)):
        print(f"| **{name}** | {t[0]} | " + " | ".join(f"{v} ({v / t[0]:.1%})" for v in t[1:5])
              + " | " + "/".join(str(v) for v in t[5:]) + " |")


def main(argv: list[str]) -> None:
    """``table OUT.json`` or ``evaluate TABLE.json [C] [CONFIDENT] [pooled] [norule]``."""
    if len(argv) >= 2 and argv[0] == "table":
        build_table(Path(argv[1]))
    elif len(argv) >= 2 and argv[0] == "evaluate":
        given = [float(a) for a in argv[2:] if a not in ("pooled", "norule")]
        numbers = given + [1.0, 0.7][len(given):]
        evaluate(Path(argv[1]), c=numbers[0], confident=numbers[1], pooled="pooled" in argv, norule="norule" in argv)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
