"""Bring a store's database to the newest schema with the Alembic migrations.

One migration history (``geo/edits/migrations/versions``) serves SQLite and
PostgreSQL.  A new revision is a new file there with ``down_revision`` set to
the previous one; ``open_store`` applies whatever is missing.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the shipped migrations (no ini file)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the missing migrations to the database of ``engine`` (idempotent)."""
    config = alembic_config()
    from geo.edits._engine import WRITE_OPTIONS

    with engine.execution_options(**WRITE_OPTIONS).connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
