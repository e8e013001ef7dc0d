"""AppTest of the viewer's edit mode (issue 14): sign-in, move, progress, conflict, expiry, escaping.

The store is a real embedded one (SQLite) in a temporary ``$YUQIAN_DATA``; the
app shows the hand-made layers of ``tests/data/layers``, which are never written.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from _paths import DATA, ROOT_DIR

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from geo._html import escape_markdown
from geo.store import load_layers
from geo.view.edit._mode import FEATURE_KEY
from geo.view.edit._panel import key
from geo.view.edit._session import SESSION_KEY, EditSession
from geo.view.page import LEGEND_KEY
from tests.view.edit._accounts import EDITOR, OTHER, PASSWORD, RESERVOIR

ROOT = ROOT_DIR
TEST_LAYERS = DATA / "layers"
TIMEOUT_S = 60
NEW_PLACE = (106.8123, 28.1456)


def _app() -> AppTest:
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    test.run()
    assert not test.exception, test.exception
    return test


def _sign_in(test: AppTest, name: str = EDITOR, password: str = PASSWORD) -> AppTest:
    test.text_input(key="yq_edit_username").input(name)
    test.text_input(key="yq_edit_password").input(password)
    next(b for b in test.button if b.label.startswith("登录")).click().run()
    assert not test.exception, test.exception
    return test


def _choose(test: AppTest, fid: str) -> AppTest:
    box = test.selectbox(key=FEATURE_KEY)
    label = next(option for option in box.options if option.endswith(f"· {fid}"))
    box.set_value(label).run()
    assert not test.exception, test.exception
    return test


def _keys(test: AppTest) -> set[str]:
    return {w.key for kind in ("text_input", "number_input", "button", "selectbox", "text_area")
            for w in getattr(test, kind) if w.key}


def _markdown(test: AppTest) -> str:
    return "\n".join(m.value for m in test.markdown)


def test_viewer_without_sign_in_sees_no_edit_control(store: Any) -> None:
    test = _app()
    edit_keys = {k for k in _keys(test) if k.startswith("yq_edit_") and k not in {"yq_edit_username",
                                                                                  "yq_edit_password"}}
    assert edit_keys == set()
    assert not any(s.value == "编辑模式" for s in test.subheader)
    assert SESSION_KEY not in test.session_state


def test_no_store_no_sign_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine where nobody edits: the viewer works and creates no store."""
    monkeypatch.setenv("YUQIAN_DATA", str(tmp_path / "nothing"))
    monkeypatch.delenv("YUQIAN_DB", raising=False)
    monkeypatch.setenv("YUQIAN_LAYERS", str(TEST_LAYERS))
    monkeypatch.chdir(ROOT)
    test = _app()
    assert "yq_edit_username" not in _keys(test)
    assert not (tmp_path / "nothing").exists()


def test_wrong_password_is_refused(store: Any) -> None:
    test = _sign_in(_app(), EDITOR, "not the password")
    assert any("用户名或密码错误" in e.value for e in test.error)
    assert SESSION_KEY not in test.session_state
    assert not any(s.value == "编辑模式" for s in test.subheader)


def test_editor_moves_a_point_and_the_layers_show_it(store: Any) -> None:
    test = _choose(_sign_in(_app()), RESERVOIR)
    assert any(s.value == "编辑模式" for s in test.subheader)
    test.number_input(key=key("lon", RESERVOIR)).set_value(NEW_PLACE[0])
    test.number_input(key=key("lat", RESERVOIR)).set_value(NEW_PLACE[1])
    test.selectbox(key=key("precision", RESERVOIR)).set_value("site")
    test.text_input(key=key("move_source", RESERVOIR)).input("现场核实 2026-11")
    test.button(key=key("save_move", RESERVOIR)).click().run()
    assert not test.exception, test.exception
    assert not test.error, [e.value for e in test.error]
    (edit,) = store.edits(RESERVOIR)
    assert (edit.user, edit.field, edit.source, edit.precision) == (EDITOR, "geometry", "现场核实 2026-11", "site")
    assert any(s.value == "已保存。" for s in test.success)
    # the page now draws the edited layers: changed-since-plan row in the legend (opened), the table follows
    test.session_state[LEGEND_KEY] = True
    test.run()
    assert "自规划以来有变化 (1)" in _markdown(test)
    test.toggle(key="yq_show_table").set_value(True).run()
    table = next(d.value for d in test.dataframe if "名称" in d.value.columns)
    row = table[table["名称"] == "桐梓水库"].iloc[0]
    assert row["定位精度"] == "精确到地点"
    from geo.edits import apply_edits
    moved = apply_edits(load_layers(store.layers_dir), store.current())["projects"]
    point = moved[moved["id"] == RESERVOIR].geometry.iloc[0]
    assert (round(point.x, 4), round(point.y, 4)) == (round(NEW_PLACE[0], 4), round(NEW_PLACE[1], 4))


