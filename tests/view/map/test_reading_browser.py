"""Issue 29, items 2, 3, 4 and 6, walked as a new user would, in Debian's Chromium (offline).

The app runs on the plan's own layers (``layers/``): the issue's examples are
the plan's corridors, statuses and red route.  ``$YQ_APP_ROOT`` runs another
checkout's app with these tests (how they were seen to fail on main).
Screenshots go to ``$YQ_SHOTS`` (default ``/tmp/shots``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _browser import CHROMIUM, MAP_FRAME, offline_context, shots_dir
from _paths import ROOT_DIR

from geo.config import LAYERS, status_group
from geo.filters import Criteria, count_features, filter_layers
from geo.stepback import stepped_back
from geo.store import load_layers

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")

PLAN_LAYERS = ROOT_DIR / "layers"
LAPTOP, DESKTOP, PHONE = (1366, 768), (1920, 1080), (390, 844)
#: Features of one layer on the map (in stacks, in the pale group or drawn alone), with their drawn style.
LAYER_FEATURES_JS = """name => {
  const out = [], seen = {};
  const visit = l => {
    if (!l.feature || l.getLayers || seen[l._leaflet_id] || l._yqLayer !== name) return;
    seen[l._leaflet_id] = 1;
    const el = l._path || null;
    out.push({opacity: l.options.opacity, weight: l.options.weight, fillOpacity: l.options.fillOpacity,
              strokeWidth: el ? parseFloat(el.getAttribute("stroke-width")) : null,
              strokeOpacity: el ? parseFloat(el.getAttribute("stroke-opacity")) : null});
  };
  for (const k in map._layers) {
    const l = map._layers[k];
    if (l._topClusterLevel) l.eachLayer(visit); else visit(l);
  }
  return out;
}"""
#: Screen boxes (page-independent: the frame's own viewport) of the numbered stops and of their names.
STOP_BOXES_JS = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const stops = [...document.querySelectorAll(".yq-route-stop")].map(el => {
    const r = el.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {box: box(el), n: el.textContent.trim(), hit: !!hit && hit.closest(".yq-route-stop") === el};
  });
  const names = [...document.querySelectorAll(".yq-label-stop")].map(el => ({box: box(el), text: el.textContent}));
  return {stops, names, map: box(map.getContainer())};
}"""


@pytest.fixture(scope="module")
def plan_app() -> Iterator[str]:
    """``streamlit run app.py`` on the plan's layers (of ``$YQ_APP_ROOT`` when set), on loopback."""
    from bench.server import running_app

    root = Path(os.environ.get("YQ_APP_ROOT", ROOT_DIR))
    with running_app("app.py", root / "layers", root=root, timeout_s=120) as url:
        yield url


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return load_layers(PLAN_LAYERS)


def _open(browser: object, url: str, size: tuple[int, int], query: str = "") -> tuple[Any, Any, Any]:
    """A new offline context at ``size``, the page at ``query``; (context, page, map frame) once drawn."""
    context: Any = offline_context(browser, *size)
    page = context.new_page()
    page.goto(url + "/" + query)
    frame = page.wait_for_selector(MAP_FRAME, timeout=90_000).content_frame()
    frame.wait_for_function("() => window.YQ && YQ.paintedAt && YQ.prediction && YQ.prediction.answers >= 1",
                            timeout=90_000)
    return context, page, frame


def _settle(frame: Any) -> None:
    """Wait until the frame's labels and stops were drawn for the view it now shows."""
    frame.wait_for_function("() => !YQ.loading || !YQ.loading()", timeout=30_000)
    time.sleep(1.0)


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(shots_dir() / name))


def _overlap(a: list[float], b: list[float]) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _inside(inner: list[float], outer: list[float]) -> bool:
    return inner[0] >= outer[0] - 0.5 and inner[1] >= outer[1] - 0.5 and inner[2] <= outer[2] + 0.5 \
        and inner[3] <= outer[3] + 0.5


