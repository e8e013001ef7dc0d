"""Sign-in throttling: growing delays per account name and per client address, counted atomically.

Why this shape (issue 27): a fixed lock after a few failures can be raced
(attempts checked at once all pass a check made before any failure is
counted) and hands any stranger a way to lock an editor out.  Here every
attempt first *reserves* its place in one write transaction per attempt (the
row locked with ``SELECT ... FOR UPDATE`` on PostgreSQL, the whole store with
``BEGIN IMMEDIATE`` on SQLite): the attempt is counted as a failure before the
password is checked, and the attempt that would come too early is refused
without any check.  A right password then gives its count back (a success is
not a failure, and it erases nobody else's failures).

Each key allows a few failures freely, then makes the next attempt wait a
delay that doubles with each further failure, up to a cap:

* ``account:<name>`` (any address): 5 free, then 1 s, 2 s, 4 s ... at most
  :data:`ACCOUNT.cap_s` = 60 s.  A stranger who knows an editor's name can
  make the editor wait a minute at most, never lock them out for long;
* ``client:<address>`` (any account): 10 free, then 1 s, 2 s ... at most
  15 min.  This is what slows down one machine guessing; it leaves the
  editors at other addresses alone.

A key with no attempt for :data:`FORGET_AFTER_S` starts again from zero.
Loopback addresses (a proxy on the same host) and unknown ones are not
throttled by address, since they would lump every visitor together.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from geo._errors import SignInLocked
from geo.edits._schema import signin_throttle as table

_TIME_FORMAT: Final[str] = "%Y-%m-%dT%H:%M:%SZ"
_EPOCH: Final[str] = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class Schedule:
    """How one kind of key slows down: ``free`` failures without delay, then ``base_s * 2**k`` up to ``cap_s``."""

    free: int
    base_s: int
    cap_s: int

    def delay_s(self, failures: int) -> int:
        """Seconds the next attempt waits after ``failures`` counted failures."""
        if failures < self.free:
            return 0
        return min(self.base_s * 2 ** min(failures - self.free, 30), self.cap_s)


#: Per account name, whatever the address: short cap, so nobody can lock an editor out for long.
ACCOUNT: Final[Schedule] = Schedule(free=5, base_s=1, cap_s=60)
#: Per client address, whatever the account: long cap, the brake on one machine guessing.
CLIENT: Final[Schedule] = Schedule(free=10, base_s=1, cap_s=15 * 60)
#: A key whose last attempt is this old starts again from zero (and its row is deleted).
FORGET_AFTER_S: Final[int] = 3600


def _iso(moment: datetime) -> str:
    return moment.strftime(_TIME_FORMAT)


def client_key(address: str | None) -> str | None:
    """The throttle key of a client address, or ``None`` when the address says nothing about the visitor.

    ``None`` for a missing or unreadable address and for loopback (a proxy on
    this host, or a local test): throttling those would make every visitor
    wait for one attacker.
    """
    if not address:
        return None
    try:
        parsed = ipaddress.ip_address(address.strip().split("%", 1)[0])
    except ValueError:
        return None
    if parsed.is_loopback:
        return None
    return f"client:{parsed.compressed}"


def keys_of(name: str, client: str | None) -> list[tuple[str, Schedule]]:
    """The keys one attempt is counted under, in a fixed order (rows are locked in that order)."""
    keys = [(f"account:{name[:300]}", ACCOUNT)]
    by_address = client_key(client)
    if by_address is not None:
        keys.append((by_address, CLIENT))
    return sorted(keys)


def reserve(engine: Engine, name: str, client: str | None, now: datetime) -> list[str]:
    """Count one attempt under each key before its password is checked; :class:`SignInLocked` when too early.

    One write transaction: each key's row is created if missing and locked,
    and either every key lets the attempt through (each count goes up by one
    and its next allowed time moves on by the key's delay) or the attempt is
    refused and nothing changes, so that attempts made during a wait neither
    pass nor make the wait longer.

    Returns
    -------
    list of str
        The keys counted, for :func:`refund` when the password is right.
    """
    keys = keys_of(name, client)
    stamp = _iso(now)
    with engine.begin() as conn:
        conn.execute(delete(table).where(table.c.last_attempt < _iso(now - timedelta(seconds=FORGET_AFTER_S))))
        rows = {}
        for key, _ in keys:
            _insert_missing(conn, key)
            rows[key] = conn.execute(select(table).where(table.c.key == key).with_for_update()).one()
        waits = [rows[key].next_allowed for key, _ in keys if rows[key].next_allowed > stamp]
        if waits:
            raise SignInLocked(name, max(waits))
        for key, schedule in keys:
            failures = rows[key].failures + 1
            conn.execute(update(table).where(table.c.key == key).values(
                failures=failures, last_attempt=stamp,
                next_allowed=_iso(now + timedelta(seconds=schedule.delay_s(failures)))))
    return [key for key, _ in keys]


def refund(engine: Engine, keys: list[str]) -> None:
    """Give back the count of an attempt whose password was right (the wait it set, if any, stays)."""
    with engine.begin() as conn:
        for key in sorted(keys):
            conn.execute(update(table).where(table.c.key == key, table.c.failures > 0)
                         .values(failures=table.c.failures - 1))


def forget(conn: Connection, name: str) -> None:
    """Clear the account's count (an admin set a new password)."""
    conn.execute(delete(table).where(table.c.key == f"account:{name[:300]}"))


def _insert_missing(conn: Connection, key: str) -> None:
    values = {"key": key, "failures": 0, "last_attempt": _EPOCH, "next_allowed": _EPOCH}
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).values(**values).on_conflict_do_nothing(index_elements=["key"]))


def failures_of(engine: Engine, key: str) -> int:
    """The failures counted under ``key`` (0 when none; for tests and ``users list``)."""
    with engine.begin() as conn:
        found = conn.execute(select(table.c.failures).where(table.c.key == key)).scalar_one_or_none()
    return int(found or 0)
