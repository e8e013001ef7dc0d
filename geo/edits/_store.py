"""The edit store: an append-only log of edits in SQLite or PostgreSQL (SQLAlchemy Core).

Every write runs in one transaction that checks the user (exists, editor or
admin), checks the feature's version against the editor's ``base_version``
(optimistic concurrency) and appends one row; a unique constraint on
``(feature_id, version)`` makes two concurrent saves of the same version
impossible, so the loser gets :class:`~geo._errors.EditConflict` naming who
won and when.  Values are checked against the plan's catalogue before the
transaction and every problem is reported at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from geo._errors import EditConflict, EditError
from geo.edits import _accounts
from geo.edits._catalogue import (
    Catalogue,
    PlanFeature,
    check_text,
    load_catalogue,
    round_geometry,
)
from geo.edits._engine import WRITE_OPTIONS
from geo.edits._model import (
    Edit,
    FeatureState,
    User,
    active_edit_ids,
    derive_states,
    to_json,
)
from geo.edits._schema import edits as edits_table
from geo.edits._users import AccountMethods


@dataclass(frozen=True)
class Change:
    """One change to append: what :meth:`EditStore.apply_changes` takes (a row of an import)."""

    feature_id: str
    layer: str | None
    field: str
    new_value: str | None
    source: str
    note: str = ""
    precision: str | None = None
    status_date: str | None = None


class EditStore(AccountMethods):
    """Users and the edit log of one database; see :func:`geo.edits.open_store`.

    Parameters
    ----------
    engine : Engine
        SQLAlchemy engine of a migrated database.
    layers_dir : Path, optional
        Built layers the edits are checked against (default ``layers/``).
    clock : callable, optional
        Returns the current UTC time; tests pass a fake one.
    """

    def __init__(self, engine: Engine, *, layers_dir: Path | None = None,
                 clock: Callable[[], Any] | None = None) -> None:
        self.engine = engine
        #: the same engine, for transactions that write (SQLite opens them with BEGIN IMMEDIATE)
        self.writer = engine.execution_options(**WRITE_OPTIONS)
        self.layers_dir = layers_dir
        self.clock = clock or _accounts.utc_now
        self._cache_key: tuple[int, int] | None = None
        self._cache: dict[str, FeatureState] = {}

    def __repr__(self) -> str:
        return f"EditStore({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> EditStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def catalogue(self) -> Catalogue:
        """The plan's features and area the edits are checked against."""
        return load_catalogue(self.layers_dir)

    def require_editor(self, user: object) -> User:
        """The user if it may edit (exists, editor or admin), else :class:`~geo._errors.EditNotAllowed`."""
        with self.engine.begin() as conn:
            return _accounts.require_editor(conn, user)

    # --- reading -----------------------------------------------------------------------

    def version_of(self, feature_id: str) -> int:
        """The feature's version: the number of edits it has had (0: as in the plan)."""
        with self.engine.begin() as conn:
            return _version(conn, feature_id)

    def edits(self, feature_id: str | None = None) -> list[Edit]:
        """The log, oldest first, of one feature or of all."""
        query = select(edits_table).order_by(edits_table.c.edit_id)
        if feature_id is not None:
            query = query.where(edits_table.c.feature_id == feature_id)
        with self.engine.begin() as conn:
            return [_edit(row) for row in conn.execute(query)]

    def current(self) -> dict[str, FeatureState]:
        """The state of every edited feature, derived from the log (cached until the log grows)."""
        with self.engine.begin() as conn:
            key = tuple(conn.execute(select(func.count(), func.coalesce(func.max(edits_table.c.edit_id), 0))
                                     .select_from(edits_table)).one())
            if key != self._cache_key:
                rows = conn.execute(select(edits_table).order_by(edits_table.c.edit_id)).all()
                self._cache = derive_states(_edit(r) for r in rows)
                self._cache_key = key
        return dict(self._cache)

    # --- writing -----------------------------------------------------------------------

    def move(self, feature_id: str, layer: str, geometry: dict, precision: str, source: str, *,
             user: str, base_version: int, note: str = "") -> Edit:
        """Move a point or redraw a line (GeoJSON ``geometry`` in WGS84) with its precision and source."""
        self.require_editor(user)
        change = self.check_move(feature_id, layer, geometry, precision, source, note)
        return self.apply_changes([change], user=user, base_versions={feature_id: base_version})[0]

    def set_status(self, feature_id: str, layer: str, status: str, status_date: str, source: str, *,
                   user: str, base_version: int, note: str = "") -> Edit:
        """Record progress: ``status`` (geo.config.STATUSES) effective ``status_date``; the plan's status is kept."""
        self.require_editor(user)
        change = self.check_status(feature_id, layer, status, status_date, source, note)
        return self.apply_changes([change], user=user, base_versions={feature_id: base_version})[0]

    def add_note(self, feature_id: str, layer: str, note: str, source: str, *,
                 user: str, base_version: int) -> Edit:
        """Attach a note to a feature."""
        self.require_editor(user)
        change = self.check_note(feature_id, layer, note, source)
        return self.apply_changes([change], user=user, base_versions={feature_id: base_version})[0]

    def check_move(self, feature_id: str, layer: str | None, geometry: Any, precision: Any, source: Any,
                   note: Any = "") -> Change:
        """The change of a move, or :class:`EditError` listing every problem."""
        feature = self._checked_feature(feature_id, layer, "move", (("source", source, True), ("note", note, False)),
                                        lambda found: self.catalogue.check_geometry(found, geometry, precision))
        return Change(feature_id, feature.layer, "geometry", to_json(round_geometry(geometry)), source.strip(),
                      note.strip(), precision=precision)

    def check_status(self, feature_id: str, layer: str | None, status: Any, status_date: Any, source: Any,
                     note: Any = "") -> Change:
        """The change of a status record, or :class:`EditError` listing every problem."""
        feature = self._checked_feature(feature_id, layer, "status", (("source", source, True), ("note", note, False)),
                                        lambda found: self.catalogue.check_status(found, status, status_date))
        return Change(feature_id, feature.layer, "status", to_json(status), source.strip(), note.strip(),
                      status_date=status_date)

    def check_note(self, feature_id: str, layer: str | None, note: Any, source: Any) -> Change:
        """The change of a note, or :class:`EditError` listing every problem."""
        feature = self._checked_feature(feature_id, layer, "note", (("note", note, True), ("source", source, False)))
        return Change(feature_id, feature.layer, "note", to_json(note.strip()), source.strip(), note.strip())

    def _checked_feature(self, feature_id: str, layer: str | None, what: str,
                         texts: Sequence[tuple[str, Any, bool]],
                         more: Callable[[PlanFeature], list[str]] | None = None) -> PlanFeature:
        """The feature an edit is about once every check has passed, else :class:`EditError` listing every problem.

        The problems come in one order for every kind of edit: the feature, each of
        ``texts`` (field name, value, required), then ``more`` (the value's own checks,
        run only when the feature exists).
        """
        feature, problems = self.catalogue.check_feature(feature_id, layer)
        for name, value, required in texts:
            problems += check_text(feature_id, name, value, required=required)
        if feature is not None and more is not None:
            problems += more(feature)
        _raise_if(problems, feature_id, what)
        assert feature is not None
        return feature

    def apply_changes(self, changes: Sequence[Change], *, user: str,
                      base_versions: dict[str, int] | None = None) -> list[Edit]:
        """Append checked changes in ONE transaction: all are stored or none.

        ``base_versions`` maps feature ids to the version the editor saw; a
        feature missing from it is not checked (a bulk import by an admin).
        """
        base_versions = base_versions or {}
        attempt = ("", 0)  # the feature and version being written, for the message of a lost race
        try:
            with self.writer.begin() as conn:
                _accounts.require_editor(conn, user)
                now = _accounts.iso(self.clock())
                appended = []
                for change in changes:
                    log = _feature_log(conn, change.feature_id)
                    version = max((e.version for e in log), default=0)
                    if change.feature_id in base_versions and base_versions[change.feature_id] != version:
                        raise _conflict(change.feature_id, base_versions[change.feature_id], log)
                    old = _effective_value(self.catalogue.features[change.feature_id], log, change.field)
                    attempt = (change.feature_id, version)
                    appended.append(_insert(conn, change, old, user, now, version + 1, None))
        except IntegrityError:
            # PostgreSQL: another transaction appended the same (feature, version) first
            with self.engine.begin() as conn:
                log = _feature_log(conn, attempt[0])
            raise _conflict(attempt[0], attempt[1], log) from None
        except DBAPIError as exc:  # a value the checks let through and the database refuses: nothing stored
            raise _refused(attempt[0] or (changes[0].feature_id if changes else ""), exc) from None
        return appended

    def revert(self, edit_id: int, *, user: str, base_version: int | None, note: str = "") -> Edit:
        """Undo an edit in force (a revert of a revert re-applies the edit) by appending a ``revert`` edit.

        The ``old_value`` of the revert is the value in force before it and its
        ``new_value`` the value restored (``null`` when the plan's own value
        stands again).  ``base_version`` is the version of the edit's feature
        that the editor saw (the audit trail they chose from): when the feature
        changed since, the revert is refused with
        :class:`~geo._errors.EditConflict`, as a save is.  It must be given;
        ``None`` skips the check (the command line, which shows no view).
        """
        problems = check_text(str(edit_id), "note", note, required=False)
        _raise_if(problems, str(edit_id), "revert")
        note = note.strip()
        try:
            with self.writer.begin() as conn:
                _accounts.require_editor(conn, user)
                target_row = conn.execute(select(edits_table).where(edits_table.c.edit_id == edit_id)).first()
                if target_row is None:
                    raise EditError(f"cannot revert edit {edit_id!r}",
                                    [f"no edit {edit_id!r}; see `python -m geo edits list`"])
                target = _edit(target_row)
                log = _feature_log(conn, target.feature_id)
                version = max(e.version for e in log)
                if base_version is not None and base_version != version:
                    raise _conflict(target.feature_id, base_version, log)
                if target.edit_id not in active_edit_ids(log):
                    undoer = [e.edit_id for e in log if e.field == "revert" and e.reverts == target.edit_id]
                    raise EditError(f"cannot revert edit {edit_id}", [
                        f"edit {edit_id} is already undone by edit {undoer[-1]}; revert that one to re-apply it"])
                field = _base_field(log, target)
                feature = self.catalogue.features.get(target.feature_id)
                old = _effective_value(feature, log, field)
                probe = Edit(max(e.edit_id for e in log) + 1, target.feature_id, target.layer, user, "", "revert",
                             None, None, None, "", "", None, target.edit_id, version + 1)
                after = derive_states([*log, probe])[target.feature_id]
                new, precision, status_date = _state_value(feature, after, field)
                change = Change(target.feature_id, target.layer, "revert", new, f"revert of edit {edit_id}",
                                note, precision=precision, status_date=status_date)
                return _insert(conn, change, old, user, _accounts.iso(self.clock()), version + 1, target.edit_id)
        except IntegrityError:
            feature_id = self.edits_by_id(edit_id).feature_id
            with self.engine.begin() as conn:
                log = _feature_log(conn, feature_id)
            seen = base_version if base_version is not None else log[-1].version - 1
            raise _conflict(feature_id, seen, log) from None

    def edits_by_id(self, edit_id: int) -> Edit:
        """One edit by its id (:class:`EditError` if there is none)."""
        with self.engine.begin() as conn:
            row = conn.execute(select(edits_table).where(edits_table.c.edit_id == edit_id)).first()
        if row is None:
            raise EditError(f"no edit {edit_id!r}", ["see `python -m geo edits list`"])
        return _edit(row)


