"""The retry policy of shared/API.md.

Retry only network errors, 408, 409 ``idempotency_key_in_progress``, 429 and 5xx, honouring
``Retry-After``; re-login on 401 (once per call); never retry 400, 403, 412, 422 or any other
4xx. Waits use exponential backoff with FULL jitter (AWS Architecture Blog, "Exponential Backoff
And Jitter"): ``sleep = random() * min(cap, base * 2 ** attempt)``. ``random`` and ``sleep`` are
injectable so tests run instantly and deterministically.
"""

from __future__ import annotations

import asyncio
import random as _random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sync.problems import ApiProblem, NetworkError

T = TypeVar("T")

RETRYABLE_STATUS = frozenset({408, 429})
IN_PROGRESS = "idempotency_key_in_progress"

Relogin = Callable[[], Awaitable[bool]]
"""Called on 401; returns True when a new token is in place and the call may be repeated."""


class RetriesExhausted(Exception):
    """Raised from the last retryable error when ``max_attempts`` ran out (``__cause__``)."""


def is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, NetworkError):
        return True
    if isinstance(exc, ApiProblem):
        if exc.status in RETRYABLE_STATUS or exc.status >= 500:
            return True
        return exc.status == 409 and exc.code == IN_PROGRESS
    return False


@dataclass
class RetryPolicy:
    base_s: float = 0.5
    cap_s: float = 30.0
    max_attempts: int = 8  # total tries, the first included; 0 = retry forever
    max_retry_after_s: float = 300.0
    random: Callable[[], float] = field(default=_random.random)
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep)

    def backoff(self, attempt: int) -> float:
        """Full jitter for retry number ``attempt`` (0 = the first retry)."""
        ceiling = min(self.cap_s, self.base_s * (2 ** min(attempt, 62)))
        return self.random() * ceiling

    def delay(self, exc: BaseException, attempt: int) -> float:
        """``Retry-After`` when the server sent one (never less), else the jittered backoff."""
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            return min(float(retry_after), self.max_retry_after_s)
        return self.backoff(attempt)

    async def run(
        self,
        call: Callable[[], Awaitable[T]],
        *,
        relogin: Relogin | None = None,
        on_retry: Callable[[BaseException, int, float], None] | None = None,
    ) -> T:
        """Run ``call`` until it succeeds, fails for good, or attempts run out."""
        attempt = 0
        relogged = False
        while True:
            try:
                return await call()
            except ApiProblem as exc:
                if exc.status == 401 and relogin is not None and not relogged:
                    relogged = True
                    if await relogin():
                        continue
                    raise
                if not is_retryable(exc):
                    raise
                error: BaseException = exc
            except NetworkError as exc:
                error = exc
            if self.max_attempts and attempt + 1 >= self.max_attempts:
                raise error
            wait = self.delay(error, attempt)
            if on_retry is not None:
                on_retry(error, attempt, wait)
            attempt += 1
            await self.sleep(wait)
