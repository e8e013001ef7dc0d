"""The browser side of the benchmark: Chromium, a fresh context, and the page's own clocks.

Shared by :mod:`bench.viewer`, :mod:`bench.floor`, :mod:`bench.upload` and
:mod:`bench.site`: how a context is opened (only localhost reachable), how a
painted frame with N features is timed inside the page (:func:`arm_js`,
:func:`wait_drawn`), and one cold load of a page (:func:`cold_paints`).
"""

from __future__ import annotations

import contextlib
import math
import time
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlparse

from bench.waterfall import WS_HOOK_JS, collect

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}

COUNT_IN_JS = """(w, expected) => {
  if (!w || !w.map || !w.map._layers) return false;
  const seen = {};
  let n = 0;
  const multi = (l) => l.feature.geometry && l.feature.geometry.type === 'MultiPoint';  // one group, a marker a place
  const visit = (l) => {
    if (l.feature && (!l.getLayers || multi(l)) && !seen[l._leaflet_id]) { seen[l._leaflet_id] = 1; n++; }
  };
  for (const k in w.map._layers) {
    const l = w.map._layers[k];
    if (l._topClusterLevel) l.eachLayer(visit);  // a marker cluster group: every marker, in a stack or not
    else visit(l);
  }
  return n === expected;
}"""
COUNT_JS = """(expected) => {
  const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
  return (COUNT_IN)(frame ? frame.contentWindow : window, expected);  // the viewer's map iframe, or a plain page's
}""".replace("COUNT_IN", COUNT_IN_JS)
#: Run with ``polling="raf"``: false until the expected count was seen in an animation
#: frame and that frame was painted; then ms since ``window.__yqStart`` (0: navigation).
DRAWN_JS = """(expected) => {
  if (window.__yqPainted !== undefined) {
    if (typeof window.__yqStart !== "number") return "no click or key event started the clock";
    return Math.max(window.__yqPainted - window.__yqStart, 0.001);
  }
  if (window.__yqSeen === undefined && (COUNT_JS)(expected)) {
    window.__yqSeen = performance.now();
    // a task queued from an animation frame runs after that frame is painted
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__yqPainted = performance.now(); };
    channel.port2.postMessage(0);
  }
  return false;
}""".replace("COUNT_JS", COUNT_JS)


def arm_js(drawn_js: str) -> str:
    """A script ``(expected) => ...`` that arms the clock for one change and watches for its draw in the page.

    It forgets the last draw, starts the clock at the next click or key press, and from
    then on runs ``drawn_js`` (a ``(expected) => ...`` check like :data:`DRAWN_JS`, which
    notes ``__yqSeen`` and ``__yqPainted``) in every animation frame of the page itself.
    The harness's own wait starts only once Playwright's click or key press has returned;
    a draw the map finished before that would be timed at the harness's first look (seen:
    30-250 ms late for a draw done 20-50 ms after the click).  Watching from the page, the
    end is the painted frame that first showed the count, whenever the harness asks.
    """
    return """(expected) => {
  delete window.__yqSeen; delete window.__yqPainted; window.__yqStart = undefined;
  const mine = window.__yqArmed = (window.__yqArmed || 0) + 1;
  const mark = (event) => { if (window.__yqStart === undefined) window.__yqStart = event.timeStamp; };
  document.addEventListener("click", mark, {capture: true, once: true});
  document.addEventListener("keydown", mark, {capture: true, once: true});
  const drawn = DRAWN_JS;
  const watch = () => {
    if (window.__yqArmed !== mine || window.__yqPainted !== undefined) return;
    if (typeof window.__yqStart === "number") drawn(expected);
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}""".replace("DRAWN_JS", drawn_js)


