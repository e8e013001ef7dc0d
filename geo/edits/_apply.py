"""Fold the edit store's current state into the plan's layers (new frames, the plan untouched).

Columns added to every layer with feature ids (empty/False where nothing was
edited, so all frames share one schema):

``edited_by``, ``edited_at``
    user and time (ISO 8601 UTC) of the latest edit in force;
``moved_by``, ``moved_at``
    the same for the move in force; the moved feature's ``coord_source`` is
    that edit's source and its ``precision`` the class the editor chose;
``latest_status``, ``latest_status_date``, ``latest_status_source``
    the latest known status (the plan's ``status`` when none was recorded);
    ``status`` itself stays the plan's;
``edit_notes``
    notes in force, joined by ``|``;
``changed_since_plan``
    True when a move, a status or a note is in force;
``edit_version``
    the feature's version in the store (0: never edited).

A redrawn line gets its ``length_km`` (and, with a ``boundaries`` layer, its
``county`` and ``province`` lists) recomputed.  Derived features are not redrawn: moving a stop
does not move its tourism route, moving a town does not move its links.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
from shapely.geometry import shape

from geo import config
from geo.edits._model import FeatureState
from geo.geometry import counties_along, join_names, length_km

#: The columns :func:`apply_edits` adds, in order.
EDIT_COLUMNS: tuple[str, ...] = (
    "edited_by", "edited_at", "moved_by", "moved_at", "latest_status", "latest_status_date",
    "latest_status_source", "edit_notes", "changed_since_plan", "edit_version",
)
_SKIPPED_LAYERS = ("boundaries", "province_border")


def apply_edits(layers: dict[str, gpd.GeoDataFrame],
                states: Mapping[str, FeatureState]) -> dict[str, gpd.GeoDataFrame]:
    """New layers with the edits in force folded in (see the module docstring for the columns).

    Parameters
    ----------
    layers : dict
        Layer name -> GeoDataFrame as built (``layers/``); not modified.
    states : mapping
        Feature id -> state, from :meth:`geo.edits.EditStore.current`.

    Returns
    -------
    dict
        Layer name -> a new GeoDataFrame, same layers and rows, in the same order.
    """
    counties = layers.get("boundaries")
    out = {}
    for name, frame in layers.items():
        if name in _SKIPPED_LAYERS or "id" not in frame.columns:
            out[name] = frame.copy()
            continue
        out[name] = _apply_to_layer(frame, states, counties)
    return out


def _apply_to_layer(frame: gpd.GeoDataFrame, states: Mapping[str, FeatureState],
                    counties: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    new = frame.copy()
    has_status = "status" in new.columns
    columns: dict[str, list] = {c: [] for c in EDIT_COLUMNS}
    geometries = list(new.geometry)
    precisions = list(new["precision"]) if "precision" in new.columns else [None] * len(new)
    coord_sources = list(new["coord_source"]) if "coord_source" in new.columns else [""] * len(new)
    lengths = list(new["length_km"]) if "length_km" in new.columns else None
    county_names = list(new["county"]) if "county" in new.columns else None
    provinces = list(new["province"]) if "province" in new.columns else None
    plan_statuses = list(new["status"]) if has_status else [None] * len(new)
    for i, (fid, plan_status) in enumerate(zip(new["id"], plan_statuses, strict=True)):
        state = states.get(str(fid))
        in_force = [e for e in (state.geometry_edit, state.status_edit, *state.note_edits) if e] if state else []
        latest = max(in_force, key=lambda e: e.edit_id) if in_force else None
        columns["edited_by"].append(latest.user if latest else "")
        columns["edited_at"].append(latest.time if latest else "")
        moved = state.geometry_edit if state and state.geometry is not None else None
        columns["moved_by"].append(moved.user if moved else "")
        columns["moved_at"].append(moved.time if moved else "")
        if moved is not None and state is not None:
            geom = shape(state.geometry)
            geometries[i] = geom
            precisions[i] = state.precision
            coord_sources[i] = moved.source
            if lengths is not None and geom.geom_type != "Point":
                lengths[i] = round(length_km(geom), 2)
            placed_anew = geom.geom_type == "Point" and county_names is not None and not county_names[i]
            if county_names is not None and counties is not None and (geom.geom_type != "Point" or placed_anew):
                # a line crosses counties; a feature of unknown county, once placed, lies in one
                crossed = counties_along(geom, counties) if geom.geom_type != "Point" else \
                    [str(n) for n, g in zip(counties["name"], counties.geometry, strict=True) if g.contains(geom)]
                county_names[i] = join_names(crossed)
                if provinces is not None and "province" in counties.columns:
                    by_name = dict(zip(counties["name"], counties["province"], strict=True))
                    provinces[i] = join_names(by_name.get(c, "") for c in crossed)
        status_edit = state.status_edit if state and state.status is not None else None
        columns["latest_status"].append(state.status if status_edit and state else (plan_status or ""))
        columns["latest_status_date"].append((state.status_date or "") if status_edit and state else "")
        columns["latest_status_source"].append(status_edit.source if status_edit else "")
        columns["edit_notes"].append(config.LIST_SEP.join(state.notes) if state else "")
        columns["changed_since_plan"].append(bool(state and state.changed))
        columns["edit_version"].append(state.version if state else 0)
    new["precision"] = precisions
    new["coord_source"] = coord_sources
    if lengths is not None:
        new["length_km"] = lengths
    if county_names is not None:
        new["county"] = county_names
    if provinces is not None:
        new["province"] = provinces
    for column, values in columns.items():
        new[column] = values
    return new.set_geometry(gpd.GeoSeries(geometries, index=new.index, crs=frame.crs))
