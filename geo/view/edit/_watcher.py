"""One watcher per server process: a thread that looks at the edit store and reruns the stale pages.

Every open page shows one revision of the store (the store's entry of its
cache signature).  Each run notes it here, with its session's id, when its
signature is made (:func:`note_shown`, from
:func:`~geo.view.edit._layers.edit_signature`) and again at its end
(:func:`~geo.view.edit._watch.watch_store`).  A single daemon thread,
started by the first page that shows a store, asks the store its revision
every :data:`INTERVAL_S` seconds (one small query, whatever the number of
sessions) and asks Streamlit to rerun only the sessions whose page shows
another revision.  An idle page then costs the server nothing; before, each
ran a Streamlit fragment every 4 s (about 25 ms of CPU each time).

A page drawn right after its editor's own save noted the new revision when
that run made its signature, so the watcher does not rerun it a second time.
A session is asked to rerun at most once per revision of the store.

The reruns go through Streamlit's runtime (:class:`StreamlitSessions`):
``Runtime.instance()``, ``get_app_session`` and ``AppSession.request_rerun``,
called on the runtime's event loop as Streamlit's own requests are.  When
that API is missing (another Streamlit version, or no server: ``AppTest``),
:func:`start_watcher` says so and the page keeps the fragment poll.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Protocol

#: Seconds between two looks of the watcher at the store.
INTERVAL_S: Final[float] = 3.0
#: Name of the watcher's thread (one per process).
THREAD_NAME: Final[str] = "yuqian-edit-store-watcher"

Signature = tuple[tuple[str, float], ...]
_LOGGER = logging.getLogger(__name__)


@dataclass
class _Shown:
    """What one session's page shows: the store's revision, and the address and page to rerun with."""

    shown: Signature
    query_string: str = ""
    page_script_hash: str = ""
    #: The store's revision for which a rerun was last asked (``None``: never).
    asked: Signature | None = None


class Sessions(Protocol):
    """The server's sessions, as the watcher uses them (Streamlit's runtime, or a fake in tests)."""

    def is_active(self, session_id: str) -> bool:
        """Whether the session is still open."""

    def rerun(self, session_id: str, query_string: str, page_script_hash: str) -> None:
        """Ask the session to run its page again (from any thread)."""

    def running(self) -> bool:
        """Whether the server still runs (the watcher stops when it does not)."""


class StreamlitSessions:
    """:class:`Sessions` through Streamlit's runtime (``streamlit>=1.67,<2``, see ``pyproject.toml``).

    Raises
    ------
    RuntimeError
        When this Streamlit has no usable runtime API or no server runs (the caller falls back).
    """

    def __init__(self) -> None:
        import asyncio

        from streamlit.proto.ClientState_pb2 import ClientState
        from streamlit.runtime import Runtime, RuntimeState

        if not Runtime.exists():
            raise RuntimeError("no Streamlit server runs in this process")
        runtime = Runtime.instance()
        stopped = runtime.stopped
        needed = ("get_app_session", "is_active_session")
        if not isinstance(stopped, asyncio.Future) or not all(callable(getattr(runtime, n, None)) for n in needed):
            raise RuntimeError("this Streamlit's runtime offers no event loop or session lookup")
        self._runtime = runtime
        self._loop = stopped.get_loop()
        self._client_state = ClientState
        self._stopping = (RuntimeState.STOPPING, RuntimeState.STOPPED)

    def is_active(self, session_id: str) -> bool:
        return bool(self._runtime.is_active_session(session_id))

    def rerun(self, session_id: str, query_string: str, page_script_hash: str) -> None:
        state = self._client_state(query_string=query_string, page_script_hash=page_script_hash)

        def on_loop() -> None:  # AppSession is not thread-safe: Streamlit's own reruns are asked on its loop
            session = self._runtime.get_app_session(session_id)
            if session is not None:
                session.request_rerun(state)

        with contextlib.suppress(RuntimeError):  # the loop closed: the server is stopping
            self._loop.call_soon_threadsafe(on_loop)

    def running(self) -> bool:
        return self._runtime.state not in self._stopping and not self._loop.is_closed()


class StoreWatcher:
    """The sessions' shown revisions, and the loop that reruns the stale ones.

    Parameters
    ----------
    revision : callable
        The store's entry of the signature now (empty: no usable store).
    sessions : Sessions
        Where the sessions are and how to rerun one.
    interval_s : float
        Seconds between two looks at the store.
    """

    def __init__(self, revision: Callable[[], Signature], sessions: Sessions,
                 interval_s: float = INTERVAL_S) -> None:
        self.revision = revision
        self.sessions = sessions
        self.interval_s = interval_s
        self._shown: dict[str, _Shown] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def note(self, session_id: str, shown: Signature, query_string: str = "", page_script_hash: str = "") -> None:
        """Record the revision a session's page shows (and the address its rerun keeps)."""
        with self._lock:
            kept = self._shown.get(session_id)
            asked = kept.asked if kept is not None else None
            self._shown[session_id] = _Shown(shown, query_string, page_script_hash, asked)

    def tick(self) -> list[str]:
        """One look at the store: rerun the open sessions whose page shows another revision.

        Returns
        -------
        list of str
            The sessions asked to rerun.
        """
        current = self.revision()
        if not current:  # no usable store now: every page shows the plan as recorded
            return []
        with self._lock:
            entries = list(self._shown.items())
        stale: list[tuple[str, _Shown]] = []
        for session_id, entry in entries:
            if not self.sessions.is_active(session_id):
                with self._lock:
                    self._shown.pop(session_id, None)
            elif entry.shown != current and entry.asked != current:
                stale.append((session_id, entry))
        for session_id, entry in stale:
            with self._lock:
                entry.asked = current
            self.sessions.rerun(session_id, entry.query_string, entry.page_script_hash)
        return [session_id for session_id, _ in stale]

    def start(self) -> None:
        """Start the daemon thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
            self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop the thread and wait for it (at most ``timeout_s``)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s) and self.sessions.running():
            try:
                self.tick()
            except Exception:  # the watcher outlives one bad look; the next one tries again
                _LOGGER.exception("the edit store watcher's look at the store failed")


_START_LOCK = threading.Lock()
_WATCHER: StoreWatcher | None = None
#: Why Streamlit's runtime could not serve a watcher in this process (then it is not tried again).
_UNAVAILABLE: list[str] = []


def start_watcher(revision: Callable[[], Signature],
                  sessions: Callable[[], Sessions] | None = None) -> StoreWatcher | None:
    """This process's watcher, started on first use; ``None`` when Streamlit's runtime API is unusable.

    Parameters
    ----------
    revision : callable
        The store's entry of the signature now.
    sessions : callable, optional
        Makes the :class:`Sessions` (default :class:`StreamlitSessions`; a fake in tests); raises
        ``RuntimeError``, ``ImportError`` or ``AttributeError`` when unusable.
    """
    global _WATCHER
    with _START_LOCK:
        if _UNAVAILABLE:
            return None
        if _WATCHER is None:
            try:
                found = (sessions or StreamlitSessions)()
            except (RuntimeError, ImportError, AttributeError) as error:
                _LOGGER.info("edit store watcher unavailable (%s): each page polls the store", error)
                _UNAVAILABLE.append(str(error))
                return None
            _WATCHER = StoreWatcher(revision, found)
            _WATCHER.start()
            atexit.register(_WATCHER.stop)
        return _WATCHER


def stop_watcher() -> None:
    """Stop this process's watcher, if any (a later page starts a new one, or tries the runtime again)."""
    global _WATCHER
    with _START_LOCK:
        watcher, _WATCHER = _WATCHER, None
        _UNAVAILABLE.clear()
    if watcher is not None:
        watcher.stop()
        with contextlib.suppress(ValueError):
            atexit.unregister(watcher.stop)


def note_shown(shown: Signature) -> bool:
    """Record, for this run's session, the store's revision its page shows; ``False`` with no watcher or run."""
    watcher = _WATCHER
    run = _run_context()
    if watcher is None or run is None:
        return False
    session_id, query_string, page_script_hash = run
    watcher.note(session_id, shown, query_string, page_script_hash)
    return True


def _run_context() -> tuple[str, str, str] | None:
    """This run's session id, address query string and page; ``None`` outside a session's run."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:
        return None
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return None
    return (str(ctx.session_id), str(getattr(ctx, "query_string", "") or ""),
            str(getattr(ctx, "page_script_hash", "") or ""))


def watcher_threads() -> list[threading.Thread]:
    """The live watcher threads of this process (one at most)."""
    return [thread for thread in threading.enumerate() if thread.name == THREAD_NAME]


__all__ = ["INTERVAL_S", "Sessions", "StoreWatcher", "StreamlitSessions", "note_shown", "start_watcher",
           "stop_watcher", "watcher_threads"]
