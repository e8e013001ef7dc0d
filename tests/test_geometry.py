"""Geometry: geodesic lengths, schematic lines, counties along a line, the border."""

from __future__ import annotations

import pytest
from shapely import LineString, Polygon

from geo import config
from geo._errors import RecordError
from geo.geometry import (
    border_line,
    counties_along,
    join_names,
    keep_within,
    leg_km,
    length_km,
    line_through,
    load_alignment,
)


def test_leg_km_matches_a_known_distance() -> None:
    # one degree of latitude at 29°N is about 110.9 km on the WGS84 ellipsoid
    assert leg_km((106.5, 28.5), (106.5, 29.5)) == pytest.approx(110.88, abs=0.1)


def test_line_through_drops_repeats_and_needs_two_points() -> None:
    line = line_through([(106.1, 29.1), (106.1, 29.1), (106.2, 29.2)])
    assert list(line.coords) == [(106.1, 29.1), (106.2, 29.2)]
    assert line_through([(106.1, 29.1), (106.1, 29.1)]) is None


def test_length_km_is_the_sum_of_legs() -> None:
    pts = [(106.1, 29.1), (106.2, 29.3), (106.4, 29.2)]
    assert length_km(LineString(pts)) == pytest.approx(leg_km(pts[0], pts[1]) + leg_km(pts[1], pts[2]), rel=1e-9)


def test_counties_along_in_order(mini_counties) -> None:
    north_to_south = LineString([(106.2, 29.4), (106.2, 28.6)])
    assert counties_along(north_to_south, mini_counties) == ["綦江区", "桐梓县"]
    assert counties_along(LineString([(106.2, 28.6), (106.2, 29.4)]), mini_counties) == ["桐梓县", "綦江区"]


def test_border_line_of_the_mini_counties(mini_counties) -> None:
    border = border_line(mini_counties)
    assert border.length == pytest.approx(0.5, abs=0.01)  # the shared edge at lat 29, ends trimmed
    assert all(abs(y - 29.0) < 1e-9 for x, y in border.coords)


def test_join_names_keeps_order_without_repeats() -> None:
    assert join_names(["綦江区", "桐梓县", "綦江区", ""]) == "綦江区、桐梓县"


def test_keep_within_bends_a_leg_around_a_notch_and_keeps_the_places() -> None:
    # an L-shaped county: the straight leg from the top arm to the right arm cuts the missing corner
    county = Polygon([(0, 0), (1, 0), (1, 0.4), (0.4, 0.4), (0.4, 1), (0, 1)])
    line = LineString([(0.2, 0.9), (0.9, 0.2)])
    assert not line.within(county)
    bent = keep_within(line, county, inset_deg=0.05)
    assert bent.within(county.buffer(1e-9))
    assert bent.coords[0] == line.coords[0] and bent.coords[-1] == line.coords[-1]
    assert len(bent.coords) > 2
    inside = LineString([(0.1, 0.1), (0.9, 0.1)])
    assert list(keep_within(inside, county).coords) == list(inside.coords)


def test_load_alignment_gives_the_osm_line_with_its_credit() -> None:
    surveyed = load_alignment("yugui_railway_osm")
    assert len(surveyed.line.coords) == 255
    assert surveyed.precision == "surveyed" and surveyed.precision in config.PRECISIONS
    assert "© OpenStreetMap contributors" in surveyed.coord_source and "ODbL" in surveyed.coord_source
    assert 600 < length_km(surveyed.line) * 3 < 800  # about 227 km from 重庆西 to south of 遵义


def test_unknown_alignment_is_a_clear_error() -> None:
    with pytest.raises(RecordError, match="no geo/data/lines/nowhere.geojson"):
        load_alignment("nowhere")
