"""Files of corrections: read an import (CSV or GeoJSON), write the accepted corrections (CSV).

One format both ways, following the conventions of ``seeds/`` (UTF-8, a
header row, Python's ``csv`` quoting, line 1 is the header)::

    id,lon,lat,precision,source,note[,status,status_date][,wkt]

A row with ``lon``/``lat`` (or ``wkt``, for a line) moves the feature; a row
with ``status`` and ``status_date`` records progress (``lon``/``lat`` may be
empty); a row with only ``note`` adds a note.  Other columns (``layer``,
``edited_by``...) are allowed: ``layer``, when given, must be the feature's.
A GeoJSON FeatureCollection carries the same properties and the geometry
(Point or LineString, or null for a status).  Every bad row is reported with
its line (or feature number) and the reason, and nothing is applied unless
every row is good.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any, Final

import shapely
from shapely.geometry import mapping

from geo._csvsafe import SafeWriter
from geo._errors import EditError
from geo.config import EDIT_TEXT_MAX_CHARS
from geo.edits._model import FeatureState
from geo.edits._store import Change, EditStore

#: Columns an import CSV must have.
REQUIRED_COLUMNS: Final[tuple[str, ...]] = ("id", "lon", "lat", "precision", "source", "note")
#: Columns of the corrections file written by ``edits export`` (importable again).
CORRECTION_COLUMNS: Final[tuple[str, ...]] = (
    "id", "lon", "lat", "precision", "source", "note", "status", "status_date", "wkt", "layer",
    "edited_by", "edited_at", "edit_id",
)
MAX_FILE_BYTES: Final[int] = 20 * 1024 * 1024
MAX_ROWS: Final[int] = 20_000


def read_changes(path: Path, store: EditStore) -> list[Change]:
    """The checked changes of an import file, or :class:`EditError` listing every bad row."""
    from geo.upload import decode_text

    display = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditError(f"cannot read {str(path)!r}: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise EditError(f"{display}: file too large ({len(data)} bytes, at most {MAX_FILE_BYTES})")
    decoded = decode_text(data)
    if decoded is None:
        raise EditError(f"{display}: not a text file in UTF-8 or GBK; save it as UTF-8 CSV or GeoJSON")
    text = decoded[0]
    rows = _geojson_rows(text, display) if text.lstrip().startswith("{") else _csv_rows(text, display)
    if len(rows) > MAX_ROWS:
        raise EditError(f"{display}: {len(rows)} rows, at most {MAX_ROWS}; split the file")
    if not rows:
        raise EditError(f"{display}: no rows to import")
    changes: list[Change] = []
    problems: list[str] = []
    for where, row in rows:
        try:
            changes += _row_changes(row, store)
        except EditError as exc:
            problems += [f"{where}: {p}" for p in (exc.problems or [str(exc)])]
    if problems:
        raise EditError(f"{display}: nothing imported, fix these rows and run again", problems)
    return changes


def _csv_rows(text: str, display: str) -> list[tuple[str, dict[str, Any]]]:
    from geo._csvsafe import restore

    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    start = 2
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise EditError(f"{display}: the header lacks column(s) {', '.join(missing)}; "
                            f"expected {','.join(REQUIRED_COLUMNS)}[,status,status_date]")
        reader.fieldnames = header
        for record in reader:
            cells = {k: restore((v or "").strip()).replace("\r\n", "\n") for k, v in record.items() if k is not None}
            if None in record:
                cells["__extra__"] = "yes"
            rows.append((f"{display} line {start}", cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        header = list(reader.fieldnames or [])
        raise EditError(f"{display}: nothing imported", [
            f"{display} line {start}: {_csv_problem(exc, text, start, header)}"]) from None
    return rows


def _csv_problem(exc: csv.Error, text: str, line: int, header: list[str]) -> str:
    """Words for a CSV reader error at ``line``, naming the column of a cell over the reader's size limit."""
    limit = csv.field_size_limit()
    if "field larger than field limit" not in str(exc):
        return f"not readable as CSV ({exc}); check the quotes of this row"
    rest = "".join(text.splitlines(keepends=True)[line - 1:])
    column, length, quoted, index = 0, 0, False, 0
    while index < len(rest):
        char = rest[index]
        if quoted and char == '"':
            if rest[index + 1:index + 2] == '"':
                index += 1
                length += 1
            else:
                quoted = False
        elif quoted or (char not in ',"\r\n'):
            length += 1
        elif char == '"' and length == 0:
            quoted = True
        elif char == ",":
            if length > limit:
                break
            column, length = column + 1, 0
        elif char in "\r\n":
            break
        index += 1
        if length > limit:
            break
    name = header[column] if column < len(header) else f"column {column + 1}"
    return (f"field {name!r} holds more than {limit:,} characters (the CSV reader's limit); "
            f"a source or note may have at most {EDIT_TEXT_MAX_CHARS:,}: shorten it")


