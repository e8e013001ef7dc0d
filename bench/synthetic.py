"""Synthetic record sets at N times the plan's size, for the benchmarks.

:func:`make_synthetic` copies the plan's record files (``seeds/``) and adds
``factor - 1`` replicas of every record, each with a new id, keeping the data
contract (the replicas pass the same schemas and set checks as the originals):

* townships get a new name (``赶水镇`` -> ``赶水7镇``) and a seat drawn at
  random inside their county's polygon; their partners are the replicas of the
  original partners, so cooperation links scale too;
* projects, logistics sites and tourism stops are placed at a new gazetteer
  site inside their county (most), found through an alias (some), or keep the
  original name and so resolve like the original (exact, alias, normalised or
  parent fallback);
* corridors run through new sites jittered around their original places (places
  outside the mapped counties are kept);
* tourism routes are copied with their replicated stops.

The new places go into one extra gazetteer file next to the records; the
shipped gazetteer files are used as they are.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from geo import config
from geo.boundaries import load_counties
from geo.gazetteer import GAZETTEER_FILES, Gazetteer, load_gazetteer
from geo.geocode import geocode_place, split_qualified

#: Label of the synthetic coordinates (``coord_source`` of the extra gazetteer rows).
SYNTHETIC_SOURCE = "synthetic: bench/synthetic.py (random point for benchmarks, not a real place)"
GAZETTEER_COLUMNS = ("id", "name", "aliases", "name_en", "level", "province", "county", "township",
                     "adcode", "lon", "lat", "precision", "coord_source", "note")
#: Shares of point-record replicas placed at a new site by its name / by an alias;
#: the rest keep the original name.
SITE_SHARE = 0.55
ALIAS_SHARE = 0.10
_LEVEL_SUFFIXES = ("街道", "镇", "乡")


@dataclass(frozen=True)
class SyntheticSet:
    """Where a synthetic record set was written.

    Attributes
    ----------
    seeds : Path
        Folder of the record files (the six CSV files of ``config.RECORD_FILES``).
    gazetteer : list of Path
        The shipped gazetteer files plus the synthetic one.
    factor : int
        Records per record of the plan.
    """

    seeds: Path
    gazetteer: list[Path]
    factor: int


def shipped_gazetteer_files() -> list[Path]:
    """Paths of the gazetteer CSV files shipped in ``geo/data``."""
    folder = Path(str(resources.files("geo").joinpath("data")))
    return [folder / name for name in GAZETTEER_FILES if (folder / name).exists()]


def replica_town_name(name: str, replica: int) -> str:
    """Name of a township's replica, keeping its level suffix (``赶水镇`` -> ``赶水7镇``)."""
    for suffix in _LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{name[: -len(suffix)]}{replica}{suffix}"
    return f"{name}{replica}"


def _replica_partner(partner: str, replica: int) -> str:
    bare, county = split_qualified(partner)
    renamed = replica_town_name(bare, replica)
    return f"{renamed}@{county}" if county else renamed


class _Places:
    """Collects the synthetic gazetteer rows and draws points inside counties."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rows: list[dict[str, str]] = []
        self.names: set[str] = set()
        counties = load_counties()
        self.polygons: dict[str, BaseGeometry] = {}
        for name, geom in zip(counties["name"], counties.geometry, strict=True):
            inner = geom.buffer(-0.01)
            self.polygons[name] = inner if not inner.is_empty else geom
            shapely.prepare(self.polygons[name])

    def point_in(self, county: str) -> tuple[float, float]:
        """A random (lon, lat) inside the polygon of ``county``."""
        poly = self.polygons[county]
        minx, miny, maxx, maxy = poly.bounds
        while True:
            lon, lat = self.rng.uniform(minx, maxx), self.rng.uniform(miny, maxy)
            if shapely.contains_xy(poly, lon, lat):
                return round(lon, 5), round(lat, 5)

    def jitter(self, lon: float, lat: float, county: str, spread: float = 0.08) -> tuple[float, float]:
        """A point near (lon, lat), kept inside ``county``'s polygon when the county is mapped."""
        poly = self.polygons.get(county)
        for _ in range(20):
            x = round(lon + self.rng.uniform(-spread, spread), 5)
            y = round(lat + self.rng.uniform(-spread, spread), 5)
            if poly is None or shapely.contains_xy(poly, x, y):
                return x, y
        return round(lon, 5), round(lat, 5)

    def unique(self, name: str) -> str:
        """``name``, or ``name`` with a letter added when a synthetic place already has it."""
        candidate, extra = name, 0
        while candidate in self.names:
            extra += 1
            candidate = f"{name}{chr(ord('a') + extra - 1)}"
        return candidate

    def add(self, *, pid: str, name: str, level: str, province: str, county: str, lon: float, lat: float,
            township: str = "", aliases: str = "", name_en: str = "") -> None:
        precision = "township" if level == "township" else "site"
        self.names.update({name, *filter(None, [aliases])})
        self.rows.append({
            "id": pid, "name": name, "aliases": aliases, "name_en": name_en, "level": level,
            "province": province, "county": county, "township": township, "adcode": "",
            "lon": f"{lon:.5f}", "lat": f"{lat:.5f}", "precision": precision,
            "coord_source": SYNTHETIC_SOURCE, "note": "benchmark replica",
        })


