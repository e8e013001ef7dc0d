"""The edit store (geo/edits) on SQLite and on a real PostGIS: users, edits, reverts, state, safety."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from geo.edits import (
    EditConflict,
    EditError,
    EditNotAllowed,
    SignInLocked,
    UserError,
    apply_edits,
    open_store,
)
from geo.edits._throttle import ACCOUNT
from tests._edit_store import HSR, IN_QIJIANG, PASSWORD, RESERVOIR


@pytest.fixture()
def plan_point(built_layers) -> list[float]:
    """The reservoir's coordinates as the plan's build placed them."""
    geom = built_layers["projects"].set_index("id").loc[RESERVOIR].geometry
    return [round(geom.x, 6), round(geom.y, 6)]


def test_move_records_who_when_old_and_new_and_bumps_the_version(store, plan_point) -> None:
    edit = store.move(RESERVOIR, "projects", IN_QIJIANG, "site", "现场核实 2026-11", user="li", base_version=0)
    assert (edit.edit_id, edit.version, edit.user, edit.field) == (edit.edit_id, 1, "li", "geometry")
    assert edit.time == "2026-12-01T08:00:00Z"
    assert json.loads(edit.old_value)["coordinates"] == plan_point
    assert json.loads(edit.new_value) == {"type": "Point", "coordinates": [106.701235, 28.81]}
    assert store.version_of(RESERVOIR) == 1 and store.version_of(HSR) == 0
    state = store.current()[RESERVOIR]
    assert state.geometry == {"type": "Point", "coordinates": [106.701235, 28.81]}
    assert (state.precision, state.version, state.last_edit) == ("site", 1, edit)


def test_status_note_and_revert_derive_the_state_from_the_log(store, plan_point) -> None:
    moved = store.move(RESERVOIR, "projects", IN_QIJIANG, "site", "规划图3-1", user="li", base_version=0)
    status = store.set_status(RESERVOIR, "projects", "under_construction", "2026-06", "新闻 2026-06",
                              user="wang", base_version=1)
    assert json.loads(status.old_value) == "start_construction"  # the plan's status
    store.add_note(RESERVOIR, "projects", "库区已清表", "现场", user="li", base_version=2)
    undo = store.revert(moved.edit_id, user="wang", base_version=3)
    assert (undo.field, undo.reverts, undo.version) == ("revert", moved.edit_id, 4)
    assert json.loads(undo.new_value)["coordinates"] == plan_point  # back to the plan
    state = store.current()[RESERVOIR]
    assert state.geometry is None and state.status == "under_construction" and state.notes == ("库区已清表",)
    redo = store.revert(undo.edit_id, user="li", base_version=4)
    assert store.current()[RESERVOIR].geometry == json.loads(moved.new_value)
    with pytest.raises(EditError, match="already undone"):
        store.revert(undo.edit_id, user="li", base_version=None)
    assert [e.edit_id for e in store.edits(RESERVOIR)] == [moved.edit_id, status.edit_id,
                                                            status.edit_id + 1, undo.edit_id, redo.edit_id]


def test_a_line_can_be_redrawn_and_gets_its_length_and_counties_again(store, built_layers) -> None:
    line = {"type": "LineString", "coordinates": [[106.60, 29.00], [106.70, 28.60], [106.80, 28.30]]}
    store.move(HSR, "corridors", line, "digitised", "规划图4-1", user="li", base_version=0)
    edited = apply_edits(built_layers, store.current())
    row = edited["corridors"].set_index("id").loc[HSR]
    assert row["precision"] == "digitised" and row["coord_source"] == "规划图4-1"
    assert row["moved_by"] == "li" and bool(row["changed_since_plan"])
    assert 0 < row["length_km"] < 100 and "綦江区" in row["county"]
    plan = built_layers["corridors"].set_index("id").loc[HSR]
    assert plan["precision"] == "schematic"  # the plan's frames are untouched


def test_apply_edits_keeps_the_plan_status_and_adds_the_latest(store, built_layers) -> None:
    store.set_status(RESERVOIR, "projects", "under_construction", "2026-06", "区水利局", user="li", base_version=0)
    projects = apply_edits(built_layers, store.current())["projects"].set_index("id")
    row = projects.loc[RESERVOIR]
    assert (row["status"], row["latest_status"], row["latest_status_date"]) == (
        "start_construction", "under_construction", "2026-06")
    other = projects.loc["pj-zaodu-reservoir"]
    assert other["latest_status"] == other["status"] and not bool(other["changed_since_plan"])
    assert len(projects) == len(built_layers["projects"])


def test_second_editor_on_the_same_version_is_refused_with_who_and_when(store, clock) -> None:
    base = store.version_of(RESERVOIR)
    store.move(RESERVOIR, "projects", IN_QIJIANG, "site", "li's survey", user="li", base_version=base)
    clock.now += timedelta(minutes=3)
    with pytest.raises(EditConflict) as refused:
        store.set_status(RESERVOIR, "projects", "existing", "2026-11", "wang's news", user="wang", base_version=base)
    assert refused.value.changed_by == "li" and refused.value.changed_at == "2026-12-01T08:00:00Z"
    assert "li" in str(refused.value) and "2026-12-01T08:00:00Z" in str(refused.value)
    assert [e.source for e in store.edits(RESERVOIR)] == ["li's survey"]  # nothing lost, nothing half-written
    again = store.set_status(RESERVOIR, "projects", "existing", "2026-11", "wang's news", user="wang",
                             base_version=refused.value.current_version)
    assert again.version == 2


def test_every_problem_of_an_edit_is_listed_at_once(store) -> None:
    with pytest.raises(EditError) as bad:
        store.move(RESERVOIR, "projects", {"type": "Point", "coordinates": [116.0, 28.8]}, "exact", " ",
                   user="li", base_version=0)
    assert len(bad.value.problems) == 3  # precision, empty source, outside 綦江区
    assert "outside 綦江区" in str(bad.value)
    with pytest.raises(EditError, match="unknown feature id"):
        store.add_note("pj-nowhere", "projects", "note", "src", user="li", base_version=0)
    with pytest.raises(EditError) as bad_status:
        store.set_status("tw-ganshui", "townships", "finished", "June", "src", user="li", base_version=0)
    assert len(bad_status.value.problems) == 3
    with pytest.raises(EditError, match="needs a Point"):
        store.move(RESERVOIR, "projects", {"type": "LineString", "coordinates": [[106.6, 28.8], [106.7, 28.8]]},
                   "site", "src", user="li", base_version=0)
    assert store.edits() == []


def test_only_existing_editors_and_admins_may_write(store) -> None:
    for user in ("nobody", "", None):
        with pytest.raises(EditNotAllowed):
            store.move(RESERVOIR, "projects", IN_QIJIANG, "site", "src", user=user, base_version=0)
    store.remove_user("li")
    with pytest.raises(EditNotAllowed):
        store.add_note(RESERVOIR, "projects", "note", "src", user="li", base_version=0)
    assert store.edits() == [] and [u.name for u in store.list_users()] == ["wang"]


def test_users_are_checked_and_passwords_only_hashed(store, store_url) -> None:
    with pytest.raises(UserError) as bad:
        store.add_user(" ", "short", "viewer")
    assert len(bad.value.problems) == 3
    with pytest.raises(UserError, match="already exists"):
        store.add_user("li", PASSWORD, "editor")
    with pytest.raises(UserError, match="no user"):
        store.remove_user("ghost")
    with store.engine.connect() as conn:
        hashes = [row[0] for row in conn.execute(text("SELECT password_hash FROM users"))]
        dump = "\n".join(str(tuple(r)) for r in conn.execute(text("SELECT * FROM users")))
    assert all(h.startswith("$argon2id$") for h in hashes) and PASSWORD not in dump
    if store_url.startswith("sqlite:///"):
        assert PASSWORD.encode() not in Path(store_url.removeprefix("sqlite:///")).read_bytes()
    assert store.authenticate("li", PASSWORD).role == "editor"
    assert store.authenticate("li", "wrong password") is None
    assert store.authenticate("ghost", PASSWORD) is None


def test_repeated_failed_sign_ins_slow_the_account_down_for_a_short_growing_wait(store, clock) -> None:
    for _ in range(ACCOUNT.free - 1):
        assert store.authenticate("li", "guess") is None
    assert store.authenticate("li", "guess") is None  # the last free failure sets the first wait
    with pytest.raises(SignInLocked) as locked:
        store.authenticate("li", PASSWORD)  # even the right password waits: nothing is checked
    assert locked.value.until == "2026-12-01T08:00:01Z"
    assert store.authenticate("wang", PASSWORD) is not None  # others are not affected
    clock.now += timedelta(seconds=1)
    assert store.authenticate("li", "guess") is None
    with pytest.raises(SignInLocked) as locked:
        store.authenticate("li", "guess")
    assert locked.value.until == "2026-12-01T08:00:03Z"  # the wait doubles
    clock.now += timedelta(seconds=2)
    assert store.authenticate("li", PASSWORD).name == "li"


PAYLOADS = [
    "'; DROP TABLE edits; --",
    "\" OR 1=1 --",
    "<script>alert('x')</script>",
    "Robert'); DELETE FROM users WHERE ('a'='a",
    "$$; SELECT pg_sleep(0); $$ \\x00\\' 🙂 綦江",
]


def test_injection_payloads_are_stored_and_returned_verbatim(store) -> None:
    version = 0
    for payload in PAYLOADS:
        store.add_user(payload, PASSWORD + payload, "editor")
        store.move(RESERVOIR, "projects", IN_QIJIANG, "site", payload, user=payload, base_version=version,
                   note=payload)
        store.add_note(RESERVOIR, "projects", payload, payload, user=payload, base_version=version + 1)
        version += 2
    log = store.edits(RESERVOIR)
    assert [e.source for e in log] == [p for p in PAYLOADS for _ in range(2)]
    assert [e.user for e in log] == [p for p in PAYLOADS for _ in range(2)]
    assert store.current()[RESERVOIR].notes == tuple(PAYLOADS)
    assert store.authenticate(PAYLOADS[0], PASSWORD + PAYLOADS[0]).name == PAYLOADS[0]
    for query in ("pj-x' OR '1'='1", "%", RESERVOIR + "' --"):
        assert store.edits(query) == [] and store.version_of(query) == 0
    tables = set(inspect(store.engine).get_table_names())
    assert {"edits", "users"} <= tables and len(store.list_users()) == 2 + len(PAYLOADS)


def test_the_log_is_append_only_in_the_database_itself(store) -> None:
    store.add_note(RESERVOIR, "projects", "first", "src", user="li", base_version=0)
    for statement in ("UPDATE edits SET source = 'forged'", "DELETE FROM edits"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))
    assert [e.source for e in store.edits()] == ["src"]


def test_reopening_keeps_everything_and_migrations_are_idempotent(store, store_url, project_root) -> None:
    edit = store.add_note(RESERVOIR, "projects", "kept", "src", user="li", base_version=0)
    store.close()
    again = open_store(store_url, layers_dir=project_root / "layers")
    try:
        assert again.edits() == [edit] and {u.name for u in again.list_users()} == {"li", "wang"}
        with again.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0002"
    finally:
        again.close()


def test_postgis_keeps_each_move_as_a_geometry_too(fresh_postgis_dsn, project_root) -> None:
    store = open_store(fresh_postgis_dsn, layers_dir=project_root / "layers")
    store.add_user("li", PASSWORD, "editor")
    store.move(HSR, "corridors", {"type": "LineString", "coordinates": [[106.6, 29.0], [106.7, 28.6]]},
               "digitised", "规划图4-1", user="li", base_version=0)
    with store.engine.connect() as conn:
        wkt, srid = conn.execute(text("SELECT ST_AsText(geom), ST_SRID(geom) FROM edits")).one()
    store.close()
    assert (wkt, srid) == ("LINESTRING(106.6 29,106.7 28.6)", 4326)


def test_simultaneous_saves_of_the_same_version_let_exactly_one_win(store_url, project_root, store) -> None:
    import threading

    stores = [open_store(store_url, layers_dir=project_root / "layers") for _ in range(2)]
    try:
        for _ in range(4):
            base = store.version_of(RESERVOIR)
            barrier = threading.Barrier(2)
            outcomes: list[object] = [None, None]
            threads = [threading.Thread(target=_save_note, args=(stores[i], ("li", "wang")[i], base, barrier,
                                                                 outcomes, i)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            conflicts = [o for o in outcomes if isinstance(o, EditConflict)]
            saved = [o for o in outcomes if not isinstance(o, EditConflict)]
            assert len(conflicts) == 1 and len(saved) == 1, outcomes
            assert conflicts[0].changed_by == saved[0].user and conflicts[0].changed_at == saved[0].time
            assert store.version_of(RESERVOIR) == base + 1
    finally:
        for opened in stores:
            opened.close()
    assert [e.version for e in store.edits(RESERVOIR)] == [1, 2, 3, 4]


def _save_note(store, user: str, base: int, barrier, outcomes: list[object], i: int) -> None:
    """Wait for the other thread, then save a note on version ``base``; the edit or the conflict."""
    barrier.wait()
    try:
        outcomes[i] = store.add_note(RESERVOIR, "projects", f"note by {user}", "src", user=user, base_version=base)
    except EditConflict as conflict:
        outcomes[i] = conflict


_SAVING_CHILD = """
import sys
from geo.edits import open_store
store = open_store(sys.argv[1], layers_dir=sys.argv[2])
ids = ["pj-zhangshiba-reservoir", "pj-zaodu-reservoir", "tw-ganshui"]
batch = 0
while True:
    batch += 1
    changes = [store.check_note(fid, None, f"batch {batch}", f"src {batch}") for fid in ids]
    changes.append(store.check_move(ids[0], None, {"type": "Point", "coordinates": [106.7, 28.8 + batch * 1e-5]},
                                    "site", f"src {batch}"))
    store.apply_changes(changes, user="li")
    print(f"saved {batch}", flush=True)
