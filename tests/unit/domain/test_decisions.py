"""Seed 002 / 003 dataclasses travel through the wire format unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from app.domain.decisions import (
    DECISION_ERRORS,
    ApprovalRequest,
    ApprovalResponse,
    Claim,
    DecisionError,
    DecisionExecution,
    DecisionLog,
    DecisionOption,
    DecomposedQuery,
    EscalationRecord,
    FactorResult,
    ImpactAnalysis,
    MetricType,
    MetricValue,
    OptionSet,
    ProbabilityResult,
    RiskFactor,
    ScenarioComparison,
    StepType,
    SubQuery,
    ValidationResult,
    WorkflowExecution,
    WorkflowStatus,
    default_steps,
)
from app.domain.enums import (
    ApprovalLevel,
    ApprovalStatus,
    ChangeDirection,
    ClaimStatus,
    DecisionType,
    Level3,
    OptionType,
)
from app.domain.generated import (
    FactCheckResult,
    FactClaim,
    GeneratedContent,
    GeneratedKind,
    GeneratedStatus,
)
from app.domain.wire import from_wire, to_wire

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


def _execution() -> DecisionExecution:
    options = [
        DecisionOption(
            f"OPT-0{n}",
            kind,
            name,
            actions=["a"],
            estimated_cost=cost,
            estimated_benefit=cost * 2,
            risk_level=risk,
            scores={"impact": 0.5, "feasibility": 0.7, "risk": 0.2, "cost": 0.3, "time": 0.4},
        )
        for n, (kind, name, cost, risk) in enumerate(
            [
                (OptionType.CONSERVATIVE, "내부 재배치", 10_000_000, Level3.LOW),
                (OptionType.BALANCED, "외주 활용", 50_000_000, Level3.MEDIUM),
                (OptionType.AGGRESSIVE, "정규직 채용", 150_000_000, Level3.HIGH),
            ],
            start=1,
        )
    ]
    analysis = ImpactAnalysis(
        "OPT-02",
        "외주 활용",
        metrics=[
            MetricValue(
                MetricType.COST, "비용", 100.0, 90.0, "백만원", -10.0, ChangeDirection.POSITIVE
            )
        ],
        time_series={"utilization": [0.92, 0.9, 0.88]},
        overall_impact_score=62.5,
        confidence_interval=(55.0, 70.0),
        assumptions=["외주 단가 유지"],
    )
    response = ApprovalResponse(
        "APR-1",
        ApprovalStatus.APPROVED,
        "manager@example.com",
        ApprovalLevel.TEAM_LEAD,
        approver_name="김팀장",
        selected_option_id="OPT-02",
        rationale="균형 잡힌 접근 방식이 적합함",
        conditions=["외주 인력 품질 관리 필수"],
        responded_at=NOW,
    )
    return DecisionExecution(
        id="EXEC-001",
        execution=WorkflowExecution(
            "EXEC-001", "WF-CAP", WorkflowStatus.PAUSED_FOR_HITL, 7, {"VALIDATION": {}}, NOW
        ),
        query=DecomposedQuery(
            "향후 12주간 AI팀의 가동률 병목 구간을 분석해줘",
            DecisionType.CAPACITY,
            "가동률 분석",
            {"org_unit_id": "ORG-AI-001"},
            [SubQuery("SQ-1", "supply", "가용 인력", depends_on=[])],
            ["SQ-1"],
            0.9,
        ),
        option_set=OptionSet(DecisionType.CAPACITY, {"gap_fte": 3}, options, "OPT-02", "균형"),
        comparison=ScenarioComparison(
            DecisionType.CAPACITY, {"utilization": 0.92}, [analysis], {}, "OPT-02", "최고 점수"
        ),
        probability=ProbabilityResult(
            0.72,
            Level3.HIGH,
            {"resource_fit": 0.8},
            [RiskFactor("RF-001", "일정", Level3.MEDIUM, 0.6, "범위 축소")],
            ["일정 재협상"],
            [FactorResult("resource_fit", 0.8, 0.3, 0.24)],
        ),
        validation=ValidationResult(
            1,
            1,
            0,
            0,
            0,
            1.0,
            0.0,
            [Claim("가용 인력 8명", ClaimStatus.VERIFIED, ["EV-1", "EV-2"])],
        ),
        approval_request=ApprovalRequest(
            "APR-1",
            "EXEC-001",
            DecisionType.CAPACITY,
            ApprovalLevel.DEPARTMENT,
            ApprovalStatus.ESCALATED,
            NOW,
            NOW + timedelta(hours=24),
            "user@example.com",
            escalation_history=[
                EscalationRecord(
                    ApprovalLevel.TEAM_LEAD, ApprovalLevel.DEPARTMENT, "고액", "lead", NOW
                )
            ],
            responses=[response],
        ),
        updated_at=NOW,
    )


def test_decision_execution_round_trips_through_json() -> None:
    original = _execution()
    wire = json.loads(json.dumps(to_wire(original)))
    assert wire["approval_request"]["expires_at"] == "2026-11-22T09:30:00Z"
    assert wire["option_set"]["options"][2]["option_type"] == "AGGRESSIVE"
    assert wire["comparison"]["analyses"][0]["confidence_interval"] == [55.0, 70.0]
    back = from_wire(DecisionExecution, wire)
    assert back == original
    assert back.comparison.analyses[0].confidence_interval == (55.0, 70.0)
    assert back.approval_request.id == "APR-1"


def test_missing_parts_stay_none() -> None:
    wire = {"id": "E", "execution": to_wire(_execution().execution)}
    back = from_wire(DecisionExecution, wire)
    assert back.option_set is None and back.approval_request is None


def test_decision_log_round_trips() -> None:
    log = DecisionLog(
        "LOG-1",
        "EXEC-001",
        DecisionType.HEADCOUNT,
        ApprovalStatus.MODIFIED,
        NOW,
        approval_responses=_execution().approval_request.responses,
        success_probability=0.7,
    )
    assert log.id == "LOG-1"
    assert from_wire(DecisionLog, json.loads(json.dumps(to_wire(log)))) == log


def test_default_workflow_has_eight_steps_pausing_at_seven() -> None:
    steps = default_steps()
    assert [s.step_number for s in steps] == list(range(1, 9))
    assert [s.step_type for s in steps if s.requires_hitl] == [StepType.HITL_APPROVAL]
    assert steps[6].step_type is StepType.HITL_APPROVAL
    assert steps[-1].step_type is StepType.FINALIZATION


def test_error_codes_e001_to_e008_have_both_languages() -> None:
    assert [c.value for c in DECISION_ERRORS] == [f"E00{n}" for n in range(1, 9)]
    assert DECISION_ERRORS[DecisionError.E006].ko == "승인 권한 부족"
    assert DECISION_ERRORS[DecisionError.E007].remedy_ko == "재요청 또는 에스컬레이션"
    assert all(info.en and info.remedy_en for info in DECISION_ERRORS.values())


def test_generated_content_round_trips_and_applies_only_when_approved() -> None:
    content = GeneratedContent(
        "GEN-1",
        GeneratedKind.NARRATIVE_REPORT,
        "백테스트 요약",
        "샤프 지수 1.2",
        source_ref="BT-7",
        generated_at=NOW,
        fact_check=FactCheckResult(
            NOW, [FactClaim("샤프 지수 1.2", "sharpe", 1.2, 1.1, matches=False)], "kpi"
        ),
    )
    back = from_wire(GeneratedContent, json.loads(json.dumps(to_wire(content))))
    assert back == content
    assert not back.fact_check.passed and len(back.fact_check.mismatches) == 1
    assert not back.applicable
    back.status = GeneratedStatus.APPROVED
    assert back.applicable
