"""Password checks off the event loop, in a bounded pool of their own (argon2 is meant to be slow:
~50-350 ms of CPU each here), so a flood of bogus logins cannot starve real ones.

Two thread pools from the standard library: ``workers`` threads for logins without recent
failures of their username, and ONE thread for suspect logins (an unknown username, or one that
failed recently — server/throttle.py). Suspect logins therefore use at most one core between
them, and once ``MAX_SUSPECT_WAITING`` of them wait, more are refused with 429 at once instead of
queueing. An unknown username is checked against a dummy hash, at the same cost.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MAX_SUSPECT_WAITING = 32
_hasher = PasswordHasher()
_dummy: list[str] = []


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


class PasswordPool:
    def __init__(self, workers: int = 2) -> None:
        self._fast = ThreadPoolExecutor(max(1, workers), thread_name_prefix="argon2")
        self._slow = ThreadPoolExecutor(1, thread_name_prefix="argon2-suspect")
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
