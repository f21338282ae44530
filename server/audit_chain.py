"""The hash-chained audit log: each event's hash is sha256(prev_hash + canonical JSON of the
event); ``verify_audit`` walks the whole chain. Appends are serialised with the change feed's
writer lock, so audit seq is in commit order too."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.domain.wire import format_time
from server import tables as t
from server.hot_sql import Hot, tx_cache
from server.pii import redact_free_text
from server.storage import _aware, _naive, lock_writers

_LAST = Hot(select(t.audit.c.seq, t.audit.c.hash).order_by(t.audit.c.seq.desc()).limit(1))
_INSERT = Hot(insert(t.audit))


def _canonical(event: dict) -> str:
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _audit_hash(prev_hash: str, event: dict) -> str:
    return hashlib.sha256((prev_hash + _canonical(event)).encode()).hexdigest()


def append_audit(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    data: dict,
    now: datetime,
) -> dict:
    """Append one event; its hash is sha256(prev_hash + canonical JSON of the event).

    The chain's head (last seq and hash) is read once per transaction, under the writer lock,
    and kept for the next event of the same transaction."""
    lock_writers(session)
    data = redact_free_text(data)  # an identifier typed into a note or a reason: [PII]
    head = tx_cache(session).get("audit_head")
    if head is None:
        rows = _LAST.run(session, {})
        head = (rows[0][0], rows[0][1]) if rows else (0, "")
    seq, prev = head[0] + 1, head[1]
    event_ = {
        "seq": seq,
        "at": format_time(now),
        "actor": actor,
        "action": action,
        "entity": str(entity),
        "entity_id": entity_id,
        "data": json.loads(json.dumps(data, default=str)),
    }
    prev_hash = prev or ""
    digest = _audit_hash(prev_hash, event_)
    _INSERT.run(
        session,
        {
            "seq": seq,
            "at": _naive(now),
            "actor": actor,
            "action": action,
            "entity": str(entity),
            "entity_id": entity_id,
            "data": event_["data"],
            "prev_hash": prev_hash,
            "hash": digest,
        },
    )
    tx_cache(session)["audit_head"] = (seq, digest)
    return {**event_, "prev_hash": prev_hash, "hash": digest}


def _audit_row(row: Any) -> dict:
    return {
        "seq": row.seq,
        "at": format_time(_aware(row.at)),
        "actor": row.actor,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "data": row.data,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def audit_events(
    session: Session, entity: str | None = None, entity_id: str | None = None, limit: int = 1000
) -> list[dict]:
    stmt = select(t.audit).order_by(t.audit.c.seq)
    if entity:
        stmt = stmt.where(t.audit.c.entity == entity)
    if entity_id:
        stmt = stmt.where(t.audit.c.entity_id == entity_id)
    return [_audit_row(r) for r in session.execute(stmt.limit(limit))]


def verify_audit(session: Session) -> bool:
    """Walk the whole chain: every hash recomputes and links to the one before it."""
    prev_hash, expected_seq = "", 1
    for row in session.execute(select(t.audit).order_by(t.audit.c.seq)):
        ev = _audit_row(row)
        if ev["seq"] != expected_seq or ev["prev_hash"] != prev_hash:
            return False
        body = {k: ev[k] for k in ("seq", "at", "actor", "action", "entity", "entity_id", "data")}
        if _audit_hash(prev_hash, body) != ev["hash"]:
            return False
        prev_hash, expected_seq = ev["hash"], expected_seq + 1
    return True
