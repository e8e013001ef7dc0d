"""What the scanner finds in a made-up sentence, and the status it reads for each (the rule tests' helper)."""

from __future__ import annotations

from geo.scan._classify import classify_status, name_mask
from geo.scan._find import find_mentions
from geo.scan._names import Dictionary
from geo.scan._text import Mention


def mentions_and_statuses(text: str, dictionary: Dictionary) -> dict[str, tuple[Mention, str | None]]:
    """Name as written -> (mention, status) for every feature of ``text``."""
    mentions = find_mentions(text, dictionary)
    mask = name_mask(len(text), [(m.start, m.end, m.kind) for m in mentions])
    return {m.name: (m, classify_status(text, m.start, m.end, m.kind, m.name, mask)[0]) for m in mentions}


def statuses(text: str, dictionary: Dictionary) -> dict[str, str | None]:
    """Name as written -> status, for every feature of ``text``."""
    return {name: status for name, (_, status) in mentions_and_statuses(text, dictionary).items()}
