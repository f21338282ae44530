"""assign — ``POST /v1/cases/{id}/assign`` (ops_admin; runbook "open … 자동 라우팅에 따라 assignee
배정"). The case and its open review tasks go to ``to``; an open case becomes pending."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import Actor, CaseState, Command, CommandInput, Result, note
from app.commands.fields import OptText, UserId
from app.domain.enums import Action, TaskStatus, TaskType
from app.rules.errors import FieldError, ValidationFailed


class AssignInput(CommandInput):
    to: UserId = Field(description="the user id the case goes to")
    note: OptText | None = None


def known_user(name: str, user_id: str, known: frozenset[str] | None) -> None:
    """422 on ``name`` when ``user_id`` is not a user (``known`` None: not checkable here)."""
    if known is not None and user_id not in known:
        raise ValidationFailed(
            {
                name: FieldError(
                    "unknown_user",
                    f"알 수 없는 사용자입니다: {user_id}",
                    f"unknown user {user_id!r}",
                )
            }
        )


def guard(state: CaseState, data: AssignInput, actor: Actor, now: datetime) -> None:
    guards.role(actor, Action.ASSIGN)
    known_user("to", data.to, state.known_users)
    guards.transition(state.case, Action.ASSIGN)


def effect(state: CaseState, data: AssignInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case = s.case
    case.status = guards.transition(case, Action.ASSIGN)
    case.assignee_id = data.to
    moved = []
    for task in s.tasks:
        if task.status in guards.OPEN_TASK and task.type is TaskType.REVIEW:
            task.assignee_id, task.status = data.to, TaskStatus.ASSIGNED
            moved.append(task)
    note(case, actor, Action.ASSIGN.value, data.note or data.to, now, data.wire())
    return Result(
        primary=case,
        cases=[case],
        tasks=moved,
        audit=[steps.audit("case", case.id, "assign", to=data.to, status=case.status.value)]
        + [steps.audit("task", t.id, "assign", to=data.to) for t in moved],
    )


COMMAND = Command(
    name="assign",
    action=Action.ASSIGN,
    path="/cases/{id}/assign",
    input=AssignInput,
    guard=guard,
    effect=effect,
    on="case",
    who_may="",
    summary="the case and its open review tasks assigned to `to`; open → pending",
    needs=("tasks",),
    seed_rule="자동 라우팅에 따라 assignee 배정",
)
