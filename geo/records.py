"""Stage 1 — records: load the curated record files of ``seeds/``.

Each file is checked against its JSON schema (``geo/schemas``), then the set is
checked as a whole: ids unique across files, stops pointing at known routes
and numbered 1..n, partner towns known.  All problems are collected and raised
together in one :class:`~geo._errors.RecordError`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from geo import config
from geo._csvschema import LINE_KEY, read_records
from geo._errors import RecordError

Record = dict[str, Any]


def load_records(kind: str, folder: Path | None = None) -> list[Record]:
    """Load and validate one record file.

    Parameters
    ----------
    kind : str
        A key of :data:`geo.config.RECORD_FILES`, e.g. ``"corridors"``.
    folder : Path, optional
        Folder of the record files; defaults to :func:`geo.config.seeds_dir`.

    Returns
    -------
    list of dict
        The typed records, each with its line number under ``_line``.

    Raises
    ------
    RecordError
        If the file is missing or any row breaks its schema.
    """
    if kind not in config.RECORD_FILES:
        raise RecordError(f"unknown record kind {kind!r}; expected one of {list(config.RECORD_FILES)!r}")
    path = (folder or config.seeds_dir()) / config.RECORD_FILES[kind]
    rows, problems = read_records(path, kind)
    if problems:
        raise RecordError(f"{path} has invalid records", problems)
    return rows


#: Record files of point features: the ones with ``township``, ``place`` and ``position``.
POINT_KINDS: tuple[str, ...] = ("tourism_stops", "logistics", "projects")


def townships_of(rec: Record) -> list[str]:
    """The townships a point record names: none, one, or several (``打通镇|石壕镇``).

    A feature that a document ties to several townships is drawn at each seat
    (:func:`geo.layers.point_layer`), never at the county seat.
    """
    return [t.strip() for t in str(rec.get("township") or "").split(config.LIST_SEP) if t.strip()]


def position_unknown(rec: Record) -> bool:
    """Whether the record is a named feature whose place no source gives (``position`` = ``unknown``).

    Such a feature is kept with no geometry and precision
    :data:`geo.config.UNKNOWN_PRECISION` ("位置不明 / position unknown"), never guessed.
    """
    return rec.get("position") == config.UNKNOWN_PRECISION


def _where(kind: str, rec: Record) -> str:
    return f"{config.RECORD_FILES[kind]}:{rec.get(LINE_KEY, '?')} id={rec.get('id')!r}"


def check_record_set(records: dict[str, list[Record]]) -> list[str]:
    """Check the record files against each other.

    Parameters
    ----------
    records : dict
        Kind -> records, as returned by :func:`load_records`.

    Returns
    -------
    list of str
        Problems found: duplicate ids, stops of unknown routes, gaps in stop
        numbering, unknown or self-referencing partners, placements that
        contradict themselves (``position`` unknown with a township, several
        townships with one ``place`` or on a stop, a town of unknown position
        with partners).
    """
    problems: list[str] = []
    seen: dict[str, str] = {}
    for kind, recs in records.items():
        for rec in recs:
            where = _where(kind, rec)
            if rec["id"] in seen:
                problems.append(f"{where}: duplicate id, also at {seen[rec['id']]}; give each record its own id")
            else:
                seen[rec["id"]] = where
    routes = {r["id"] for r in records.get("tourism_routes", [])}
    seqs: dict[str, list[int]] = defaultdict(list)
    for stop in records.get("tourism_stops", []):
        if stop["route_id"] not in routes:
            problems.append(f"{_where('tourism_stops', stop)}: route_id {stop['route_id']!r} "
                            "is not in tourism_routes.csv")
        seqs[stop["route_id"]].append(stop["seq"])
    for route_id, numbers in seqs.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            problems.append(f"tourism_stops.csv: route {route_id!r} has seq {sorted(numbers)!r}; "
                            f"number stops 1..{len(numbers)} without gaps or repeats")
    for route_id in routes - set(seqs):
        problems.append(f"tourism_routes.csv id={route_id!r}: route has no stops in tourism_stops.csv")
    problems.extend(_placement_problems(records))
    towns = records.get("townships", [])
    by_name = Counter(t["name"] for t in towns)
    qualified = {f"{t['name']}@{t['county']}" for t in towns}
    for town in towns:
        for partner in town.get("partners", []):
            bare = partner.split("@", 1)[0]
            if "@" in partner:
                known = partner in qualified
            else:
                known = by_name[bare] == 1
                if by_name[bare] > 1:
                    problems.append(f"{_where('townships', town)}: partner {partner!r} is ambiguous; "
                                    f"write it as {bare}@<county>")
                    continue
            if not known:
                problems.append(f"{_where('townships', town)}: partner {partner!r} is not a record of "
                                "townships.csv; add it or fix the name")
            elif bare == town["name"]:
                problems.append(f"{_where('townships', town)}: a town cannot partner itself")
    return problems


def _placement_problems(records: dict[str, list[Record]]) -> list[str]:
    """Placements that contradict each other within a record (position unknown, several townships)."""
    problems: list[str] = []
    for kind in POINT_KINDS:
        for rec in records.get(kind, []):
            where = _where(kind, rec)
            towns = townships_of(rec)
            if position_unknown(rec):
                given = [f for f in ("township", "place", "place_source") if rec.get(f)]
                if given:
                    problems.append(f"{where}: position is 'unknown' but {given!r} given; a record with a "
                                    "township or place is drawn there: empty those cells or the position")
            elif len(towns) > 1 and kind == "tourism_stops":
                problems.append(f"{where}: township {rec['township']!r} names several townships; a stop is one "
                                "place of its route: record one stop per place")
            elif len(towns) > 1 and rec.get("place"):
                problems.append(f"{where}: place {rec['place']!r} with several townships {towns!r}; a named place "
                                "lies in one township: keep the place or the list")
            if len(set(towns)) < len(towns):
                problems.append(f"{where}: township {rec['township']!r} repeats a township")
    for town in records.get("townships", []):
        if position_unknown(town) and town.get("partners"):
            problems.append(f"{_where('townships', town)}: position is 'unknown' but it has partners; a "
                            "cooperation link needs both towns placed: find the town's coordinate or drop the pair")
    return problems


def load_all_records(folder: Path | None = None) -> dict[str, list[Record]]:
    """Load every record file and check the set as a whole.

    Parameters
    ----------
    folder : Path, optional
        Folder of the record files; defaults to :func:`geo.config.seeds_dir`.

    Returns
    -------
    dict
        Kind -> list of records.

    Raises
    ------
    RecordError
        Listing every problem in every file.
    """
    folder = folder or config.seeds_dir()
    records: dict[str, list[Record]] = {}
    problems: list[str] = []
    for kind in config.RECORD_FILES:
        path = folder / config.RECORD_FILES[kind]
        rows, file_problems = read_records(path, kind)
        records[kind] = rows
        problems.extend(file_problems)
    problems.extend(check_record_set(records))
    if problems:
        raise RecordError(f"record files in {folder} are invalid", problems)
    return records
