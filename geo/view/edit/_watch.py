"""Open sessions follow the edit store: a page shown with an older revision than the store's is rerun.

Several viewer servers can share one store (PostgreSQL), and an edit saved
through one must reach the planners who have the map open on another, who
make no change and so start no run.  Every run of the page shows the store's
revision (:func:`~geo.view.edit._layers.store_signature`, part of the cache
signature).  :func:`watch_store`, at the end of the page, hands it to the
process's one watcher thread (:mod:`geo.view.edit._watcher`), which asks the
store every few seconds and reruns only the stale sessions: an idle page costs
nothing.

Where Streamlit's runtime cannot serve that watcher (another Streamlit
version, ``AppTest``), the page falls back to a fragment that Streamlit reruns
every :data:`POLL_S` seconds on its own, which compares the revision shown
with the store's and, only when they differ, reruns the whole page (one
fragment run per session every :data:`POLL_S` seconds; the store is asked at
most once per :data:`STORE_MAX_AGE_S` per server process).  Without a store
there is neither.
"""

from __future__ import annotations

import threading
import time
from typing import Final

import streamlit as st

from geo.view.edit._layers import EDITS_MARK, store_signature
from geo.view.edit._watcher import note_shown, start_watcher

#: Seconds between two looks of an open session at the store.
POLL_S: Final[float] = 4.0
#: Longest time one server process reuses the store's revision for all its sessions, seconds.
STORE_MAX_AGE_S: Final[float] = 1.0

Signature = tuple[tuple[str, float], ...]
_LOCK = threading.Lock()
_LAST: dict[str, tuple[float, Signature]] = {}


def recent_store_signature(max_age_s: float = STORE_MAX_AGE_S) -> Signature:
    """The store's signature, asked of the store at most once per ``max_age_s`` in this process."""
    now = time.monotonic()
    with _LOCK:
        kept = _LAST.get("store")
    if kept is not None and now - kept[0] < max_age_s:
        return kept[1]
    fresh = store_signature()
    with _LOCK:
        _LAST["store"] = (now, fresh)
    return fresh


def shown_store(signature: Signature) -> Signature:
    """The store's entries of a page's signature (empty: the page shows no store)."""
    return tuple(entry for entry in signature if entry[0].startswith(EDITS_MARK))


def page_is_stale(shown: Signature) -> bool:
    """Whether the store moved on from the revision a page shows.

    The process's last look may be older than the page itself (a page drawn
    right after its own save shows a newer revision than the one kept): a
    difference is checked with the store once more before the whole page is
    rerun, so an editor's page is not redrawn a second time for nothing.
    """
    return recent_store_signature() != shown and recent_store_signature(max_age_s=0.0) != shown


def watch_store(signature: Signature) -> None:
    """Rerun this session when the store's revision is no longer the one its page shows.

    The process's watcher thread does it when Streamlit's runtime allows
    (started here on the first page that shows a store); otherwise this page
    polls the store itself.

    Parameters
    ----------
    signature : tuple
        The signature the page was drawn with (folder, store, status view).
    """
    shown = shown_store(signature)
    if not shown:
        return
    if start_watcher(watched_revision) is not None and note_shown(shown):
        return
    _poll(shown)


def watched_revision() -> Signature:
    """The store's entries of its signature now, as the watcher thread compares them with the pages'."""
    return shown_store(store_signature())


@st.fragment(run_every=POLL_S)
def _poll(shown: Signature) -> None:
    """Streamlit reruns this alone every :data:`POLL_S`; a changed store reruns the page."""
    if page_is_stale(shown):
        st.rerun(scope="app")
