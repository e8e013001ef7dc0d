"""The tables of the edit store (SQLAlchemy Core), shared by SQLite and PostgreSQL.

The schema itself is created and evolved by the Alembic migrations in
``geo/edits/migrations`` (one history for both databases); these table
objects only describe it for the queries.  On PostgreSQL the migrations add a
PostGIS column ``edits.geom`` generated from ``new_value`` (not listed here,
the store never writes it) so that a GIS can read the moves directly.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

users = Table(
    "users", metadata,
    Column("name", String(200), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("account_id", String(32), nullable=True),
    Column("credential_version", Integer, nullable=False, server_default="1"),
    Column("disabled_at", String(32), nullable=True),
)

#: Failed sign-ins counted per key (``account:<name>`` or ``client:<address>``), see ``_throttle``.
signin_throttle = Table(
    "signin_throttle", metadata,
    Column("key", String(320), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_attempt", String(32), nullable=False),
    Column("next_allowed", String(32), nullable=False),
)

edits = Table(
    "edits", metadata,
    Column("edit_id", Integer, primary_key=True, autoincrement=True),
    Column("feature_id", String(200), nullable=False, index=True),
    Column("layer", String(64), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("time", String(32), nullable=False),
    Column("field", String(16), nullable=False),
    Column("old_value", Text, nullable=True),
    Column("new_value", Text, nullable=True),
    Column("precision", String(32), nullable=True),
    Column("source", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("status_date", String(32), nullable=True),
    Column("reverts", Integer, nullable=True),
    Column("version", Integer, nullable=False),
    UniqueConstraint("feature_id", "version", name="uq_edits_feature_version"),
)
