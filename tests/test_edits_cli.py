"""``python -m geo users ...``, ``edits ...``, ``build --with-edits`` and the edited ``export``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from geo.edits import open_store

RESERVOIR = "pj-zhangshiba-reservoir"
PASSWORD = "a long passphrase"

GOOD_CSV = """id,lon,lat,precision,source,note,status,status_date
pj-zhangshiba-reservoir,106.70,28.80,site,现场核实 2026-11,"坝址, 据图3-1",,
co-yugui-hsr,,,,新闻 2026-06,,under_construction,2026-06
tw-ganshui,,,,访谈 2026-10,集货站已投用,,
"""

BAD_CSV = """id,lon,lat,precision,source,note,status,status_date
pj-zhangshiba-reservoir,116.70,28.80,site,现场核实,,,
pj-nowhere,106.7,28.8,site,src,,,
co-yugui-hsr,,,,新闻,,finished,2026-06
tw-ganshui,106.6,28.6,exact,,,,
"""


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ``$YUQIAN_DATA`` with the editor ``li`` in its store."""
    folder = tmp_path / "data"
    monkeypatch.setenv("YUQIAN_DATA", str(folder))
    monkeypatch.delenv("YUQIAN_DB", raising=False)
    with open_store() as store:
        store.add_user("li", PASSWORD, "editor")
    return folder


def run(argv: list[str], capsys: pytest.CaptureFixture, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_users_add_list_remove_with_the_password_from_stdin(data_dir, capsys, monkeypatch) -> None:
    code, out, _ = run(["users", "add", "wang", "--role", "admin"], capsys, f"{PASSWORD}\n", monkeypatch)
    assert code == 0 and "admin 'wang'" in out
    assert run(["users", "list"], capsys)[1].splitlines() == ["li\teditor", "wang\tadmin"]
    with open_store() as store:
        assert store.authenticate("wang", PASSWORD).role == "admin"
    code, _, err = run(["users", "add", "zhao", "--role", "editor"], capsys, "short\n", monkeypatch)
    assert code == 2 and "at least 8 characters" in err
    with pytest.raises(SystemExit) as bad_role:
        main(["users", "add", "zhao", "--role", "viewer"])
    assert bad_role.value.code == 2 and "invalid choice: 'viewer'" in capsys.readouterr().err
    assert run(["users", "remove", "wang"], capsys)[0] == 0
    code, _, err = run(["users", "remove", "wang"], capsys)
    assert code == 2 and "no user 'wang'" in err


def test_the_password_is_never_an_argument(data_dir) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["users", "add", "zhao", "--role", "editor", "--password", PASSWORD])
    assert refused.value.code == 2


def test_users_add_in_a_real_process_reads_stdin(data_dir, project_root) -> None:
    done = subprocess.run([sys.executable, "-m", "geo", "users", "add", "zhao", "--role", "editor"],
                          input=f"{PASSWORD}\n", capture_output=True, text=True, cwd=project_root,
                          env={**os.environ}, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    with open_store() as store:
        assert store.authenticate("zhao", PASSWORD) is not None


def test_import_applies_every_row_and_list_json_shows_them(data_dir, tmp_path, capsys) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    code, out, err = run(["edits", "import", str(path), "--user", "li"], capsys)
    assert code == 0, err
    assert "imported 3 edit(s)" in out
    code, out, _ = run(["edits", "list", "--json"], capsys)
    listed = json.loads(out)
    assert [(e["feature_id"], e["field"], e["user"]) for e in listed] == [
        (RESERVOIR, "geometry", "li"), ("co-yugui-hsr", "status", "li"), ("tw-ganshui", "note", "li")]
    assert {"edit_id", "feature_id", "user", "time", "field", "source"} <= set(listed[0])
    assert listed[0]["note"] == "坝址, 据图3-1" and listed[1]["status_date"] == "2026-06"
    code, out, _ = run(["edits", "list"], capsys)
    assert code == 0 and len(out.splitlines()) == 3


def test_a_bad_import_reports_every_row_and_applies_nothing(data_dir, tmp_path, capsys) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(GOOD_CSV + BAD_CSV.split("\n", 1)[1], encoding="utf-8")
    code, _, err = run(["edits", "import", str(path), "--user", "li"], capsys)
    assert code == 2
    for line, reason in ((5, "outside 綦江区"), (6, "unknown feature id 'pj-nowhere'"),
                         (7, "unknown status 'finished'"), (8, "precision 'exact'"), (8, "source is empty")):
        assert any(f"bad.csv line {line}:" in row and reason in row for row in err.splitlines()), (line, reason)
    assert "line 2" not in err and "nothing imported" in err
    with open_store() as store:
        assert store.edits() == []


def test_import_refuses_an_unknown_user_and_a_broken_header(data_dir, tmp_path, capsys) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    code, _, err = run(["edits", "import", str(path), "--user", "mallory"], capsys)
    assert code == 2 and "may not edit" in err
    path.write_text("id,x,y\npj-zhangshiba-reservoir,1,2\n", encoding="utf-8")
    code, _, err = run(["edits", "import", str(path), "--user", "li"], capsys)
    assert code == 2 and "lacks column(s) lon, lat, precision, source, note" in err
    with open_store() as store:
        assert store.edits() == []


def test_import_geojson_with_a_point_a_line_and_a_status(data_dir, tmp_path, capsys) -> None:
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.70, 28.80]},
         "properties": {"id": RESERVOIR, "precision": "site", "source": "GPS 2026-11", "note": ""}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[106.6, 29.0], [106.7, 28.5]]},
         "properties": {"id": "co-yugui-hsr", "precision": "digitised", "source": "规划图3-2", "note": "",
                        "status": "under_construction", "status_date": "2026-06"}},
    ]
    path = tmp_path / "points.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    code, out, err = run(["edits", "import", str(path), "--user", "li"], capsys)
    assert code == 0, err
    with open_store() as store:
        state = store.current()
    line = state["co-yugui-hsr"]
    assert line.geometry["type"] == "LineString" and line.status == "under_construction"
    assert state[RESERVOIR].precision == "site"


