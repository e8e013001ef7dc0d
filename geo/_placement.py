"""Private plumbing of stage 5: resolve a record's place, collecting every failure.

:class:`Resolver` geocodes the places of the records and keeps each failure with
its file, line and id (raised once by :func:`geo.layers.build_layers`); the point
helpers say where a point record is drawn: at one place, at each of several
townships (a document ties it to several), or nowhere (``position`` = ``unknown``,
:data:`UNKNOWN_SOURCE`).
"""

from __future__ import annotations

from typing import Any

from geo import config
from geo._errors import GeocodeError
from geo.gazetteer import Gazetteer
from geo.geocode import Location, geocode_place
from geo.records import Record, townships_of

#: ``coord_source`` of a feature whose place no source gives (precision ``unknown``, no geometry).
UNKNOWN_SOURCE = "none: no source gives its place (位置不明 / position unknown); not drawn"


class Resolver:
    """Geocode records, collecting every failure with its file and id."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.problems: list[str] = []

    def place(self, kind: str, rec: Record, name: str, **kwargs: Any) -> Location | None:
        """The location of ``name`` (:func:`geo.geocode.geocode_place` keywords), or ``None`` and a problem kept."""
        try:
            return geocode_place(name, gazetteer=self.gazetteer, **kwargs)
        except GeocodeError as exc:
            file = config.RECORD_FILES.get(kind, kind)
            self.problems.append(f"{file}:{rec.get('_line', '?')} id={rec['id']!r} place {name!r}: {exc}")
            return None


def point_record_location(kind: str, rec: Record, resolver: Resolver) -> Location | None:
    """Where a point record is drawn when it names at most one township: its site, place, township or county."""
    towns = townships_of(rec)
    return resolver.place(kind, rec, rec["name"], county=rec["county"], township=towns[0] if towns else None,
                          place=rec.get("place") or None)


def point_record_locations(kind: str, rec: Record, resolver: Resolver) -> list[Location] | None:
    """Where a point record is drawn: one location, or one per township when it names several.

    A feature that a document ties to several townships (``township`` = ``打通镇|石壕镇|…``) is placed
    at each township's seat, not at the county seat.  ``None`` when a place cannot be resolved.
    """
    towns = townships_of(rec)
    if len(towns) < 2:
        loc = point_record_location(kind, rec, resolver)
        return None if loc is None else [loc]
    found = [resolver.place(kind, rec, rec["name"], county=rec["county"], township=town) for town in towns]
    locs = [loc for loc in found if loc is not None]
    return locs if len(locs) == len(found) else None


def coarsest(precisions: list[str]) -> str:
    """The coarsest of several precision classes (the order of :data:`geo.config.PRECISIONS`)."""
    order = list(config.PRECISIONS)
    return max(precisions, key=lambda p: order.index(p) if p in order else len(order))


def point_coord_source(rec: Record, locs: list[Location]) -> str:
    """The coordinates' datasets, plus the public page that ties the site to its place when no document does."""
    source = "; ".join(dict.fromkeys(loc.source for loc in locs))
    page = rec.get("place_source")
    where = rec.get("place") or config.JOIN_SEP.join(townships_of(rec))
    return f"{source}; placed in {where} per {page}" if page else source
