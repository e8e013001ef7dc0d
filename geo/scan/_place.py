"""Private: place found features honestly, with the existing geocoder and the map's own geometries.

- a feature that matches a record takes the record's geometry and precision from the built layers;
- a township, village or known site is geocoded by name (:func:`geo.geocode.geocode_place`,
  no fallback), an official township without a coordinate at its county's seat (``county``);
- a corridor is a schematic line through its named end points when at least two are known,
  otherwise it has no geometry;
- another feature is put at the seat of the most specific place its own name contains
  (``赶水页岩气…`` at 赶水镇's seat, precision ``township``), otherwise it has no geometry;
- nothing is placed when the words around it name a county outside the area (黔江区, 永城市):
  the feature keeps ``in_area = false`` and a null geometry.  This holds for a township or place
  that shares its name with a record of the map too (三角镇 of 中山市 is not 綦江's 三角镇):
  :func:`elsewhere` refuses the record before it is matched.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Any

from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from geo._errors import GeocodeError
from geo.gazetteer import Gazetteer
from geo.geocode import Location, geocode_place
from geo.scan._classify import positions
from geo.scan._names import TOWNSHIP_ENDINGS, Entry
from geo.scan._text import Mention

_LEVEL_RANK = {"place": 0, "township": 1, "project": 0, "county": 2}


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a feature was put: geometry (or None), precision class, county, province, in the area or not."""

    geometry: BaseGeometry | None
    precision: str
    county: str
    province: str
    in_area: bool
    township: str = ""


class CountyContext:
    """County-level names of one text, to tell which county the words around a feature are about."""

    def __init__(self, text: str, named: list[tuple[int, Entry]]) -> None:
        self.text = text
        self.named = named
        self._starts = [pos for pos, _ in named]
        counts = Counter(e.county for _, e in named)
        #: Whether the text names a county of the area at all (by its full or short name).
        self.area_named = any(e.in_area for _, e in named)
        self.dominant: Entry | None = None
        if counts:
            top = counts.most_common(1)[0][0]
            self.dominant = next(e for _, e in named if e.county == top)

    def near(self, start: int, end: int) -> Entry | None:
        """The county named last before ``end`` in the sentence, else in the line, else the text's most named one.

        A county's short name that is a township's own stem is not counted (``赤水`` of 华州区's ``赤水镇``
        names no county there); a county named at the start of a longer name is (``綦江北渡新区物流园``,
        ``桐梓县新站物流园区``).
        """
        stops = positions(self.text, "。！？；\n")
        i = bisect.bisect_left(stops, start)
        sentence = stops[i - 1] + 1 if i > 0 else 0
        line = self.text.rfind("\n", 0, start) + 1
        last = bisect.bisect_left(self._starts, end) - 1
        name = self.text[start:end]
        stem = next((name[:-len(ending)] for ending in TOWNSHIP_ENDINGS if name.endswith(ending)), "")
        while (last >= 0 and stem and self._starts[last] == start and self.named[last][1].bare
               and self.named[last][1].county.startswith(stem)):
            last -= 1
        for lo in (sentence, line):
            if last >= 0 and self._starts[last] >= lo:
                return self.named[last][1]
        return self.dominant


def _geocode(name: str, gazetteer: Gazetteer, county: str | None = None) -> Location | None:
    try:
        return geocode_place(name, county=county, gazetteer=gazetteer, fallback=False)
    except GeocodeError:
        return None


def _point(loc: Location, precision: str | None = None) -> Placed:
    place = loc.place
    return Placed(Point(loc.lon, loc.lat), precision or loc.precision, place.county or place.name, place.province,
                  True, place.township)


