"""HR decision support (seed 002): decomposed query, three options, As-Is/To-Be impact, success
probability, claim validation, the 8-step workflow that pauses for HITL approval, approvals and the
decision log. Field names are the seed's; everything round-trips through app.domain.wire.

Deviations from the seed, all for the wire contract of shared/API.md: money is integer KRW,
``query_type`` is ``DecisionType``, ``risk_level`` / ``severity`` / ``confidence_level`` are
``Level3``, and entities fetched by id carry ``id`` / ``version`` / ``updated_at``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from app.domain.enums import (
    ApprovalLevel,
    ApprovalStatus,
    ChangeDirection,
    ClaimStatus,
    DecisionType,
    Level3,
    OptionType,
)


class MetricType(StrEnum):
    """Seed 002 metrics (weights and good directions live in app.rules.options)."""

    UTILIZATION = "UTILIZATION"
    COST = "COST"
    REVENUE = "REVENUE"
    MARGIN = "MARGIN"
    RISK = "RISK"
    TIME = "TIME"
    QUALITY = "QUALITY"


class WorkflowStatus(StrEnum):
    RUNNING = "RUNNING"
    PAUSED_FOR_HITL = "PAUSED_FOR_HITL"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class StepType(StrEnum):
    """The default workflow's eight steps, in order."""

    QUERY_DECOMPOSITION = "QUERY_DECOMPOSITION"
    KG_QUERY = "KG_QUERY"
    OPTION_GENERATION = "OPTION_GENERATION"
    IMPACT_SIMULATION = "IMPACT_SIMULATION"
    PROBABILITY_CALCULATION = "PROBABILITY_CALCULATION"
    VALIDATION = "VALIDATION"
    HITL_APPROVAL = "HITL_APPROVAL"
    FINALIZATION = "FINALIZATION"


class DecisionError(StrEnum):
    """Seed 002 error codes; text in ``DECISION_ERRORS``."""

    E001 = "E001"
    E002 = "E002"
    E003 = "E003"
    E004 = "E004"
    E005 = "E005"
    E006 = "E006"
    E007 = "E007"
    E008 = "E008"


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """What an error code means and what to do about it, in Korean and English."""

    code: DecisionError
    ko: str
    en: str
    remedy_ko: str
    remedy_en: str


_KO = {
    "E001": ("질문 유형 분류 실패", "더 구체적인 키워드 포함"),
    "E002": ("KG 쿼리 실패", "데이터 존재 여부 확인"),
    "E003": ("대안 생성 실패", "컨텍스트 데이터 확인"),
    "E004": ("시뮬레이션 실패", "베이스라인 데이터 확인"),
    "E005": ("검증 실패", "근거 데이터 확인"),
    "E006": ("승인 권한 부족", "상위 결재자 지정"),
    "E007": ("승인 타임아웃", "재요청 또는 에스컬레이션"),
    "E008": ("워크플로 실행 실패", "로그 확인 후 재시도"),
}
_EN = {
    "E001": ("could not classify the question type", "include more specific keywords"),
    "E002": ("knowledge graph query failed", "check that the data exists"),
    "E003": ("option generation failed", "check the context data"),
    "E004": ("simulation failed", "check the baseline data"),
    "E005": ("validation failed", "check the evidence data"),
    "E006": ("insufficient approval authority", "assign a higher approver"),
    "E007": ("approval timed out", "request again or escalate"),
    "E008": ("workflow execution failed", "check the logs and retry"),
}
DECISION_ERRORS: dict[DecisionError, ErrorInfo] = {
    code: ErrorInfo(code, _KO[code][0], _EN[code][0], _KO[code][1], _EN[code][1])
    for code in DecisionError
}


# --- 2.1 query decomposition ---------------------------------------------------------------


@dataclass(slots=True)
class SubQuery:
    """One executable piece of a question (e.g. supply, demand, gap, bottleneck)."""

    sub_query_id: str
    kind: str
    description: str
    depends_on: list[str] = field(default_factory=list)
    query: str = ""  # the Cypher / data query, when there is one


@dataclass(slots=True)
class DecomposedQuery:
    original_query: str
    query_type: DecisionType
    intent: str
    constraints: dict[str, Any] = field(default_factory=dict)
    sub_queries: list[SubQuery] = field(default_factory=list)
    execution_order: list[str] = field(default_factory=list)
    confidence: float = 0.0  # classification confidence 0-1


