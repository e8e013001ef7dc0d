"""Helpers of the browser tests that edit: an app on a fresh store with an editor, sign-in, choosing a feature.

Shared by ``tests/view/edit/test_browser.py``, ``tests/view/edit/test_two_servers.py``
and ``tests/view/scan/test_browser.py``; the browser itself comes from the
``browser`` and ``sized_page`` fixtures of ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from _paths import ROOT_DIR

#: Features the map rings as changed since the plan.
CHANGED_PATHS = ".leaflet-overlay-pane path.yq-changed"


def add_editor_by_command(name: str, password: str, env: Mapping[str, str], timeout_s: float) -> None:
    """Make an editor as an administrator would: ``python -m geo users add NAME --role editor``.

    ``env`` is added to this process's environment (the store's ``$YUQIAN_DB``, ``$YUQIAN_LAYERS``).
    """
    made = subprocess.run([sys.executable, "-m", "geo", "users", "add", name, "--role", "editor"],
                          input=password + "\n", text=True, capture_output=True, cwd=ROOT_DIR,
                          env={**os.environ, **env}, check=False, timeout=timeout_s)
    assert made.returncode == 0, made.stderr


@contextmanager
def app_with_editor(data: Path, layers: Path, name: str, password: str, *,
                    by_command: bool = False) -> Iterator[tuple[str, Any]]:
    """``streamlit run app.py`` on ``layers`` with a fresh embedded store in ``data`` holding one editor.

    Parameters
    ----------
    data : Path
        An empty folder: ``$YUQIAN_DATA`` (``$YUQIAN_DB`` unset) while the app runs.
    layers : Path
        The layers the app shows and the store checks edits against.
    name, password : str
        The editor's account.
    by_command : bool
        Make the editor with ``python -m geo users add`` (:func:`add_editor_by_command`)
        rather than with the store's own ``add_user``.

    Yields
    ------
    tuple of (str, EditStore)
        The app's URL and the store, open in this process.
    """
    from bench.server import running_app
    from geo.edits import open_store

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("YUQIAN_DATA", str(data))
        patch.delenv("YUQIAN_DB", raising=False)
        if by_command:
            add_editor_by_command(name, password, {"YUQIAN_LAYERS": str(layers)}, timeout_s=300)
        store = open_store(layers_dir=layers)
        if not by_command:
            store.add_user(name, password, "editor")
        with running_app("app.py", layers) as url:
            yield url, store


def sign_in(page: Any, name: str, password: str, timeout_ms: int = 30_000) -> None:
    """Open the sign-in form of a loaded page and sign in; filled again if a rerun cleared it before it was sent."""
    from playwright.sync_api import Error

    page.get_by_text("编辑登录").click()
    signed_in = page.get_by_text("编辑模式")
    for _ in range(3):
        page.get_by_label("用户名 Username").fill(name)
        page.get_by_label("密码 Password").fill(password)
        page.get_by_role("button", name="登录 Sign in").click()
        try:
            signed_in.wait_for(timeout=timeout_ms)
            return
        except Error:
            refused = page.locator("[data-testid='stAlert']").all_inner_texts()
            assert not refused, f"sign-in refused: {refused}"
    signed_in.wait_for(timeout=timeout_ms)


def choose_feature(page: Any, fid: str, timeout_ms: int = 30_000) -> None:
    """Choose ``fid`` in the edit panel's feature box and wait until the box shows it."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text="选择要素")
    box.locator("input").click()
    page.keyboard.type(fid)
    page.keyboard.press("Enter")
    page.wait_for_function("([input, fid]) => input.value.endsWith('· ' + fid)",
                           arg=[box.locator("input").element_handle(), fid], timeout=timeout_ms)


def the_one(page: Any, locator: Any, timeout_s: int = 30) -> Any:
    """``locator`` once it matches one element twice in a row, 250 ms apart.

    The panel of the feature chosen before stays on the page, greyed, until the
    run that draws the new one has finished (``page.MAP_LEAD_S`` and all).
    """
    alone = 0
    for _ in range(timeout_s * 4):
        alone = alone + 1 if locator.count() == 1 else 0
        if alone == 2:  # twice in a row: the greyed panel is gone, not between two runs
            return locator
        page.wait_for_timeout(250)
    raise AssertionError(f"{locator} matched {locator.count()} elements for {timeout_s} s")