def _read(kind: str, folder: Path) -> tuple[list[str], list[dict[str, str]]]:
    with (folder / config.RECORD_FILES[kind]).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str] | tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() and c.isascii() else "-" for c in text.lower()).strip("-")


def _point_replica(row: dict[str, str], replica: int, places: _Places) -> dict[str, str]:
    """A replica of a project, logistics site or stop, placed as :data:`SITE_SHARE` says."""
    new = dict(row, id=f"{row['id']}-x{replica:03d}")
    draw = places.rng.random()
    if draw >= SITE_SHARE + ALIAS_SHARE or row["county"] not in places.polygons:
        return new  # same name: resolves like the original
    lon, lat = places.point_in(row["county"])
    official = places.unique(f"{row['name']}·{replica}")
    aliases = ""
    if draw >= SITE_SHARE:
        aliases = places.unique(f"{row['name']}{replica}号")
        new["name"] = aliases
    else:
        new["name"] = official
    new["name_en"] = f"{row['name_en']} {replica}"
    new["variants"] = ""
    places.add(pid=f"syn-{_slug(new['id'])}", name=official, aliases=aliases, level="site",
               province=row["province"], county=row["county"], township=row.get("township", ""),
               lon=lon, lat=lat, name_en=new["name_en"])
    return new


def _towns(rows: list[dict[str, str]], factor: int, places: _Places) -> list[dict[str, str]]:
    out = list(rows)
    for replica in range(1, factor):
        for row in rows:
            name = replica_town_name(row["name"], replica)
            partners = [_replica_partner(p, replica) for p in row["partners"].split(config.LIST_SEP) if p]
            new = dict(row, id=f"{row['id']}-x{replica:03d}", name=name, variants="",
                       name_en=f"{row['name_en']} {replica}", partners=config.LIST_SEP.join(partners))
            lon, lat = places.point_in(row["county"])
            places.add(pid=f"syn-{_slug(new['id'])}", name=name, level="township", province=row["province"],
                       county=row["county"], township=name, lon=lon, lat=lat, name_en=new["name_en"])
            out.append(new)
    return out


def _corridors(rows: list[dict[str, str]], factor: int, places: _Places, gaz: Gazetteer) -> list[dict[str, str]]:
    out = list(rows)
    made: dict[tuple[str, int], str] = {}
    for replica in range(1, factor):
        for row in rows:
            via = []
            for name in row["via"].split(config.LIST_SEP):
                key = (name, replica)
                loc = geocode_place(name, gazetteer=gaz, fallback=False)
                if loc.place.county not in places.polygons:
                    via.append(name)  # outside the mapped region: keep the real place
                    continue
                if key not in made:
                    new_name = f"{split_qualified(name)[0]}·c{replica}"
                    lon, lat = places.jitter(loc.lon, loc.lat, loc.place.county)
                    places.add(pid=f"syn-via-{len(made):06d}", name=new_name, level="site",
                               province=loc.place.province, county=loc.place.county, lon=lon, lat=lat)
                    made[key] = new_name
                via.append(made[key])
            out.append(dict(row, id=f"{row['id']}-x{replica:03d}", name=f"{row['name']}·{replica}", variants="",
                            name_en=f"{row['name_en']} {replica}", via=config.LIST_SEP.join(via)))
    return out


def make_synthetic(factor: int, dest: Path, seed: int = 20220101, source: Path | None = None) -> SyntheticSet:
    """Write a record set ``factor`` times the size of ``source`` into ``dest``.

    Parameters
    ----------
    factor : int
        Records per original record (1 copies the plan's records unchanged).
    dest : Path
        Folder to write into (created); gets ``seeds/`` and ``gazetteer_synthetic.csv``.
    seed : int
        Seed of the random placement (the same seed gives the same files).
    source : Path, optional
        Folder of the original records; defaults to :func:`geo.config.seeds_dir`.

    Returns
    -------
    SyntheticSet
        The folders and files to build from.
    """
    if factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor}")
    source = Path(source or config.seeds_dir())
    seeds = Path(dest) / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    places = _Places(random.Random(seed))
    gaz = load_gazetteer()
    for kind in config.RECORD_FILES:
        columns, rows = _read(kind, source)
        if kind == "townships":
            out = _towns(rows, factor, places)
        elif kind == "corridors":
            out = _corridors(rows, factor, places, gaz)
        elif kind == "tourism_routes":
            out = rows + [dict(r, id=f"{r['id']}-x{k:03d}", name=f"{r['name']}·{k}", name_en=f"{r['name_en']} {k}")
                          for k in range(1, factor) for r in rows]
        elif kind == "tourism_stops":
            out = list(rows)
            for k in range(1, factor):
                out += [dict(_point_replica(r, k, places), route_id=f"{r['route_id']}-x{k:03d}") for r in rows]
        else:
            out = rows + [_point_replica(r, k, places) for k in range(1, factor) for r in rows]
        _write(seeds / config.RECORD_FILES[kind], columns, out)
    extra = Path(dest) / "gazetteer_synthetic.csv"
    _write(extra, GAZETTEER_COLUMNS, places.rows)
    return SyntheticSet(seeds=seeds, gazetteer=[*shipped_gazetteer_files(), extra], factor=factor)
