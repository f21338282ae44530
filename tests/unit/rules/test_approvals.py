"""HITL approvals: levels per decision type, authority, responses, escalation, timeout, log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.decisions import (
    ApprovalResponse,
    DecisionExecution,
    DecisionOption,
    DecomposedQuery,
    OptionSet,
    WorkflowExecution,
    WorkflowStatus,
)
from app.domain.enums import ApprovalLevel, ApprovalStatus, DecisionType, OptionType
from app.rules.approvals import (
    APPROVAL_TIMEOUT,
    apply_response,
    build_decision_log,
    can_approve,
    escalate,
    expire_if_due,
    expires_at,
    new_request,
    next_level,
    required_level,
    resume_execution,
    validate_response,
)
from app.rules.errors import Forbidden, InvalidTransition, RuleError

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
L = ApprovalLevel


def test_levels_per_decision_type_from_the_seed() -> None:
    assert required_level(DecisionType.CAPACITY) is L.TEAM_LEAD
    assert required_level(DecisionType.COMPETENCY_GAP) is L.TEAM_LEAD
    assert required_level(DecisionType.GO_NOGO) is L.DEPARTMENT
    assert required_level(DecisionType.HEADCOUNT) is L.DEPARTMENT
    assert required_level(DecisionType.CAPACITY, estimated_cost=100_000_000) is L.DIVISION
    assert required_level(DecisionType.HEADCOUNT, estimated_cost=99_999_999) is L.DEPARTMENT


def test_escalation_ladder_ends_at_executive() -> None:
    assert next_level(L.TEAM_LEAD) is L.DEPARTMENT
    assert next_level(L.DIVISION) is L.EXECUTIVE
    assert next_level(L.EXECUTIVE) is None


def test_can_approve_only_at_or_above_required_level() -> None:
    assert can_approve(L.DEPARTMENT, L.TEAM_LEAD)
    assert can_approve(L.DEPARTMENT, L.DEPARTMENT)
    refused = can_approve(L.TEAM_LEAD, L.DEPARTMENT)
    assert not refused and refused.code == "forbidden" and "E006" in refused.ko
    assert not can_approve(None, L.TEAM_LEAD)


def test_timeout_is_24_hours() -> None:
    assert timedelta(hours=24) == APPROVAL_TIMEOUT
    assert expires_at(NOW) == NOW + timedelta(hours=24)
    assert new_request("R", "X", DecisionType.GO_NOGO, "u", NOW).expires_at == expires_at(NOW)


GOOD = {
    "status": "APPROVED",
    "approval_level": "TEAM_LEAD",
    "selected_option_id": "OPT-02",
    "rationale": "균형 잡힌 접근 방식이 적합함",
    "conditions": ["외주 인력 품질 관리 필수"],
}
IDS = ("OPT-01", "OPT-02", "OPT-03")


def test_valid_response_has_no_errors() -> None:
    assert validate_response(GOOD, L.TEAM_LEAD, option_ids=IDS) == {}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "PENDING"}, "status"),
        ({"status": "EXPIRED"}, "status"),
        ({"approval_level": "CEO"}, "approval_level"),
        ({"approval_level": "DEPARTMENT"}, "approval_level"),  # above the user's level
        ({"selected_option_id": "OPT-09"}, "selected_option_id"),
        ({"selected_option_id": None}, "selected_option_id"),
        ({"rationale": "  "}, "rationale"),
        ({"conditions": "not a list"}, "conditions"),
        ({"status": "MODIFIED", "conditions": []}, "conditions"),
    ],
)
def test_invalid_responses(change: dict, field: str) -> None:
    errors = validate_response(GOOD | change, L.TEAM_LEAD, option_ids=IDS)
    assert field in errors


def test_rejection_needs_no_option() -> None:
    payload = GOOD | {"status": "REJECTED", "selected_option_id": None, "conditions": []}
    assert validate_response(payload, L.TEAM_LEAD, option_ids=IDS) == {}


def _response(status: ApprovalStatus, level: ApprovalLevel = L.DEPARTMENT) -> ApprovalResponse:
    return ApprovalResponse(
        "R", status, "boss", level, selected_option_id="OPT-02", rationale="ok", responded_at=NOW
    )


def test_approval_is_final() -> None:
    request = new_request("R", "X", DecisionType.HEADCOUNT, "u", NOW)
    done = apply_response(request, _response(ApprovalStatus.APPROVED), NOW + timedelta(hours=1))
    assert done.status is ApprovalStatus.APPROVED
    assert done.selected_option_id == "OPT-02" and done.version == 2 and len(done.responses) == 1
    with pytest.raises(InvalidTransition):
        apply_response(done, _response(ApprovalStatus.REJECTED), NOW + timedelta(hours=2))


def test_approval_below_required_level_is_forbidden() -> None:
    request = new_request("R", "X", DecisionType.HEADCOUNT, "u", NOW)
    with pytest.raises(Forbidden):
        apply_response(request, _response(ApprovalStatus.APPROVED, L.TEAM_LEAD), NOW)


def test_escalated_response_raises_level_and_restarts_clock() -> None:
    request = new_request("R", "X", DecisionType.CAPACITY, "u", NOW)
    later = NOW + timedelta(hours=20)
    up = apply_response(request, _response(ApprovalStatus.ESCALATED, L.TEAM_LEAD), later)
    assert up.status is ApprovalStatus.ESCALATED and up.required_level is L.DEPARTMENT
    assert up.expires_at == later + timedelta(hours=24)
    assert up.escalation_history[0].from_level is L.TEAM_LEAD
    final = apply_response(up, _response(ApprovalStatus.MODIFIED), later + timedelta(hours=1))
    assert final.status is ApprovalStatus.MODIFIED and len(final.responses) == 2


def test_escalate_beyond_executive_is_refused() -> None:
    request = new_request("R", "X", DecisionType.CAPACITY, "u", NOW)
    for _ in range(3):
        request = escalate(request, "고액", "lead", NOW)
    assert request.required_level is L.EXECUTIVE
    with pytest.raises(RuleError) as info:
        escalate(request, "again", "lead", NOW)
    assert info.value.code == "E006"


def test_timeout_expires_and_refuses_responses() -> None:
    request = new_request("R", "X", DecisionType.CAPACITY, "u", NOW)
    just_before = NOW + timedelta(hours=23, minutes=59)
    assert expire_if_due(request, just_before) is request
    at = NOW + timedelta(hours=24)
    with pytest.raises(RuleError) as info:
        apply_response(request, _response(ApprovalStatus.APPROVED), at)
    assert info.value.code == "E007"
    expired = expire_if_due(request, at)
    assert expired.status is ApprovalStatus.EXPIRED
    execution = WorkflowExecution("X", "WF", WorkflowStatus.PAUSED_FOR_HITL, 7)
    failed = resume_execution(execution, expired, at)
    assert failed.status is WorkflowStatus.FAILED and failed.error_code == "E007"


def test_workflow_resumes_and_log_is_built() -> None:
    request = new_request("R", "X", DecisionType.HEADCOUNT, "u", NOW)
    execution = WorkflowExecution("X", "WF", WorkflowStatus.PAUSED_FOR_HITL, 7, started_at=NOW)
    assert resume_execution(execution, request, NOW).status is WorkflowStatus.PAUSED_FOR_HITL
    done = apply_response(request, _response(ApprovalStatus.APPROVED), NOW)
    resumed = resume_execution(execution, done, NOW)
    assert resumed.status is WorkflowStatus.COMPLETED and resumed.current_step == 8
    options = OptionSet(
        DecisionType.HEADCOUNT,
        options=[
            DecisionOption("OPT-01", OptionType.CONSERVATIVE, "재배치"),
            DecisionOption("OPT-02", OptionType.BALANCED, "외주"),
        ],
        recommendation="OPT-02",
    )
    decision = DecisionExecution(
        "X",
        resumed,
        query=DecomposedQuery("개발자 2명 증원이 타당한가요?", DecisionType.HEADCOUNT, "증원"),
        option_set=options,
        approval_request=done,
    )
    log = build_decision_log(decision, "LOG-1", NOW)
    assert log.final_status is ApprovalStatus.APPROVED
    assert log.selected_option_name == "외주" and log.options_considered == ["OPT-01", "OPT-02"]
    assert log.rationale == "ok" and log.query.startswith("개발자")
    with pytest.raises(InvalidTransition):
        build_decision_log(DecisionExecution("X", execution, approval_request=request), "L", NOW)


def test_due_expiries_steps_across_the_24h_boundary() -> None:
    from datetime import UTC, datetime, timedelta

    from app.domain.enums import ApprovalStatus, DecisionType
    from app.rules.approvals import due_expiries, expiry_notice, new_request

    t0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    req = new_request("AR-1", "EX-1", DecisionType.CAPACITY, "u_req", t0)
    assert due_expiries([req], t0 + timedelta(hours=24) - timedelta(microseconds=1)) == []
    (expired,) = due_expiries([req], t0 + timedelta(hours=24))
    assert expired.status is ApprovalStatus.EXPIRED
    assert due_expiries([expired], t0 + timedelta(days=9)) == []
    code, params = expiry_notice(expired)
    assert code == "approval_expired" and params["requester_id"] == "u_req"
    assert params["hours"] == 24


def test_alert_texts_render_in_both_languages() -> None:
    from app.rules.alert_text import TEXTS, render

    params = {"request_id": "AR-1", "hours": 24}
    assert render("approval_expired", params, "ko").startswith("승인 요청 AR-1")
    assert render("approval_expired", params, "en").startswith("Approval request AR-1")
    assert render("call_queue_breach", {}, "en") == "— queue wait SLA (—) passed: —"
    assert render("no_such_code", params) == "no_such_code"
    assert all(ko and en for ko, en in TEXTS.values())
