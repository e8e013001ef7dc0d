"""The few exceptions of the package, each subclassing a builtin.

Messages show the bad value with ``!r`` and say how to fix it.  Validation
collects every problem first and raises once, so that a user sees them all:
each exception takes a headline and the list of problems, keeps the list in
``.problems`` and prints one problem per line.
"""

from __future__ import annotations

from collections.abc import Iterable


class _ProblemsMixin(Exception):
    """Carry a list of problems and format them one per line (mixed into a builtin exception)."""

    problems: list[str]

    def __init__(self, headline: str, problems: Iterable[str] = ()) -> None:
        self.problems = list(problems)
        message = headline
        if self.problems:
            lines = "\n".join(f"  - {p}" for p in self.problems)
            message = f"{headline} ({len(self.problems)} problem(s)):\n{lines}"
        super().__init__(message)


class RecordError(_ProblemsMixin, ValueError):
    """A record file in ``seeds/`` breaks its schema or the data contract."""


class GeocodeError(_ProblemsMixin, LookupError):
    """A place name could not be resolved by the gazetteer."""


class LayerError(_ProblemsMixin, ValueError):
    """A built layer breaks the data contract, or ``layers/`` is stale."""


class ExportError(_ProblemsMixin, ValueError):
    """An export request names an unknown layer, format or CRS, or cannot be written."""


class UploadError(_ProblemsMixin, ValueError):
    """A user's uploaded file cannot be read or fails validation."""
