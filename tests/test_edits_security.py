"""Issue 27 on the edit store, SQLite and PostgreSQL: sign-in throttle, sessions, imports, limits, dates, revert.

Each numbered test fails on the code before issue 27 (the defect's number is in
its name); the rest guard what the fixes must keep.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from geo.cli import main
from geo.edits import EditConflict, EditError, EditNotAllowed, SignInLocked, UserError, _accounts, open_store
from geo.edits._files import correction_rows, read_changes, write_corrections
from tests._edit_store import HSR, IN_QIJIANG, PASSWORD, RESERVOIR

ATTACKER, EDITORS_DESK = "203.0.113.7", "198.51.100.20"  # documentation addresses (RFC 5737)


class CountingHasher:
    """The real argon2 hasher, slowed down and counting its checks (a race needs them to overlap)."""

    def __init__(self, real: Any) -> None:
        self.real, self.checks, self.lock = real, 0, threading.Lock()

    def verify(self, hashed: str, password: str) -> bool:
        with self.lock:
            self.checks += 1
        time.sleep(0.2)
        return self.real.verify(hashed, password)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


# --- 1. the sign-in lockout ----------------------------------------------------------------


def test_1_simultaneous_attempts_are_counted_before_any_password_is_checked(store, store_url, project_root,
                                                                             monkeypatch) -> None:
    hasher = CountingHasher(_accounts._hasher())
    monkeypatch.setattr(_accounts, "_hasher", lambda: hasher)
    stores = [open_store(store_url, layers_dir=project_root / "layers", clock=store.clock) for _ in range(24)]
    start = threading.Barrier(24)
    outcomes: list[str] = []

    def attempt(number: int) -> None:
        start.wait()
        password = PASSWORD if number == 23 else f"guess number {number}"
        try:
            outcomes.append("in" if stores[number].authenticate("li", password) else "wrong")
        except SignInLocked:
            outcomes.append("wait")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for each in stores:
        each.close()
    assert hasher.checks <= 5, outcomes  # not 24: the rest waited unchecked (5 free failures)
    from geo.edits import _throttle

    assert outcomes.count("wait") >= 24 - _throttle.ACCOUNT.free
    assert _throttle.failures_of(store.engine, "account:li") == outcomes.count("wrong")  # nothing lost


def test_1_a_stranger_cannot_lock_an_editor_out_for_long(store, clock) -> None:
    from geo.edits import _throttle

    waits = []
    for _ in range(3 * 60):  # an hour of guessing by a stranger, one try every 20 s, from many addresses
        try:
            store.authenticate("li", "a stranger's guess", f"203.0.113.{len(waits) % 250 + 1}")
        except SignInLocked as locked:
            waits.append(_accounts.parse_iso(locked.until) - clock.now)
        clock.now += timedelta(seconds=20)
    assert waits and max(waits) <= timedelta(seconds=_throttle.ACCOUNT.cap_s)
    clock.now += timedelta(seconds=_throttle.ACCOUNT.cap_s)  # the editor, within a minute, from their desk
    assert store.authenticate("li", PASSWORD, EDITORS_DESK).name == "li"


def test_1_one_address_guessing_across_accounts_is_slowed_down_and_others_are_not(store, clock) -> None:
    from geo.edits import _throttle

    for number in range(_throttle.CLIENT.free):
        assert store.authenticate(f"guessed-name-{number}", "guess", ATTACKER) is None
    with pytest.raises(SignInLocked):
        store.authenticate("wang", PASSWORD, ATTACKER)  # that address now waits, whatever the account
    assert store.authenticate("wang", PASSWORD, EDITORS_DESK).name == "wang"
    delays = [_throttle.CLIENT.delay_s(n) for n in range(_throttle.CLIENT.free, _throttle.CLIENT.free + 14)]
    assert delays[:3] == [1, 2, 4] and delays[-1] == _throttle.CLIENT.cap_s == 900
    assert _throttle.client_key("127.0.0.1") is None and _throttle.client_key("::1") is None  # a local proxy
    assert _throttle.client_key("not an address") is None and _throttle.client_key(ATTACKER) == f"client:{ATTACKER}"


def test_a_right_password_is_not_counted_and_the_count_is_forgotten_after_an_hour(store, clock) -> None:
    from geo.edits import _throttle

    for _ in range(3):
        assert store.authenticate("li", "wrong") is None
    assert store.authenticate("li", PASSWORD).name == "li"
    assert _throttle.failures_of(store.engine, "account:li") == 3  # the success erased nobody's failures
    clock.now += timedelta(seconds=_throttle.FORGET_AFTER_S + 1)
    assert store.authenticate("li", "wrong") is None
    assert _throttle.failures_of(store.engine, "account:li") == 1


# --- 3. sessions end with the account's identity or credential ------------------------------


def test_3_a_session_does_not_outlive_its_account(store) -> None:
    signed_in = store.authenticate("li", PASSWORD)
    assert store.session_user("li", signed_in.stamp) == signed_in
    store.remove_user("li")
    store.add_user("li", "a brand new passphrase", "editor")
    assert store.session_user("li", signed_in.stamp) is None  # the same name is another account
    assert store.session_user("li", "") is None


def test_3_a_new_password_or_disabling_ends_the_sessions_and_enabling_does_not_revive_them(store) -> None:
    first = store.authenticate("li", PASSWORD)
    store.set_password("li", "the second passphrase")
    assert store.session_user("li", first.stamp) is None
    assert store.authenticate("li", PASSWORD) is None
    second = store.authenticate("li", "the second passphrase")
    store.disable_user("li")
    assert store.session_user("li", second.stamp) is None
    assert store.authenticate("li", "the second passphrase") is None
    with pytest.raises(EditNotAllowed, match="disabled"):
        store.add_note(RESERVOIR, "projects", "from a disabled account", "src", user="li", base_version=0)
    assert [(u.name, u.disabled) for u in store.list_users()] == [("li", True), ("wang", False)]
    store.enable_user("li")
    assert store.session_user("li", second.stamp) is None  # a session from before the disabling stays ended
    third = store.authenticate("li", "the second passphrase")
    assert store.session_user("li", third.stamp) == third
    store.add_note(RESERVOIR, "projects", "enabled again", "src", user="li", base_version=0)
    with pytest.raises(UserError, match="at least 8 characters"):
        store.set_password("li", "short")


def test_3_users_passwd_disable_enable_on_the_command_line(store, store_url, capsys, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("a third passphrase\n"))
    assert main(["users", "passwd", "li", "--db", store_url]) == 0
    assert store.authenticate("li", "a third passphrase").name == "li"
    assert main(["users", "disable", "li", "--db", store_url]) == 0
    assert main(["users", "list", "--db", store_url]) == 0
    assert "li\teditor\tdisabled" in capsys.readouterr().out
    assert main(["users", "enable", "li", "--db", store_url]) == 0
    assert main(["users", "disable", "nobody", "--db", store_url]) == 2
    assert "no user 'nobody'" in capsys.readouterr().err


def test_the_account_migration_keeps_users_and_goes_down_and_up(store_url) -> None:
    from alembic import command

    from geo.edits._engine import make_engine
    from geo.edits._migrate import alembic_config, upgrade

    engine = make_engine(store_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO users (name, role, password_hash, created_at) VALUES "
                              "('old', 'editor', :h, '2026-12-01T00:00:00Z')"),
                         {"h": _accounts._hasher().hash(PASSWORD)})
        upgrade(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("users")}
        assert {"account_id", "credential_version", "disabled_at"} <= columns and "locked_until" not in columns
        assert "signin_throttle" in inspect(engine).get_table_names()
        config = alembic_config()
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
            connection.commit()
        assert "signin_throttle" not in inspect(engine).get_table_names()
        upgrade(engine)
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        user = store.authenticate("old", PASSWORD)
        assert user.name == "old" and len(user.stamp.split(":")[0]) == 32


# --- 4. import files: messages, not tracebacks ---------------------------------------------


def _import(tmp_path: Path, name: str, content: str | bytes, store_url: str, capsys) -> tuple[int, str]:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(content)
    code = main(["edits", "import", str(path), "--user", "li", "--db", store_url,
                 "--layers-dir", str(Path(__file__).resolve().parent.parent / "layers")])
    return code, capsys.readouterr().err


def _feature_collection(properties: dict, geometry: Any = None) -> str:
    return json.dumps({"type": "FeatureCollection",
                       "features": [{"type": "Feature", "properties": properties, "geometry": geometry}]})


def test_4_features_that_are_not_a_list(store, store_url, tmp_path, capsys) -> None:
    code, err = _import(tmp_path, "bad.geojson", '{"type": "FeatureCollection", "features": 5}', store_url, capsys)
    assert code == 2 and "bad.geojson" in err and '"features" must be a list' in err and "Traceback" not in err
    assert store.edits() == []


def test_4_a_million_nested_arrays(store, store_url, tmp_path, capsys) -> None:
    deep = '{"type": "FeatureCollection", "features": ' + "[" * 10**6 + "]" * 10**6 + "}"
    code, err = _import(tmp_path, "deep.geojson", deep, store_url, capsys)
    assert code == 2 and "deep.geojson" in err and "nested too deeply" in err
    assert store.edits() == []


def test_4_a_lone_surrogate_and_a_nul_in_a_note(store, store_url, tmp_path, capsys) -> None:
    for bad, what in (("\\ud800", "a lone surrogate (U+D800)"), ("\\u0000", "the control character U+0000")):
        document = _feature_collection({"id": RESERVOIR, "source": "src", "note": "before" + "@@" + "after"})
        code, err = _import(tmp_path, "notes.geojson", document.replace("@@", bad), store_url, capsys)
        assert code == 2, err
        assert "notes.geojson feature 1" in err and f"id='{RESERVOIR}'" in err
        assert f"note: character 7 is {what}" in err
    assert store.edits() == []


def test_4_a_csv_field_over_the_readers_limit(store, store_url, tmp_path, capsys) -> None:
    content = f"id,lon,lat,precision,source,note\n{RESERVOIR},,,,src,ok\n{RESERVOIR},,,,src,{'x' * 140_000}\n"
    code, err = _import(tmp_path, "long.csv", content, store_url, capsys)
    assert code == 2 and "long.csv line 3: field 'note' holds more than 131,072 characters" in err
    assert store.edits() == []


def test_4_the_store_turns_a_refusal_of_the_database_into_an_edit_error(store) -> None:
    """The viewer's save path catches ValueError: a NUL, a surrogate, a huge note never reach the database."""
    for note in ("a\x00b", "\ud83d alone", "x" * 10**6):
        with pytest.raises(EditError):
            store.add_note(RESERVOIR, "projects", note, "src", user="li", base_version=0)
    assert store.edits() == []


