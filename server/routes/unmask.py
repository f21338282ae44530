"""``POST /cases/{id}/unmask`` ``{field, reason}`` → ``{field, value}`` (shared/API.md "Customer
identifiers").

- Roles: reviewer, senior_reviewer, ops_admin (``Action.UNMASK``); anyone else 403.
- The full value comes from the server-only ``customer_pii`` table (``server/pii.py``); it is
  answered to the caller and nowhere else: no entity is written, so nothing enters the change
  feed or the event stream, and the audit event says who, when, which case, which field and
  why — never the value.
- Rate limit per user: ``LIMIT`` calls per ``WINDOW``; the calls are rows of ``unmask_log`` in
  the database (counted under the writer lock), so every server instance sharing the database
  counts the same calls. Over the limit: 429 ``too_many_requests`` problem+json with
  ``Retry-After`` (seconds until the oldest call in the window leaves it).
- No ``Idempotency-Key`` replay: the stored answer would be a second copy of the value, and a
  repeated look is a new look, audited again.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import delete, insert, select

from app.domain.enums import Action, EntityKind
from server import pii, storage
from server import tables as t
from server.auth import require
from server.feed_seq import UNMASK_LOCK, lock
from server.idempotency import User
from server.problems import ProblemError, not_found
from server.routes.common import now_of
from server.storage import _aware, _naive

router = APIRouter(tags=["customer identifiers"])
LIMIT = 10
WINDOW = timedelta(minutes=1)
_U = t.unmask_log.c


class UnmaskBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: Literal["resident_id", "account_id", "phone", "card_number"]
    reason: str = Field(min_length=2, max_length=500)


class Unmasked(BaseModel):
    field: str
    value: str


def _problem(description: str) -> dict:
    return {"description": description, "content": {"application/problem+json": {}}}


@router.post(
    "/cases/{case_id}/unmask",
    summary="One full customer identifier of a case (audited, rate-limited)",
    response_model=Unmasked,
    responses={
        401: _problem("Not signed in"),
        403: _problem("The role may not unmask"),
        404: _problem("No such case, or the case has no such identifier"),
        422: _problem("Unknown field or missing reason"),
        429: _problem("Too many unmask calls; see Retry-After"),
    },
)
def unmask(
    request: Request,
    body: UnmaskBody,
    user: User,
    case_id: str = Path(min_length=1, max_length=128),
) -> dict:
    require(user, Action.UNMASK)
    reason = body.reason.strip()
    if len(reason) < 2:
        raise ProblemError(422, "validation", "a reason is required", errors={"reason": "required"})
    now = now_of(request)
    with request.app.state.db.session() as s:
        lock(s, UNMASK_LOCK)  # one counter for every instance: count and insert under the lock
        case = storage.get(s, EntityKind.CASE, case_id)
        if case is None:
            raise not_found("case", case_id)
        since = _naive(now - WINDOW)
        s.execute(delete(t.unmask_log).where(_U.at <= _naive(now - 2 * WINDOW)))
        recent = [
            _aware(r[0])
            for r in s.execute(
                select(_U.at).where(_U.user_id == user["id"], _U.at > since).order_by(_U.at)
            )
        ]
        if len(recent) >= LIMIT:
            s.commit()
            wait = (recent[-LIMIT] + WINDOW - now).total_seconds()
            raise ProblemError(
                429,
                "too_many_requests",
                f"at most {LIMIT} unmask calls per minute",
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )
        value = pii.full_value(s, EntityKind.CASE.value, case_id, body.field)
        if value is None:
            raise ProblemError(404, "not_found", f"case {case_id!r} has no {body.field}")
        s.execute(insert(t.unmask_log).values(user_id=user["id"], at=_naive(now)))
        storage.append_audit(
            s,
            user["id"],
            Action.UNMASK.value,
            EntityKind.CASE.value,
            case_id,
            {"field": body.field, "reason": reason},
            now,
        )
        s.commit()
    return {"field": body.field, "value": value}
