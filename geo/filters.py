"""Pure filters over the built layers, shared by the viewer and the exports.

Every function here takes layers as ``dict[str, GeoDataFrame]`` and returns new
frames; nothing is modified in place and nothing is read from disk.

Semantics of :func:`filter_layers`
----------------------------------
* ``layers_on`` chooses which layers are returned at all; the others are left
  out of the result.
* Every other criterion narrows only the layers that carry the attribute it
  tests: ``modes`` the corridors, ``statuses`` the corridors, logistics parks
  and projects, ``status_groups`` the same layers by the group of their status
  (:data:`geo.config.STATUS_GROUPS`), ``routes`` the tourism routes and stops,
  ``logistics_kinds`` the logistics parks.  A township is not hidden because a
  corridor mode was chosen: the viewer draws such a layer stepped back
  (:func:`geo.stepback.stepped_back`).
* ``provinces`` and ``counties`` test the ``province``/``county`` values, which
  for a line crossing several counties are joined by ``、``: such a line is kept
  when any of its counties is chosen.
* ``boundaries`` and ``province_border`` are context: only ``layers_on`` and
  ``provinces`` apply to them.
* ``cross_border_only`` keeps the features whose ``cross_border`` is true.
* ``text`` keeps the features whose Chinese name, pinyin or English name
  contains the query (see :mod:`geo.search`).

``None`` (or an empty collection for the list criteria) means "do not filter".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Final

import geopandas as gpd
import pandas as pd

from geo.config import CONTEXT_LAYERS, JOIN_SEP, LAYERS, status_group
from geo.search import row_haystacks, text_mask

#: Which layer carries which filterable attribute (column name).
ROUTE_COLUMN: Final[str] = "route_id"
ROUTE_LAYERS: Final[frozenset[str]] = frozenset({"tourism_routes", "tourism_stops"})
LOGISTICS_LAYER: Final[str] = "logistics_parks"

__all__ = ["CONTEXT_LAYERS", "Criteria", "count_features", "distinct_values", "facets", "filter_layers",
           "route_ids", "split_joined"]


def _as_tuple(values: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(str(v) for v in values)


@dataclass(frozen=True)
class Criteria:
    """What the viewer, the export command and the download keep: the filter criteria, once.

    Frozen and hashable, so that it is also the download's cache key.  Lists
    given to the constructor are stored as tuples.

    Attributes
    ----------
    layers_on : tuple of str or None
        Layers to keep; ``None`` keeps all (unknown names are ignored).
    provinces, counties : tuple of str
        Chinese province / county names.
    modes, statuses, logistics_kinds : tuple of str
        Codes of :data:`geo.config.MODES`, :data:`~geo.config.STATUSES`,
        :data:`~geo.config.LOGISTICS_KINDS`.
    status_groups : tuple of str
        Codes of :data:`geo.config.STATUS_GROUPS` (built, building, early stage):
        a feature is kept when its status is in one of them.
    routes : tuple of str
        Tourism route ids (``route_id``).
    cross_border_only : bool
        Keep only features that link Chongqing and Guizhou.
    text : str or None
        Free text matched against Chinese names, pinyin and English names.

    An empty tuple (or ``None``) means "do not filter" by that criterion.
    """

    layers_on: tuple[str, ...] | None = None
    provinces: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    logistics_kinds: tuple[str, ...] = ()
    cross_border_only: bool = False
    text: str | None = None
    status_groups: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "layers_on":
                object.__setattr__(self, f.name, _as_tuple(value))
            elif f.name == "text":
                object.__setattr__(self, f.name, str(value) if value else None)
            elif f.name == "cross_border_only":
                object.__setattr__(self, f.name, bool(value))
            else:
                object.__setattr__(self, f.name, _as_tuple(value) or ())


def route_ids(frame: pd.DataFrame) -> pd.Series:
    """Route id of each row as text: ``route_id``, else ``id`` (a routes layer without the column).

    The one place where a route is keyed: the filters, the sidebar, the
    route tools and the GPX export read the route of a row through it.

    Parameters
    ----------
    frame : pandas.DataFrame
        A ``tourism_routes`` or ``tourism_stops`` layer.

    Returns
    -------
    pandas.Series
        Strings, same index; empty strings when the frame has neither column.
    """
    column = ROUTE_COLUMN if ROUTE_COLUMN in frame.columns else "id"
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(str)


def split_joined(value: object) -> list[str]:
    """Split a ``、``-joined cell (e.g. ``"綦江区、桐梓县"``) into its parts.

    Parameters
    ----------
    value : object
        A cell value; missing values give an empty list.

    Returns
    -------
    list of str
        The stripped, non-empty parts.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [part.strip() for part in str(value).split(JOIN_SEP) if part.strip()]