# --- 5. the limits of the form, in the store; export -> import round-trips ------------------


def test_5_the_store_enforces_the_form_limits(store) -> None:
    from geo.config import EDIT_TEXT_MAX_CHARS

    for size in (10**6, 10 * 10**6):
        with pytest.raises(EditError, match=f"{size:,} characters, at most {EDIT_TEXT_MAX_CHARS:,}"):
            store.add_note(RESERVOIR, "projects", "n" * size, "src", user="li", base_version=0)
    with pytest.raises(EditError, match="source: character 4 is the control character U\\+000A"):
        store.move(RESERVOIR, "projects", IN_QIJIANG, "site", "one\ntwo", user="li", base_version=0)
    store.add_note(RESERVOIR, "projects", "n" * EDIT_TEXT_MAX_CHARS, "s" * EDIT_TEXT_MAX_CHARS, user="li",
                   base_version=0)
    line = {"type": "LineString", "coordinates": [[106.5 + i * 1e-5, 28.8] for i in range(5001)]}
    with pytest.raises(EditError, match="5,001 vertices, at most 5,000"):
        store.move(HSR, "corridors", line, "digitised", "src", user="li", base_version=0)


def test_5_export_then_import_round_trips_every_stored_edit(store, store_url, tmp_path, capsys,
                                                            project_root) -> None:
    from geo.config import EDIT_TEXT_MAX_CHARS

    tricky = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "@SUM(A1)", "-2+3", "\tlead tab", "'=already quoted",
              "逗号, \"引号\" 和换行\n第二行", "-12.5", "n" * EDIT_TEXT_MAX_CHARS]
    for version, note in enumerate(tricky):
        store.add_note(RESERVOIR, "projects", note, note.replace("\n", " ").replace("\t", " ").strip(),
                       user="li", base_version=version)
    line = {"type": "LineString", "coordinates": [[106.5 + i * 1e-4, 28.8 + (i % 7) * 1e-4] for i in range(5000)]}
    store.move(HSR, "corridors", line, "digitised", "=HYPERLINK(\"http://x\")", user="li", base_version=0)
    store.set_status(HSR, "corridors", "under_construction", "2028-02-29",
                     "@news", user="li", base_version=1)
    output = tmp_path / "corrections.csv"
    write_corrections(store.current(), output)
    with open_store(f"sqlite:///{tmp_path / 'again.sqlite'}", layers_dir=project_root / "layers") as again:
        again.add_user("li", PASSWORD, "editor")
        again.apply_changes(read_changes(output, again), user="li")

        def content(rows: list[dict]) -> list[tuple]:
            return [tuple(str(r[c]) for c in ("id", "lon", "lat", "precision", "source", "note", "status",
                                              "status_date", "wkt")) for r in rows]

        assert content(correction_rows(again.current())) == content(correction_rows(store.current()))


