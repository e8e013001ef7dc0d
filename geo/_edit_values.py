"""The rules for an edit's values: a status date, and the characters of a source or note.

One rule for the edit panel (``geo/view/edit/``), the scan panel's accept
(``geo/view/scan/``), the store's checks (:mod:`geo.edits._catalogue`) and
``edits import``; the limits they apply are in :mod:`geo.config`.  A module of its own
(not in :mod:`geo.edits`) so that the viewer's forms use it without importing the store.
"""

from __future__ import annotations

import calendar
import re
import unicodedata

from geo.config import EDIT_TEXT_CONTROLS, EDIT_TEXT_MAX_CHARS, STATUS_DATE_PATTERN, STATUS_DATE_YEARS


def is_status_date(value: object) -> bool:
    """Whether ``value`` is a status date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real calendar day.

    The shape is :data:`STATUS_DATE_PATTERN` (whole string, no spaces); the
    year must lie in :data:`STATUS_DATE_YEARS`, and a full date must exist
    (``2026-02-31`` does not, ``2028-02-29`` does).
    """
    if not isinstance(value, str) or re.fullmatch(STATUS_DATE_PATTERN, value) is None:
        return False
    parts = [int(part) for part in value.split("-")]
    if not STATUS_DATE_YEARS[0] <= parts[0] <= STATUS_DATE_YEARS[1]:
        return False
    if len(parts) == 3:
        return parts[2] <= calendar.monthrange(parts[0], parts[1])[1]
    return True


def edit_text_problem(value: str, *, multiline: bool) -> str | None:
    """What is wrong with a source or note's characters or length, or ``None`` when it may be stored.

    One rule for the edit panel, the store and ``edits import``: at most
    :data:`EDIT_TEXT_MAX_CHARS` characters, no lone surrogate (not text: UTF-8
    cannot encode it), no control character but a tab, and line breaks only
    where ``multiline`` (a note); NUL in particular, which PostgreSQL refuses.

    Parameters
    ----------
    value : str
        The text as it would be stored.
    multiline : bool
        Whether line breaks are allowed.

    Returns
    -------
    str or None
        An English sentence naming the first bad character by its code point.
    """
    if len(value) > EDIT_TEXT_MAX_CHARS:
        return f"{len(value):,} characters, at most {EDIT_TEXT_MAX_CHARS:,}: shorten it or cite a document instead"
    allowed = EDIT_TEXT_CONTROLS if multiline else "\t"
    for position, char in enumerate(value, start=1):
        category = unicodedata.category(char)
        if category == "Cs":
            return f"character {position} is a lone surrogate (U+{ord(char):04X}), not text: save the file as UTF-8"
        if (category == "Cc" or char in "\u2028\u2029") and char not in allowed:
            return (f"character {position} is the control character U+{ord(char):04X}: remove it"
                    + ("" if multiline else " (a source is one line)"))
    return None
