"""Command states and actors for the unit tests (domain dataclasses, no store)."""

from __future__ import annotations

from datetime import timedelta

from app.commands.base import Actor, CaseState
from app.domain.cases import Case, Task
from app.domain.enums import CaseStatus, EscalationLevel, Priority, Role, TaskStatus
from tests.unit.store import builders as b

T0 = b.T0
NOW = T0 + timedelta(hours=1)
REVIEWER1 = Actor("u_reviewer1", (Role.REVIEWER,), ("credit_review", "customer_service"))
REVIEWER2 = Actor("u_reviewer2", (Role.REVIEWER,), ("credit_review",))
REVIEWER_SENIOR_SKILL = Actor("u_reviewer3", (Role.REVIEWER,), ("credit_review", "senior_review"))
SENIOR1 = Actor("u_senior1", (Role.SENIOR_REVIEWER,), ("senior_review", "credit_review"))
ADMIN = Actor("u_admin1", (Role.OPS_ADMIN,), ("credit_review", "ops_escalation"))
AGENT = Actor("u_agent1", (Role.AGENT,), ("general",))
AUDITOR = Actor("u_auditor1", (Role.AUDITOR,), ())


def state(
    *,
    amount: int = 20_000_000,
    assignee: str | None = "u_reviewer1",
    status: CaseStatus = CaseStatus.PENDING,
    priority: Priority = Priority.P2,
    level: EscalationLevel = EscalationLevel.L1,
    queue: str = "credit_review",
    task_status: TaskStatus | None = None,
    created=T0,
) -> CaseState:
    case: Case = b.case(
        "C-1",
        amount=amount,
        assignee_id=assignee,
        status=status,
        priority=priority,
        queue_id=queue,
        created_at=created,
    )
    case.escalation_level = level
    task: Task = b.task(
        "T-1",
        case,
        status=task_status or (TaskStatus.ASSIGNED if assignee else TaskStatus.OPEN),
    )
    case.task_ids = [task.id]
    return CaseState(case, task, [task])
