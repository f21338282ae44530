"""Test data: app.domain dataclasses turned into change-feed pages with to_wire."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from app.domain.calls import Call, CallCustomer
from app.domain.cases import Application, Case, Customer, DecisionContext, Queue, SlaInfo, Task
from app.domain.checkpoints import Checkpoint, ObservationWindow
from app.domain.enums import (
    ApprovalLevel,
    CallFlow,
    CallState,
    CaseStatus,
    CheckpointMode,
    CustomerTier,
    EntityKind,
    Priority,
    Role,
    TaskStatus,
    TaskType,
)
from app.domain.people import Appeal, KnowledgeArticle, QAReview, User
from app.domain.wire import to_wire

T0 = datetime(2026, 11, 23, 0, 30, tzinfo=UTC)  # Monday 09:30 KST
HOURS = {Priority.P0: 4, Priority.P1: 24, Priority.P2: 48, Priority.P3: 72}
_seq = itertools.count(1)


def sla_for(priority: Priority, started: datetime) -> SlaInfo:
    hours = HOURS[priority]
    return SlaInfo(
        policy=priority.value,
        started_at=started,
        due_at=started + timedelta(hours=hours),
        warning_at=started + timedelta(hours=hours * 0.8),
    )


def case(
    case_id: str,
    *,
    priority: Priority = Priority.P2,
    status: CaseStatus = CaseStatus.PENDING,
    queue_id: str = "credit_review",
    assignee_id: str | None = None,
    amount: int = 20_000_000,
    name: str = "김민준",
    account_id: str = "110-123-456789",
    created_at: datetime = T0,
    vip: bool = False,
    version: int = 1,
    **extra: Any,
) -> Case:
    return Case(
        id=case_id,
        decision_id=f"dec_{case_id}",
        priority=priority,
        status=status,
        queue_id=queue_id,
        customer=Customer(
            customer_id=f"cust_{case_id}",
            name=name,
            account_id=account_id,
            vip=vip,
            tier=CustomerTier.VIP if vip else CustomerTier.GENERAL,
        ),
        application=Application(amount=amount, purpose="생활자금", term_months=36),
        decision_context=DecisionContext(score=0.5, reason_codes=["REF-001"]),
        sla=sla_for(priority, created_at),
        assignee_id=assignee_id,
        created_at=created_at,
        version=version,
        updated_at=created_at,
        **extra,
    )


def task(
    task_id: str,
    c: Case,
    *,
    status: TaskStatus = TaskStatus.ASSIGNED,
    assignee_id: str | None = None,
    version: int = 1,
) -> Task:
    return Task(
        id=task_id,
        case_id=c.id,
        type=TaskType.REVIEW,
        status=status,
        queue_id=c.queue_id,
        priority=c.priority,
        assignee_id=assignee_id if assignee_id is not None else c.assignee_id,
        due_at=c.sla.due_at if c.sla else None,
        version=version,
        updated_at=c.updated_at,
    )


def user(user_id: str, *roles: Role, level: ApprovalLevel | None = None) -> User:
    return User(
        id=user_id,
        display_name=user_id,
        roles=list(roles),
        skills=["credit_review", "customer_service", "senior_review"],
        approval_level=level,
    )


def queue(queue_id: str, name: str, policy: str = "priority") -> Queue:
    return Queue(id=queue_id, name=name, sla_policy=policy)


def article(article_id: str, title: str, body: str, version: int = 1) -> KnowledgeArticle:
    return KnowledgeArticle(id=article_id, title=title, body=body, category="대출", version=version)


def appeal(appeal_id: str, c: Case, **extra: Any) -> Appeal:
    return Appeal(id=appeal_id, case_id=c.id, reason="재검토 요청", submitted_at=T0, **extra)


def call(call_id: str) -> Call:
    return Call(
        id=call_id,
        queue="msp_general",
        flow=CallFlow.MSP,
        state=CallState.CONNECTED,
        customer=CallCustomer(name="이서연", account_id="220-555-001234"),
        agent_id="agent1",
        started_at=T0,
    )


def checkpoint(cp_id: str) -> Checkpoint:
    return Checkpoint(
        id=cp_id,
        mode=CheckpointMode.SCHEDULED,
        window=ObservationWindow(start=T0 - timedelta(days=7), end=T0),
        due_at=T0 + timedelta(days=2),
    )


def qa_review(qa_id: str, c: Case) -> QAReview:
    return QAReview(id=qa_id, case_id=c.id, reviewer_id="qa1", created_at=T0)


def kind_of(obj: Any) -> EntityKind:
    return {
        "Case": EntityKind.CASE,
        "Task": EntityKind.TASK,
        "User": EntityKind.USER,
        "Queue": EntityKind.QUEUE,
        "KnowledgeArticle": EntityKind.KNOWLEDGE_ARTICLE,
        "Appeal": EntityKind.APPEAL,
        "Call": EntityKind.CALL,
        "Checkpoint": EntityKind.CHECKPOINT,
        "QAReview": EntityKind.QA_REVIEW,
    }[type(obj).__name__]


def upsert(obj: Any) -> dict[str, Any]:
    """One change-feed upsert of a domain object."""
    data = to_wire(obj)
    return {
        "seq": next(_seq),
        "entity": kind_of(obj).value,
        "id": data["id"],
        "op": "upsert",
        "version": data.get("version", 1),
        "data": data,
    }


def raw_upsert(kind: EntityKind, data: dict[str, Any]) -> dict[str, Any]:
    """An upsert of an entity without a domain dataclass (decision, approval)."""
    data = {"version": 1, **data}
    return {
        "seq": next(_seq),
        "entity": kind.value,
        "id": data["id"],
        "op": "upsert",
        "version": data.get("version", 1),
        "data": data,
    }


def delete(kind: EntityKind, entity_id: str, version: int) -> dict[str, Any]:
    return {
        "seq": next(_seq),
        "entity": kind.value,
        "id": entity_id,
        "op": "delete",
        "version": version,
        "data": None,
    }


def page(*objs: Any) -> list[dict[str, Any]]:
    return [o if isinstance(o, dict) else upsert(o) for o in objs]
