"""The document scanner's panel in a real browser (Debian's Chromium, Playwright, offline).

``streamlit run app.py`` on the plan's built layers, with an embedded store in a
temporary ``$YUQIAN_DATA`` holding an editor made by ``python -m geo users add``.
A small report is dropped on the panel: its features appear as their own layer
(coloured by change), the table lists them with their quotes, the review CSV is
downloaded; the editor signs in and accepts the status change, which the audit
trail then shows.  Screenshots (1366x768 and 390x844, 中文 and English) go to
``$YQ_SHOTS`` or ``$YUQIAN_SHOTS`` (default ``/tmp/shots``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _browser import MAP_FRAME, data_map, require_chromium, shot
from _paths import ROOT_DIR

from tests.view._edit_browser import CHANGED_PATHS, app_with_editor, sign_in

pytestmark = pytest.mark.browser

LAYERS = ROOT_DIR / "layers"
EDITOR, PASSWORD = "li_planner", "a long enough passphrase 2026"
SCAN_PATHS = ".yq-scan"
NAME = "綦江交通快讯.txt"
LABELS = {"zh": {"panel": "扫描文档", "results": "扫描结果"},
          "en": {"panel": "Scan a document", "results": "Scan results"}}
#: A status change (安习高速), a new place outside the area (no position), a new park, a known township.
REPORT = ("第一章 交通\n一、道路\n安习高速加快建设。推进黔江区正阳街道商贸物流园建设，规划綦江北渡新区物流园。"
          "<b>石角镇</b>与赶水镇结对。\n")

require_chromium()


@pytest.fixture(scope="module")
def scan_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """The app on the plan's layers with a fresh store holding one editor (made by the CLI); (URL, store)."""
    with app_with_editor(tmp_path_factory.mktemp("scan-data"), LAYERS, EDITOR, PASSWORD, by_command=True) as app:
        yield app


def _page(sized_page: Any, width: int = 1366, height: int = 768) -> Any:
    return sized_page(width, height, accept_downloads=True)


def _main_map(page: Any) -> Any:
    return data_map(page, 120_000)


def _shot(page: Any, tmp_path: Path, name: str, focus: Any = None) -> None:
    """Screenshot of the viewport, scrolled to ``focus`` (Streamlit scrolls inside its own container)."""
    if focus is not None:
        focus.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(800)
    shot(page, tmp_path, name)


def _open_sidebar(page: Any) -> None:
    """On a narrow screen the sidebar starts closed: open it."""
    box = page.locator("[data-testid='stSidebar']").bounding_box()
    if box is None or box["x"] + box["width"] < 50:  # collapsed: off the screen
        page.locator("[data-testid='stExpandSidebarButton']").first.click()
        page.wait_for_timeout(1000)


def _close_sidebar(page: Any) -> None:
    """On a narrow screen the open sidebar covers the page: close it."""
    box = page.locator("[data-testid='stSidebar']").bounding_box()
    if box is not None and box["x"] + box["width"] >= 50:
        page.locator("[data-testid='stSidebarCollapseButton']").first.click(force=True)
        page.wait_for_timeout(1000)


def _drop(page: Any, lang: str = "zh") -> None:
    """Drop the report on the sidebar's panel (opened first)."""
    _open_sidebar(page)
    expander = page.locator("[data-testid='stExpander']").filter(has_text=LABELS[lang]["panel"])
    if not expander.locator("input[type='file']").count():
        expander.locator("summary").first.click()
    expander.locator("input[type='file']").set_input_files(
        files=[{"name": NAME, "mimeType": "text/plain", "buffer": REPORT.encode("utf-8")}])


def _scan(page: Any, url: str, lang: str = "zh") -> Any:
    """Load the page, drop the report on the panel, wait for its layer on the map; the map frame."""
    page.goto(f"{url}/?lang={lang}")
    _main_map(page)
    _drop(page, lang)
    page.get_by_text(f"{LABELS[lang]['results']} · {NAME}").first.wait_for(timeout=120_000)
    frame = _main_map(page)
    frame.wait_for_function(f"document.querySelectorAll('{SCAN_PATHS}').length >= 4", timeout=60_000)
    return frame