def test_progress_with_latest_status_view(store: Any) -> None:
    test = _choose(_sign_in(_app()), "co-001")
    test.selectbox(key=key("status", "co-001")).set_value("under_construction")
    test.text_input(key=key("status_date", "co-001")).input("2026-06")
    test.text_input(key=key("status_source", "co-001")).input("<b>bold</b> 新闻 2026-06")
    test.button(key=key("save_status", "co-001")).click().run()
    assert not test.exception, test.exception
    (edit,) = store.edits("co-001")
    assert (edit.field, edit.status_date) == ("status", "2026-06")
    test.session_state[LEGEND_KEY] = True  # the page's legend, opened
    test.radio(key="yq_status_view").set_value("latest").run()
    assert not test.exception, test.exception
    assert "自规划以来有变化 (1)" in _markdown(test)


def test_bad_input_is_reported_and_nothing_saved(store: Any) -> None:
    test = _choose(_sign_in(_app()), "co-001")
    test.text_area(key=key("coords", "co-001")).input("106.6, 28.9\nnot a pair")
    test.button(key=key("save_move", "co-001")).click().run()
    message = " ".join(e.value for e in test.error)
    assert "#2" in message and "请填写来源" in message
    assert store.edits() == []


def test_second_save_is_refused_with_who_and_when_and_the_input_kept(store: Any) -> None:
    test = _choose(_sign_in(_app()), RESERVOIR)
    base = store.version_of(RESERVOIR)
    store.set_status(RESERVOIR, "projects", "under_construction", "2026-05", "县政府公告",
                     user=OTHER, base_version=base)  # another editor saves first
    test.number_input(key=key("lon", RESERVOIR)).set_value(NEW_PLACE[0])
    test.number_input(key=key("lat", RESERVOIR)).set_value(NEW_PLACE[1])
    test.text_input(key=key("move_source", RESERVOIR)).input("规划图4-1")
    test.button(key=key("save_move", RESERVOIR)).click().run()
    assert not test.exception, test.exception
    refusal = " ".join(e.value for e in test.error)
    assert escape_markdown(OTHER) in refusal and "保存被拒绝" in refusal and " UTC " in refusal
    assert [e.user for e in store.edits(RESERVOIR)] == [OTHER]
    # the editor's input is still there, to be applied on the latest version
    assert test.number_input(key=key("lon", RESERVOIR)).value == pytest.approx(NEW_PLACE[0])
    assert test.text_input(key=key("move_source", RESERVOIR)).value == "规划图4-1"
    test.button(key=key("reapply", RESERVOIR)).click().run()
    test.button(key=key("save_move", RESERVOIR)).click().run()
    assert not test.exception, test.exception
    assert [e.user for e in store.edits(RESERVOIR)] == [OTHER, EDITOR]


def test_expired_session_cannot_save(store: Any) -> None:
    test = _choose(_sign_in(_app()), RESERVOIR)
    test.text_input(key=key("move_source", RESERVOIR)).input("现场核实")
    test.session_state[SESSION_KEY] = EditSession(EDITOR, "editor", time.time() - 1)
    test.button(key=key("save_move", RESERVOIR)).click().run()
    assert not test.exception, test.exception
    assert store.edits() == []
    assert SESSION_KEY not in test.session_state
    assert not any(s.value == "编辑模式" for s in test.subheader)


