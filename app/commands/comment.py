"""comment — ``POST /v1/tasks/{id}/actions/comment`` (runbook "comment (코멘트)": "진행 상황
기록 · 다른 검토자와 정보 공유 · 감사 추적")."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from app.commands import guards, steps
from app.commands.base import Actor, CaseState, Command, CommandInput, Result, note
from app.commands.fields import Text
from app.domain.enums import Action


class CommentInput(CommandInput):
    body: Text = Field(description="the comment (코멘트)")


def guard(state: CaseState, data: CommentInput, actor: Actor, now: datetime) -> None:
    assert state.task is not None
    guards.role(actor, Action.COMMENT)
    guards.task_open(state.task)
    guards.task_object(actor, state.task, state.case)
    guards.transition(state.case, Action.COMMENT)


def effect(state: CaseState, data: CommentInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case, task = s.case, s.task
    assert task is not None
    note(case, actor, Action.COMMENT.value, data.body, now, data.wire())
    return Result(
        primary=task,
        cases=[case],
        tasks=[task],
        audit=[steps.audit("case", case.id, "comment", task_id=task.id)],
    )


COMMAND = Command(
    name="comment",
    action=Action.COMMENT,
    path="/tasks/{id}/actions/comment",
    input=CommentInput,
    guard=guard,
    effect=effect,
    who_may="the task's assignee (unassigned: queue skill; escalated: the escalation role)",
    summary="a timeline entry on the case; nothing else changes",
    seed_rule="용도: 진행 상황 기록, 다른 검토자와 정보 공유, 감사 추적",
)
