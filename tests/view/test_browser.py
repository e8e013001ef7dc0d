"""The real app in Debian's Chromium, driven by Playwright, with every non-local request blocked.

Started as the README says (``streamlit run app.py``) on the hand-made layers.
Screenshots go to the test's ``tmp_path`` and are copied to ``/tmp/shots/``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from _browser import wait_for_features
from _paths import DATA, ROOT_DIR

from geo.filters import count_features, filter_layers
from geo.store import load_layers

#: The upload panel's own file box (the scan panel has one too).
UPLOAD_INPUT = ".st-key-yq_upload_file [data-testid='stFileUploader'] input[type='file']"

pytestmark = pytest.mark.browser

ROOT = ROOT_DIR
TEST_LAYERS = DATA / "layers"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path("/tmp/shots")
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
FEATURE_PATHS = ".leaflet-overlay-pane path.leaflet-interactive:not(.yq-halo)"
HALO_PATHS = ".leaflet-overlay-pane path.yq-halo"
COUNT_PATHS_JS = f"document.querySelectorAll('{FEATURE_PATHS}').length"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def app_url(loopback_app_url: str) -> str:
    """The app on the hand-made layers (see ``tests/conftest.py``)."""
    return loopback_app_url


@dataclass
class Traffic:
    """Requests seen by the browser: served locally, or blocked because they left the machine."""

    local: list[str] = field(default_factory=list)
    blocked: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture()
def browser_page() -> Iterator[tuple[object, Traffic]]:
    """A Chromium page whose requests to any host but localhost are aborted."""
    traffic = Traffic()
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1500, "height": 1400})

        def route(route: object) -> None:
            request = route.request
            host = urlparse(request.url).hostname or ""
            if request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
                traffic.local.append(request.url)
                route.continue_()
            else:
                traffic.blocked.append((request.resource_type, request.url))
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        try:
            yield page, traffic
        finally:
            browser.close()


def _expected(**criteria: object) -> int:
    return sum(count_features(filter_layers(load_layers(TEST_LAYERS), **criteria)).values())


def _map_frame(page: object) -> object:
    handle = page.wait_for_selector(MAP_FRAME, timeout=60_000)
    frame = handle.content_frame()
    frame.wait_for_selector(".leaflet-container", timeout=60_000)
    return frame


def _wait_for_paths(frame: object, count: int, timeout_ms: int = 30_000) -> float:
    """Wait until exactly ``count`` features are drawn (points in stacks count); seconds waited."""
    start = time.perf_counter()
    wait_for_features(frame, count, timeout_ms)
    return time.perf_counter() - start


def _open_map_legend(frame: object) -> object:
    """The legend control inside the map, opened."""
    legend = frame.locator(".yq-map-legend")
    legend.wait_for(timeout=30_000)
    if "yq-open" not in (legend.get_attribute("class") or ""):
        legend.locator(".yq-map-legend-toggle").click()
    return legend


def _shot(page: object, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / name)
    return path


def test_map_offline_filters_redraw_in_place(app_url: str, browser_page: tuple[object, Traffic],
                                             tmp_path: Path) -> None:
    page, traffic = browser_page
    page.goto(app_url)
    frame = _map_frame(page)
    total = _expected()
    _wait_for_paths(frame, total)
    assert _open_map_legend(frame).locator(".yq-legend").first.is_visible()
    assert frame.locator(".leaflet-control-scale").is_visible()
    assert frame.locator(".leaflet-control-zoom-fullscreen, .fullscreen-icon").count() >= 1
    assert frame.locator(".leaflet-control-measure").count() == 1
    _shot(page, tmp_path, "viewer_all.png")

    # mark the page and the map: a reload or a re-created map would lose the marks
    page.evaluate("window.__yq_probe = 'kept'")
    frame.evaluate("window.__yq_probe = 'kept'; window.__yq_map = window.map; window.map.setZoom(10)")

    search = page.get_by_label("搜索（中文、拼音或英文）")
    search.fill("ganshui")
    after_search = _expected(text="ganshui")
    start = time.perf_counter()
    search.press("Enter")
    _wait_for_paths(frame, after_search)
    seconds_search = time.perf_counter() - start

    after_cross = _expected(text="ganshui", cross_border_only=True)
    start = time.perf_counter()
    page.get_by_text("仅显示跨省（渝黔）要素").click()
    _wait_for_paths(frame, after_cross)
    seconds_cross = time.perf_counter() - start

    assert page.evaluate("window.__yq_probe") == "kept"
    assert frame.evaluate("window.__yq_probe === 'kept' && window.__yq_map === window.map")
    assert frame.evaluate("window.map.getZoom()") == 10  # zoom kept across redraws
    page.wait_for_function("document.querySelector('[data-testid=\"stMetricValue\"]')"
                           f".innerText.trim() === '{after_cross}'", timeout=30_000)
    _shot(page, tmp_path, "viewer_filtered.png")

    blocked_kinds = {kind for kind, _ in traffic.blocked}
    assert blocked_kinds <= {"image"}, traffic.blocked  # only basemap tiles wanted the internet
    assert any("offline_bundle/leaflet-bundle-zh-" in url for url in traffic.local)  # Leaflet + plugins, one file
    report = (f"features: all={total}, search 'ganshui'={after_search} ({seconds_search * 1000:.0f} ms), "
              f"+cross-border={after_cross} ({seconds_cross * 1000:.0f} ms); "
              f"blocked external requests: {len(traffic.blocked)} tiles")
    (SHOTS / "browser_timings.txt").write_text(report + "\n", encoding="utf-8")
    print(report)
    assert seconds_search < 15 and seconds_cross < 15


def test_no_tiles_english_needs_no_internet_at_all(app_url: str, browser_page: tuple[object, Traffic],
                                                   tmp_path: Path) -> None:
    page, traffic = browser_page
    page.goto(f"{app_url}/?base=none&lang=en&stops=rt-002")
    frame = _map_frame(page)
    _wait_for_paths(frame, _expected())
    assert page.get_by_text("Chongqing–Guizhou Cooperation Pilot Zone").first.is_visible()
    assert _open_map_legend(frame).locator(".yq-legend").first.is_visible()
    assert frame.locator(".leaflet-tile").count() == 0
    page.get_by_text("Route length").first.wait_for(timeout=30_000)
    frame.wait_for_function(f"document.querySelectorAll('{HALO_PATHS}').length === 5")  # route + 4 stops
    _shot(page, tmp_path, "viewer_no_tiles_en.png")
    assert traffic.blocked == []


#: Script payloads put into an upload's attributes, attribute names and file name.
XSS_NAME = "<img src=x onerror=window.__xss=1>"
XSS_NOTE = "<script>window.__xss=2</script>"
XSS_KEY = "<b onmouseover=window.__xss=4>key</b>"
XSS_ALERT = "<svg onload=alert(5)>"
XSS_FILE = "<img src=x onerror=window.__xss=3>.geojson"


def _xss_geojson() -> bytes:
    import json

    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.75, 28.62]},
               "properties": {"name": XSS_NAME, "note": XSS_NOTE, XSS_KEY: XSS_ALERT}}
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode("utf-8")


def test_uploaded_script_payloads_show_as_text_and_never_run(app_url: str, browser_page: tuple[object, Traffic],
                                                             tmp_path: Path) -> None:
    page, traffic = browser_page
    dialogs: list[str] = []

    def on_dialog(dialog: object) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"{app_url}/?base=none")
    frame = _map_frame(page)
    _wait_for_paths(frame, _expected())
    page.get_by_text("上传图层").first.click()
    page.locator(UPLOAD_INPUT).set_input_files(
        {"name": XSS_FILE, "mimeType": "application/geo+json", "buffer": _xss_geojson()})
    marker = frame.locator("path.yq-upload")
    marker.wait_for(timeout=60_000)
    assert marker.count() == 1
    _open_map_legend(frame).locator("[data-testid='yq-upload-legend']").wait_for(timeout=30_000)

    marker.hover()
    # the upload's own tooltip: a plan line under the same point may show its tooltip too (CI saw
    # the 红色记忆之旅 route's beside it once, when the map's groups were added again under the mouse)
    tooltip = frame.locator(".leaflet-tooltip").filter(has_text=XSS_NOTE)
    tooltip.wait_for(timeout=10_000)
    assert XSS_NAME in tooltip.inner_text() and XSS_NOTE in tooltip.inner_text()
    marker.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    popup_text = popup.inner_text()
    for payload in (XSS_NAME, XSS_NOTE, XSS_KEY, XSS_ALERT, XSS_FILE):
        assert payload in popup_text, (payload, popup_text)
    assert popup.locator("img, script, svg, iframe, object").count() == 0  # no element made from the data
    assert popup.locator("b").count() == 1  # the title only, not the <b> of the attribute name
    # an open popup hides the controls it overlaps (labels.js): close it before reading the legend
    frame.locator(".leaflet-popup-close-button").first.click()
    frame.locator(".leaflet-control-layers").hover()  # open the layer control: the file name as text
    assert XSS_FILE in frame.locator(".leaflet-control-layers-overlays").inner_text()
    legend = frame.locator("[data-testid='yq-upload-legend']")
    assert XSS_FILE in legend.inner_text() and legend.locator("img").count() == 0
    page.wait_for_timeout(500)  # let any injected handler fire
    _shot(page, tmp_path, "upload_xss.png")
    frame_shot = tmp_path / "upload_xss_map.png"
    page.locator(MAP_FRAME).screenshot(path=str(frame_shot))
    shutil.copy(frame_shot, SHOTS / frame_shot.name)

    assert page.evaluate("typeof window.__xss") == "undefined"
    assert frame.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert not any(urlparse(url).path.endswith("/x") for url in traffic.local)  # no <img src=x> fetched
    assert {kind for kind, _ in traffic.blocked} <= {"image"}
