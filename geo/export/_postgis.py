"""Private PostGIS writer: one table per layer and QGIS's ``layer_styles``, in ONE transaction.

``python -m geo export --layer all --format postgis --dsn postgresql://...``:

* one table per layer (named like the layer), geometry column ``geometry``
  with SRID 4326 (``--crs wgs84``) or 4490 (``--crs cgcs2000``) and a GiST
  spatial index (geoalchemy2), ``id`` as primary key, every field commented
  with its data dictionary entry (label, definition, type, unit, allowed
  values, source: :mod:`geo.export._dictionary`), the table with its sources
  and licences;
* ``--mode replace`` drops and recreates the tables; ``--mode append`` adds
  rows to existing tables (a repeated ``id`` fails the whole export);
* a ``layer_styles`` table with QGIS's own columns (created if missing), one
  default style per table, so that QGIS opening the database draws the layers
  as the web map does (``type`` is left NULL: QGIS matches it against the
  geometry type of the layer's URI, which a hand-written URI often lacks);
* everything runs in one transaction: on any error nothing is written.

GCJ-02 has no SRID and is refused.  SQL is built only by SQLAlchemy and
psycopg (bound parameters, identifiers and literals quoted by the library).
"""

from __future__ import annotations

from typing import Any, Final, cast

import pandas as pd
import psycopg
from geopandas import GeoDataFrame
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from geo._errors import ExportError
from geo.credits import attribution_text, layer_credits
from geo.crs import OutputCrs
from geo.export._dictionary import description
from geo.export._gpkg import STYLE_NAME, StyledTable
from geo.export._styles import layer_style
from geo.export._values import column_kind, plain_value, property_columns

MODES: Final[tuple[str, ...]] = ("replace", "append")
GEOMETRY_COLUMN: Final[str] = "geometry"
#: QGIS's ``layer_styles`` table (as QGIS 3.22 creates it).
_STYLES_DDL: Final[str] = (
    "CREATE TABLE IF NOT EXISTS {table} (id SERIAL PRIMARY KEY, f_table_catalog varchar, "
    "f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, stylename text, "
    "styleqml xml, stylesld xml, useasdefault boolean, description text, "
    "owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, "
    "type varchar)"
)
_PANDAS_DTYPES: Final[dict[str, str]] = {"bool": "boolean", "int": "Int64", "float": "float64", "str": "object"}


def _engine(dsn: str) -> Engine:
    """An engine (psycopg 3, no pool) for a DSN; a clear error for anything else.

    Takes a ``postgresql://`` URL or libpq's ``key=value`` connection string
    (``host=localhost port=5432 dbname=plan user=gis``), as ``psql`` and QGIS do;
    the latter is parsed by libpq itself and its keywords handed to psycopg.
    """
    if "://" not in dsn and "=" in dsn:
        from psycopg.conninfo import conninfo_to_dict

        try:
            params = conninfo_to_dict(dsn)
        except psycopg.ProgrammingError as error:
            detail = str(error).strip().splitlines()[0]
            raise ExportError(f"--dsn is not a libpq connection string ({detail}): "
                              "use host=... port=... dbname=... user=... [password=...]") from error
        if not params.get("dbname"):
            raise ExportError("--dsn names no database: add dbname=... (e.g. host=localhost dbname=plan user=gis)")
        return create_engine("postgresql+psycopg://", connect_args=dict(params), poolclass=NullPool)
    try:
        url = make_url(dsn)
    except ArgumentError as error:
        raise ExportError(f"--dsn {dsn!r} is not a database URL: use postgresql://user@host:port/dbname "
                          "or host=... dbname=... user=...") from error
    if url.get_backend_name() not in ("postgresql", "postgres"):
        raise ExportError(f"--dsn must be a postgresql:// URL or a libpq host=... dbname=... string, "
                          f"not {url.get_backend_name()!r}")
    return create_engine(url.set(drivername="postgresql+psycopg"), poolclass=NullPool)


def table_frame(frame: GeoDataFrame) -> GeoDataFrame:
    """The layer with plain values in typed columns (lists joined, booleans as nullable booleans)."""
    out = frame.copy()
    for column in property_columns(frame):
        values = [plain_value(value) for value in frame[column]]
        out[column] = pd.array(cast(Any, values), dtype=_PANDAS_DTYPES[column_kind(frame, column)])
    return out.rename_geometry(GEOMETRY_COLUMN) if out.geometry.name != GEOMETRY_COLUMN else out


def _check_ids(layers: dict[str, GeoDataFrame]) -> None:
    problems = []
    for name, frame in layers.items():
        if "id" not in frame:
            problems.append(f"layer {name!r} has no 'id' field (the primary key)")
        elif frame["id"].isna().any() or frame["id"].duplicated().any():
            repeated = sorted(frame.loc[frame["id"].duplicated(), "id"].astype(str).unique())[:5]
            problems.append(f"layer {name!r}: 'id' is missing or repeated ({', '.join(repeated) or 'missing'})")
    if problems:
        raise ExportError("cannot write PostGIS tables: every layer needs a unique 'id'", problems)


