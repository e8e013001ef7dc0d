"""The few exceptions of the package, each subclassing a builtin.

Messages show the bad value with ``!r`` and say how to fix it.  Validation
collects every problem first and raises once, so that a user sees them all.
"""

from __future__ import annotations

from collections.abc import Iterable


class _ProblemsMixin:
    """Carry a list of problems and format them one per line."""

    problems: list[str]

    def _init_problems(self, headline: str, problems: Iterable[str]) -> str:
        self.problems = list(problems)
        if not self.problems:
            return headline
        lines = "\n".join(f"  - {p}" for p in self.problems)
        return f"{headline} ({len(self.problems)} problem(s)):\n{lines}"


class RecordError(_ProblemsMixin, ValueError):
    """A record file in ``seeds/`` breaks its schema or the data contract."""

    def __init__(self, headline: str, problems: Iterable[str] = ()) -> None:
        super().__init__(self._init_problems(headline, problems))


class GeocodeError(_ProblemsMixin, LookupError):
    """A place name could not be resolved by the gazetteer."""

    def __init__(self, headline: str, problems: Iterable[str] = ()) -> None:
        super().__init__(self._init_problems(headline, problems))


class LayerError(_ProblemsMixin, ValueError):
    """A built layer breaks the data contract, or ``layers/`` is stale."""

    def __init__(self, headline: str, problems: Iterable[str] = ()) -> None:
        super().__init__(self._init_problems(headline, problems))


class ExportError(_ProblemsMixin, ValueError):
    """An export request names an unknown layer, format or CRS, or cannot be written."""

    def __init__(self, headline: str, problems: Iterable[str] = ()) -> None:
        super().__init__(self._init_problems(headline, problems))


class UploadError(_ProblemsMixin, ValueError):
    """A user's uploaded file cannot be read or fails validation."""

    def __init__(self, headline: str, problems: Iterable[str] = ()) -> None:
        super().__init__(self._init_problems(headline, problems))
