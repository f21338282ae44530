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
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from server import tables as t
from server.auth import current_user
from server.hot_sql import Hot
from server.problems import PROBLEM, ProblemError
from server.storage import Encoded, ServerDB, _aware, _naive

# Statements of every mutation, built once (bind parameters ``k`` / ``u``).
_I = t.idempotency.c
_BY_KEY = (_I.key == bindparam("k")) & (_I.user == bindparam("u"))
_GET = Hot(select(t.idempotency).where(_BY_KEY))
_INSERT = insert(t.idempotency)  # session.execute: PostgreSQL's IntegrityError is caught
_UPDATE = Hot(update(t.idempotency).where(_BY_KEY))
_DELETE = delete(t.idempotency).where(_BY_KEY)


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

    def store(self, session: Session, status: int, body: Any) -> None:
        _UPDATE.run(
            session,
            {"k": self.key, "u": self.user, "state": "done", "status": status, "response": body},
        )
        self.done = True

    def store_error(self, status: int, body: Any) -> None:
        with self.db.session() as s:
            self.store(s, status, body)
            s.commit()

    def release(self) -> None:
        with self.db.session() as s:
            s.execute(_DELETE, {"k": self.key, "u": self.user})
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
    with state.db.session() as s:
        rows = _GET.run(s, {"k": key, "u": user_id})
        row = rows[0] if rows else None
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
            _UPDATE.run(s, {"k": key, "u": user_id, "created_at": _naive(now)})
        else:
            claim = {
                "key": key,
                "user": user_id,
                "method": request.method,
                "path": request.url.path,
                "body_hash": digest,
                "state": "in_progress",
                "created_at": _naive(now),
            }
            try:
                s.execute(_INSERT, claim)
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
        text = None
        if body is not None:
            body.update(s.info.get("extra", {}))
            text = json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        # encoded once: the stored response and the answer are the same text (as JSONResponse)
        ctx.store(s, status, None if text is None else Encoded(text))
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
    if text is None:
        return Response(status_code=204)
    return Response(text.encode(), media_type="application/json")


Idem = Annotated[IdemContext, Depends(idempotent)]
User = Annotated[dict, Depends(current_user)]
