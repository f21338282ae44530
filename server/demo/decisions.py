"""Seed 002 decision executions paused for HITL approval (CAPACITY, GO_NOGO, HEADCOUNT).

Each has a decomposed query, three options (conservative / balanced / aggressive), a scenario
comparison with the seven metrics As-Is → To-Be, a success probability, a validation with
claims and a PENDING approval request. Numbers go through app.rules (metric_value,
impact_score, success_probability, summarise) so they agree with what the client recomputes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.decisions import (
    ApprovalRequest,
    Claim,
    DecisionExecution,
    DecisionOption,
    DecomposedQuery,
    ImpactAnalysis,
    OptionSet,
    ScenarioComparison,
    SubQuery,
    WorkflowExecution,
    WorkflowStatus,
)
from app.domain.enums import ApprovalStatus, ClaimStatus, DecisionType, Level3, OptionType
from app.domain.wire import to_wire
from app.rules.approvals import required_level
from app.rules.options import impact_score, metric_value
from app.rules.probability import success_probability
from app.rules.validation import classify_claim, looks_like_assumption, summarise

METRICS = [  # metric type, Korean name, unit, As-Is
    ("UTILIZATION", "심사 인력 가동률", "%", 92.0),
    ("COST", "월 운영비", "백만원", 410.0),
    ("REVENUE", "월 여신 취급액", "억원", 1250.0),
    ("MARGIN", "순이자마진", "%", 1.82),
    ("RISK", "SLA 위반율", "%", 7.4),
    ("TIME", "평균 처리 시간", "시간", 21.5),
    ("QUALITY", "QA 평균 점수", "점", 83.0),
]

SPECS = [
    {
        "id": "EXE-2026-1121-001",
        "type": DecisionType.CAPACITY,
        "query": "다음 분기 여신 심사 물량 20% 증가에 대비해 심사 역량을 어떻게 확보할까요?",
        "intent": "심사 처리 역량 확충 방안 선택",
        "options": [
            (
                "보수안: 초과근무와 순환 배치",
                ["주 6시간 초과근무", "QA 인력 1명 심사 지원"],
                45_000_000,
                0.6,
            ),
            (
                "균형안: 계약직 심사역 3명 채용",
                ["계약직 3명 채용(6개월)", "온보딩 2주 교육"],
                180_000_000,
                1.0,
            ),
            (
                "공격안: 자동 심사 기준 완화와 인력 2명 추가",
                ["경계 점수 자동 승인 확대", "정규직 2명 채용"],
                320_000_000,
                1.4,
            ),
        ],
    },
    {
        "id": "EXE-2026-1121-002",
        "type": DecisionType.GO_NOGO,
        "query": "신용평가 모델 v3.3을 12월 1일에 운영 적용해도 될까요?",
        "intent": "모델 운영 적용 여부 결정",
        "options": [
            (
                "보수안: 적용 연기 및 추가 검증 4주",
                ["백테스트 기간 확대", "공정성 지표 재검증"],
                30_000_000,
                0.5,
            ),
            (
                "균형안: 20% 트래픽 단계적 적용",
                ["챔피언-챌린저 20%", "주간 모니터링"],
                60_000_000,
                1.0,
            ),
            ("공격안: 전면 적용", ["전체 트래픽 전환", "롤백 계획 대기"], 90_000_000, 1.3),
        ],
    },
    {
        "id": "EXE-2026-1121-003",
        "type": DecisionType.HEADCOUNT,
        "query": "컨택센터 MSP 긴급 큐 SLA 15분 준수를 위해 상담 인력을 몇 명 늘려야 할까요?",
        "intent": "컨택센터 증원 규모 결정",
        "options": [
            ("보수안: 1명 증원", ["야간 교대 1명 추가"], 60_000_000, 0.7),
            ("균형안: 3명 증원", ["주간 2명, 야간 1명 추가", "TS 부담당자 지정"], 180_000_000, 1.0),
            (
                "공격안: 5명 증원과 콜백 자동화",
                ["5명 증원", "콜백 예약 자동화 도입"],
                420_000_000,
                1.5,
            ),
        ],
    },
]

CLAIMS = [
    ("최근 12주 심사 물량은 주당 평균 1,840건으로 집계되었습니다.", ["EV-001", "EV-002"]),
    ("균형안 적용 시 SLA 위반율이 7.4%에서 3.1%로 낮아집니다.", ["EV-003"]),
    ("계약직 심사역은 2주 교육 후 정규 인력의 85% 생산성을 낸다고 가정합니다.", []),
    ("경쟁사 평균 처리 시간은 18시간입니다.", []),
]
RESPONSE = " ".join(text for text, _ in CLAIMS)  # the validated answer (seed 002 §2.5)
EVIDENCE = [
    {"evidence_id": "EV-001", "type": "DATA_POINT", "source": "심사 시스템",
     "description": "최근 12주 주간 심사 건수", "value": 1840},
    {"evidence_id": "EV-002", "type": "CALCULATION", "source": "물량 예측 모델",
     "description": "주간 평균 물량 산출", "value": 1840},
    {"evidence_id": "EV-003", "type": "CALCULATION", "source": "SLA 시뮬레이션",
     "description": "균형안 SLA 위반율 3.1%", "value": 3.1},
]  # fmt: skip
# success-probability factors (seed 002 §2.4) per option: conservative, balanced, aggressive
FACTORS = [
    {"resource_fit": 0.8, "competency_match": 0.74, "historical_success": 0.82,
     "timeline_feasibility": 0.88, "risk_level": 0.8},
    {"resource_fit": 0.72, "competency_match": 0.68, "historical_success": 0.8,
     "timeline_feasibility": 0.61, "risk_level": 0.55},
    {"resource_fit": 0.55, "competency_match": 0.5, "historical_success": 0.58,
     "timeline_feasibility": 0.35, "risk_level": 0.3},
]  # fmt: skip


def _status(text: str) -> ClaimStatus:
    return ClaimStatus.ASSUMPTION if looks_like_assumption(text) else ClaimStatus.UNVERIFIED


def _to_be(as_is: float, metric: str, strength: float) -> float:
    change = {
        "UTILIZATION": -0.08,
        "COST": 0.12,
        "REVENUE": 0.06,
        "MARGIN": 0.02,
        "RISK": -0.35,
        "TIME": -0.2,
        "QUALITY": 0.03,
    }[metric]
    return round(as_is * (1 + change * strength), 2)


def _series(as_is: float, to_be: float, weeks: int = 12) -> list[float]:
    """Week-by-week projection from As-Is to To-Be (most of the change in the first weeks)."""
    return [round(as_is + (to_be - as_is) * (1 - 0.75 ** (w + 1)) / (1 - 0.75**weeks), 3)
            for w in range(weeks)]  # fmt: skip


def _scores(n: int, impact: float, cost: int, strength: float) -> dict[str, float]:
    """The option's evaluation scores 0-100 (seed 002 ``scores``: impact, feasibility, risk,
    cost, time); higher is better except risk."""
    return {
        "impact": round(impact, 1),
        "feasibility": round(95 - 25 * strength, 1),
        "risk": [20.0, 45.0, 70.0][n - 1],
        "cost": round(max(5.0, 100 - cost / 5_000_000), 1),
        "time": round(90 - 12.5 * n, 1),
    }


def _claims() -> list[Claim]:
    out = []
    for i, (text, ev) in enumerate(CLAIMS):
        begin = RESPONSE.index(text)
        claim = Claim(text, _status(text), ev, f"CL-{i + 1:03d}", begin, begin + len(text))
        out.append(classify_claim(claim))
    return out


def _execution(spec: dict, now: datetime) -> DecisionExecution:
    exe_id, dtype = spec["id"], spec["type"]
    options, analyses = [], []
    for n, ((name, actions, cost, strength), otype) in enumerate(
        zip(spec["options"], list(OptionType), strict=True), start=1
    ):
        oid = f"OPT-{n:03d}"
        risk = [Level3.LOW, Level3.MEDIUM, Level3.HIGH][n - 1]
        metrics = [
            metric_value(m, ko, as_is, _to_be(as_is, m, strength), unit)
            for m, ko, unit, as_is in METRICS
        ]
        score = impact_score(metrics)
        options.append(
            DecisionOption(
                oid,
                otype,
                name,
                f"{spec['intent']} — {name}",
                actions,
                cost,
                int(cost * (1.2 + 0.5 * strength)),
                risk,
                f"{2 + 2 * n}주",
                ["예산 승인"],
                [f"비용 {cost // 1_000_000}백만원 대비 효과 검증 필요"],
                _scores(n, score, cost, strength),
            )
        )
        analyses.append(
            ImpactAnalysis(
                oid,
                name,
                metrics,
                {m: _series(as_is, _to_be(as_is, m, strength)) for m, _, _, as_is in METRICS},
                overall_impact_score=score,
                confidence_interval=(round(score - 6, 1), round(score + 6, 1)),
                assumptions=["물량 증가율 20% 가정"],
                risks=["채용 지연"],
                horizon_weeks=12,
            )
        )
    best = max(analyses, key=lambda a: a.overall_impact_score)
    option_set = OptionSet(
        dtype,
        {"horizon": "2027-Q1"},
        options,
        "OPT-002",
        "비용 대비 SLA 개선 효과가 가장 균형적입니다.",
    )
    comparison = ScenarioComparison(
        dtype,
        {m: v for m, _, _, v in METRICS},
        analyses,
        {
            "ranking": [
                a.option_id for a in sorted(analyses, key=lambda a: -a.overall_impact_score)
            ],
            "success_factors": {o.option_id: f for o, f in zip(options, FACTORS, strict=True)},
        },
        best.option_id,
        "가중 영향 점수 최고",
    )
    probability = success_probability(FACTORS[1])  # the recommended (balanced) option
    validation = summarise(_claims())
    created = now - timedelta(hours=5)
    request = ApprovalRequest(
        request_id=f"APR-{exe_id[4:]}",
        execution_id=exe_id,
        decision_type=dtype,
        required_level=required_level(dtype, estimated_cost=options[1].estimated_cost),
        status=ApprovalStatus.PENDING,
        created_at=created,
        expires_at=created + timedelta(hours=24),
        requester_id="u_admin1",
        workflow_context={"query": spec["query"], "recommended": "OPT-002"},
    )
    request.id = request.request_id
    steps = [
        "QUERY_DECOMPOSITION",
        "KG_QUERY",
        "OPTION_GENERATION",
        "IMPACT_SIMULATION",
        "PROBABILITY_CALCULATION",
        "VALIDATION",
    ]
    execution = WorkflowExecution(
        exe_id,
        "WF-DEFAULT-8",
        WorkflowStatus.PAUSED_FOR_HITL,
        7,
        {
            **{s: {"status": "done"} for s in steps},
            "VALIDATION": {"status": "done", "response_text": RESPONSE, "evidence": EVIDENCE},
        },
        started_at=created,
    )
    query = DecomposedQuery(
        spec["query"],
        dtype,
        spec["intent"],
        {"budget_krw": 400_000_000},
        [
            SubQuery("SQ-001", "data", "최근 12주 물량과 처리 시간 조회"),
            SubQuery("SQ-002", "graph", "가용 인력과 역량 조회", ["SQ-001"]),
        ],
        ["SQ-001", "SQ-002"],
        0.91,
    )
    return DecisionExecution(
        exe_id, execution, query, option_set, comparison, probability, validation, request
    )


def demo_decisions(now: datetime) -> tuple[list[dict], list[dict]]:
    """(decision entities, approval entities) for the three demo executions."""
    executions = [_execution(spec, now) for spec in SPECS]
    return [to_wire(e) for e in executions], [to_wire(e.approval_request) for e in executions]
