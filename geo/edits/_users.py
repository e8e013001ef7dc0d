"""The account methods of :class:`geo.edits.EditStore` (users, passwords, sessions, sign-in).

A mixin, so that the store's module keeps to the log; everything is done by
:mod:`geo.edits._accounts` on the store's engines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

from geo.edits import _accounts
from geo.edits._model import ROLES, User


class AccountMethods:
    """Users of the store: add, remove, list, new password, disable/enable, session check, sign-in."""

    engine: Engine
    writer: Engine
    clock: Callable[[], Any]

    def add_user(self, name: str, password: str, role: str) -> User:
        """Create a user (``role`` editor or admin); the password is stored as an argon2 hash."""
        return _accounts.add_user(self.writer, name, password, role, self.clock())

    def remove_user(self, name: str) -> None:
        """Delete a user; their edits stay in the log."""
        _accounts.remove_user(self.writer, name)

    def list_users(self) -> list[User]:
        """All users, by name (disabled ones marked)."""
        return _accounts.list_users(self.engine)

    def set_password(self, name: str, password: str) -> None:
        """Give a user a new password; every session opened before ends."""
        _accounts.set_password(self.writer, name, password)

    def disable_user(self, name: str) -> None:
        """Disable an account (no sign-in, no save, sessions end); its edits and name stay."""
        _accounts.set_disabled(self.writer, name, True, self.clock())

    def enable_user(self, name: str) -> None:
        """Enable a disabled account again (sessions opened before it was disabled stay ended)."""
        _accounts.set_disabled(self.writer, name, False, self.clock())

    def account(self, name: str) -> User | None:
        """The account ``name`` as stored now, with its :attr:`~geo.edits.User.stamp`; ``None`` if none."""
        return _accounts.account(self.engine, name)

    def session_user(self, name: str, stamp: str) -> User | None:
        """The account of a session opened with ``stamp``, if it may still edit; else ``None``.

        ``None`` when the account is gone, disabled, no longer an editor or
        admin, or its identity or credential version changed since the sign-in
        (removed and added again, new password).
        """
        user = self.account(name)
        if user is None or user.disabled or user.role not in ROLES or not stamp or user.stamp != stamp:
            return None
        return user

    def authenticate(self, name: str, password: str, client: str | None = None) -> User | None:
        """The user if the password is right, else None; :class:`SignInLocked` while too early to try again.

        ``client`` is the visitor's address: failures are throttled per account
        name and per address (:mod:`geo.edits._throttle`).
        """
        return _accounts.authenticate(self.writer, name, password, self.clock(), client)
