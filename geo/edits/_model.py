"""The records of the edit store and the derivation of the current state from the log.

The log is append-only: an edit is never updated or deleted, a revert is a new
edit pointing at the one it undoes.  :func:`derive_states` folds the log into
one :class:`FeatureState` per feature, so the current state is always what the
log says, whatever was cached.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final, Literal

#: Roles a user can have; both may edit, only an admin manages users (command line).
ROLES: Final[tuple[str, ...]] = ("editor", "admin")

#: Fields an edit can change.
FIELDS: Final[tuple[str, ...]] = ("geometry", "status", "note", "revert")

Role = Literal["editor", "admin"]
Field = Literal["geometry", "status", "note", "revert"]


@dataclass(frozen=True)
class User:
    """A person allowed to edit: name and role (the password hash never leaves the store).

    ``stamp`` is ``"<account id>:<credential version>"``: a session keeps the
    stamp it signed in with and ends when the account's stamp changes (removed
    and added again, new password, disabled).  ``disabled`` marks an account
    that can neither sign in nor save.  Neither takes part in comparisons.
    """

    name: str
    role: Role
    stamp: str = field(default="", compare=False)
    disabled: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Edit:
    """One record of the append-only log.

    ``old_value``/``new_value`` are JSON text: a GeoJSON geometry for
    ``geometry``, a status code for ``status``, the note text for ``note``;
    for ``revert`` the value undone and the value restored.  ``version`` is the
    feature's version after this edit (1 for the first edit of a feature).
    """

    edit_id: int
    feature_id: str
    layer: str
    user: str
    time: str
    field: Field
    old_value: str | None
    new_value: str | None
    precision: str | None
    source: str
    note: str
    status_date: str | None
    reverts: int | None
    version: int

    def to_dict(self) -> dict[str, Any]:
        """The edit as a JSON-ready dict (the shape of ``edits list --json``)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class FeatureState:
    """The current state of one edited feature, derived from the log.

    ``geometry``/``precision`` are ``None`` when no (unreverted) move exists,
    ``status``/``status_date`` when no status was recorded: the plan's values
    then stand.  ``geometry_edit``/``status_edit`` are the edits that set them
    (for provenance: who, when, source).
    """

    feature_id: str
    version: int
    geometry: dict | None
    precision: str | None
    status: str | None
    status_date: str | None
    notes: tuple[str, ...]
    last_edit: Edit | None
    layer: str = ""
    geometry_edit: Edit | None = None
    status_edit: Edit | None = None
    note_edits: tuple[Edit, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything differs from the plan (a move, a status or a note in force)."""
        return self.geometry is not None or self.status is not None or bool(self.notes)


def active_edit_ids(edits: Iterable[Edit]) -> set[int]:
    """Ids of the edits in force: not undone by a revert that is itself in force.

    Reverts only point backwards, so walking the log from the newest edit
    decides each revert before the edit it targets.
    """
    undone: set[int] = set()
    active: set[int] = set()
    for edit in sorted(edits, key=lambda e: e.edit_id, reverse=True):
        if edit.edit_id in undone:
            continue
        active.add(edit.edit_id)
        if edit.field == "revert" and edit.reverts is not None:
            undone.add(edit.reverts)
    return active


def derive_states(edits: Iterable[Edit]) -> dict[str, FeatureState]:
    """Fold the log into the current state of every feature that has an edit."""
    log = sorted(edits, key=lambda e: e.edit_id)
    active = active_edit_ids(log)
    by_feature: dict[str, list[Edit]] = {}
    for edit in log:
        by_feature.setdefault(edit.feature_id, []).append(edit)
    states = {}
    for feature_id, feature_edits in by_feature.items():
        geometry_edit = status_edit = None
        note_edits: list[Edit] = []
        for edit in feature_edits:
            if edit.edit_id not in active:
                continue
            if edit.field == "geometry":
                geometry_edit = edit
            elif edit.field == "status":
                status_edit = edit
            elif edit.field == "note":
                note_edits.append(edit)
        last = feature_edits[-1]
        states[feature_id] = FeatureState(
            feature_id=feature_id,
            version=max(e.version for e in feature_edits),
            geometry=json.loads(geometry_edit.new_value) if geometry_edit and geometry_edit.new_value else None,
            precision=geometry_edit.precision if geometry_edit else None,
            status=json.loads(status_edit.new_value) if status_edit and status_edit.new_value else None,
            status_date=status_edit.status_date if status_edit else None,
            notes=tuple(json.loads(e.new_value) for e in note_edits if e.new_value),
            last_edit=last,
            layer=last.layer,
            geometry_edit=geometry_edit,
            status_edit=status_edit,
            note_edits=tuple(note_edits),
        )
    return states


def to_json(value: Any) -> str:
    """JSON text of a stored value (UTF-8 kept readable, compact separators)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
