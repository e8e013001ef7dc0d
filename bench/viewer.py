"""Viewer timings in headless Chromium: cold first paint, payload and filter -> redraw.

A Streamlit app (``app.py`` or ``bench/baseline_app.py``) runs on a free port on
the layers of ``$YUQIAN_LAYERS``, driven with Playwright in Debian's Chromium;
requests to other hosts than localhost are aborted (as in the browser tests).

"The map is drawn" means: the Leaflet map in the streamlit-folium iframe holds
exactly the expected number of feature layers (as :func:`geo.filters.filter_layers`
counts them), and the frame in which that was first seen has been painted.  All
times are taken inside the page (``performance.now()``), so the harness's own
round trips to the browser are not counted: a filter change starts at the
``timeStamp`` of the click or Enter key event, the redraw ends in a task queued
from the animation frame that first saw the expected count (it runs once that
frame is painted; the page looks in every frame from the moment the change is
armed, :func:`arm_js`, not only once the harness asks), and the cold load counts
from navigation start.  The changes
alternate the search box and the cross-border box, each altering the count.  The
viewer's frame draws a change before the server's answer when it can
(``geo/view/js/predict.js``): the redraw ends with whichever draw shows the count
first.  Its filter index, fetched after the first view, is counted apart from the
first payload (``filter_index_bytes``).

Cold first paint (``cold_first_paint_s``) is what a new user meets on a deployed
app: a new browser context (empty cache and storage) opening a server that has
served one session, from navigation to the map drawn.  That first-ever session
(the server's imports, its caches filled) is ``server_cold_first_paint_s``.
"""

from __future__ import annotations

import contextlib
import math
import statistics
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from bench.server import running_app as serve
from bench.waterfall import WS_HOOK_JS, collect
from geo.filters import count_features, filter_layers
from geo.store import load_layers
from geo.view._filter_index import INDEX_STEM

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
SEARCH_LABEL = "搜索（中文、拼音或英文）"
CROSS_BORDER_LABEL = "仅显示跨省（渝黔）要素"
#: Search terms cycled through by the filter changes (pinyin, Chinese, English).
SEARCH_TERMS = ("ganshui", "綦江", "tongzi", "", "xishui", "shuiku", "reservoir", "", "dao", "zhen", "")

#: ``(w, expected)``: whether window ``w``'s Leaflet ``map`` holds exactly ``expected`` features.
_COUNT_IN_JS = """(w, expected) => {
  if (!w || !w.map || !w.map._layers) return false;
  const seen = {};
  let n = 0;
  const visit = (l) => { if (l.feature && !l.getLayers && !seen[l._leaflet_id]) { seen[l._leaflet_id] = 1; n++; } };
  for (const k in w.map._layers) {
    const l = w.map._layers[k];
    if (l._topClusterLevel) l.eachLayer(visit);  // a marker cluster group: every marker, in a stack or not
    else visit(l);
  }
  return n === expected;
}"""
_COUNT_JS = """(expected) => {
  const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
  return (COUNT_IN)(frame ? frame.contentWindow : window, expected);  // the viewer's map iframe, or a plain page's
}""".replace("COUNT_IN", _COUNT_IN_JS)
#: Run with ``polling="raf"``: false until the expected count was seen in an animation
#: frame and that frame was painted; then ms since ``window.__yqStart`` (0: navigation).
_DRAWN_JS = """(expected) => {
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
}""".replace("COUNT_JS", _COUNT_JS)


