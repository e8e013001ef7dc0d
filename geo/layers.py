"""Stage 5 — layers: turn geocoded records into the GeoDataFrames of ``layers/``.

One function per layer (``*_layer``), all driven by :func:`build_layers`.  Every
feature gets the common properties of the data contract (see ``seeds/README.md``
and docs/data.md): ``id``, ``name``, ``name_en``, ``province``, ``county``,
``precision``, ``source``, ``summary``, ``summary_en``, ``cross_border``,
``coord_source``, plus its kind's own.  Geocoding problems are collected for
every record and raised once, naming file, id and place.

Two placements beyond one point: a project or logistics site that a document
ties to several townships is a MultiPoint at their seats, and a feature whose
place no source gives (``position`` = ``unknown``) has no geometry and precision
``unknown``; a stop of unknown position stays in its route's list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo import config
from geo._errors import GeocodeError, RecordError
from geo._placement import (
    UNKNOWN_SOURCE,
    Resolver,
    coarsest,
    point_coord_source,
    point_record_location,
    point_record_locations,
)
from geo.boundaries import load_counties
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.geocode import Location, split_qualified
from geo.geometry import (
    border_line,
    counties_along,
    join_names,
    keep_within,
    leg_km,
    length_km,
    line_through,
    load_alignment,
    point,
    points_at,
)
from geo.records import Record, position_unknown, townships_of

_CRS = "EPSG:4326"
_SCHEMATIC_SOURCE = "schematic: straight legs between gazetteer places (geo/data/gazetteer.csv)"
#: Written after the name of a stop of unknown position in its route's ``stop_names``.
UNKNOWN_MARK = "（位置不明）"


def _common(rec: Record, *, precision: str, province: str, county: str, coord_source: str,
            cross_border: bool = False) -> dict[str, Any]:
    """The properties every non-boundary feature carries, in contract order."""
    return {
        "id": rec["id"],
        "name": rec["name"],
        "name_en": rec.get("name_en", ""),
        "variants": config.JOIN_SEP.join(rec.get("variants", [])),
        "province": province,
        "county": county,
        "precision": precision,
        "source": "; ".join(rec.get("source", [])),
        "summary": rec.get("summary", ""),
        "summary_en": rec.get("summary_en", ""),
        "cross_border": bool(cross_border),
        "coord_source": coord_source,
    }


def _frame(rows: list[dict[str, Any]], geoms: list[Any]) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(rows, geometry=geoms, crs=_CRS)
    if len(frame):
        frame = frame.sort_values("id").reset_index(drop=True)
    return frame


def partner_pairs(records: list[Record]) -> list[tuple[Record, Record]]:
    """The town pairs of 专栏6-1, each once, as (Qijiang-side record, partner record).

    Partners are written ``name`` or ``name@county``; unknown partners are left
    out here (the record checks report them).
    """
    by_key = {(t["name"], t["county"]): t for t in records}
    by_name: dict[str, Record] = {}
    for town in records:
        by_name.setdefault(town["name"], town)
    pairs, seen = [], set()
    for town in records:
        for partner in town.get("partners", []):
            bare, county = split_qualified(partner)
            other = by_key.get((bare, county)) if county else by_name.get(bare)
            key = frozenset((town["id"], other["id"])) if other else None
            if other is None or key in seen:
                continue
            seen.add(key)
            pairs.append((town, other))
    return pairs


def townships_layer(records: list[Record], resolver: Resolver) -> gpd.GeoDataFrame:
    """Points of the townships the documents name, at their seats.

    A town is ``cross_border`` when 专栏6-1 pairs it with a town of the other
    province (either side of the pair).
    """
    across = {t["id"] for pair in partner_pairs(records) if pair[0]["province"] != pair[1]["province"]
              for t in pair}
    rows, geoms = [], []
    for rec in records:
        if position_unknown(rec):  # no coordinate: not drawn at another town's seat
            props = _common(rec, precision=config.UNKNOWN_PRECISION, province=rec["province"],
                            county=rec["county"], coord_source=UNKNOWN_SOURCE, cross_border=rec["id"] in across)
            located_at, geom = "", None
        else:
            # a town missing from the gazetteer falls back to its county seat and says so
            loc = resolver.place("townships", rec, rec["name"], county=rec["county"])
            if loc is None:
                continue
            props = _common(rec, precision=loc.precision, province=rec["province"], county=rec["county"],
                            coord_source=loc.source, cross_border=rec["id"] in across)
            located_at, geom = loc.place.name, point(loc.lon, loc.lat)
        props["level"] = rec["level"]
        props["located_at"] = located_at
        props["partners"] = config.JOIN_SEP.join(split_qualified(p)[0] for p in rec.get("partners", []))
        rows.append(props)
        geoms.append(geom)
    return _frame(rows, geoms)


def cooperation_links_layer(records: list[Record], resolver: Resolver) -> gpd.GeoDataFrame:
    """One line per pair of towns that 专栏6-1 pairs, between their seats."""
    rows, geoms = [], []
    for town, other in partner_pairs(records):
        a = resolver.place("townships", town, town["name"], county=town["county"])
        b = resolver.place("townships", other, other["name"], county=other["county"])
        if a is None or b is None:
            continue
        cross = town["province"] != other["province"]
        rec = {
            "id": f"ln-{town['id'][3:]}-{other['id'][3:]}",
            "name": f"{town['name']}—{other['name']}",
            "name_en": f"{town['name_en']} – {other['name_en']}",
            "source": town["source"],
            "summary": f"{town['county']}{town['name']}与{other['county']}{other['name']}毗邻合作",
            "summary_en": (f"Cooperation pair: {town['name_en']} ({town['county']}) "
                           f"and {other['name_en']} ({other['county']})"),
        }
        props = _common(rec, precision="schematic",
                        province=join_names([town["province"], other["province"]]),
                        county=join_names([town["county"], other["county"]]),
                        coord_source=_SCHEMATIC_SOURCE, cross_border=cross)
        props.update({"from": town["name"], "to": other["name"],
                      "from_county": town["county"], "to_county": other["county"],
                      "length_km": round(leg_km((a.lon, a.lat), (b.lon, b.lat)), 2)})
        rows.append(props)
        geoms.append(line_through([(a.lon, a.lat), (b.lon, b.lat)]))
    return _frame(rows, geoms)


def _line_admin(line: Any, counties: gpd.GeoDataFrame) -> tuple[str, str]:
    names = counties_along(line, counties)
    province_of = dict(zip(counties["name"], counties["province"], strict=True))
    return join_names(province_of.get(n, "") for n in names), join_names(names)


def corridors_layer(records: list[Record], resolver: Resolver, counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Lines of the transport corridors.

    A record with an ``alignment`` is drawn along that surveyed line of
    ``geo/data/lines/`` (precision and ``coord_source`` from the file, e.g.
    OpenStreetMap with its attribution); the others are schematic lines
    through their ordered ``via`` places.
    """
    rows, geoms = [], []
    for rec in records:
        found = [resolver.place("corridors", rec, name, fallback=False) for name in rec["via"]]
        locs = [loc for loc in found if loc is not None]
        if len(locs) < len(found):
            continue
        precision, coord_source = "schematic", _SCHEMATIC_SOURCE
        if rec.get("alignment"):
            try:
                surveyed = load_alignment(rec["alignment"])
            except RecordError as exc:
                resolver.problems.append(f"corridors.csv:{rec['_line']} id={rec['id']!r} alignment: {exc}")
                continue
            line, precision, coord_source = surveyed.line, surveyed.precision, surveyed.coord_source
        else:
            line = line_through([(loc.lon, loc.lat) for loc in locs])
            if line is not None and rec.get("within"):
                area = counties.loc[counties["name"] == rec["within"]].geometry
                if area.empty:
                    resolver.problems.append(f"corridors.csv:{rec['_line']} id={rec['id']!r} within: {rec['within']!r} "
                                             "is not a county of geo/data/counties.geojson")
                    continue
                line = keep_within(line, area.iloc[0])
        if line is None:
            resolver.problems.append(f"corridors.csv:{rec['_line']} id={rec['id']!r}: via places {rec['via']!r} "
                                     "collapse to one point; name two distinct places")
            continue
        _, county = _line_admin(line, counties)
        # provinces from the named places: a long line may leave the mapped counties
        province = join_names(loc.place.province for loc in locs)
        props = _common(rec, precision=precision, province=province, county=county,
                        coord_source=coord_source, cross_border=rec["cross_border"])
        props.update({"mode": rec["mode"], "status": rec["status"],
                      "status_note": rec.get("status_note", ""),
                      "via": "—".join(split_qualified(v)[0] for v in rec["via"]),
                      "length_km": round(length_km(line), 2)})
        rows.append(props)
        geoms.append(line)
    return _frame(rows, geoms)


