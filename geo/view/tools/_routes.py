"""Tourism-route stop tables and township neighbourhoods (distances in km).

Distances are geodesic on the WGS84 ellipsoid (:func:`geo.geometry.leg_km`,
:func:`geo.geometry.length_km`): between consecutive stops they are
straight-line legs, not road distances, and the tables say so.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd
import shapely

from geo.config import CONTEXT_LAYERS
from geo.filters import ROUTE_COLUMN, route_ids, split_joined
from geo.geometry import leg_km, length_km


def stop_table(stops: gpd.GeoDataFrame, route_id: str) -> pd.DataFrame:
    """The stops of one route in order, with leg and cumulative distances.

    Parameters
    ----------
    stops : geopandas.GeoDataFrame
        The ``tourism_stops`` layer (WGS84).
    route_id : str
        The route.

    Returns
    -------
    pandas.DataFrame
        Columns ``seq``, ``name``, ``name_en``, ``county``, ``leg_km`` (0 for the
        first stop) and ``cum_km``, sorted by ``seq``, distances rounded to 0.1 km;
        both are empty (NaN) for a stop of unknown position (no geometry), and the
        next leg runs from the last placed stop, as the route's line does.
    """
    columns = ["seq", "name", "name_en", "county", "leg_km", "cum_km"]
    if stops.empty or ROUTE_COLUMN not in stops.columns:
        return pd.DataFrame(columns=columns)
    chosen = stops[route_ids(stops) == str(route_id)].copy()
    chosen["seq"] = pd.to_numeric(chosen["seq"], errors="coerce")
    chosen = chosen.sort_values("seq", kind="stable")
    legs: list[float] = []
    previous = None
    for geom in chosen.geometry:
        point = geom.centroid if geom is not None and not geom.is_empty else None
        if point is None:
            legs.append(float("nan"))
        elif previous is None:
            legs.append(0.0)
        else:
            legs.append(leg_km((previous.x, previous.y), (point.x, point.y)))
        previous = point if point is not None else previous
    table = pd.DataFrame({
        "seq": chosen["seq"].astype("Int64").to_numpy(),
        "name": chosen.get("name", pd.Series("", index=chosen.index)).astype(str).to_numpy(),
        "name_en": chosen.get("name_en", pd.Series("", index=chosen.index)).astype(str).to_numpy(),
        "county": chosen.get("county", pd.Series("", index=chosen.index)).astype(str).to_numpy(),
        "leg_km": legs,
    })
    table["cum_km"] = table["leg_km"].cumsum(skipna=True).round(1)
    table["leg_km"] = table["leg_km"].round(1)
    return table[columns]


def route_length_km(routes: gpd.GeoDataFrame, route_id: str) -> float | None:
    """Length of a route: its ``length_km`` property, else the geodesic length of its line."""
    if routes.empty:
        return None
    chosen = routes[route_ids(routes) == str(route_id)]
    if chosen.empty:
        return None
    value = chosen.iloc[0].get("length_km")
    if value is not None and not pd.isna(value) and float(value) > 0:
        return float(value)
    return round(length_km(chosen.geometry.iloc[0]), 1)


def partner_names(townships: gpd.GeoDataFrame, links: gpd.GeoDataFrame, town: str) -> list[str]:
    """Partner townships of a township, from its ``partners`` and from the links.

    Parameters
    ----------
    townships : geopandas.GeoDataFrame
        The townships layer.
    links : geopandas.GeoDataFrame
        The cooperation links layer (``from``/``to`` town names).
    town : str
        Chinese name of the township.

    Returns
    -------
    list of str
        Partner names, without duplicates, in the order found.
    """
    names: list[str] = []
    if "partners" in townships.columns:
        for cell in townships.loc[townships["name"] == town, "partners"]:
            names.extend(split_joined(cell))
    if not links.empty and {"from", "to"} <= set(links.columns):
        names.extend(links.loc[links["from"] == town, "to"].astype(str))
        names.extend(links.loc[links["to"] == town, "from"].astype(str))
    return list(dict.fromkeys(n for n in names if n and n != town))


def links_of(links: gpd.GeoDataFrame, town: str) -> gpd.GeoDataFrame:
    """Cooperation links that start or end at a township."""
    if links.empty or not {"from", "to"} <= set(links.columns):
        return links.iloc[0:0]
    return links[(links["from"] == town) | (links["to"] == town)]


def features_within(layers: Mapping[str, gpd.GeoDataFrame], centre: shapely.Point, radius_km: float,
                    exclude_ids: set[str] | None = None) -> pd.DataFrame:
    """Features of the given layers within a distance of a point.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        Layers (WGS84) to search; the context layers (:data:`geo.config.CONTEXT_LAYERS`) are skipped.
    centre : shapely.Point
        Lon/lat point.
    radius_km : float
        Search distance.
    exclude_ids : set of str, optional
        Feature ids to leave out (the township itself).

    Returns
    -------
    pandas.DataFrame
        Columns ``layer``, ``id``, ``name``, ``name_en``, ``county``, ``distance_km``,
        nearest first.  Distances are to the nearest point of lines.
    """
    rows: list[dict[str, object]] = []
    local = _local_crs(centre)
    centre_local = gpd.GeoSeries([centre], crs=4326).to_crs(local).iloc[0]
    for layer, frame in layers.items():
        if layer in CONTEXT_LAYERS or frame.empty:
            continue
        projected = frame.to_crs(local)
        distances = projected.geometry.distance(centre_local) / 1000.0
        for index in frame.index[(distances <= radius_km).to_numpy()]:
            record = frame.loc[index]
            if exclude_ids and str(record.get("id")) in exclude_ids:
                continue
            rows.append({"layer": layer, "id": record.get("id"), "name": record.get("name"),
                         "name_en": record.get("name_en"), "county": record.get("county"),
                         "distance_km": round(float(distances.loc[index]), 1)})
    table = pd.DataFrame(rows, columns=["layer", "id", "name", "name_en", "county", "distance_km"])
    return table.sort_values("distance_km", kind="stable").reset_index(drop=True)


def _local_crs(centre: shapely.Point) -> str:
    """UTM zone (WGS84) of a lon/lat point, as an EPSG code string."""
    zone = int((centre.x + 180) // 6) + 1
    return f"EPSG:{32600 + zone if centre.y >= 0 else 32700 + zone}"
