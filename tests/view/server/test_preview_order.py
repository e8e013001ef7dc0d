"""What a new visitor's browser does first on a page with the map's preview (issue 29, item 11).

The preview paints before Streamlit's own script runs, and Streamlit's script is
meanwhile already being fetched, so that its sidebar (the filters) comes soon
after the paint.  Real browser, cold cache; the order of events is asserted,
never a duration (speed targets live in ``bench/``).
"""

from __future__ import annotations

import re
import time
import urllib.request

import pytest

pytestmark = pytest.mark.browser

#: Init script: note when Streamlit opened its websocket (ms since navigation).
_SOCKET_JS = """(() => {
  const Native = window.WebSocket;
  window.__yqSocketAt = null;
  window.WebSocket = function (url, protocols) {
    if (window.__yqSocketAt === null) window.__yqSocketAt = performance.now();
    return protocols === undefined ? new Native(url) : new Native(url, protocols);
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();"""
_ENTRY = re.compile(r'import\("(\./static/js/index\.[^"]+\.js)"\)')


def _page_with_preview(url: str, timeout_s: float = 120.0) -> str:
    """The app's page once it carries the preview (the server makes it while warming up)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode("utf-8")
        if "yq-preview-frame" in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"no preview in {url} after {timeout_s:.0f} s")


def test_streamlits_script_is_fetched_while_the_preview_paints_and_run_after_it(loopback_app_url: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests._browser import CHROMIUM, CHROMIUM_ARGS, offline_context

    found = _ENTRY.search(_page_with_preview(loopback_app_url))
    assert found, "the page runs Streamlit's entry once the preview has painted"
    entry = found.group(1).removeprefix("./")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = offline_context(browser, 1366, 768).new_page()
            page.add_init_script(_SOCKET_JS)
            page.goto(loopback_app_url)
            page.wait_for_function("() => window.yqPreview && typeof window.yqPreview.previewPaintedAt === 'number'"
                                   " && window.__yqSocketAt !== null", timeout=90_000)
            painted, socket, asked = page.evaluate(
                "(entry) => [window.yqPreview.previewPaintedAt, window.__yqSocketAt,"
                " performance.getEntriesByType('resource').filter((e) => e.name.endsWith(entry))"
                ".map((e) => e.startTime)]", entry)
            assert asked, f"{entry} was never asked for"
            assert min(asked) < painted  # asked for with the page, not once the preview has painted
            assert painted <= socket  # and run only after the paint: the preview has the thread first
            page.get_by_text("仅显示跨省（渝黔）要素").wait_for(timeout=90_000)  # then Streamlit draws its sidebar
        finally:
            browser.close()
