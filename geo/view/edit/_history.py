"""The audit trail of the edit panel: every edit kept by the store, and the revert of one.

The table is a dataframe (Streamlit shows its cells as text, never as HTML), so
notes and sources with markup are shown as typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from geo.config import STATUSES
from geo.view.edit._panel import key, save
from geo.view.i18n import Language, short_time, text, vocab_label

#: Columns of the audit trail: (Edit attribute, label key).
TRAIL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("edit_id", "edit_col_id"), ("time", "edit_col_time"), ("user", "edit_col_user"),
    ("feature_id", "edit_col_feature"), ("field", "edit_col_field"), ("old_value", "edit_col_old"),
    ("new_value", "edit_col_new"), ("source", "edit_col_source"), ("note", "edit_col_note"),
)
#: Longest cell shown (a redrawn line's coordinates are long).
MAX_CELL_CHARS = 160


def readable_value(raw: Any, lang: Language) -> str:
    """An old or new value of the log as people read it: a status label, a point's lon/lat, a line's size.

    The log keeps JSON text (a GeoJSON geometry, a status code, a note); what
    cannot be read as such is shown as it is.
    """
    if raw is None:
        return ""
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except json.JSONDecodeError:
        return str(raw)
    if isinstance(value, dict) and value.get("type") == "Point":
        lon, lat = value.get("coordinates", [None, None])[:2]
        return f"{lon}, {lat}"
    if isinstance(value, dict) and value.get("type") == "LineString":
        return f"LineString · {len(value.get('coordinates', []))} {text('edit_points', lang)}"
    if isinstance(value, str):
        return f"{vocab_label(STATUSES, value, lang)} ({value})" if value in STATUSES else value
    return str(raw)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    shown = value if isinstance(value, str) else str(value)
    return shown if len(shown) <= MAX_CELL_CHARS else shown[: MAX_CELL_CHARS - 1] + "…"


def trail_table(edits: Iterable[Any], lang: Language) -> pd.DataFrame:
    """The edits as a table, newest first, with bilingual column labels.

    Parameters
    ----------
    edits : iterable of geo.edits.Edit
        From :meth:`EditStore.edits`.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    pandas.DataFrame
        One row per edit; values as text.
    """
    def shown(edit: Any, attr: str) -> str:
        if attr == "time":
            return short_time(edit.time)
        if attr in {"old_value", "new_value"}:
            return readable_value(getattr(edit, attr), lang)
        return getattr(edit, attr, "")

    rows = [{text(label, lang): _cell(shown(edit, attr)) for attr, label in TRAIL_COLUMNS} for edit in edits]
    frame = pd.DataFrame(rows, columns=[text(label, lang) for _, label in TRAIL_COLUMNS])
    return frame.iloc[::-1].reset_index(drop=True)


def edits_in_force(edits: list[Any]) -> list[Any]:
    """The edits that can be reverted, newest first: those not undone by a revert in force.

    A revert is itself an edit in force (reverting it re-applies what it undid).
    Walking from the newest edit decides each revert before the edit it targets.
    """
    undone: set[int] = set()
    active = []
    for edit in reversed(edits):
        if edit.edit_id in undone:
            continue
        active.append(edit)
        if edit.field == "revert" and edit.reverts is not None:
            undone.add(int(edit.reverts))
    return active


def history_panel(store: Any, fid: str, lang: Language) -> bool:
    """The audit trail of ``fid`` (or of every feature) and the revert of a chosen edit.

    Returns
    -------
    bool
        ``True`` when an edit was reverted (the page is then rerun).
    """
    every = st.toggle(text("edit_all_features", lang), key=f"{key('trail_all', '')}")
    edits = list(store.edits() if every else store.edits(fid))
    if not edits:
        st.caption(text("edit_no_edits", lang))
        return False
    seen = st.session_state.get(key("trail_seen", ""), {})  # versions the trail showed on the last run
    st.session_state[key("trail_seen", "")] = {e.feature_id: e.version for e in edits}  # (log order: the last wins)
    st.dataframe(trail_table(edits, lang), hide_index=True, width="stretch")
    open_edits = edits_in_force(edits)
    if not open_edits:
        return False
    labels: dict[str, str] = {
        str(e.edit_id): f"#{e.edit_id} · {e.feature_id} · {e.field} · {e.user} · {short_time(e.time)}"
        for e in open_edits}
    chosen = st.selectbox(text("edit_revert_pick", lang), list(labels), key=key("revert_pick", fid),
                          format_func=lambda edit_id: labels.get(edit_id, edit_id))
    if not st.button(text("edit_revert", lang), key=key("revert", fid)):
        return False
    edit = next(e for e in open_edits if str(e.edit_id) == chosen)
    return save(store, str(edit.feature_id), lang, lambda user, version: store.revert(
        edit.edit_id, user=user, base_version=seen.get(edit.feature_id, version)),  # stale view: refused
                done=text("edit_reverted", lang).format(edit=edit.edit_id, field=edit.field))
