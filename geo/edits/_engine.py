"""SQLAlchemy engines for the two stores: SQLite (WAL, immediate transactions) and PostgreSQL (psycopg 3).

SQLite is set up for several processes sharing one file: WAL journal (readers
never block the writer), ``synchronous=FULL`` (a committed edit survives a
crash), a busy timeout, and every writing transaction (on an engine with
:data:`WRITE_OPTIONS`) opened with ``BEGIN IMMEDIATE`` so that a
read-then-append can never interleave with another writer's; reading
transactions use a plain ``BEGIN`` and never wait for a writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url

#: Execution options of an engine whose transactions write.
WRITE_OPTIONS: dict[str, bool] = {"yuqian_write": True}

#: Seconds a SQLite writer waits for another one before giving up.
SQLITE_BUSY_TIMEOUT_S = 30


def normalise_url(url: str) -> str:
    """A SQLAlchemy URL for a DSN: ``postgresql://`` uses psycopg 3, a bare path means SQLite."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str) -> Engine:
    """An engine for the store at ``url`` (the SQLite file's folder is created)."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    raise ValueError(f"unsupported store URL {parsed.render_as_string(hide_password=True)!r}: "
                     "use postgresql://... or a SQLite file path")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    writes = connection.get_execution_options().get("yuqian_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
