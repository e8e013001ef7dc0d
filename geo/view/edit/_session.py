"""Server-side plumbing of the edit mode: the store of this process and the signed-in editor.

The browser never holds a credential: after :func:`sign_in` the editor's name,
role and expiry live in ``st.session_state`` (kept by the Streamlit server for
the websocket session).  :func:`session_user` is called before every save and
re-reads the account from the store, so a removed account, a changed role or an
expired session stops the next save, whatever the page sends.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import streamlit as st

from geo.config import layers_dir

#: Session-state key of the signed-in editor (an :class:`EditSession`).
SESSION_KEY: Final[str] = "yq_edit_session"
#: Key set when a session ran out, so that the page can say so once.
EXPIRED_KEY: Final[str] = "yq_edit_expired"
#: How long a sign-in lasts, seconds (``$YUQIAN_SESSION_TTL_S`` overrides it).
SESSION_TTL_S: Final[float] = 4 * 3600.0
#: Roles that may edit.
EDIT_ROLES: Final[frozenset[str]] = frozenset({"editor", "admin"})


@dataclass(frozen=True)
class EditSession:
    """Who is signed in, in this browser session, and until when (``time.time()`` seconds)."""

    name: str
    role: str
    expires_at: float
    stamp: str = ""  # the account's identity and credential version at sign-in (geo.edits.User.stamp)


def session_ttl_s() -> float:
    """Lifetime of a sign-in in seconds: ``$YUQIAN_SESSION_TTL_S`` or :data:`SESSION_TTL_S`."""
    try:
        return float(os.environ.get("YUQIAN_SESSION_TTL_S", "") or SESSION_TTL_S)
    except ValueError:
        return SESSION_TTL_S


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_store(db_setting: str, data_setting: str, layers_folder: str) -> Any:
    """The edit store named by the settings, opened once per process and setting."""
    del db_setting, data_setting  # the cache key: open_store reads the same settings
    from geo.edits import open_store

    return open_store(layers_dir=Path(layers_folder))


def view_store() -> Any | None:
    """The edit store of this process (``$YUQIAN_DB`` or SQLite in ``$YUQIAN_DATA``); ``None`` if unusable.

    A machine where nobody ever edited has no store, and viewing must not
    create one (:func:`geo.edits.store_configured`); the viewer must also work
    for everyone when the store cannot be opened (the plan's layers are then
    shown as recorded), so errors are swallowed here and the edit mode simply
    stays unavailable.  Edits are checked against the layers the viewer shows
    (``$YUQIAN_LAYERS``).
    """
    try:
        from geo.edits import store_configured

        if not store_configured():
            return None
        return _cached_store(os.environ.get("YUQIAN_DB", ""), os.environ.get("YUQIAN_DATA", ""),
                             str(layers_dir()))
    except (ImportError, OSError, ValueError, RuntimeError):
        return None


def sign_in(store: Any, name: str, password: str) -> str | None:
    """Check a name and password with the store and open the session.

    Parameters
    ----------
    store : geo.edits.EditStore
        The store (it verifies the hash and counts failures).
    name, password : str
        What the editor typed.

    Returns
    -------
    str or None
        ``None`` when signed in, else the key of the message to show
        (``edit_wrong``, ``edit_locked`` or ``edit_not_allowed``).
    """
    from geo.edits import SignInLocked

    try:
        user = store.authenticate(name.strip(), password, getattr(st.context, "ip_address", None))
    except SignInLocked:
        return "edit_locked"
    if user is None:
        return "edit_wrong"
    if user.role not in EDIT_ROLES:
        return "edit_not_allowed"
    st.session_state[SESSION_KEY] = EditSession(user.name, user.role, time.time() + session_ttl_s(), user.stamp)
    st.session_state.pop(EXPIRED_KEY, None)
    return None


def sign_out() -> None:
    """End the session of this browser tab."""
    st.session_state.pop(SESSION_KEY, None)


def session_user(store: Any | None) -> Any | None:
    """The signed-in editor as the store knows them now, or ``None``.

    Expired sessions are closed (and :data:`EXPIRED_KEY` set); an account that
    was removed (even if added again), disabled, given a new password or lost
    its editing role is signed out.

    Parameters
    ----------
    store : geo.edits.EditStore or None
        The store; ``None`` means nobody can edit.

    Returns
    -------
    geo.edits.User or None
        The account to pass to the store's write methods.
    """
    session = st.session_state.get(SESSION_KEY)
    if store is None or not isinstance(session, EditSession):
        return None
    if time.time() >= session.expires_at:
        sign_out()
        st.session_state[EXPIRED_KEY] = True
        return None
    user = store.session_user(session.name, session.stamp)  # gone, disabled, new password: None
    if user is None or user.role not in EDIT_ROLES:
        sign_out()
        return None
    return user


def stored_user(store: Any, name: str) -> Any | None:
    """The account ``name`` as stored now (role included), or ``None`` when it is gone."""
    for user in store.list_users():
        if user.name == name:
            return user
    return None
