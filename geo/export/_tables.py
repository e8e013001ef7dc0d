"""Private: the layers as one typed table, and the single-table formats written from it.

GeoJSON, CSV, FlatGeobuf and GeoParquet hold one table per file: with several
layers each feature gets a ``layer`` field, and a field one layer lacks is
empty in its rows.  Readers type a column from all its rows, so that gap used to
turn ``cross_border`` (boolean) into a float for pandas.  Here every column
keeps its kind (:func:`geo.export._values.column_kind`) as a nullable pandas
type, and a layer without ``cross_border`` (the context layers ``boundaries``
and ``province_border``) gets it by the rule the plan's layers follow: true
when the feature's ``province`` names both provinces (:data:`geo.config.JOIN_SEP`).

Writers:

* CSV: UTF-8 with BOM (for Excel), attributes, ``lon``/``lat`` (``x``/``y`` in
  a projected CRS) for points and ``WKT`` for all, and a ``.csvt`` beside it
  (GDAL's and QGIS's column types: ``Integer(Boolean)``, ``Integer``,
  ``Real``, ``String``, ``WKT``);
* FlatGeobuf (GDAL): one layer, CRS in its header, spatial index;
* GeoParquet 1.x (geopandas + pyarrow): its ``geo`` metadata (CRS as PROJJSON,
  encoding, geometry types, bbox) and pandas' types of every column.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Final, cast

import pandas as pd
import pyogrio
import shapely
from geopandas import GeoDataFrame

from geo._csvsafe import SafeWriter
from geo.config import JOIN_SEP
from geo.crs import OutputCrs
from geo.export._values import column_kind, plain_value, property_columns, value_text

#: Name of the layer column/property when several layers share one file.
LAYER_FIELD: Final[str] = "layer"
#: The field every plan layer has, derived for the layers that lack it (see the module notes).
CROSS_BORDER: Final[str] = "cross_border"
#: Nullable pandas type of each value kind.
PANDAS_TYPES: Final[dict[str, str]] = {"bool": "boolean", "int": "Int64", "float": "Float64", "str": "string"}
#: GDAL's ``.csvt`` type of each value kind.
CSVT_TYPES: Final[dict[str, str]] = {"bool": "Integer(Boolean)", "int": "Integer", "float": "Real", "str": "String"}


def typed_frame(frame: GeoDataFrame) -> GeoDataFrame:
    """The layer with plain values in nullable typed columns (lists joined by ``|``)."""
    out = frame.copy()
    for column in property_columns(frame):
        values = [plain_value(value) for value in frame[column]]
        out[column] = pd.array(cast(Any, values), dtype=PANDAS_TYPES[column_kind(frame, column)])
    return out


def with_cross_border(frame: GeoDataFrame) -> GeoDataFrame:
    """The layer with ``cross_border`` derived from ``province`` when it lacks it (see the module notes)."""
    if CROSS_BORDER in frame or "province" not in frame:
        return frame
    spans = [None if p is None else JOIN_SEP in str(p) for p in (plain_value(v) for v in frame["province"])]
    return frame.assign(**{CROSS_BORDER: pd.array(cast(Any, spans), dtype="boolean")})


def combined_frame(layers: dict[str, GeoDataFrame], crs: OutputCrs) -> GeoDataFrame:
    """Every layer in one typed table, with a ``layer`` column when there are several.

    A column keeps the type it has in the layers that hold it; the rows of a
    layer without it are missing values of that type.
    """
    combined = len(layers) > 1
    typed = {name: typed_frame(with_cross_border(frame) if combined else frame) for name, frame in layers.items()}
    dtypes: dict[str, Any] = {}
    for frame in typed.values():
        for column in property_columns(frame):
            dtypes.setdefault(column, frame[column].dtype)
    parts = []
    for name, frame in typed.items():
        data: dict[str, Any] = {LAYER_FIELD: pd.array([name] * len(frame), dtype="string")} if combined else {}
        for column, dtype in dtypes.items():
            data[column] = (frame[column].array if column in frame
                            else pd.array([None] * len(frame), dtype=dtype))
        parts.append(GeoDataFrame(data, geometry=list(frame.geometry), crs=crs.pyproj_crs()))
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return GeoDataFrame(out, geometry="geometry", crs=crs.pyproj_crs())


def csvt_line(types: list[str]) -> str:
    """One line of a GDAL ``.csvt`` file (quoted types, comma-separated)."""
    return ",".join(f'"{t}"' for t in types) + "\n"


def write_csv(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """CSV of every feature, with its ``.csvt`` beside it (see the module notes)."""
    table = combined_frame(layers, crs)
    columns = property_columns(table)
    x_name, y_name = ("x", "y") if crs.projected else ("lon", "lat")
    buffer = io.StringIO()
    writer = SafeWriter(buffer)  # cells a spreadsheet would run as formulas are neutralised (geo._csvsafe)
    writer.writerow([*columns, x_name, y_name, "crs", "WKT"])  # an upload's column names are the user's text too
    for geometry, row in zip(table.geometry, table[columns].itertuples(index=False, name=None), strict=True):
        point = geometry if geometry is not None and geometry.geom_type == "Point" else None
        x = f"{point.x:.{crs.decimals}f}" if point is not None else ""
        y = f"{point.y:.{crs.decimals}f}" if point is not None else ""
        wkt = shapely.to_wkt(geometry, rounding_precision=crs.decimals, trim=True) if geometry is not None else ""
        writer.writerow([value_text(plain_value(cell)) for cell in row] + [x, y, crs.authority_label, wkt])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    kinds = [CSVT_TYPES[column_kind(table, column)] for column in columns]
    path.with_suffix(".csvt").write_text(csvt_line([*kinds, "Real", "Real", "String", "WKT"]), encoding="utf-8")


def write_flatgeobuf(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """One FlatGeobuf layer of every feature (``layer`` field when several), CRS in the header."""
    table = combined_frame(layers, crs)
    name = next(iter(layers)) if len(layers) == 1 else "yuqian_layers"
    pyogrio.write_dataframe(table, path, layer=name, driver="FlatGeobuf", promote_to_multi=False,
                            layer_options={"SPATIAL_INDEX": "YES" if table.geometry.notna().all() else "NO"})


def write_geoparquet(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """GeoParquet (geopandas + pyarrow) with its ``geo`` metadata and the layers' sources in the schema."""
    table = combined_frame(layers, crs)
    table.to_parquet(path, index=False, compression="zstd", schema_version="1.0.0",
                     write_covering_bbox=False)
