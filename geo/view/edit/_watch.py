"""Open sessions follow the edit store: a small poll that reruns the page only when the store changed.

Several viewer servers can share one store (PostgreSQL), and an edit saved
through one must reach the planners who have the map open on another, who
make no change and so start no run.  Every run of the page shows the store's
revision (:func:`~geo.view.edit._layers.store_signature`, part of the cache
signature); :func:`watch_store` adds a fragment that Streamlit reruns every
:data:`POLL_S` seconds on its own, which compares the revision shown with the
store's and, only when they differ, reruns the whole page.

The idle cost is one fragment run per session every :data:`POLL_S` seconds (no
element drawn, nothing sent but the run's own start and end).  The store is
asked at most once per :data:`STORE_MAX_AGE_S` per server process, whatever the
number of sessions; its :meth:`~geo.edits.EditStore.current` costs one small
query while the log has not grown.  Without a store there is no poll.
"""

from __future__ import annotations

import threading
import time
from typing import Final

import streamlit as st

from geo.view.edit._layers import EDITS_MARK, store_signature

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

    Parameters
    ----------
    signature : tuple
        The signature the page was drawn with (folder, store, status view).
    """
    shown = shown_store(signature)
    if shown:
        _poll(shown)


@st.fragment(run_every=POLL_S)
def _poll(shown: Signature) -> None:
    """Streamlit reruns this alone every :data:`POLL_S`; a changed store reruns the page."""
    if page_is_stale(shown):
        st.rerun(scope="app")