def _inner_place(mention: Mention, hits: list[tuple[int, int, str, tuple[Entry, ...]]],
                 gazetteer: Gazetteer, area_named: bool) -> Placed | None:
    """The seat of the most specific in-area place that the feature's own name contains (``hits`` sorted).

    A township's bare name (``新站`` of 新站镇, ``赶水`` of 赶水镇) counts only in a text that names a county
    of the area (``area_named``): bare names are often common words (``新站高新区`` of 合肥 is a "new
    station" district, not 桐梓's 新站镇), and a text that never names the area gives no reason to read
    them as its places.
    """
    options: list[tuple[int, int, str, Entry]] = []
    first = bisect.bisect_left(hits, (mention.start,))
    for s, e, name, entries in hits[first:]:
        if s >= mention.end:
            break
        if e <= mention.end and (s, e) != (mention.start, mention.end):
            for entry in entries:
                if entry.kind in ("township", "place", "county") and entry.in_area and (area_named or not entry.bare):
                    options.append((_LEVEL_RANK[entry.kind], s, name, entry))
    for _rank, _s, name, entry in sorted(options, key=lambda o: (o[0], -len(o[2]))):
        loc = _geocode(name, gazetteer, entry.county if entry.kind != "county" else None)
        if loc is not None:
            level = "county" if entry.kind == "county" or loc.place.level == "county" else "township"
            return _point(loc, level)
    return None


def elsewhere(mention: Mention, context: CountyContext) -> Entry | None:
    """The county outside the area that a township or place mention is said to be in, if any.

    Township and village names repeat all over China (三角镇, 中山镇), so a text about 中山市's
    三角镇 must not match, nor be drawn at, the map's 三角镇 of 綦江区.  The county is the one the
    words around the mention name (:meth:`CountyContext.near`); a corridor's or a site's own name
    is specific enough to be kept.
    """
    if mention.kind not in ("township", "place"):
        return None
    near = context.near(mention.start, mention.end)
    return near if near is not None and not near.in_area else None


def place_mention(mention: Mention, *, record_geometry: tuple[BaseGeometry | None, str, dict[str, Any]] | None,
                  context: CountyContext, gazetteer: Gazetteer,
                  hits: list[tuple[int, int, str, tuple[Entry, ...]]]) -> Placed:
    """Where to draw one mention (see the module's docstring for the rules)."""
    near = context.near(mention.start, mention.end)
    if record_geometry is not None:  # a namesake elsewhere comes without one (elsewhere, in the pipeline)
        geometry, precision, props = record_geometry
        return Placed(geometry, precision, str(props.get("county") or ""), str(props.get("province") or ""), True,
                      str(props.get("township") or ""))
    own = [e for e in mention.entries if e.kind != "county"]
    outside = near is not None and not near.in_area
    if outside or (own and not any(e.in_area for e in own)):
        where = near if outside and near else (own[0] if own else None)
        return Placed(None, "", where.county if where else "", where.province if where else "", False)
    county = near.county if near is not None else None
    if mention.kind in ("township", "place"):
        entry = next((e for e in own if e.in_area and (county is None or e.county == county)), None)
        loc = _geocode(mention.full_name, gazetteer, entry.county if entry else (county or None))
        if loc is not None:
            return _point(loc)
        if entry is not None and entry.county:
            seat = _geocode(entry.county, gazetteer)
            if seat is not None:
                return Placed(Point(seat.lon, seat.lat), "county", entry.county, entry.province, True)
        return Placed(None, "", county or "", near.province if near else "", True)
    if mention.kind == "corridor" and mention.via:
        located = [_geocode(v, gazetteer) for v in mention.via]
        coords = list(dict.fromkeys((loc.lon, loc.lat) for loc in located if loc is not None))
        if len(coords) >= 2 and located[0] is not None and located[-1] is not None:
            return Placed(LineString(coords), "schematic", "", "", True)
        return Placed(None, "", county or "", near.province if near else "", True)
    if mention.kind != "corridor":
        loc = _geocode(mention.full_name, gazetteer) if any(e.source == "gazetteer" for e in own) else None
        if loc is not None:
            return _point(loc)
        inner = _inner_place(mention, hits, gazetteer, context.area_named)
        if inner is not None:
            return inner
    return Placed(None, "", county or "", near.province if near else "", True)
