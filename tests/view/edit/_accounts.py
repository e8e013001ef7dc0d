"""The accounts and the feature of the edit-mode AppTests (``test_mode.py``, ``test_security.py``).

The ``store`` fixture that holds these accounts is in ``tests/view/edit/conftest.py``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Final

EDITOR: Final[str] = "li_planner"
PASSWORD: Final[str] = "a long enough passphrase 2026"
OTHER: Final[str] = "wang_surveyor"
OTHER_PASSWORD: Final[str] = "another long passphrase 2026"
#: 桐梓水库, placed at the county seat in the plan's layers.
RESERVOIR: Final[str] = "pj-002"


def layer_digest(folder: Path) -> str:
    """One hash of every ``*.geojson`` file of ``folder`` (to show that nothing wrote them)."""
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.glob("*.geojson")))).hexdigest()
