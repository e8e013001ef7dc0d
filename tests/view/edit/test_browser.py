"""The edit mode in a real browser (Debian's Chromium, Playwright, offline).

``streamlit run app.py`` on the hand-made layers with an embedded store in a
temporary ``$YUQIAN_DATA``.  An editor signs in, drags a point on the edit map,
saves; a second browser context (no session) reloads and sees it moved; the
editor reverts it; a status change shows "changed since the plan" on the map.
A viewer without a session sees no edit control.  Screenshots go to
``$YQ_SHOTS`` or ``$YUQIAN_SHOTS`` (default ``/tmp/shots``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _browser import MAP_FRAME, data_map, require_chromium, shot, shots_dir

from tests.view._edit_browser import CHANGED_PATHS, app_with_editor, choose_feature, sign_in, the_one

pytestmark = pytest.mark.browser

EDITOR, PASSWORD = "li_planner", "a long enough passphrase 2026"
RESERVOIR = "pj-002"
OPEN_POPUP_JS = """fid => window.map.eachLayer(l => {
  if (l.feature && l.feature.properties.fid === fid && l.openPopup) { l.openPopup(); }
})"""
FEATURE_COORDS_JS = """fid => Object.values(window.yqData || {}).pop().then(data => {
  for (const layer of Object.values(data)) {
    const found = layer.find(f => f.properties.fid === fid);
    if (found) { return {coords: found.geometry.coordinates, popup: found.properties.popup}; }
  }
  return null;
})"""

playwright_api = require_chromium()


@pytest.fixture(scope="module")
def edit_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """The app with a fresh store holding one editor; (URL, store)."""
    from conftest import copy_layers_for_edits

    layers = copy_layers_for_edits(tmp_path_factory.mktemp("edit-layers"))
    with app_with_editor(tmp_path_factory.mktemp("edit-data"), layers, EDITOR, PASSWORD) as app:
        yield app


def _main_map(page: Any) -> Any:
    return data_map(page, 60_000)


def _feature(page: Any, fid: str) -> dict[str, Any]:
    return _main_map(page).evaluate(FEATURE_COORDS_JS, fid)


def _shot(page: Any, tmp_path: Path, name: str, focus: Any = None) -> None:
    """Screenshot of the viewport, scrolled to ``focus`` (Streamlit scrolls inside its own container)."""
    if focus is not None:
        for _ in range(5):  # a rerun (the store's poll) may redraw the element while scrolling to it
            try:
                focus.scroll_into_view_if_needed(timeout=10_000)
                break
            except playwright_api.Error:
                page.wait_for_timeout(500)
        page.wait_for_timeout(500)
    shot(page, tmp_path, name)


def _sign_in(page: Any, url: str) -> None:
    """Load the page and sign in as the editor."""
    page.goto(url)
    _main_map(page)
    sign_in(page, EDITOR, PASSWORD)


def _edit_map(page: Any, fid: str) -> tuple[Any, Any]:
    """The edit map of ``fid`` (the one of the previously chosen feature may still be on the page)."""
    for _ in range(240):
        try:
            handle = page.locator(MAP_FRAME).nth(1)
            frame = handle.element_handle(timeout=1_000).content_frame()
            if frame is not None and frame.evaluate("window.yqEditFid") == fid:
                frame.wait_for_selector(".leaflet-container", timeout=10_000)
                return handle, frame
        except playwright_api.Error:  # the iframe was replaced while looking at it
            pass
        page.wait_for_timeout(250)
    raise AssertionError(f"no edit map of {fid}")


def _wait_saved(page: Any) -> None:
    try:
        page.get_by_text("已保存。").first.wait_for(timeout=60_000)
    except playwright_api.Error:
        page.screenshot(path=str(shots_dir() / "edit_failure.png"))  # what the page showed instead
        raise


def test_viewer_without_session_sees_no_edit_control(edit_app: tuple[str, Any], sized_page: Any,
                                                      tmp_path: Path) -> None:
    url, _ = edit_app
    page = sized_page(1500, 1500)
    page.goto(url)
    _main_map(page)
    # the map may be drawn before the sidebar's widgets: wait for the sign-in form, then count
    page.get_by_text("编辑登录").first.wait_for(timeout=60_000)
    page.get_by_text("筛选").first.wait_for(timeout=60_000)
    assert the_one(page, page.get_by_text("编辑登录")).count() == 1  # the sign-in form, closed
    for label in ("编辑模式", "保存位置", "保存进展", "撤销所选修改", "经度 Longitude"):
        assert page.get_by_text(label).count() == 0, label
    assert page.locator(MAP_FRAME).count() == 1  # no edit map


def test_drag_save_second_session_sees_it_then_revert(edit_app: tuple[str, Any], sized_page: Any,
                                                      tmp_path: Path) -> None:
    url, store = edit_app
    editor = sized_page(1500, 1500)
    _sign_in(editor, url)
    before = _feature(editor, RESERVOIR)["coords"]
    choose_feature(editor, RESERVOIR)
    handle, frame = _edit_map(editor, RESERVOIR)
    marker = frame.wait_for_selector(".leaflet-marker-icon", timeout=30_000)
    handle.scroll_into_view_if_needed()  # mouse moves reach only what is in the viewport
    editor.wait_for_timeout(300)
    box = marker.bounding_box()
    start_x, start_y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 4
    editor.mouse.move(start_x, start_y)
    editor.mouse.down()
    editor.mouse.move(start_x + 130, start_y + 30, steps=12)  # east-south-east, into 桐梓县's rectangle
    editor.mouse.move(start_x + 260, start_y + 60, steps=12)
    editor.mouse.up()
    lon_input = editor.locator("input[aria-label='经度 Longitude']")
    editor.wait_for_function(
        "([el, old]) => Math.abs(parseFloat(el.value) - old) > 1e-4",
        arg=[lon_input.element_handle(), before[0]], timeout=30_000)
    editor.locator("input[aria-label='来源（必填）']").first.fill("现场核实 2026-11 <b>GPS</b>")
    editor.get_by_role("button", name="保存位置").click()
    _wait_saved(editor)
    (edit,) = store.edits(RESERVOIR)
    saved = json.loads(edit.new_value)["coordinates"]
    assert saved[0] > before[0] + 0.03 and saved[1] < before[1]  # dragged east-south-east
    _shot(editor, tmp_path, "edit_move_saved.png", editor.get_by_text("已保存。").first)

    viewer = sized_page(1500, 1500)  # a second browser context: no session, a fresh load
    viewer.goto(url)
    shown = _feature(viewer, RESERVOIR)
    assert shown["coords"] == pytest.approx(saved, abs=1e-5)
    assert "li_planner" in shown["popup"] and "&lt;b&gt;GPS&lt;/b&gt;" in shown["popup"]
    assert viewer.get_by_text("编辑模式").count() == 0
    _main_map(viewer).evaluate(OPEN_POPUP_JS, RESERVOIR)
    _shot(viewer, tmp_path, "edit_popup_moved.png", viewer.get_by_text("渝黔合作先行示范区规划地图").first)

    the_one(editor, editor.get_by_role("tab", name="修改记录")).click()
    editor.get_by_text("撤销所选修改").wait_for(timeout=30_000)
    _shot(editor, tmp_path, "edit_audit_trail.png", editor.get_by_role("button", name="撤销所选修改"))
    editor.get_by_role("button", name="撤销所选修改").click()
    for _ in range(120):  # the trail is a canvas table: watch the store instead
        if len(store.edits(RESERVOIR)) == 2:
            break
        editor.wait_for_timeout(250)
    assert [e.field for e in store.edits(RESERVOIR)] == ["geometry", "revert"]
    editor.get_by_text("已撤销修改 #").first.wait_for(timeout=60_000)  # a revert says it reverted
    viewer.reload()
    assert _feature(viewer, RESERVOIR)["coords"] == pytest.approx(before, abs=1e-5)


def test_status_change_is_highlighted_on_the_map(edit_app: tuple[str, Any], sized_page: Any,
                                                 tmp_path: Path) -> None:
    url, store = edit_app
    editor = sized_page(1500, 1500)
    _sign_in(editor, url)
    choose_feature(editor, "co-001")
    the_one(editor, editor.get_by_role("tab", name="建设进展")).click()
    status_box = editor.locator("[data-testid='stSelectbox']").filter(has_text="最新状态")
    the_one(editor, status_box.locator("input")).click()
    editor.keyboard.type("under_construction")
    editor.keyboard.press("Enter")
    editor.locator("input[aria-label='生效日期（YYYY、YYYY-MM 或 YYYY-MM-DD）']").fill("2026-06")
    editor.locator("input[aria-label='来源（必填）']").nth(1).fill("渝贵高铁开工新闻 2026-06")
    editor.get_by_role("button", name="保存进展").click()
    _wait_saved(editor)
    assert [e.field for e in store.edits("co-001")] == ["status"]
    frame = _main_map(editor)
    frame.wait_for_function(f"document.querySelectorAll('{CHANGED_PATHS}').length >= 1", timeout=30_000)
    legend = frame.locator(".yq-map-legend")  # the legend on the map, folded on a map under 1400x800 px
    if "yq-open" not in (legend.get_attribute("class") or ""):
        legend.locator(".yq-map-legend-toggle").click()
    frame.get_by_text("自规划以来有变化 (1)").first.wait_for(timeout=30_000)
    editor.get_by_text("最新", exact=True).click()  # latest known status
    editor.wait_for_timeout(1500)
    _shot(editor, tmp_path, "edit_status_changed.png", editor.get_by_text("渝黔合作先行示范区规划地图").first)
    viewer = sized_page(1500, 1500)
    viewer.goto(url)
    frame = _main_map(viewer)
    frame.wait_for_function(f"document.querySelectorAll('{CHANGED_PATHS}').length >= 1", timeout=30_000)
    assert "在建" in _feature(viewer, "co-001")["popup"]


def test_redraw_a_line_with_geoman(edit_app: tuple[str, Any], sized_page: Any, tmp_path: Path) -> None:
    url, store = edit_app
    editor = sized_page(1500, 1500)
    _sign_in(editor, url)
    choose_feature(editor, "co-002")
    handle, frame = _edit_map(editor, "co-002")
    frame.wait_for_selector(".leaflet-pm-toolbar", timeout=30_000)
    area = editor.locator("textarea[aria-label='线位坐标（每行：经度, 纬度）']")
    plan_text = area.input_value()
    frame.locator(".leaflet-pm-icon-polyline").click()
    handle.scroll_into_view_if_needed()
    editor.wait_for_timeout(300)
    box = handle.bounding_box()
    centre_x, centre_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # away from the plan's line, whose vertices (in edit mode) would take the clicks
    points = [(centre_x + 90, centre_y - 120), (centre_x + 60, centre_y - 10), (centre_x + 100, centre_y + 110)]
    for x, y in points:
        editor.mouse.click(x, y)
        editor.wait_for_timeout(300)
    editor.mouse.click(*points[-1])  # a click on the last vertex ends the line
    editor.wait_for_function("([el, old]) => el.value !== old && el.value.trim().split('\\n').length === 3",
                             arg=[area.element_handle(), plan_text], timeout=30_000)
    editor.locator("input[aria-label='来源（必填）']").first.fill("规划图3-1 描绘")
    editor.get_by_role("button", name="保存线位").click()
    _wait_saved(editor)
    (edit,) = store.edits("co-002")
    line = json.loads(edit.new_value)
    assert (line["type"], len(line["coordinates"]), edit.precision) == ("LineString", 3, "digitised")
    _shot(editor, tmp_path, "edit_line_redrawn.png", editor.get_by_text("已保存。").first)
    viewer = sized_page(1500, 1500)  # a fresh load shows the redrawn line
    viewer.goto(url)
    drawn = [v for pair in _feature(viewer, "co-002")["coords"] for v in pair]
    assert drawn == pytest.approx([v for pair in line["coordinates"] for v in pair], abs=1e-5)


#: The least number of features drawn on the main map in any frame since ``__yqWatch`` started.
WATCH_COUNT_JS = """() => {
  const count = () => {
    const seen = {};
    let n = 0;
    const visit = l => { if (l.feature && !l.getLayers && !seen[l._leaflet_id]) { seen[l._leaflet_id] = 1; n++; } };
    for (const k in map._layers) {
      const l = map._layers[k];
      if (l._topClusterLevel) l.eachLayer(visit); else visit(l);
    }
    return n;
  };
  window.__yqLeast = count();
  const look = () => { window.__yqLeast = Math.min(window.__yqLeast, count()); requestAnimationFrame(look); };
  requestAnimationFrame(look);
  return window.__yqLeast;
}"""


def _selected_tab(page: Any) -> str:
    return page.locator("[role='tab'][aria-selected='true']").last.inner_text().strip()


def test_the_editor_stays_on_their_tab_through_fields_saves_and_conflicts(
        edit_app: tuple[str, Any], sized_page: Any, tmp_path: Path) -> None:
    """Issue 29 item 10, at 1366x768: the tab kept, the kept input shown, a revert said, the map never blank."""
    url, store = edit_app
    fid = "co-003"
    editor = sized_page(1366, 768)
    _sign_in(editor, url)
    choose_feature(editor, fid)
    the_one(editor, editor.get_by_role("tab", name="建设进展")).click()
    date = the_one(editor, editor.locator("input[aria-label='生效日期（YYYY、YYYY-MM 或 YYYY-MM-DD）']"))
    date.fill("2026-05")
    date.press("Tab")  # leaving a field commits it: a rerun
    editor.wait_for_timeout(2500)
    assert _selected_tab(editor) == "建设进展"
    source = editor.locator("input[aria-label='来源（必填）']").nth(1)
    source.fill("区交通局通报 2026-05")
    # someone else saves the same feature meanwhile: this editor's save is refused
    store.set_status(fid, "corridors", "existing", "2026-04", "另一位编辑", user=EDITOR,
                     base_version=store.version_of(fid))
    editor.get_by_role("button", name="保存进展").click()
    editor.get_by_text("保存被拒绝").first.wait_for(timeout=60_000)
    editor.wait_for_timeout(1000)
    assert _selected_tab(editor) == "建设进展"
    kept = editor.locator("input[aria-label='来源（必填）']").nth(1)
    assert kept.is_visible() and kept.input_value() == "区交通局通报 2026-05"  # where the editor typed it
    _shot(editor, tmp_path, "walkb_item10_conflict_1366_zh.png", kept)
    editor.get_by_role("button", name="基于最新版本重新保存").click()
    editor.wait_for_timeout(2000)
    least = _main_map(editor).evaluate(WATCH_COUNT_JS)
    assert least > 0
    editor.get_by_role("button", name="保存进展").click()
    _wait_saved(editor)
    editor.wait_for_timeout(3000)  # the redraw with the store's new state
    assert _selected_tab(editor) == "建设进展"
    assert [e.field for e in store.edits(fid)][-1] == "status"
    assert _main_map(editor).evaluate("window.__yqLeast") >= least  # never blank, not for a frame
    _shot(editor, tmp_path, "walkb_item10_saved_1366_zh.png", editor.get_by_text("已保存。").first)
    the_one(editor, editor.get_by_role("tab", name="修改记录")).click()
    editor.wait_for_function("() => [...document.querySelectorAll(\"[role='tab'][aria-selected='true']\")]"
                             ".some(t => t.innerText.trim() === '修改记录')", timeout=30_000)
    editor.wait_for_timeout(2000)  # the tab's rerun
    editor.get_by_role("button", name="撤销所选修改").click()
    editor.get_by_text("已撤销修改 #").first.wait_for(timeout=60_000)
    editor.wait_for_timeout(1000)
    assert _selected_tab(editor) == "修改记录"
    _shot(editor, tmp_path, "walkb_item10_reverted_1366_zh.png", editor.get_by_text("已撤销修改 #").first)