def _quoted(connection: Connection, *names: str) -> str:
    preparer = connection.dialect.identifier_preparer
    return ".".join(preparer.quote(name) for name in names)


def _literal(connection: Connection, value: str) -> str:
    """A string literal quoted by psycopg (``COMMENT ON`` takes no bound parameter)."""
    from psycopg import sql

    raw = connection.connection.driver_connection
    return sql.Literal(value).as_string(raw)


def _write_table(connection: Connection, name: str, frame: GeoDataFrame, schema: str, mode: str) -> None:
    table = _quoted(connection, schema, name)
    exists = connection.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": table}).scalar()
    if mode == "replace" and exists:
        connection.execute(text(f"DROP TABLE {table}"))
        exists = False
    table_frame(frame).to_postgis(name, connection, schema=schema, if_exists="append" if exists else "fail",
                                  index=False)
    if exists:
        return
    connection.execute(text(f"ALTER TABLE {table} ADD PRIMARY KEY ({_quoted(connection, 'id')})"))
    style = layer_style(name, frame)
    credits = attribution_text(layer_credits(frame))
    connection.execute(text(f"COMMENT ON TABLE {table} IS "
                            + _literal(connection, f"{style.title}. Attribution: {credits or 'none'}")))
    for column in property_columns(frame):
        about = description(name, column) or style.aliases.get(column)
        if about:
            connection.execute(text(f"COMMENT ON COLUMN {table}.{_quoted(connection, column)} IS "
                                    + _literal(connection, about)))


def _write_styles(connection: Connection, styled: list[StyledTable], schema: str) -> None:
    styles = _quoted(connection, schema, "layer_styles")
    connection.execute(text(_STYLES_DDL.format(table=styles)))
    for table in styled:
        where = {"schema": schema, "table": table.table, "name": STYLE_NAME}
        connection.execute(text(f"DELETE FROM {styles} WHERE f_table_catalog = current_database() AND "
                                "f_table_schema = :schema AND f_table_name = :table AND stylename = :name"), where)
        connection.execute(text(f"UPDATE {styles} SET useasdefault = false WHERE f_table_catalog = current_database()"
                                " AND f_table_schema = :schema AND f_table_name = :table"), where)
        connection.execute(text(
            f"INSERT INTO {styles} (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, "
            "styleqml, stylesld, useasdefault, description, owner, type) VALUES (current_database(), :schema, "
            ":table, :geometry, :name, XMLPARSE(DOCUMENT :qml), XMLPARSE(DOCUMENT :sld), true, :description, "
            "CURRENT_USER, NULL)"),
            {**where, "geometry": GEOMETRY_COLUMN, "qml": table.qml(), "sld": table.sld(),
             "description": f"{table.style.title}: web map symbology (yuqian-geo)"})


def write_postgis(layers: dict[str, GeoDataFrame], crs: OutputCrs, dsn: str, mode: str = "replace",
                  schema: str = "public") -> dict[str, int]:
    """Write the layers and their styles into PostGIS in one transaction.

    Parameters
    ----------
    layers : dict of str to GeoDataFrame
        Prepared layers (in the output CRS), by name.
    crs : OutputCrs
        WGS84 (SRID 4326) or CGCS2000 (SRID 4490).
    dsn : str
        ``postgresql://user[:password]@host:port/dbname``, or libpq's
        ``host=... port=... dbname=... user=...``.
    mode : {"replace", "append"}
        Recreate the tables, or add rows to existing ones.
    schema : str
        The database schema (must exist).

    Returns
    -------
    dict of str to int
        Rows in each table after the export.

    Raises
    ------
    ExportError
        GCJ-02, an unknown mode, a bad DSN, a layer without unique ids, or any
        database error (then nothing is written).
    """
    if crs.epsg is None:
        raise ExportError("PostGIS needs an SRID and GCJ-02 has none: use --crs wgs84 (4326) or cgcs2000 (4490)")
    if mode not in MODES:
        raise ExportError(f"unknown --mode {mode!r}: choose one of {', '.join(MODES)}")
    _check_ids(layers)
    engine = _engine(dsn)
    try:
        with engine.begin() as connection:  # one transaction: commit at the end, roll back on any error
            if not connection.execute(text("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")).scalar():
                raise ExportError("the database has no PostGIS: run CREATE EXTENSION postgis; in it first")
            styled = []
            for name, frame in layers.items():
                _write_table(connection, name, frame, schema, mode)
                styled.append(StyledTable(name, GEOMETRY_COLUMN, layer_style(name, frame), property_columns(frame)))
            _write_styles(connection, styled, schema)
            return {name: int(connection.execute(text(f"SELECT count(*) FROM {_quoted(connection, schema, name)}"))
                              .scalar() or 0) for name in layers}
    except ExportError:
        raise
    except (SQLAlchemyError, psycopg.Error, ValueError) as error:
        # (geopandas writes rows with psycopg's COPY, and raises ValueError on an SRID mismatch)
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise ExportError(f"PostGIS export failed, nothing was written: {detail}") from error
    finally:
        engine.dispose()
