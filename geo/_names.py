"""Safe names for layers and files made from what a user typed or uploaded.

A user's file name may hold anything: path separators, ``..``, control
characters, quotes, HTML, Chinese.  :func:`safe_stem` folds it to lower-case
ASCII letters, digits and ``_`` (Chinese becomes toneless pinyin), so that it is
safe as a layer name, a GeoPackage table, a KML folder id, a member of a zip
and a download file name.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from typing import Final

#: Prefix of the layer name of a user's upload (``upload_<stem>``).
UPLOAD_PREFIX: Final[str] = "upload_"
#: Longest stem kept.
MAX_STEM_CHARS: Final[int] = 40
_NOT_SAFE = re.compile(r"[^a-z0-9]+")
_UPLOAD_NAME = re.compile(rf"^{UPLOAD_PREFIX}[a-z0-9_]{{1,{MAX_STEM_CHARS}}}$")
_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9_.-]+")
#: Device names Windows reserves whatever the extension (``CON.txt`` is the console too).
WINDOWS_RESERVED: Final[frozenset[str]] = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


def _ascii_fold(text: str) -> str:
    """Chinese characters as pinyin syllables, accents dropped, everything else kept."""
    if any("\u3400" <= ch <= "\u9fff" for ch in text):
        from pypinyin import Style, lazy_pinyin

        text = "_".join(lazy_pinyin(text, style=Style.NORMAL, errors="default"))
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def safe_stem(text: object, fallback: str = "file", max_chars: int = MAX_STEM_CHARS) -> str:
    """Fold any text to ``[a-z0-9_]``: lower case, runs of other characters become one ``_``.

    Parameters
    ----------
    text : object
        A file name or stem (``str(text)`` is used; ``None`` gives the fallback).
    fallback : str
        Returned when nothing safe is left.
    max_chars : int
        Longest result.

    Returns
    -------
    str
        For example ``"../我的 线路<script>.geojson"`` -> ``"wo_de_xian_lu_script_geojson"``.
    """
    raw = "" if text is None else str(text)
    folded = _NOT_SAFE.sub("_", _ascii_fold(raw).casefold()).strip("_")
    return folded[:max_chars].rstrip("_") or fallback


def upload_layer_name(filename: object) -> str:
    """Layer name of an upload: ``upload_`` and the safe stem of its file name.

    Parameters
    ----------
    filename : object
        The uploaded file's name as the browser gave it (any folder part is dropped).

    Returns
    -------
    str
        For example ``upload_towns`` for ``C:\\data\\Towns.GeoJSON``.
    """
    name = PurePath(str(filename or "").replace("\\", "/")).name
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    return UPLOAD_PREFIX + safe_stem(stem, "file")


def is_upload_layer_name(name: object) -> bool:
    """Whether ``name`` is a layer name :func:`upload_layer_name` can give."""
    return isinstance(name, str) and bool(_UPLOAD_NAME.match(name))


def safe_filename(name: object, fallback: str = "download") -> str:
    """A file name safe to offer for download: ASCII letters, digits, ``_ . -``, no leading dot.

    Parameters
    ----------
    name : object
        A proposed file name (folders, quotes, control characters are removed).
    fallback : str
        Used when nothing safe is left.

    Returns
    -------
    str
        At most 120 characters, extension kept; a name Windows reserves
        (``CON``, ``NUL``, ``COM1``... with any extension) gets ``_file``
        added to its stem, e.g. ``con_file.geojson``.
    """
    base = PurePath(str(name or "").replace("\\", "/")).name
    cleaned = _SAFE_FILENAME.sub("_", _ascii_fold(base)).strip("._-")
    cleaned = re.sub(r"_*\.", ".", re.sub(r"_+", "_", cleaned))
    if len(cleaned) > 120:
        stem, dot, extension = cleaned.rpartition(".")
        cleaned = (stem[: 119 - len(extension)] + dot + extension) if dot and len(extension) <= 10 \
            else cleaned[:120]
    cleaned = cleaned or fallback
    stem, dot, extension = cleaned.partition(".")
    if stem.casefold() in WINDOWS_RESERVED:
        cleaned = f"{stem}_file{dot}{extension}"
    return cleaned