"""


def test_a_process_killed_while_saving_leaves_every_edit_whole_or_absent(store_url, project_root, store) -> None:
    import signal
    from collections import Counter

    child = subprocess_saver(store_url, project_root)
    try:
        # kill it right after a commit was reported: it is busy writing the next batch by then
        while child.stdout.readline().strip() != "saved 8":
            assert child.poll() is None, "the saving process died on its own"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    store.close()
    reopened = open_store(store_url, layers_dir=project_root / "layers")
    try:
        log = reopened.edits()
        batches = Counter(e.source for e in log)
        assert len(batches) >= 3 and set(batches.values()) == {4}  # each transaction fully there
        for feature_id in {e.feature_id for e in log}:
            versions = [e.version for e in log if e.feature_id == feature_id]
            assert versions == list(range(1, len(versions) + 1))
        last = max(int(source.split()[1]) for source in batches)
        assert reopened.current()["tw-ganshui"].notes[-1] == f"batch {last}"
        if store_url.startswith("sqlite"):
            with reopened.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        edit = reopened.add_note("tw-ganshui", "townships", "after the crash", "src", user="li",
                                 base_version=reopened.version_of("tw-ganshui"))
        assert edit.version == len([e for e in log if e.feature_id == "tw-ganshui"]) + 1
    finally:
        reopened.close()


def subprocess_saver(store_url: str, project_root: Path):
    """A child process that saves batches of four edits in a loop until killed."""
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-c", _SAVING_CHILD, store_url, str(project_root / "layers")],
                            cwd=project_root, stdout=subprocess.PIPE, text=True)


def test_the_migrations_go_down_and_up_on_both_databases(store_url) -> None:
    from alembic import command

    from geo.edits._engine import make_engine
    from geo.edits._migrate import alembic_config, upgrade

    engine = make_engine(store_url)
    try:
        upgrade(engine)
        assert {"edits", "users"} <= set(inspect(engine).get_table_names())
        config = alembic_config()
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
            connection.commit()
        assert not {"edits", "users"} & set(inspect(engine).get_table_names())
        upgrade(engine)
        upgrade(engine)  # a second run finds nothing to do
        assert {"edits", "users"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_sqlite_readers_do_not_wait_for_a_writer(tmp_path, project_root) -> None:
    import sqlite3

    path = tmp_path / "edits.sqlite"
    store = open_store(str(path), layers_dir=project_root / "layers")
    store.add_user("li", PASSWORD, "editor")
    store.add_note(RESERVOIR, "projects", "before", "src", user="li", base_version=0)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process in the middle of saving
        other.execute("INSERT INTO users (name, role, password_hash, created_at) VALUES ('x', 'editor', 'h', 't')")
        assert store.current()[RESERVOIR].notes == ("before",)  # reads its snapshot, no wait
        assert [u.name for u in store.list_users()] == ["li"]
        other.execute("ROLLBACK")
    finally:
        other.close()
        store.close()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
