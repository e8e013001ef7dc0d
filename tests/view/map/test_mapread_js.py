"""A map people can read (``geo/view/js/mapread.js``, :mod:`geo.view.map._labels`), in real Chromium, offline.

The app runs on the built layers of ``layers/`` and every count is taken from
those files (the data engineers move positions off the seats; nothing here is a
fixed number).  Screenshots of each view go to ``$YQ_SHOTS`` (default ``/tmp/shots``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest
from _browser import (
    CHROMIUM,
    MAP_FRAME,
    Traffic,
    drawn_count,
    map_frame,
    offline_context,
    shot,
    wait_for_features,
)
from _paths import ROOT_DIR

from geo.filters import count_features, filter_layers
from geo.view.map._labels import POINT_LAYERS, label_fields

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = ROOT_DIR
LAYERS = ROOT / "layers"


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    """The layer files the app shows, as the app loads them."""
    from geo.store import load_layers

    return load_layers(LAYERS)


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    """The app on ``layers/``, on loopback."""
    from bench.server import running_app

    with running_app("app.py", LAYERS) as url:
        yield url


def _open(browser: object, url: str, width: int, height: int, traffic: Traffic | None = None,
          **options: object) -> tuple[object, object, object]:
    context = offline_context(browser, width, height, traffic, **options)
    page = context.new_page()
    page.goto(url)
    frame = map_frame(page)
    return context, page, frame


def _total(layers: dict[str, gpd.GeoDataFrame]) -> int:
    return drawn_count(filter_layers(layers))  # features of unknown position are listed, not drawn


def _labels_settled(frame: object) -> None:
    frame.wait_for_function("window.YQ && YQ.labelCount > 0", timeout=30_000)
    frame.wait_for_timeout(300)


def _visible_label_texts(frame: object) -> list[str]:
    """Text of the labels drawn inside the map's visible area (no hovering)."""
    return frame.evaluate("""() => {
      const box = map.getContainer().getBoundingClientRect();
      return Array.from(document.querySelectorAll('.yq-label')).filter(el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom
          && getComputedStyle(el).visibility !== 'hidden';
      }).map(el => el.innerText.trim());
    }""")


def test_first_view_names_counties_and_townships_and_fits_the_pilot_zone(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    traffic = Traffic()
    context, page, frame = _open(browser, f"{app_url}/?base=none", 1366, 768, traffic)
    try:
        wait_for_features(frame, _total(layers))
        _labels_settled(frame)
        texts = " ".join(_visible_label_texts(frame))
        counties = [n for n in layers["boundaries"]["name"] if n in texts]
        towns = [n for n in layers["townships"]["name"] if n in texts]
        assert len(counties) >= 3, texts
        assert len(towns) >= 10, texts
        # Leaflet's own fitBounds on the real map size: the three pilot counties are in view
        pilot = layers["boundaries"][layers["boundaries"]["name"].isin(["綦江区", "桐梓县", "习水县"])]
        minx, miny, maxx, maxy = pilot.total_bounds
        pilot_js = f"L.latLngBounds([[{miny}, {minx}], [{maxy}, {maxx}]])"
        assert frame.evaluate(f"map.getBounds().pad(0.02).contains({pilot_js})")
        # the whole map is in the first screen and fills the main column
        box = page.locator(MAP_FRAME).bounding_box()
        content_width = page.evaluate("""() => {
            const b = document.querySelector('.block-container'), s = getComputedStyle(b);
            return b.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }""")
        assert box["y"] >= 0 and box["y"] + box["height"] <= 768, box
        assert box["width"] >= 0.98 * content_width, (box, content_width)
        stacks = frame.locator(".yq-stack").count()
        labels = frame.evaluate("YQ.labelCount")
        (tmp_path / "counts.txt").write_text(f"first view 1366x768: {stacks} stacks, {labels} labels\n")
        print(f"first view 1366x768: {stacks} stacks, {labels} labels, towns {len(towns)}, counties {len(counties)}")
        shot(page, tmp_path, "mapread_first_view_1366x768.png")
        assert traffic.blocked == []
    finally:
        context.close()


#: Pairs of drawn things that overlap by more than 2 px each way: label on label, and a township,
#: corridor or site label on a stack's ring or on its site-precision badge (a county name may pass
#: under a stack, never under another label: labels.js).
_LABEL_OVERLAPS_JS = """() => {
  const box = el => el.getBoundingClientRect();
  const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  const labels = Array.from(document.querySelectorAll('.yq-label > span')).map(el => ({
    text: el.textContent, county: el.parentElement.classList.contains('yq-label-r0'), r: box(el)}));
  const icons = Array.from(document.querySelectorAll('.yq-stack-ring, .yq-stack-sites')).map(el => ({
    text: el.className + ' ' + el.textContent, r: box(el)}));
  const out = [];
  labels.forEach((a, i) => {
    labels.slice(i + 1).forEach(b => { if (hit(a.r, b.r)) out.push([a.text, b.text]); });
    if (!a.county) icons.forEach(b => { if (hit(a.r, b.r)) out.push([a.text, b.text]); });
  });
  return {labels: labels.length, overlaps: out};
}"""


@pytest.mark.parametrize("size", [(1366, 768), (1500, 1400), (390, 844)])
def test_labels_never_cover_one_another_or_a_stack(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame], size: tuple[int, int]) -> None:
    """The collision pass keeps every label clear of the others and of the stacks, also after a zoom in.

    Before the fix a second ``overlaps`` in labels.js (the popup check's) shadowed the
    label test, so no label was ever moved or dropped: 39 overlapping pairs in the plan's
    first view at 1500x1400.
    """
    context, page, frame = _open(browser, f"{app_url}/?base=none", *size)
    try:
        wait_for_features(frame, _total(layers))
        _labels_settled(frame)
        for step in ("first view", "zoom in"):
            if step == "zoom in":
                frame.evaluate("map.setZoom(map.getZoom() + 1, {animate: false})")
                frame.wait_for_timeout(400)
            found = frame.evaluate(_LABEL_OVERLAPS_JS)
            assert found["labels"] >= 5, (step, found)
            assert found["overlaps"] == [], (step, size, found["overlaps"][:6])
    finally:
        context.close()


