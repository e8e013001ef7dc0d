"""The map frame draws a filter change before the server answers (geo/view/js/predict.js), in Chromium.

The page's websocket goes through Playwright's ``route_web_socket``: while the
test holds the server's messages, the map must already show what the changed
widget keeps (the count :func:`geo.filters.filter_layers` gives); once they are
let through, the server's answer confirms it and the map stays right.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from _browser import CHROMIUM, COUNT_FEATURES_JS, MAP_FRAME, offline_context, shot, wait_for_features
from _paths import DATA

from geo.config import MODES
from geo.filters import count_features, filter_layers
from geo.store import load_layers
from geo.view.i18n import vocab_label

pytestmark = pytest.mark.browser

TEST_LAYERS = DATA / "layers"
SEARCH_LABEL = "搜索（中文、拼音或英文）"
CROSS_BORDER_LABEL = "仅显示跨省（渝黔）要素"
STATS_JS = "() => Object.assign({}, YQ.prediction)"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


def _expected(**criteria: object) -> int:
    return sum(count_features(filter_layers(load_layers(TEST_LAYERS), **criteria)).values())


@dataclass
class HeldSocket:
    """Streamlit's websocket through the test: the server's messages can be held back, then let through."""

    held: bool = False
    queue: list[object] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    page_side: object = None

    def route(self, ws: object) -> None:
        server = ws.connect_to_server()
        self.page_side = ws
        ws.on_message(lambda message: server.send(message))
        server.on_message(self._from_server)

    def _from_server(self, message: object) -> None:
        with self.lock:
            if self.held:
                self.queue.append(message)
                return
        self.page_side.send(message)

    def hold(self) -> None:
        with self.lock:
            self.held = True

    def release(self) -> int:
        """Let the held messages through, in order; how many there were."""
        with self.lock:
            self.held = False
            queued, self.queue = self.queue, []
        for message in queued:
            self.page_side.send(message)
        return len(queued)


@pytest.fixture()
def held_page(browser: object, loopback_app_url: str) -> Iterator[tuple[object, object, HeldSocket]]:
    """The viewer with its websocket routed through a :class:`HeldSocket`; the page and its map frame."""
    socket = HeldSocket()
    context = offline_context(browser)
    page = context.new_page()
    page.route_web_socket("**/_stcore/stream", socket.route)
    page.goto(loopback_app_url)
    frame = page.wait_for_selector(MAP_FRAME, timeout=60_000).content_frame()
    frame.wait_for_selector(".leaflet-container", timeout=60_000)
    wait_for_features(frame, _expected(), 60_000)
    try:
        yield page, frame, socket
    finally:
        context.close()


def _ready(page: object, frame: object) -> None:
    """Until the frame has its filter index (the server's warm-up or first run publishes it)."""
    search = page.get_by_label(SEARCH_LABEL)
    for attempt in range(3):
        try:
            frame.wait_for_function("() => YQ.prediction.index", timeout=8_000)
            return
        except Exception:  # the index was made after this session's first run: one more run tells the frame
            search.fill(f"warm{attempt}")
            search.press("Enter")
            search.fill("")
            search.press("Enter")
    frame.wait_for_function("() => YQ.prediction.index", timeout=8_000)


def _drawn_while_held(page: object, frame: object, socket: HeldSocket, act: object, expected: int) -> dict:
    """Do ``act`` with the server's messages held; the map must show ``expected`` features without them."""
    before = frame.evaluate(STATS_JS)
    socket.hold()
    act()
    frame.wait_for_function(f"({COUNT_FEATURES_JS})() === {expected}", timeout=10_000, polling=20)
    during = frame.evaluate(STATS_JS)
    assert during["answers"] == before["answers"], "the count came with the server's answer, not before it"
    assert during["drawn"] == before["drawn"] + 1
    socket.release()
    frame.wait_for_function(f"() => YQ.prediction.answers > {before['answers']}", timeout=30_000)
    frame.wait_for_function(f"() => YQ.prediction.confirmed > {before['confirmed']}", timeout=30_000)
    page.wait_for_timeout(300)
    assert frame.evaluate(f"({COUNT_FEATURES_JS})()") == expected  # the server's own positions, the same
    return frame.evaluate(STATS_JS)


def test_a_filter_change_is_drawn_before_the_server_answers_and_the_answer_confirms_it(
        held_page: tuple[object, object, HeldSocket], tmp_path: Path) -> None:
    page, frame, socket = held_page
    _ready(page, frame)
    search = page.get_by_label(SEARCH_LABEL)

    # the search box, as Streamlit commits it: Enter
    search.fill("ganshui")
    _drawn_while_held(page, frame, socket, lambda: search.press("Enter"), _expected(text="ganshui"))

    # the cross-border box (Streamlit's checkbox fires no change event; the frame sees it ticked)
    _drawn_while_held(page, frame, socket, lambda: page.get_by_text(CROSS_BORDER_LABEL).click(),
                      _expected(text="ganshui", cross_border_only=True))

    # back to no search: features the last answer did not hold come back
    search.fill("")
    _drawn_while_held(page, frame, socket, lambda: search.press("Enter"), _expected(cross_border_only=True))

    # a multiselect: its chip is read by its label and turned back into the mode's code
    railway = vocab_label(MODES, "railway", "zh")

    def choose_railway() -> None:
        page.locator(".st-key-yq_modes").click()
        page.get_by_role("option", name=railway).click()

    stats = _drawn_while_held(page, frame, socket, choose_railway,
                              _expected(cross_border_only=True, modes=["railway"]))
    assert stats["expired"] == 0 and stats["overtaken"] == 0
    shot(page, tmp_path, "predict_drawn_before_the_answer.png")


def test_a_newer_change_stays_drawn_when_an_older_answer_arrives(
        held_page: tuple[object, object, HeldSocket]) -> None:
    page, frame, socket = held_page
    _ready(page, frame)
    search = page.get_by_label(SEARCH_LABEL)
    socket.hold()
    search.fill("ganshui")
    search.press("Enter")
    frame.wait_for_function(f"({COUNT_FEATURES_JS})() === {_expected(text='ganshui')}", timeout=10_000, polling=20)
    page.get_by_text(CROSS_BORDER_LABEL).click()
    newest = _expected(text="ganshui", cross_border_only=True)
    frame.wait_for_function(f"({COUNT_FEATURES_JS})() === {newest}", timeout=10_000, polling=20)
    socket.release()  # the answers arrive now, the search's first if the server ran it
    frame.wait_for_function("() => YQ.prediction.confirmed >= 1", timeout=30_000)
    page.wait_for_timeout(500)
    assert frame.evaluate(f"({COUNT_FEATURES_JS})()") == newest
    assert frame.evaluate(STATS_JS)["expired"] == 0