# --- 2.2 options ---------------------------------------------------------------------------


@dataclass(slots=True)
class DecisionOption:
    option_id: str
    option_type: OptionType
    name: str
    description: str = ""
    actions: list[str] = field(default_factory=list)
    estimated_cost: int = 0  # KRW
    estimated_benefit: int = 0  # KRW
    risk_level: Level3 = Level3.MEDIUM
    implementation_time: str = ""
    prerequisites: list[str] = field(default_factory=list)
    trade_offs: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)  # impact, feasibility, risk, cost, time


@dataclass(slots=True)
class OptionSet:
    query_type: DecisionType
    context: dict[str, Any] = field(default_factory=dict)
    options: list[DecisionOption] = field(default_factory=list)
    recommendation: str = ""  # recommended option_id
    recommendation_reason: str = ""

    def option(self, option_id: str) -> DecisionOption | None:
        return next((o for o in self.options if o.option_id == option_id), None)


# --- 2.3 impact simulation -----------------------------------------------------------------


@dataclass(slots=True)
class MetricValue:
    metric_type: MetricType
    name: str
    as_is_value: float
    to_be_value: float
    unit: str = ""
    change_percent: float = 0.0
    change_direction: ChangeDirection = ChangeDirection.NEUTRAL


@dataclass(slots=True)
class ImpactAnalysis:
    option_id: str
    option_name: str
    metrics: list[MetricValue] = field(default_factory=list)
    # metric name -> projected value per week of the horizon (index 0 = week 1)
    time_series: dict[str, list[float]] = field(default_factory=dict)
    overall_impact_score: float = 0.0  # 0-100
    confidence_interval: tuple[float, float] = (0.0, 0.0)  # (lower, upper) of the score
    assumptions: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    horizon_weeks: int = 12


@dataclass(slots=True)
class ScenarioComparison:
    query_type: DecisionType
    baseline: dict[str, Any] = field(default_factory=dict)
    analyses: list[ImpactAnalysis] = field(default_factory=list)
    comparison_summary: dict[str, Any] = field(default_factory=dict)
    best_option_id: str = ""
    best_option_reason: str = ""


# --- 2.4 success probability ---------------------------------------------------------------


@dataclass(slots=True)
class RiskFactor:
    factor_id: str
    name: str
    severity: Level3
    impact: float  # 0-1
    mitigation: str = ""


@dataclass(slots=True)
class FactorResult:
    """One factor's part of the probability: score 0-1, weight, score x weight."""

    name: str
    score: float
    weight: float
    contribution: float


@dataclass(slots=True)
class ProbabilityResult:
    overall_probability: float  # 0-1
    confidence_level: Level3
    factors: dict[str, float] = field(default_factory=dict)
    risk_factors: list[RiskFactor] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    factor_results: list[FactorResult] = field(default_factory=list)


# --- 2.5 validation ------------------------------------------------------------------------


@dataclass(slots=True)
class EvidenceLink:
    evidence_id: str
    type: str  # DATA_POINT, CALCULATION, ...
    source: str
    description: str = ""
    value: float | str | None = None


@dataclass(slots=True)
class Claim:
    """One claim of a response (the seed's ClaimValidation); offsets index the response text."""

    text: str
    status: ClaimStatus = ClaimStatus.UNVERIFIED
    evidence: list[str] = field(default_factory=list)  # evidence ids
    claim_id: str = ""
    begin_char: int | None = None
    end_char: int | None = None


ClaimValidation = Claim


@dataclass(slots=True)
class ValidationResult:
    total_claims: int = 0
    verified_claims: int = 0
    partial_claims: int = 0
    unverified_claims: int = 0
    assumption_claims: int = 0
    evidence_link_rate: float = 0.0  # 0-1
    hallucination_risk: float = 0.0  # 0-1
    validations: list[Claim] = field(default_factory=list)
    overall_issues: list[str] = field(default_factory=list)


# --- 2.6 workflow --------------------------------------------------------------------------


@dataclass(slots=True)
class WorkflowStep:
    step_number: int  # 1-8
    step_type: StepType
    name: str
    agent: str = ""
    requires_hitl: bool = False


