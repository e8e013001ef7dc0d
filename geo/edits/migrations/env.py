"""Alembic environment of the edit store: runs on the connection the store hands over.

The store calls :func:`geo.edits._migrate.upgrade`, which puts an open
connection in ``config.attributes["connection"]``; nothing here reads a file
or the network.  On PostgreSQL a transaction-level advisory lock serialises
concurrent first starts; on SQLite the store's ``BEGIN IMMEDIATE`` does.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(5912014)"))
    context.run_migrations()
