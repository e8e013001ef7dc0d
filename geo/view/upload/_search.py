"""Private: an upload's search keys, built once per upload and matched with numpy.

The plan's layers are searched row by row (:func:`geo.search.text_mask`).  An
upload of 100,000 rows holds far fewer *distinct* values per column (a kind
column has a handful; even a name column repeats its Chinese runs, whose
pinyin :func:`geo.search.pinyin_of` caches), so its keys are built per
distinct value: each column is factorised (one integer code per row, one
entry per distinct value), the keys of each distinct value are joined into one
string exactly as :func:`geo.search.text_mask` joins a row's keys
(:func:`geo.search.search_keys` of the value split at ``|``), and a query is
tested once per distinct value, then spread to the rows by their codes.  A row
matches when any of its columns does: the same answer as the plan's search
(Chinese, toneless pinyin, English, case and tone marks folded).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.search import normalise_text, search_keys

#: Separates the keys of one value (never in a folded query, so no match spans two keys).
_KEY_SEPARATOR = "\x00"


@dataclass(frozen=True)
class _ColumnKeys:
    """One column: a code per row (``-1``: empty) and the joined keys of each distinct value."""

    codes: np.ndarray
    keys: list[str]


class UploadSearch:
    """The search keys of one upload, by column and distinct value.

    Parameters
    ----------
    frame : pandas.DataFrame
        The upload (string attributes); only read here.
    columns : iterable of str
        Columns searched (those missing from ``frame`` are ignored).
    """

    def __init__(self, frame: pd.DataFrame, columns: Iterable[str]) -> None:
        self.size = len(frame)
        self._columns = [_column_keys(frame[c]) for c in columns if c in frame.columns]

    def mask(self, query: str | None) -> np.ndarray:
        """Boolean mask (by position) of the rows a query finds; all ``True`` for an empty query.

        Parameters
        ----------
        query : str or None
            The user's text, raw (folded here as :func:`geo.search.text_mask` folds it).

        Returns
        -------
        numpy.ndarray of bool
            One flag per row, in the frame's order.
        """
        folded = normalise_text(query) if query is not None else ""
        if not folded:
            return np.ones(self.size, dtype=bool)
        found = np.zeros(self.size, dtype=bool)
        for column in self._columns:
            hits = np.fromiter((folded in keys for keys in column.keys), dtype=bool, count=len(column.keys))
            hits = np.append(hits, False)  # code -1 (no value) reads the last entry
            found |= hits[column.codes]
        return found


def _column_keys(values: pd.Series) -> _ColumnKeys:
    codes, uniques = pd.factorize(values.astype(str), sort=False)
    keys = [_KEY_SEPARATOR.join(search_keys(str(value).split("|"))) for value in uniques]
    return _ColumnKeys(np.asarray(codes, dtype=np.int64), keys)


class SearchSlot:
    """An upload's :class:`UploadSearch`, built once (in a background thread or at the first search).

    Parameters
    ----------
    frame : pandas.DataFrame
        The upload.
    columns : list of str
        Columns searched.
    """

    def __init__(self, frame: pd.DataFrame, columns: list[str]) -> None:
        self._frame: pd.DataFrame | None = frame
        self._columns = columns
        self._lock = threading.Lock()
        self._search: UploadSearch | None = None
        self._started = False

    def get(self) -> UploadSearch:
        """The keys, built now if no thread has built them yet (a second caller waits for the first)."""
        with self._lock:
            if self._search is None:
                assert self._frame is not None
                self._search = UploadSearch(self._frame, self._columns)
                self._frame = None  # the keys are built: the slot no longer holds the frame
            return self._search

    def build_in_background(self) -> threading.Thread | None:
        """Start building the keys in a daemon thread, once (a search meanwhile waits for it).

        Returns
        -------
        threading.Thread or None
            The thread started, or ``None`` when the keys are built or being built already.
        """
        with self._lock:
            if self._started or self._search is not None:
                return None
            self._started = True
        thread = threading.Thread(target=self.get, daemon=True, name="yuqian-upload-search-keys")
        thread.start()
        return thread