def _refused(feature_id: str, exc: DBAPIError) -> EditError:
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return EditError(f"the edit store refused the change of {feature_id!r}; nothing was stored", [reason])


def _raise_if(problems: list[str], feature_id: str, what: str) -> None:
    if problems:
        raise EditError(f"{what} of {feature_id!r} refused", problems)


def _edit(row: Any) -> Edit:
    return Edit(edit_id=row.edit_id, feature_id=row.feature_id, layer=row.layer, user=row.user_name,
                time=row.time, field=row.field, old_value=row.old_value, new_value=row.new_value,
                precision=row.precision, source=row.source, note=row.note, status_date=row.status_date,
                reverts=row.reverts, version=row.version)


def _version(conn: Connection, feature_id: str) -> int:
    return int(conn.execute(select(func.coalesce(func.max(edits_table.c.version), 0))
                            .where(edits_table.c.feature_id == feature_id)).scalar_one())


def _feature_log(conn: Connection, feature_id: str) -> list[Edit]:
    rows = conn.execute(select(edits_table).where(edits_table.c.feature_id == feature_id)
                        .order_by(edits_table.c.edit_id))
    return [_edit(r) for r in rows]


def _conflict(feature_id: str, base_version: int, log: list[Edit]) -> EditConflict:
    last = log[-1] if log else None
    return EditConflict(feature_id, base_version, last.version if last else 0,
                        last.user if last else None, last.time if last else None)


