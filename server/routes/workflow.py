"""Case/task bookkeeping shared by the case, task, appeal and QA routes (no HTTP here)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.enums import Action, EntityKind, Priority, TaskStatus, TaskType
from app.domain.wire import format_time
from app.rules import sla
from server import storage
from server.problems import ProblemError
from server.routes.common import new_id

OPEN_TASK = (TaskStatus.OPEN.value, TaskStatus.ASSIGNED.value)


def queue_policy(session: Session, queue_id: str) -> str:
    queue = storage.get(session, EntityKind.QUEUE, queue_id)
    return (queue or {}).get("sla_policy", sla.PRIORITY_POLICY)


def require_queue(session: Session, queue_id: str, field: str = "queue_id") -> dict:
    queue = storage.get(session, EntityKind.QUEUE, queue_id)
    if queue is None:
        raise ProblemError(
            422,
            "validation",
            f"unknown queue {queue_id!r}",
            errors={field: f"unknown queue {queue_id!r}"},
        )
    return queue


def make_task(
    case: dict,
    queue_id: str,
    now: datetime,
    *,
    type: TaskType = TaskType.REVIEW,
    assignee: str | None = None,
    due_at: str | None = None,
    priority: str | None = None,
) -> dict:
    return {
        "id": new_id("T"),
        "case_id": case["id"],
        "type": type.value,
        "status": (TaskStatus.ASSIGNED if assignee else TaskStatus.OPEN).value,
        "queue_id": queue_id,
        "priority": priority or case["priority"],
        "assignee_id": assignee,
        "due_at": due_at or (case.get("sla") or {}).get("due_at"),
        "completed_at": None,
        "completed_by": None,
        "outcome": None,
        "created_at": format_time(now),
    }


def case_tasks(session: Session, case_id: str, *, open_only: bool = True) -> list[dict]:
    """Tasks of a case (the case remembers their ids in ``task_ids``)."""
    case = storage.get(session, EntityKind.CASE, case_id) or {}
    out = []
    for tid in case.get("task_ids", []):
        task = storage.get(session, EntityKind.TASK, tid)
        if task and (not open_only or task["status"] in OPEN_TASK):
            out.append(task)
    return out


def complete_task(
    task: dict,
    actor: str,
    outcome: Action | None,
    now: datetime,
    status: TaskStatus = TaskStatus.COMPLETED,
) -> dict:
    task.update(
        status=status.value,
        completed_at=format_time(now),
        completed_by=actor,
        outcome=outcome.value if outcome else None,
    )
    return task


def priority_rank(value: str) -> int:
    return Priority(value).rank