def test_removed_account_is_signed_out(store: Any) -> None:
    test = _choose(_sign_in(_app()), RESERVOIR)
    store.remove_user(EDITOR)
    test.run()
    assert SESSION_KEY not in test.session_state
    assert not any(s.value == "编辑模式" for s in test.subheader)


def test_revert_from_the_audit_trail(store: Any) -> None:
    base = store.version_of(RESERVOIR)
    store.move(RESERVOIR, "projects", {"type": "Point", "coordinates": list(NEW_PLACE)}, "site",
               "<script>alert(1)</script>", user=OTHER, base_version=base, note="<img src=x onerror=alert(1)>")
    test = _choose(_sign_in(_app()), RESERVOIR)
    trail = next(d.value for d in test.dataframe if "来源" in d.value.columns)
    assert trail["来源"].iloc[0] == "<script>alert(1)</script>"  # shown as text in a dataframe
    test.button(key=key("revert", RESERVOIR)).click().run()
    assert not test.exception, test.exception
    fields = [e.field for e in store.edits(RESERVOIR)]
    assert fields == ["geometry", "revert"]
    assert store.current().get(RESERVOIR) is None or store.current()[RESERVOIR].geometry is None


def test_repeated_failures_lock_the_sign_in(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.edits import _throttle

    monkeypatch.setattr(_throttle, "ACCOUNT", _throttle.Schedule(free=5, base_s=600, cap_s=600))  # outlasts the test
    test = _app()
    for _ in range(_throttle.ACCOUNT.free + 1):
        test = _sign_in(test, EDITOR, "wrong password!")
    assert any("登录失败次数过多" in e.value for e in test.error)
    test = _sign_in(test, EDITOR, PASSWORD)  # even the right password waits for the lock to end
    assert SESSION_KEY not in test.session_state


def test_nothing_reaches_the_store_without_a_valid_session(store: Any) -> None:
    """Forged widget values and a forged session for an unknown account save nothing."""
    test = _app()
    for name, value in ((key("lon", RESERVOIR), 106.8), (key("move_source", RESERVOIR), "forged"),
                        (key("save_move", RESERVOIR), True), (FEATURE_KEY, RESERVOIR)):
        test.session_state[name] = value
    test.run()
    assert not test.exception, test.exception
    test.session_state[SESSION_KEY] = EditSession("mallory", "admin", time.time() + 3600)
    test.run()
    assert not test.exception, test.exception
    assert SESSION_KEY not in test.session_state  # the store knows no mallory: signed out
    assert not any(s.value == "编辑模式" for s in test.subheader)
    assert store.edits() == []


def test_injection_payloads_are_stored_verbatim_and_shown_as_text(store: Any) -> None:
    payload = "'); DROP TABLE edits; -- <script>alert(1)</script> \" & |"
    test = _choose(_sign_in(_app()), RESERVOIR)
    test.number_input(key=key("lon", RESERVOIR)).set_value(NEW_PLACE[0])
    test.number_input(key=key("lat", RESERVOIR)).set_value(NEW_PLACE[1])
    test.text_input(key=key("move_source", RESERVOIR)).input(payload)
    test.text_input(key=key("move_note", RESERVOIR)).input(payload)
    test.button(key=key("save_move", RESERVOIR)).click().run()
    assert not test.exception, test.exception
    (edit,) = store.edits(RESERVOIR)
    assert (edit.source, edit.note) == (payload, payload)
    from geo.edits import apply_edits
    from geo.view.map._popups import popup_html

    projects = apply_edits(load_layers(store.layers_dir), store.current())["projects"]
    properties = projects[projects["id"] == RESERVOIR].drop(columns="geometry").iloc[0].to_dict()
    popup = popup_html("projects", properties, "zh")
    assert "<script>" not in popup and "&lt;script&gt;" in popup and "DROP TABLE edits" in popup
