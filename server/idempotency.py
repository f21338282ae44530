"""Idempotency-Key on every state-changing POST (shared/API.md "Conventions").

1. ``idempotent`` (a dependency, after auth, before body validation) claims the key for the user
   in a short transaction: a new key becomes an ``in_progress`` row; a finished key with the same
   body is replayed (``Idempotent-Replayed: true``); another body is 422
   ``idempotency_key_reused``; a key still in progress is 409 ``idempotency_key_in_progress``.
2. ``commit_mutation`` runs the effect in one write transaction and stores the response in the
   same transaction. Errors (validation, rules, conflicts) are stored by the problem handlers, so
   they replay too; an unexpected 500 releases the key so the client may retry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from server import tables as t
from server.auth import current_user
from server.problems import PROBLEM, ProblemError
from server.storage import ServerDB, _aware, _naive


class Replay(Exception):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__("replay")
        self.status, self.body = status, body


@dataclass
class IdemContext:
    db: ServerDB
    key: str
    user: str
    done: bool = False
    extra: dict = field(default_factory=dict)

    def _where(self) -> Any:
        return (t.idempotency.c.key == self.key) & (t.idempotency.c.user == self.user)

    def store(self, session: Session, status: int, body: Any) -> None:
        session.execute(
            update(t.idempotency)
            .where(self._where())
            .values(state="done", status=status, response=body)
        )
        self.done = True

    def store_error(self, status: int, body: Any) -> None:
        with self.db.session() as s:
            self.store(s, status, body)
            s.commit()

    def release(self) -> None:
        with self.db.session() as s:
            s.execute(delete(t.idempotency).where(self._where()))
            s.commit()
        self.done = True


def body_hash(method: str, path: str, raw: bytes) -> str:
    try:
        canon = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError):
        canon = raw
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + canon).hexdigest()


def _in_progress() -> ProblemError:
    return ProblemError(
        409,
        "idempotency_key_in_progress",
        "the first request with this Idempotency-Key is still running",
        headers={"Retry-After": "1"},
    )


def _claim(request: Request, user_id: str, key: str, digest: str) -> IdemContext:
    state = request.app.state
    now = state.config.clock()
    c = t.idempotency.c
    with state.db.session() as s:
        row = s.execute(select(t.idempotency).where(c.key == key, c.user == user_id)).first()
        if row is not None:
            if row.body_hash != digest:
                raise ProblemError(
                    422,
                    "idempotency_key_reused",
                    "this Idempotency-Key was used with another request body",
                    errors={"Idempotency-Key": "already used for another body"},
                )
            if row.state == "done":
                raise Replay(row.status, row.response)
            age = now - _aware(row.created_at)
            if age < timedelta(seconds=state.config.in_progress_timeout_s):
                raise _in_progress()
            s.execute(
                update(t.idempotency)
                .where(c.key == key, c.user == user_id)
                .values(created_at=_naive(now))
            )
        else:
            claim = insert(t.idempotency).values(
                key=key,
                user=user_id,
                method=request.method,
                path=request.url.path,
                body_hash=digest,
                state="in_progress",
                created_at=_naive(now),
            )
            try:
                s.execute(claim)
            except IntegrityError:  # PostgreSQL: a concurrent first request claimed it first
                s.rollback()
                raise _in_progress() from None
        try:
            s.commit()
        except IntegrityError:  # PostgreSQL: a concurrent first request claimed the key first
            s.rollback()
            raise _in_progress() from None
    return IdemContext(state.db, key, user_id)


async def idempotent(request: Request, user: Annotated[dict, Depends(current_user)]) -> IdemContext:
    key = (request.headers.get("idempotency-key") or "").strip()
    if not key or len(key) > 200:
        raise ProblemError(
            400,
            "idempotency_key_missing",
            "state-changing requests need an Idempotency-Key header (a UUID)",
        )
    raw = await request.body()
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    digest = body_hash(request.method, target, raw)  # a query (e.g. ?choice=) is part of it
    ctx = await run_in_threadpool(_claim, request, user["id"], key, digest)
    request.state.idem = ctx
    return ctx


async def on_replay(request: Request, exc: Replay) -> Response:
    headers = {"Idempotent-Replayed": "true"}
    if exc.status == 204:
        return Response(status_code=204, headers=headers)
    media = PROBLEM if exc.status >= 400 else "application/json"
    return JSONResponse(exc.body, status_code=exc.status, headers=headers, media_type=media)


def commit_mutation(
    request: Request, ctx: IdemContext, effect: Callable[[Session], tuple[dict | None, list[dict]]]
) -> Response:
    """Run ``effect(session) -> (primary, related)`` and store its 200 response in the same
    transaction; then publish ``change`` (and queued ``alert``) events. ``primary`` None → 204."""
    state = request.app.state
    with state.db.session() as s:
        primary, related = effect(s)
        status = 200 if primary is not None else 204
        body = {"data": primary, "related": related} if primary is not None else None
        if body is not None:
            body.update(s.info.get("extra", {}))
        ctx.store(s, status, body)
        changed = s.info.get("changed", [])
        alerts = s.info.get("alerts", [])
        events = s.info.get("events", [])
        s.commit()
    bus = state.bus
    if changed:
        bus.publish("change", {"seq": max(seq for _k, _i, seq in changed)})
    for alert in alerts:
        bus.publish("alert", alert)
    for type_, data in events:
        bus.publish(type_, data)
    if body is None:
        return Response(status_code=204)
    return JSONResponse(body)


Idem = Annotated[IdemContext, Depends(idempotent)]
User = Annotated[dict, Depends(current_user)]