@dataclass(slots=True)
class WorkflowDefinition:
    workflow_id: str
    name: str
    steps: list[WorkflowStep] = field(default_factory=list)
    total_steps: int = 0


_STEPS: tuple[tuple[StepType, str, str], ...] = (
    (StepType.QUERY_DECOMPOSITION, "질문 분해", "QueryDecomposition"),
    (StepType.KG_QUERY, "Knowledge Graph 조회", "KG Client"),
    (StepType.OPTION_GENERATION, "대안 생성", "OptionGenerator"),
    (StepType.IMPACT_SIMULATION, "영향 시뮬레이션", "ImpactSimulator"),
    (StepType.PROBABILITY_CALCULATION, "성공 확률 계산", "SuccessProbability"),
    (StepType.VALIDATION, "근거 검증", "Validator"),
    (StepType.HITL_APPROVAL, "인간 검토/승인", "HITL System"),
    (StepType.FINALIZATION, "최종 결과 생성", ""),
)
HITL_STEP = 7


def default_steps() -> list[WorkflowStep]:
    """The seed's default eight steps; step 7 pauses for human approval."""
    return [
        WorkflowStep(n, st, name, agent, requires_hitl=st is StepType.HITL_APPROVAL)
        for n, (st, name, agent) in enumerate(_STEPS, start=1)
    ]


@dataclass(slots=True)
class WorkflowExecution:
    execution_id: str
    workflow_id: str
    status: WorkflowStatus
    current_step: int  # 1-8
    results: dict[str, Any] = field(default_factory=dict)  # step type -> result
    started_at: datetime | None = None
    completed_at: datetime | None = None
    error_code: DecisionError | None = None


# --- 3. HITL approvals ---------------------------------------------------------------------


@dataclass(slots=True)
class EscalationRecord:
    from_level: ApprovalLevel
    to_level: ApprovalLevel
    reason: str
    escalated_by: str
    escalated_at: datetime


@dataclass(slots=True)
class ApprovalResponse:
    request_id: str
    status: ApprovalStatus
    approver_id: str
    approval_level: ApprovalLevel
    approver_name: str = ""
    selected_option_id: str | None = None
    rationale: str = ""
    conditions: list[str] = field(default_factory=list)
    responded_at: datetime | None = None


@dataclass(slots=True)
class ApprovalRequest:
    """An approval awaiting (or past) a human; ``required_level`` rises on escalation."""

    request_id: str
    execution_id: str
    decision_type: DecisionType
    required_level: ApprovalLevel
    status: ApprovalStatus
    created_at: datetime
    expires_at: datetime  # created_at + 24 h, restarted on escalation
    requester_id: str
    workflow_context: dict[str, Any] = field(default_factory=dict)
    escalation_history: list[EscalationRecord] = field(default_factory=list)
    responses: list[ApprovalResponse] = field(default_factory=list)
    selected_option_id: str | None = None
    decided_at: datetime | None = None
    id: str = ""
    version: int = 1
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.request_id


@dataclass(slots=True)
class DecisionLog:
    log_id: str
    execution_id: str
    decision_type: DecisionType
    final_status: ApprovalStatus
    created_at: datetime
    query: str = ""
    options_considered: list[str] = field(default_factory=list)
    recommended_option_id: str = ""
    selected_option_id: str | None = None
    selected_option_name: str = ""
    rationale: str = ""
    conditions: list[str] = field(default_factory=list)
    approval_responses: list[ApprovalResponse] = field(default_factory=list)
    escalation_history: list[EscalationRecord] = field(default_factory=list)
    impact_score: float | None = None
    success_probability: float | None = None
    evidence_link_rate: float | None = None
    hallucination_risk: float | None = None
    id: str = ""
    version: int = 1
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.log_id


@dataclass(slots=True)
class DecisionExecution:
    """``GET /v1/decisions/{execution_id}`` (shared/API.md); ``id`` is the execution id."""

    id: str
    execution: WorkflowExecution
    query: DecomposedQuery | None = None
    option_set: OptionSet | None = None
    comparison: ScenarioComparison | None = None
    probability: ProbabilityResult | None = None
    validation: ValidationResult | None = None
    approval_request: ApprovalRequest | None = None
    version: int = 1
    updated_at: datetime | None = None
