"""GCJ-02 transform against published reference pairs, round trip, CRS labels.

Reference pairs (WGS84 -> GCJ-02), published as the test vectors of two
widely used open-source implementations:

* googollee/eviltransform, ``go/transform_test.go`` and ``python/test.py``
  (MIT): Shanghai, Shenzhen and Beijing, given as
  (wgsLat, wgsLng, gcjLat, gcjLng);
* wandergis/coordtransform, ``test/app.js`` (MIT): ``wgs84togcj02(116.404,
  39.915)`` -> ``[116.41024449916938, 39.91640428150164]``.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point

from geo._errors import ExportError
from geo.crs import (
    CHINA_BBOX,
    MEASURING_CRS,
    OUTPUT_CRSES,
    PROJECTED_CRSES,
    gcj02_crs,
    gcj02_to_wgs84,
    output_crs,
    shift_frame,
    to_output_crs,
    wgs84_to_gcj02,
)

#: (wgs_lon, wgs_lat, gcj_lon, gcj_lat)
REFERENCE_PAIRS = [
    (121.5272106, 31.1774276, 121.531541859215, 31.17530398364597),  # Shanghai (eviltransform)
    (113.912316, 22.543847, 113.9171764808363, 22.540796131694766),  # Shenzhen (eviltransform)
    (116.377817, 39.911954, 116.38404722455657, 39.91334545536069),  # Beijing (eviltransform)
    (116.404, 39.915, 116.41024449916938, 39.91640428150164),  # Beijing (coordtransform)
]

#: The pilot zone and its surroundings (Chongqing south, Guizhou north), with margin.
REGION = (105.0, 108.5, 27.0, 30.5)


def metres_between(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    """Haversine distance in metres (ample for sub-metre differences)."""
    radius = 6371008.8
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, np.radians(lon2 - lon1)
    h = np.sin(d_phi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(d_lambda / 2) ** 2
    return 2 * radius * np.arcsin(np.sqrt(h))


@pytest.mark.parametrize(("wgs_lon", "wgs_lat", "gcj_lon", "gcj_lat"), REFERENCE_PAIRS)
def test_forward_matches_published_pairs(wgs_lon: float, wgs_lat: float, gcj_lon: float, gcj_lat: float) -> None:
    lon, lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
    assert float(lon) == pytest.approx(gcj_lon, abs=1e-9)
    assert float(lat) == pytest.approx(gcj_lat, abs=1e-9)


@pytest.mark.parametrize(("wgs_lon", "wgs_lat", "gcj_lon", "gcj_lat"), REFERENCE_PAIRS)
def test_inverse_recovers_published_wgs84(wgs_lon: float, wgs_lat: float, gcj_lon: float, gcj_lat: float) -> None:
    lon, lat = gcj02_to_wgs84(gcj_lon, gcj_lat)
    # eviltransform's own "exact" inverse promises < 0.5 m; ours is far better.
    assert metres_between(lon, lat, np.array(wgs_lon), np.array(wgs_lat)) < 0.01


def test_round_trip_error_across_the_region_is_far_below_one_metre() -> None:
    lon_grid, lat_grid = np.meshgrid(np.linspace(REGION[0], REGION[1], 71), np.linspace(REGION[2], REGION[3], 71))
    gcj_lon, gcj_lat = lon_grid.ravel(), lat_grid.ravel()
    wgs_lon, wgs_lat = gcj02_to_wgs84(gcj_lon, gcj_lat)
    back_lon, back_lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
    error_m = metres_between(gcj_lon, gcj_lat, back_lon, back_lat)
    assert error_m.max() < 0.01, f"max GCJ-02 round-trip error {error_m.max():.3g} m"
    # and WGS84 -> GCJ-02 -> WGS84 too
    again_lon, again_lat = gcj02_to_wgs84(*wgs84_to_gcj02(gcj_lon, gcj_lat))
    assert metres_between(gcj_lon, gcj_lat, again_lon, again_lat).max() < 0.01


def test_iterative_inverse_beats_the_one_step_inverse() -> None:
    gcj_lon, gcj_lat = np.array([106.65, 106.93, 107.5]), np.array([29.03, 28.55, 28.2])
    shifted = wgs84_to_gcj02(gcj_lon, gcj_lat)
    d_lon, d_lat = (np.asarray(v) - g for v, g in zip(shifted, (gcj_lon, gcj_lat), strict=True))
    rough_lon, rough_lat = gcj_lon - d_lon, gcj_lat - d_lat
    rough_error = metres_between(gcj_lon, gcj_lat, *wgs84_to_gcj02(rough_lon, rough_lat))
    exact_error = metres_between(gcj_lon, gcj_lat, *wgs84_to_gcj02(*gcj02_to_wgs84(gcj_lon, gcj_lat)))
    assert exact_error.max() < rough_error.max()


@settings(max_examples=300, deadline=None)
@given(
    lon=st.floats(CHINA_BBOX[0] + 0.01, CHINA_BBOX[1] - 0.01),
    lat=st.floats(CHINA_BBOX[2] + 0.01, CHINA_BBOX[3] - 0.01),
)
def test_round_trip_anywhere_in_china(lon: float, lat: float) -> None:
    back_lon, back_lat = wgs84_to_gcj02(*gcj02_to_wgs84(lon, lat))
    assert metres_between(np.array(lon), np.array(lat), back_lon, back_lat) < 1.0


def test_offset_in_the_pilot_zone_is_hundreds_of_metres() -> None:
    lon, lat = wgs84_to_gcj02(106.65, 29.03)
    shift = float(metres_between(np.array(106.65), np.array(29.03), lon, lat))
    assert 100 < shift < 1000


@pytest.mark.parametrize(("lon", "lat"), [(-0.1276, 51.5072), (139.6917, 35.6895), (2.35, 48.86), (106.0, -10.0)])
def test_points_outside_china_are_unchanged(lon: float, lat: float) -> None:
    assert tuple(map(float, wgs84_to_gcj02(lon, lat))) == (lon, lat)
    assert tuple(map(float, gcj02_to_wgs84(lon, lat))) == (lon, lat)


def test_arrays_keep_their_shape_and_mix_inside_and_outside() -> None:
    lon, lat = wgs84_to_gcj02([106.65, -0.1276], [29.03, 51.5072])
    assert lon.shape == (2,) and lon[1] == -0.1276 and lon[0] != 106.65


def test_to_output_crs_gcj02_shifts_every_vertex_and_labels_the_crs() -> None:
    frame = gpd.GeoDataFrame(
        {"id": ["a", "b"]},
        geometry=[Point(106.65, 29.03), LineString([(106.65, 29.03), (106.93, 28.55)])],
        crs=4326,
    )
    shifted = to_output_crs(frame, "gcj02")
    expected = wgs84_to_gcj02([106.65, 106.93], [29.03, 28.55])
    line = shifted.geometry.iloc[1]
    assert line.coords[1] == pytest.approx((float(expected[0][1]), float(expected[1][1])))
    assert shifted.crs.name == "GCJ-02" and shifted.crs.to_epsg() is None
    assert frame.geometry.iloc[0].equals(Point(106.65, 29.03))  # input untouched


def test_to_output_crs_cgcs2000_keeps_coordinates_and_records_epsg_4490() -> None:
    frame = gpd.GeoDataFrame({"id": ["a"]}, geometry=[Point(106.65, 29.03)], crs=4326)
    out = to_output_crs(frame, "cgcs2000")
    assert out.crs.to_epsg() == 4490
    assert out.geometry.iloc[0].equals(frame.geometry.iloc[0])


def test_gcj02_label_is_not_mistaken_for_wgs84() -> None:
    assert gcj02_crs().to_epsg() is None
    assert "GCJ-02" in gcj02_crs().name


def test_unknown_crs_is_a_clear_error() -> None:
    with pytest.raises(ExportError, match="'bd09'.*wgs84, cgcs2000, gcj02"):
        output_crs("bd09")
    assert {"wgs84", "cgcs2000", "gcj02"} <= set(OUTPUT_CRSES)


def test_projected_systems_of_the_area_are_offered_with_chinese_and_english_labels() -> None:
    codes = {code: crs.epsg for code, crs in PROJECTED_CRSES.items()}
    assert codes == {"cgcs2000_cm108": 4545, "cgcs2000_cm105": 4544, "cgcs2000_3gk36": 4524,
                     "cgcs2000_3gk35": 4523, "utm48n": 32648}
    for code, crs in PROJECTED_CRSES.items():
        assert OUTPUT_CRSES[code] is crs and crs.projected and crs.decimals == 3
        assert crs.pyproj_crs().is_projected and crs.pyproj_crs().axis_info[0].unit_name == "metre"
        assert crs.label_zh and crs.bilingual_label.startswith(crs.label_zh) and f"EPSG:{crs.epsg}" in crs.label
    assert "中央经线108°E" in OUTPUT_CRSES[MEASURING_CRS].label_zh
    assert not any(OUTPUT_CRSES[code].projected for code in ("wgs84", "cgcs2000", "gcj02"))


@pytest.mark.parametrize("code", list(PROJECTED_CRSES))
def test_projected_lengths_in_the_pilot_zone_match_the_geodesic_ones(code: str) -> None:
    from geo.geometry import length_km

    lines = [LineString([(106.2, 28.4), (106.9, 29.1)]), LineString([(106.6, 28.2), (107.3, 28.6), (106.8, 29.0)])]
    frame = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=lines, crs=4326)
    projected = to_output_crs(frame, code)
    assert projected.crs.to_epsg() == PROJECTED_CRSES[code].epsg
    for line, planar in zip(lines, projected.geometry.length, strict=True):
        assert planar / 1000 == pytest.approx(length_km(line), rel=0.001)  # scale error below 0.1 %
    if code == "cgcs2000_3gk36":  # the zone number in front of the easting
        assert 36_000_000 < projected.geometry.iloc[0].coords[0][0] < 37_000_000


def test_a_null_geometry_stays_null_in_a_projected_crs() -> None:
    frame = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[Point(106.65, 29.03), None], crs=4326)
    out = to_output_crs(frame, "utm48n")
    assert out.geometry.iloc[1] is None and out.geometry.iloc[0].x == pytest.approx(661_000, abs=2_000)


def test_shift_frame_moves_every_coordinate_and_keeps_the_rest() -> None:
    geometries = [Point(106.65, 29.03), LineString([(106.9, 28.5), (107.0, 28.6)])]
    frame = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=geometries, crs=4326)
    shifted = shift_frame(frame, wgs84_to_gcj02)
    assert shifted["name"].tolist() == ["a", "b"] and shifted.crs == frame.crs
    assert frame.geometry.iloc[0].x == 106.65  # the input is left alone
    lon, lat = wgs84_to_gcj02(106.65, 29.03)
    assert shifted.geometry.iloc[0].coords[0] == pytest.approx((float(lon), float(lat)))
    back = shift_frame(shifted, gcj02_to_wgs84)
    assert back.geometry.iloc[1].coords[1] == pytest.approx((107.0, 28.6), abs=1e-8)
