"""HITL approvals of decision-support executions (seed 002 §3): who must approve, whether a user
may, validation and effect of a response, escalation, the 24 h timeout and the decision log.

Levels (seed table): TEAM_LEAD for CAPACITY and COMPETENCY_GAP, DEPARTMENT for GO_NOGO and
HEADCOUNT, DIVISION for high-value / large-scale matters (ours: estimated cost of the option
set >= 1억원, the runbook's 고액), EXECUTIVE only as the final escalation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta
from enum import Enum
from typing import TypeVar

from app.domain.decisions import (
    DECISION_ERRORS,
    ApprovalRequest,
    ApprovalResponse,
    DecisionError,
    DecisionExecution,
    DecisionLog,
    EscalationRecord,
    WorkflowExecution,
    WorkflowStatus,
)
from app.domain.enums import ApprovalLevel, ApprovalStatus, DecisionType
from app.domain.wire import format_time
from app.rules.errors import ALLOWED, FieldError, Forbidden, InvalidTransition, RuleError, Verdict
from app.text.labels import choice_words, label_of

APPROVAL_TIMEOUT = timedelta(hours=24)
HIGH_VALUE_KRW = 100_000_000
E = TypeVar("E", bound=Enum)

DEFAULT_LEVEL: dict[DecisionType, ApprovalLevel] = {
    DecisionType.CAPACITY: ApprovalLevel.TEAM_LEAD,
    DecisionType.COMPETENCY_GAP: ApprovalLevel.TEAM_LEAD,
    DecisionType.GO_NOGO: ApprovalLevel.DEPARTMENT,
    DecisionType.HEADCOUNT: ApprovalLevel.DEPARTMENT,
}

RESPONSE_STATUSES = (
    ApprovalStatus.APPROVED,
    ApprovalStatus.REJECTED,
    ApprovalStatus.MODIFIED,
    ApprovalStatus.ESCALATED,
)
FINAL_STATUSES = frozenset(
    {
        ApprovalStatus.APPROVED,
        ApprovalStatus.REJECTED,
        ApprovalStatus.MODIFIED,
        ApprovalStatus.EXPIRED,
        ApprovalStatus.TIMEOUT,
    }
)
OPEN_STATUSES = frozenset({ApprovalStatus.PENDING, ApprovalStatus.ESCALATED})
NEEDS_OPTION = frozenset({ApprovalStatus.APPROVED, ApprovalStatus.MODIFIED})


def required_level(
    decision_type: DecisionType, *, estimated_cost: int | None = None
) -> ApprovalLevel:
    """The level that must approve; DIVISION when the cost reaches HIGH_VALUE_KRW."""
    level = DEFAULT_LEVEL[DecisionType(decision_type)]
    if estimated_cost is not None and estimated_cost >= HIGH_VALUE_KRW:
        return max(level, ApprovalLevel.DIVISION, key=lambda lv: lv.rank)
    return level


def next_level(level: ApprovalLevel) -> ApprovalLevel | None:
    """The level above (escalation target); None above EXECUTIVE."""
    levels = list(ApprovalLevel)
    rank = ApprovalLevel(level).rank
    return levels[rank + 1] if rank + 1 < len(levels) else None


def expires_at(created_at: datetime) -> datetime:
    return created_at + APPROVAL_TIMEOUT


def is_final(status: ApprovalStatus) -> bool:
    return ApprovalStatus(status) in FINAL_STATUSES


def _e006() -> tuple[str, str]:
    info = DECISION_ERRORS[DecisionError.E006]
    return f"E006 {info.ko}: {info.remedy_ko}", f"E006 {info.en}: {info.remedy_en}"


def can_approve(user_level: ApprovalLevel | None, required: ApprovalLevel) -> Verdict:
    """Allowed when the user's level is at least ``required``; else 'forbidden' (E006)."""
    if user_level is not None and ApprovalLevel(user_level).rank >= ApprovalLevel(required).rank:
        return ALLOWED
    ko, en = _e006()
    need_ko, need_en = (
        label_of("ApprovalLevel", required),
        label_of("ApprovalLevel", required, "en"),
    )
    return Verdict(False, "forbidden", f"{ko} (필요: {need_ko})", f"{en} (needs {need_en})")


def _member(enum: type[E], value: object) -> E | None:
    try:
        return enum(value)
    except (ValueError, TypeError):
        return None


def _err(code: str, ko: str, en: str) -> FieldError:
    return FieldError(code, ko, en)


def _words(values: Sequence[Enum]) -> tuple[str, str]:
    """Allowed values as a person reads them, in Korean and English ("승인, 거절, …")."""
    return choice_words([v.value for v in values], type(values[0]).__name__)


