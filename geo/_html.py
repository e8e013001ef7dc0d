"""Escape text from data or uploads before it reaches HTML (popups, tooltips, tables).

Strings in layers and uploads are stored unescaped; whatever builds HTML must
pass them through :func:`escape_text`, which also bounds their length so that a
hostile attribute cannot flood a popup.  ``geo/view/popups.py`` escapes the
plan's own layers with :func:`html.escape` directly; this helper adds the
None/NaN handling and the length cap that untrusted uploads need.
:func:`plain_text` is that None/NaN handling alone: a cell as text, before any
escaping (popups, tooltips, map labels).
"""

from __future__ import annotations

import html
import math
import re
from typing import Final

#: Longest text shown (characters, before escaping); longer text ends in an ellipsis.
MAX_TEXT_CHARS: Final[int] = 500


def plain_text(value: object) -> str:
    """A cell as text, before any escaping: ``None`` and NaN give an empty string, others ``str(value)``.

    Parameters
    ----------
    value : object
        Any value (a layer's or an upload's cell).

    Returns
    -------
    str
        The text, unescaped: whoever puts it into HTML escapes it.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value if isinstance(value, str) else str(value)


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
    text = plain_text(value)
    if max_chars >= 0 and len(text) > max_chars:
        text = text[: max(max_chars - 1, 0)] + "…"
    return html.escape(text, quote=True)


#: Characters with a meaning in Streamlit's Markdown (CommonMark, GFM, ``$`` maths, ``:colour[]``).
_MARKDOWN_SPECIAL: Final[frozenset[str]] = frozenset("\\`*_{}[]()#+-.!|<>~$:=\"'&")


def escape_markdown(value: object, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return ``value`` as text that Streamlit's Markdown shows literally.

    For ``st.markdown``, ``st.error``, ``st.warning`` and captions: every Markdown
    punctuation character is backslash-escaped (so a name such as
    ``[x](javascript:...)`` or ``![](http://...)`` is no link and no image) and
    line breaks become spaces (no headings or lists can be started).

    Parameters
    ----------
    value : object
        Any value; ``None`` and NaN give an empty string.
    max_chars : int
        Longest text kept (before escaping); longer text ends with ``…``.

    Returns
    -------
    str
        Escaped text on one line.
    """
    text = plain_text(value)
    if max_chars >= 0 and len(text) > max_chars:
        text = text[: max(max_chars - 1, 0)] + "…"
    text = " ".join(text.split())
    return "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIAL else ch for ch in text)


def compact_css(css: str) -> str:
    r"""``css`` without comments and the spaces no rule needs (a style sheet sent with every run).

    Spaces inside selectors (descendants) and values (``0 0 2px #fff``) are kept
    as one; those around ``{ } ; , >`` and after ``:`` go, and so does a rule's
    last ``;``.

    Parameters
    ----------
    css : str
        A style sheet, possibly inside ``<style>`` tags (kept).

    Returns
    -------
    str
        The same rules, shorter.

    Examples
    --------
    >>> compact_css(".a  .b {\n  color: #fff;\n  margin: 0 4px; }  /* note */")
    '.a .b{color:#fff;margin:0 4px}'
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    css = re.sub(r":\s+", ":", css)
    return css.replace(";}", "}").strip()
