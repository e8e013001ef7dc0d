"""Township seats and the sites placed at them, against an independent official extent.

The seats come from GeoNames (``tools/extract_gazetteer.py``); the extents are the
"四至" boxes of PyPI ``sizhi`` 3.0.6, derived into ``geo/data/township_boxes.csv`` by
``tools/township_boxes.py`` (a township whose name sizhi keeps only for a namesake
elsewhere in China has no box and is not checked here).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from shapely import Point, box

from geo.gazetteer import load_gazetteer
from geo.records import load_all_records

BOXES = Path(__file__).resolve().parent.parent / "geo" / "data" / "township_boxes.csv"


@pytest.fixture(scope="module")
def boxes() -> dict[str, dict]:
    with BOXES.open(encoding="utf-8") as handle:
        return {row["adcode"]: row for row in csv.DictReader(handle)}


def _extent(row: dict):
    return box(*(float(row[k]) for k in ("west", "south", "east", "north")))


def test_boxes_are_official_townships_of_the_mapped_counties(boxes) -> None:
    assert len(boxes) >= 130
    assert all(len(code) == 9 and row["source"].startswith("sizhi 3.0.6") for code, row in boxes.items())
    shihao = boxes["500110112"]
    assert shihao["name"] == "石壕镇" and shihao["county"] == "綦江区"


def test_every_township_seat_lies_in_its_own_extent(boxes) -> None:
    checked, outside = 0, []
    for place in load_gazetteer().places:
        if place.level != "township" or place.adcode not in boxes:
            continue
        checked += 1
        if not _extent(boxes[place.adcode]).contains(Point(place.lon, place.lat)):
            outside.append(f"{place.name}@{place.county} ({place.lon}, {place.lat}) [{place.coord_source}]")
    assert checked >= 40, "too few seats have an extent to check"
    assert not outside, "township seats outside their official extent:\n" + "\n".join(outside)


def test_every_locality_lies_in_its_township_extent(boxes) -> None:
    gaz = load_gazetteer()
    by_name = {(p.county, p.name): p for p in gaz.places if p.level == "township"}
    for place in (p for p in gaz.places if p.level == "locality" and p.township and p.precision != "county"):
        town = by_name[(place.county, place.township)]
        if town.adcode in boxes:
            assert _extent(boxes[town.adcode]).contains(Point(place.lon, place.lat)), place.name


def test_every_site_placed_at_a_township_lies_in_that_township(boxes, built_layers) -> None:
    """Each point with a township (not placed only at its county seat) lies inside that township."""
    towns = {(row["county"], row["name"]): row for row in boxes.values()}
    records = {rec["id"]: rec for kind in ("projects", "logistics", "tourism_stops")
               for rec in load_all_records()[kind]}
    checked, outside = 0, []
    for layer in ("projects", "logistics_parks", "tourism_stops"):
        for feat in built_layers[layer].itertuples():
            rec = records[feat.id]
            extent = towns.get((rec["county"], rec.get("township", "")))
            if extent is None or feat.precision == "county":
                continue
            checked += 1
            if not _extent(extent).contains(feat.geometry):
                outside.append(f"{layer} {feat.id} ({feat.geometry.x}, {feat.geometry.y}) outside {rec['township']}")
    assert checked >= 40
    assert not outside, "\n".join(outside)