def _base_field(log: list[Edit], edit: Edit) -> str:
    """The field an edit finally affects (a revert of a revert... of a move affects geometry)."""
    by_id = {e.edit_id: e for e in log}
    while edit.field == "revert" and edit.reverts in by_id:
        edit = by_id[edit.reverts]
    return edit.field


def _state_value(feature: PlanFeature | None, state: FeatureState | None,
                 field: str) -> tuple[str | None, str | None, str | None]:
    """(value JSON, precision, status date) in force for ``field``; the plan's when no edit stands."""
    if field == "geometry":
        if state is not None and state.geometry is not None:
            return to_json(state.geometry), state.precision, None
        return (to_json(feature.geometry), feature.precision, None) if feature else (None, None, None)
    if field == "status":
        if state is not None and state.status is not None:
            return to_json(state.status), None, state.status_date
        return (to_json(feature.status), None, None) if feature and feature.status else (None, None, None)
    return None, None, None


def _effective_value(feature: PlanFeature | None, log: list[Edit], field: str) -> str | None:
    state = derive_states(log).get(log[0].feature_id) if log else None
    return _state_value(feature, state, field)[0]


def _insert(conn: Connection, change: Change, old: str | None, user: str, now: str, version: int,
            reverts: int | None) -> Edit:
    row = {"feature_id": change.feature_id, "layer": change.layer or "", "user_name": user, "time": now,
           "field": change.field, "old_value": old, "new_value": change.new_value, "precision": change.precision,
           "source": change.source, "note": change.note, "status_date": change.status_date,
           "reverts": reverts, "version": version}
    edit_id = conn.execute(edits_table.insert().values(**row).returning(edits_table.c.edit_id)).scalar_one()
    return Edit(edit_id=edit_id, feature_id=change.feature_id, layer=change.layer or "", user=user, time=now,
                field=change.field, old_value=old, new_value=change.new_value,  # type: ignore[arg-type]
                precision=change.precision, source=change.source, note=change.note,
                status_date=change.status_date, reverts=reverts, version=version)


def load_json(text: str | None) -> Any:
    """The value of a stored JSON text (None stays None)."""
    return None if text is None else json.loads(text)