def tourism_layers(routes: list[Record], stops: list[Record],
                   resolver: Resolver) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Route lines through their stops, and the stops with leg and cumulative km.

    A stop of unknown position is kept in the stops (no geometry, no leg) and in the
    route's ``stop_names`` with :data:`UNKNOWN_MARK`; the line joins the placed stops.
    """
    stop_rows: list[dict[str, Any]] = []
    stop_geoms: list[BaseGeometry | None] = []
    route_rows: list[dict[str, Any]] = []
    route_geoms: list[BaseGeometry] = []
    by_route: dict[str, list[Record]] = {}
    for stop in stops:
        by_route.setdefault(stop["route_id"], []).append(stop)
    for route in routes:
        ordered = sorted(by_route.get(route["id"], []), key=lambda s: s["seq"])
        found: list[tuple[Record, Location | None]] = []
        for stop in ordered:
            if position_unknown(stop):  # listed in its route, not drawn, not guessed
                found.append((stop, None))
                continue
            loc = point_record_location("tourism_stops", stop, resolver)
            if loc is None:
                break
            found.append((stop, loc))
        if len(found) != len(ordered):
            continue
        placed = [(stop, loc) for stop, loc in found if loc is not None]
        cum = 0.0
        prev: tuple[float, float] | None = None
        for stop, loc in found:
            if loc is None:
                # no leg to or from a stop of unknown position: the line joins the stops on either side
                props = _common(stop, precision=config.UNKNOWN_PRECISION, province=stop["province"],
                                county=stop["county"], coord_source=UNKNOWN_SOURCE)
                props.update({"route_id": route["id"], "theme": route["theme"], "seq": stop["seq"],
                              "located_at": "", "leg_km": None, "cum_km": None})
                stop_rows.append(props)
                stop_geoms.append(None)
                continue
            here = (loc.lon, loc.lat)
            leg = leg_km(prev, here) if prev else 0.0
            cum += leg
            prev = here
            props = _common(stop, precision=loc.precision, province=stop["province"], county=stop["county"],
                            coord_source=point_coord_source(stop, [loc]))
            props.update({"route_id": route["id"], "theme": route["theme"], "seq": stop["seq"],
                          "located_at": loc.place.name, "leg_km": round(leg, 2), "cum_km": round(cum, 2)})
            stop_rows.append(props)
            stop_geoms.append(point(*here))
        line = line_through([(loc.lon, loc.lat) for _, loc in placed])
        if line is None:
            continue
        stops_named = [s["name"] + (UNKNOWN_MARK if loc is None else "") for s, loc in found]
        props = _common(route, precision="schematic",
                        province=join_names(s["province"] for s, _ in placed),
                        county=join_names(s["county"] for s, _ in placed),
                        coord_source=_SCHEMATIC_SOURCE,
                        cross_border=len({s["province"] for s, _ in placed}) > 1)
        props.update({"route_id": route["id"], "theme": route["theme"], "stops": len(found),
                      "stop_names": "—".join(stops_named), "length_km": round(cum, 2)})
        route_rows.append(props)
        route_geoms.append(line)
    return _frame(route_rows, route_geoms), _frame(stop_rows, stop_geoms)


def point_layer(kind: str, records: list[Record], resolver: Resolver) -> gpd.GeoDataFrame:
    """Points of logistics sites or other projects, with ``kind`` and ``status``.

    A record tied to several townships is a MultiPoint at their seats (precision the
    coarsest of theirs, ``located_at`` listing them); a record of unknown position has
    no geometry and precision ``unknown``.
    """
    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry | None] = []
    for rec in records:
        if position_unknown(rec):
            props = _common(rec, precision=config.UNKNOWN_PRECISION, province=rec["province"],
                            county=rec["county"], coord_source=UNKNOWN_SOURCE)
            props.update({"kind": rec["kind"], "status": rec["status"], "township": "", "located_at": ""})
            rows.append(props)
            geoms.append(None)
            continue
        locs = point_record_locations(kind, rec, resolver)
        if locs is None:
            continue
        props = _common(rec, precision=coarsest([loc.precision for loc in locs]), province=rec["province"],
                        county=rec["county"], coord_source=point_coord_source(rec, locs))
        props.update({"kind": rec["kind"], "status": rec["status"],
                      "township": config.JOIN_SEP.join(townships_of(rec)),
                      "located_at": join_names(loc.place.name for loc in locs)})
        rows.append(props)
        geoms.append(points_at([(loc.lon, loc.lat) for loc in locs]))
    return _frame(rows, geoms)


def boundaries_layer(counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """County polygons with ``id``, ``adcode``, ``name``, ``name_en``, ``province``, ``source``."""
    rows = [{"id": f"bd-{r.adcode}", "adcode": str(r.adcode), "name": r.name, "name_en": r.name_en,
             "province": r.province, "kind": "county", "source": r.source} for r in counties.itertuples()]
    return _frame(rows, list(counties.geometry))


def province_border_layer(counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The Chongqing–Guizhou border line derived from the county polygons."""
    line = border_line(counties)
    sources = join_names(sorted(set(counties["source"])))
    rows = [{"id": "bd-border-cq-gz", "name": "重庆市—贵州省省界", "name_en": "Chongqing–Guizhou provincial border",
             "province": "重庆市、贵州省", "kind": "province_border", "source": sources}]
    return _frame(rows, [line])


