"""The point records against the five source documents (second pass of issue 12).

Every section a point record cites must name it (its name or a listed variant), every
variant must be a spelling some document uses, and the placements the documents make
(獐狮坝 with 石壕's 河口坝 pipeline, 铜鼓滩 with 万盛's rafting, ...) must hold in the
built layers.  The documents are read only here, through the ``source_documents``
fixture, which skips when ``../shared/seeds`` is absent.
"""

from __future__ import annotations

import pytest

from conftest import normalize_text
from geo.records import load_all_records

POINT_KINDS = ("projects", "logistics", "tourism_stops")


@pytest.fixture(scope="module")
def records() -> dict[str, list[dict]]:
    return load_all_records()


def _spellings(rec: dict) -> list[str]:
    return [rec["name"], *rec.get("variants", [])]


def test_every_cited_section_names_the_record(records, source_documents) -> None:
    problems = []
    for kind in (*POINT_KINDS, "tourism_routes"):
        for rec in records[kind]:
            for citation in rec["source"]:
                try:
                    text = normalize_text(source_documents.section(citation))
                except KeyError:
                    problems.append(f"{kind} {rec['id']}: cites {citation!r}, which is no section of the documents")
                    continue
                if not any(normalize_text(s) in text for s in _spellings(rec)):
                    problems.append(f"{kind} {rec['id']}: {citation!r} names neither {rec['name']!r} nor a variant")
    assert not problems, "\n".join(problems)


def test_every_variant_is_a_spelling_of_the_documents(records, source_documents) -> None:
    corpus = {code: normalize_text(text) for code, text in source_documents.items()}
    problems = [f"{kind} {rec['id']}: variant {variant!r} is in no document"
                for kind in POINT_KINDS for rec in records[kind] for variant in rec.get("variants", [])
                if not any(normalize_text(variant) in text for text in corpus.values())]
    assert not problems, "\n".join(problems)
