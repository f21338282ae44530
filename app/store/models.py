"""Typed tables of the entities of the change feed (shared/API.md).

Every entity table has ``id``, ``version``, ``updated_at`` and ``data`` — the whole entity in wire
form as the server sent it, or with this user's optimistic change applied while an outbox row is
pending; ``server_data`` then keeps the last server copy so a rejected change can be undone. The
other columns are extracted from ``data`` (app.store.extract) for the filters and sorts the pages
need. Times use :class:`~app.store.types.UtcDateTime` (ISO text that sorts chronologically).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.store.active import ACTIVE_WHERE
from app.store.types import UtcDateTime


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Synced:
    """Columns every synced entity table has."""

    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime | None]
    data: Mapped[dict[str, Any]]
    server_data: Mapped[dict[str, Any] | None]


class UserRow(Synced, Base):
    __tablename__ = "users"
    display_name: Mapped[str] = mapped_column(default="")


class QueueRow(Synced, Base):
    __tablename__ = "queues"
    name: Mapped[str] = mapped_column(default="")
    kind: Mapped[str] = mapped_column(default="review")
    sla_policy: Mapped[str] = mapped_column(default="priority")


ACTIVE_SORT_INDEXES: dict[str, tuple[str, ...]] = {
    # the default sort, with every column its filters read (SLA times, queue, assignee, the
    # free text's columns): those filters are judged on the index, no case row read per entry
    "sort": ("priority_rank", "due_at", "id", "warning_at", "paused_since", "sla_met_at",
             "queue_id", "assignee_id", "customer_name", "decision_id"),
    "queue_sort": ("queue_id", "priority_rank", "due_at", "id"),
    "due": ("due_at", "id"),
    "updated": ("updated_at", "id"),
    "amount": ("amount", "id"),
    "customer": ("customer_name", "id"),
    "queue": ("queue_id", "id"),
    "id": ("id",),
}  # fmt: skip
"""Partial indexes over active cases, ``ix_cases_active_<name>`` (``app.store.active``): each
sort of the inbox's columns (and the queue filter's) in order, so a sorted page of active cases is
read without sorting them all; ``status`` needs none (its full index walks in order, reading the
index alone), nor ``created_at`` (no column sorts by it). Each ends with ``status`` (the column of
their WHERE): the inbox's id query then reads the index alone, and the planner, knowing it,
prefers it to a smaller index plus row reads (the latter took 0.9 s for two queues at 1 000 000
cases)."""


class CaseRow(Synced, Base):
    """A case; ``priority_rank`` 0-3 (p0 first), SLA times copied out of ``data.sla``."""

    __tablename__ = "cases"
    decision_id: Mapped[str] = mapped_column(default="")
    priority_rank: Mapped[int]
    status: Mapped[str]
    queue_id: Mapped[str]
    assignee_id: Mapped[str | None]
    escalation_level: Mapped[str] = mapped_column(default="L1")
    due_at: Mapped[datetime | None]
    warning_at: Mapped[datetime | None]
    paused_since: Mapped[datetime | None]
    sla_met_at: Mapped[datetime | None]
    customer_name: Mapped[str] = mapped_column(default="")
    customer_masked: Mapped[str] = mapped_column(default="")
    amount: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    pending_sync: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        # default sort of the inbox: priority, then due time (id breaks ties)
        Index("ix_cases_sort", "priority_rank", "due_at", "id"),
        Index("ix_cases_queue_sort", "queue_id", "priority_rank", "due_at", "id"),
        Index("ix_cases_assignee_sort", "assignee_id", "priority_rank", "due_at", "id"),
        Index("ix_cases_status_sort", "status", "priority_rank", "due_at", "id"),
        Index("ix_cases_due", "due_at", "id"),
        Index("ix_cases_warning", "warning_at"),
        Index("ix_cases_updated", "updated_at", "id"),
        Index("ix_cases_created", "created_at", "id"),
        Index("ix_cases_amount", "amount", "id"),
        Index("ix_cases_pending", "pending_sync"),
        # the inbox's sorts over active cases only (schema step 8, app.store.active)
        *(
            Index(f"ix_cases_active_{name}", *columns, "status", sqlite_where=text(ACTIVE_WHERE))
            for name, columns in ACTIVE_SORT_INDEXES.items()
        ),
    )


class TaskRow(Synced, Base):
    __tablename__ = "tasks"
    case_id: Mapped[str] = mapped_column(index=True)
    type: Mapped[str] = mapped_column(default="review")
    queue_id: Mapped[str]
    status: Mapped[str]
    assignee_id: Mapped[str | None]
    priority_rank: Mapped[int]
    due_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_tasks_queue_next", "queue_id", "status", "priority_rank", "due_at"),
        Index("ix_tasks_assignee", "assignee_id", "status"),
    )


class AppealRow(Synced, Base):
    __tablename__ = "appeals"
    case_id: Mapped[str] = mapped_column(index=True)
    status: Mapped[str]
    assignee_id: Mapped[str | None] = mapped_column(index=True)
    submitted_at: Mapped[datetime | None]


class CheckpointRow(Synced, Base):
    __tablename__ = "checkpoints"
    mode: Mapped[str] = mapped_column(default="scheduled")
    status: Mapped[str] = mapped_column(default="open", index=True)
    due_at: Mapped[datetime | None]


class DecisionRow(Synced, Base):
    """A decision execution of seed 002 (id = execution id)."""

    __tablename__ = "decisions"
    status: Mapped[str] = mapped_column(default="", index=True)


class ApprovalRow(Synced, Base):
    __tablename__ = "approvals"
    execution_id: Mapped[str] = mapped_column(default="", index=True)
    status: Mapped[str] = mapped_column(default="PENDING", index=True)


class CallRow(Synced, Base):
    __tablename__ = "calls"
    queue: Mapped[str] = mapped_column(default="")
    state: Mapped[str] = mapped_column(index=True)
    agent_id: Mapped[str | None] = mapped_column(index=True)
    started_at: Mapped[datetime | None]


class ArticleRow(Synced, Base):
    """A knowledge article; its morphemes live in the FTS5 table ``knowledge_fts``."""

    __tablename__ = "knowledge_articles"
    title: Mapped[str] = mapped_column(default="")
    category: Mapped[str] = mapped_column(default="")


class QAReviewRow(Synced, Base):
    __tablename__ = "qa_reviews"
    case_id: Mapped[str] = mapped_column(index=True)
    reviewer_id: Mapped[str] = mapped_column(default="", index=True)
    status: Mapped[str] = mapped_column(default="open")


class GeneratedRow(Synced, Base):
    """Generated content awaiting (or past) human review (seed 003); schema step 4."""

    __tablename__ = "generated"
    kind: Mapped[str] = mapped_column(default="")
    status: Mapped[str] = mapped_column(default="pending", index=True)
    generated_at: Mapped[datetime | None]


def active_sort_indexes() -> list[Index]:
    """The partial indexes over active cases (``ACTIVE_SORT_INDEXES``), as declared."""
    names = {f"ix_cases_active_{name}" for name in ACTIVE_SORT_INDEXES}
    return sorted((i for i in CaseRow.__table__.indexes if i.name in names), key=lambda i: i.name)
