"""The route and township tools (:mod:`geo.view.tools._panel`) in real Chromium, offline, on the hand-made layers.

A route chosen through the URL (``?stops=``) must frame the map the same way as
the same route chosen in the route panel.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _browser import CHROMIUM, map_frame, offline_context, shot
from _paths import DATA

from geo.store import load_layers

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")

TEST_LAYERS = DATA / "layers"
ROUTE_ID = "rt-002"
#: The map's view: zoom, centre and bounds (south, west, north, east).
VIEW_JS = """() => { const b = map.getBounds(), c = map.getCenter();
  return [map.getZoom(), c.lat, c.lng, b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }"""
ROUTE_DRAWN_JS = "document.querySelectorAll('.yq-route-stop').length === 4"


def _route_bounds() -> tuple[float, float, float, float]:
    layers = load_layers(TEST_LAYERS)
    routes, stops = layers["tourism_routes"], layers["tourism_stops"]
    minx, miny, maxx, maxy = routes[routes["id"] == ROUTE_ID].total_bounds
    sminx, sminy, smaxx, smaxy = stops[stops["route_id"] == ROUTE_ID].total_bounds
    return min(minx, sminx), min(miny, sminy), max(maxx, smaxx), max(maxy, smaxy)


def _settled_view(frame: object) -> list[float]:
    frame.wait_for_function(ROUTE_DRAWN_JS, timeout=30_000)
    frame.wait_for_timeout(800)  # the fit and the resize observer have run
    return frame.evaluate(VIEW_JS)


def test_route_from_the_url_frames_the_map_like_the_panel_choice(
        browser: object, loopback_app_url: str, tmp_path: Path) -> None:
    minx, miny, maxx, maxy = _route_bounds()
    context = offline_context(browser, 1366, 768)
    try:
        page = context.new_page()
        page.goto(f"{loopback_app_url}/?base=none")
        frame = map_frame(page)
        frame.wait_for_function("window.YQ && YQ.labelCount > 0", timeout=30_000)
        first_view = frame.evaluate(VIEW_JS)
        box = page.locator("[data-testid='stSelectbox']").filter(has_text="选择线路")
        box.locator("input").click()
        page.keyboard.type("山水康养")
        page.keyboard.press("Enter")
        from_panel = _settled_view(frame)

        page.goto(f"{loopback_app_url}/?base=none&stops={ROUTE_ID}")
        frame = map_frame(page)
        from_url = _settled_view(frame)
        shot(page, tmp_path, "tools_route_from_url_1366x768.png")
        route_js = f"L.latLngBounds([[{miny}, {minx}], [{maxy}, {maxx}]])"
        assert frame.evaluate(f"map.getBounds().contains({route_js})")
        # Leaflet's fit of the route (padding 24 px, at most zoom 14), not the first view of the pilot zone
        fitted = frame.evaluate(f"Math.min(14, map.getBoundsZoom({route_js}, false, L.point(48, 48)))")
        assert from_url[0] == fitted
        assert from_url != first_view
    finally:
        context.close()
    assert from_url == pytest.approx(from_panel, abs=2e-3)  # within a pixel at that zoom
