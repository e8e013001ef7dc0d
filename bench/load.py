"""K viewer sessions at once in one headless Chromium: each its own context, all changing filters together.

The capacity benchmark (:mod:`bench.capacity`) needs real Streamlit sessions
(its websocket protocol is not worth faking) but not one browser per session:
one Chromium holds K pages, each in a separate context (own cookies, own
websocket, so its own server session), driven concurrently with Playwright's
asyncio API.  Every page makes the same filter changes
(:func:`bench.viewer.plan_steps`), one after the other with no pause, so the
server has K runs to answer at once.

Two times are taken per change, both on the page's own clock from the click's
or key's event (``window.__yqStart``, as in :mod:`bench.browser`):

* ``drawn``: the painted frame showing the expected count, what the planner
  sees (the map frame draws a change before the server answers when it can,
  so this is mostly the browser's own work);
* ``answer``: the first websocket message carrying the map after the change,
  i.e. the server's run has reached the map: the server's share under load.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from bench.browser import ARM_JS, CHROMIUM, CHROMIUM_ARGS, DRAWN_JS, IDLE_JS, LOCAL_HOSTS
from bench.viewer import CROSS_BORDER_LABEL, SEARCH_LABEL, Step

#: Init script: the time of every websocket message that carries the map (``window.__yqMapAt``).
MAP_MESSAGES_JS = """(() => {
  const Native = window.WebSocket;
  if (!Native || Native.__yqMapWrapped) return;
  const seen = window.__yqMapAt = [];
  const Wrapped = function(url, protocols) {
    const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    ws.addEventListener("message", (event) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const text = new TextDecoder("utf-8", {fatal: false}).decode(event.data);
      if (text.indexOf("streamlit_folium") >= 0) seen.push(performance.now());
    });
    return ws;
  };
  Wrapped.prototype = Native.prototype;
  Object.assign(Wrapped, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3, __yqMapWrapped: true});
  window.WebSocket = Wrapped;
})();"""
#: ms from the change's event to the first map message after it; false while none came.
ANSWER_JS = """() => {
  if (typeof window.__yqStart !== "number") return false;
  const after = (window.__yqMapAt || []).filter(t => t >= window.__yqStart);
  return after.length ? Math.max(after[0] - window.__yqStart, 0.001) : false;
}"""


@dataclass
class LoadResult:
    """What one run of K sessions measured (times in ms, CPU in s)."""

    sessions: int
    drawn_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = float("nan")
    server_cpu_s: float = float("nan")

    def quantile(self, which: str, q: float) -> float:
        """The ``q`` quantile (0..1) of ``drawn`` or ``answer`` times; NaN when none."""
        values = sorted(self.drawn_ms if which == "drawn" else self.answer_ms)
        if not values:
            return float("nan")
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


async def new_session_page(browser: Any, width: int = 1366, height: int = 900) -> Any:
    """A page in a new context (its own server session) where only loopback hosts answer."""
    from urllib.parse import urlparse

    context = await browser.new_context(viewport={"width": width, "height": height})

    async def route(route: Any) -> None:
        request = route.request
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            await route.continue_()
        else:
            await route.abort()

    await context.route("**/*", route)
    page = await context.new_page()
    await page.add_init_script(MAP_MESSAGES_JS)
    return page


async def open_session(page: Any, url: str, total: int, timeout_ms: float) -> None:
    """Load the viewer in ``page`` and wait for its live map with ``total`` features and the run's end."""
    await page.add_init_script("window.__yqStart = 0;")
    await page.goto(url, timeout=timeout_ms, wait_until="commit")
    await page.wait_for_function(DRAWN_JS, arg=total, timeout=timeout_ms, polling="raf")
    await settle(page)


async def settle(page: Any) -> None:
    """Wait until the page's script run has finished (Streamlit's running indicator gone)."""
    await asyncio.sleep(0.15)
    with contextlib.suppress(Exception):  # best effort, as bench.browser.settle
        await page.wait_for_function(IDLE_JS, timeout=60_000, polling=50)


