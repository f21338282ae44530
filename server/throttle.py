"""Login throttling (shared/API.md "Auth"), its state in the database so every instance sees it.

Failed logins are counted in two buckets: the username's and the client address's (each row keyed
by a sha256, so no typed username is stored as such). A bucket counts failures until 15 minutes
pass without a failure or a lock; at ``limit`` failures it is locked for ``lock`` seconds, and
every further failure while it still counts locks it again for twice as long (capped at
``lock_max``).

A login is refused (429, ``Retry-After``) without checking the password when its username's
bucket is locked, or when its address's bucket is locked and the login is *suspect* — an unknown
username, or one with failures of its own. So a user whose colleague behind the same address
(a contact center's NAT) mistyped five times is not slowed. Suspect logins are also hashed in a
smaller pool (server/passwords.py). The rules below are pure: time is passed in.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server import tables as t
from server.storage import ServerDB, _aware, _naive

_T = t.login_throttle.c
_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Limits:
    limit: int = 5
    window: timedelta = _WINDOW
    lock: timedelta = timedelta(seconds=60)
    lock_max: timedelta = timedelta(minutes=15)

    @classmethod
    def of(cls, config: Any) -> Limits:
        return cls(
            config.login_limit,
            timedelta(seconds=config.login_window_s),
            timedelta(seconds=config.login_lock_s),
            timedelta(seconds=config.login_lock_max_s),
        )


@dataclass(frozen=True, slots=True)
class Bucket:
    failures: int = 0
    strikes: int = 0
    last_failure: datetime | None = None
    locked_until: datetime | None = None


def current(bucket: Bucket, now: datetime, limits: Limits) -> Bucket:
    """The bucket as it counts at ``now``: empty once a window passed without a failure and
    without a lock (so the lock after a 15-minute lock is 15 minutes again, not one)."""
    if bucket.last_failure is None:
        return Bucket()
    quiet_since = max(bucket.last_failure, bucket.locked_until or bucket.last_failure)
    return Bucket() if now - quiet_since >= limits.window else bucket


def retry_after(bucket: Bucket, now: datetime) -> int:
    """Whole seconds until the bucket unlocks (0: not locked)."""
    if bucket.locked_until is None or bucket.locked_until <= now:
        return 0
    return max(1, math.ceil((bucket.locked_until - now).total_seconds()))


def after_failure(bucket: Bucket, now: datetime, limits: Limits) -> Bucket:
    b = current(bucket, now, limits)
    failures, strikes, locked = b.failures + 1, b.strikes, b.locked_until
    if failures >= limits.limit:
        strikes += 1
        locked = now + min(limits.lock * 2 ** (strikes - 1), limits.lock_max)
    return Bucket(failures, strikes, now, locked)


def decide(
    user: Bucket, address: Bucket, user_exists: bool, now: datetime, limits: Limits
) -> tuple[int, bool]:
    """(seconds to wait — 0 means check the password —, whether the login is suspect)."""
    suspect = not user_exists or current(user, now, limits).failures > 0
    wait = retry_after(user, now)
    if not wait and suspect:
        wait = retry_after(address, now)
    return wait, suspect


# --- the database ------------------------------------------------------------------------------


def keys(username: str, address: str) -> tuple[str, str]:
    """(username bucket key, address bucket key)."""
    digest = lambda text: hashlib.sha256(text.encode()).hexdigest()  # noqa: E731
    return digest("user:" + username), digest("addr:" + address)


def _bucket(row: Any) -> Bucket:
    if row is None:
        return Bucket()
    return Bucket(row.failures, row.strikes, _aware(row.last_failure), _aware(row.locked_until))


def load(session: Session, names: tuple[str, ...]) -> dict[str, Bucket]:
    rows = {r.key: r for r in session.execute(select(t.login_throttle).where(_T.key.in_(names)))}
    return {name: _bucket(rows.get(name)) for name in names}


def _record(session: Session, names: tuple[str, ...], now: datetime, limits: Limits) -> None:
    stmt = select(t.login_throttle).where(_T.key.in_(names))
    if session.info.get("pg"):
        stmt = stmt.with_for_update()
    rows = {r.key: r for r in session.execute(stmt)}
    for name in names:
        b = after_failure(_bucket(rows.get(name)), now, limits)
        values = {
            "failures": b.failures,
            "strikes": b.strikes,
            "last_failure": _naive(b.last_failure),
            "locked_until": _naive(b.locked_until),
        }
        if name in rows:
            session.execute(update(t.login_throttle).where(_T.key == name).values(**values))
        else:
            session.execute(insert(t.login_throttle).values(key=name, **values))


def record_failure(db: ServerDB, names: tuple[str, ...], now: datetime, limits: Limits) -> None:
    """Count one failure in each bucket, atomically (a concurrent first failure on PostgreSQL
    may insert the same new row: then it is done again over the committed row)."""
    for attempt in range(3):
        with db.session() as s:
            try:
                _record(s, names, now, limits)
                s.commit()
                return
            except IntegrityError:
                s.rollback()
                if attempt == 2:
                    raise


def forget(session: Session, name: str) -> None:
    """A successful login clears its username's bucket (never the address's)."""
    session.execute(delete(t.login_throttle).where(_T.key == name))


def purge_stale(session: Session, now: datetime, window: timedelta = _WINDOW) -> int:
    """Rows that no longer count: no failure within the window and no lock running."""
    cutoff = _naive(now - window)
    stmt = delete(t.login_throttle).where(
        _T.last_failure < cutoff, or_(_T.locked_until.is_(None), _T.locked_until < _naive(now))
    )
    return int(session.execute(stmt).rowcount or 0)