def build_layers(
    records: dict[str, list[Record]],
    gazetteer: Gazetteer | None = None,
    counties: gpd.GeoDataFrame | None = None,
) -> dict[str, gpd.GeoDataFrame]:
    """Build every layer of the data contract from validated records.

    Parameters
    ----------
    records : dict
        Kind -> records, from :func:`geo.records.load_all_records`.
    gazetteer : Gazetteer, optional
        Defaults to the shipped gazetteer.
    counties : GeoDataFrame, optional
        County polygons; defaults to the shipped ones.

    Returns
    -------
    dict
        Layer name -> GeoDataFrame, in :data:`geo.config.LAYERS` order.

    Raises
    ------
    GeocodeError
        Listing every record whose place could not be resolved.
    """
    gaz = gazetteer or load_gazetteer()
    counties = load_counties() if counties is None else counties
    resolver = Resolver(gaz)
    routes, stops = tourism_layers(records["tourism_routes"], records["tourism_stops"], resolver)
    builders: dict[str, Callable[[], gpd.GeoDataFrame]] = {
        "boundaries": lambda: boundaries_layer(counties),
        "province_border": lambda: province_border_layer(counties),
        "corridors": lambda: corridors_layer(records["corridors"], resolver, counties),
        "cooperation_links": lambda: cooperation_links_layer(records["townships"], resolver),
        "tourism_routes": lambda: routes,
        "projects": lambda: point_layer("projects", records["projects"], resolver),
        "logistics_parks": lambda: point_layer("logistics", records["logistics"], resolver),
        "tourism_stops": lambda: stops,
        "townships": lambda: townships_layer(records["townships"], resolver),
    }
    layers = {name: builders[name]() for name in config.LAYERS}
    if resolver.problems:
        raise GeocodeError("some records could not be placed", sorted(set(resolver.problems)))
    return layers