def validate_response(
    payload: Mapping, user_level: ApprovalLevel | None, *, option_ids: Collection[str] = ()
) -> dict[str, FieldError]:
    """Field errors of ``POST /approvals/{id}/responses``; empty when valid.

    ``option_ids``: the option set's ids (selected_option_id must be one of them when given).
    selected_option_id is required for APPROVED / MODIFIED; MODIFIED needs >= 1 condition.
    """
    errors: dict[str, FieldError] = {}
    status = _member(ApprovalStatus, payload.get("status"))
    if status not in RESPONSE_STATUSES:
        ko, en = _words(RESPONSE_STATUSES)
        errors["status"] = _err(
            "invalid_choice",
            f"결정은 {ko} 중 하나여야 합니다.",
            f"the decision must be one of {en}",
        )
    level = _member(ApprovalLevel, payload.get("approval_level"))
    if level is None:
        ko, en = _words(tuple(ApprovalLevel))
        errors["approval_level"] = _err(
            "invalid_choice",
            f"승인 권한은 {ko} 중 하나여야 합니다.",
            f"the approval level must be one of {en}",
        )
    elif not can_approve(user_level, level):
        ko, en = _e006()
        errors["approval_level"] = _err("forbidden", ko, en)
    option = payload.get("selected_option_id")
    if option in (None, ""):
        if status in NEEDS_OPTION:
            errors["selected_option_id"] = _err(
                "required", "선택한 대안을 지정하세요.", "choose an option"
            )
    elif not isinstance(option, str) or (option_ids and option not in option_ids):
        errors["selected_option_id"] = _err(
            "invalid_choice", "대안 목록에 없는 대안입니다.", "not one of the options"
        )
    rationale = payload.get("rationale")
    if not isinstance(rationale, str) or not rationale.strip():
        errors["rationale"] = _err("required", "결정 근거를 입력하세요.", "a rationale is required")
    conditions = payload.get("conditions", [])
    if not isinstance(conditions, list) or not all(
        isinstance(c, str) and c.strip() for c in conditions
    ):
        errors["conditions"] = _err(
            "invalid", "조건은 비어 있지 않은 문자열 목록입니다.", "conditions: non-empty strings"
        )
    elif status is ApprovalStatus.MODIFIED and not conditions:
        errors["conditions"] = _err(
            "required",
            "수정 후 승인에는 조건이 하나 이상 필요합니다.",
            "MODIFIED needs at least one condition",
        )
    return errors


def _check_open(request: ApprovalRequest, now: datetime) -> None:
    if request.status not in OPEN_STATUSES:
        raise InvalidTransition(request.status, "responded", via="approval response")
    if now >= request.expires_at:
        info = DECISION_ERRORS[DecisionError.E007]
        raise RuleError(
            f"E007 {info.ko}: {info.remedy_ko}", f"E007 {info.en}: {info.remedy_en}", code="E007"
        )


def escalate(
    request: ApprovalRequest, reason: str, escalated_by: str, now: datetime
) -> ApprovalRequest:
    """Hand the request to the next level; the 24 h clock restarts. Above EXECUTIVE: E006."""
    _check_open(request, now)
    upper = next_level(request.required_level)
    if upper is None:
        ko, en = _e006()
        raise RuleError(ko, en, code="E006")
    record = EscalationRecord(request.required_level, upper, reason, escalated_by, now)
    return dataclasses.replace(
        request,
        required_level=upper,
        status=ApprovalStatus.ESCALATED,
        expires_at=expires_at(now),
        escalation_history=[*request.escalation_history, record],
        version=request.version + 1,
        updated_at=now,
    )


def apply_response(
    request: ApprovalRequest, response: ApprovalResponse, now: datetime
) -> ApprovalRequest:
    """The request after ``response``: final for APPROVED / REJECTED / MODIFIED, escalated
    (still open, next level) for ESCALATED. Raises Forbidden (E006) below the required level,
    RuleError E007 after the timeout, InvalidTransition when already final."""
    _check_open(request, now)
    verdict = can_approve(response.approval_level, request.required_level)
    if not verdict:
        raise Forbidden.from_verdict(verdict)
    responses = [*request.responses, response]
    if response.status is ApprovalStatus.ESCALATED:
        escalated = escalate(request, response.rationale, response.approver_id, now)
        return dataclasses.replace(escalated, responses=responses)
    if response.status not in RESPONSE_STATUSES:
        raise InvalidTransition(request.status, response.status, via="approval response")
    return dataclasses.replace(
        request,
        status=response.status,
        selected_option_id=response.selected_option_id,
        decided_at=now,
        responses=responses,
        version=request.version + 1,
        updated_at=now,
    )