def test_drop_a_report_see_its_layer_and_table_download_the_csv(scan_app: tuple[str, Any], sized_page: Any,
                                                              tmp_path: Path) -> None:
    url, store = scan_app
    page = _page(sized_page)
    frame = _scan(page, url)
    colours = frame.evaluate(f"""() => [...document.querySelectorAll('{SCAN_PATHS}')]
        .map(p => p.getAttribute('fill') === 'none' ? p.getAttribute('stroke') : p.getAttribute('fill'))""")
    assert {"#d55e00", "#0072b2", "#8a8a8a"} <= set(colours)  # new, status changed, same
    assert frame.get_by_text("新增").count() >= 1  # the legend on the map
    assert page.get_by_text("5 个要素 · 新增 3 · 状态变化 1 · 相同 1").count() >= 1
    _shot(page, tmp_path, "scan_panel_zh_1366.png", page.get_by_text("扫描结果 · " + NAME).first)

    with page.expect_download(timeout=60_000) as caught:
        page.get_by_role("button", name="下载核对表（CSV）").click()
    download = caught.value
    assert download.suggested_filename == "綦江交通快讯_review.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert [r["name"] for r in rows if r["change"] == "status_changed"] == ["安习高速"]
    assert any("<b>石角镇</b>" in r["quote"] for r in rows)  # raw text in the CSV, as the document says
    assert store.edits() == []  # nobody signed in: nothing accepted
    assert page.get_by_text("登录编辑后可把状态变化存入修改记录。").count() == 1

    # the table's own toolbar offers no CSV of the raw quotes (a "=" cell would run in a spreadsheet)
    page.locator("[data-testid='stDataFrame']").first.hover()
    page.get_by_role("button", name="Search").first.wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Download as CSV").count() == 0


def test_an_editor_accepts_the_status_change_and_the_trail_shows_it(scan_app: tuple[str, Any], sized_page: Any,
                                                                    tmp_path: Path) -> None:
    url, store = scan_app
    page = _page(sized_page, 1366, 900)
    page.goto(url)
    _main_map(page)
    sign_in(page, EDITOR, PASSWORD, timeout_ms=60_000)
    _drop(page)
    page.get_by_role("button", name="接受并保存").wait_for(timeout=120_000)
    # the scanner's status is offered for saving, and may be corrected against the quote first
    status = page.locator("[data-testid='stSelectbox']").filter(has_text="保存的状态")
    status.wait_for(timeout=30_000)
    assert status.locator("input").input_value() == "在建 (under_construction)"  # the scanner's reading first
    _shot(page, tmp_path, "scan_accept_form_zh_1366.png", status)
    page.get_by_label("状态日期（文件所述，YYYY、YYYY-MM 或 YYYY-MM-DD）").fill("2026-11")
    page.get_by_role("button", name="接受并保存").click()
    page.get_by_text("已保存：修改记录如下。").wait_for(timeout=120_000)
    (edit,) = store.edits()
    assert (edit.feature_id, edit.user, edit.source) == ("co-anxi-exp", EDITOR, f"{NAME} 第一章 一、")
    assert "安习高速加快建设。" in edit.note
    frame = _main_map(page)  # the layers are read again with the edit: the feature is ringed as changed
    frame.wait_for_function(f"document.querySelectorAll('{CHANGED_PATHS}').length >= 1", timeout=60_000)
    _shot(page, tmp_path, "scan_accepted_zh_1366.png", page.get_by_text("已保存：修改记录如下。").first)
    trail = page.locator("[data-testid='stDataFrame']").last  # a canvas table: its text is not in the DOM
    assert trail.is_visible()


@pytest.mark.parametrize(("width", "height", "lang"), [(1366, 768, "zh"), (1366, 768, "en"), (390, 844, "zh"),
                                                     (390, 844, "en")])
def test_screenshots_of_the_panel(scan_app: tuple[str, Any], sized_page: Any, tmp_path: Path,
                                  width: int, height: int, lang: str) -> None:
    url, _ = scan_app
    page = _page(sized_page, width, height)
    _scan(page, url, lang)
    if width < 640:
        _close_sidebar(page)
    results = page.get_by_text(f"{LABELS[lang]['results']} · {NAME}").first
    _shot(page, tmp_path, f"scan_map_{lang}_{width}.png", page.locator(MAP_FRAME))
    _shot(page, tmp_path, f"scan_panel_{lang}_{width}.png", results)
    _open_sidebar(page)
    side = page.locator("[data-testid='stExpander']").filter(has_text=NAME).first
    _shot(page, tmp_path, f"scan_sidebar_{lang}_{width}.png", side)