def _open_legend(frame: Any) -> Any:
    legend = frame.locator(".yq-map-legend")
    legend.wait_for(timeout=30_000)
    if "yq-open" not in (legend.get_attribute("class") or ""):
        legend.locator(".yq-map-legend-toggle").click()
    return legend


# --- item 2: a filter that does not apply to a layer --------------------------------------------------------


def test_layers_a_corridor_filter_does_not_narrow_step_back(browser: object, plan_app: str,
                                                             plan: dict[str, Any]) -> None:
    criteria = Criteria(cross_border_only=True, statuses=("start_construction",), modes=("expressway",))
    kept = count_features(filter_layers(plan, criteria))
    back = stepped_back(criteria, plan)
    context, page, frame = _open(browser, plan_app, LAPTOP, "?xb=1&status=start_construction&mode=expressway")
    try:
        frame.wait_for_function(f"() => ({LAYER_FEATURES_JS})('corridors').length === {kept['corridors']}",
                                timeout=30_000)
        _settle(frame)
        corridors = frame.evaluate(f"({LAYER_FEATURES_JS})('corridors')")
        assert corridors and all(c["strokeOpacity"] >= 0.9 for c in corridors)
        for name in ("tourism_routes", "cooperation_links", "townships"):
            drawn = frame.evaluate(f"({LAYER_FEATURES_JS})({name!r})")
            assert len(drawn) == kept[name] > 0  # still there, behind: the user's choice says pale
            assert all(f["opacity"] <= 0.3 for f in drawn), (name, drawn[:3])
        _shot(page, "walkb_item2_pale_1366_zh.png")
        legend = _open_legend(frame)
        note = legend.locator(".yq-legend-back").inner_text()
        for name in ("tourism_routes", "cooperation_links", "townships"):
            assert LAYERS[name][0] in note
        shown = sum(n for name, n in kept.items() if name not in back)
        assert legend.locator(".yq-map-legend-toggle").inner_text().strip().endswith(f" {shown}")
        _shot(page, "walkb_item2_legend_1366_zh.png")
    finally:
        context.close()
    context, page, frame = _open(browser, plan_app, LAPTOP,
                                 "?lang=en&xb=1&status=start_construction&mode=expressway&back=hide")
    try:
        frame.wait_for_function(f"() => ({LAYER_FEATURES_JS})('corridors').length === {kept['corridors']}",
                                timeout=30_000)
        _settle(frame)
        for name in ("tourism_routes", "cooperation_links", "townships", "tourism_stops"):
            assert frame.evaluate(f"({LAYER_FEATURES_JS})({name!r})") == []
        assert "hidden" in _open_legend(frame).locator(".yq-legend-back").inner_text()
        _shot(page, "walkb_item2_hidden_1366_en.png")
    finally:
        context.close()


def test_tourism_routes_never_look_like_corridors(browser: object, plan_app: str) -> None:
    context, page, frame = _open(browser, plan_app, LAPTOP)
    try:
        _settle(frame)
        routes = frame.evaluate(f"({LAYER_FEATURES_JS})('tourism_routes')")
        corridors = frame.evaluate(f"({LAYER_FEATURES_JS})('corridors')")
        widest_corridor = max(c["strokeWidth"] for c in corridors)
        assert routes and all(r["strokeWidth"] >= 2 * widest_corridor for r in routes)  # a band, not a line
        assert all(r["strokeOpacity"] <= 0.4 < min(c["strokeOpacity"] for c in corridors) for r in routes)
    finally:
        context.close()


# --- item 3: statuses as planners ask for them --------------------------------------------------------------


