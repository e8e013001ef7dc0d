"""Issue 27 in the viewer's edit mode (AppTest): sessions end with the credential; revert checks the version.

Defects 3 and 7: each test fails on the code before issue 27.  The store (``conftest.py``) and
the app are set up as in ``test_mode``.
"""

from __future__ import annotations

from typing import Any

import pytest
from _paths import ROOT_DIR

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from geo.view.edit._mode import FEATURE_KEY
from geo.view.edit._panel import key
from geo.view.edit._session import SESSION_KEY
from tests.view.edit._accounts import EDITOR, OTHER, PASSWORD, RESERVOIR

NEW_PASSWORD = "a brand new passphrase 2026"


def _signed_in(password: str = PASSWORD, test: AppTest | None = None) -> AppTest:
    if test is None:
        test = AppTest.from_file(str(ROOT_DIR / "app.py"), default_timeout=60)
        test.run()
    test.text_input(key="yq_edit_username").input(EDITOR)
    test.text_input(key="yq_edit_password").input(password)
    next(b for b in test.button if b.label.startswith("登录")).click().run()
    box = test.selectbox(key=FEATURE_KEY)
    box.set_value(next(option for option in box.options if option.endswith(f"· {RESERVOIR}"))).run()
    assert not test.exception, test.exception
    assert SESSION_KEY in test.session_state
    return test


def test_3_an_account_removed_and_added_again_does_not_keep_the_old_session(store: Any) -> None:
    test = _signed_in()
    store.remove_user(EDITOR)
    store.add_user(EDITOR, NEW_PASSWORD, "editor")
    test.run()
    assert SESSION_KEY not in test.session_state
    assert not any(s.value == "编辑模式" for s in test.subheader)


def test_3_a_new_password_or_a_disabled_account_ends_the_session(store: Any) -> None:
    test = _signed_in()
    store.set_password(EDITOR, NEW_PASSWORD)
    test.run()
    assert SESSION_KEY not in test.session_state
    test = _signed_in(NEW_PASSWORD, test)
    store.disable_user(EDITOR)
    test.run()
    assert SESSION_KEY not in test.session_state


def test_7_a_revert_chosen_on_a_stale_audit_trail_is_refused(store: Any) -> None:
    moved = store.move(RESERVOIR, "projects", {"type": "Point", "coordinates": [106.8123, 28.1456]}, "site",
                       "规划图", user=OTHER, base_version=store.version_of(RESERVOIR))
    test = _signed_in()  # the trail shows the move, at version 1
    store.add_note(RESERVOIR, "projects", "meanwhile", "现场", user=OTHER, base_version=moved.version)
    test.button(key=key("revert", RESERVOIR)).click().run()
    assert not test.exception, test.exception
    assert [e.field for e in store.edits(RESERVOIR)] == ["geometry", "note"]  # refused like a save
    assert any("wang" in e.value and "surveyor" in e.value for e in test.error)  # not saved: who changed it, when
