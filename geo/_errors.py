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


class EditError(_ProblemsMixin, ValueError):
    """An edit (or a file of edits) names an unknown feature, precision or status, or bad coordinates."""


class UserError(_ProblemsMixin, ValueError):
    """A user account cannot be created or removed (bad name, role or password, duplicate, unknown)."""


class EditNotAllowed(PermissionError):
    """The user of an edit does not exist or has no editor/admin role; nothing was stored."""


class EditConflict(RuntimeError):
    """The feature changed since the editor loaded it (optimistic concurrency).

    The message names who changed it and when; the attributes let a viewer
    show it and keep the editor's input to re-apply on the new version.
    """

    def __init__(self, feature_id: str, base_version: int, current_version: int,
                 changed_by: str | None, changed_at: str | None) -> None:
        self.feature_id = feature_id
        self.base_version = base_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        who = f"{changed_by} at {changed_at}" if changed_by else "another edit"
        super().__init__(
            f"feature {feature_id!r} was changed by {who} (now version {current_version}, "
            f"your edit was based on version {base_version}); reload it and apply your change again")


class SignInLocked(PermissionError):
    """Too many failed sign-ins for this user: sign-in is locked until ``until`` (ISO 8601 UTC)."""

    def __init__(self, name: str, until: str) -> None:
        self.name = name
        self.until = until
        super().__init__(f"too many failed sign-ins for {name!r}; try again after {until} (UTC)")


class ScanError(_ProblemsMixin, ValueError):
    """A document given to the scanner cannot be read (unknown format, no text layer, encrypted, broken, empty,
    too large); the message names the file and says how to fix it."""
