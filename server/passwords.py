"""Password checks off the event loop, in a bounded pool of their own (argon2 is meant to be slow:
~50-350 ms of CPU each here), so a flood of bogus logins cannot starve real ones.

Two thread pools from the standard library: ``workers`` threads for logins without recent
failures of their username, and ONE thread for suspect logins (an unknown username, or one that
failed recently — server/throttle.py). Suspect logins therefore use at most one core between
them, at a lower CPU priority (nice 10 on Linux), and once ``MAX_SUSPECT_WAITING`` of them wait,
more are refused with 429 at once instead of queueing. An unknown username is checked against a
dummy hash, at the same cost.

The one argon2 hasher of the server (hashing on user creation, verifying on login) lives here.
Its cost is argon2-cffi's ``RFC_9106_LOW_MEMORY`` profile unless ``REVIEWER_ARGON2_PROFILE``
names another of ``argon2.profiles`` (the test suite uses ``CHEAPEST``, as Django's tests swap
in a fast hasher: every hash carries its own parameters, so verification follows the hash).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

MAX_SUSPECT_WAITING = 32
PROFILE_ENV = "REVIEWER_ARGON2_PROFILE"
DEFAULT_PROFILE = "RFC_9106_LOW_MEMORY"


def _hasher_from_env() -> PasswordHasher:
    name = os.environ.get(PROFILE_ENV, DEFAULT_PROFILE)
    params = getattr(profiles, name, None)
    if not isinstance(params, Parameters):
        raise SystemExit(f"{PROFILE_ENV}={name!r}: not one of argon2.profiles")
    return PasswordHasher.from_parameters(params)


_hasher = _hasher_from_env()
_dummy: list[str] = []


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _dummy_hash() -> str:
    if not _dummy:
        _dummy.append(_hasher.hash("no such user"))
    return _dummy[0]


def verify(password_hash: str | None, password: str) -> bool:
    """argon2 verify (blocking); ``None`` (no such user) costs the same and is False."""
    try:
        ok = _hasher.verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return bool(ok) and password_hash is not None


class Busy(Exception):
    """Too many suspect logins are already waiting."""


def _lower_priority() -> None:
    """Linux: nice is per thread (and inherited by argon2's own lane threads): the suspect
    lane's CPU goes to real logins first. Elsewhere a no-op."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


class PasswordPool:
    def __init__(self, workers: int = 2) -> None:
        self._fast = ThreadPoolExecutor(max(1, workers), thread_name_prefix="argon2")
        self._slow = ThreadPoolExecutor(
            1, thread_name_prefix="argon2-suspect", initializer=_lower_priority
        )
        self._lock = threading.Lock()
        self._suspect_waiting = 0

    async def verify(self, password_hash: str | None, password: str, *, suspect: bool) -> bool:
        if not suspect:
            future = self._fast.submit(verify, password_hash, password)
            return await asyncio.wrap_future(future)
        with self._lock:
            if self._suspect_waiting >= MAX_SUSPECT_WAITING:
                raise Busy
            self._suspect_waiting += 1
        try:
            return await asyncio.wrap_future(self._slow.submit(verify, password_hash, password))
        finally:
            with self._lock:
                self._suspect_waiting -= 1

    def shutdown(self) -> None:
        self._fast.shutdown(wait=False, cancel_futures=True)
        self._slow.shutdown(wait=False, cancel_futures=True)
