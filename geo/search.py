"""Free-text matching of feature names in Chinese, pinyin and English.

A query matches a feature when, after normalisation, it is a substring of one
of the feature's search keys: the Chinese name, the toneless pinyin of the
Chinese name (with and without spaces), the English name, and the name
variants when a layer carries them.  ``赶水``, ``ganshui``, ``Ganshui``,
``gan shui`` and ``Gānshuǐ`` all find 赶水镇.

Pinyin is read by word, not by character: pypinyin segments a name with its
phrase dictionary, to which :data:`PHRASE_READINGS` adds the place names whose
characters have several readings and whose reading pypinyin's own dictionary
gets wrong (佛 is *fó* in 万佛峡 and 佛影峡, not *fú*).  So ``wanfoxia`` finds
万佛峡漂流 and ``foyingxia`` finds 佛影峡漂流.

A query of several words also matches a feature whose keys hold every word,
wherever: ``Laoyingshan Geopark`` finds *Laoyingshan National Geopark*, whose
English name has a word between the two (:func:`query_words`).  The viewer's
map frame applies the same two rules before the server answers
(``geo/view/map/js/predict.js``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
import weakref
from collections.abc import Iterable

import numpy as np
import pandas as pd

#: Columns whose text is searched, when a layer has them.
SEARCH_COLUMNS: tuple[str, ...] = ("name", "name_en", "variants", "id")

#: Phrase readings of place names pypinyin's dictionary reads wrongly, as pypinyin's
#: ``load_phrases_dict`` takes them (one list of readings per character, tone marks).
#: Each reading agrees with the feature's English name in ``layers/`` (``name_en``:
#: Wanfo Gorge, Foying Gorge, Jinfo Mountain).
PHRASE_READINGS: dict[str, list[list[str]]] = {
    "万佛峡": [["wàn"], ["fó"], ["xiá"]],
    "佛影峡": [["fó"], ["yǐng"], ["xiá"]],
    "金佛山": [["jīn"], ["fó"], ["shān"]],
    "牟坪": [["móu"], ["píng"]],
}

_NOT_WORD = re.compile(r"[\s\-‐‑‒–—―'’`·・.,，、()（）/|]+")


def normalise_text(text: str) -> str:
    """Fold a string for matching: lower case, no tone marks, no spaces or punctuation.

    Parameters
    ----------
    text : str
        Any string (Chinese, pinyin with or without tone marks, English).

    Returns
    -------
    str
        The folded string; Chinese characters are kept as they are.

    Examples
    --------
    >>> normalise_text("Gān Shuǐ-Town")
    'ganshuitown'
    """
    if text.isascii():  # nothing to decompose: the usual case of pinyin, English and numbers
        return _NOT_WORD.sub("", text.casefold())
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub("", without_marks.casefold())


@functools.lru_cache(maxsize=8192)
def pinyin_of(chinese: str) -> str:
    """Toneless pinyin of a Chinese string, syllables joined without spaces.

    Parameters
    ----------
    chinese : str
        A Chinese name such as ``赶水镇``.

    Returns
    -------
    str
        For example ``ganshuizhen``; characters that are not Chinese pass through
        folded by :func:`normalise_text`.
    """
    from pypinyin.constants import RE_HANS
    from pypinyin.seg.simpleseg import simple_seg

    # pypinyin itself splits the text into runs of Chinese and other characters and reads each run
    # apart: reading run by run gives the same pinyin, and a run met again (点 of 点1, 点2...) is cached
    return "".join(_pinyin_of_run(run) if RE_HANS.match(run) else normalise_text(run) for run in simple_seg(chinese))


@functools.lru_cache(maxsize=8192)
def _pinyin_of_run(chinese: str) -> str:
    """:func:`pinyin_of` of a run of Chinese characters (pypinyin's phrase segmentation applies within it)."""
    from pypinyin import Style, lazy_pinyin

    _load_phrase_readings()
    syllables = lazy_pinyin(chinese, style=Style.NORMAL, errors="default")
    return normalise_text("".join(syllables))


@functools.lru_cache(maxsize=8192)
def pinyin_initials_of(chinese: str) -> str:
    """First letters of the pinyin syllables of a Chinese string (``赶水镇`` -> ``gsz``)."""
    from pypinyin import Style, lazy_pinyin

    _load_phrase_readings()
    return normalise_text("".join(lazy_pinyin(chinese, style=Style.FIRST_LETTER)))


@functools.cache
def _load_phrase_readings() -> None:
    """Add :data:`PHRASE_READINGS` to pypinyin's phrase dictionary (once per process, on first use)."""
    from pypinyin import load_phrases_dict

    load_phrases_dict(PHRASE_READINGS)


def search_keys(values: Iterable[object]) -> tuple[str, ...]:
    """Every folded key under which a feature with these text values is found.

    Parameters
    ----------
    values : iterable of object
        The feature's searchable values (missing values are skipped).

    Returns
    -------
    tuple of str
        Folded text, and its pinyin when the text holds Chinese characters.
    """
    keys: list[str] = []
    for value in values:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            continue
        text = str(value)
        if not text.strip():
            continue
        keys.append(normalise_text(text))
        if _has_chinese(text):
            keys.append(pinyin_of(text))
    return tuple(dict.fromkeys(k for k in keys if k))


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a query of several words; empty for a query of one word.

    Parameters
    ----------
    query : str
        The user's text, raw.

    Returns
    -------
    tuple of str
        Each word folded by :func:`normalise_text` (split where that function
        drops separators), without duplicates; ``()`` when fewer than two.

    Examples
    --------
    >>> query_words("Laoyingshan  Geopark")
    ('laoyingshan', 'geopark')
    >>> query_words("ganshui")
    ()
    """
    words = tuple(dict.fromkeys(w for w in (normalise_text(p) for p in _NOT_WORD.split(query)) if w))
    return words if len(words) > 1 else ()


def _found(folded: str, words: tuple[str, ...], keys: str) -> bool:
    """Whether the folded query, or else every one of its words, is in ``keys`` (keys joined by a separator)."""
    return folded in keys or (bool(words) and all(word in keys for word in words))


def query_matches(query: str, keys: Iterable[str]) -> bool:
    """Whether a folded query is found in any key.

    Parameters
    ----------
    query : str
        The user's text, raw: it is normalised here.
    keys : iterable of str
        Keys from :func:`search_keys`.

    Returns
    -------
    bool
        ``True`` when the query is empty or is a substring of a key, or when
        each of its words (:func:`query_words`) is a substring of a key.
    """
    folded = normalise_text(query)
    if not folded:
        return True
    keys = tuple(keys)
    words = query_words(query)
    return any(folded in key for key in keys) or (bool(words) and all(any(w in k for k in keys) for w in words))


def text_mask(frame: pd.DataFrame, query: str | None,
              columns: Iterable[str] = SEARCH_COLUMNS) -> pd.Series:
    """Boolean mask of the rows of a layer whose names match a query.

    Parameters
    ----------
    frame : pandas.DataFrame
        A layer (GeoDataFrame) with some of the ``columns``.
    query : str or None
        The user's text; ``None`` or blank keeps every row.
    columns : iterable of str
        Columns to search; those missing from the frame are ignored.

    Returns
    -------
    pandas.Series of bool
        Aligned with ``frame.index``.
    """
    folded = normalise_text(query) if query is not None else ""
    if not folded:
        return pd.Series(True, index=frame.index)
    present = tuple(c for c in columns if c in frame.columns)
    if not present:
        return pd.Series(False, index=frame.index)
    words = query_words(query or "")
    flags = np.fromiter((_found(folded, words, keys) for keys in _haystack(frame, present)), dtype=bool,
                        count=len(frame))
    return pd.Series(flags, index=frame.index, dtype=bool)


def row_haystacks(frame: pd.DataFrame, columns: Iterable[str] = SEARCH_COLUMNS) -> list[str] | None:
    """Each row's search keys joined by ``|``, the text :func:`text_mask` looks a folded query up in.

    ``|`` never survives :func:`normalise_text`, so a query found in the joined
    text is found in one key, as :func:`text_mask` finds it.  The viewer's map
    frame filters with these strings before the server's answer arrives
    (:mod:`geo.view.map._filter_index`).

    Parameters
    ----------
    frame : pandas.DataFrame
        A layer.
    columns : iterable of str
        Columns to search; those missing from the frame are ignored.

    Returns
    -------
    list of str or None
        One string per row; ``None`` when the frame has none of the ``columns``
        (then no non-empty query matches any row).
    """
    present = tuple(c for c in columns if c in frame.columns)
    if not present:
        return None
    return [keys.replace(_KEY_SEPARATOR, "|") for keys in _haystack(frame, present)]


#: Search keys of the rows of recently searched frames, by ``id``: (weak reference, columns, keys).
_HAYSTACKS: dict[int, tuple[weakref.ref, tuple[str, ...], list[str]]] = {}
#: Separates the keys of one row (never in a folded query, so no match spans two keys).
_KEY_SEPARATOR = "\x00"


def _haystack(frame: pd.DataFrame, present: tuple[str, ...]) -> list[str]:
    """Each row's search keys joined in one string, kept while ``frame`` lives (do not modify it)."""
    key = id(frame)
    hit = _HAYSTACKS.get(key)
    if hit is not None and hit[0]() is frame and hit[1] == present and len(hit[2]) == len(frame):
        return hit[2]
    keys = [_KEY_SEPARATOR.join(_row_keys(tuple(row)))
            for row in frame[list(present)].itertuples(index=False, name=None)]
    try:
        ref = weakref.ref(frame, functools.partial(_forget, key))
    except TypeError:
        return keys
    _HAYSTACKS[key] = (ref, present, keys)
    return keys


def _forget(key: int, ref: weakref.ref) -> None:
    hit = _HAYSTACKS.get(key)
    if hit is not None and hit[0] is ref:
        del _HAYSTACKS[key]


def warm_up(frame: pd.DataFrame, columns: Iterable[str] = SEARCH_COLUMNS) -> None:
    """Make (and cache) the search keys of every row now, so that the first search is fast.

    Takes the arguments of :func:`row_haystacks`, which makes them.
    """
    row_haystacks(frame, columns)


#: Large enough for every row of a 100x data set: a smaller cache scanned row by
#: row would evict each row's keys before they are used again (no hit at all).
@functools.lru_cache(maxsize=1 << 18)
def _row_keys(values: tuple[object, ...]) -> tuple[str, ...]:
    expanded: list[object] = []
    for value in values:
        if isinstance(value, str) and "|" in value:
            expanded.extend(value.split("|"))
        else:
            expanded.append(value)
    return search_keys(expanded)


def _has_chinese(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)
