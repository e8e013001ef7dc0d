"""User accounts of the edit store: argon2 password hashes, identity and credential version, sign-in.

Passwords are hashed with argon2id by ``argon2-cffi`` (never stored or logged
in clear).  Each account has an identity given at creation (``account_id``)
and a ``credential_version`` raised when its password changes or it is
disabled; a signed-in session keeps both (:attr:`User.stamp`) and ends when
they no longer match, so removing and re-adding a name, a new password or
disabling the account ends every session opened before.  Failed sign-ins are
counted and slowed down by :mod:`geo.edits._throttle` (per account name and
per client address, one transaction per attempt).  An unknown name costs the
same hash check as a known one, so timing does not tell which names exist.
"""

from __future__ import annotations

import contextlib
import secrets
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from geo._errors import EditNotAllowed, UserError
from geo.edits import _throttle
from geo.edits._model import ROLES, User
from geo.edits._schema import users

#: Shortest password accepted.
MIN_PASSWORD_LENGTH: Final[int] = 8
_MAX_NAME_LENGTH: Final[int] = 200
_TIME_FORMAT: Final[str] = "%Y-%m-%dT%H:%M:%SZ"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC (the store's default clock)."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO 8601 UTC text of a time, to the second (``2026-12-01T20:00:07Z``)."""
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def parse_iso(text: str) -> datetime:
    """The time of an :func:`iso` text."""
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("not a password of anyone")


def check_new_user(name: object, password: object, role: object) -> list[str]:
    """Every problem of creating a user with these values."""
    problems = []
    if not isinstance(name, str) or not name.strip():
        problems.append("the user name is empty")
    elif name != name.strip() or len(name) > _MAX_NAME_LENGTH:
        problems.append(f"user name {name!r}: no leading/trailing spaces, at most {_MAX_NAME_LENGTH} characters")
    elif any(unicodedata.category(ch).startswith("C") for ch in name):
        problems.append(f"user name {name!r} contains control characters")
    if role not in ROLES:
        problems.append(f"role {role!r} is not one of {', '.join(ROLES)}")
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    return problems


def add_user(engine: Engine, name: str, password: str, role: str, now: datetime) -> User:
    """Create a user with an argon2 hash of ``password``; :class:`UserError` on any problem."""
    problems = check_new_user(name, password, role)
    if problems:
        raise UserError(f"cannot add user {name!r}", problems)
    row = {"name": name, "role": role, "password_hash": _hasher().hash(password), "created_at": iso(now),
           "account_id": secrets.token_hex(16), "credential_version": 1, "disabled_at": None}
    try:
        with engine.begin() as conn:
            conn.execute(users.insert().values(**row))
    except IntegrityError:
        raise UserError(f"cannot add user {name!r}", [f"a user {name!r} already exists; remove it first"]) from None
    return User(name, role)  # type: ignore[arg-type]


def remove_user(engine: Engine, name: str) -> None:
    """Delete a user (their edits stay in the log); :class:`UserError` if unknown."""
    with engine.begin() as conn:
        gone = conn.execute(delete(users).where(users.c.name == name)).rowcount
    if not gone:
        raise UserError(f"cannot remove user {name!r}", [f"no user {name!r}; see `python -m geo users list`"])


def set_password(engine: Engine, name: str, password: str) -> None:
    """Give ``name`` a new password; the sessions opened with the old one end (:class:`UserError` if unknown)."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"cannot change the password of {name!r}",
                        [f"the password must have at least {MIN_PASSWORD_LENGTH} characters"])
    _change(engine, name, "change the password of",
            password_hash=_hasher().hash(password), credential_version=users.c.credential_version + 1)
    with engine.begin() as conn:
        _throttle.forget(conn, name)


def set_disabled(engine: Engine, name: str, disabled: bool, now: datetime) -> None:
    """Disable (sessions end, no sign-in, no save; history kept) or enable again an account."""
    if disabled:
        _change(engine, name, "disable", disabled_at=iso(now), credential_version=users.c.credential_version + 1)
    else:
        _change(engine, name, "enable", disabled_at=None)


def _change(engine: Engine, name: str, what: str, **values: object) -> None:
    with engine.begin() as conn:
        found = conn.execute(update(users).where(users.c.name == name).values(**values)).rowcount
    if not found:
        raise UserError(f"cannot {what} user {name!r}", [f"no user {name!r}; see `python -m geo users list`"])


def _is_text(value: object) -> bool:
    """Whether ``value`` is a string UTF-8 can encode (a command-line argument may hold lone surrogates)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _user(row: Any) -> User:
    return User(row.name, row.role, stamp=f"{row.account_id}:{row.credential_version}",
                disabled=row.disabled_at is not None)


def list_users(engine: Engine) -> list[User]:
    """All users, by name (disabled ones too, marked)."""
    with engine.begin() as conn:
        rows = conn.execute(select(users).order_by(users.c.name)).all()
    return [_user(r) for r in rows]


def account(engine: Engine, name: str) -> User | None:
    """The account ``name`` as stored now (its :attr:`User.stamp` included), or ``None``."""
    with engine.begin() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    return None if row is None else _user(row)


def require_editor(conn: Connection, name: object) -> User:
    """The user ``name`` if it exists, is enabled and has an editor/admin role, else :class:`EditNotAllowed`."""
    row = None
    if _is_text(name):
        row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None or row.role not in ROLES:
        raise EditNotAllowed(f"user {name!r} may not edit: no such editor or admin (see `python -m geo users add`)")
    if row.disabled_at is not None:
        raise EditNotAllowed(f"user {name!r} may not edit: the account is disabled since {row.disabled_at} "
                             "(`python -m geo users enable` by an admin)")
    return _user(row)


def authenticate(engine: Engine, name: str, password: str, now: datetime, client: str | None = None) -> User | None:
    """The user if ``password`` is right and the account enabled, else None; :class:`SignInLocked` when too early.

    The attempt is counted before the password is checked
    (:func:`geo.edits._throttle.reserve`, one transaction), so that
    simultaneous attempts cannot all be checked; a right password gives its
    count back.  ``client`` is the visitor's address (throttled too).
    """
    if not _is_text(name) or not _is_text(password):
        return None
    keys = _throttle.reserve(engine, name, client, now)
    with engine.begin() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        with contextlib.suppress(VerificationError):
            _hasher().verify(_dummy_hash(), password)
        return None
    try:
        _hasher().verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    _throttle.refund(engine, keys)
    if row.disabled_at is not None:
        return None
    if _hasher().check_needs_rehash(row.password_hash):
        with engine.begin() as conn:  # only if the password did not change meanwhile
            conn.execute(update(users).where(users.c.name == name, users.c.password_hash == row.password_hash)
                         .values(password_hash=_hasher().hash(password)))
    return _user(row)
