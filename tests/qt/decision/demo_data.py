"""A demo-like decision-support world built from app.domain objects and put into a real store
through change-feed pages (``apply_changes``), the way sync would: two executions paused for
HITL approval (seed 002), generated content awaiting review (seed 003) and the server demo's
checkpoints (seed 001). Qt-free; used by the Qt tests, the service tests and the screenshots."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.decisions import (
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
from app.domain.enums import ApprovalLevel, ClaimStatus, DecisionType, Level3, OptionType, Role
from app.domain.generated import (
    FactCheckResult,
    FactClaim,
    GeneratedContent,
    GeneratedKind,
)
from app.domain.people import User
from app.domain.wire import to_wire
from app.rules import approvals, options, probability, validation
from app.store.apply import apply_changes
from app.store.store import Store
from server.demo.checkpoints import demo_checkpoints

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 10:00 KST
EXEC_CAPACITY = "EXEC-20261123-001"
EXEC_HEADCOUNT = "EXEC-20261123-002"
USERS = [
    User("u_senior1", "정민호", [Role.SENIOR_REVIEWER], approval_level=ApprovalLevel.TEAM_LEAD),
    User("u_senior2", "한지원", [Role.SENIOR_REVIEWER], approval_level=ApprovalLevel.DEPARTMENT),
    User("u_admin1", "윤재석", [Role.OPS_ADMIN], approval_level=ApprovalLevel.DIVISION),
]

# metric: (name, unit, as-is, to-be per option CONSERVATIVE / BALANCED / AGGRESSIVE)
METRICS = {
    "UTILIZATION": ("가동률", "%", 92.0, (88.0, 84.0, 80.0)),
    "COST": ("인건비(분기)", "원", 100_000_000, (112_000_000, 148_000_000, 196_000_000)),
    "REVENUE": ("매출(분기)", "원", 420_000_000, (450_000_000, 560_000_000, 610_000_000)),
    "MARGIN": ("마진율", "%", 18.0, (19.0, 22.5, 20.0)),
    "RISK": ("일정 리스크 지수", "점", 60.0, (52.0, 38.0, 45.0)),
    "TIME": ("병목 해소 기간", "주", 12.0, (10.0, 6.0, 8.0)),
    "QUALITY": ("품질 지수", "점", 78.0, (79.0, 82.0, 86.0)),
}
SPREAD = (4.0, 5.5, 11.0)  # half-width of the score's confidence interval per option
FACTORS = (
    {
        "resource_fit": 0.82,
        "competency_match": 0.74,
        "historical_success": 0.8,
        "timeline_feasibility": 0.9,
        "risk_level": 0.85,
    },
    {
        "resource_fit": 0.76,
        "competency_match": 0.68,
        "historical_success": 0.72,
        "timeline_feasibility": 0.78,
        "risk_level": 0.62,
    },
    {
        "resource_fit": 0.58,
        "competency_match": 0.44,
        "historical_success": 0.55,
        "timeline_feasibility": 0.28,
        "risk_level": 0.4,
    },
)
RESPONSE = (
    "향후 12주간 AI팀의 가동률은 약 92%로 예상됩니다. "
    "현재 가용 인력은 8명이며, 필요 인력은 10명입니다. "
    "W05~W06 구간에서 병목이 집중됩니다. "
    "외주 인력은 2주 안에 투입할 수 있다고 가정합니다. "
    "외주 활용 시 경쟁사 대비 비용이 30% 낮습니다."
)
CLAIMS = [
    ("향후 12주간 AI팀의 가동률은 약 92%로 예상됩니다.", ["EV-002", "EV-003"], False),
    ("현재 가용 인력은 8명이며, 필요 인력은 10명입니다.", ["EV-001"], False),
    ("W05~W06 구간에서 병목이 집중됩니다.", ["EV-003", "EV-004"], False),
    ("외주 인력은 2주 안에 투입할 수 있다고 가정합니다.", [], True),
    ("외주 활용 시 경쟁사 대비 비용이 30% 낮습니다.", [], False),
]
EVIDENCE = [
    {"evidence_id": "EV-001", "type": "DATA_POINT", "source": "HR System",
     "description": "AI팀 가용 인력 8명", "value": 8},
    {"evidence_id": "EV-002", "type": "CALCULATION", "source": "Capacity Model",
     "description": "예상 가동률 92%", "value": 92},
    {"evidence_id": "EV-003", "type": "DATA_POINT", "source": "Project Plan",
     "description": "W05-W06 수요 13.5 FTE", "value": 13.5},
    {"evidence_id": "EV-004", "type": "CALCULATION", "source": "Capacity Model",
     "description": "W05-W06 공급 대비 수요 135%", "value": 135},
]  # fmt: skip


def _series(as_is: float, to_be: float, weeks: int, pace: float) -> list[float]:
    span = 1 - math.exp(-weeks / pace)
    return [
        round(as_is + (to_be - as_is) * (1 - math.exp(-w / pace)) / span, 3)
        for w in range(1, weeks + 1)
    ]


def _options(kind: DecisionType) -> list[DecisionOption]:
    hire = "정규직 채용 2명" if kind is DecisionType.HEADCOUNT else "정규직 채용"
    return [
        DecisionOption(
            "OPT-01",
            OptionType.CONSERVATIVE,
            "내부 재배치",
            "타 팀 유휴 인력 2명을 W05~W08 동안 AI팀에 재배치",
            ["데이터팀 2명 4주 파견", "비핵심 과제 2건 일정 조정"],
            12_000_000,
            30_000_000,
            Level3.LOW,
            "2주",
            ["데이터팀장 동의", "파견 인력 온보딩 1주"],
            ["데이터팀 과제 지연", "병목 일부만 해소"],
            {"impact": 55, "feasibility": 90, "risk": 20, "cost": 88, "time": 85},
        ),
        DecisionOption(
            "OPT-02",
            OptionType.BALANCED,
            "외주 활용",
            "ML 엔지니어 외주 3명을 12주 계약으로 투입",
            ["외주 3명 12주 계약", "코드 리뷰·품질 게이트 강화", "W04부터 투입"],
            48_000_000,
            120_000_000,
            Level3.MEDIUM,
            "4주",
            ["외주 업체 선정", "보안 서약 및 접근 권한 부여"],
            ["외주 품질 관리 필요", "지식 내재화 제한"],
            {"impact": 78, "feasibility": 75, "risk": 45, "cost": 60, "time": 70},
        ),
        DecisionOption(
            "OPT-03",
            OptionType.AGGRESSIVE,
            hire,
            "ML 엔지니어 정규직을 채용해 상시 역량 확보",
            ["채용 공고 및 헤드헌팅", "온보딩 프로그램 8주", "팀 구조 재편"],
            96_000_000 if kind is DecisionType.CAPACITY else 240_000_000,
            350_000_000,
            Level3.HIGH,
            "12주",
            ["증원 예산 승인", "채용 TO 확보"],
            ["채용 기간 동안 병목 지속", "고정비 증가"],
            {"impact": 88, "feasibility": 50, "risk": 70, "cost": 35, "time": 40},
        ),
    ]


def build_decision(
    execution_id: str = EXEC_CAPACITY,
    kind: DecisionType = DecisionType.CAPACITY,
    now: datetime = NOW,
    *,
    requested_hours_ago: float = 5.0,
) -> DecisionExecution:
    opts = _options(kind)
    analyses = []
    for i, opt in enumerate(opts):
        metrics = [
            options.metric_value(m, name, as_is, to_be[i], unit)
            for m, (name, unit, as_is, to_be) in METRICS.items()
        ]
        score = options.impact_score(metrics)
        analyses.append(
            ImpactAnalysis(
                opt.option_id,
                opt.name,
                metrics,
                {
                    m: _series(as_is, to_be[i], 12, 2.0 + 2.5 * i)
                    for m, (_n, _u, as_is, to_be) in METRICS.items()
                },
                score,
                (round(score - SPREAD[i], 2), round(score + SPREAD[i], 2)),
                ["외주 단가 월 1,300만원", "수요 예측 오차 ±10%"][: i + 1],
                [["데이터팀 일정 지연"], ["외주 품질 편차"], ["채용 지연", "고정비 부담"]][i],
            )
        )
    best = options.rank_options(ScenarioComparison(kind, analyses=analyses))[0][0]
    reason = "비용 대비 효과와 병목 해소 속도의 균형이 가장 좋음 (종합 영향도 1위)"
    comparison = ScenarioComparison(
        kind,
        {"utilization": 0.92, "headcount": 10, "gap_fte": 3, "cost": 100_000_000},
        analyses,
        {"success_factors": {o.option_id: FACTORS[i] for i, o in enumerate(opts)}},
        best,
        reason,
    )
    claims = [
        Claim(
            text,
            ClaimStatus.ASSUMPTION if assume else ClaimStatus.UNVERIFIED,
            ev,
            f"CL-{n:03d}",
            RESPONSE.index(text),
            RESPONSE.index(text) + len(text),
        )
        for n, (text, ev, assume) in enumerate(CLAIMS, start=1)
    ]
    question = (
        "향후 12주간 AI팀의 가동률 병목 구간을 분석해줘"
        if kind is DecisionType.CAPACITY
        else "AI팀에 개발자 2명 증원이 타당한가요?"
    )
    started = now - timedelta(hours=requested_hours_ago + 0.2)
    execution = WorkflowExecution(
        execution_id,
        f"WF-{kind.value}",
        WorkflowStatus.PAUSED_FOR_HITL,
        7,
        {"VALIDATION": {"response_text": RESPONSE, "evidence": EVIDENCE}},
        started,
    )
    requested = now - timedelta(hours=requested_hours_ago)
    request = approvals.new_request(
        f"APR-{execution_id[5:]}",
        execution_id,
        kind,
        "u_analyst1",
        requested,
        estimated_cost=max(o.estimated_cost for o in opts),
    )
    return DecisionExecution(
        execution_id,
        execution,
        DecomposedQuery(
            question,
            kind,
            "향후 12주간 조직별 인력 가동률 및 병목 구간 분석",
            {"org_unit_id": "ORG-AI-001", "horizon_weeks": 12},
            [
                SubQuery("SQ-1", "supply", "AI팀 주차별 가용 FTE"),
                SubQuery("SQ-2", "demand", "프로젝트별 주차별 수요 FTE"),
                SubQuery("SQ-3", "gap", "공급-수요 갭 계산", ["SQ-1", "SQ-2"]),
                SubQuery("SQ-4", "bottleneck", "갭 100% 초과 주차 식별", ["SQ-3"]),
            ],
            ["SQ-1", "SQ-2", "SQ-3", "SQ-4"],
            0.93,
        ),
        OptionSet(kind, {"org_unit": "AI팀", "gap_fte": 3}, opts, best, reason),
        comparison,
        probability.success_probability(FACTORS[[o.option_id for o in opts].index(best)]),
        validation.summarise(claims),
        request,
        updated_at=requested,
    )


def build_generated(now: datetime = NOW) -> list[GeneratedContent]:
    report = (
        "2026년 3분기 모멘텀 전략 백테스트 요약: 연환산 수익률 14.2%, 샤프 지수 1.35, "
        "최대 낙폭 -8.7%를 기록했습니다. 고변동성 레짐에서 초과 수익이 집중되었습니다."
    )
    checks = [
        FactClaim("연환산 수익률 14.2%", "cagr", 14.2, 14.2, True),
        FactClaim("샤프 지수 1.35", "sharpe", 1.35, 1.18, False),
        FactClaim("최대 낙폭 -8.7%", "max_drawdown", -8.7, -8.7, True),
    ]
    for c in checks:
        c.begin_char = report.index(c.text)
        c.end_char = c.begin_char + len(c.text)
    strategy = "RSI(14) < 30 진입, 20일 이동평균 상향 돌파 시 청산, 종목당 비중 5% 이하."
    return [
        GeneratedContent(
            "GEN-20261123-001",
            GeneratedKind.NARRATIVE_REPORT,
            "3분기 모멘텀 전략 임원 보고서",
            report,
            "BT-2026-Q3-017",
            "report-v1.4",
            "on-prem-llm",
            now - timedelta(hours=3),
            fact_check=FactCheckResult(now - timedelta(hours=3), checks, "KPI datastore"),
            updated_at=now - timedelta(hours=3),
        ),
        GeneratedContent(
            "GEN-20261123-002",
            GeneratedKind.STRATEGY,
            "역추세 RSI 전략 (대화형 빌더)",
            strategy,
            "CHAT-88412",
            "builder-v0.9",
            "on-prem-llm",
            now - timedelta(hours=1),
            fact_check=FactCheckResult(
                now - timedelta(hours=1),
                [FactClaim("비중 5% 이하", "max_weight", 5, 5, True)],
                "strategy templates",
            ),
            updated_at=now - timedelta(hours=1),
        ),
    ]


def world(now: datetime = NOW) -> list[tuple[str, dict]]:
    """(entity kind, wire data) of everything, in feed order."""
    out: list[tuple[str, dict]] = [("user", to_wire(u)) for u in USERS]
    for exec_id, kind, hours in (
        (EXEC_CAPACITY, DecisionType.CAPACITY, 5.0),
        (EXEC_HEADCOUNT, DecisionType.HEADCOUNT, 21.5),
    ):
        decision = build_decision(exec_id, kind, now, requested_hours_ago=hours)
        out.append(("decision", to_wire(decision)))
        out.append(("approval", to_wire(decision.approval_request)))
    out += [("generated", to_wire(g)) for g in build_generated(now)]
    out += [("checkpoint", c) for c in demo_checkpoints(now)]
    return out


def seed(store: Store, now: datetime = NOW) -> None:
    changes = [
        {"seq": n, "entity": kind, "id": d["id"], "op": "upsert", "version": 1, "data": d}
        for n, (kind, d) in enumerate(world(now), start=1)
    ]
    with store.transaction() as session:
        apply_changes(session, changes)


def build_store(path: Path, now: datetime = NOW) -> Store:
    store = Store.open(path)
    seed(store, now)
    return store


def checkpoint_ids(now: datetime = NOW) -> tuple[str, str]:
    """(open scheduled, open event) checkpoint ids of the server demo."""
    sc = f"HC-{now:%Y-%m-%d}-001"
    return sc, f"HC-{now:%Y-%m-%d}-002"
