"""PostGIS export on a real PostgreSQL + PostGIS (the ``fresh_postgis_dsn`` fixture).

Read back: row counts, SRID, geometry validity, primary keys, spatial
indexes, comments and the QGIS ``layer_styles`` rows; a failure mid-way
leaves nothing behind; append adds rows and refuses repeated ids.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import psycopg
import pytest

from geo._errors import ExportError
from geo.config import LAYERS
from geo.export import _postgis, export_postgis
from geo.export._dictionary import description

DATA = Path(__file__).parent / "data" / "export_layers"


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    """The hand-made layers that follow the data contract."""
    return {name: gpd.read_file(DATA / f"{name}.geojson") for name in LAYERS if (DATA / f"{name}.geojson").exists()}


def _tables(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                            "AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'").fetchall()
    return {row[0] for row in rows}


@pytest.mark.parametrize(("crs", "srid"), [("wgs84", 4326), ("cgcs2000", 4490)])
def test_every_layer_is_a_table_with_srid_key_index_and_valid_geometry(
    layers: dict[str, gpd.GeoDataFrame], fresh_postgis_dsn: str, crs: str, srid: int
) -> None:
    counts = export_postgis(layers, crs, fresh_postgis_dsn)
    assert counts == {name: len(frame) for name, frame in layers.items()}
    assert _tables(fresh_postgis_dsn) == set(layers) | {"layer_styles"}
    with psycopg.connect(fresh_postgis_dsn) as conn:
        for name, frame in layers.items():
            found = conn.execute(
                "SELECT srid, type FROM geometry_columns WHERE f_table_name = %s AND f_geometry_column = 'geometry'",
                (name,)).fetchone()
            assert found is not None and found[0] == srid, name
            invalid = conn.execute(f'SELECT count(*) FROM "{name}" WHERE NOT ST_IsValid(geometry)').fetchone()
            assert invalid == (0,), name
            key = conn.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary", (name,)).fetchall()
            assert key == [("id",)], name
            gist = conn.execute(
                "SELECT count(*) FROM pg_indexes WHERE tablename = %s AND indexdef LIKE '%%USING gist%%'",
                (name,)).fetchone()
            assert gist == (1,), name
            ids = {row[0] for row in conn.execute(f'SELECT id FROM "{name}"')}
            assert ids == set(frame["id"].astype(str)), name
        comment = conn.execute("SELECT col_description('corridors'::regclass, "
                               "(SELECT attnum FROM pg_attribute WHERE attrelid = 'corridors'::regclass "
                               "AND attname = 'mode'))").fetchone()
        assert comment is not None and comment[0] == description("corridors", "mode")
        assert comment[0].startswith("交通方式 Mode.") and "expressway = 高速公路 Expressway" in comment[0]
        cross = conn.execute("SELECT pg_typeof(cross_border)::text, count(*) FILTER (WHERE cross_border) "
                             "FROM corridors GROUP BY 1").fetchone()
        assert cross is not None and cross[0] == "boolean"
        assert cross[1] == int(layers["corridors"]["cross_border"].sum())
        name = conn.execute("SELECT name FROM townships ORDER BY id LIMIT 1").fetchone()
        assert name is not None and any("\u4e00" <= ch <= "\u9fff" for ch in name[0])  # Chinese intact


def test_layer_styles_rows_are_what_qgis_reads(layers: dict[str, gpd.GeoDataFrame], fresh_postgis_dsn: str) -> None:
    export_postgis(layers, "wgs84", fresh_postgis_dsn)
    export_postgis(layers, "wgs84", fresh_postgis_dsn)  # again: one default style per table, not two
    with psycopg.connect(fresh_postgis_dsn) as conn:
        rows = conn.execute(
            "SELECT f_table_catalog = current_database(), f_table_schema, f_table_name, f_geometry_column, "
            "useasdefault, xpath_exists('/qgis/renderer-v2[@type=\"RuleRenderer\"]', styleqml), "
            "xpath_exists('//*[local-name()=\"Rule\"]', stylesld), type FROM layer_styles").fetchall()
    assert sorted(row[2] for row in rows) == sorted(layers)
    for catalog_ok, schema, _, geometry, default, rule_renderer, sld_rules, kind in rows:
        assert catalog_ok and schema == "public" and geometry == "geometry" and default
        assert rule_renderer and sld_rules and kind is None  # NULL: QGIS then matches any layer URI


def test_append_adds_rows_and_a_repeated_id_rolls_everything_back(
    layers: dict[str, gpd.GeoDataFrame], fresh_postgis_dsn: str
) -> None:
    corridors = layers["corridors"]
    first, rest = corridors.iloc[:1], corridors.iloc[1:]
    export_postgis({"corridors": first}, "wgs84", fresh_postgis_dsn)
    assert export_postgis({"corridors": rest}, "wgs84", fresh_postgis_dsn, mode="append") == {
        "corridors": len(corridors)}
    with pytest.raises(ExportError, match="nothing was written"):
        export_postgis({"townships": layers["townships"], "corridors": first}, "wgs84", fresh_postgis_dsn,
                       mode="append")
    assert _tables(fresh_postgis_dsn) == {"corridors", "layer_styles"}  # townships rolled back too
    with psycopg.connect(fresh_postgis_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM corridors").fetchone() == (len(corridors),)


def test_a_failure_mid_way_leaves_nothing(
    layers: dict[str, gpd.GeoDataFrame], fresh_postgis_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _postgis._write_styles

    def failing(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise _postgis.SQLAlchemyError("disk full (simulated)")

    monkeypatch.setattr(_postgis, "_write_styles", failing)
    with pytest.raises(ExportError, match="nothing was written: disk full"):
        export_postgis(layers, "wgs84", fresh_postgis_dsn)
    assert _tables(fresh_postgis_dsn) == set()


def test_replace_drops_what_was_there(layers: dict[str, gpd.GeoDataFrame], fresh_postgis_dsn: str) -> None:
    export_postgis(layers, "wgs84", fresh_postgis_dsn)
    export_postgis({"corridors": layers["corridors"].iloc[:2]}, "cgcs2000", fresh_postgis_dsn, mode="replace")
    with psycopg.connect(fresh_postgis_dsn) as conn:
        assert conn.execute("SELECT count(*), max(ST_SRID(geometry)) FROM corridors").fetchone() == (2, 4490)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"crs": "gcj02"}, "GCJ-02 has none"),
    ({"mode": "upsert"}, "unknown --mode 'upsert'"),
    ({"dsn": "mysql://x@127.0.0.1/db"}, "postgresql:// URL"),
    ({"dsn": "not a url"}, "not a database URL"),
])
def test_bad_requests_are_clear_errors(layers: dict[str, gpd.GeoDataFrame], kwargs: dict[str, str],
                                       message: str) -> None:
    arguments = {"crs": "wgs84", "dsn": "postgresql://nobody@127.0.0.1:1/none", "mode": "replace", **kwargs}
    with pytest.raises(ExportError, match=message):
        export_postgis({"corridors": layers["corridors"]}, arguments["crs"], arguments["dsn"], mode=arguments["mode"])


def test_a_layer_without_unique_ids_is_refused(layers: dict[str, gpd.GeoDataFrame]) -> None:
    doubled = gpd.GeoDataFrame(gpd.pd.concat([layers["corridors"]] * 2), crs=layers["corridors"].crs)
    with pytest.raises(ExportError, match="unique 'id'"):
        export_postgis({"corridors": doubled}, "wgs84", "postgresql://nobody@127.0.0.1:1/none")


def _comments(dsn: str, table: str) -> dict[str, str | None]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT attname, col_description(attrelid, attnum) FROM pg_attribute "
                            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", (table,)).fetchall()
    return dict(rows)


def test_every_column_is_commented_with_its_data_dictionary_entry(
    built_layers: dict[str, gpd.GeoDataFrame], fresh_postgis_dsn: str
) -> None:
    layers = built_layers
    export_postgis(layers, "cgcs2000_cm108", fresh_postgis_dsn)
    for name, frame in layers.items():
        comments = _comments(fresh_postgis_dsn, name)
        for column in (c for c in frame.columns if c != "geometry"):
            assert comments[column] == description(name, column), (name, column)
    corridors = _comments(fresh_postgis_dsn, "corridors")
    assert (corridors["status_note"] or "").startswith("状态原文")  # had no comment before
    assert "km" in (corridors["length_km"] or "")
    with psycopg.connect(fresh_postgis_dsn) as conn:
        assert conn.execute("SELECT Find_SRID('public', 'corridors', 'geometry')").fetchone() == (4545,)


def test_a_libpq_keyword_dsn_is_taken(layers: dict[str, gpd.GeoDataFrame], fresh_postgis_dsn: str) -> None:
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    keywords = make_conninfo(**{k: v for k, v in conninfo_to_dict(fresh_postgis_dsn).items() if v is not None})
    assert "://" not in keywords and "dbname=" in keywords
    assert export_postgis({"corridors": layers["corridors"]}, "wgs84", keywords) == {
        "corridors": len(layers["corridors"])}


@pytest.mark.parametrize(("dsn", "message"), [
    ("host=127.0.0.1 user=gis", "names no database"),
    ("host=127.0.0.1 dbname=x colour=blue", "not a libpq connection string"),
])
def test_bad_keyword_dsns_are_clear_errors(layers: dict[str, gpd.GeoDataFrame], dsn: str, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        export_postgis({"corridors": layers["corridors"]}, "wgs84", dsn)