async def change(page: Any, step: Step, timeout_ms: float) -> tuple[float, float]:
    """Make ``step`` in ``page``; (ms to the painted frame, ms to the server's map message)."""
    if step.kind == "text":
        search = page.get_by_label(SEARCH_LABEL)
        await search.fill(step.text)
        await page.evaluate(ARM_JS, step.expected)
        await search.press("Enter")
    else:
        await page.evaluate(ARM_JS, step.expected)
        await page.get_by_text(CROSS_BORDER_LABEL).click()
    drawn = await page.wait_for_function(DRAWN_JS, arg=step.expected, timeout=timeout_ms, polling="raf")
    value = await drawn.json_value()
    if isinstance(value, str):
        raise RuntimeError(f"redraw of {step.expected} features not timed: {value}")
    answer = await page.wait_for_function(ANSWER_JS, timeout=timeout_ms, polling=20)
    answered = float(await answer.json_value())
    await settle(page)
    return float(value), answered


async def _drive(page: Any, steps: list[Step], result: LoadResult, timeout_ms: float) -> None:
    for step in steps:
        try:
            drawn, answered = await change(page, step, timeout_ms)
        except Exception as error:  # counted as an error, the run goes on
            result.errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:120]}")
            return  # this page's state is unknown now: its later steps would be wrong
        result.drawn_ms.append(drawn)
        result.answer_ms.append(answered)


async def _load_run(url: str, total: int, steps: list[Step], sessions: int, cpu: Any,
                    timeout_ms: float) -> LoadResult:
    from playwright.async_api import async_playwright

    result = LoadResult(sessions)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = [await new_session_page(browser) for _ in range(sessions)]
            opened: list[Exception | None] = []
            for page in pages:  # one after the other: opening is not what is measured
                try:
                    await open_session(page, url, total, timeout_ms)
                    opened.append(None)
                except Exception as error:  # counted, the run goes on with the others
                    opened.append(error)
            ready = [p for p, e in zip(pages, opened, strict=True) if not isinstance(e, Exception)]
            result.errors += [f"open: {type(e).__name__}: {str(e).splitlines()[0][:120]}"
                              for e in opened if isinstance(e, Exception)]
            await asyncio.sleep(1.0)  # the sessions' own after-load work (filter index fetch) out of the way
            cpu_before, start = cpu(), time.perf_counter()
            await asyncio.gather(*(_drive(p, steps, result, timeout_ms) for p in ready))
            result.wall_s = time.perf_counter() - start
            result.server_cpu_s = cpu() - cpu_before
        finally:
            await browser.close()
    return result


def load_run(url: str, total: int, steps: list[Step], sessions: int, cpu: Any,
             timeout_s: float = 120.0) -> LoadResult:
    """``sessions`` pages open ``url`` and all make ``steps`` at once; their times, errors and server CPU.

    Parameters
    ----------
    url : str
        The running viewer (on loopback).
    total : int
        Features drawn before any filter.
    steps : list of Step
        The changes every page makes (:func:`bench.viewer.plan_steps`).
    sessions : int
        K: pages (contexts, hence server sessions) in the one browser.
    cpu : callable
        Returns the server's CPU seconds so far (:func:`bench.capacity.ServerCounters.cpu_s`).
    timeout_s : float
        Longest wait for one draw or answer; a page that exceeds it counts one error and stops.
    """
    return asyncio.run(_load_run(url, total, steps, sessions, cpu, timeout_s * 1000.0))


async def _hold_sessions(url: str, total: int, sessions: int, during: Any, timeout_ms: float) -> Any:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            opened = 0
            for _ in range(sessions):  # one after the other: the memory read after is the sessions', not the load's
                page = await new_session_page(browser)
                with contextlib.suppress(Exception):  # a page that did not draw in time is still a session
                    await open_session(page, url, total, timeout_ms)
                    opened += 1
            return opened, await asyncio.to_thread(during)
        finally:
            await browser.close()


def hold_sessions(url: str, total: int, sessions: int, during: Any, timeout_s: float = 120.0) -> Any:
    """Open ``sessions`` idle viewer sessions, call ``during()`` while they stay open.

    Returns
    -------
    tuple
        How many of the pages drew their map within ``timeout_s``, and what ``during()`` returned.
    """
    return asyncio.run(_hold_sessions(url, total, sessions, during, timeout_s * 1000.0))
