"""Fixtures of the viewer's tests (beside those of ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _paths import ROOT_DIR


@pytest.fixture()
def app_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], Any]:
    """Opens a fresh embedded edit store for an AppTest of ``app.py``: ``app_store(layers)``.

    ``$YUQIAN_DATA`` is a new folder (``$YUQIAN_DB`` unset), ``$YUQIAN_LAYERS`` is
    ``layers`` (the app shows them and the store checks edits against them) and the
    working folder is the repository's root; the open store is returned.
    """
    def open_app_store(layers: Path) -> Any:
        from geo.edits import open_store

        monkeypatch.setenv("YUQIAN_DATA", str(tmp_path / "data"))
        monkeypatch.delenv("YUQIAN_DB", raising=False)
        monkeypatch.setenv("YUQIAN_LAYERS", str(layers))
        monkeypatch.chdir(ROOT_DIR)
        (tmp_path / "data").mkdir()
        return open_store(layers_dir=layers)

    return open_app_store
