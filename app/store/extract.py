"""Typed columns of each entity table, extracted from the entity's wire ``data``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.domain.enums import EntityKind
from app.rules.pii import mask_identifier
from app.store.models import (
    AppealRow,
    ApprovalRow,
    ArticleRow,
    Base,
    CallRow,
    CaseRow,
    CheckpointRow,
    DecisionRow,
    GeneratedRow,
    QAReviewRow,
    QueueRow,
    TaskRow,
    UserRow,
)

MODELS: dict[EntityKind, type[Base]] = {
    EntityKind.USER: UserRow,
    EntityKind.QUEUE: QueueRow,
    EntityKind.CASE: CaseRow,
    EntityKind.TASK: TaskRow,
    EntityKind.APPEAL: AppealRow,
    EntityKind.CHECKPOINT: CheckpointRow,
    EntityKind.DECISION: DecisionRow,
    EntityKind.APPROVAL: ApprovalRow,
    EntityKind.CALL: CallRow,
    EntityKind.KNOWLEDGE_ARTICLE: ArticleRow,
    EntityKind.QA_REVIEW: QAReviewRow,
    EntityKind.GENERATED: GeneratedRow,
}


def _t(value: Any) -> str | None:
    """A wire time (RFC 3339 text) for a ``UtcDateTime`` column, or None.

    The column's bind turns it into the stored text (``db_time``: validated, normalised to
    UTC); binding the text stores the same as binding the parsed datetime, without a parse and
    a format per time column of every applied row (a malformed time raises ValueError there)."""
    return value if isinstance(value, str) and value else None


def priority_rank(value: str | None) -> int:
    """``"p0"`` → 0 … ``"p3"`` → 3; unknown values sort last."""
    if value and len(value) == 2 and value[0] in "pP" and value[1] in "0123":
        return int(value[1])
    return 9


def _case(d: dict[str, Any]) -> dict[str, Any]:
    sla = d.get("sla") or {}
    customer = d.get("customer") or {}
    application = d.get("application") or {}
    ident = customer.get("account_id") or customer.get("customer_id") or ""
    return {
        "decision_id": d.get("decision_id") or "",
        "priority_rank": priority_rank(d.get("priority")),
        "status": d.get("status") or "open",
        "queue_id": d.get("queue_id") or "",
        "assignee_id": d.get("assignee_id"),
        "escalation_level": d.get("escalation_level") or "L1",
        "due_at": _t(sla.get("due_at")),
        "warning_at": _t(sla.get("warning_at")),
        "paused_since": _t(sla.get("paused_since")),
        "sla_met_at": _t(sla.get("met_at")),
        "customer_name": customer.get("name") or "",
        "customer_masked": mask_identifier(ident),
        "amount": int(application.get("amount") or 0),
        "created_at": _t(d.get("created_at")),
        "decided_at": _t(d.get("decided_at")),
    }


def _task(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "case_id": d.get("case_id") or "",
        "type": d.get("type") or "review",
        "queue_id": d.get("queue_id") or "",
        "status": d.get("status") or "open",
        "assignee_id": d.get("assignee_id"),
        "priority_rank": priority_rank(d.get("priority")),
        "due_at": _t(d.get("due_at")),
    }


EXTRACTORS: dict[EntityKind, Callable[[dict[str, Any]], dict[str, Any]]] = {
    EntityKind.USER: lambda d: {"display_name": d.get("display_name") or ""},
    EntityKind.QUEUE: lambda d: {
        "name": d.get("name") or "",
        "kind": d.get("kind") or "review",
        "sla_policy": d.get("sla_policy") or "priority",
    },
    EntityKind.CASE: _case,
    EntityKind.TASK: _task,
    EntityKind.APPEAL: lambda d: {
        "case_id": d.get("case_id") or "",
        "status": d.get("status") or "submitted",
        "assignee_id": d.get("assignee_id"),
        "submitted_at": _t(d.get("submitted_at")),
    },
    EntityKind.CHECKPOINT: lambda d: {
        "mode": d.get("mode") or "scheduled",
        "status": d.get("status") or "open",
        "due_at": _t(d.get("due_at")),
    },
    EntityKind.DECISION: lambda d: {
        "status": str((d.get("execution") or {}).get("status") or d.get("status") or "")
    },
    EntityKind.APPROVAL: lambda d: {
        "execution_id": d.get("execution_id") or "",
        "status": d.get("status") or "PENDING",
    },
    EntityKind.CALL: lambda d: {
        "queue": d.get("queue") or "",
        "state": d.get("state") or "ringing",
        "agent_id": d.get("agent_id"),
        "started_at": _t(d.get("started_at")),
    },
    EntityKind.KNOWLEDGE_ARTICLE: lambda d: {
        "title": d.get("title") or "",
        "category": d.get("category") or "",
    },
    EntityKind.QA_REVIEW: lambda d: {
        "case_id": d.get("case_id") or "",
        "reviewer_id": d.get("reviewer_id") or "",
        "status": d.get("status") or "open",
    },
    EntityKind.GENERATED: lambda d: {
        "kind": d.get("kind") or "",
        "status": d.get("status") or "pending",
        "generated_at": _t(d.get("generated_at")),
    },
}


def columns(kind: EntityKind, data: dict[str, Any]) -> dict[str, Any]:
    """All stored columns of an entity (except local ones such as ``pending_sync``).

    Times are given as the wire's RFC 3339 text (``UtcDateTime`` binds normalise it)."""
    return {
        "version": int(data.get("version") or 1),
        "updated_at": _t(data.get("updated_at")),
        "data": data,
        **EXTRACTORS[kind](data),
    }
