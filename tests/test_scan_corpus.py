"""The scanner's evaluation corpus is well formed (issue 26).

Checks the corpus itself, not the scanner: every document names its source, every
gold file uses the project's vocabularies (``geo.config``), and every gold name is
written verbatim in its document, so that an evaluation against it measures the
scanner and not typing slips in the gold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geo import config
from tests._scan_corpus import CORPUS_DIR, corpus_documents, document_paths, gold_path, header

#: Kinds a gold feature may have: one per record file (singular), and ``place``
#: for a named place that is none of them (a village, an interchange, a river).
FEATURE_KINDS = frozenset(
    {key if key == "logistics" else key.removesuffix("s") for key in config.RECORD_FILES} | {"place"}
)

#: Sub-kind vocabularies, by kind.
SUBKINDS = {"logistics": config.LOGISTICS_KINDS, "project": config.PROJECT_KINDS}


def _body(text: str) -> str:
    """The document without its provenance header lines (names must occur in the article)."""
    keys = header(text)
    lines = text.splitlines()
    kept = [ln for ln in lines if not any(ln.strip().lstrip("#<!- ").startswith(k + ":") for k in keys)]
    return "\n".join(kept)


def _feature_problems(where: str, feature: dict[str, Any], body: str) -> list[str]:
    """Every problem of one gold feature, each naming the document, the feature and the field."""
    problems: list[str] = []
    name = feature.get("name")
    label = f"{where}: feature {name!r}"
    if not isinstance(name, str) or not name:
        return [f"{where}: a feature has no name: {feature!r}"]
    if name not in body:
        problems.append(f"{label}: name not written verbatim in the document")
    kind = feature.get("kind")
    if kind not in FEATURE_KINDS:
        problems.append(f"{label}: kind {kind!r} not one of {sorted(FEATURE_KINDS)}")
    mode = feature.get("mode")
    if kind == "corridor" and mode not in config.MODES:
        problems.append(f"{label}: corridor mode {mode!r} not one of {sorted(config.MODES)}")
    if kind != "corridor" and mode is not None:
        problems.append(f"{label}: mode {mode!r} given for a {kind}")
    if "status" not in feature:
        problems.append(f"{label}: no status field (null when the text states none)")
    elif feature["status"] is not None and feature["status"] not in config.STATUSES:
        problems.append(f"{label}: status {feature['status']!r} not one of {sorted(config.STATUSES)}")
    subkind = feature.get("subkind")
    if subkind is not None and subkind not in SUBKINDS.get(str(kind), {}):
        problems.append(f"{label}: subkind {subkind!r} not a sub-kind of {kind!r}")
    if not isinstance(feature.get("in_area"), bool):
        problems.append(f"{label}: in_area must be true or false, not {feature.get('in_area')!r}")
    unknown = set(feature) - {"name", "kind", "mode", "subkind", "status", "in_area", "note"}
    if unknown:
        problems.append(f"{label}: unknown fields {sorted(unknown)}")
    return problems


def _gold_problems(path: Path, text: str, gold: dict[str, Any]) -> list[str]:
    """Every problem of one document and its gold file."""
    where = path.name
    problems: list[str] = []
    source = header(text).get("source", "")
    if not source.startswith(("http://", "https://")):
        problems.append(f"{where}: no '# source: <address>' header line (found {source!r})")
    if gold.get("document") != path.name:
        problems.append(f"{where}: gold 'document' is {gold.get('document')!r}, expected {path.name!r}")
    if gold.get("source") != source:
        problems.append(f"{where}: gold 'source' {gold.get('source')!r} differs from the header's {source!r}")
    if not isinstance(gold.get("in_area"), bool):
        problems.append(f"{where}: gold 'in_area' must be true or false")
    body = _body(text)
    features = gold.get("features") or []
    if not features:
        problems.append(f"{where}: gold has no features")
    names = [f.get("name") for f in features]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(f"{where}: feature {name!r} annotated more than once (one entry per feature)")
    for feature in features:
        problems.extend(_feature_problems(where, feature, body))
        if gold.get("in_area") is False and feature.get("in_area") is True:
            problems.append(f"{where}: feature {feature.get('name')!r} in the area in a document outside it")
    for entry in gold.get("ignore", []):
        if entry.get("name") not in body:
            problems.append(f"{where}: ignored name {entry.get('name')!r} not in the document")
        if entry.get("name") in names:
            problems.append(f"{where}: {entry.get('name')!r} both a feature and ignored")
        if not entry.get("why"):
            problems.append(f"{where}: ignored name {entry.get('name')!r} gives no reason")
    return problems


def test_every_document_has_a_gold_file_and_every_gold_file_a_document() -> None:
    documents = {gold_path(p).name for p in document_paths()}
    golds = {p.name for p in CORPUS_DIR.glob("*.gold.json")}
    assert documents == golds, (
        f"documents without gold: {sorted(documents - golds)}; gold without document: {sorted(golds - documents)}"
    )


def test_gold_files_are_valid() -> None:
    problems: list[str] = []
    for path, text, gold in corpus_documents():
        problems.extend(_gold_problems(path, text, gold))
    assert not problems, "\n".join(problems)


def test_the_corpus_has_what_the_acceptance_test_needs() -> None:
    docs = list(corpus_documents())
    assert len(docs) >= 10
    assert any(p.suffix == ".html" for p, _, _ in docs), "one document must be an HTML page"
    outside = [g for _, _, g in docs if g["in_area"] is False]
    assert outside, "a near-homonym document outside the area (黔江区) is needed"
    assert all(f["in_area"] is False for g in outside for f in g["features"])
    stated = sum(f["status"] is not None for _, _, g in docs for f in g["features"])
    assert stated >= 30, f"only {stated} gold features state a status"


def test_the_readme_lists_every_document() -> None:
    readme = (CORPUS_DIR / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in document_paths() if p.name not in readme]
    assert not missing, f"README.md does not list {missing}"


@pytest.mark.parametrize("text, expected", [
    ("# source: http://a.b/c\n# title: t\n\n正文", {"source": "http://a.b/c", "title": "t"}),
    ("<!DOCTYPE html>\n<!-- source: http://a.b/c -->\n<html>", {"source": "http://a.b/c"}),
    ("正文\n# source: http://late/", {}),
])
def test_header_reads_only_the_leading_provenance_lines(text: str, expected: dict[str, str]) -> None:
    assert header(text) == expected
