"""The users table and the append-only edit log.

Revision ID: 0001
Revises:
Create Date: 2026-12-01

Both databases get the same two tables; the log is made append-only by
triggers that refuse UPDATE and DELETE.  PostgreSQL also gets a PostGIS
geometry column generated from the GeoJSON of each move.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``users`` and ``edits`` with their constraints and triggers."""
    op.create_table(
        "users",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("failed_signins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.String(32), nullable=True),
        sa.CheckConstraint("role IN ('editor', 'admin')", name="ck_users_role"),
    )
    op.create_table(
        "edits",
        sa.Column("edit_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("feature_id", sa.String(200), nullable=False),
        sa.Column("layer", sa.String(64), nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("time", sa.String(32), nullable=False),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("old_value", sa.Text, nullable=True),
        sa.Column("new_value", sa.Text, nullable=True),
        sa.Column("precision", sa.String(32), nullable=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("status_date", sa.String(32), nullable=True),
        sa.Column("reverts", sa.Integer, sa.ForeignKey("edits.edit_id", name="fk_edits_reverts"), nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("feature_id", "version", name="uq_edits_feature_version"),
        sa.CheckConstraint("field IN ('geometry', 'status', 'note', 'revert')", name="ck_edits_field"),
        sa.CheckConstraint("version >= 1", name="ck_edits_version"),
    )
    op.create_index("ix_edits_feature_id", "edits", ["feature_id"])
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_extras()
    else:
        _sqlite_extras()


def _sqlite_extras() -> None:
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER edits_no_{action.lower()} BEFORE {action} ON edits "
            "BEGIN SELECT RAISE(ABORT, 'the edit log is append-only'); END"
        )


def _postgresql_extras() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.execute(
        "ALTER TABLE edits ADD COLUMN geom geometry(Geometry, 4326) GENERATED ALWAYS AS "
        "(CASE WHEN field = 'geometry' AND new_value IS NOT NULL "
        "THEN ST_SetSRID(ST_GeomFromGeoJSON(new_value), 4326) END) STORED"
    )
    op.execute(
        "CREATE FUNCTION edits_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'the edit log is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER edits_append_only BEFORE UPDATE OR DELETE ON edits "
        "FOR EACH ROW EXECUTE FUNCTION edits_append_only()"
    )


def downgrade() -> None:
    """Drop both tables (and the PostgreSQL trigger function)."""
    op.drop_table("edits")
    op.drop_table("users")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS edits_append_only()")
