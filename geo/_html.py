"""Escape text from data or uploads before it reaches HTML (popups, tooltips, tables).

Strings in layers and uploads are stored unescaped; whatever builds HTML must
pass them through :func:`escape_text`, which also bounds their length so that a
hostile attribute cannot flood a popup.  ``geo/view/popups.py`` escapes the
plan's own layers with :func:`html.escape` directly; this helper adds the
None/NaN handling and the length cap that untrusted uploads need.
"""

from __future__ import annotations

import html
import math
from typing import Final

#: Longest text shown (characters, before escaping); longer text ends in an ellipsis.
MAX_TEXT_CHARS: Final[int] = 500


def escape_text(value: object, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return ``value`` as HTML-safe text.

    Parameters
    ----------
    value : object
        Any value; ``None`` and NaN give an empty string, others ``str(value)``.
    max_chars : int
        Longest text kept before escaping (so an entity is never cut in half);
        longer text is cut and ends with ``…``.

    Returns
    -------
    str
        Text with ``& < > " '`` escaped, safe in element content and in quoted
        attribute values.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = value if isinstance(value, str) else str(value)
    if max_chars >= 0 and len(text) > max_chars:
        text = text[: max(max_chars - 1, 0)] + "…"
    return html.escape(text, quote=True)