def arm_js(drawn_js: str) -> str:
    """A script ``(expected) => ...`` that arms the clock for one change and watches for its draw in the page.

    It forgets the last draw, starts the clock at the next click or key press, and from
    then on runs ``drawn_js`` (a ``(expected) => ...`` check like :data:`_DRAWN_JS`, which
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
_ARM_JS = arm_js(_DRAWN_JS)
#: Init script (plain source, run in every new document): the clock starts at navigation.
_COLD_JS = "window.__yqStart = 0;"
#: Init script of the top page: every animation frame, count the features in the preview's iframe
#: (:mod:`geo.view.preview`); once they are all there and that frame is painted, note when
#: (``window.__yqPreviewPainted``, ms since navigation) and keep the iframe's timing entries
#: (it is removed when the live map takes over).  EXPECTED is replaced by the count.
_PREVIEW_WATCH_JS = """(() => {
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
})();""".replace("COUNT_IN", _COUNT_IN_JS)
#: Part of the URL of the features file the map fetches (:mod:`geo.view.mapdata`).
DATA_URL_PART = "geo.view.mapdata.map_data/"
_IDLE_JS = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


@dataclass
class Step:
    """One filter change: set the search text, or toggle the cross-border box."""

    kind: str
    text: str
    cross: bool
    expected: int


@dataclass
class ViewerResult:
    """What one app measured."""

    cold_first_paint_s: float = float("nan")
    server_cold_first_paint_s: float = float("nan")
    cold_live_paint_s: float = float("nan")
    server_live_paint_s: float = float("nan")
    cold_preview_paint_s: float = float("nan")
    server_preview_paint_s: float = float("nan")
    restart_first_paint_s: float = float("nan")
    restart_live_paint_s: float = float("nan")
    payload_bytes: int = 0
    ws_map_bytes: int = 0
    data_file_bytes: int = 0
    filter_index_bytes: int = 0
    data_file: bytes = b""
    ws_bytes_initial: int = 0
    redraw_ms: list[float] = field(default_factory=list)
    redraw_payload_bytes: list[int] = field(default_factory=list)
    waterfall: dict = field(default_factory=dict)
    server_waterfall: dict = field(default_factory=dict)
    error: str = ""

    def p(self, q: float) -> float:
        """The ``q`` quantile (0..1) of the redraw times, ms; NaN when none."""
        if not self.redraw_ms:
            return float("nan")
        if len(self.redraw_ms) == 1:
            return self.redraw_ms[0]
        return statistics.quantiles(self.redraw_ms, n=100, method="inclusive")[round(q * 100) - 1]


def total_features(layers_folder: Path, text: str = "", cross: bool = False) -> int:
    """Features the viewer should draw for a search text and the cross-border box."""
    layers = load_layers(layers_folder)
    return sum(count_features(filter_layers(layers, text=text or None, cross_border_only=cross)).values())


def plan_steps(layers_folder: Path, changes: int) -> list[Step]:
    """``changes`` filter changes, each of which alters the number of drawn features."""
    layers = load_layers(layers_folder)

    def count(text: str, cross: bool) -> int:
        return sum(count_features(filter_layers(layers, text=text or None, cross_border_only=cross)).values())

    steps: list[Step] = []
    text, cross, previous = "", False, count("", False)
    terms = list(SEARCH_TERMS) * (changes + 1)
    guard = 0
    while len(steps) < changes and guard < 10 * changes:
        guard += 1
        candidate = ("cross", text, not cross) if len(steps) % 2 == 0 else ("text", terms.pop(0), cross)
        n = count(candidate[1], candidate[2])
        if n == previous:
            if candidate[0] == "cross":
                candidate = ("text", terms.pop(0), cross)
                n = count(candidate[1], candidate[2])
            if n == previous:
                continue
        kind, text, cross = candidate
        steps.append(Step(kind, text, cross, n))
        previous = n
    return steps


@contextmanager
def running_app(script: str, layers_folder: Path) -> Iterator[str]:
    """``streamlit run <script>`` on loopback showing ``layers_folder``; yields its URL."""
    with serve(script, layers_folder, extra_args=["--server.fileWatcherType", "none"]) as url:
        yield url


def _is_filter_index(url: str) -> bool:
    """Whether ``url`` is the map frame's filter index (:mod:`geo.view._filter_index`), not the features file."""
    return urlparse(url).path.rsplit("/", 1)[-1].startswith(INDEX_STEM)


def _is_map_frame(payload: bytes | str) -> bool:
    data = payload.encode() if isinstance(payload, str) else payload
    return b"streamlit_folium" in data and b"feature_group" in data


