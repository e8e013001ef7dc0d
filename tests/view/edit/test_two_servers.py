"""Two viewer servers on one PostgreSQL edit store, in a real browser (Debian's Chromium, offline).

A team deployment runs several ``streamlit run app.py`` processes behind a
proxy, all on one store (``$YUQIAN_DB``).  Here two servers on free loopback
ports share a throwaway PostGIS database (``scripts/pgtest.sh``); an editor made
with ``python -m geo users add`` signs in on server 1 and records a new status.
Server 2 must show it (a) to a session's next run (a fresh load) and (b) within
10 s to a session that was open before the save and makes no change at all
(:mod:`geo.view.edit._watch`).  Skipped only where PostgreSQL or Chromium is not
installed (a failure under ``CI=true``, as for every PostgreSQL test).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _browser import data_map, require_chromium

from tests.view._edit_browser import CHANGED_PATHS, add_editor_by_command, choose_feature, sign_in, the_one

pytestmark = pytest.mark.browser

EDITOR, PASSWORD = "wang_planner", "two servers one store 2026"
FEATURE = "co-001"
#: The popup HTML of ``fid`` in the features file the map drew last.
POPUP_JS = """fid => Object.values(window.yqData || {}).pop().then(data => {
  for (const layer of Object.values(data)) {
    const found = layer.find(f => f.properties.fid === fid);
    if (found) { return found.properties.popup; }
  }
  return null;
})"""
#: Whether the map shows ``fid`` as changed since the plan: its ring drawn and its popup saying 在建.
SHOWS_EDIT_JS = f"""fid => (document.querySelectorAll('{CHANGED_PATHS}').length >= 1)
  && ({POPUP_JS})(fid).then(popup => !!popup && popup.indexOf('在建') >= 0)"""

playwright_api = require_chromium()


@pytest.fixture()
def two_servers(fresh_postgis_dsn: str, tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """Two viewer servers on one fresh PostGIS store holding one editor; (URL 1, URL 2, DSN)."""
    from conftest import copy_layers_for_edits

    from bench.server import running_app

    layers = copy_layers_for_edits(tmp_path / "layers")
    env = {"YUQIAN_DB": fresh_postgis_dsn, "YUQIAN_LAYERS": str(layers)}
    add_editor_by_command(EDITOR, PASSWORD, env, timeout_s=120)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("YUQIAN_DB", fresh_postgis_dsn)
        with running_app("app.py", layers, env={**env, "YUQIAN_CACHE": str(tmp_path / "cache1")}) as one, \
                running_app("app.py", layers, env={**env, "YUQIAN_CACHE": str(tmp_path / "cache2")}) as two:
            yield one, two, fresh_postgis_dsn


def _main_map(page: Any) -> Any:
    return data_map(page, 90_000)


def _shows_edit(page: Any) -> bool:
    """Whether the page's map shows the edit now (the frame looked up afresh: a run may replace it)."""
    try:
        return bool(_main_map(page).evaluate(SHOWS_EDIT_JS, FEATURE))
    except playwright_api.Error:  # the frame was being replaced
        return False


def _save_status_on(page: Any, url: str) -> None:
    """Sign in on ``url`` and record 在建 (under construction) for :data:`FEATURE`; returns once saved."""
    page.goto(url)
    _main_map(page)
    sign_in(page, EDITOR, PASSWORD, timeout_ms=90_000)
    choose_feature(page, FEATURE, timeout_ms=60_000)
    the_one(page, page.get_by_role("tab", name="建设进展"), timeout_s=60).click()
    status_box = page.locator("[data-testid='stSelectbox']").filter(has_text="最新状态")
    the_one(page, status_box.locator("input"), timeout_s=60).click()
    page.keyboard.type("under_construction")
    page.keyboard.press("Enter")
    page.locator("input[aria-label='生效日期（YYYY、YYYY-MM 或 YYYY-MM-DD）']").fill("2026-06")
    page.locator("input[aria-label='来源（必填）']").nth(1).fill("渝贵高铁开工新闻 2026-06")
    page.get_by_role("button", name="保存进展").click()
    page.get_by_text("已保存。").first.wait_for(timeout=90_000)


def test_edit_on_one_server_reaches_the_other(two_servers: tuple[str, str, str], sized_page: Any) -> None:
    from geo.edits import open_store

    one, two, dsn = two_servers
    watcher = sized_page(1500, 1500)  # server 2, open before the edit; it will make no change at all
    watcher.goto(two)
    _main_map(watcher)
    assert not _shows_edit(watcher)
    editor = sized_page(1500, 1500)
    _save_status_on(editor, one)
    saved_at = time.monotonic()
    with open_store(dsn) as store:  # the save is in the shared store, made through server 1
        assert [(e.field, e.user) for e in store.edits(FEATURE)] == [("status", EDITOR)]

    # (b) the idle session of server 2 shows it within 10 s, without any change of its own
    while not _shows_edit(watcher) and time.monotonic() - saved_at < 60.0:
        watcher.wait_for_timeout(200)
    seen_after_s = time.monotonic() - saved_at
    assert seen_after_s < 10.0, f"server 2's open session showed the edit only after {seen_after_s:.1f} s"

    # (a) a session of server 2 shows it at its next run (here: its first)
    fresh = sized_page(1500, 1500)
    fresh.goto(two)
    _main_map(fresh)
    for _ in range(150):
        if _shows_edit(fresh):
            break
        fresh.wait_for_timeout(200)
    assert _shows_edit(fresh)
    popup = _main_map(fresh).evaluate(POPUP_JS, FEATURE)
    assert "在建" in popup and "自规划以来有变化" in popup
    print(f"server 2's idle session showed the edit {seen_after_s:.1f} s after the save")
