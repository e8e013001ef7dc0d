"""Issue 29 items 5, 7, 8 and 9 in a real browser, at the screen sizes where they were seen.

Chromium, offline, on the hand-made layers: words in one language (the map
controls' tooltips, the layer chips, partner townships), a search that finds
nothing says so and a search of several English words finds by words, a link
carries the map's centre and zoom, and the township tool's table fits a phone.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from _browser import MAP_FRAME, require_chromium, shot
from _paths import DATA

from geo.config import LAYERS
from geo.filters import count_features, filter_layers
from geo.store import load_layers
from geo.view.i18n import Language, text
from tests.view._viewer_walk import pick, shown

pytestmark = pytest.mark.browser

require_chromium()

TEST_LAYERS = DATA / "layers"


def _expected(**criteria: object) -> int:
    return sum(count_features(filter_layers(load_layers(TEST_LAYERS), **criteria)).values())


def _titles(frame: object) -> dict[str, str]:
    return frame.evaluate("""() => {
      const t = (s) => { const e = document.querySelector(s); return e ? e.title : null; };
      return {zoomIn: t('.leaflet-control-zoom-in'), zoomOut: t('.leaflet-control-zoom-out'),
              fullscreen: t('.leaflet-control-zoom-fullscreen'), layers: t('.leaflet-control-layers-toggle'),
              measure: t('.leaflet-control-measure-toggle')};
    }""")


def test_item5_words_in_one_language(loopback_app_url: str, sized_page: object, tmp_path: Path) -> None:
    page = sized_page(1366, 768)
    page.goto(f"{loopback_app_url}/?base=none")
    frame = shown(page, _expected(), "zh")
    assert _titles(frame) == {"zoomIn": "放大", "zoomOut": "缩小", "fullscreen": "全屏", "layers": "图层",
                              "measure": "同时测量距离和面积"}
    pick(page, "township", "安稳镇 Anwen Town · 綦江区")
    partners = page.locator("[data-testid='stMarkdownContainer']").filter(has_text="结对合作乡镇").first
    partners.wait_for(timeout=60_000)
    assert "坡渡镇、温水镇" in partners.inner_text()
    page.locator("[data-testid='stDataFrame'] .dvn-scroller").first.wait_for(timeout=60_000)  # the table drawn
    shot(page, tmp_path, "item5_words_zh_1366.png")

    page.locator(".st-key-yq_lang").get_by_text("English", exact=True).click()
    frame = shown(page, _expected(), "en")
    frame.wait_for_function("document.querySelector('.leaflet-control-zoom-in').title === 'Zoom in'",
                            timeout=30_000)
    assert _titles(frame) == {"zoomIn": "Zoom in", "zoomOut": "Zoom out", "fullscreen": "Full screen",
                              "layers": "Layers", "measure": "Measure distances and areas"}
    chips = page.locator(".st-key-yq_layers_on [data-tag]")
    page.wait_for_function("document.querySelector('.st-key-yq_layers_on [data-tag]').innerText.trim() === "
                           f"'{LAYERS['boundaries'][1]}'", timeout=30_000)
    assert chips.all_inner_texts() == [english for _, english in LAYERS.values()]  # no Chinese chip left
    partners = page.locator("[data-testid='stMarkdownContainer']").filter(has_text="Partner townships").first
    partners.wait_for(timeout=60_000)
    assert "Podu Town (坡渡镇), Wenshui Town (温水镇)" in partners.inner_text()
    shot(page, tmp_path, "item5_words_en_1366.png")


def test_item7_search_says_when_nothing_is_found_and_matches_english_words(
        loopback_app_url: str, sized_page: object, tmp_path: Path) -> None:
    page = sized_page(1366, 768)
    page.goto(f"{loopback_app_url}/?base=none&lang=en")
    shown(page, _expected(), "en")
    search = page.locator(".st-key-yq_text input")
    search.fill("Xyzzy Park")
    search.press("Enter")
    shown(page, _expected(text="Xyzzy Park"), "en")
    note = page.get_by_text("No feature matches “Xyzzy Park”")
    note.first.wait_for(timeout=30_000)
    assert note.count() == 2  # under the search box and under the count (the sidebar is closed on a phone)
    shot(page, tmp_path, "item7_no_hit_en_1366.png")

    words = _expected(text="Mountain Route")
    assert words > _expected(text="Xyzzy Park")  # "Mountain Wellness Route": the two words, apart
    search.fill("Mountain Route")
    search.press("Enter")
    shown(page, words, "en")
    # the last run's note stays on the page, greyed, until the new run has drawn its sidebar
    page.wait_for_function("() => !document.body.innerText.includes('No feature matches')", timeout=30_000)
    assert page.get_by_text("No feature matches").count() == 0


def test_item8_a_copied_link_reopens_at_the_same_centre_and_zoom(
        loopback_app_url: str, sized_page: object, tmp_path: Path) -> None:
    page = sized_page(1920, 1080)
    page.goto(f"{loopback_app_url}/?base=none&xb=1")
    frame = shown(page, _expected(cross_border_only=True), "zh")
    frame.locator(".leaflet-control-zoom-in").click()
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 150, box["y"] + box["height"] / 2 + 90, steps=8)
    page.mouse.up()
    page.wait_for_function("new URLSearchParams(location.search).has('zoom')", timeout=15_000)
    time.sleep(1)  # the last move's end written
    view = frame.evaluate("({lat: map.getCenter().lat, lng: map.getCenter().lng, zoom: map.getZoom()})")
    query = {k: v[-1] for k, v in parse_qs(urlparse(page.evaluate("location.href")).query).items()}
    lat, lng = (float(v) for v in query["center"].split(","))
    assert abs(lat - view["lat"]) < 1e-4 and abs(lng - view["lng"]) < 1e-4 and float(query["zoom"]) == view["zoom"]
    assert query["xb"] == "1" and query["base"] == "none"  # the filters stay beside the view

    # a filter change (a run of the server, which writes the address again) keeps the view and the link
    page.locator(".st-key-yq_cross_border_only").get_by_text(text("cross_border", "zh")).click()
    frame = shown(page, _expected(), "zh")
    page.wait_for_function("!new URLSearchParams(location.search).has('xb') && "
                           "new URLSearchParams(location.search).has('center')", timeout=15_000)
    link = page.evaluate("location.href")  # page.url is only brought up to date while Playwright waits
    moved = frame.evaluate("({lat: map.getCenter().lat, lng: map.getCenter().lng, zoom: map.getZoom()})")
    assert abs(moved["lat"] - view["lat"]) < 1e-6 and moved["zoom"] == view["zoom"]

    other = sized_page(1920, 1080)
    other.goto(link)
    opened = shown(other, _expected(), "zh")
    opened.wait_for_function(f"Math.abs(map.getCenter().lat - {lat}) < 1e-4 && "
                             f"Math.abs(map.getCenter().lng - {lng}) < 1e-4 && map.getZoom() === {view['zoom']}",
                             timeout=30_000)
    shot(other, tmp_path, "item8_link_view_zh_1920.png")


@pytest.mark.parametrize(("width", "height", "lang"), [(390, 844, "zh"), (1366, 768, "en")])
def test_item9_township_table_fits_without_sideways_scrolling(loopback_app_url: str, sized_page: object,
                                                              tmp_path: Path, width: int, height: int,
                                                              lang: Language) -> None:
    page = sized_page(width, height)
    page.goto(f"{loopback_app_url}/?base=none&town=tw-003&km=40&lang={lang}")
    shown(page, _expected(), lang)
    table = page.locator("[data-testid='stDataFrame']").first
    table.scroll_into_view_if_needed(timeout=60_000)
    scroller = table.locator(".dvn-scroller").first
    scroller.wait_for(timeout=60_000)
    widths = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1] + 1, widths  # nothing to scroll sideways to (the columns: test_panel.py)
    shot(page, tmp_path, f"item9_town_table_{lang}_{width}.png")
