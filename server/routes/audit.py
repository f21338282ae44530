"""GET /audit and GET /audit/verify (auditor, ops_admin): the append-only events, and whether the
hash chain holds against its signed head (server/audit_anchor.py), checked incrementally — rows
already verified are re-hashed again only with ``full`` (or, by GET /audit, the rows it shows).
Both read their own writes: on PostgreSQL the events still pending are chained first
(``audit_events`` and ``verify_chain`` do it, server/audit_chainer.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.domain.enums import Action
from server import storage
from server.audit_anchor import save_point
from server.audit_chain import events_hold, verify_chain
from server.auth import require
from server.idempotency import User
from server.storage import ServerDB

router = APIRouter(tags=["audit"])


def verify(db: ServerDB, now: object, *, full: bool = False) -> dict:
    """Check the chain in one snapshot; when it holds, sign the new verified point."""
    with db.read() as s:
        if not db.is_sqlite:
            s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        result = verify_chain(s, full=full)
    if result.pop("advanced", False):
        with db.session() as s:
            save_point(s, "verified", result["rows"], result["head_hash"], now)
            s.commit()
    return result


@router.get("/audit", summary="Audit events (hash-chained)")
def audit(
    request: Request,
    user: User,
    entity: Annotated[str | None, Query(max_length=32)] = None,
    id: Annotated[str | None, Query(max_length=128)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> dict:
    require(user, Action.VIEW_AUDIT)
    state = request.app.state
    with state.db.read() as s:
        events = storage.audit_events(s, entity, id, limit)
    verified = verify(state.db, state.config.clock())["verified"] and events_hold(events)
    return {"events": events, "chain_verified": verified}


@router.get("/audit/verify", summary="Verify the audit chain against its signed head")
def audit_verify(
    request: Request,
    user: User,
    full: Annotated[bool, Query(description="re-hash from the first row")] = False,
) -> dict:
    """``{verified, rows, head_hash, checked_from, problem, pending}``: an edited, inserted,
    deleted or cut-off row is detected; rows up to the last verified point are not re-hashed
    again unless ``full`` (counts and the last verified row are checked every time). What is
    pending (PostgreSQL) is chained first; ``pending`` counts rows committed since."""
    require(user, Action.VIEW_AUDIT)
    state = request.app.state
    return verify(state.db, state.config.clock(), full=full)
