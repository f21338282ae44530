"""Idempotency-Key on every state-changing POST (shared/API.md "Conventions").

"In progress" is never a committed row: it is the mutation's own open transaction.

1. ``idempotent`` (a dependency, after auth, before body validation) looks the key up for the
   user: a finished key with the same body is replayed (``Idempotent-Replayed: true``); another
   body is 422 ``idempotency_key_reused``. Nothing is written (one autocommit statement).
2. ``commit_mutation`` opens the write transaction and claims the key inside it
   (:meth:`IdemContext.claim`): on PostgreSQL a transaction-level advisory lock on (user, key)
   (no lock shared by other keys: mutations run concurrently, server/feed_seq.py) — a second
   request with the key while the first still runs gets 409 ``idempotency_key_in_progress``;
   on SQLite writers are serialised, so the second simply waits and replays. The key is looked
   up again under the claim, then the effect runs and the response is stored as a ``done`` row
   in the same transaction.
   If the process dies mid-request (kill -9), the transaction and the advisory lock die with its
   connection: nothing about the key was committed, so a retry with the same key runs at once on
   any instance. (``in_progress`` rows left by older servers are simply taken over.)
3. Errors (validation, rules, conflicts) are stored by the problem handlers, so they replay
   too; an unexpected 500 stores nothing, so the client may retry.
4. ``maybe_purge`` deletes rows older than ``config.idempotency_retention_s`` (default 24 h),
   at most once per ``config.purge_interval_s`` per process, after a mutation: one indexed
   DELETE (the login throttle's stale rows go with it, server/throttle.py).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from server import tables as t
from server.auth import current_user
from server.hot_sql import Hot
from server.problems import PROBLEM, ProblemError
from server.storage import Encoded, ServerDB, _naive, lost_race

# Statements of every mutation, built once (bind parameters ``k`` / ``u``).
_I = t.idempotency.c
_BY_KEY = (_I.key == bindparam("k")) & (_I.user == bindparam("u"))
_GET = Hot(select(t.idempotency).where(_BY_KEY))
_GET_READ = select(t.idempotency).where(_BY_KEY)
_INSERT = Hot(insert(t.idempotency))
_UPDATE = Hot(update(t.idempotency).where(_BY_KEY))
_DELETE_STALE = delete(t.idempotency).where(_BY_KEY & (_I.state == "in_progress"))
_KEY_CLASS = 724_002  # advisory lock class of idempotency keys (two-int4 key space)
# The key's lock. The key's row is read by the next statement, whose snapshot comes after it.
_PG_CLAIM = text("SELECT pg_try_advisory_xact_lock(:c, :o)")


class Replay(Exception):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__("replay")
        self.status, self.body = status, body


def _reused() -> ProblemError:
    return ProblemError(
        422,
        "idempotency_key_reused",
        "this Idempotency-Key was used with another request body",
        errors={"Idempotency-Key": "already used for another body"},
    )


def _in_progress() -> ProblemError:
    return ProblemError(
        409,
        "idempotency_key_in_progress",
        "the first request with this Idempotency-Key is still running",
        headers={"Retry-After": "1"},
    )


def _lock_id(user: str, key: str) -> int:
    """A signed int4 naming (user, key) for ``pg_try_advisory_xact_lock(class, id)``."""
    digest = hashlib.sha256(f"{user}\n{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


@dataclass
class IdemContext:
    db: ServerDB
    key: str
    user: str
    digest: str = ""
    method: str = "POST"
    path: str = ""
    now: datetime | None = None
    done: bool = False
    exists: bool = False  # a stale in_progress row of an older server is there (updated)
    extra: dict = field(default_factory=dict)

    def claim(self, session: Session) -> None:
        """Claim the key inside ``session``'s transaction (see the module docstring): 409 while
        another transaction holds it (PostgreSQL), Replay / 422 when it finished meanwhile."""
        if session.info.get("pg"):
            params = {"c": _KEY_CLASS, "o": _lock_id(self.user, self.key)}
            if not session.execute(_PG_CLAIM, params).scalar():
                self.done = True  # nothing to store: the running request owns the key
                raise _in_progress()
        rows = _GET.run(session, {"k": self.key, "u": self.user})
        row = rows[0] if rows else None
        if row is not None and row.state == "done":
            self.done = True
            if row.body_hash != self.digest:
                raise _reused()
            raise Replay(row.status, row.response)
        self.exists = row is not None

    def store(self, session: Session, status: int, body: Any) -> None:
        """The response, as a ``done`` row, in the claiming transaction."""
        values = {"state": "done", "status": status, "response": body}
        if self.exists:
            _UPDATE.run(session, {"k": self.key, "u": self.user, **values})
        else:
            row = {"key": self.key, "user": self.user, "method": self.method, "path": self.path,
                   "body_hash": self.digest, "created_at": _naive(self.now), **values}  # fmt: skip
            _INSERT.run(session, row)
        self.done = True

    def store_error(self, status: int, body: Any) -> None:
        """A problem answer (4xx), stored in its own transaction under the same claim."""
        with self.db.session() as s:
            try:
                self.claim(s)
            except (Replay, ProblemError):
                return  # another request with the key finished or runs: its answer stands
            self.store(s, status, body)
            s.commit()

    def release(self) -> None:
        """After a 500: nothing was committed; drop a stale ``in_progress`` row, if any."""
        with self.db.session() as s:
            s.execute(_DELETE_STALE, {"k": self.key, "u": self.user})
            s.commit()
        self.done = True


def body_hash(method: str, path: str, raw: bytes) -> str:
    try:
        canon = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError):
        canon = raw
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + canon).hexdigest()


def _look_up(request: Request, ctx: IdemContext) -> None:
    """Replay or refuse early, without writing (the claim is taken by the mutation)."""
    with request.app.state.db.read_one() as conn:
        row = conn.execute(_GET_READ, {"k": ctx.key, "u": ctx.user}).first()
    if row is not None and row.state == "done":
        if row.body_hash != ctx.digest:
            raise _reused()
        raise Replay(row.status, row.response)


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
    state = request.app.state
    ctx = IdemContext(
        state.db, key, user["id"], digest, request.method, request.url.path, state.config.clock()
    )
    await run_in_threadpool(_look_up, request, ctx)
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
    """Claim the key, run ``effect(session) -> (primary, related)`` and store its 200 response,
    all in one transaction; then publish ``change`` (and queued ``alert``) events.
    ``primary`` None → 204. A transaction PostgreSQL rolled back as a deadlock's victim (row
    locks taken in another order by a concurrent writer) stored nothing and runs again."""
    for attempt in range(RACE_ATTEMPTS):
        try:
            return _commit_once(request, ctx, effect)
        except OperationalError as exc:  # a deadlock's victim: nothing was stored, run again
            if not lost_race(exc) or attempt == RACE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


RACE_ATTEMPTS = 3


def _commit_once(
    request: Request, ctx: IdemContext, effect: Callable[[Session], tuple[dict | None, list[dict]]]
) -> Response:
    state = request.app.state
    with state.db.session() as s:
        ctx.claim(s)
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
    maybe_purge(state.db, state.config)
    if text is None:
        return Response(status_code=204)
    return Response(text.encode(), media_type="application/json")


# --- retention ---------------------------------------------------------------------------------

_purge_lock = threading.Lock()
_last_purge: dict[int, datetime] = {}  # id(db) → clock time of this process's last purge


def purge(db: ServerDB, now: datetime, retention_s: float) -> int:
    """Delete idempotency rows created before ``now - retention_s`` and stale login-throttle
    rows; returns the idempotency rows deleted."""
    from server.throttle import purge_stale

    cutoff = _naive(now - timedelta(seconds=retention_s))
    with db.session() as s:
        gone = s.execute(delete(t.idempotency).where(_I.created_at < cutoff)).rowcount
        purge_stale(s, now)
        s.commit()
    return int(gone or 0)


def maybe_purge(db: ServerDB, config: Any) -> int | None:
    """``purge`` when ``config.purge_interval_s`` passed (on the server's clock) since this
    process last did it; cheap otherwise. Several instances purging is harmless."""
    now = config.clock()
    with _purge_lock:
        last = _last_purge.get(id(db))
        if last is not None and (now - last).total_seconds() < config.purge_interval_s:
            return None
        _last_purge[id(db)] = now
    if last is None:
        return None  # the first mutation of a process only starts the interval
    return purge(db, now, config.idempotency_retention_s)


Idem = Annotated[IdemContext, Depends(idempotent)]
User = Annotated[dict, Depends(current_user)]
