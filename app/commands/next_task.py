"""tasks/next — ``POST /v1/tasks/next`` ``{queue_id}`` (runbook "수동 픽업: dosctl tasks next
--queue credit_review"; "본인의 스킬/권한으로 처리 가능한지 확인").

The highest-priority, earliest-due open task of a queue the caller has the skill for, that the
caller may act on ("Access to objects": an escalated task only to the role it was escalated
to), now assigned to the caller; its case becomes the caller's (open → pending). None (204)
when there is no such task.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import Actor, Command, CommandInput, QueueWork, Result
from app.commands.fields import UserId
from app.domain.enums import Action, TaskStatus, TaskType
from app.rules.errors import Forbidden, InvalidTransition


class NextTaskInput(CommandInput):
    queue_id: UserId = Field(description="the queue to take from")


def guard(state: QueueWork, data: NextTaskInput, actor: Actor, now: datetime) -> None:
    guards.role(actor, Action.NEXT_TASK)
    if data.queue_id not in actor.skills:
        raise Forbidden(
            f"'{data.queue_id}' 큐의 스킬이 없습니다.",
            f"you lack the skill for queue {data.queue_id!r}",
        )


def pickable(state: QueueWork, actor: Actor) -> list:
    """The candidates ``actor`` may take (open, object check, case transition), the highest
    priority first, then the earliest due."""
    out = []
    latest = datetime.max.replace(tzinfo=UTC)
    for task in sorted(state.tasks, key=lambda t: (t.priority.rank, t.due_at or latest, t.id)):
        case = state.cases.get(task.case_id)
        if case is None or task.status is not TaskStatus.OPEN or task.queue_id != state.queue_id:
            continue
        try:
            guards.task_object(actor, task, case)
            if task.type is TaskType.REVIEW:
                guards.transition(case, Action.NEXT_TASK)
        except (Forbidden, InvalidTransition):
            continue
        out.append((task, case))
    return out


def effect(state: QueueWork, data: NextTaskInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    found = pickable(s, actor)
    if not found:
        return Result(primary=None)
    task, case = found[0]
    task.assignee_id, task.status = actor.id, TaskStatus.ASSIGNED
    cases = []
    if task.type is TaskType.REVIEW:
        case.status = guards.transition(case, Action.NEXT_TASK)
        case.assignee_id = actor.id
        cases.append(case)
    return Result(
        primary=task,
        cases=cases,
        tasks=[task],
        audit=[steps.audit("task", task.id, "next_task", queue_id=data.queue_id)]
        + [steps.audit("case", c.id, "next_task", task_id=task.id) for c in cases],
    )


COMMAND = Command(
    name="next_task",
    action=Action.NEXT_TASK,
    path="/tasks/next",
    input=NextTaskInput,
    guard=guard,
    effect=effect,
    on="queue",
    who_may="with the skill for the queue; escalated tasks only to the escalation role",
    summary="the most urgent open task the caller may take, assigned to the caller (204: none)",
    seed_rule="본인의 스킬/권한으로 처리 가능한지 확인",
)