def _seat_stack(layers: dict[str, gpd.GeoDataFrame], county: str = "綦江区") -> tuple[tuple[float, float], list[str]]:
    """The coordinate of ``county``'s seat (where its county-precision points sit) and the ids of every point there."""
    where: Counter[tuple[float, float]] = Counter()
    for name in POINT_LAYERS:
        frame = layers.get(name)
        if frame is None or frame.empty:
            continue
        at_seat = frame[(frame["precision"] == "county") & (frame["located_at"] == county)]
        where.update((round(g.x, 5), round(g.y, 5)) for g in at_seat.geometry)
    if not where:
        pytest.skip(f"no point is placed at the seat of {county} any more")
    seat = where.most_common(1)[0][0]
    ids = [str(fid) for name in POINT_LAYERS if name in layers
           for fid, g in zip(layers[name]["id"], layers[name].geometry, strict=True)
           if g is not None and g.geom_type == "Point"  # unplaced features and MultiPoints are not at one seat
           and abs(g.x - seat[0]) < 2e-5 and abs(g.y - seat[1]) < 2e-5]
    return seat, ids


def test_qijiang_seat_stack_lists_every_feature_and_each_opens_its_popup(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    seat, ids = _seat_stack(layers)
    if len(ids) < 2:
        pytest.skip("the seat holds a single feature: no stack")
    county_precision = sum(1 for name in POINT_LAYERS if name in layers
                           for p, a, fid in zip(layers[name]["precision"], layers[name]["located_at"],
                                                layers[name]["id"], strict=True)
                           if p == "county" and a == "綦江区" and str(fid) in ids)
    context, page, frame = _open(browser, f"{app_url}/?base=none", 1366, 768)
    try:
        wait_for_features(frame, _total(layers))
        frame.evaluate(f"map.setView([{seat[1]}, {seat[0]}], map.getMaxZoom(), {{animate: false}})")
        frame.wait_for_timeout(400)
        stack = frame.locator(".yq-stack").filter(has_text=str(len(ids)))
        stack.first.click()
        listing = frame.locator(".yq-stack-list")
        listing.wait_for(timeout=10_000)
        assert int(listing.get_attribute("data-count")) == len(ids)
        assert f"定位于綦江区驻地（区县精度）：{county_precision} 个要素" in listing.inner_text()
        items = frame.locator(".yq-stack-item")
        assert items.count() == len(ids)
        shot(page, tmp_path, "mapread_qijiang_stack_list.png")
        names = {str(n) for name in POINT_LAYERS if name in layers
                 for n, fid in zip(layers[name]["name"], layers[name]["id"], strict=True) if str(fid) in ids}
        opened: set[str] = set()
        for i in range(len(ids)):
            frame.locator(".yq-stack-item").nth(i).click()
            popup = frame.locator(".yq-stack-popup .yq-popup")
            popup.wait_for(timeout=5_000)
            opened.add(popup.locator("b").first.inner_text().strip())
            if i == 0:
                shot(page, tmp_path, "mapread_qijiang_stack_feature_popup.png")
            frame.locator(".yq-stack-back").click()
            frame.locator(".yq-stack-list").wait_for(timeout=5_000)
        assert opened == names
    finally:
        context.close()


def test_selected_route_shows_numbered_stops_in_order_with_names(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    stops = layers["tourism_stops"]
    route_id = Counter(stops["route_id"].astype(str)).most_common(1)[0][0]
    ordered = stops[stops["route_id"].astype(str) == route_id].sort_values("seq")
    context, page, frame = _open(browser, f"{app_url}/?base=none&stops={route_id}", 1366, 768)
    try:
        frame.wait_for_function(f"document.querySelectorAll('.yq-route-stop').length === {len(ordered)}",
                                timeout=30_000)
        frame.wait_for_timeout(600)
        drawn = frame.evaluate("""() => Array.from(document.querySelectorAll('.yq-route-stop')).map(el => {
            const m = Object.values(YQ.stopLayer._layers).find(l => l._icon === el), at = m._yqAt || m.getLatLng();
            return [el.innerText.trim(), at.lng, at.lat];
        })""")
        assert [d[0] for d in drawn] == [str(i) for i in range(1, len(ordered) + 1)]
        for (_, lon, lat), geom in zip(drawn, ordered.geometry, strict=True):
            assert abs(lon - geom.x) < 1e-4 and abs(lat - geom.y) < 1e-4
        names = frame.evaluate("Array.from(document.querySelectorAll('.yq-label-stop')).map(e => e.innerText.trim())")
        assert names == [label_fields("tourism_stops", r, "zh")["lb"] for r in ordered.to_dict("records")]
        assert frame.locator(".yq-route-arrow").count() >= 1  # direction of travel
        shot(page, tmp_path, "mapread_route_numbered_stops.png")
    finally:
        context.close()


def test_legend_is_inside_the_map_and_stays_in_fullscreen(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    context, page, frame = _open(browser, f"{app_url}/?base=none", 1366, 768)
    try:
        wait_for_features(frame, _total(layers))
        legend = frame.locator(".leaflet-container .yq-map-legend")
        legend.wait_for(timeout=30_000)
        if "yq-open" not in (legend.get_attribute("class") or ""):
            legend.locator(".yq-map-legend-toggle").click()
        listed = sum(count_features(filter_layers(layers)).values())  # with the features of unknown position
        assert str(listed) in legend.locator(".yq-map-legend-toggle").inner_text()
        frame.locator(".leaflet-control-zoom-fullscreen, .fullscreen-icon").first.click()
        frame.wait_for_function("document.fullscreenElement !== null || "
                                "document.querySelector('.leaflet-pseudo-fullscreen, .leaflet-fullscreen-on') !== null",
                                timeout=10_000)
        frame.wait_for_timeout(400)
        assert legend.is_visible() and legend.locator(".yq-legend").first.is_visible()
        inner = frame.evaluate("""() => {
            const m = map.getContainer().getBoundingClientRect(),
                  l = document.querySelector('.yq-map-legend').getBoundingClientRect();
            return l.left >= m.left && l.right <= m.right && l.top >= m.top && l.bottom <= m.bottom; }""")
        assert inner
        shot(page, tmp_path, "mapread_legend_fullscreen.png")
    finally:
        context.close()


#: Every marker on the map with a fixed icon size: whether the browser draws it at its projected place.
_MARKERS_PLACED_JS = """() => {
  const box = map.getContainer().getBoundingClientRect(), out = {n: 0, flat: 0, off: []};
  for (const id in map._layers) {
    const m = map._layers[id], size = m._icon && m.options.icon && m.options.icon.options.iconSize;
    if (!m.getLatLng || !size) continue;
    const s = L.point(size), anchor = L.point(m.options.icon.options.iconAnchor || s.divideBy(2, true));
    const r = m._icon.getBoundingClientRect(), p = map.latLngToContainerPoint(m.getLatLng());
    out.n++;
    if (m._icon.style.transform.startsWith("translate(")) out.flat++;
    const dx = r.left + anchor.x - (box.left + p.x), dy = r.top + anchor.y - (box.top + p.y);
    if (Math.abs(dx) > 1.5 || Math.abs(dy) > 1.5) out.off.push([m._icon.className, dx, dy]);
  }
  return out;
}"""


def test_markers_are_drawn_flat_and_stay_on_their_places_through_a_zoom(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame]) -> None:
    """Markers use a 2D translate (no compositor layer each, see mapread.js) and still sit on their points."""
    context, page, frame = _open(browser, f"{app_url}/?base=none", 1366, 768)
    try:
        wait_for_features(frame, _total(layers))
        _labels_settled(frame)
        for step in ("none", "zoom in", "zoom out"):
            if step != "none":
                frame.evaluate(f"map.setZoom(map.getZoom() {'+' if step == 'zoom in' else '-'} 1, {{animate: true}})")
                frame.wait_for_function("!map._animatingZoom", timeout=10_000)
                frame.wait_for_timeout(400)
            placed = frame.evaluate(_MARKERS_PLACED_JS)
            assert placed["n"] > 20, (step, placed)
            assert placed["flat"] == placed["n"], (step, placed)
            assert placed["off"] == [], (step, placed["off"][:5])
    finally:
        context.close()


_RESIZE_JS = """async (width) => {
  const box = map.getContainer();
  box.style.setProperty("width", width + "px", "important");  // the viewer's style sheet sets it to 100%
  await new Promise(done => setTimeout(done, 300));  // the ResizeObserver's turn
  const c = map.getCenter();
  return [c.lat, c.lng, map.getZoom(), map.getSize().x];
}"""


def test_a_view_the_visitor_chose_keeps_its_centre_when_the_map_is_resized(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame]) -> None:
    """The sidebar opening, fullscreen or a turned phone resize the map: a chosen place stays in the middle."""
    context, page, frame = _open(browser, f"{app_url}/?base=none", 1366, 768)
    try:
        wait_for_features(frame, _total(layers))
        fitted = frame.evaluate("() => map.getBounds().pad(-0.1).contains(L.latLngBounds(YQ.cfg.fit))")
        width = frame.evaluate("() => map.getSize().x")
        lat, lng, zoom, size = frame.evaluate(_RESIZE_JS, width - 300)  # not moved: the first view fitted again
        assert size == width - 300 and frame.evaluate("() => YQ.moved") is False
        assert frame.evaluate("() => map.getBounds().contains(L.latLngBounds(YQ.cfg.fit))") or not fitted
        frame.evaluate("() => map.setView([28.85, 106.72], 12, {animate: false})")  # the visitor goes to 赶水镇
        assert frame.evaluate("() => YQ.moved") is True
        for new_width in (width, width - 300):  # wider, then narrower again
            lat, lng, zoom, size = frame.evaluate(_RESIZE_JS, new_width)
            assert size == new_width
            assert (round(lat, 3), round(lng, 3), zoom) == (28.85, 106.72, 12), new_width
    finally:
        context.close()


def test_phone_map_fills_the_width_and_a_popup_fits(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    context, page, frame = _open(browser, f"{app_url}/?base=none", 390, 844, is_mobile=True, has_touch=True,
                                 device_scale_factor=2)
    try:
        wait_for_features(frame, _total(layers))
        box = page.locator(MAP_FRAME).bounding_box()
        assert box["width"] >= 0.9 * 390, box
        sidebar = page.locator("[data-testid='stSidebar']")
        assert sidebar.count() == 0 or sidebar.get_attribute("aria-expanded") != "true"
        for control in (".leaflet-control-zoom-in", ".yq-map-legend-toggle"):
            r = frame.locator(control).first.bounding_box()
            assert r is not None and r["x"] >= 0 and r["x"] + r["width"] <= box["width"], control
        frame.locator(".yq-stack").first.tap()
        frame.locator(".yq-stack-item").first.tap()
        frame.locator(".yq-stack-popup .yq-popup").wait_for(timeout=10_000)
        popup = frame.locator(".yq-stack-popup .leaflet-popup-content-wrapper")
        popup.wait_for(timeout=10_000)
        frame.wait_for_timeout(600)  # auto-pan
        r = popup.bounding_box()
        assert r["x"] >= 0 and r["x"] + r["width"] <= box["width"], (r, box)
        assert r["height"] <= box["height"], (r, box)
        shot(page, tmp_path, "mapread_phone_390x844_popup.png")
    finally:
        context.close()


def test_english_mode_labels_carry_the_english_names(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    context, page, frame = _open(browser, f"{app_url}/?base=none&lang=en", 1366, 768)
    try:
        wait_for_features(frame, _total(layers))
        _labels_settled(frame)
        subs = frame.evaluate("Array.from(document.querySelectorAll('.yq-label-sub')).map(e => e.innerText.trim())")
        english = set(layers["townships"]["name_en"]) | set(layers["boundaries"]["name_en"])
        assert len([s for s in subs if s in english]) >= 5, subs
        shot(page, tmp_path, "mapread_first_view_en.png")
    finally:
        context.close()


#: Controls drawn (not hidden) that overlap an open popup's box or tip.
COVERING_CONTROLS_JS = """() => {
  const boxes = Array.from(document.querySelectorAll('.leaflet-popup-content-wrapper, .leaflet-popup-tip'))
    .map(el => el.getBoundingClientRect());
  return Array.from(document.querySelectorAll('.leaflet-control')).filter(c => {
    const r = c.getBoundingClientRect();
    return getComputedStyle(c).visibility !== 'hidden' && boxes.some(p => r.width > 0 && p.width > 0 &&
      p.left < r.right && r.left < p.right && p.top < r.bottom && r.top < p.bottom);
  }).map(c => c.className);
}"""
HIDDEN_CONTROLS_JS = ("Array.from(document.querySelectorAll('.leaflet-control'))"
                      ".filter(c => getComputedStyle(c).visibility === 'hidden').length")


@pytest.mark.parametrize(("width", "height", "phone"), [(390, 844, True), (1366, 768, False)])
def test_an_open_popup_is_never_under_a_map_control(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame], tmp_path: Path,
        width: int, height: int, phone: bool) -> None:
    options = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2} if phone else {}
    context, page, frame = _open(browser, f"{app_url}/?base=none", width, height, **options)
    try:
        wait_for_features(frame, _total(layers))
        if not phone:  # a stack right under the top-left controls: its popup opens over them
            frame.evaluate("""() => {
                const r = document.querySelector('.yq-stack').getBoundingClientRect(),
                      c = map.getContainer().getBoundingClientRect();
                map.panBy([r.left + r.width / 2 - c.left - 30, r.top + r.height / 2 - c.top - 200], {animate: false});
            }""")
            frame.wait_for_timeout(400)
        stack = frame.locator(".yq-stack").first
        stack.tap() if phone else stack.click(force=True)
        item = frame.locator(".yq-stack-item").first
        item.tap() if phone else item.click()
        frame.locator(".yq-stack-popup .yq-popup").wait_for(timeout=10_000)
        frame.wait_for_timeout(800)  # auto-pan
        assert frame.evaluate(COVERING_CONTROLS_JS) == []
        assert frame.evaluate(HIDDEN_CONTROLS_JS) >= 1  # the popup did reach a control, which gave way
        shot(page, tmp_path, f"mapread_popup_over_controls_{width}x{height}.png")
        frame.locator(".leaflet-popup-close-button").first.click()
        frame.wait_for_function(f"{HIDDEN_CONTROLS_JS} === 0", timeout=5_000)  # all back once it is closed
    finally:
        context.close()


def test_the_opened_layer_list_is_above_the_open_legend(
        browser: object, app_url: str, layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    context, page, frame = _open(browser, f"{app_url}/?base=none", 1366, 768)
    try:
        wait_for_features(frame, _total(layers))
        legend = frame.locator(".yq-map-legend")
        if "yq-open" not in (legend.get_attribute("class") or ""):
            legend.locator(".yq-map-legend-toggle").click()
        frame.locator(".leaflet-control-layers").hover()
        frame.locator(".leaflet-control-layers-expanded").wait_for(timeout=5_000)
        frame.wait_for_timeout(300)
        # every entry of the list is the element drawn at its own centre (nothing lies over it)
        covered = frame.evaluate("""() => Array.from(document.querySelectorAll('.leaflet-control-layers-list label'))
          .filter(l => { const r = l.getBoundingClientRect();
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return !(top && l.contains(top)); }).map(l => l.innerText.trim())""")
        shot(page, tmp_path, "mapread_layer_list_over_legend.png")
        assert frame.locator(".leaflet-control-layers-list label").count() >= 3
        assert covered == []
        overlap = frame.evaluate("""() => {
          const a = document.querySelector('.leaflet-control-layers').getBoundingClientRect(),
                b = document.querySelector('.yq-map-legend').getBoundingClientRect();
          return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }""")
        assert overlap  # the two do meet here: the test checks which one is on top
    finally:
        context.close()
