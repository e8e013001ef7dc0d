"""The QGIS project measured in real QGIS: lengths, the projected layout, its legend, the initial view, the author.

Issue 28 items 1 and 2.  Each test builds a project with :func:`geo.export.export_project`
and opens it in QGIS 3.22 (Debian ``python3-qgis``, ``/usr/bin/python3`` in a
subprocess) with the driver's ``measure`` command: for every feature with a
stored geodesic ``length_km``, ``$length`` as QGIS's field calculator gives it
(the project's ellipsoid and units) and its planar length in the layout map's
CRS (what the scale bar measures); the layout items' rectangles once drawn;
the project's initial view.  Before the fix the project had no ellipsoid and a
map in EPSG:4326: ``$length`` of co-anxi-exp was 71.5 km for a stored 65.45 km.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest

from geo.boundaries import load_counties
from geo.config import PILOT_COUNTIES
from geo.export import export_project
from geo.export.qgis import qgis_available, run_driver

#: Largest relative difference between a length QGIS measures and the stored geodesic one.
TOLERANCE = 0.005


@pytest.fixture(scope="module", autouse=True)
def _qgis() -> None:
    reason = qgis_available()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def measured(built_layers: dict[str, gpd.GeoDataFrame], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The plan's project (WGS84 export) as QGIS measures it."""
    output = tmp_path_factory.mktemp("project") / "plan.qgz"
    export_project(built_layers, "wgs84", output)
    return run_driver("measure", {"project": str(output)})


def test_qgis_length_on_the_ellipsoid_matches_the_stored_geodesic_length(
    measured: dict[str, Any], built_layers: dict[str, gpd.GeoDataFrame]
) -> None:
    assert measured["ellipsoid"] == "EPSG:7030" and measured["distance_units"] == "kilometers"
    features = measured["features"]
    with_length = {str(i) for name in ("corridors", "tourism_routes", "cooperation_links")
                   for i in built_layers[name]["id"]}
    assert set(features) == with_length
    for feature_id, lengths in features.items():
        assert lengths["length"] == pytest.approx(lengths["stored_km"], rel=TOLERANCE, abs=0.01), feature_id
    assert features["co-anxi-exp"]["length"] == pytest.approx(65.45, abs=0.05)  # was 71.5 km


def test_the_layout_is_drawn_in_a_projected_crs_whose_scale_bar_is_true(measured: dict[str, Any]) -> None:
    assert measured["crs"] == measured["map_crs"] == "EPSG:4545"  # CGCS2000 3-degree Gauss-Kruger CM 108E
    for feature_id, lengths in measured["features"].items():
        planar_km = lengths["map_planar_m"] / 1000  # what the scale bar reads off the map
        assert planar_km == pytest.approx(lengths["stored_km"], rel=TOLERANCE, abs=0.01), feature_id
    assert measured["scale_bar_km_per_segment"] in (5, 10, 20)


def test_the_legend_lies_inside_the_a3_page_beside_the_map(measured: dict[str, Any]) -> None:
    page_left, page_top, page_right, page_bottom = measured["page_mm"]
    assert (page_right, page_bottom) == (420, 297)
    left, top, right, bottom = measured["items_mm"]["QgsLayoutItemLegend"]
    assert right > left + 50 and bottom > top + 50  # drawn, not empty
    assert page_left <= left and right <= page_right - 5 and page_top <= top and bottom <= page_bottom - 5
    map_right = measured["items_mm"]["QgsLayoutItemMap"][2]
    assert left >= map_right  # not over the map


def test_the_project_opens_on_the_pilot_zone_and_its_author_is_the_exporter(measured: dict[str, Any]) -> None:
    counties = load_counties()
    west, south, east, north = counties[counties["name"].isin(PILOT_COUNTIES)].total_bounds
    view = measured["default_view_lonlat"]
    assert view[0] == pytest.approx(west, abs=0.05) and view[2] == pytest.approx(east, abs=0.05)
    assert view[1] == pytest.approx(south, abs=0.05) and view[3] == pytest.approx(north, abs=0.05)
    map_extent = measured["map_extent_lonlat"]
    assert map_extent[0] < west and map_extent[2] > east and map_extent[2] - map_extent[0] < 2 * (east - west)
    assert measured["author"].startswith("yuqian-geo") and measured["author"] != "root"


def test_a_project_in_utm_48n_keeps_its_crs_and_measures_true(
    built_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path
) -> None:
    chosen = {name: built_layers[name] for name in ("corridors", "townships")}
    written = export_project(chosen, "utm48n", tmp_path / "plan.qgz")
    answer = run_driver("measure", {"project": str(written[-1])})
    assert answer["crs"] == answer["map_crs"] == "EPSG:32648"
    assert answer["features"]
    for feature_id, lengths in answer["features"].items():
        assert lengths["length"] == pytest.approx(lengths["stored_km"], rel=TOLERANCE, abs=0.01), feature_id
        assert lengths["map_planar_m"] / 1000 == pytest.approx(lengths["stored_km"], rel=TOLERANCE, abs=0.01)
