"""Side tables of the reference server: alerts, Contact Lens call segments and meta rows.

Re-exported by :mod:`server.storage` (``storage.add_alert``, ``storage.get_meta`` …)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import delete as sa_delete
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.domain.wire import format_time
from app.rules.pii import redact_wire_segment
from server import pii
from server import tables as t


def _naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo is not None else value


def add_alert(
    session: Session, kind: str, entity: str, entity_id: str, data: dict, now: datetime
) -> dict:
    row = {
        "at": _naive(now),
        "kind": str(kind),
        "entity": str(entity),
        "entity_id": entity_id,
        "data": json.loads(json.dumps(pii.redact_free_text(data), default=str)),
    }
    session.execute(insert(t.alerts).values(**row))
    return {**row, "at": format_time(now)}


def append_segment(session: Session, call_id: str, key: str, segment: dict) -> None:
    """Store a Contact Lens segment; a final Transcript replaces the partial with the same key
    (moved to the end, so ``?after=`` pollers see it). Identifiers in its text are redacted
    (``app.rules.pii.redact_segment``; a no-op for a segment the simulator already redacted)."""
    segment = redact_wire_segment(segment)
    session.execute(
        sa_delete(t.segments).where(
            t.segments.c.call_id == call_id, t.segments.c.segment_key == key
        )
    )
    session.execute(insert(t.segments).values(call_id=call_id, segment_key=key, data=segment))


def call_segments(session: Session, call_id: str, after_key: str | None = None) -> list[dict]:
    stmt = select(t.segments.c.seq, t.segments.c.data).where(t.segments.c.call_id == call_id)
    if after_key:
        pos = session.execute(
            select(t.segments.c.seq).where(
                t.segments.c.call_id == call_id, t.segments.c.segment_key == after_key
            )
        ).scalar()
        if pos is not None:
            stmt = stmt.where(t.segments.c.seq > pos)
    return [dict(r.data) for r in session.execute(stmt.order_by(t.segments.c.seq))]


def get_meta(session: Session, key: str, default: str = "") -> str:
    value = session.execute(select(t.meta.c.value).where(t.meta.c.key == key)).scalar()
    return default if value is None else value


def set_meta(session: Session, key: str, value: str) -> None:
    if session.execute(select(t.meta.c.key).where(t.meta.c.key == key)).first():
        session.execute(update(t.meta).where(t.meta.c.key == key).values(value=value))
    else:
        session.execute(insert(t.meta).values(key=key, value=value))
