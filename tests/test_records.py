"""Record files: schemas checked at load time, problems named by file, line and id."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo._errors import RecordError
from geo.records import load_all_records, load_records


def _rewrite(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys())
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


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
    _rewrite(mini_seeds / "corridors.csv", lambda rows: rows[1].update(status="maybe"))
    with pytest.raises(RecordError) as info:
        load_records("corridors", mini_seeds)
    text = str(info.value)
    assert "corridors.csv:3" in text and "co-test-rail" in text and "'maybe'" in text


def test_missing_required_field_is_reported(mini_seeds: Path) -> None:
    _rewrite(mini_seeds / "projects.csv", lambda rows: rows[0].update(name_en=""))
    with pytest.raises(RecordError, match=r"projects.csv:2 id='pj-test-res' field name_en"):
        load_records("projects", mini_seeds)


def test_every_problem_is_collected_before_raising(mini_seeds: Path) -> None:
    def edit(rows):
        rows[0]["mode"] = "teleport"
        rows[1]["source"] = ""
    _rewrite(mini_seeds / "corridors.csv", edit)
    with pytest.raises(RecordError) as info:
        load_all_records(mini_seeds)
    assert len(info.value.problems) == 2


def test_duplicate_id(mini_seeds: Path) -> None:
    _rewrite(mini_seeds / "corridors.csv", lambda rows: rows[1].update(id="co-test-road"))
    with pytest.raises(RecordError) as info:
        load_all_records(mini_seeds)
    assert any("corridors.csv:3" in p and "duplicate id" in p and "co-test-road" in p
               for p in info.value.problems)


def test_id_prefix_must_match_the_kind(mini_seeds: Path) -> None:
    _rewrite(mini_seeds / "projects.csv", lambda rows: rows[0].update(id="xx-test"))
    with pytest.raises(RecordError, match="xx-test"):
        load_records("projects", mini_seeds)


def test_stop_numbering_and_route_reference(mini_seeds: Path) -> None:
    def edit(rows):
        rows[2]["seq"] = "5"
        rows[1]["route_id"] = "rt-nowhere"
    _rewrite(mini_seeds / "tourism_stops.csv", edit)
    with pytest.raises(RecordError) as info:
        load_all_records(mini_seeds)
    text = str(info.value)
    assert "rt-nowhere" in text and "without gaps" in text


def test_unknown_partner(mini_seeds: Path) -> None:
    _rewrite(mini_seeds / "townships.csv", lambda rows: rows[0].update(partners="不存在镇"))
    with pytest.raises(RecordError, match="不存在镇"):
        load_all_records(mini_seeds)


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
