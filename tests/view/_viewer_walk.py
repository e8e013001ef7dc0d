"""Helpers of the browser tests that walk the viewer's sidebar: choose an option, wait for the view shown.

Shared by ``tests/view/test_browser_language.py`` and ``tests/view/test_browser_walk.py``.
"""

from __future__ import annotations

import time
from typing import Any

from _browser import MAP_FRAME, wait_for_features

from geo.view.i18n import Language, text

#: The number the page states (features shown).
METRIC = "[data-testid='stMetricValue']"


def pick(page: Any, field: str, label: str) -> None:
    """Choose the option ``label`` in the multiselect or selectbox of ``field``."""
    box = page.locator(f".st-key-yq_{field} input[role='combobox']").first
    box.click()
    box.fill(label)
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")


def shown(page: Any, count: int | tuple[int, int], lang: Language, timeout_s: float = 90.0) -> Any:
    """The map frame once the page (in ``lang``) states ``count`` features shown and its map draws as many.

    ``count`` is a pair (stated, drawn) where the two differ: layers that a
    filter does not narrow step back, drawn pale but not counted (issue 29).
    """
    stated, drawn = count if isinstance(count, tuple) else (count, count)
    deadline = time.monotonic() + timeout_s
    page.get_by_text(text("title", lang)).first.wait_for(timeout=60_000)
    page.wait_for_function(f"document.querySelector(\"{METRIC}\") && "
                           f"document.querySelector(\"{METRIC}\").innerText.trim() === '{stated}'", timeout=60_000)
    while True:  # a language change makes a new map frame: the old one may still be there for a moment
        try:
            frame = page.wait_for_selector(MAP_FRAME, timeout=60_000).content_frame()
            frame.wait_for_selector(".leaflet-container", timeout=30_000)
            wait_for_features(frame, drawn, 15_000)
            return frame
        except Exception:
            if time.monotonic() > deadline:
                raise
