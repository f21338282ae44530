"""GET /audit (auditor, ops_admin): the append-only events and whether the hash chain holds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.domain.enums import Action
from server import storage
from server.auth import require
from server.idempotency import User

router = APIRouter(tags=["audit"])


@router.get("/audit", summary="Audit events (hash-chained)")
def audit(
    request: Request,
    user: User,
    entity: Annotated[str | None, Query(max_length=32)] = None,
    id: Annotated[str | None, Query(max_length=128)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> dict:
    require(user, Action.VIEW_AUDIT)
    with request.app.state.db.read() as s:
        events = storage.audit_events(s, entity, id, limit)
        verified = storage.verify_audit(s)
    return {"events": events, "chain_verified": verified}
