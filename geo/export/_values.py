"""Private helpers shared by the export writers: plain attribute values.

Layers read from GeoJSON hold numpy scalars, pandas missing values and, for a
few fields (``partners``), possibly lists.  Every writer wants plain Python
values, and flat formats (DBF, CSV, KML, GPX) want a list as one text value:
it is joined with the project's list separator ``|``, as in ``seeds/``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
from geopandas import GeoDataFrame
from shapely.geometry.base import BaseGeometry

from geo.config import LIST_SEP

#: A plain attribute value as written to files.
PlainValue = None | bool | int | float | str


def property_columns(frame: GeoDataFrame) -> list[str]:
    """The attribute columns of a layer, in order, without the geometry."""
    return [str(column) for column in frame.columns if column != frame.geometry.name]


def plain_value(value: Any) -> PlainValue:
    """Turn a cell into ``None``, bool, int, float or str (lists joined by ``|``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        return LIST_SEP.join(str(plain_value(item)) for item in value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def value_text(value: PlainValue) -> str:
    """A plain value as text: ``""`` for missing, ``true``/``false`` for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def column_kind(frame: GeoDataFrame, column: str) -> str:
    """The value kind of a column: ``bool``, ``int``, ``float`` or ``str``.

    Decided from the non-missing values, so that a column of strings read as
    ``object`` or ``string`` dtype, or an int column holding a missing value,
    is still classed correctly.
    """
    values = [plain_value(v) for v in frame[column]]
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "bool"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "float"
    return "str"


def iter_features(frame: GeoDataFrame) -> Iterator[tuple[dict[str, PlainValue], BaseGeometry | None]]:
    """Yield ``(properties, geometry)`` for each feature, with plain values."""
    columns = property_columns(frame)
    for geometry, row in zip(frame.geometry, frame[columns].itertuples(index=False, name=None), strict=True):
        yield {column: plain_value(cell) for column, cell in zip(columns, row, strict=True)}, geometry
