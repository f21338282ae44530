"""Retry policy of shared/API.md: which answers are retried, backoff with full jitter."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from sync.problems import ApiProblem, NetworkError, parse_retry_after
from sync.retry import RetryPolicy, is_retryable


def _problem(status: int, code: str = "", retry_after: float | None = None) -> ApiProblem:
    return ApiProblem(status=status, code=code, title="t", retry_after=retry_after)


@pytest.mark.parametrize(
    ("exc", "retry"),
    [
        (NetworkError("reset"), True),
        (_problem(408), True),
        (_problem(429), True),
        (_problem(500), True),
        (_problem(503), True),
        (_problem(409, "idempotency_key_in_progress"), True),
        (_problem(409, "conflict"), False),
        (_problem(400, "idempotency_key_missing"), False),
        (_problem(401, "unauthenticated"), False),
        (_problem(403), False),
        (_problem(404), False),
        (_problem(412, "version_mismatch"), False),
        (_problem(422, "validation"), False),
        (ValueError("bug"), False),
    ],
)
def test_what_is_retried(exc: BaseException, retry: bool) -> None:
    assert is_retryable(exc) is retry


def test_full_jitter_bounds_grow_exponentially_to_the_cap() -> None:
    policy = RetryPolicy(base_s=0.5, cap_s=8.0, random=lambda: 1.0)
    assert [policy.backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert RetryPolicy(random=lambda: 0.0).backoff(3) == 0.0
    half = RetryPolicy(base_s=1.0, cap_s=100.0, random=lambda: 0.5)
    assert half.backoff(4) == 8.0
    assert RetryPolicy(cap_s=30.0, random=lambda: 1.0).backoff(10_000) == 30.0


class Script:
    """A call that raises the scripted errors in turn, then returns 'ok'."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def _run(policy: RetryPolicy, call: Script, **kw: object) -> str:
    return asyncio.run(policy.run(call, **kw))  # type: ignore[arg-type]


def _policy(sleeps: list[float], **kw: object) -> RetryPolicy:
    async def sleep(s: float) -> None:
        sleeps.append(s)

    return RetryPolicy(base_s=1.0, cap_s=60.0, random=lambda: 0.25, sleep=sleep, **kw)  # type: ignore[arg-type]


def test_retries_transient_errors_with_jittered_waits_and_retry_after() -> None:
    sleeps: list[float] = []
    call = Script(NetworkError("x"), _problem(503), _problem(429, retry_after=7), _problem(408))
    assert _run(_policy(sleeps), call) == "ok"
    assert call.calls == 5
    assert sleeps == [0.25, 0.5, 7.0, 2.0]


@pytest.mark.parametrize("status", [400, 403, 404, 412, 422])
def test_never_retries_client_errors(status: int) -> None:
    sleeps: list[float] = []
    call = Script(_problem(status))
    with pytest.raises(ApiProblem) as info:
        _run(_policy(sleeps), call)
    assert info.value.status == status and call.calls == 1 and sleeps == []


def test_gives_up_after_max_attempts_with_the_last_error() -> None:
    sleeps: list[float] = []
    call = Script(*[NetworkError(str(i)) for i in range(10)])
    with pytest.raises(NetworkError, match="2"):
        _run(_policy(sleeps, max_attempts=3), call)
    assert call.calls == 3 and len(sleeps) == 2


def test_401_calls_relogin_once_then_repeats() -> None:
    logins: list[int] = []

    async def relogin() -> bool:
        logins.append(1)
        return True

    call = Script(_problem(401))
    assert _run(_policy([]), call, relogin=relogin) == "ok"
    assert logins == [1] and call.calls == 2

    call = Script(_problem(401), _problem(401))
    with pytest.raises(ApiProblem):
        _run(_policy([]), call, relogin=relogin)
    assert len(logins) == 2  # once per call, no loop


def test_401_without_relogin_is_raised() -> None:
    async def refuse() -> bool:
        return False

    with pytest.raises(ApiProblem):
        _run(_policy([]), Script(_problem(401)), relogin=refuse)


def test_parse_retry_after() -> None:
    now = datetime(2026, 11, 21, 9, 0, 0, tzinfo=UTC)
    assert parse_retry_after("12", now) == 12.0
    assert parse_retry_after("Sat, 21 Nov 2026 09:00:30 GMT", now) == 30.0
    assert parse_retry_after("Sat, 21 Nov 2026 08:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None) is None