def expire_if_due(request: ApprovalRequest, now: datetime) -> ApprovalRequest:
    """EXPIRED (E007) once an open request passes expires_at; otherwise unchanged."""
    if request.status in OPEN_STATUSES and now >= request.expires_at:
        return dataclasses.replace(
            request, status=ApprovalStatus.EXPIRED, version=request.version + 1, updated_at=now
        )
    return request


def resume_execution(
    execution: WorkflowExecution, request: ApprovalRequest, now: datetime
) -> WorkflowExecution:
    """The workflow after its approval moved: finalised (step 8) when approved, modified or
    rejected; FAILED with E007 when expired; still paused while open."""
    if request.status in OPEN_STATUSES:
        return dataclasses.replace(execution, status=WorkflowStatus.PAUSED_FOR_HITL)
    results = dict(execution.results)
    results["HITL_APPROVAL"] = {
        "status": request.status.value,
        "selected_option_id": request.selected_option_id,
    }
    if request.status in (ApprovalStatus.EXPIRED, ApprovalStatus.TIMEOUT):
        return dataclasses.replace(
            execution,
            status=WorkflowStatus.FAILED,
            results=results,
            completed_at=now,
            error_code=DecisionError.E007,
        )
    return dataclasses.replace(
        execution,
        status=WorkflowStatus.COMPLETED,
        current_step=8,
        results=results,
        completed_at=now,
    )


def build_decision_log(decision: DecisionExecution, log_id: str, now: datetime) -> DecisionLog:
    """The decision log of a decided execution (its approval request must be final)."""
    request = decision.approval_request
    if request is None or not is_final(request.status):
        raise InvalidTransition(request.status if request else "none", "logged", via="decision log")
    last = request.responses[-1] if request.responses else None
    option = (
        decision.option_set.option(request.selected_option_id)
        if decision.option_set and request.selected_option_id
        else None
    )
    impact = None
    if decision.comparison and request.selected_option_id:
        impact = next(
            (
                a.overall_impact_score
                for a in decision.comparison.analyses
                if a.option_id == request.selected_option_id
            ),
            None,
        )
    return DecisionLog(
        log_id=log_id,
        execution_id=decision.execution.execution_id,
        decision_type=request.decision_type,
        final_status=request.status,
        created_at=now,
        query=decision.query.original_query if decision.query else "",
        options_considered=[o.option_id for o in decision.option_set.options]
        if decision.option_set
        else [],
        recommended_option_id=decision.option_set.recommendation if decision.option_set else "",
        selected_option_id=request.selected_option_id,
        selected_option_name=option.name if option else "",
        rationale=last.rationale if last else "",
        conditions=list(last.conditions) if last else [],
        approval_responses=list(request.responses),
        escalation_history=list(request.escalation_history),
        impact_score=impact,
        success_probability=decision.probability.overall_probability
        if decision.probability
        else None,
        evidence_link_rate=decision.validation.evidence_link_rate if decision.validation else None,
        hallucination_risk=decision.validation.hallucination_risk if decision.validation else None,
        updated_at=now,
    )


def new_request(
    request_id: str,
    execution_id: str,
    decision_type: DecisionType,
    requester_id: str,
    now: datetime,
    *,
    estimated_cost: int | None = None,
    workflow_context: Mapping | None = None,
) -> ApprovalRequest:
    """A PENDING request at the required level, expiring 24 h from ``now``."""
    return ApprovalRequest(
        request_id=request_id,
        execution_id=execution_id,
        decision_type=DecisionType(decision_type),
        required_level=required_level(decision_type, estimated_cost=estimated_cost),
        status=ApprovalStatus.PENDING,
        created_at=now,
        expires_at=expires_at(now),
        requester_id=requester_id,
        workflow_context=dict(workflow_context or {}),
        updated_at=now,
    )


def due_expiries(requests: Sequence[ApprovalRequest], now: datetime) -> list[ApprovalRequest]:
    """The open requests past their 24 h timeout at ``now``, each as EXPIRED (seed 002 "24시간
    타임아웃"). A request already final is never touched, so running this again changes nothing;
    a server that was down past the timeout expires the request when it comes back."""
    out = []
    for request in requests:
        expired = expire_if_due(request, now)
        if expired is not request:
            out.append(expired)
    return out


def expiry_notice(request: ApprovalRequest) -> tuple[str, dict]:
    """``(code, params)`` of the ``approval_expired`` alert that tells the requester."""
    hours = int(APPROVAL_TIMEOUT.total_seconds() // 3600)
    return "approval_expired", {
        "request_id": request.request_id,
        "execution_id": request.execution_id,
        "decision_type": request.decision_type.value,
        "requester_id": request.requester_id,
        "expired_at": format_time(request.expires_at),
        "hours": hours,
    }
