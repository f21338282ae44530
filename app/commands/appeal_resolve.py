"""appeal resolve — ``POST /v1/appeals/{id}/resolve`` (runbook "Appeals 처리 › 2. 검토, 3. 결정").

Seed 000:
- "**독립성**: 원래 검토자와 다른 senior_reviewer 배정": only a senior_reviewer (403
  ``forbidden``) who did not make the original decision (403 ``appeal_not_independent``).
- "##### Uphold (유지) — 원래 결정이 정당함": the case stays ``rejected``; ``reason_codes`` are
  required (the seed's example gives ``--reason-codes``).
- "##### Overturn (번복) — 원래 결정을 번복하여 승인": the case becomes ``approved`` with the new
  terms (``--new-decision approve --limit … --rate …``): final decision approve, approved terms
  ``{limit, rate, conditions}``, decided by the resolver now (so the customer must be notified
  again before the case closes: "고객 통지: 승인 조건 안내, 계약 진행").
- "##### Partial (조건부) — 조건부 승인 또는 한도 조정": the case becomes ``approved`` with the
  modified terms (``--new-decision approve_conditional --limit … --conditions …``; the rate is
  optional).
- The appeal's ``appeal_review`` task is completed; an appeal already resolved is 409.

Authority: an overturn / partial approves, so the amount at stake (max(applied-for amount, new
limit)) must be within the resolver's authority (403), as for ``approve``.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, ValidationInfo, field_validator

from app.commands import guards, steps
from app.commands.base import Actor, AppealState, Command, CommandInput, Result, note
from app.commands.fields import Money, OptCodes, Rate, Text, known_codes
from app.domain.cases import ApprovedTerms
from app.domain.enums import (
    Action,
    AppealResolution,
    AppealStatus,
    CaseStatus,
    FinalDecision,
)
from app.rules import appeals
from app.rules.errors import FieldError, Forbidden
from app.text.labels import label_of


class NewDecision(StrEnum):
    APPROVE = "approve"
    APPROVE_CONDITIONAL = "approve_conditional"


def _required(ko: str, en: str) -> FieldError:
    return FieldError("required", ko, en)


class AppealResolveInput(CommandInput):
    LABELS: ClassVar[dict[str, tuple[str, str]]] = {"reason_codes": ("유지 사유 코드", "Reasons")}

    resolution: AppealResolution = Field(
        description="uphold | overturn | partial", json_schema_extra={"x-kind": "choice"}
    )
    message: Text = Field(description="고객 안내 메시지")
    reason_codes: OptCodes = Field(default_factory=list, description="uphold: at least one")
    new_decision: NewDecision | None = Field(
        default=None,
        description="overturn: approve; partial: approve_conditional (derived when left out)",
        json_schema_extra={"x-kind": "choice"},
    )
    limit: Money | None = Field(default=None, description="overturn / partial: the new limit")
    rate: Rate | None = Field(default=None, description="overturn: required; partial: optional")
    conditions: OptCodes = Field(default_factory=list, description="partial: at least one")

    @field_validator("reason_codes")
    @classmethod
    def _in_catalogue(cls, codes: list[str], info: ValidationInfo) -> list[str]:
        """uphold: denial codes; overturn / partial (they approve): approval codes."""
        resolution = info.data.get("resolution")
        return known_codes("appeal_resolve", codes, getattr(resolution, "value", resolution))

    def check_at(self, today: date) -> dict[str, FieldError]:
        """What each resolution needs (the seed's three examples)."""
        errors: dict[str, FieldError] = {}
        resolution = getattr(self, "resolution", None)
        if resolution is None:
            return errors
        resolution = AppealResolution(resolution)
        if resolution is AppealResolution.UPHOLD:
            if not getattr(self, "reason_codes", None):
                errors["reason_codes"] = _required(
                    "유지 사유 코드를 하나 이상 입력하세요.",
                    "at least one reason code is required",
                )
            return errors
        expected = appeals.NEW_DECISION[resolution]
        given = getattr(self, "new_decision", None)
        if given is not None and str(given) != expected:
            errors["new_decision"] = FieldError(
                "invalid_choice",
                f"새 결정은 '{label_of('NewDecision', expected)}'이어야 합니다.",
                f"the new decision must be '{label_of('NewDecision', expected, 'en')}'",
            )
        if getattr(self, "limit", None) is None:
            errors["limit"] = _required(
                "한도는 0보다 큰 정수(원)여야 합니다.", "limit must be a positive KRW integer"
            )
        if resolution is AppealResolution.OVERTURN and getattr(self, "rate", None) is None:
            errors["rate"] = _required(
                "금리는 0보다 크고 30 미만(%)이어야 합니다.", "rate must be 0 < rate < 30"
            )
        if resolution is AppealResolution.PARTIAL and not getattr(self, "conditions", None):
            errors["conditions"] = _required(
                "조건을 하나 이상 입력하세요.", "at least one condition is required"
            )
        return errors

    def decision(self) -> str | None:
        """The new decision of an overturn / partial (the seed's ``--new-decision``)."""
        if self.resolution is AppealResolution.UPHOLD:
            return None
        return appeals.NEW_DECISION[self.resolution]


def independence(actor: Actor, original_decider_id: str | None) -> None:
    """ "독립성: 원래 검토자와 다른 senior_reviewer 배정" — a senior_reviewer (403 ``forbidden``)
    other than the original decider (403 ``appeal_not_independent``; app.rules.appeals)."""
    verdict = appeals.check_resolver(actor, original_decider_id)
    if not verdict:
        raise Forbidden.from_verdict(verdict)


def guard(state: AppealState, data: AppealResolveInput, actor: Actor, now: datetime) -> None:
    appeal = state.appeal
    assert appeal is not None
    guards.role(actor, Action.RESOLVE_APPEAL)
    if appeal.status is AppealStatus.RESOLVED:
        raise guards.Conflict(
            "이미 처리된 이의 제기입니다.", f"appeal {appeal.id} is already resolved"
        )
    independence(actor, appeal.original_decider_id or state.case.decided_by)
    guards.fields_at(data, now)
    guards.transition(state.case, Action.RESOLVE_APPEAL)
    if data.resolution is not AppealResolution.UPHOLD:
        guards.authority(actor, Action.APPROVE, guards.amount_at_stake(state.case, data.limit))


def effect(state: AppealState, data: AppealResolveInput, actor: Actor, now: datetime) -> Result:
    s = steps.copied(state)
    case, appeal = s.case, s.appeal
    assert appeal is not None
    decision = data.decision()
    appeal.status = AppealStatus.RESOLVED
    appeal.resolution = data.resolution
    appeal.message = data.message
    appeal.reason_codes = list(data.reason_codes)
    appeal.new_decision = decision
    appeal.limit = data.limit
    appeal.rate = data.rate
    appeal.conditions = list(data.conditions)
    appeal.resolved_by = actor.id
    appeal.resolved_at = now
    appeal.assignee_id = actor.id
    outcome = {
        "resolution": data.resolution.value,
        "message": data.message,
        "reason_codes": list(data.reason_codes),
        "new_decision": decision,
        "limit": data.limit,
        "rate": data.rate,
        "conditions": list(data.conditions),
    }
    if decision is not None:  # overturn / partial: 원래 결정을 번복하여 승인
        assert data.limit is not None
        case.status = CaseStatus.APPROVED
        case.final_decision = FinalDecision.APPROVE
        case.decided_at, case.decided_by = now, actor.id
        case.approved_terms = ApprovedTerms(data.limit, data.rate, list(data.conditions))
        case.resolution = ""
    case.appeal = {"id": appeal.id, **outcome, "resolved_at": now.isoformat()}
    note(case, actor, Action.RESOLVE_APPEAL.value, data.message, now, outcome)
    done = []
    for task in s.tasks:
        if task.appeal_id == appeal.id and task.status in guards.OPEN_TASK:
            steps.complete(task, actor, Action.RESOLVE_APPEAL, now)
            done.append(task)
    return Result(
        primary=appeal,
        cases=[case],
        tasks=done,
        others=[appeal],
        audit=[
            steps.audit("appeal", appeal.id, "resolve_appeal", **outcome),
            steps.audit("case", case.id, "resolve_appeal", appeal_id=appeal.id),
        ]
        + [steps.audit("task", t.id, "resolve_appeal", appeal_id=appeal.id) for t in done],
    )


COMMAND = Command(
    name="appeal_resolve",
    action=Action.RESOLVE_APPEAL,
    path="/appeals/{id}/resolve",
    input=AppealResolveInput,
    guard=guard,
    effect=effect,
    on="appeal",
    needs=("tasks",),
    who_may="a senior_reviewer who did not make the original decision (else 403 "
    "appeal_not_independent); overturn / partial within authority for max(amount, limit)",
    summary="appeal resolved; uphold: case stays rejected; overturn: case → approved with the "
    "new terms; partial: case → approved with the modified terms; the appeal task completed",
    seed_rule="독립성: 원래 검토자와 다른 senior_reviewer; Overturn: 원래 결정을 번복하여 승인; "
    "Partial: 조건부 승인 또는 한도 조정; Uphold: 원래 결정이 정당함",
)
