"""The PostGIS test fixture gives a real, empty, PostGIS-enabled database per test."""

from __future__ import annotations

import psycopg


def test_fresh_database_has_postgis_and_no_tables(fresh_postgis_dsn: str) -> None:
    with psycopg.connect(fresh_postgis_dsn) as conn:
        version = conn.execute("SELECT postgis_lib_version()").fetchone()
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
            "AND table_name <> 'spatial_ref_sys'").fetchone()
    assert version is not None and version[0].startswith("3.")
    assert tables == (0,)


def test_each_test_gets_its_own_database(fresh_postgis_dsn: str, postgis_dsn: str) -> None:
    assert fresh_postgis_dsn != postgis_dsn
    with psycopg.connect(fresh_postgis_dsn) as conn:
        conn.execute("CREATE TABLE probe (id integer PRIMARY KEY)")
        conn.commit()
