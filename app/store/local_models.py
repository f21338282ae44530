"""Tables that exist only on this machine: outbox, sync state, call segments, saved views,
settings, feed entries kept aside and the schema version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base


class OutboxRow(Base):
    """One user action waiting to be pushed; ``id`` is the push order.

    ``payload`` is exactly the request body, ``user_input`` the form as the user typed it (kept
    through conflicts and rejections so nothing typed is lost). ``case_id`` is the case whose
    ``pending_sync`` count this row contributes to.
    """

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(36), unique=True)
    intent: Mapped[str]
    method: Mapped[str] = mapped_column(default="POST")
    path: Mapped[str]
    if_match: Mapped[int | None]
    payload: Mapped[dict[str, Any]]
    user_input: Mapped[dict[str, Any]]
    entity_kind: Mapped[str]
    entity_id: Mapped[str]
    case_id: Mapped[str | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    problem: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    created_by: Mapped[str]

    __table_args__ = (
        Index("ix_outbox_status", "status", "id"),
        Index("ix_outbox_entity", "entity_kind", "entity_id", "status"),
    )


class SyncStateRow(Base):
    """Key / value: ``cursor``, ``server_time_offset_s``, ``last_sync_at``, ``user_id``…"""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class SettingRow(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class SavedViewRow(Base):
    """A named inbox filter of one user (the InboxFilter as JSON)."""

    __tablename__ = "saved_views"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str]
    name: Mapped[str]
    filter: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_saved_views_user_name"),)


class CallSegmentRow(Base):
    """A transcript segment of a call, de-duplicated by (call_id, segment_key).

    ``seq`` is the arrival order (the first arrival of a key keeps its place when a final
    Transcript replaces its partial Utterance); ``data`` is the wire segment (one-key object).
    """

    __tablename__ = "call_segments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[str]
    segment_key: Mapped[str]
    seq: Mapped[int]
    kind: Mapped[str]
    role: Mapped[str | None]
    begin_ms: Mapped[int | None]
    end_ms: Mapped[int | None]
    data: Mapped[dict[str, Any]]
    received_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint("call_id", "segment_key", name="uq_call_segments_key"),
        Index("ix_call_segments_order", "call_id", "seq"),
    )


class FeedQuarantineRow(Base):
    """A change-feed entry this client could not apply, kept aside (``app.store.quarantine``).

    One row per entity (``entity``, ``entity_id``): the latest refused entry's ``seq``,
    ``version`` (None when it was not a usable number), ``reason`` (a code), ``field`` (the
    field(s) at fault, when known), ``detail`` (what is wrong, in English, for logs and tools)
    and ``raw`` (the entry's ``data`` as the feed sent it).
    Cleared when a later version of the same entity applies, and by a feed reset."""

    __tablename__ = "feed_quarantine"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str]
    entity_id: Mapped[str]
    seq: Mapped[int | None]
    version: Mapped[int | None]
    reason: Mapped[str]
    field: Mapped[str | None]
    detail: Mapped[str]
    raw: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("entity", "entity_id", name="uq_feed_quarantine_entity"),)


class AcwDraftRow(Base):
    """An after-call work form as the agent is typing it, one per call (``app.store.acw_drafts``):
    kept until saved, so neither the call ending nor the next call nor a restart loses it."""

    __tablename__ = "acw_drafts"
    call_id: Mapped[str] = mapped_column(String, primary_key=True)
    user_id: Mapped[str] = mapped_column(index=True)
    form: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime]


class SchemaVersionRow(Base):
    __tablename__ = "schema_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int]
