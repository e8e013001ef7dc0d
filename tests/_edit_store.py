"""What the edit-store tests share (``tests/test_edits_store.py``, ``tests/test_edits_security.py``).

The fixtures built on it (``store_url``, ``clock``, ``store``) are in ``tests/conftest.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

#: A point of 綦江区 in the plan, placed at a township seat.
RESERVOIR: Final[str] = "pj-zhangshiba-reservoir"
#: A corridor of the plan.
HSR: Final[str] = "co-yugui-hsr"
#: A new position inside 綦江区, with more decimals than the store keeps.
IN_QIJIANG: Final[dict] = {"type": "Point", "coordinates": [106.70123456, 28.81]}
#: The password of the store fixture's accounts.
PASSWORD: Final[str] = "a long passphrase"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now
