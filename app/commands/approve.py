"""approve — ``POST /v1/tasks/{id}/actions/approve`` (runbook "조치 수행 › approve (승인)").

Seed 000: "필수 입력: 승인 조건 (한도, 금리, 기간, 담보/보증 요구사항) · 승인 사유 (간략히) ·
Reason Codes (승인 근거)"; "사후 조치: … 케이스 상태 → closed" (here: → approved; close is
its own intent with its own conditions).

Authority (shared/API.md): the amount at stake is the larger of the applied-for amount and the
approved ``limit``; above the caller's limit in app.rules.access it is 403 — so reviewer1 cannot
approve a 50,000,000 KRW case with ``limit`` 5,000,000,000, and a limit above 10^13 is 422.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, field_validator

from app.commands import guards, steps
from app.commands.base import Actor, CaseState, Command, CommandInput, Result, note
from app.commands.fields import Codes, Money, OptCodes, Rate, Text, known_codes
from app.domain.cases import ApprovedTerms
from app.domain.enums import Action, FinalDecision


class ApproveInput(CommandInput):
    limit: Money = Field(description="approved limit, KRW")
    rate: Rate = Field(description="interest rate, percent")
    note: Text = Field(description="why (승인 사유)")
    reason_codes: Codes = Field(description="승인 사유 코드: at least one, from the catalogue")
    conditions: OptCodes = Field(default_factory=list, description="conditions (승인 조건)")

    @field_validator("reason_codes")
    @classmethod
    def _in_catalogue(cls, codes: list[str]) -> list[str]:
        return known_codes("approve", codes)


def guard(state: CaseState, data: ApproveInput, actor: Actor, now: datetime) -> None:
    assert state.task is not None
    guards.role(actor, Action.APPROVE)
    guards.task_open(state.task)
    guards.task_object(actor, state.task, state.case)
    guards.authority(actor, Action.APPROVE, guards.amount_at_stake(state.case, data.limit))
    guards.transition(state.case, Action.APPROVE)


def effect(state: CaseState, data: ApproveInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case, task = s.case, s.task
    assert task is not None
    case.status = guards.transition(case, Action.APPROVE)
    steps.decide(case, actor, FinalDecision.APPROVE, now)
    case.approved_terms = ApprovedTerms(data.limit, data.rate, list(data.conditions))
    case.reason_codes = list(data.reason_codes)
    case.note = data.note
    steps.complete(task, actor, Action.APPROVE, now)
    note(case, actor, Action.APPROVE.value, data.note, now, data.wire())
    return Result(
        primary=task,
        cases=[case],
        tasks=[task],
        audit=[
            steps.audit("case", case.id, "approve", task_id=task.id, **data.wire()),
            steps.audit("task", task.id, "approve", case_id=case.id),
        ],
    )


COMMAND = Command(
    name="approve",
    action=Action.APPROVE,
    path="/tasks/{id}/actions/approve",
    input=ApproveInput,
    guard=guard,
    effect=effect,
    who_may="the task's assignee (unassigned: queue "
    "skill; escalated: the escalation role), within authority for max(amount, limit)",
    summary="case → approved with the terms, SLA met, the task completed",
    seed_rule="필수 입력: 승인 조건 (한도, 금리 …), 승인 사유, Reason Codes (승인 근거)",
)
