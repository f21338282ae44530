"""Success probability (seed 002, SuccessProbability agent).

Each factor is a score in 0-1 where 1 is favourable (so ``risk_level`` 1.0 means low risk). The
overall probability is the seed's weighted sum. The seed names no thresholds for
``confidence_level``; ours measure how much of the weight was actually scored:
HIGH when all five factors are present, MEDIUM when at least 0.70 of the weight is, else LOW.
Missing factors are left out and the remaining weights rescaled.
A factor scoring below 0.5 becomes a RiskFactor (HIGH below 0.3, MEDIUM below 0.5).
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.decisions import FactorResult, ProbabilityResult, RiskFactor
from app.domain.enums import Level3

FACTOR_WEIGHTS: dict[str, float] = {
    "resource_fit": 0.30,
    "competency_match": 0.25,
    "historical_success": 0.20,
    "timeline_feasibility": 0.15,
    "risk_level": 0.10,
}

FACTOR_NAMES_KO = {
    "resource_fit": "리소스 적합도",
    "competency_match": "역량 매칭률",
    "historical_success": "과거 성공률",
    "timeline_feasibility": "일정 실현 가능성",
    "risk_level": "리스크 수준",
}

MITIGATIONS_KO = {
    "resource_fit": "가용 인력 재배치 또는 외부 인력 확보",
    "competency_match": "부족 역량 교육 또는 보유 인력 투입",
    "historical_success": "유사 프로젝트 경험자 참여 및 교훈 반영",
    "timeline_feasibility": "일정 재협상 또는 범위 축소",
    "risk_level": "주요 리스크 완화 계획 수립",
}

MEDIUM_COVERAGE = 0.70
RISK_BELOW = 0.5
HIGH_RISK_BELOW = 0.3


def _coverage(present: Mapping[str, float]) -> float:
    return sum(FACTOR_WEIGHTS[k] for k in present)


def confidence_level(factors: Mapping[str, float]) -> Level3:
    """HIGH with all factors, MEDIUM with >= 70 % of the weight scored, else LOW."""
    present = {k: v for k, v in factors.items() if k in FACTOR_WEIGHTS and v is not None}
    if len(present) == len(FACTOR_WEIGHTS):
        return Level3.HIGH
    return Level3.MEDIUM if _coverage(present) >= MEDIUM_COVERAGE - 1e-9 else Level3.LOW


def success_probability(factors: Mapping[str, float]) -> ProbabilityResult:
    """Weighted success probability 0-1 with factor breakdown, risks and recommendations.

    Unknown factor names and scores outside 0-1 raise ValueError; no known factor at all too.
    """
    present: dict[str, float] = {}
    for name, score in factors.items():
        if name not in FACTOR_WEIGHTS:
            raise ValueError(f"unknown factor {name!r}")
        if score is None:
            continue
        if not 0.0 <= score <= 1.0:
            raise ValueError(f"{name} must be within 0-1, got {score}")
        present[name] = float(score)
    if not present:
        raise ValueError("no factor scored")
    coverage = _coverage(present)
    results = []
    for name in FACTOR_WEIGHTS:
        if name in present:
            weight = FACTOR_WEIGHTS[name] / coverage
            results.append(FactorResult(name, present[name], weight, present[name] * weight))
    overall = round(sum(r.contribution for r in results), 6)
    risks: list[RiskFactor] = []
    recommendations: list[str] = []
    for n, r in enumerate(sorted(results, key=lambda r: r.score), start=1):
        if r.score >= RISK_BELOW:
            continue
        severity = Level3.HIGH if r.score < HIGH_RISK_BELOW else Level3.MEDIUM
        risks.append(
            RiskFactor(
                f"RF-{n:03d}",
                FACTOR_NAMES_KO[r.name],
                severity,
                round(1.0 - r.score, 6),
                MITIGATIONS_KO[r.name],
            )
        )
        recommendations.append(f"{FACTOR_NAMES_KO[r.name]} 개선: {MITIGATIONS_KO[r.name]}")
    return ProbabilityResult(
        overall_probability=overall,
        confidence_level=confidence_level(present),
        factors=dict(present),
        risk_factors=risks,
        recommendations=recommendations,
        factor_results=results,
    )