#: Forget the last draw, start the clock at the next click or key press, watch for ``expected`` (:func:`arm_js`).
ARM_JS = arm_js(DRAWN_JS)
#: Init script (plain source, run in every new document): the clock starts at navigation.
COLD_JS = "window.__yqStart = 0;"
#: Init script of the top page: every animation frame, count the features in the preview's iframe
#: (:mod:`geo.view.server._preview`); once they are all there and that frame is painted, note when
#: (``window.__yqPreviewPainted``, ms since navigation) and keep the iframe's timing entries
#: (it is removed when the live map takes over).  EXPECTED is replaced by the count.
PREVIEW_WATCH_JS = """(() => {
  if (window.top !== window) return;
  const expected = EXPECTED;
  const counts = (w) => (COUNT_IN)(w, expected);
  const pick = (e) => ({name: e.name, type: e.entryType, initiator: e.initiatorType || "", start: e.startTime,
                        end: e.responseEnd || (e.startTime + e.duration), size: e.transferSize || 0,
                        body: e.decodedBodySize || 0, dcl: e.domContentLoadedEventEnd || null});
  const watch = () => {
    const frame = document.getElementById("yq-preview-frame");
    let w = null;
    try { w = frame && frame.contentWindow; } catch (e) { w = null; }
    if (w && counts(w)) {
      window.__yqPreviewSeen = performance.now();
      const perf = w.performance;
      window.__yqPreviewFrame = {title: "preview", origin: perf.timeOrigin, entries:
        perf.getEntriesByType("navigation").concat(perf.getEntriesByType("resource")).map(pick)};
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__yqPreviewPainted = performance.now(); };
      channel.port2.postMessage(0);
      return;
    }
    if (performance.now() < 120000) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
})();""".replace("COUNT_IN", COUNT_IN_JS)
#: Part of the URL of the features file the map fetches (:mod:`geo.view.map._data`).
IDLE_JS = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def new_context(browser: object) -> object:
    """A fresh browser context (empty cache and storage) in which only localhost is reachable."""
    context = browser.new_context(viewport={"width": 1500, "height": 1400})

    def route(route: object) -> None:
        request = route.request
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    return context


def first_paint(browser: object, url: str, total: int, timeout_ms: float) -> float:
    """Seconds from opening ``url`` in a fresh context to the map drawn with ``total`` features."""
    return first_paint_timed(browser, url, total, timeout_ms)[0]


def first_paint_timed(browser: object, url: str, total: int, timeout_ms: float) -> tuple[float, dict]:
    """As :func:`first_paint`, with the raw waterfall entries (:func:`bench.waterfall.collect`)."""
    paints = cold_paints(browser, url, total, timeout_ms)
    return paints.first_paint_s, paints.raw


@dataclass
class ColdPaints:
    """One cold load: the first painted frame with every feature, the preview's and the live map's."""

    first_paint_s: float
    live_s: float
    preview_s: float
    raw: dict


def cold_paints(browser: object, url: str, total: int, timeout_ms: float) -> ColdPaints:
    """Open ``url`` in a fresh context; time the preview (if the page has one) and the live map.

    ``first_paint_s`` is the earlier of the two: the first frame a visitor sees with
    all ``total`` features (the preview's, which can be panned and clicked, or the
    live map's, which also answers the filters).
    """
    context = new_context(browser)
    try:
        page = context.new_page()
        page.add_init_script(COLD_JS)
        page.add_init_script(WS_HOOK_JS)
        page.add_init_script(PREVIEW_WATCH_JS.replace("EXPECTED", str(int(total))))
        page.goto(url)
        live_s = wait_drawn(page, total, timeout_ms) / 1000.0
        preview_s = preview_paint_s(page)
        raw = collect(page)
        settle(page)
        return ColdPaints(earliest(live_s, preview_s), live_s, preview_s, raw)
    finally:
        context.close()


def restart_paints(url: str, total: int, timeout_s: float = 120.0) -> ColdPaints:
    """The first session of a server just started: one cold load, in a new browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return cold_paints(browser, url, total, timeout_s * 1000)
        finally:
            browser.close()


def earliest(*seconds: float) -> float:
    """The smallest of the times that were measured (NaN: not seen); NaN if none was."""
    seen = [s for s in seconds if not math.isnan(s)]
    return min(seen) if seen else float("nan")


def preview_paint_s(page: object) -> float:
    """Seconds from navigation to the preview's painted frame with every feature; NaN without a preview."""
    value = page.evaluate("() => window.__yqPreviewPainted")  # read once the live map is drawn
    return float(value) / 1000.0 if isinstance(value, (int, float)) else float("nan")


def wait_drawn(page: object, expected: int, timeout_ms: float) -> float:
    """Ms from the armed start (see module doc) to the painted frame showing ``expected`` features."""
    handle = page.wait_for_function(DRAWN_JS, arg=expected, timeout=timeout_ms, polling="raf")
    value = handle.json_value()
    if isinstance(value, str):  # the page says why it could not time the draw
        raise RuntimeError(f"redraw of {expected} features not timed: {value}")
    return float(value)


def download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def settle(page: object) -> None:
    """Wait until the script run has finished (the running indicator is gone)."""
    time.sleep(0.15)
    with contextlib.suppress(Exception):  # best effort
        page.wait_for_function(IDLE_JS, timeout=60_000, polling=50)
