"""Private: read -> sections -> find -> classify -> match -> place, for one or more documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo import config
from geo._errors import ScanError
from geo.gazetteer import Gazetteer
from geo.scan._classify import classify_status, name_mask, sentence_bounds
from geo.scan._find import counties_named, find_mentions
from geo.scan._match import RecordIndex, RecordRef, change_of
from geo.scan._names import Dictionary
from geo.scan._place import CountyContext, elsewhere, place_mention
from geo.scan._read import MAX_BYTES, Document, read_document, simplified
from geo.scan._sections import parse_sections
from geo.scan._text import Mention

#: Properties of every found feature, in order (the GeoJSON's and the GeoDataFrame's columns).
FEATURE_COLUMNS: tuple[str, ...] = (
    "id", "name", "full_name", "kind", "sub_kind", "mode", "status", "status_words", "document", "section", "source",
    "start", "end", "quote", "record_id", "record_name", "change", "old_status", "precision", "in_area", "province",
    "county",
    "township", "via", "route", "seq", "found_by",
)
_DOC_CODE = re.compile(r"^(\d{3})_")
#: Built layers holding the records' geometries.
RECORD_LAYERS = ("townships", "corridors", "tourism_routes", "tourism_stops", "logistics_parks", "projects")


@dataclass
class Scanned:
    """What scanning gave before it is written: the features (rows + geometries) and the records seen."""

    documents: list[Document]
    rows: list[dict[str, Any]] = field(default_factory=list)
    geometries: list[BaseGeometry | None] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)


def document_code(doc: Document) -> str:
    """How a feature's ``source`` names its document: ``001`` for ``001_….txt`` (the seeds' codes), else its stem."""
    found = _DOC_CODE.match(doc.name)
    return found.group(1) if found else doc.path.stem


def read_all(paths: Sequence[Path | str], max_bytes: int = MAX_BYTES) -> list[Document]:
    """Read every document; raise one ScanError listing every file that cannot be read."""
    documents, problems = [], []
    for path in paths:
        try:
            documents.append(read_document(path, max_bytes=max_bytes))
        except ScanError as exc:
            problems.append(str(exc))
    if not paths:
        raise ScanError("no document given; name one or more .txt, .docx, .pdf or .html files")
    if problems:
        if len(problems) == 1:
            raise ScanError(problems[0])
        raise ScanError(f"{len(problems)} of {len(paths)} document(s) cannot be read; nothing was written",
                        problems)
    return documents


def record_geometries(layers: dict[str, gpd.GeoDataFrame]) -> dict[str, tuple[BaseGeometry | None, str, dict]]:
    """Record id -> (geometry, precision, properties) from the built layers (first feature of an id)."""
    out: dict[str, tuple[BaseGeometry | None, str, dict]] = {}
    for name in RECORD_LAYERS:
        frame = layers.get(name)
        if frame is None:
            continue
        key = "route_id" if name == "tourism_routes" and "route_id" in frame.columns else "id"
        for geom, props in zip(frame.geometry, frame.drop(columns=frame.geometry.name).to_dict("records"),
                               strict=True):
            rid = str(props.get(key) or props.get("id") or "")
            if rid and rid not in out:
                out[rid] = (geom, str(props.get("precision") or ""), props)
    return out


def _row(doc: Document, shadow: str, code: str, index: int, m: Mention, ref: RecordRef | None, k: int,
         mask: bytearray) -> dict[str, Any]:
    text = doc.text
    kind = ref.kind if ref else m.kind
    sub = str(ref.row.get("mode") or ref.row.get("kind") or ref.row.get("level") or ref.row.get("theme") or "") \
        if ref else m.sub
    status, words = classify_status(shadow, m.start, m.end, kind, m.full_name, mask)
    change, old = change_of(ref, status)
    lo, hi = sentence_bounds(text, m.start, m.end)
    return {
        "id": f"{index:02d}-{m.start:07d}-{k}", "name": text[m.start:m.end], "full_name": m.full_name,
        "kind": kind, "sub_kind": sub,
        "mode": sub if kind == "corridor" and sub in config.MODES else "", "status": status or "",
        "status_words": words, "document": doc.name, "section": "", "source": code, "start": m.start,
        "end": m.end, "quote": text[lo:hi].strip(), "record_id": ref.id if ref else "",
        "record_name": ref.name if ref else "", "change": change, "old_status": old, "precision": "",
        "in_area": True, "province": "", "county": "", "township": "", "via": config.LIST_SEP.join(m.via),
        "route": m.route, "seq": m.seq or None, "found_by": m.how,
    }


def scan_one(doc: Document, index: int, *, dictionary: Dictionary, records: RecordIndex, gazetteer: Gazetteer,
             geometries: dict[str, tuple[BaseGeometry | None, str, dict]], into: Scanned) -> None:
    """Find, classify, match and place the features of one document, appending them to ``into``."""
    sections = parse_sections(doc.text)
    code = document_code(doc)
    shadow = simplified(doc.text)
    hits = sorted(dictionary.hits(shadow))
    mentions = find_mentions(shadow, dictionary, hits)
    context = CountyContext(shadow, counties_named(hits))
    mask = name_mask(len(doc.text), [(m.start, m.end, m.kind) for m in mentions])
    for m in mentions:
        written = doc.text[m.start:m.end] + (m.full[m.end - m.start:] if m.full.startswith(m.name) else "")
        refs = records.match(written, m.kind, m.route) or records.match(m.full_name, m.kind, m.route)
        if elsewhere(m, context) is not None:  # a namesake outside the area (中山市's 三角镇) is no record of ours
            refs = []
        if len(refs) > 1 and not m.route and len({r.kind for r in refs}) == 1:
            chosen: list[RecordRef | None] = list(refs)
        else:
            chosen = [refs[0] if refs else None]
        for k, ref in enumerate(chosen):
            row = _row(doc, shadow, code, index, m, ref, k, mask)
            heading = sections.at(m.start).citation()
            row["section"] = heading
            row["source"] = f"{code} {heading}".strip()
            placed = place_mention(m, record_geometry=geometries.get(ref.id) if ref else None, context=context,
                                   gazetteer=gazetteer, hits=hits)
            row.update(precision=placed.precision, in_area=placed.in_area, province=placed.province,
                       county=placed.county, township=placed.township)
            if ref is not None:
                into.matched.add(ref.id)
            into.rows.append(row)
            into.geometries.append(placed.geometry)


def to_frame(scanned: Scanned) -> gpd.GeoDataFrame:
    """The found features as a GeoDataFrame (EPSG:4326, null geometries kept), columns :data:`FEATURE_COLUMNS`."""
    frame = gpd.GeoDataFrame([{c: r.get(c) for c in FEATURE_COLUMNS} for r in scanned.rows],
                             columns=list(FEATURE_COLUMNS), geometry=gpd.GeoSeries(scanned.geometries, crs="EPSG:4326"))
    return frame.set_crs("EPSG:4326", allow_override=True)
