"""Stage 2 — gazetteer: place names, aliases, hierarchy and sourced coordinates.

The gazetteer (``geo/data/gazetteer.csv``, provenance in ``geo/data/SOURCES.md``)
lists the counties, townships and sites the records refer to.  Each entry has a
WGS84 coordinate, the dataset it came from and what the coordinate represents
(``precision``: the site itself, a township seat or a county seat).  It is
indexed by exact name, by alias and by a normalised form for the geocoder.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from geo import config
from geo._csvschema import read_records
from geo._errors import RecordError

#: Short county names that the documents put in front of a site name
#: ("綦江古剑山", "桐梓娄山关"); the normalised form drops them.
_COUNTY_PREFIXES: tuple[str, ...] = (
    "重庆", "贵州", "遵义", "綦江", "万盛", "桐梓", "习水", "江津", "巴南",
    "南川", "正安", "赤水", "仁怀", "汇川", "播州", "红花岗",
)
_PUNCT = re.compile(r"[\s·•・'\"“”‘’（）()\[\]【】《》,，、。:：;；\-—–_/]+")


def normalize_name(name: str) -> str:
    """Return the normalised form of a place name used for loose matching.

    The form is NFKC-folded, stripped of spaces and punctuation, of a leading
    county short name (``綦江古剑山`` -> ``古剑山``) and of one administrative or
    station suffix (``赶水镇`` -> ``赶水``, ``古南街道`` -> ``古南``).  A name
    that would become shorter than two characters keeps its suffix, so that
    ``丁山`` is not reduced to ``丁``.

    Parameters
    ----------
    name : str
        A place name as written.

    Returns
    -------
    str
        The normalised key (may equal the input).
    """
    text = unicodedata.normalize("NFKC", str(name))
    text = _PUNCT.sub("", text).lower()
    for prefix in _COUNTY_PREFIXES:
        if text.startswith(prefix) and len(text) - len(prefix) >= 2:
            rest = text[len(prefix):]
            # keep "綦江区"/"綦江河" whole: only drop a prefix followed by a name
            if rest[0] not in "区县市河":
                text = rest
            break
    for suffix in config.NAME_SUFFIXES:
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            return text[: -len(suffix)]
    return text


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    Attributes
    ----------
    id, name, name_en : str
        Stable id, official Chinese name, English/pinyin name.
    level : str
        ``province``, ``prefecture``, ``county``, ``township``, ``locality`` (a
        village or other named place below the township) or ``site``.
    province, county, township : str
        Administrative parents (a county's ``county`` is its own name).
    lon, lat : float
        WGS84 coordinate.
    precision : str
        What the coordinate represents: ``site``, ``township`` (a township
        seat), ``county`` (a county seat) or ``area`` (a point within the
        unit's extent, not its seat).
    coord_source : str
        The dataset or method the coordinate comes from.
    """

    id: str
    name: str
    name_en: str
    level: str
    province: str
    county: str
    township: str
    adcode: str
    lon: float
    lat: float
    precision: str
    coord_source: str
    aliases: tuple[str, ...] = field(default=())


class Gazetteer:
    """Places indexed by exact name, alias and normalised form.

    Parameters
    ----------
    places : list of Place
        The entries.
    """

    def __init__(self, places: list[Place]) -> None:
        self.places: list[Place] = list(places)
        self.by_id: dict[str, Place] = {p.id: p for p in self.places}
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.by_alias: dict[str, list[Place]] = defaultdict(list)
        self.by_norm: dict[str, list[Place]] = defaultdict(list)
        for place in self.places:
            self.by_name[place.name].append(place)
            for alias in place.aliases:
                self.by_alias[alias].append(place)
            keys = {normalize_name(place.name), *(normalize_name(a) for a in place.aliases)}
            for key in keys:
                self.by_norm[key].append(place)
        self.counties: dict[str, Place] = {p.name: p for p in self.places if p.level == "county"}

    def __len__(self) -> int:
        return len(self.places)

    def county_of(self, name: str) -> Place | None:
        """Return the county entry of that official name (or alias), if any."""
        if name in self.counties:
            return self.counties[name]
        for place in self.by_alias.get(name, []):
            if place.level == "county":
                return place
        return None


def _place_from_row(row: dict) -> Place:
    level = row["level"]
    county = row.get("county", "") or (row["name"] if level == "county" else "")
    township = row.get("township", "") or (row["name"] if level == "township" else "")
    return Place(
        id=row["id"], name=row["name"], name_en=row.get("name_en", ""), level=level,
        province=row["province"], county=county, township=township,
        adcode=row.get("adcode", ""), lon=float(row["lon"]), lat=float(row["lat"]),
        precision=row["precision"], coord_source=row["coord_source"],
        aliases=tuple(row.get("aliases", [])),
    )


#: Gazetteer files shipped in ``geo/data``: those generated from registry
#: packages by ``tools/extract_gazetteer.py``, ``tools/township_extents.py``,
#: ``tools/extra_county_seats.py`` and ``tools/localities.py``, and the hand-curated
#: one whose every row cites its own source.
GAZETTEER_FILES: tuple[str, ...] = (
    "gazetteer.csv", "gazetteer_extents.csv", "gazetteer_seats.csv", "gazetteer_localities.csv",
    "gazetteer_curated.csv",
)


def load_gazetteer(path: Path | list[Path] | None = None) -> Gazetteer:
    """Load and validate the gazetteer.

    Parameters
    ----------
    path : Path or list of Path, optional
        Gazetteer CSV file(s); defaults to the ones shipped in ``geo/data``
        (:data:`GAZETTEER_FILES`).

    Returns
    -------
    Gazetteer

    Raises
    ------
    RecordError
        If a row breaks the gazetteer schema or an id repeats.
    """
    if path is None:
        return _default_gazetteer()
    paths = [Path(p) for p in path] if isinstance(path, list) else [Path(path)]
    rows: list[dict] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for file in paths:
        file_rows, file_problems = read_records(file, "gazetteer")
        problems.extend(file_problems)
        for row in file_rows:
            where = f"{file.name}:{row['_line']}"
            if row["id"] in seen:
                problems.append(f"{where} id={row['id']!r}: duplicate id, also at {seen[row['id']]}")
            seen[row["id"]] = where
        rows.extend(file_rows)
    if problems:
        raise RecordError(f"gazetteer {', '.join(map(str, paths))} is invalid", problems)
    return Gazetteer([_place_from_row(r) for r in rows])


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    data = resources.files("geo").joinpath("data")
    with resources.as_file(data) as folder:
        paths = [Path(folder) / name for name in GAZETTEER_FILES if (Path(folder) / name).exists()]
        return load_gazetteer(paths)