def test_revert_and_export_corrections_round_trip(data_dir, tmp_path, capsys) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    assert run(["edits", "import", str(path), "--user", "li"], capsys)[0] == 0
    code, out, _ = run(["edits", "revert", "3", "--user", "li", "--note", "重复"], capsys)
    assert code == 0 and "reverted edit 3" in out
    assert run(["edits", "revert", "3", "--user", "li"], capsys)[0] == 2  # already undone
    output = tmp_path / "corrections.csv"
    code, out, _ = run(["edits", "export", "--output", str(output)], capsys)
    assert code == 0 and "wrote 2 correction(s)" in out
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,lon,lat,precision,source,note,status,status_date")
    assert lines[1].startswith("co-yugui-hsr,,,,新闻 2026-06,,under_construction,2026-06")
    assert lines[2].startswith(f'{RESERVOIR},106.7,28.8,site,现场核实 2026-11,"坝址, 据图3-1"')
    # the corrections file imports into another store and gives the same state
    other = tmp_path / "other.sqlite"
    with open_store(str(other)) as store:
        store.add_user("li", PASSWORD, "editor")
    assert run(["edits", "import", str(output), "--user", "li", "--db", str(other)], capsys)[0] == 0
    with open_store() as first, open_store(str(other)) as second:
        a, b = first.current(), second.current()
    assert {k: (v.geometry, v.status, v.notes) for k, v in a.items() if v.changed} == \
           {k: (v.geometry, v.status, v.notes) for k, v in b.items()}


def test_build_with_edits_folds_them_in_and_leaves_layers_alone(data_dir, tmp_path, capsys, project_root) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    assert run(["edits", "import", str(path), "--user", "li"], capsys)[0] == 0
    plan_before = (project_root / "layers" / "projects.geojson").read_bytes()
    code, out, err = run(["build", "--with-edits"], capsys)
    assert code == 0, err
    assert "changed by edits" in out and str(data_dir / "layers_with_edits") in out
    folded = json.loads((data_dir / "layers_with_edits" / "projects.geojson").read_text(encoding="utf-8"))
    row = next(f for f in folded["features"] if f["properties"]["id"] == RESERVOIR)
    assert row["geometry"]["coordinates"] == [106.7, 28.8]
    assert row["properties"]["coord_source"] == "现场核实 2026-11" and row["properties"]["moved_by"] == "li"
    assert (project_root / "layers" / "projects.geojson").read_bytes() == plan_before


def test_export_uses_the_edited_state_unless_plan_only(data_dir, tmp_path, capsys) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    assert run(["edits", "import", str(path), "--user", "li"], capsys)[0] == 0
    edited, plan = tmp_path / "edited.geojson", tmp_path / "plan.geojson"
    assert run(["export", "--layer", "projects", "corridors", "--format", "geojson", "--output", str(edited)],
               capsys)[0] == 0
    assert run(["export", "--layer", "projects", "corridors", "--format", "geojson", "--output", str(plan),
                "--plan-only"], capsys)[0] == 0
    by_id = {f["properties"]["id"]: f for f in json.loads(edited.read_text(encoding="utf-8"))["features"]}
    assert by_id[RESERVOIR]["geometry"]["coordinates"] == [106.7, 28.8]
    assert by_id["co-yugui-hsr"]["properties"]["latest_status"] == "under_construction"
    assert by_id["co-yugui-hsr"]["properties"]["status"] == "start_construction"
    plain = {f["properties"]["id"]: f for f in json.loads(plan.read_text(encoding="utf-8"))["features"]}
    assert "latest_status" not in plain[RESERVOIR]["properties"]
    assert plain[RESERVOIR]["geometry"]["coordinates"] != [106.7, 28.8]


def test_an_unreachable_store_is_one_clear_message_without_the_password(monkeypatch, capsys) -> None:
    monkeypatch.setenv("YUQIAN_DB", "postgresql://editor:s3cret@127.0.0.1:1/nowhere")  # loopback, closed port
    code, _, err = run(["users", "list"], capsys)
    assert code == 2 and "cannot open the edit store" in err and "127.0.0.1:1" in err
    assert "s3cret" not in err and "Traceback" not in err


def test_injection_payloads_survive_the_corrections_file_verbatim(data_dir, tmp_path, capsys) -> None:
    import csv

    payload = "'; DROP TABLE edits; -- <script>alert(1)</script>, \"quoted\"\nsecond line"
    source = payload.replace("\n", " ")  # a source is one line (the panel's text input), a note may have several
    with open_store() as store:
        store.add_note(RESERVOIR, "projects", payload, source, user="li", base_version=0)
    output = tmp_path / "corrections.csv"
    assert run(["edits", "export", "--output", str(output)], capsys)[0] == 0
    with output.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["id"], r["note"], r["source"]) for r in rows] == [(RESERVOIR, payload, source)]
    code, out, _ = run(["edits", "list", "--json"], capsys)
    assert json.loads(out)[0]["note"] == payload
