"""deny — ``POST /v1/tasks/{id}/actions/deny`` (runbook "조치 수행 › deny (거부)").

Seed 000: "필수 입력: Reason Codes (거부 사유 코드) · 상세 설명 · 개선 방안 (재신청 조건)".
Authority: the amount at stake (applied-for amount, or an approved limit if larger).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, field_validator

from app.commands import guards, steps
from app.commands.base import Actor, CaseState, Command, CommandInput, Result, note
from app.commands.fields import Codes, Text, known_codes
from app.domain.enums import Action, FinalDecision


class DenyInput(CommandInput):
    reason_codes: Codes = Field(description="거부 사유 코드: at least one, from the catalogue")
    note: Text = Field(description="details (상세 설명)")
    improvement_advice: Text = Field(description="how to re-apply (개선 방안)")

    @field_validator("reason_codes")
    @classmethod
    def _in_catalogue(cls, codes: list[str]) -> list[str]:
        return known_codes("deny", codes)


def guard(state: CaseState, data: DenyInput, actor: Actor, now: datetime) -> None:
    assert state.task is not None
    guards.role(actor, Action.DENY)
    guards.task_open(state.task)
    guards.task_object(actor, state.task, state.case)
    guards.authority(actor, Action.DENY, guards.amount_at_stake(state.case))
    guards.transition(state.case, Action.DENY)


def effect(state: CaseState, data: DenyInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case, task = s.case, s.task
    assert task is not None
    case.status = guards.transition(case, Action.DENY)
    steps.decide(case, actor, FinalDecision.DENY, now)
    case.reason_codes = list(data.reason_codes)
    case.note = data.note
    case.improvement_advice = data.improvement_advice
    steps.complete(task, actor, Action.DENY, now)
    note(case, actor, Action.DENY.value, data.note, now, data.wire())
    return Result(
        primary=task,
        cases=[case],
        tasks=[task],
        audit=[
            steps.audit("case", case.id, "deny", task_id=task.id, **data.wire()),
            steps.audit("task", task.id, "deny", case_id=case.id),
        ],
    )


COMMAND = Command(
    name="deny",
    action=Action.DENY,
    path="/tasks/{id}/actions/deny",
    input=DenyInput,
    guard=guard,
    effect=effect,
    who_may="the task's assignee (unassigned: queue "
    "skill; escalated: the escalation role), within authority for the amount at stake",
    summary="case → rejected with reason codes, SLA met, the task completed",
    seed_rule="필수 입력: Reason Codes (거부 사유 코드), 상세 설명, 개선 방안 (재신청 조건)",
)
