"""The bench's redraw clock (:mod:`bench.viewer`): a draw is timed when it was painted, not when asked."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bench.browser import ARM_JS, CHROMIUM, wait_drawn

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")

#: A page with a stand-in for a Leaflet map: a click "draws" three features 20 ms later.
_PAGE = """<!doctype html><html><body><button id="go">draw</button><script>
window.map = {_layers: {1: {_leaflet_id: 1, feature: {}}}};
document.getElementById("go").addEventListener("click", () => setTimeout(() => {
  for (const id of [2, 3]) window.map._layers[id] = {_leaflet_id: id, feature: {}};
}, 20));
</script></body></html>"""


def test_a_draw_done_before_the_harness_asks_is_timed_when_it_was_painted(browser: object) -> None:
    page = browser.new_page()
    try:
        page.set_content(_PAGE)
        page.evaluate(ARM_JS, 3)
        page.click("#go")
        time.sleep(0.5)  # the harness is late: before arm_js, this lateness was counted in the redraw
        ms = wait_drawn(page, 3, 5_000)
        assert 20 <= ms < 400, ms
        # armed again for a count the page never reaches: nothing is timed, the wait runs out
        page.evaluate(ARM_JS, 7)
        page.click("#go")
        with pytest.raises(playwright_api.TimeoutError):
            wait_drawn(page, 7, 300)
    finally:
        page.close()
