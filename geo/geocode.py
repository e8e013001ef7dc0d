"""Stage 3 — geocode: resolve place names to sourced coordinates, offline.

The resolver tries, in order: the exact official name, a recorded alias, the
normalised form (:func:`geo.gazetteer.normalize_name`), and then falls back to
the parent (site -> named place below the township -> township seat -> county
seat).  County context breaks ties between places of the same name.  The
result says how it matched and which precision it reached, so that no
coordinate claims more than it knows.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo._errors import GeocodeError
from geo.gazetteer import Gazetteer, Place, load_gazetteer, normalize_name

#: What a gazetteer entry's coordinate means for a feature that *is* that entry.
_OWN_PRECISION = {"site": "site", "locality": "locality", "township": "township", "county": "county",
                  "prefecture": "county", "province": "county"}


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved coordinate and how it was reached.

    Attributes
    ----------
    lon, lat : float
        WGS84 coordinate.
    precision : str
        ``site`` when the feature itself is placed; ``township`` or ``county``
        when it is placed only at that seat.
    match : str
        ``exact``, ``alias``, ``normalized``, ``place``, ``township`` or
        ``county`` (the last three: parent fallback).
    place : Place
        The gazetteer entry used.
    """

    lon: float
    lat: float
    precision: str
    match: str
    place: Place

    @property
    def source(self) -> str:
        """Dataset or method behind the coordinate."""
        return self.place.coord_source


def split_qualified(name: str) -> tuple[str, str | None]:
    """Split ``"寨坝镇@习水县"`` into ``("寨坝镇", "习水县")``."""
    if "@" in name:
        bare, county = name.split("@", 1)
        return bare.strip(), county.strip() or None
    return name.strip(), None


def _qualified_or(name: str, county: str | None) -> tuple[str, str | None]:
    bare, qualifier = split_qualified(name)
    return bare, qualifier or county


def _in_county(place: Place, county: str | None) -> bool:
    return county is None or place.county == county or place.name == county


def _pick(candidates: list[Place], county: str | None, query: str) -> Place | None:
    """Choose one candidate, using the county to break ties."""
    inside = [p for p in candidates if _in_county(p, county)]
    unique = list({p.id: p for p in inside}.values())
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    # prefer the finer level when a county and its seat town share a name
    finest = [p for p in unique if p.level in ("site", "township")]
    if len(finest) == 1:
        return finest[0]
    options = ", ".join(f"{p.name}@{p.county or p.province} ({p.id})" for p in unique)
    raise GeocodeError(
        f"place name {query!r} is ambiguous: {options}; qualify it as name@county or give the county"
    )


def _own_precision(place: Place) -> str:
    """Precision of a feature that is the gazetteer entry itself.

    A township whose coordinate is its seat is placed exactly (``site``); one
    whose coordinate is only somewhere within its extent (``area``) is placed
    at township precision; a site whose coordinate is a seat keeps that class.
    """
    level_precision = _OWN_PRECISION[place.level]
    if place.precision == level_precision:
        return "site"
    return _seat_precision(place)


def _seat_precision(place: Place) -> str:
    """Precision of a feature placed at this entry because it lies within it."""
    if place.precision == "area":
        return _OWN_PRECISION[place.level]
    return _OWN_PRECISION.get(place.precision, place.precision)


def _lookup(gaz: Gazetteer, name: str, county: str | None) -> tuple[Place, str] | None:
    for match, index, key in (
        ("exact", gaz.by_name, name),
        ("alias", gaz.by_alias, name),
        ("normalized", gaz.by_norm, normalize_name(name)),
    ):
        found = _pick(index.get(key, []), county, name)
        if found is not None:
            return found, match
    return None


def geocode_place(
    name: str,
    *,
    county: str | None = None,
    township: str | None = None,
    place: str | None = None,
    gazetteer: Gazetteer | None = None,
    fallback: bool = True,
) -> Location:
    """Resolve one place name to a coordinate.

    Parameters
    ----------
    name : str
        The name as written; ``name@county`` qualifies it.
    county : str, optional
        Official county name that the place lies in; restricts candidates.
    township : str, optional
        Township the place lies in, for the parent fallback.
    place : str, optional
        A named place below the township (a gazetteer ``locality``: village,
        community) that the documents tie the site to; tried before the
        township.  Its coordinate is often only its township's seat, and the
        precision says so.
    gazetteer : Gazetteer, optional
        Defaults to the shipped gazetteer.
    fallback : bool
        Whether an unknown name may fall back to its township, then county.

    Returns
    -------
    Location

    Raises
    ------
    GeocodeError
        If the name is ambiguous, or unknown with nothing to fall back to.
    """
    gaz = gazetteer or load_gazetteer()
    bare, qualifier = split_qualified(name)
    county = qualifier or county or None
    found = _lookup(gaz, bare, county)
    if found is not None:
        hit, match = found
        return Location(hit.lon, hit.lat, _own_precision(hit), match, hit)
    if fallback:
        if place:
            near = _lookup(gaz, *_qualified_or(place, county))
            if near is None:
                raise GeocodeError(
                    f"unknown place {place!r} (the record's named place below the township): add it to "
                    "tools/localities.py (official villages) or geo/data/gazetteer_curated.csv"
                )
            return Location(near[0].lon, near[0].lat, _seat_precision(near[0]), "place", near[0])
        if township:
            town_name, town_county = split_qualified(township)
            town = _lookup(gaz, town_name, town_county or county)
            if town is not None:
                seat_of_town = town[0]
                return Location(seat_of_town.lon, seat_of_town.lat, _seat_precision(seat_of_town), "township",
                                seat_of_town)
        if county:
            seat = gaz.county_of(county)
            if seat is not None:
                return Location(seat.lon, seat.lat, _seat_precision(seat), "county", seat)
    context = f" in {county!r}" if county else ""
    raise GeocodeError(
        f"unknown place {bare!r}{context}: add it (or an alias) to geo/data/gazetteer_curated.csv, "
        "or give the record a township/county to fall back to"
    )
