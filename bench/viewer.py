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

import statistics
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import geopandas as gpd

from bench.answer import CROSS_BORDER_LABEL, ColdAnswer, cold_answer
from bench.browser import (
    ARM_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    COLD_JS,
    PREVIEW_WATCH_JS,
    cold_paints,
    download,
    earliest,
    new_context,
    preview_paint_s,
    settle,
    wait_drawn,
)
from bench.server import running_app as serve
from bench.waterfall import WS_HOOK_JS, collect
from geo.filters import filter_layers
from geo.store import load_layers
from geo.view.map import INDEX_STEM

ROOT = Path(__file__).resolve().parent.parent
SEARCH_LABEL = "搜索（中文、拼音或英文）"
#: Search terms cycled through by the filter changes (pinyin, Chinese, English).
SEARCH_TERMS = ("ganshui", "綦江", "tongzi", "", "xishui", "shuiku", "reservoir", "", "dao", "zhen", "")

#: ``(w, expected)``: whether window ``w``'s Leaflet ``map`` holds exactly ``expected`` features.
DATA_URL_PART = "geo.view.map._data.map_data/"


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
    cold_answer: ColdAnswer = field(default_factory=ColdAnswer)
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
    """Features the viewer should draw for a search text and the cross-border box.

    A feature of unknown position (no geometry, issue 28) is listed but not drawn, so it is not counted.
    """
    return drawn_count(load_layers(layers_folder), text, cross)


def drawn_count(layers: Mapping[str, gpd.GeoDataFrame], text: str, cross: bool) -> int:
    """Features with a geometry that the search text and the cross-border box keep."""
    kept = filter_layers(layers, text=text or None, cross_border_only=cross)
    return sum(int((frame.geometry.notna() & ~frame.geometry.is_empty).sum()) for frame in kept.values())


def plan_steps(layers_folder: Path, changes: int) -> list[Step]:
    """``changes`` filter changes, each of which alters the number of drawn features."""
    layers = load_layers(layers_folder)

    def count(text: str, cross: bool) -> int:
        return drawn_count(layers, text, cross)

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
    """Whether ``url`` is the map frame's filter index (:mod:`geo.view.map._filter_index`), not the features file."""
    return urlparse(url).path.rsplit("/", 1)[-1].startswith(INDEX_STEM)


def _is_map_frame(payload: bytes | str) -> bool:
    data = payload.encode() if isinstance(payload, str) else payload
    return b"streamlit_folium" in data and b"feature_group" in data


def measure_app(url: str, total: int, steps: list[Step], timeout_s: float = 120.0,
                answer_expected: int | None = None) -> ViewerResult:
    """A warm-up session, a cold load answering a change, a cold load, then the filter changes of ``steps``.

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
    answer_expected : int, optional
        Features drawn with the cross-border box on: if given, a cold load in a fresh
        context toggles it as soon as it can and is timed to that answer painted
        (:func:`bench.answer.cold_answer`), before the other cold load.

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
        if answer_expected is not None:
            try:
                result.cold_answer = cold_answer(browser, url, answer_expected, timeout_ms)
            except Exception as error:  # reported in the table, the bench goes on
                result.error = f"cold answer: {type(error).__name__}: {str(error).splitlines()[0][:160]}"
        context = new_context(browser)
        page = context.new_page()

        def keep(payload: bytes | str) -> None:
            frames.append(payload)

        page.on("websocket", lambda ws: ws.on("framereceived", keep))
        data_urls: list[str] = []
        page.on("request", lambda request: data_urls.append(request.url) if DATA_URL_PART in request.url else None)
        try:
            page.add_init_script(COLD_JS)
            page.add_init_script(WS_HOOK_JS)
            page.add_init_script(PREVIEW_WATCH_JS.replace("EXPECTED", str(int(total))))
            page.goto(url)
            result.cold_live_paint_s = wait_drawn(page, total, timeout_ms) / 1000.0
            result.cold_preview_paint_s = preview_paint_s(page)
            result.cold_first_paint_s = earliest(result.cold_live_paint_s, result.cold_preview_paint_s)
            result.waterfall = collect(page)
            settle(page)
            result.ws_bytes_initial = sum(len(f) for f in frames)
            result.ws_map_bytes = sum(len(f) for f in frames if _is_map_frame(f))
            urls = list(dict.fromkeys(data_urls))
            files = [download(u) for u in urls if not _is_filter_index(u)]
            result.data_file_bytes = sum(len(f) for f in files)
            result.data_file = files[0] if files else b""
            result.payload_bytes = result.ws_map_bytes + result.data_file_bytes
            for step in steps:
                frames.clear()
                make_change(page, step)
                result.redraw_ms.append(wait_drawn(page, step.expected, timeout_ms))
                settle(page)
                result.redraw_payload_bytes.append(sum(len(f) for f in frames if _is_map_frame(f)))
            # fetched after the first view, once the user reaches for the filters: not in the first payload
            indexes = [u for u in dict.fromkeys(data_urls) if _is_filter_index(u)]
            result.filter_index_bytes = sum(len(download(u)) for u in indexes)
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
        page.evaluate(ARM_JS, step.expected)
        search.press("Enter")
    else:
        page.evaluate(ARM_JS, step.expected)
        page.get_by_text(CROSS_BORDER_LABEL).click()
