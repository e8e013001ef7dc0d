"""Where the tests' files are, wherever a test module sits below ``tests/``."""

from __future__ import annotations

from pathlib import Path
from typing import Final

#: The ``tests/`` folder.
TESTS_DIR: Final[Path] = Path(__file__).resolve().parent
#: The tests' own data (mini data set, built test layers, uploads).
DATA: Final[Path] = TESTS_DIR / "data"
#: The project's root (``app.py``, ``seeds/``, ``layers/``).
ROOT_DIR: Final[Path] = TESTS_DIR.parent
