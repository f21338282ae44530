"""Bearer tokens (random, stored as sha256 with an expiry) and role checks via app.rules.access."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from app.domain.enums import Action, Role
from app.rules import access
from app.rules.errors import Forbidden
from server import storage
from server.problems import ProblemError


def _unauthenticated(detail: str) -> ProblemError:
    return ProblemError(
        401, "unauthenticated", detail, headers={"WWW-Authenticate": 'Bearer realm="reviewer"'}
    )


def login(request: Request, username: str, password: str) -> dict:
    state = request.app.state
    now = state.config.clock()
    with state.db.session() as s:
        user = storage.check_password(s, username, password)
        if user is None:
            raise _unauthenticated("wrong username or password")
        token = secrets.token_urlsafe(32)
        ttl = state.config.token_ttl_s
        storage.store_token(s, token, user["id"], now + timedelta(seconds=ttl))
        s.commit()
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": ttl,
        "user": public_user(user),
    }


def public_user(user: dict) -> dict:
    keys = ("id", "username", "display_name", "roles", "skills", "approval_level")
    return {k: user.get(k) for k in keys}


_KNOWN_MAX = 4096  # cached tokens per app; the cache is simply cleared when full


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _known(request: Request) -> dict[str, tuple[datetime, dict]]:
    state = request.app.state
    known = getattr(state, "known_tokens", None)
    if known is None:
        known = state.known_tokens = {}
    return known


def _lookup(request: Request, token: str) -> dict | None:
    state = request.app.state
    with state.db.read() as s:
        found = storage.token_user(s, token)
    if found is None:
        return None
    known = _known(request)
    if len(known) >= _KNOWN_MAX:
        known.clear()
    known[storage.token_hash(token)] = found
    expires_at, user = found
    return dict(user) if expires_at > state.config.clock() else None


async def authenticate(request: Request) -> dict | None:
    """The user behind the request's bearer token, or None (used by the SSE route too).

    Tokens are never changed once issued (no route updates or revokes one, nor a user's
    profile), so a token found once is remembered per app with its expiry — checked on every
    request against the clock — and later requests skip the database and the threadpool."""
    token = _bearer(request)
    if token is None:
        return None
    found = _known(request).get(storage.token_hash(token))
    if found is not None:
        expires_at, user = found
        return dict(user) if expires_at > request.app.state.config.clock() else None
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
