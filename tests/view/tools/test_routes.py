"""Route stop tables, partner townships and features within a distance."""

from __future__ import annotations

import geopandas as gpd
import pytest
from _paths import DATA
from shapely.geometry import Point

from geo.geometry import leg_km
from geo.store import load_layers
from geo.view.tables import feature_table
from geo.view.tools._routes import (
    features_within,
    links_of,
    partner_names,
    route_length_km,
    stop_table,
)

TEST_LAYERS = DATA / "layers"


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    return load_layers(TEST_LAYERS)


def test_stop_table_is_ordered_by_seq_whatever_the_row_order(layers: dict[str, gpd.GeoDataFrame]) -> None:
    shuffled = layers["tourism_stops"].iloc[::-1]
    table = stop_table(shuffled, "rt-001")
    assert table["seq"].tolist() == [1, 2, 3]
    assert table["name"].tolist() == ["石壕红军烈士墓", "赶水镇", "松坎镇"]
    assert table["leg_km"].iloc[0] == 0
    assert table["cum_km"].iloc[-1] == pytest.approx(table["leg_km"].sum(), abs=0.11)
    first_leg = leg_km((106.87, 28.63), (106.727, 28.742))
    assert table["leg_km"].iloc[1] == pytest.approx(first_leg, abs=0.051)
    assert stop_table(shuffled, "rt-none").empty


def test_route_length(layers: dict[str, gpd.GeoDataFrame]) -> None:
    assert route_length_km(layers["tourism_routes"], "rt-002") == pytest.approx(86.4)
    no_length = layers["tourism_routes"].drop(columns=["length_km"])
    assert route_length_km(no_length, "rt-001") == pytest.approx(47.0, abs=0.2)
    assert route_length_km(layers["tourism_routes"], "rt-x") is None


def test_partners_from_field_and_links(layers: dict[str, gpd.GeoDataFrame]) -> None:
    assert partner_names(layers["townships"], layers["cooperation_links"], "安稳镇") == ["坡渡镇", "温水镇"]
    assert partner_names(layers["townships"], layers["cooperation_links"], "松坎镇") == ["赶水镇", "打通镇"]
    no_field = layers["townships"].drop(columns=["partners"])
    assert set(partner_names(no_field, layers["cooperation_links"], "松坎镇")) == {"赶水镇", "打通镇"}
    assert len(links_of(layers["cooperation_links"], "松坎镇")) == 2
    assert partner_names(layers["townships"], layers["cooperation_links"], "古南街道") == []


def test_features_within(layers: dict[str, gpd.GeoDataFrame]) -> None:
    ganshui = Point(106.727, 28.742)
    near = features_within(layers, ganshui, 5.0, {"tw-002"})
    assert "tw-002" not in set(near["id"])
    assert {"st-002", "lg-002"} <= set(near["id"])  # stop and freight yard at the town seat
    assert (near["distance_km"] <= 5.0).all() and near["distance_km"].is_monotonic_increasing
    assert "boundaries" not in set(near["layer"])
    assert len(features_within(layers, ganshui, 60.0)) > len(near)


def test_feature_table_is_labelled_and_skips_context(layers: dict[str, gpd.GeoDataFrame]) -> None:
    table = feature_table(layers, "en")
    assert len(table) == 33 - 4
    assert {"Layer", "Name", "English name", "Kind", "Status", "County", "Precision", "Plan section"} <= set(table)
    assert set(table["Layer"]) >= {"Townships", "Transport corridors"}