def _geojson_rows(text: str, display: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EditError(f"{display}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise EditError(f"{display}: nested too deeply to read (arrays or objects inside one another "
                        "hundreds of times); a GeoJSON import is a FeatureCollection of flat properties") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise EditError(f"{display}: not readable as JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise EditError(f"{display}: a GeoJSON import must be a FeatureCollection")
    features = document.get("features")
    if features is None:
        features = []
    if not isinstance(features, list):
        raise EditError(f"{display}: \"features\" must be a list of features, not {_kind(features)}")
    rows = []
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        where = f"{display} feature {number}"
        if not isinstance(properties, dict):
            rows.append((where, {"__error__": "a feature without properties (an object of id, source, note...)"}))
            continue
        row: dict[str, Any] = {}
        for name, value in properties.items():
            if isinstance(value, (dict, list)):
                row.setdefault("__error__", f"property {str(name)!r} must be text or a number, not {_kind(value)}")
            row[name] = "" if value is None else value
        row["__geometry__"] = feature.get("geometry")
        shown = row.get("id", "")
        rows.append((f"{where} (id={shown if isinstance(shown, (str, int, float)) else ''!r})", row))
    return rows


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(type(value), type(value).__name__)


def _row_changes(row: dict[str, Any], store: EditStore) -> list[Change]:
    if "__error__" in row:
        raise EditError(row["__error__"])
    if "__extra__" in row:
        raise EditError("more cells than header columns (an unquoted comma?)")
    feature_id = str(row.get("id", "")).strip()
    if not feature_id:
        raise EditError("id is empty: give the id of a plan feature (e.g. pj-zaodu-reservoir)")
    layer = str(row.get("layer") or "").strip() or None
    geometry, geometry_problems = _row_geometry(row)
    status = str(row.get("status") or "").strip()
    source = row.get("source", "")
    note = row.get("note", "")
    if geometry is None and not status and not geometry_problems and not str(note).strip():
        raise EditError(f"{feature_id}: nothing to change: give lon/lat (or wkt), a status with its date, or a note")
    changes: list[Change] = []
    problems = list(geometry_problems)
    checks = []
    if geometry is not None:
        checks.append(lambda: store.check_move(feature_id, layer, geometry, row.get("precision", ""), source, note))
    if status:
        checks.append(lambda: store.check_status(feature_id, layer, status, str(row.get("status_date", "")),
                                                 source, note))
    if geometry is None and not status and not geometry_problems:
        checks.append(lambda: store.check_note(feature_id, layer, note, source))
    if geometry_problems:
        problems += _other_problems(store, feature_id, layer, row)
    for check in checks:
        try:
            changes.append(check())
        except EditError as exc:
            problems += [p for p in exc.problems if p not in problems]
    if problems:
        raise EditError("bad row", problems)
    return changes


def _other_problems(store: EditStore, feature_id: str, layer: str | None, row: dict[str, Any]) -> list[str]:
    """Problems of a row besides its unreadable coordinates (id, layer, source, precision)."""
    from geo.edits._catalogue import LINE_PRECISIONS, POINT_PRECISIONS, check_text

    feature, problems = store.catalogue.check_feature(feature_id, layer)
    problems += check_text(feature_id, "source", row.get("source", ""), required=True)
    allowed = POINT_PRECISIONS if feature is None or feature.geometry_type == "Point" else LINE_PRECISIONS
    if row.get("precision") not in allowed:
        problems.append(f"{feature_id}: precision {row.get('precision')!r} is not one of {', '.join(allowed)}")
    return problems


def _row_geometry(row: dict[str, Any]) -> tuple[dict | None, list[str]]:
    if "__geometry__" in row:
        geometry = row["__geometry__"]
        return (geometry if geometry else None), []
    wkt = str(row.get("wkt") or "").strip()
    if wkt:
        try:
            return mapping(shapely.from_wkt(wkt)), []
        except Exception:  # shapely.errors.GEOSException and friends
            return None, [f"wkt {wkt[:60]!r} is not valid WKT (e.g. LINESTRING (106.6 28.9, 106.7 28.8))"]
    lon_text, lat_text = str(row.get("lon", "")).strip(), str(row.get("lat", "")).strip()
    if not lon_text and not lat_text:
        return None, []
    values = []
    for label, value in (("lon", lon_text), ("lat", lat_text)):
        try:
            number = float(value)
        except ValueError:
            return None, [f"{label} {value!r} is not a number (decimal degrees, WGS84)"]
        if not math.isfinite(number):
            return None, [f"{label} {value!r} is not a finite number"]
        values.append(number)
    return {"type": "Point", "coordinates": values}, []


def correction_rows(states: dict[str, FeatureState]) -> list[dict[str, Any]]:
    """One row per correction in force (move, status, note), by feature id then edit id."""
    rows = []
    for feature_id in sorted(states):
        state = states[feature_id]
        if state.geometry is not None and state.geometry_edit is not None:
            edit = state.geometry_edit
            row = _base_row(feature_id, state, edit, precision=state.precision or "")
            if state.geometry["type"] == "Point":
                row["lon"], row["lat"] = state.geometry["coordinates"]
            else:
                row["wkt"] = shapely.to_wkt(shapely.geometry.shape(state.geometry), rounding_precision=6,
                                            trim=True)
            rows.append(row)
        if state.status is not None and state.status_edit is not None:
            rows.append(_base_row(feature_id, state, state.status_edit, status=state.status,
                                  status_date=state.status_date or ""))
        for edit in state.note_edits:
            rows.append(_base_row(feature_id, state, edit))
    return rows


def _base_row(feature_id: str, state: FeatureState, edit: Any, **values: Any) -> dict[str, Any]:
    row = {column: "" for column in CORRECTION_COLUMNS}
    row.update(id=feature_id, source=edit.source, note=edit.note, layer=state.layer, edited_by=edit.user,
               edited_at=edit.time, edit_id=edit.edit_id, **values)
    return row


def write_corrections(states: dict[str, FeatureState], output: Path) -> int:
    """Write the corrections in force as CSV, atomically; the number of rows.

    Cells a spreadsheet would run as formulas get a leading apostrophe
    (:func:`geo._csvsafe.neutralise`); ``edits import`` takes it off again, so
    the file reads back to the stored text.
    """
    rows = correction_rows(states)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{output.name}-", dir=output.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            writer = SafeWriter(stream)  # cells neutralised against formulas (geo._csvsafe)
            writer.writerow(CORRECTION_COLUMNS)
            writer.writerows([row[column] for column in CORRECTION_COLUMNS] for row in rows)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(rows)
