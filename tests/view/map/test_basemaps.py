"""The basemaps: one entry per choice, its label, its tiles and whether they are in GCJ-02."""

from __future__ import annotations

from geo.view.map._basemaps import BASEMAPS, DEFAULT_BASEMAP, basemap_label, is_gcj02, tile_provider


def test_only_gaode_is_gcj02() -> None:
    assert [code for code in BASEMAPS if is_gcj02(code)] == ["gaode"]
    assert not is_gcj02("unknown")


def test_labels_in_both_languages_and_tiles_offline_described() -> None:
    assert DEFAULT_BASEMAP in BASEMAPS
    assert basemap_label("gaode", "zh").startswith("高德") and basemap_label("gaode", "en").startswith("Gaode")
    assert tile_provider("none") is None and tile_provider("unknown") is None
    url, attribution = tile_provider("osm") or ("", "")
    assert "{z}" in url and "OpenStreetMap" in attribution