def measure_app(url: str, total: int, steps: list[Step], timeout_s: float = 120.0) -> ViewerResult:
    """A warm-up session, a cold load in a fresh context, then the filter changes of ``steps``.

    Parameters
    ----------
    url : str
        The running app.
    total : int
        Features drawn before any filter.
    steps : list of Step
        From :func:`plan_steps`.
    timeout_s : float
        Longest wait for one draw.

    Returns
    -------
    ViewerResult
    """
    from playwright.sync_api import sync_playwright

    result = ViewerResult()
    frames: list[bytes | str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        timeout_ms = timeout_s * 1000
        try:
            # the first session ever on this server: it pays the imports and the caches' first fill
            first = cold_paints(browser, url, total, timeout_ms)
            result.server_cold_first_paint_s, result.server_waterfall = first.first_paint_s, first.raw
            result.server_live_paint_s, result.server_preview_paint_s = first.live_s, first.preview_s
        except Exception as error:  # reported in the table, the bench goes on
            result.error = f"warm-up: {type(error).__name__}: {str(error).splitlines()[0][:160]}"
            browser.close()
            return result
        context = _new_context(browser)
        page = context.new_page()

        def keep(payload: bytes | str) -> None:
            frames.append(payload)

        page.on("websocket", lambda ws: ws.on("framereceived", keep))
        data_urls: list[str] = []
        page.on("request", lambda request: data_urls.append(request.url) if DATA_URL_PART in request.url else None)
        try:
            page.add_init_script(_COLD_JS)
            page.add_init_script(WS_HOOK_JS)
            page.add_init_script(_PREVIEW_WATCH_JS.replace("EXPECTED", str(int(total))))
            page.goto(url)
            result.cold_live_paint_s = _wait_drawn(page, total, timeout_ms) / 1000.0
            result.cold_preview_paint_s = _preview_paint_s(page)
            result.cold_first_paint_s = earliest(result.cold_live_paint_s, result.cold_preview_paint_s)
            result.waterfall = collect(page)
            _settle(page)
            result.ws_bytes_initial = sum(len(f) for f in frames)
            result.ws_map_bytes = sum(len(f) for f in frames if _is_map_frame(f))
            urls = list(dict.fromkeys(data_urls))
            files = [_download(u) for u in urls if not _is_filter_index(u)]
            result.data_file_bytes = sum(len(f) for f in files)
            result.data_file = files[0] if files else b""
            result.payload_bytes = result.ws_map_bytes + result.data_file_bytes
            for step in steps:
                frames.clear()
                make_change(page, step)
                result.redraw_ms.append(_wait_drawn(page, step.expected, timeout_ms))
                _settle(page)
                result.redraw_payload_bytes.append(sum(len(f) for f in frames if _is_map_frame(f)))
            # fetched after the first view, once the user reaches for the filters: not in the first payload
            indexes = [u for u in dict.fromkeys(data_urls) if _is_filter_index(u)]
            result.filter_index_bytes = sum(len(_download(u)) for u in indexes)
        except Exception as error:  # reported in the table, the bench goes on
            result.error = f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
        finally:
            browser.close()
    return result


def make_change(page: object, step: Step) -> None:
    """Make the filter change ``step`` in ``page``, the clock armed to start at its event (see module doc)."""
    if step.kind == "text":
        search = page.get_by_label(SEARCH_LABEL)
        search.fill(step.text)
        page.evaluate(_ARM_JS, step.expected)
        search.press("Enter")
    else:
        page.evaluate(_ARM_JS, step.expected)
        page.get_by_text(CROSS_BORDER_LABEL).click()


def _new_context(browser: object) -> object:
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


def _first_paint(browser: object, url: str, total: int, timeout_ms: float) -> float:
    """Seconds from opening ``url`` in a fresh context to the map drawn with ``total`` features."""
    return first_paint_timed(browser, url, total, timeout_ms)[0]


def first_paint_timed(browser: object, url: str, total: int, timeout_ms: float) -> tuple[float, dict]:
    """As :func:`_first_paint`, with the raw waterfall entries (:func:`bench.waterfall.collect`)."""
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
    context = _new_context(browser)
    try:
        page = context.new_page()
        page.add_init_script(_COLD_JS)
        page.add_init_script(WS_HOOK_JS)
        page.add_init_script(_PREVIEW_WATCH_JS.replace("EXPECTED", str(int(total))))
        page.goto(url)
        live_s = _wait_drawn(page, total, timeout_ms) / 1000.0
        preview_s = _preview_paint_s(page)
        raw = collect(page)
        _settle(page)
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


def _preview_paint_s(page: object) -> float:
    """Seconds from navigation to the preview's painted frame with every feature; NaN without a preview."""
    value = page.evaluate("() => window.__yqPreviewPainted")  # read once the live map is drawn
    return float(value) / 1000.0 if isinstance(value, (int, float)) else float("nan")


def _wait_drawn(page: object, expected: int, timeout_ms: float) -> float:
    """Ms from the armed start (see module doc) to the painted frame showing ``expected`` features."""
    handle = page.wait_for_function(_DRAWN_JS, arg=expected, timeout=timeout_ms, polling="raf")
    value = handle.json_value()
    if isinstance(value, str):  # the page says why it could not time the draw
        raise RuntimeError(f"redraw of {expected} features not timed: {value}")
    return float(value)


def _download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def _settle(page: object) -> None:
    """Wait until the script run has finished (the running indicator is gone)."""
    time.sleep(0.15)
    with contextlib.suppress(Exception):  # best effort
        page.wait_for_function(_IDLE_JS, timeout=60_000, polling=50)
