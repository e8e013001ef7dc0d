"""Load: 8 concurrent browser sessions, each making 20 filter changes against one app server.

One ``streamlit run app.py`` bound to 127.0.0.1 (fixture ``loopback_app_url`` in
``conftest.py``), one Debian Chromium with 8 browser contexts (8 Streamlit
sessions), driven concurrently by Playwright's async API; every request to a
host other than 127.0.0.1 is aborted (and counted as an error), and the
basemap is "none" so that no tile is even asked for.

A filter change is a new search text (Enter); it is done when the map shows
exactly the expected number of features *and* the "features shown" metric
says so.  The test asserts correctness and zero errors only; the timings
(p50/p95 from the key press to the redraw) are printed and written to
``/tmp/shots/load.txt``, never compared with a threshold.  Every wait has a
timeout and the whole run is bounded by :data:`RUN_TIMEOUT_S`.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from _browser import COUNT_FEATURES_JS

from geo.filters import count_features, filter_layers
from geo.store import load_layers

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
TEST_LAYERS = Path(__file__).parent / "data" / "layers"
SHOTS = Path("/tmp/shots")
SESSIONS = 8
CHANGES = 20
STEP_TIMEOUT_MS = 45_000
LOAD_TIMEOUT_MS = 90_000
RUN_TIMEOUT_S = 480.0
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
SEARCH_LABEL = "搜索（中文、拼音或英文）"
#: Searches the sessions cycle through (each alternates with the empty search).
QUERIES = ("ganshui", "podu", "wenshui", "songkan", "anwen", "qijiang", "古剑山", "tongzi")

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
async_api = pytest.importorskip("playwright.async_api")


@dataclass
class SessionResult:
    """What one browser session saw."""

    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _plan(expected: dict[str, int], session: int) -> list[str]:
    """The session's 20 search texts: a query, then the empty search, and so on (each one a change)."""
    queries = [q for q in QUERIES if expected[q] != expected[""]]
    return [queries[(session + step // 2) % len(queries)] if step % 2 == 0 else "" for step in range(CHANGES)]


async def _session(browser: object, url: str, session: int, expected: dict[str, int]) -> SessionResult:
    result = SessionResult()
    context = await browser.new_context(viewport={"width": 1280, "height": 1000})

    async def route(route: object) -> None:
        host = urlparse(route.request.url).hostname or ""
        if host == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
            await route.continue_()
        else:
            result.errors.append(f"non-loopback request: {route.request.url}")
            await route.abort()

    await context.route("**/*", route)
    page = await context.new_page()
    page.on("pageerror", lambda error: result.errors.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: result.errors.append(f"dialog: {dialog.message}"))
    try:
        await page.goto(f"{url}/?base=none", timeout=LOAD_TIMEOUT_MS)
        handle = await page.wait_for_selector(MAP_FRAME, timeout=LOAD_TIMEOUT_MS)
        frame = await handle.content_frame()
        count_js = f"({COUNT_FEATURES_JS})()"  # points inside stacks count too
        await frame.wait_for_function(f"{count_js} === {expected['']}", timeout=LOAD_TIMEOUT_MS, polling=100)
        search = page.get_by_label(SEARCH_LABEL)
        for step, query in enumerate(_plan(expected, session)):
            want = expected[query]
            await search.fill(query)
            start = time.perf_counter()
            await search.press("Enter")
            await frame.wait_for_function(f"{count_js} === {want}", timeout=STEP_TIMEOUT_MS, polling=50)
            await page.wait_for_function(
                "document.querySelector('[data-testid=\"stMetricValue\"]')?.innerText.trim() === "
                f"'{want}'", timeout=STEP_TIMEOUT_MS, polling=50)
            result.seconds.append(time.perf_counter() - start)
            if await page.locator("[data-testid='stException']").count():
                result.errors.append(f"step {step} ({query!r}): the app raised an exception")
    except Exception as error:  # every failure is counted, then asserted on
        result.errors.append(f"session {session}: {type(error).__name__}: {error}")
    finally:
        await context.close()
    return result


async def _run(url: str, expected: dict[str, int]) -> list[SessionResult]:
    async with async_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tasks = [_session(browser, url, n, expected) for n in range(SESSIONS)]
            return await asyncio.wait_for(asyncio.gather(*tasks), timeout=RUN_TIMEOUT_S)
        finally:
            await browser.close()


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def test_eight_sessions_twenty_filter_changes_each(loopback_app_url: str) -> None:
    layers = load_layers(TEST_LAYERS)
    expected = {q: sum(count_features(filter_layers(layers, text=q or None)).values()) for q in ("", *QUERIES)}
    started = time.perf_counter()
    results = asyncio.run(_run(loopback_app_url, expected))
    wall = time.perf_counter() - started
    errors = [e for r in results for e in r.errors]
    seconds = [s for r in results for s in r.seconds]
    report = (f"load: {SESSIONS} sessions x {CHANGES} filter changes against one server on 127.0.0.1 "
              f"({len(seconds)} redraws in {wall:.1f} s); filter change to redraw: "
              f"p50={statistics.median(seconds) * 1000:.0f} ms, p95={_percentile(seconds, 0.95) * 1000:.0f} ms, "
              f"max={max(seconds) * 1000:.0f} ms; errors: {len(errors)}" if seconds else
              f"load: no redraw measured; errors: {len(errors)}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "load.txt").write_text(report + "\n" + "".join(f"  {e}\n" for e in errors), encoding="utf-8")
    print(report)
    assert errors == []
    assert len(seconds) == SESSIONS * CHANGES
