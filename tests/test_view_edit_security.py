"""Issue 27 in the viewer's edit mode (AppTest): sessions end with the credential; revert checks the version.

Defects 3 and 7: each test fails on the code before issue 27.  Fixtures and
helpers are those of ``test_view_editing``.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("streamlit")

import test_view_editing as base
from test_view_editing import EDITOR, NEW_PLACE, OTHER, RESERVOIR, _app, _choose, _sign_in

from geo.view._edit_panel import key
from geo.view._edit_session import SESSION_KEY

store = base.store  # the fixture: a fresh SQLite store with two editors, on a copy of the hand-made layers


def test_3_an_account_removed_and_added_again_does_not_keep_the_old_session(store: Any) -> None:
    test = _choose(_sign_in(_app()), RESERVOIR)
    assert SESSION_KEY in test.session_state
    store.remove_user(EDITOR)
    store.add_user(EDITOR, "a brand new passphrase 2026", "editor")
    test.run()
    assert SESSION_KEY not in test.session_state
    assert not any(s.value == "编辑模式" for s in test.subheader)


def test_3_a_new_password_or_a_disabled_account_ends_the_session(store: Any) -> None:
    test = _choose(_sign_in(_app()), RESERVOIR)
    store.set_password(EDITOR, "a brand new passphrase 2026")
    test.run()
    assert SESSION_KEY not in test.session_state
    test = _choose(_sign_in(test, EDITOR, "a brand new passphrase 2026"), RESERVOIR)
    assert SESSION_KEY in test.session_state
    store.disable_user(EDITOR)
    test.run()
    assert SESSION_KEY not in test.session_state


def test_7_a_revert_chosen_on_a_stale_audit_trail_is_refused(store: Any) -> None:
    moved = store.move(RESERVOIR, "projects", {"type": "Point", "coordinates": list(NEW_PLACE)}, "site",
                       "规划图", user=OTHER, base_version=store.version_of(RESERVOIR))
    test = _choose(_sign_in(_app()), RESERVOIR)  # the trail shows the move, at version 1
    store.add_note(RESERVOIR, "projects", "meanwhile", "现场", user=OTHER, base_version=moved.version)
    test.button(key=key("revert", RESERVOIR)).click().run()
    assert not test.exception, test.exception
    assert [e.field for e in store.edits(RESERVOIR)] == ["geometry", "note"]  # refused like a save
    assert any("wang" in e.value and "surveyor" in e.value for e in test.error)  # not saved: who changed it, when
