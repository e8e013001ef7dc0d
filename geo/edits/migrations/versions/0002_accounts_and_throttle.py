"""Accounts with an identity and a credential version; sign-in throttling per account and per client.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07

Issue 27.  ``users`` gains ``account_id`` (a random identity given at creation:
an account removed and added again under the same name is another account),
``credential_version`` (raised by a password change and by disabling, so that
the sessions opened before end) and ``disabled_at`` (an account kept, with its
history, that cannot sign in or save).  The lock-out columns
``failed_signins``/``locked_until`` go: failures are now counted, one
transaction per attempt, in ``signin_throttle``, one row per account name and
per client address (see ``geo/edits/_throttle.py``).  Existing accounts get an
identity of their own.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the account columns, fill each account's identity, drop the old lock-out, add the throttle table."""
    op.add_column("users", sa.Column("account_id", sa.String(32), nullable=True))
    op.add_column("users", sa.Column("credential_version", sa.Integer, nullable=False, server_default="1"))
    op.add_column("users", sa.Column("disabled_at", sa.String(32), nullable=True))
    users = sa.table("users", sa.column("name", sa.String), sa.column("account_id", sa.String))
    bind = op.get_bind()
    for (name,) in bind.execute(sa.select(users.c.name)).all():
        bind.execute(sa.update(users).where(users.c.name == name).values(account_id=secrets.token_hex(16)))
    op.drop_column("users", "failed_signins")
    op.drop_column("users", "locked_until")
    op.create_table(
        "signin_throttle",
        sa.Column("key", sa.String(320), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_attempt", sa.String(32), nullable=False),
        sa.Column("next_allowed", sa.String(32), nullable=False),
        sa.CheckConstraint("failures >= 0", name="ck_signin_throttle_failures"),
    )


def downgrade() -> None:
    """Back to revision 0001: the lock-out columns return (empty), the new columns and table go."""
    op.drop_table("signin_throttle")
    op.add_column("users", sa.Column("failed_signins", sa.Integer, nullable=False, server_default="0"))
    op.add_column("users", sa.Column("locked_until", sa.String(32), nullable=True))
    op.drop_column("users", "disabled_at")
    op.drop_column("users", "credential_version")
    op.drop_column("users", "account_id")
