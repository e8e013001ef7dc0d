"""Document scanner: the places, projects and statuses of a Chinese plan or news report, set against the map.

``scan_documents`` reads .txt (UTF-8, GBK/GB18030), .docx, .pdf (text layer) and .html files, finds
every named, mappable feature (official-name dictionary + suffix grammar of planning prose), its
heading path, kind, mode and status, places it with the gazetteer (null where it cannot be placed
honestly), matches it to the map's records and says whether it is new, the same, or changed its
status.  ``write_outputs`` writes the GeoJSON, the review CSV and the HTML report, all or nothing;
``geojson_text`` and ``review_csv_text`` give the first two as text (the viewer's downloads).
``python -m geo scan`` is the command line (:mod:`geo.scan.cli`).

Private modules: ``_read`` (documents), ``_sections`` (headings), ``_names`` + ``_lexicon`` +
``_find`` + ``_suffix_names`` + ``_grammar`` + ``_road_names`` + ``_counted_places`` + ``_lists`` (finding),
``_classify`` + ``_status_pick`` + ``_status_words`` + ``_status_heads`` + ``_status_context`` + ``_status_class``
+ ``_status_story`` + ``_status_parts`` (status), ``_match`` (records), ``_place`` (geometry),
``_pipeline`` (the steps), ``_write`` (outputs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from geo._errors import ScanError
from geo.scan._read import MAX_BYTES, SUFFIXES, Document, read_document
from geo.scan._write import KIND_LABELS, geojson_text, review_columns, review_csv_text

__all__ = ["KIND_LABELS", "MAX_BYTES", "SUFFIXES", "Document", "ScanError", "ScanResult", "geojson_text",
           "read_document", "review_columns", "review_csv_text", "scan_documents", "write_outputs"]


@dataclass
class ScanResult:
    """What a scan found.

    Attributes
    ----------
    features : geopandas.GeoDataFrame
        One row per found feature (EPSG:4326; geometry None where not placed), columns
        :data:`geo.scan._pipeline.FEATURE_COLUMNS`: ``id``, ``name`` (as written), ``kind``,
        ``sub_kind``, ``mode``, ``status``, ``status_words``, ``document``, ``section``, ``source``
        (``001 专栏3-1``), ``start``/``end`` (offsets into the document's extracted text), ``quote``
        (the sentence, unescaped: escape it before showing), ``record_id``, ``record_name``,
        ``change`` (``new``/``same``/``status_changed``), ``old_status``, ``precision``, ``in_area``,
        ``province``, ``county``, ``township``, ``via``, ``route``, ``seq``, ``found_by``.
    review : list of dict
        The review CSV's rows (columns :func:`review_columns`).
    report_html : str
        The report page (every value escaped).
    unmentioned : list of dict
        Records of the map that no scanned document mentions: ``id``, ``name``, ``file``, ``status``.
    documents : list of Document
        The documents read (their ``text`` is what ``start``/``end`` index).
    """

    features: gpd.GeoDataFrame
    review: list[dict[str, str]]
    report_html: str
    unmentioned: list[dict[str, str]]
    documents: list[Document]

    def counts(self, column: str) -> dict[str, int]:
        """Number of features by the values of ``column`` (``kind``, ``change``, ``status`` ...)."""
        return {str(k): int(v) for k, v in self.features[column].value_counts().sort_index().items()}


def scan_documents(paths: Sequence[Path | str], *, seeds: Path | None = None, layers: Path | None = None,
                   max_bytes: int = MAX_BYTES) -> ScanResult:
    """Scan documents and set what they name against the map.

    Parameters
    ----------
    paths : sequence of Path or str
        The documents (.txt, .docx, .pdf, .html, .htm).
    seeds : Path, optional
        Folder of the records (default :func:`geo.config.seeds_dir`).
    layers : Path, optional
        Folder of the built layers, for the records' geometries (default :func:`geo.config.layers_dir`).
    max_bytes : int
        Largest document accepted.

    Returns
    -------
    ScanResult

    Raises
    ------
    ScanError
        If any document cannot be read (every such file listed, nothing scanned).
    RecordError, LayerError
        If the records or the built layers cannot be loaded.
    """
    from geo import config
    from geo.gazetteer import load_gazetteer
    from geo.records import load_all_records
    from geo.scan import _pipeline, _write
    from geo.scan._match import RecordIndex
    from geo.scan._names import build_dictionary
    from geo.store import load_layers

    documents = _pipeline.read_all(list(paths), max_bytes)
    records = load_all_records(seeds or config.seeds_dir())
    gazetteer = load_gazetteer()
    dictionary = build_dictionary(records, gazetteer)
    index = RecordIndex(records)
    geometries = _pipeline.record_geometries(load_layers(layers, list(_pipeline.RECORD_LAYERS)))
    scanned = _pipeline.Scanned(documents)
    for number, doc in enumerate(documents, start=1):
        _pipeline.scan_one(doc, number, dictionary=dictionary, records=index, gazetteer=gazetteer,
                           geometries=geometries, into=scanned)
    frame = _pipeline.to_frame(scanned)
    unmentioned = [{"id": ref.id, "name": ref.name, "file": config.RECORD_FILES[ref.file], "status": ref.status}
                   for ref in index.records.values() if ref.id not in scanned.matched]
    review = _write.review_rows(frame, {rid: ref.row for rid, ref in index.records.items()})
    report = _write.report_html(frame, [(d.name, d.encoding, len(d.text)) for d in documents], unmentioned)
    return ScanResult(frame, review, report, unmentioned, documents)


def write_outputs(result: ScanResult, output: Path, csv: Path | None = None, report: Path | None = None) -> list[Path]:
    """Write the GeoJSON (and the review CSV and report when asked), all or nothing.

    Parameters
    ----------
    result : ScanResult
    output : Path
        The GeoJSON file.
    csv, report : Path, optional
        The review CSV (UTF-8 with BOM) and the HTML report.

    Returns
    -------
    list of Path
        The files written.
    """
    from geo.scan import _write

    files = {Path(output): geojson_text(result.features)}
    if csv is not None:
        files[Path(csv)] = review_csv_text(result.review)
    if report is not None:
        files[Path(report)] = result.report_html
    return _write.write_atomically(files, bom=[Path(csv)] if csv is not None else [])
