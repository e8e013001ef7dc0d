"""Scan a document in the viewer: drop a file, see what it names as one more layer, a table and downloads.

The sidebar expander holds an ``st.file_uploader`` (:data:`geo.scan.SUFFIXES`
only); the file is written to a temporary folder under its own name and read by
:func:`geo.scan.scan_documents` once per file (kept in ``st.session_state``:
the scan lives in this session only, the plan's layers are never touched).  A
file that cannot be scanned gives the scanner's own message (naming the file).

On the map the placed features are one more layer coloured by ``change``
(新增 / 状态变化 / 相同, :data:`geo.config.SCAN_CHANGES`, colours in
:mod:`geo.symbology`); below the map, the results: counts, the table with the
quotes (also the features without a position, ``位置不明``), the records the
document does not mention, the downloads (review CSV, GeoJSON, report) and,
for a signed-in editor, the acceptance of a status change
(:mod:`geo.view.scan._accept`).
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Final

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo._errors import ScanError
from geo._html import escape_markdown
from geo.config import STATUSES
from geo.crs import shift_to_gcj02
from geo.scan import MAX_BYTES, SUFFIXES, ScanResult, geojson_text, review_csv_text, scan_documents
from geo.view.i18n import Language, text, vocab_label
from geo.view.scan._accept import draw_accept
from geo.view.scan._html import change_label, legend_rows, prepare_scan, results_table, scan_group

#: Session-state keys of the scan's widgets and of its result.
SCAN_KEY: Final[str] = "yq_scan_file"
SHOW_KEY: Final[str] = "yq_scan_show"
RESULTS_KEY: Final[str] = "yq_scan_results"
_RESULT_KEY: Final[str] = "yq_scan_result"
_PREPARED_KEY: Final[str] = "yq_scan_prepared"
#: File extensions the uploader offers (those the scanner reads).
ACCEPTED_TYPES: Final[list[str]] = [s.lstrip(".") for s in SUFFIXES]
#: Longest file name kept for the temporary copy (characters; the document's name in its citations).
NAME_CHARS: Final[int] = 120


def document_name(filename: str) -> str:
    """The browser's file name reduced to a safe base name (no folder, no control character).

    The scanner cites the document by this name (``source``, the review CSV, an
    accepted status's source), so Chinese names are kept as they are.
    """
    base = PurePath(str(filename or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    if len(base) > NAME_CHARS:
        suffix = PurePath(base).suffix
        base = base[: NAME_CHARS - len(suffix)] + suffix
    return base or "document.txt"


def scan_upload(filename: str, data: bytes, layers: Path | None = None) -> ScanResult:
    """Scan one uploaded document: checked suffix, written to a temporary file, then the scanner.

    Parameters
    ----------
    filename : str
        The name the browser gave (its suffix chooses the reader).
    data : bytes
        The content.
    layers : Path, optional
        The layers the viewer shows (the records' geometries).

    Returns
    -------
    ScanResult

    Raises
    ------
    ScanError
        Unknown suffix, or a document the scanner cannot read (the message names the file).
    """
    name = document_name(filename)
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ScanError(f"{name}: unknown document format {suffix or '(none)'!r}; "
                        f"give a {', '.join(SUFFIXES)} file")
    with tempfile.TemporaryDirectory(prefix="yq-scan-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return scan_documents([path], layers=layers, max_bytes=MAX_BYTES)
        except ScanError as error:  # the scanner names the temporary path: name the user's file instead
            raise ScanError(str(error).replace(str(path), name)) from None


@dataclass(frozen=True)
class PageScan:
    """The session's scan, for the page: its map group, legend rows and results (all empty without one).

    Attributes
    ----------
    label : str
        The document's name (unescaped).
    token : str
        Identifies the file (a cache key).
    result : ScanResult or None
        What the scan found.
    error : str or None
        Why the file could not be scanned.
    shown : bool
        Whether the user wants it on the map.
    """

    label: str = ""
    token: str = ""
    result: ScanResult | None = None
    error: str | None = None
    shown: bool = True

    def map_groups(self, lang: Language, gcj02: bool) -> list[folium.FeatureGroup]:
        """Its feature group (empty list without a scan or when hidden), shifted for GCJ-02 tiles."""
        if self.result is None or not self.shown:
            return []
        key = (self.token, lang, gcj02)
        cached = st.session_state.get(_PREPARED_KEY)
        if cached is not None and cached[0] == key:
            prepared = cached[1]
        else:
            prepared = prepare_scan(self.result.features, lang)
            prepared = shift_to_gcj02(prepared) if gcj02 and len(prepared) else prepared
            st.session_state[_PREPARED_KEY] = (key, prepared)
        return [scan_group(prepared, self.label, lang)]

    def legend_rows(self, lang: Language) -> str:
        """HTML of its legend block (``""`` without a scan or when hidden)."""
        if self.result is None or not self.shown:
            return ""
        return legend_rows(self.label, self.result.counts("change"), lang)


def page_scan(layers: Path | None = None) -> PageScan:
    """The session's scan as its widgets describe it, before they are drawn (scanned once per file).

    Parameters
    ----------
    layers : Path, optional
        The layers the viewer shows.
    """
    file = st.session_state.get(SCAN_KEY)
    if file is None:
        st.session_state.pop(_RESULT_KEY, None)
        st.session_state.pop(_PREPARED_KEY, None)
        return PageScan()
    token = str(getattr(file, "file_id", "") or id(file))
    cached = st.session_state.get(_RESULT_KEY)
    if cached is None or cached[0] != token:
        result: ScanResult | str
        try:
            result = scan_upload(str(file.name), file.getvalue(), layers)
        except ScanError as error:
            result = str(error)
        cached = (token, result)
        st.session_state[_RESULT_KEY] = cached
        st.session_state.pop(_PREPARED_KEY, None)
    label = document_name(str(file.name))
    shown = bool(st.session_state.get(SHOW_KEY, True))
    if isinstance(cached[1], str):
        return PageScan(label, token, error=cached[1], shown=shown)
    return PageScan(label, token, cached[1], shown=shown)


def counts_markdown(result: ScanResult, lang: Language) -> str:
    """``6 个要素 · 新增 0 · 状态变化 2 · 相同 4`` (escaped Markdown)."""
    counts = result.counts("change")
    parts = [f"{len(result.features)} {text('scan_found', lang)}"]
    parts += [f"{change_label(c, lang)} {counts.get(c, 0)}" for c in ("new", "status_changed", "same")]
    return escape_markdown(" · ".join(parts))


def unmentioned_table(unmentioned: list[dict[str, str]], lang: Language) -> pd.DataFrame:
    """The map's records the document does not mention, labelled in ``lang`` (plain text)."""
    columns = {"id": "id", "name": text("col_name", lang), "file": text("scan_col_file", lang),
               "status": text("col_status", lang)}
    rows = [{columns[k]: (vocab_label(STATUSES, r[k], lang) if k == "status" and r.get(k) else str(r.get(k) or ""))
             for k in columns} for r in unmentioned]
    return pd.DataFrame(rows, columns=list(columns.values()))


def draw_scan(lang: Language, scan: PageScan) -> None:
    """The sidebar expander: uploader, the scanner's message or the counts, and the show toggle."""
    box = st.sidebar.expander(text("scan", lang), expanded=st.session_state.get(SCAN_KEY) is not None)
    with box:
        st.file_uploader(text("scan_file", lang), type=ACCEPTED_TYPES, key=SCAN_KEY, help=text("scan_help", lang))
        if scan.error is not None:
            st.error(f"**{escape_markdown(text('scan_error', lang))}**\n\n{escape_markdown(scan.error, 2000)}")
            return
        if scan.result is None:
            return
        st.caption(f"{escape_markdown(scan.label)} · {counts_markdown(scan.result, lang)}")
        st.checkbox(text("scan_show", lang), value=True, key=SHOW_KEY)


def draw_scan_results(lang: Language, scan: PageScan, layers: Mapping[str, gpd.GeoDataFrame]) -> None:
    """Below the map: the counts, the table with the quotes, unmentioned records, downloads, accept form."""
    result = scan.result
    if result is None:
        return
    box = st.expander(f"{text('scan_results', lang)} · {scan.label}", expanded=True, key=RESULTS_KEY)
    with box:
        st.markdown(counts_markdown(result, lang))
        st.caption(text("scan_caution", lang))
        st.dataframe(results_table(result.features, lang), hide_index=True, width="stretch",
                     column_config=results_column_config(lang))
        _downloads(scan, result, lang)
        if result.unmentioned:
            with st.popover(f"{text('scan_unmentioned', lang)} ({len(result.unmentioned)})"):
                st.dataframe(unmentioned_table(result.unmentioned, lang), hide_index=True, width="stretch")
        draw_accept(result.features, layers, lang)


def results_column_config(lang: Language) -> dict[str, Any]:
    """Column settings of the results table: the name pinned, so it stays in view while the quote scrolls in."""
    return {text("col_name", lang): st.column_config.TextColumn(pinned=True),
            text("scan_col_quote", lang): st.column_config.TextColumn(width="large")}


def _downloads(scan: PageScan, result: ScanResult, lang: Language) -> None:
    stem = PurePath(scan.label).stem or "scan"
    csv_column, geojson_column, report_column = st.columns(3)
    csv_column.download_button(text("scan_csv", lang), ("\ufeff" + review_csv_text(result.review)).encode("utf-8"),
                               file_name=f"{stem}_review.csv", mime="text/csv", key="yq_scan_csv")
    geojson_column.download_button(text("scan_geojson", lang), geojson_text(result.features).encode("utf-8"),
                                   file_name=f"{stem}_scan.geojson", mime="application/geo+json",
                                   key="yq_scan_geojson")
    report_column.download_button(text("scan_report", lang), result.report_html.encode("utf-8"),
                                  file_name=f"{stem}_report.html", mime="text/html", key="yq_scan_report")


