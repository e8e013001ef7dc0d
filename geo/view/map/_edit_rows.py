"""Popup rows of an edited feature: who moved it, when, from which source; latest and plan status.

The rows are (label key, plain value) pairs; :func:`geo.view.map._popups.popup_html`
escapes both, so a note or source holding markup is shown as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo._html import plain_text
from geo.config import STATUSES
from geo.view.i18n import Language, short_time, text, vocab_label


def edit_rows(properties: Mapping[str, Any], lang: Language) -> list[tuple[str, str]]:
    """Rows to add to a popup for the edits folded into ``properties`` (none for an unedited feature).

    Parameters
    ----------
    properties : mapping
        The feature's properties as :func:`geo.edits.apply_edits` left them
        (``moved_by``, ``moved_at``, ``coord_source``, ``latest_status``,
        ``latest_status_date``, ``latest_status_source``, ``edit_notes``,
        ``changed_since_plan``; ``plan_status`` in the latest-status view).
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    list of (str, str)
        ``(label key, value)`` pairs, values unescaped.
    """
    rows: list[tuple[str, str]] = []
    moved_by = plain_text(properties.get("moved_by"))
    if moved_by:
        moved = text("popup_moved_by", lang).format(user=moved_by, time=short_time(properties.get("moved_at")),
                                                    source=plain_text(properties.get("coord_source")))
        rows.append(("popup_moved", moved))
    status_source = plain_text(properties.get("latest_status_source"))
    latest = plain_text(properties.get("latest_status"))
    if status_source and latest:
        when = plain_text(properties.get("latest_status_date"))
        label = vocab_label(STATUSES, latest, lang)
        rows.append(("popup_latest_status", f"{label} ({when}; {status_source})" if when else label))
        plan = plain_text(properties.get("plan_status")) or plain_text(properties.get("status"))
        if plan:
            rows.append(("popup_plan_status", vocab_label(STATUSES, plan, lang)))
    notes = plain_text(properties.get("edit_notes"))
    if notes:
        rows.append(("popup_note", notes))
    if str(properties.get("changed_since_plan")).lower() in {"true", "1"}:
        rows.append(("popup_changed", text("yes", lang)))
    return rows
