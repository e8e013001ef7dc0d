"""Helpers of the real-browser tests: offline Chromium context, the map frame, drawn-feature count, shots.

Every request to a host other than the loopback one is aborted.  Screenshots go
to ``$YQ_SHOTS`` (or ``$YUQIAN_SHOTS``; default ``/tmp/shots``), outside the repository.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
#: Features drawn on the map: every layer holding a feature, and every marker of a stack (cluster).
COUNT_FEATURES_JS = """() => {
  if (typeof map === "undefined" || !map._layers) return -1;  // the iframe is there, its map not yet
  const seen = {};
  let n = 0;
  const multi = (l) => l.feature.geometry && l.feature.geometry.type === "MultiPoint";  // one group of markers
  const visit = (l) => {
    if (l.feature && (!l.getLayers || multi(l)) && !seen[l._leaflet_id]) { seen[l._leaflet_id] = 1; n++; }
  };
  for (const k in map._layers) {
    const l = map._layers[k];
    if (l._topClusterLevel) l.eachLayer(visit); else visit(l);
  }
  return n;
}"""


def require_chromium() -> Any:
    """Skip the calling test module where Debian's Chromium or Playwright is missing; Playwright's sync API.

    Call it at module level, before anything that needs a browser.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


def shots_dir() -> Path:
    """Where screenshots are copied (``$YQ_SHOTS``, else ``$YUQIAN_SHOTS``, default ``/tmp/shots``)."""
    folder = Path(os.environ.get("YQ_SHOTS") or os.environ.get("YUQIAN_SHOTS") or "/tmp/shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Traffic:
    """Requests seen by the browser: served locally, or blocked because they left the machine."""

    local: list[str] = field(default_factory=list)
    blocked: list[tuple[str, str]] = field(default_factory=list)


def offline_context(browser: object, width: int = 1500, height: int = 1400, traffic: Traffic | None = None,
                    **options: object) -> object:
    """A new context of ``browser`` where only loopback hosts answer."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    # a loaded machine (CI, or other jobs on two cores) can take longer than Playwright's 30 s defaults
    context.set_default_navigation_timeout(90_000)
    context.set_default_timeout(60_000)

    def route(route: object) -> None:
        request = route.request
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            if traffic is not None:
                traffic.local.append(request.url)
            route.continue_()
        else:
            if traffic is not None:
                traffic.blocked.append((request.resource_type, request.url))
            route.abort()

    context.route("**/*", route)
    return context


def map_frame(page: object) -> object:
    """The map's iframe once Leaflet is there."""
    handle = page.wait_for_selector(MAP_FRAME, timeout=60_000)
    frame = handle.content_frame()
    frame.wait_for_selector(".leaflet-container", timeout=60_000)
    return frame


def wait_for_features(frame: object, count: int, timeout_ms: int = 30_000) -> None:
    """Wait until exactly ``count`` features are on the map (in stacks or not)."""
    frame.wait_for_function(f"({COUNT_FEATURES_JS})() === {count}", timeout=timeout_ms, polling=20)


def shot(page: object, tmp_path: Path, name: str, full_page: bool = False) -> Path:
    """Screenshot of the page into ``tmp_path`` and the shots folder."""
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=full_page)
    shutil.copy(path, shots_dir() / name)
    return path


def drawn_count(layers: Mapping[str, Any]) -> int:
    """Features a map draws of ``layers``: those with a geometry (a feature of unknown position is listed only)."""
    return sum(int((frame.geometry.notna() & ~frame.geometry.is_empty).sum()) for frame in layers.values())


@contextmanager
def launched_chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright, closed afterwards (the ``browser`` fixtures of the browser tests)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def data_map(page: Any, timeout_ms: int = 60_000) -> Any:
    """The viewer's main map frame once Leaflet is there and its features file has been asked for."""
    frame = page.wait_for_selector(MAP_FRAME, timeout=timeout_ms).content_frame()
    frame.wait_for_selector(".leaflet-container", timeout=timeout_ms)
    frame.wait_for_function("Object.keys(window.yqData || {}).length > 0", timeout=timeout_ms)
    return frame