def _members_mask(frame: pd.DataFrame, column: str, wanted: Collection[str]) -> pd.Series:
    """Rows whose joined ``column`` shares at least one part with ``wanted``."""
    if column not in frame.columns:
        return pd.Series(True, index=frame.index)
    wanted_set = set(wanted)
    return frame[column].map(lambda cell: bool(wanted_set.intersection(split_joined(cell)))).astype(bool)


def _value_mask(frame: pd.DataFrame, column: str, wanted: Collection[str]) -> pd.Series:
    """Rows whose ``column`` is one of ``wanted`` (all rows when the column is absent)."""
    if column not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame[column].astype("string").isin(set(wanted)).fillna(False).astype(bool)


def _truthy_mask(frame: pd.DataFrame, column: str) -> pd.Series:
    """Rows whose ``column`` is true (``True``, ``"true"``, ``1``)."""
    if column not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame[column].map(lambda v: str(v).strip().lower() in {"true", "1", "yes"}).astype(bool)


def _given(values: Iterable[str] | None) -> list[str] | None:
    """``None`` for "no filter" (``None`` or empty), else the values as a list."""
    if values is None:
        return None
    as_list = [str(v) for v in values]
    return as_list or None


def filter_layers(
    layers: Mapping[str, gpd.GeoDataFrame],
    criteria: Criteria | None = None,
    *,
    layers_on: Iterable[str] | None = None,
    provinces: Iterable[str] | None = None,
    counties: Iterable[str] | None = None,
    modes: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    routes: Iterable[str] | None = None,
    logistics_kinds: Iterable[str] | None = None,
    cross_border_only: bool = False,
    text: str | None = None,
) -> dict[str, gpd.GeoDataFrame]:
    """Filter the layers by the viewer's criteria.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        Layers by name, as :func:`geo.store.load_layers` returns them.
    criteria : Criteria, optional
        All the criteria at once (the viewer's state, the export command);
        when given, the keyword criteria below are ignored.
    layers_on : iterable of str, optional
        Names of the layers to keep; ``None`` keeps all.  Unknown names are ignored.
    provinces : iterable of str, optional
        Chinese province names (``重庆市``, ``贵州省``).
    counties : iterable of str, optional
        Chinese county names (``綦江区``, ``桐梓县``...).
    modes : iterable of str, optional
        Corridor mode codes (keys of :data:`geo.config.MODES`).
    statuses : iterable of str, optional
        Status codes (keys of :data:`geo.config.STATUSES`).
    routes : iterable of str, optional
        Tourism route ids (``route_id``), applied to routes and stops.
    logistics_kinds : iterable of str, optional
        Logistics kind codes (keys of :data:`geo.config.LOGISTICS_KINDS`).
    cross_border_only : bool, default False
        Keep only features that link Chongqing and Guizhou.
    text : str, optional
        Free text matched against Chinese names, their pinyin and English names.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        The kept layers, in the input order, each a filtered copy (possibly
        empty) with its original index.

    Examples
    --------
    >>> kept = filter_layers(layers, modes=["railway"], text="ganshui")  # doctest: +SKIP
    >>> kept = filter_layers(layers, Criteria(modes=("railway",)))  # doctest: +SKIP
    """
    if criteria is None:
        criteria = Criteria(layers_on=_as_tuple(layers_on), provinces=_as_tuple(provinces) or (),
                            counties=_as_tuple(counties) or (), modes=_as_tuple(modes) or (),
                            statuses=_as_tuple(statuses) or (), routes=_as_tuple(routes) or (),
                            logistics_kinds=_as_tuple(logistics_kinds) or (),
                            cross_border_only=cross_border_only, text=text)
    chosen_layers = None if criteria.layers_on is None else set(criteria.layers_on)
    province_list = _given(criteria.provinces)
    county_list = _given(criteria.counties)
    mode_list = _given(criteria.modes)
    status_list = _given(criteria.statuses)
    route_list = _given(criteria.routes)
    kind_list = _given(criteria.logistics_kinds)
    query = criteria.text

    result: dict[str, gpd.GeoDataFrame] = {}
    for name, frame in layers.items():
        if chosen_layers is not None and name not in chosen_layers:
            continue
        mask = pd.Series(True, index=frame.index)
        if province_list:
            mask &= _members_mask(frame, "province", province_list)
        if name not in CONTEXT_LAYERS:
            if county_list:
                mask &= _members_mask(frame, "county", county_list)
            if mode_list and name == "corridors":
                mask &= _value_mask(frame, "mode", mode_list)
            if status_list:
                mask &= _value_mask(frame, "status", status_list)
            if criteria.status_groups and "status" in frame.columns:
                groups = frame["status"].map(status_group).astype("string")
                mask &= groups.isin(set(criteria.status_groups)).fillna(False).astype(bool)
            if route_list and name in ROUTE_LAYERS:
                mask &= _value_mask(frame, ROUTE_COLUMN, route_list)
            if kind_list and name == LOGISTICS_LAYER:
                mask &= _value_mask(frame, "kind", kind_list)
            if criteria.cross_border_only:
                mask &= _truthy_mask(frame, "cross_border")
            if query:
                mask &= text_mask(frame, query)
        result[name] = frame.loc[mask.to_numpy()]
    return result


