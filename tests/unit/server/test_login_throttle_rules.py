"""The login throttle's pure rules (server/throttle.py), time passed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from server.throttle import Bucket, Limits, after_failure, current, decide, retry_after

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
L = Limits()


def _fail(bucket: Bucket, times: int, at: datetime) -> Bucket:
    for _ in range(times):
        bucket = after_failure(bucket, at, L)
    return bucket


def test_five_failures_lock_for_a_minute() -> None:
    four = _fail(Bucket(), 4, T0)
    assert retry_after(four, T0) == 0
    five = after_failure(four, T0, L)
    assert retry_after(five, T0) == 60 and retry_after(five, T0 + timedelta(seconds=59.5)) == 1
    assert retry_after(five, T0 + timedelta(seconds=60)) == 0


def test_each_further_lock_doubles_up_to_fifteen_minutes() -> None:
    b, at, seen = _fail(Bucket(), 5, T0), T0, []
    for _ in range(6):
        seen.append(retry_after(b, at))
        at += timedelta(seconds=seen[-1])  # wait the lock out, then fail once more
        b = after_failure(b, at, L)
    assert seen == [60, 120, 240, 480, 900, 900]


def test_a_quiet_window_forgets_everything() -> None:
    b = _fail(Bucket(), 5, T0)
    assert current(b, T0 + timedelta(minutes=15), L) == b  # the lock ended only 14 min ago
    later = T0 + timedelta(minutes=16)
    assert current(b, later, L) == Bucket()
    assert retry_after(after_failure(b, later, L), later) == 0  # counting starts at one again


def test_address_lock_slows_only_suspect_logins() -> None:
    locked_address = _fail(Bucket(), 5, T0)
    clean_user, failing_user = Bucket(), _fail(Bucket(), 1, T0)
    assert decide(clean_user, locked_address, True, T0, L) == (0, False)
    assert decide(failing_user, locked_address, True, T0, L) == (60, True)
    assert decide(clean_user, locked_address, False, T0, L) == (60, True)  # unknown username
    assert decide(_fail(Bucket(), 5, T0), Bucket(), True, T0, L) == (60, True)
