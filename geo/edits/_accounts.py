"""User accounts of the edit store: argon2 password hashes and the sign-in lockout.

Passwords are hashed with argon2id by ``argon2-cffi`` (never stored or logged
in clear).  After :data:`MAX_FAILED_SIGNINS` failures in a row a user is
locked for :data:`LOCK_SECONDS`; each further failure after the lock ends
locks again, a success resets the count.  An unknown name costs the same hash
check as a known one, so timing does not tell which names exist.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from geo._errors import EditNotAllowed, SignInLocked, UserError
from geo.edits._model import ROLES, User
from geo.edits._schema import users

#: Failed sign-ins in a row before the account is locked.
MAX_FAILED_SIGNINS: Final[int] = 5
#: How long a lock lasts.
LOCK_SECONDS: Final[int] = 15 * 60
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
           "failed_signins": 0, "locked_until": None}
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


def list_users(engine: Engine) -> list[User]:
    """All users, by name."""
    with engine.begin() as conn:
        rows = conn.execute(select(users.c.name, users.c.role).order_by(users.c.name)).all()
    return [User(r.name, r.role) for r in rows]


def require_editor(conn: Connection, name: object) -> User:
    """The user ``name`` if it exists with an editor/admin role, else :class:`EditNotAllowed`."""
    row = None
    if isinstance(name, str):
        row = conn.execute(select(users.c.name, users.c.role).where(users.c.name == name)).first()
    if row is None or row.role not in ROLES:
        raise EditNotAllowed(f"user {name!r} may not edit: no such editor or admin (see `python -m geo users add`)")
    return User(row.name, row.role)


def authenticate(engine: Engine, name: str, password: str, now: datetime) -> User | None:
    """The user if ``password`` is right, else None; :class:`SignInLocked` while locked.

    Every failure is counted; the failure that reaches the limit locks the
    account and raises, as does any attempt (right or wrong) during the lock.
    """
    with engine.begin() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        with contextlib.suppress(VerificationError):
            _hasher().verify(_dummy_hash(), password)
        return None
    if row.locked_until and now < parse_iso(row.locked_until):
        raise SignInLocked(name, row.locked_until)
    try:
        _hasher().verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        _count_failure(engine, name, now)
        return None
    with engine.begin() as conn:
        values: dict[str, object] = {"failed_signins": 0, "locked_until": None}
        if _hasher().check_needs_rehash(row.password_hash):
            values["password_hash"] = _hasher().hash(password)
        conn.execute(update(users).where(users.c.name == name).values(**values))
    return User(row.name, row.role)


def _count_failure(engine: Engine, name: str, now: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.name == name)
                     .values(failed_signins=users.c.failed_signins + 1))
        failures = conn.execute(select(func.coalesce(users.c.failed_signins, 0))
                                .where(users.c.name == name)).scalar_one_or_none() or 0
        if failures < MAX_FAILED_SIGNINS:
            return
        until = iso(now + timedelta(seconds=LOCK_SECONDS))
        conn.execute(update(users).where(users.c.name == name).values(locked_until=until))
    raise SignInLocked(name, until)
