"""Bearer tokens (random, stored as sha256 with an expiry), login with throttling, logout, and
role checks via app.rules.access.

Every token's state lives in the database (several instances share it): logout deletes the row;
an expired token, or one whose user is deleted or disabled, is refused. A token found once is
remembered per process for at most ``config.token_cache_s`` (API.md: no cache outlives 5 s) and
its expiry is checked against the clock on every request.
"""

from __future__ import annotations

import secrets
import time
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import delete, select
from starlette.concurrency import run_in_threadpool

from app.domain.enums import Action, Role
from app.rules import access
from app.rules.errors import Forbidden
from server import storage, throttle
from server import tables as t
from server.passwords import Busy, PasswordPool
from server.problems import ProblemError


def _unauthenticated(detail: str) -> ProblemError:
    return ProblemError(
        401, "unauthenticated", detail, headers={"WWW-Authenticate": 'Bearer realm="reviewer"'}
    )


def _throttled(seconds: int) -> ProblemError:
    return ProblemError(
        429,
        "too_many_requests",
        "too many failed logins; try again later",
        headers={"Retry-After": str(seconds)},
    )


def _pool(request: Request) -> PasswordPool:
    state = request.app.state
    pool = getattr(state, "passwords", None)
    if pool is None:
        pool = state.passwords = PasswordPool(state.config.login_hash_workers)
    return pool


def _prepare(db: Any, username: str, names: tuple[str, ...]) -> tuple[Any, dict]:
    with db.read() as s:
        row = s.execute(select(t.users).where(t.users.c.username == username)).first()
        return row, throttle.load(s, names)


def _grant(db: Any, user: dict, user_bucket: str, now: datetime, ttl: int) -> str:
    token = secrets.token_urlsafe(32)
    with db.session() as s:
        storage.store_token(s, token, user["id"], now + timedelta(seconds=ttl))
        throttle.forget(s, user_bucket)
        s.commit()
    return token


async def login(request: Request, username: str, password: str) -> dict:
    """POST /auth/token: 429 while throttled (no password checked), 401 on a wrong password."""
    state = request.app.state
    config = state.config
    limits = throttle.Limits.of(config)
    address = request.client.host if request.client else "unknown"
    names = throttle.keys(username, address)
    row, buckets = await run_in_threadpool(_prepare, state.db, username, names)
    user = dict(row.data) if row is not None else None
    usable = user is not None and not is_disabled(user)
    wait, suspect = throttle.decide(
        buckets[names[0]], buckets[names[1]], usable, config.clock(), limits
    )
    if wait:
        raise _throttled(wait)
    try:
        ok = await _pool(request).verify(
            row.password_hash if usable else None, password, suspect=suspect
        )
    except Busy:
        raise _throttled(1) from None
    if not ok:
        await run_in_threadpool(throttle.record_failure, state.db, names, config.clock(), limits)
        raise _unauthenticated("wrong username or password")
    ttl = config.token_ttl_s
    token = await run_in_threadpool(_grant, state.db, user, names[0], config.clock(), ttl)
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": ttl,
        "user": public_user(user),
    }


def _revoke(db: Any, token: str) -> None:
    with db.session() as s:
        s.execute(delete(t.tokens).where(t.tokens.c.token_hash == storage.token_hash(token)))
        s.commit()


async def logout(request: Request) -> None:
    """POST /auth/logout: the caller's token is deleted; refused from now on."""
    token = _bearer(request)
    if token is None:
        return
    _known(request).pop(storage.token_hash(token), None)
    await run_in_threadpool(_revoke, request.app.state.db, token)


def public_user(user: dict) -> dict:
    keys = ("id", "username", "display_name", "roles", "skills", "approval_level")
    return {k: user.get(k) for k in keys}


def is_disabled(user: dict) -> bool:
    return bool(user.get("disabled")) or user.get("active") is False


_KNOWN_MAX = 4096  # cached tokens per app; the cache is simply cleared when full


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _known(request: Request) -> dict[str, tuple[float, datetime, dict]]:
    state = request.app.state
    known = getattr(state, "known_tokens", None)
    if known is None:
        known = state.known_tokens = {}
    return known


def _lookup(request: Request, token: str) -> dict | None:
    state = request.app.state
    with state.db.read_one() as conn:  # one round trip (autocommit on PostgreSQL)
        found = storage.token_user(conn, token)
    known = _known(request)
    digest = storage.token_hash(token)
    if found is None or is_disabled(found[1]):
        known.pop(digest, None)
        return None
    if len(known) >= _KNOWN_MAX:
        known.clear()
    expires_at, user = found
    known[digest] = (time.monotonic(), expires_at, user)
    return dict(user) if expires_at > state.config.clock() else None


async def authenticate(request: Request) -> dict | None:
    """The user behind the request's bearer token, or None (used by the SSE route too).

    A token found in the database is remembered for ``config.token_cache_s`` (monotonic time);
    its expiry is checked against the server's clock on every request."""
    token = _bearer(request)
    if token is None:
        return None
    state = request.app.state
    found = _known(request).get(storage.token_hash(token))
    if found is not None and time.monotonic() - found[0] < state.config.token_cache_s:
        _at, expires_at, user = found
        return dict(user) if expires_at > state.config.clock() else None
    return await run_in_threadpool(_lookup, request, token)


async def current_user(request: Request) -> dict:
    user = getattr(request.state, "user", None)
    if user is None:
        user = await authenticate(request)
        if user is None:
            raise _unauthenticated("missing, invalid or expired bearer token")
        request.state.user = user
    return user


def roles_of(user: dict) -> list[Role]:
    out = []
    for r in user.get("roles", []):
        try:
            out.append(Role(r))
        except ValueError:
            continue
    return out


def require(user: dict, action: Action, **kwargs: Any) -> None:
    """403 unless app.rules.access allows ``action`` (``amount=`` for authority limits)."""
    verdict = (
        access.can_act(roles_of(user), action, **kwargs)
        if kwargs
        else access.can(roles_of(user), action)
    )
    if not verdict:
        raise Forbidden.from_verdict(verdict)
