"""CSV cells that a spreadsheet will not run as formulas, and their text read back (issue 27).

Every CSV the product writes (``export --format csv`` and the viewer's CSV
download, the shapefile zip's side tables, ``edits export``) passes its cells
through :func:`neutralise`; every CSV reader of the product (``edits import``,
an uploaded CSV) passes them through :func:`restore`, so that a file written
by the product reads back to the very text that was written.

The rule is OWASP's for CSV injection: a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading apostrophe, which
Excel, LibreOffice and WPS take as "this is text" and do not show.  As a
precaution (not in OWASP's list) a line feed and the full-width ``＝ ＋ － ＠``
of Chinese input methods are treated the same way.  A cell that is a plain
number (``-12.5``, ``+3``, ``1e-3``) is not a formula and is left alone, so
that coordinates stay numbers.  To make the change reversible, a cell that
already starts with apostrophes followed by one of those characters gets one
more: :func:`restore` removes exactly one apostrophe from a cell of the form
``'+<apostrophes><trigger>...``, and leaves every other cell as it is.

:class:`SafeWriter` writes rows that way, and quotes every cell of a row in
which a cell holds a carriage return (the ``csv`` module quotes only the
delimiter, the quote and the line terminator ``\n``, so a bare ``\r`` would
end the row for a reader), a semicolon or a tab (a spreadsheet set to split
on ``;`` or tabs would otherwise start a new cell there, and that cell could
be a formula).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Final

#: First characters that make a spreadsheet read a cell as a formula (OWASP), plus the precautions above.
TRIGGERS: Final[str] = "=+-@\t\r\n＝＋－＠"

_TRIGGER_CLASS = "[" + re.escape(TRIGGERS) + "]"
_NEEDS_QUOTE = re.compile("'*" + _TRIGGER_CLASS)
_QUOTED = re.compile("'+" + _TRIGGER_CLASS)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(cell: object) -> object:
    """The cell as written to a CSV: text that a spreadsheet would run as a formula gets a leading ``'``.

    Parameters
    ----------
    cell : object
        A cell value; only text is changed (numbers and ``None`` pass through).

    Returns
    -------
    object
        ``"'" + cell`` when ``cell`` is text starting (after any apostrophes)
        with a formula trigger and is not a plain number, else ``cell``.
    """
    if isinstance(cell, str) and _NEEDS_QUOTE.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def neutralise_row(cells: Iterable[object]) -> list[object]:
    """:func:`neutralise` of every cell of a row (for ``csv.writer.writerow``)."""
    return [neutralise(cell) for cell in cells]


def restore(cell: str) -> str:
    """The text a :func:`neutralise`-d cell stood for: one leading ``'`` less where one was added.

    ``restore(neutralise(s)) == s`` for every string ``s``.  A cell written by
    hand in a spreadsheet as ``'=1+1`` (the apostrophe meaning "text") reads as
    ``=1+1``, which is what the spreadsheet showed.
    """
    return cell[1:] if cell[:1] == "'" and _QUOTED.match(cell) else cell


class SafeWriter:
    """A ``csv.writer`` (``\\n`` line ends, minimal quoting) whose cells are :func:`neutralise`-d.

    Parameters
    ----------
    stream : text stream
        Opened with ``newline=""`` (or a :class:`io.StringIO`).
    """

    _QUOTE_ROW: Final[re.Pattern[str]] = re.compile("[\r;\t]")

    def __init__(self, stream: IO[str]) -> None:
        self._plain = csv.writer(stream, lineterminator="\n")
        self._quoted = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, cells: Iterable[object]) -> None:
        """Write one row, each cell neutralised; all quoted when a cell holds ``\\r``, ``;`` or a tab."""
        row = neutralise_row(cells)
        quote = any(isinstance(cell, str) and self._QUOTE_ROW.search(cell) for cell in row)
        (self._quoted if quote else self._plain).writerow(row)

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        """:meth:`writerow` of every row."""
        for row in rows:
            self.writerow(row)