def test_status_groups_find_what_the_plan_words_differently(browser: object, plan_app: str,
                                                           plan: dict[str, Any]) -> None:
    building = count_features(filter_layers(plan, Criteria(status_groups=("building",), cross_border_only=True)))
    assert building["corridors"] > count_features(filter_layers(
        plan, Criteria(statuses=("under_construction",), cross_border_only=True)))["corridors"] == 0
    context, page, frame = _open(browser, plan_app, LAPTOP, "?sgroup=building&xb=1")
    try:
        frame.wait_for_function(f"() => ({LAYER_FEATURES_JS})('corridors').length === {building['corridors']}",
                                timeout=30_000)
        # the map (the preview, then the live map) may answer before the sidebar's widgets are drawn
        page.locator(".st-key-yq_status_groups [data-tag]").first.wait_for(timeout=60_000)
        chips = page.locator(".st-key-yq_status_groups [data-tag]").all_inner_texts()
        assert any("在建" in c and "推进开工建设" in c for c in chips), chips  # the group lists the plan's words
        _shot(page, "walkb_item3_groups_1366_zh.png")
    finally:
        context.close()


def test_legend_status_rows_count_the_lines_drawn_with_each_pattern(browser: object, plan_app: str,
                                                                    plan: dict[str, Any]) -> None:
    corridors = plan["corridors"]
    by_group: dict[str, int] = {}
    for status in corridors["status"]:
        by_group[status_group(status)] = by_group.get(status_group(status), 0) + 1
    context, page, frame = _open(browser, plan_app, DESKTOP)
    try:
        legend = _open_legend(frame)
        section = legend.locator(".yq-legend-section", has_text="建设状态（线型）")
        counts = [int(n) for n in section.locator(".yq-count").all_inner_texts()]
        assert sum(counts) == len(corridors)  # only the corridors are lines drawn with a status pattern
        assert sorted(counts) == sorted(by_group.values())
        _shot(page, "walkb_item3_legend_1920_zh.png")
    finally:
        context.close()


# --- item 4: the chosen route at its own zoom ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_stop_of_the_chosen_route_shows_and_takes_its_click(browser: object, plan_app: str,
                                                                  plan: dict[str, Any], lang: str) -> None:
    stops = plan["tourism_stops"]
    red = stops[stops["route_id"] == "rt-red"].sort_values("seq")
    query = "?stops=rt-red" + ("&lang=en" if lang == "en" else "")
    context, page, frame = _open(browser, plan_app, LAPTOP, query)
    try:
        frame.wait_for_function(f"() => document.querySelectorAll('.yq-route-stop').length === {len(red)}",
                                timeout=30_000)
        _settle(frame)
        seen = frame.evaluate(STOP_BOXES_JS)
        _shot(page, f"walkb_item4_red_1366_{lang}.png")
        boxes = [s["box"] for s in seen["stops"]]
        assert [s["n"] for s in seen["stops"]] == [str(i) for i in range(1, len(red) + 1)]
        for i, a in enumerate(boxes):
            assert _inside(a, seen["map"]), (i + 1, a)
            for j in range(i + 1, len(boxes)):
                assert _overlap(a, boxes[j]) == 0, f"stop {i + 1} and stop {j + 1} overlap"
        assert all(s["hit"] for s in seen["stops"]), [s["n"] for s in seen["stops"] if not s["hit"]]
        names = seen["names"]
        assert len(names) == len(red)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                assert _overlap(a["box"], b["box"]) < 1, (a["text"], b["text"])
            assert all(_overlap(a["box"], s) < 1 for s in boxes), a["text"]
        written = " ".join(n["text"] for n in names)
        wanted = red["name_en"] if lang == "en" else red["name"]
        assert all(str(name) in written for name in wanted), written
    finally:
        context.close()


# --- item 6: the first screen -------------------------------------------------------------------------------


PILOT_JS = """() => {
  const b = L.latLngBounds(YQ.cfg.fit), nw = map.latLngToContainerPoint(b.getNorthWest()),
        se = map.latLngToContainerPoint(b.getSouthEast()), m = map.getContainer().getBoundingClientRect();
  const rect = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const controls = [...document.querySelectorAll(".leaflet-control")].filter(el => el.offsetWidth)
    .map(el => ({cls: el.className, box: rect(el)}));
  return {pilot: [m.left + nw.x, m.top + nw.y, m.left + se.x, m.top + se.y], map: rect(map.getContainer()),
          controls, open: !!YQ.legendOpen};
}"""
PLACEHOLDER_JS = """() => {
  const input = document.querySelector(".st-key-yq_text input"), style = getComputedStyle(input);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = style.font;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {text: input.placeholder, width: ctx.measureText(input.placeholder).width, room};
}"""


