"""GPX export (:mod:`geo.export._gpx`): tourism routes as GPX routes through their stops."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio

from geo.export import export_layers


def test_gpx_routes_list_their_stops_in_order(contract_layers: dict[str, gpd.GeoDataFrame], tmp_path: Path) -> None:
    chosen = {n: contract_layers[n] for n in ("tourism_routes", "tourism_stops")}
    path = export_layers(chosen, "gpx", "wgs84", tmp_path / "routes.gpx")
    routes = pyogrio.read_dataframe(path, layer="routes")
    points = pyogrio.read_dataframe(path, layer="route_points")
    assert list(routes["name"]) == list(contract_layers["tourism_routes"]["name"])
    for route_fid, route_id in enumerate(routes["yq_route_id"]):
        stops = contract_layers["tourism_stops"]
        want = list(stops[stops["route_id"] == route_id].sort_values("seq")["name"])
        assert list(points[points["route_fid"] == route_fid]["name"]) == want