def facets(name: str, frame: pd.DataFrame) -> dict[str, dict[str, object]]:
    """What each criterion of :func:`filter_layers` tests in the rows of layer ``name``, as plain data.

    The viewer's map frame filters the features it holds with these while the
    server's answer to a filter change is on its way (``geo/view/js/predict.js``);
    which criterion applies to which layer, and to which column, is decided here,
    next to :func:`filter_layers`, so that the browser applies four generic tests
    and knows nothing of the layers.  A criterion absent from the result does not
    narrow this layer (``layers_on`` is the layer's name, tested by the caller).

    Parameters
    ----------
    name : str
        The layer's name.
    frame : pandas.DataFrame
        The layer, its rows in the order the browser holds them.

    Returns
    -------
    dict of str to dict
        By :class:`Criteria` field: ``{"test": kind, "values": [one per row]}``, where
        the kind is ``"parts"`` (lists of strings: kept when one part is chosen),
        ``"value"`` (a string or ``None``: kept when chosen), ``"flag"`` (0 or 1:
        kept when 1) or ``"text"`` (search keys joined by ``|``, or ``None`` for a
        layer without searchable columns: kept when the folded query is in them).
    """
    def parts(column: str) -> dict[str, object]:
        return {"test": "parts", "values": [split_joined(cell) for cell in frame[column].tolist()]}

    def value(column: str) -> dict[str, object]:
        values = frame[column].astype("string").tolist()
        return {"test": "value", "values": [None if pd.isna(v) else str(v) for v in values]}

    found: dict[str, dict[str, object]] = {}
    columns = frame.columns
    if "province" in columns:
        found["provinces"] = parts("province")
    if name in CONTEXT_LAYERS:
        return found
    if "county" in columns:
        found["counties"] = parts("county")
    if name == "corridors" and "mode" in columns:
        found["modes"] = value("mode")
    if "status" in columns:
        found["statuses"] = value("status")
        found["status_groups"] = {"test": "value", "values": [status_group(v) for v in frame["status"].tolist()]}
    if name in ROUTE_LAYERS and ROUTE_COLUMN in columns:
        found["routes"] = value(ROUTE_COLUMN)
    if name == LOGISTICS_LAYER and "kind" in columns:
        found["logistics_kinds"] = value("kind")
    if "cross_border" in columns:
        flags = _truthy_mask(frame, "cross_border").astype(int).tolist()
        found["cross_border_only"] = {"test": "flag", "values": flags}
    keys = row_haystacks(frame)
    found["text"] = {"test": "text", "values": keys if keys is not None else [None] * len(frame)}
    return found


def count_features(layers: Mapping[str, gpd.GeoDataFrame]) -> dict[str, int]:
    """Number of features of each layer.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        Layers by name.

    Returns
    -------
    dict of str to int
        Counts, in the order of :data:`geo.config.LAYERS` then any others.
    """
    ordered = [n for n in LAYERS if n in layers] + [n for n in layers if n not in LAYERS]
    return {name: int(len(layers[name])) for name in ordered}


def distinct_values(layers: Mapping[str, gpd.GeoDataFrame], column: str,
                    only: Iterable[str] | None = None) -> list[str]:
    """Sorted distinct parts of a (possibly ``、``-joined) column across layers.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        Layers by name.
    column : str
        Column to read, e.g. ``"county"``.
    only : iterable of str, optional
        Restrict to these layer names.

    Returns
    -------
    list of str
        Distinct non-empty values, sorted.
    """
    names = set(only) if only is not None else None
    values: set[str] = set()
    for name, frame in layers.items():
        if names is not None and name not in names:
            continue
        if column in frame.columns:
            for cell in frame[column].tolist():
                values.update(split_joined(cell))
    return sorted(values)

