"""Which layers a filter does not narrow: the viewer draws them pale behind the others, or hides them.

The rules are those of :func:`geo.filters.filter_layers` and
:func:`geo.filters.facets` (which criterion tests which layer), said once more
as sets of :class:`~geo.filters.Criteria` fields.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import fields

import pandas as pd

from geo.config import CONTEXT_LAYERS
from geo.filters import LOGISTICS_LAYER, ROUTE_COLUMN, ROUTE_LAYERS, Criteria

__all__ = ["narrowing", "stepped_back"]



def narrowing(name: str, columns: Collection[str]) -> frozenset[str]:
    """The :class:`Criteria` fields that can narrow layer ``name`` with these columns (``layers_on`` aside).

    The same rules as :func:`filter_layers` and :func:`facets`: context layers
    only by province; ``modes`` only the corridors, ``routes`` only the routes
    and stops, ``logistics_kinds`` only the parks; the other criteria every
    layer holding their column.
    """
    found = {"provinces"} if "province" in columns else set()
    if name in CONTEXT_LAYERS:
        return frozenset(found)
    found |= {"text"}
    for field_name, column, only in (("counties", "county", None), ("modes", "mode", {"corridors"}),
                                     ("statuses", "status", None), ("status_groups", "status", None),
                                     ("routes", ROUTE_COLUMN, ROUTE_LAYERS), ("logistics_kinds", "kind",
                                                                             {LOGISTICS_LAYER}),
                                     ("cross_border_only", "cross_border", None)):
        if column in columns and (only is None or name in only):
            found.add(field_name)
    return frozenset(found)


def stepped_back(criteria: Criteria, layers: Mapping[str, pd.DataFrame]) -> list[str]:
    """The layers that a chosen criterion does not narrow: the viewer draws them pale or hides them.

    A corridor filter (mode, status) says nothing about townships or tourism
    routes; drawn at full strength they would dominate the few corridors kept.
    A layer steps back when at least one criterion in use cannot test it
    (:func:`narrowing`); context layers (boundaries, the border) never do.

    Parameters
    ----------
    criteria : Criteria
        The filter.
    layers : mapping of str to pandas.DataFrame
        The layers (only their names and columns are read).

    Returns
    -------
    list of str
        Layer names, in the order of ``layers``.
    """
    used = {f.name for f in fields(criteria) if f.name != "layers_on" and getattr(criteria, f.name)}
    if not used:
        return []
    return [name for name, frame in layers.items()
            if name not in CONTEXT_LAYERS and not used <= narrowing(name, frame.columns)]