# --- 6. dates that exist ------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2026-02-31", "0000", "2026-04-31", "2027-02-29", "1899", "9999-01"])
def test_6_dates_that_do_not_exist_are_refused(store, date: str) -> None:
    with pytest.raises(EditError, match="a day that exists"):
        store.set_status(HSR, "corridors", "under_construction", date, "src", user="li", base_version=0)


def test_6_real_dates_pass(store) -> None:
    for version, date in enumerate(("2028-02-29", "1965", "2035-12", "2026-06-30")):
        store.set_status(HSR, "corridors", "under_construction", date, "src", user="li", base_version=version)


# --- 7. revert checks the version ----------------------------------------------------------


def test_7_a_revert_on_a_stale_view_is_refused(store) -> None:
    moved = store.move(RESERVOIR, "projects", IN_QIJIANG, "site", "src", user="li", base_version=0)
    store.add_note(RESERVOIR, "projects", "later", "src", user="wang", base_version=1)
    with pytest.raises(EditConflict) as conflict:
        store.revert(moved.edit_id, user="li", base_version=1)  # li saw version 1
    assert conflict.value.changed_by == "wang"
    with pytest.raises(TypeError):
        store.revert(moved.edit_id, user="li")  # type: ignore[call-arg]  # the version must be given
    assert store.revert(moved.edit_id, user="li", base_version=2).version == 3
