"""Signed-in corrections and progress: users, an append-only edit log, and the edited state.

The people who know the ground (planners, surveyors) correct the plan's map
here: move a point or redraw a line with a precision class and a source,
record a new status with its date, add a note, revert any earlier edit.
Every edit is one row of an append-only log (who, when, what, old and new
value, source); the current state of each feature is derived from the log,
and :func:`apply_edits` folds it into the plan's layers for the viewer, the
exports and ``build --with-edits``.  ``seeds/`` and ``layers/`` are never
changed by the store.

Two stores behind one API and one Alembic schema history:

* embedded (default, zero set-up): SQLite in WAL mode, file ``edits.sqlite``
  in ``$YUQIAN_DATA`` (default ``~/.local/share/yuqian``);
* team server: PostgreSQL + PostGIS given by ``$YUQIAN_DB=postgresql://...``.

Example::

    from geo.edits import open_store
    store = open_store()
    store.add_user("li", "a long passphrase", "editor")
    v = store.version_of("pj-zhangshiba-reservoir")
    store.move("pj-zhangshiba-reservoir", "projects", {"type": "Point", "coordinates": [106.6, 28.7]},
               "site", "现场核实 2026-11", user="li", base_version=v)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from geo._errors import EditConflict, EditError, EditNotAllowed, SignInLocked, UserError
from geo.edits._apply import EDIT_COLUMNS, apply_edits
from geo.edits._model import FIELDS, ROLES, Edit, FeatureState, User
from geo.edits._store import Change, EditStore

__all__ = [
    "EDIT_COLUMNS", "FIELDS", "ROLES", "Change", "Edit", "EditConflict", "EditError", "EditNotAllowed",
    "EditStore", "FeatureState", "SignInLocked", "User", "UserError", "apply_edits", "default_url",
    "open_store", "store_configured",
]

#: File name of the embedded store inside the data folder.
from geo.config import EDIT_STORE_FILE as SQLITE_NAME  # one home: geo.config


def default_url() -> str:
    """The store ``open_store()`` opens: ``$YUQIAN_DB`` if set, else the SQLite file in the data folder."""
    from geo.config import data_dir

    given = os.environ.get("YUQIAN_DB", "").strip()
    if given:
        return given
    return f"sqlite:///{data_dir() / SQLITE_NAME}"


def store_configured() -> bool:
    """Whether a store exists to read edits from ($YUQIAN_DB set, or the SQLite file present).

    The exports use it so that a machine that never edited does not get an
    empty store created as a side effect (:func:`geo.config.edit_store_configured`).
    """
    from geo.config import edit_store_configured

    return edit_store_configured()


def open_store(url: str | None = None, *, layers_dir: Path | None = None, clock: Any = None) -> EditStore:
    """Open (and create or migrate) an edit store.

    Parameters
    ----------
    url : str, optional
        ``postgresql://user@host:port/db`` (PostGIS), ``sqlite:///path/edits.sqlite``
        or a plain file path (SQLite).  Default: :func:`default_url`.
    layers_dir : Path, optional
        Built layers the edits are checked against (default ``layers/``).
    clock : callable, optional
        Returns the current UTC ``datetime`` (tests pass a fake clock).

    Returns
    -------
    EditStore
        Migrated to the newest schema (Alembic, the same history for both databases).

    Raises
    ------
    EditError
        When the database cannot be reached, opened or migrated (the message names
        it, without its password).
    """
    from sqlalchemy.exc import DBAPIError

    from geo.edits._engine import make_engine
    from geo.edits._migrate import upgrade

    try:
        engine = make_engine(url or default_url())
    except (ValueError, OSError) as exc:
        raise EditError(f"cannot open the edit store: {exc}") from None
    try:
        upgrade(engine)
    except DBAPIError as exc:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise EditError(f"cannot open the edit store {where!r}: {reason}; check YUQIAN_DB / YUQIAN_DATA "
                        "(or export with --plan-only)") from None
    return EditStore(engine, layers_dir=layers_dir, clock=clock)