@pytest.mark.parametrize(("size", "lang"), [(LAPTOP, "zh"), (LAPTOP, "en"), (DESKTOP, "zh"), (PHONE, "en")])
def test_first_screen_shows_the_pilot_zone_unobstructed(browser: object, plan_app: str,
                                                        size: tuple[int, int], lang: str) -> None:
    context, page, frame = _open(browser, plan_app, size, "?lang=en" if lang == "en" else "")
    try:
        _settle(frame)
        seen = frame.evaluate(PILOT_JS)
        _shot(page, f"walkb_item6_first_{size[0]}x{size[1]}_{lang}.png")
        assert seen["open"] is (size == DESKTOP)  # on a laptop or a phone the legend waits one click away
        assert _inside(seen["pilot"], seen["map"]), seen
        for control in seen["controls"]:
            if "leaflet-control-attribution" in control["cls"] or "leaflet-control-scale" in control["cls"]:
                continue
            assert _overlap(control["box"], seen["pilot"]) < 0.02 * _area(seen["pilot"]), control
        if size != PHONE:  # the phone's sidebar is folded away
            words = page.evaluate(PLACEHOLDER_JS)
            assert words["width"] <= words["room"], words
    finally:
        context.close()


def _area(box: list[float]) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def test_the_open_legend_never_hides_the_chosen_route(browser: object, plan_app: str) -> None:
    context, page, frame = _open(browser, plan_app, DESKTOP, "?stops=rt-red")
    try:
        frame.wait_for_function("() => document.querySelectorAll('.yq-route-stop').length > 0", timeout=30_000)
        _settle(frame)
        legend = _open_legend(frame)
        time.sleep(0.5)
        box = legend.bounding_box()
        legend_box = [box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]]
        seen = frame.evaluate(STOP_BOXES_JS)
        _shot(page, "walkb_item6_route_legend_1920_zh.png")
        assert all(_overlap(s["box"], legend_box) == 0 for s in seen["stops"]), legend_box
    finally:
        context.close()


CIRCLE_JS = """() => {
  const circle = [...document.querySelectorAll("path.yq-halo")].find(p => p.getAttribute("stroke") === "#ff6f00");
  if (!circle) return null;
  const r = circle.getBoundingClientRect(), m = map.getContainer().getBoundingClientRect();
  return {circle: [r.left, r.top, r.right, r.bottom], map: [m.left, m.top, m.right, m.bottom]};
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_legend_never_covers_the_chosen_townships_circle(browser: object, plan_app: str,
                                                             plan: dict[str, Any], lang: str) -> None:
    town = plan["townships"].loc[plan["townships"]["name"] == "赶水镇", "id"].iloc[0]
    query = f"?town={town}&km=15" + ("&lang=en" if lang == "en" else "")
    context, page, frame = _open(browser, plan_app, LAPTOP, query)
    try:
        frame.wait_for_function(f"() => ({CIRCLE_JS})() !== null", timeout=30_000)
        _settle(frame)

        def covered() -> float:
            seen = frame.evaluate(CIRCLE_JS)
            legend = frame.locator(".yq-map-legend").bounding_box()
            box = [legend["x"], legend["y"], legend["x"] + legend["width"], legend["y"] + legend["height"]]
            assert _inside(seen["circle"], seen["map"]), seen
            return _overlap(seen["circle"], box)

        assert covered() == 0  # the first view after choosing it
        _open_legend(frame)
        time.sleep(1.0)
        assert covered() == 0  # opened: the map moves the circle clear of it
        _shot(page, f"walkb_item6_township_legend_1366_{lang}.png")
    finally:
        context.close()
