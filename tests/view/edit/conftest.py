"""Fixtures of the edit-mode tests: a fresh embedded store with two editors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _paths import DATA, ROOT_DIR

from tests.view.edit._accounts import EDITOR, OTHER, OTHER_PASSWORD, PASSWORD, layer_digest


@pytest.fixture()
def store(tmp_path: Path, edit_layers: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A fresh embedded store with two editors, checked against (a copy of) the hand-made layers.

    ``$YUQIAN_DATA``, ``$YUQIAN_LAYERS`` and the working folder are set for an
    AppTest of ``app.py``; afterwards the store is closed and neither the copy
    nor the hand-made layers may have changed (the viewer never writes layers).
    """
    from geo.edits import open_store

    monkeypatch.setenv("YUQIAN_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("YUQIAN_DB", raising=False)
    monkeypatch.setenv("YUQIAN_LAYERS", str(edit_layers))
    monkeypatch.chdir(ROOT_DIR)
    (tmp_path / "data").mkdir()
    edit_store = open_store(layers_dir=edit_layers)
    edit_store.add_user(EDITOR, PASSWORD, "editor")
    edit_store.add_user(OTHER, OTHER_PASSWORD, "editor")
    before = layer_digest(edit_layers), layer_digest(DATA / "layers")
    yield edit_store
    edit_store.close()
    assert (layer_digest(edit_layers), layer_digest(DATA / "layers")) == before, "the viewer never writes layers"
