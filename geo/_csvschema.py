"""Private plumbing: read a CSV file and check every row against a JSON schema.

CSV cells are text, so each value is first converted to the JSON type its
schema declares (``array`` cells are split on ``|``, ``integer``, ``number``
and ``boolean`` cells are parsed), then the row is validated.  Every problem of
every row is collected with its file and line so that one run shows them all.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from geo import config

#: Key added to every parsed row: the 1-based line of the row in its file
#: (the header is line 1).
LINE_KEY = "_line"

_TRUE = {"true", "yes", "1", "是"}
_FALSE = {"false", "no", "0", "否", ""}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load ``geo/schemas/<name>.schema.json`` and fill in its vocabularies.

    A (sub)schema with ``"x-vocabulary": "MODES"`` gets ``enum`` set to the keys
    of :data:`geo.config.MODES`, so the vocabularies live in one place; nested
    subschemas (``allOf``/``if``/``then``/``anyOf``) are filled too, so that a
    vocabulary can apply under a condition (a point record's ``province`` may be
    empty only when its ``position`` is ``unknown``).

    Parameters
    ----------
    name : str
        Schema name, e.g. ``"corridors"``.

    Returns
    -------
    dict
        The JSON schema, ready for :mod:`jsonschema`.
    """
    text = resources.files("geo").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    schema = json.loads(text)
    _fill_vocabularies(schema)
    return schema


def _fill_vocabularies(node: Any) -> None:
    """Set ``enum`` of every subschema of ``node`` that names an ``x-vocabulary``."""
    if isinstance(node, dict):
        vocab = node.get("x-vocabulary")
        if vocab:
            node["enum"] = list(getattr(config, vocab))
        for value in node.values():
            _fill_vocabularies(value)
    elif isinstance(node, list):
        for value in node:
            _fill_vocabularies(value)


def _convert(value: str, spec: dict[str, Any]) -> Any:
    """Convert one CSV cell to the JSON type named by its schema ``spec``."""
    kind = spec.get("type")
    value = value.strip()
    if kind == "array":
        return [v.strip() for v in value.split(config.LIST_SEP) if v.strip()]
    if kind == "integer":
        try:
            return int(value)
        except ValueError:
            return value  # left as text: the schema reports it
    if kind == "number":
        try:
            return float(value)
        except ValueError:
            return value
    if kind == "boolean":
        low = value.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        return value
    return value


def _iter_rows(path: Path) -> Iterator[tuple[int, dict[str | None, Any]]]:
    """Yield ``(line, row)`` for each data row of a CSV file (extra cells under the key ``None``)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, row


def read_records(path: Path, schema_name: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Read a CSV record file and validate every row against its schema.

    Parameters
    ----------
    path : Path
        The CSV file.
    schema_name : str
        Name of the schema in ``geo/schemas``.

    Returns
    -------
    rows : list of dict
        The valid rows, typed, each with :data:`LINE_KEY`.  Optional columns
        left empty are dropped from the row.
    problems : list of str
        One message per problem, naming file, line, id and field.
    """
    schema = load_schema(schema_name)
    props: dict[str, Any] = schema["properties"]
    validator = jsonschema.Draft202012Validator(schema)
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    if not path.is_file():
        return [], [f"{path}: file not found; create it with the header given in seeds/README.md"]
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
    except UnicodeDecodeError as exc:
        return [], [f"{path}: not UTF-8 ({exc}); save the file as UTF-8"]
    unknown = [h for h in header if h not in props]
    missing = [p for p in schema.get("required", []) if p not in header]
    if unknown or missing:
        if unknown:
            problems.append(f"{path}:1: unknown column(s) {unknown!r}; allowed: {list(props)!r}")
        if missing:
            problems.append(f"{path}:1: missing column(s) {missing!r}")
        return [], problems
    required = set(schema.get("required", []))
    for line, raw in _iter_rows(path):
        if None in raw:
            problems.append(f"{path}:{line}: more cells than columns ({raw[None]!r}); quote cells that contain commas")
            continue
        row: dict[str, Any] = {}
        for key, text in raw.items():
            if key is None:  # extra cells: reported above
                continue
            text = text or ""
            if not text.strip() and key not in required:
                continue
            row[key] = _convert(text, props[key])
        errors = sorted(validator.iter_errors(row), key=lambda e: list(e.path))
        if errors:
            rid = row.get("id", "?")
            for err in errors:
                field = ".".join(str(p) for p in err.path) or "(row)"
                problems.append(f"{path.name}:{line} id={rid!r} field {field}: {err.message}")
            continue
        row[LINE_KEY] = line
        rows.append(row)
    return rows, problems
