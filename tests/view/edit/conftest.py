"""Fixtures of the edit-mode tests: a fresh embedded store with two editors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _paths import DATA

from tests.view.edit._accounts import EDITOR, OTHER, OTHER_PASSWORD, PASSWORD, layer_digest


@pytest.fixture()
def store(app_store: Callable[[Path], Any], edit_layers: Path) -> Iterator[Any]:
    """A fresh embedded store with two editors, checked against (a copy of) the hand-made layers.

    Set up for an AppTest of ``app.py`` (``app_store`` of ``tests/view/conftest.py``);
    afterwards the store is closed and neither the copy nor the hand-made layers
    may have changed (the viewer never writes layers).
    """
    edit_store = app_store(edit_layers)
    edit_store.add_user(EDITOR, PASSWORD, "editor")
    edit_store.add_user(OTHER, OTHER_PASSWORD, "editor")
    before = layer_digest(edit_layers), layer_digest(DATA / "layers")
    yield edit_store
    edit_store.close()
    assert (layer_digest(edit_layers), layer_digest(DATA / "layers")) == before, "the viewer never writes layers"
