"""reassign — ``POST /v1/ops/reassign`` ``{from, to}`` (ops_admin): every open task of one user,
and the cases they hold, go to another (vacations, sick leave)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from app.commands import guards, steps
from app.commands.assign import known_user
from app.commands.base import Actor, Command, CommandInput, Result, UserWork
from app.commands.fields import UserId
from app.domain.enums import Action, CaseStatus, TaskStatus
from app.rules import lifecycle
from app.rules.errors import FieldError, ValidationFailed


class ReassignInput(CommandInput):
    from_: UserId = Field(alias="from", description="whose open work moves")
    to: UserId = Field(description="who takes it")


def guard(state: UserWork, data: ReassignInput, actor: Actor, now: datetime) -> None:
    guards.role(actor, Action.REASSIGN)
    if data.from_ == data.to:
        raise ValidationFailed(
            {"to": FieldError("same_user", "다른 사용자를 선택하세요.", "choose another user")}
        )
    known_user("from", data.from_, state.known_users)
    known_user("to", data.to, state.known_users)


def effect(state: UserWork, data: ReassignInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    moved, cases = [], {}
    for task in s.tasks:
        if task.status not in guards.OPEN_TASK or task.assignee_id != data.from_:
            continue
        task.assignee_id, task.status = data.to, TaskStatus.ASSIGNED
        moved.append(task)
        case = s.cases.get(task.case_id)
        if case is not None and case.assignee_id in (data.from_, None):
            case.assignee_id = data.to
            if case.status is CaseStatus.OPEN:
                case.status = lifecycle.transition(case.status, Action.REASSIGN)
            cases[case.id] = case
    summary = {"from": data.from_, "to": data.to, "moved_tasks": len(moved)}
    return Result(
        primary=summary,
        cases=list(cases.values()),
        tasks=moved,
        audit=[
            steps.audit("user", data.from_, "reassign", to=data.to, tasks=[t.id for t in moved])
        ],
    )


COMMAND = Command(
    name="reassign",
    action=Action.REASSIGN,
    path="/ops/reassign",
    input=ReassignInput,
    guard=guard,
    effect=effect,
    on="user",
    who_may="",
    summary="every open task of `from` (and the cases it holds) assigned to `to`",
    seed_rule="",
)
