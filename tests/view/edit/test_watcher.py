"""The one watcher thread per server process that reruns the stale pages (:mod:`geo.view.edit._watcher`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from geo.view.edit import _watch, _watcher

STORE = "@edits:postgresql://h/db"


class FakeSessions:
    """Open sessions and the reruns asked of them, as Streamlit's runtime would take them."""

    def __init__(self, *active: str) -> None:
        self.active = set(active)
        self.reruns: list[tuple[str, str, str]] = []
        self.asked = threading.Event()

    def is_active(self, session_id: str) -> bool:
        return session_id in self.active

    def rerun(self, session_id: str, query_string: str, page_script_hash: str) -> None:
        self.reruns.append((session_id, query_string, page_script_hash))
        self.asked.set()

    def running(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_watcher_left() -> Iterator[None]:
    """Each test starts and ends with no watcher in the process."""
    _watcher.stop_watcher()
    yield
    _watcher.stop_watcher()
    assert not _watcher.watcher_threads()


def _at(revision: float) -> tuple[tuple[str, float], ...]:
    return ((STORE, revision),)


def test_only_the_sessions_showing_another_revision_are_rerun_once() -> None:
    store = [_at(7.0)]
    sessions = FakeSessions("fresh", "stale", "gone")
    watcher = _watcher.StoreWatcher(lambda: store[0], sessions)
    watcher.note("fresh", _at(7.0), "q=1", "page")
    watcher.note("stale", _at(6.0), "search=%E7%B6%A6", "page")
    watcher.note("gone", _at(6.0))
    sessions.active.discard("gone")  # its browser closed
    assert watcher.tick() == ["stale"]
    assert sessions.reruns == [("stale", "search=%E7%B6%A6", "page")]  # its address is kept
    assert watcher.tick() == []  # asked once per revision, not at every look
    assert "gone" not in watcher._shown
    store[0] = _at(8.0)  # another server saved an edit
    assert sorted(watcher.tick()) == ["fresh", "stale"]


def test_a_page_drawn_after_its_own_save_is_not_rerun() -> None:
    store = [_at(3.0)]
    sessions = FakeSessions("editor", "reader")
    watcher = _watcher.StoreWatcher(lambda: store[0], sessions)
    watcher.note("editor", _at(3.0))
    watcher.note("reader", _at(3.0))
    store[0] = _at(4.0)  # the editor saved; the run that follows notes the new revision as it starts
    watcher.note("editor", _at(4.0))
    assert watcher.tick() == ["reader"]


def test_no_usable_store_reruns_nothing() -> None:
    sessions = FakeSessions("a")
    watcher = _watcher.StoreWatcher(lambda: (), sessions)
    watcher.note("a", _at(1.0))
    assert watcher.tick() == []


def test_no_thread_without_a_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_watcher, "StreamlitSessions", lambda: FakeSessions())
    monkeypatch.setattr(_watch, "_poll", lambda shown: pytest.fail("no store, no poll"))
    _watch.watch_store((("layers/a.geojson", 1.0), ("@status=latest", 1.0)))
    assert not _watcher.watcher_threads()
    assert _watcher._WATCHER is None


def test_one_thread_whatever_the_number_of_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = FakeSessions(*(f"s{i}" for i in range(50)))
    monkeypatch.setattr(_watcher, "StreamlitSessions", lambda: sessions)
    monkeypatch.setattr(_watch, "store_signature", lambda: _at(5.0))
    monkeypatch.setattr(_watch, "_poll", lambda shown: pytest.fail("the watcher serves these pages"))
    for i in range(50):  # fifty pages drawn, each in its own session
        monkeypatch.setattr(_watcher, "_run_context", lambda i=i: (f"s{i}", "", "page"))
        _watch.watch_store((("layers/a.geojson", 1.0), (STORE, 5.0)))
    assert len(_watcher.watcher_threads()) == 1
    assert _watcher._WATCHER is not None
    assert len(_watcher._WATCHER._shown) == 50


def test_a_run_notes_its_revision_as_its_signature_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.view.edit import _layers

    sessions = FakeSessions("editor")
    watcher = _watcher.start_watcher(lambda: _at(4.0), lambda: sessions)
    assert watcher is not None
    watcher.note("editor", _at(3.0))  # the page the editor saved from
    monkeypatch.setattr(_watcher, "_run_context", lambda: ("editor", "q=x", "page"))
    monkeypatch.setattr(_layers, "store_signature", lambda: _at(4.0))
    assert _layers.edit_signature()[:1] == _at(4.0)  # the run right after the editor's own save
    assert watcher.tick() == []  # its page is not rerun while that run goes on


def test_the_thread_reruns_a_stale_page_and_stops() -> None:
    store = [_at(1.0)]
    sessions = FakeSessions("reader")
    watcher = _watcher.StoreWatcher(lambda: store[0], sessions, interval_s=0.05)
    watcher.note("reader", _at(1.0))
    watcher.start()
    time.sleep(0.2)
    assert sessions.reruns == []  # idle while nothing changed
    store[0] = _at(2.0)
    assert sessions.asked.wait(5.0)
    assert [entry[0] for entry in sessions.reruns] == ["reader"]
    watcher.stop()
    assert not _watcher.watcher_threads()


def test_a_bad_look_at_the_store_does_not_end_the_watcher() -> None:
    looks = [0]

    def flaky() -> tuple[tuple[str, float], ...]:
        looks[0] += 1
        if looks[0] == 1:
            raise OSError("the database went away for a moment")
        return _at(2.0)

    sessions = FakeSessions("reader")
    watcher = _watcher.StoreWatcher(flaky, sessions, interval_s=0.02)
    watcher.note("reader", _at(1.0))
    watcher.start()
    assert sessions.asked.wait(5.0)
    watcher.stop()


def test_without_a_streamlit_server_the_page_polls_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    polled: list[object] = []
    monkeypatch.setattr(_watch, "_poll", polled.append)
    _watch.watch_store((("layers/a.geojson", 1.0), (STORE, 2.0)))  # pytest runs no Streamlit server
    assert polled == [((STORE, 2.0),)]
    assert not _watcher.watcher_threads()


def test_the_installed_streamlit_offers_the_runtime_api_the_watcher_uses() -> None:
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.runtime import Runtime, RuntimeState
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    for name in ("instance", "exists", "get_app_session", "is_active_session", "stopped", "state"):
        assert hasattr(Runtime, name), name
    assert callable(AppSession.request_rerun)
    assert {RuntimeState.STOPPING, RuntimeState.STOPPED}
    state = ClientState(query_string="a=1", page_script_hash="h")
    assert (state.query_string, state.page_script_hash) == ("a=1", "h")
    assert get_script_run_ctx(suppress_warning=True) is None
    with pytest.raises(RuntimeError):
        _watcher.StreamlitSessions()  # no server in this process
