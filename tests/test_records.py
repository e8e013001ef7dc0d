"""Record files: schemas checked at load time, problems named by file, line and id."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from geo._errors import RecordError
from geo.config import RECORD_FILES
from geo.records import load_all_records, load_records

Rows = list[dict[str, str]]


def _rewrite(path: Path, edit: Callable[[Rows], object]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys())
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _refused(seeds: Path, kind: str, edit: Callable[[Rows], object], *, alone: bool = False) -> RecordError:
    """The error of loading ``seeds`` once ``edit`` has changed the rows of the record file of ``kind``.

    ``alone``: load that kind only (:func:`load_records`), else every kind (:func:`load_all_records`).
    """
    _rewrite(seeds / RECORD_FILES[kind], edit)
    with pytest.raises(RecordError) as info:
        if alone:
            load_records(kind, seeds)
        else:
            load_all_records(seeds)
    return info.value


def test_mini_records_load_typed(mini_seeds: Path) -> None:
    records = load_all_records(mini_seeds)
    road = next(r for r in records["corridors"] if r["id"] == "co-test-road")
    assert road["via"] == ["赶水镇", "坡渡镇@桐梓县"]
    assert road["cross_border"] is True
    assert road["_line"] == 2
    stops = records["tourism_stops"]
    assert [s["seq"] for s in stops] == [1, 2, 3]
    assert records["townships"][0]["partners"] == ["坡渡镇", "坭坝乡"]


def test_unknown_status_names_file_line_and_id(mini_seeds: Path) -> None:
    text = str(_refused(mini_seeds, "corridors", lambda rows: rows[1].update(status="maybe"), alone=True))
    assert "corridors.csv:3" in text and "co-test-rail" in text and "'maybe'" in text


def test_missing_required_field_is_reported(mini_seeds: Path) -> None:
    error = _refused(mini_seeds, "projects", lambda rows: rows[0].update(name_en=""), alone=True)
    assert re.search(r"projects.csv:2 id='pj-test-res' field name_en", str(error))


def test_every_problem_is_collected_before_raising(mini_seeds: Path) -> None:
    def edit(rows):
        rows[0]["mode"] = "teleport"
        rows[1]["source"] = ""
    assert len(_refused(mini_seeds, "corridors", edit).problems) == 2


def test_duplicate_id(mini_seeds: Path) -> None:
    error = _refused(mini_seeds, "corridors", lambda rows: rows[1].update(id="co-test-road"))
    assert any("corridors.csv:3" in p and "duplicate id" in p and "co-test-road" in p for p in error.problems)


def test_id_prefix_must_match_the_kind(mini_seeds: Path) -> None:
    assert "xx-test" in str(_refused(mini_seeds, "projects", lambda rows: rows[0].update(id="xx-test"), alone=True))


def test_stop_numbering_and_route_reference(mini_seeds: Path) -> None:
    def edit(rows):
        rows[2]["seq"] = "5"
        rows[1]["route_id"] = "rt-nowhere"
    text = str(_refused(mini_seeds, "tourism_stops", edit))
    assert "rt-nowhere" in text and "without gaps" in text


def test_unknown_partner(mini_seeds: Path) -> None:
    assert "不存在镇" in str(_refused(mini_seeds, "townships", lambda rows: rows[0].update(partners="不存在镇")))


def test_unknown_column_and_missing_file(mini_seeds: Path) -> None:
    text = (mini_seeds / "projects.csv").read_text(encoding="utf-8").replace("summary_en", "remarks", 1)
    (mini_seeds / "projects.csv").write_text(text, encoding="utf-8")
    (mini_seeds / "logistics.csv").unlink()
    with pytest.raises(RecordError) as info:
        load_all_records(mini_seeds)
    text = str(info.value)
    assert "'remarks'" in text and "logistics.csv: file not found" in text


def test_unknown_kind() -> None:
    with pytest.raises(RecordError, match="'rivers'"):
        load_records("rivers")


def test_project_seeds_are_valid() -> None:
    records = load_all_records()
    assert len(records["tourism_routes"]) == 6
    assert all(records[k] for k in records)
