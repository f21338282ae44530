"""Call transcript segments as they arrive (SSE ``call.segment`` / ``GET .../segments``).

De-duplicated by (call, segment key) (app.domain.calls.segment_key): a repeated segment changes
nothing, and a final ``Transcript`` replaces the partial ``Utterance`` with the same Id in place
(keeping its arrival position). A partial never replaces a final.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.calls import parse_segment, segment_key
from app.store.local_models import CallSegmentRow


def store_segment(
    session: Session, call_id: str, wire: dict[str, Any], now: datetime
) -> CallSegmentRow | None:
    """Store one wire segment; returns the row written, or None when nothing changed."""
    segment = parse_segment(wire)
    key = segment_key(segment)
    ((kind, body),) = wire.items()
    existing = session.execute(
        select(CallSegmentRow).where(
            CallSegmentRow.call_id == call_id, CallSegmentRow.segment_key == key
        )
    ).scalar_one_or_none()
    if existing is not None:
        if existing.data == wire or (kind == "Utterance" and existing.kind == "Transcript"):
            return None
        existing.kind = kind
        existing.data = wire
        existing.role = body.get("ParticipantRole")
        existing.begin_ms = body.get("BeginOffsetMillis")
        existing.end_ms = body.get("EndOffsetMillis")
        existing.received_at = now
        session.flush()
        return existing
    last = session.execute(
        select(func.max(CallSegmentRow.seq)).where(CallSegmentRow.call_id == call_id)
    ).scalar()
    row = CallSegmentRow(
        call_id=call_id,
        segment_key=key,
        seq=(last or 0) + 1,
        kind=kind,
        role=body.get("ParticipantRole"),
        begin_ms=body.get("BeginOffsetMillis"),
        end_ms=body.get("EndOffsetMillis"),
        data=wire,
        received_at=now,
    )
    session.add(row)
    session.flush()
    return row


def call_segments(session: Session, call_id: str, after_seq: int = 0) -> list[CallSegmentRow]:
    """Segments of a call in arrival order (``after_seq`` for the rows not yet shown)."""
    stmt = (
        select(CallSegmentRow)
        .where(CallSegmentRow.call_id == call_id, CallSegmentRow.seq > after_seq)
        .order_by(CallSegmentRow.seq)
    )
    return list(session.execute(stmt).scalars())
