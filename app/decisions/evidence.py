"""Step 6, VALIDATION (seed 002 §2.5): the workflow's narrative as claims, each linked to the
graph rows it rests on, classified by app.rules.validation (VERIFIED ≥ 2 rows, PARTIAL 1,
UNVERIFIED 0, ASSUMPTION when it says so). An evidence id counts only when the row exists in
the graph that was queried. Below MIN_LINK_RATE evidence link rate the run fails with E005."""

from __future__ import annotations

from app.decisions.errors import WorkflowError
from app.decisions.facts import Facts
from app.decisions.graph import HRGraph
from app.decisions.impact import ASSUMPTIONS
from app.decisions.plans import Measure
from app.domain.decisions import (
    Claim,
    DecisionError,
    OptionSet,
    ProbabilityResult,
    ScenarioComparison,
    ValidationResult,
)
from app.domain.enums import ClaimStatus
from app.rules.validation import classify_claim, looks_like_assumption, summarise

MIN_LINK_RATE = 0.6


def won(amount: int) -> str:
    """KRW with 억/만 grouping (GLOSSARY: 1억 2,000만원)."""
    eok, rest = divmod(int(amount), 100_000_000)
    man = rest // 10_000
    if eok and man:
        return f"{eok}억 {man:,}만원"
    if eok:
        return f"{eok}억원"
    return f"{man:,}만원" if man else f"{int(amount):,}원"


def narrative(
    f: Facts,
    option_set: OptionSet,
    plans: list[list[Measure]],
    comparison: ScenarioComparison,
    probability: ProbabilityResult,
) -> list[tuple[str, list[str]]]:
    """The statements of the analysis with the evidence ids each rests on."""
    weeks = len(f.weeks)
    ev = f.evidence
    mean_s = sum(f.supply) / weeks
    mean_d = sum(f.demand) / weeks
    peak = max(d / s * 100 if s else 0.0 for s, d in zip(f.supply, f.demand, strict=True))
    out: list[tuple[str, list[str]]] = [
        (f"{f.org_unit_name}의 향후 {weeks}주간 가용 인력은 주당 평균 {mean_s:.1f} FTE입니다.",
         list(ev.get("supply", ()))),
        (f"같은 기간 수요는 주당 평균 {mean_d:.1f} FTE이며 최대 가동률은 {peak:.0f}%입니다.",
         list(ev.get("demand", ()))),
    ]  # fmt: skip
    bottleneck = f.bottleneck_weeks
    if bottleneck:
        out.append(
            (f"수요가 공급을 넘는 병목 구간은 {bottleneck[0]}부터 {len(bottleneck)}주이며 "
             f"최대 부족분은 {f.peak_gap:.1f} FTE입니다.",
             list(ev.get("bottleneck", ())) + list(ev.get("supply", ()))[:1])
        )  # fmt: skip
    if f.donors:
        names = ", ".join(f"{n} {x:.1f}" for n, x in f.donors[:3])
        out.append((f"다른 조직의 유휴 인력은 주당 {f.spare_fte:.1f} FTE입니다({names}).",
                    list(ev.get("spare", ()))))  # fmt: skip
    best = option_set.option(option_set.recommendation) or option_set.options[0]
    plan = plans[option_set.options.index(best)]
    rate_ids = [f"cost_rates:{f.rates[m.kind].rate_id}" for m in plan]
    out.append(
        (f"추천안 '{best.name}'의 예상 비용은 {won(best.estimated_cost)}, 예상 효과는 "
         f"{won(best.estimated_benefit)}입니다.",
         rate_ids + list(ev.get("revenue", ()))[:2])
    )  # fmt: skip
    if f.competency_match is not None:
        out.append((f"필요 역량 충족률은 {f.competency_match * 100:.0f}%입니다.",
                    list(ev.get("competency", ()))))  # fmt: skip
    if f.history_success is not None:
        out.append(
            (f"과거 유사 프로젝트 {f.history_count}건의 성공 점수는 "
             f"{f.history_success * 100:.0f}%입니다.", list(ev.get("history", ())))
        )  # fmt: skip
    out.append(
        (f"추천안의 성공 확률은 {probability.overall_probability * 100:.0f}%로 계산됩니다.",
         list(ev.get("headcount", ()))[:1] + rate_ids[:1])
    )  # fmt: skip
    for text in ASSUMPTIONS:
        out.append((text + "합니다.", []))
    return out


def validate(
    graph: HRGraph,
    f: Facts,
    option_set: OptionSet,
    plans: list[list[Measure]],
    comparison: ScenarioComparison,
    probability: ProbabilityResult,
) -> tuple[ValidationResult, str]:
    """(the validation of the narrative, the narrative text). E005 below MIN_LINK_RATE."""
    known = graph.row_ids()
    claims, text = [], ""
    for n, (sentence, evidence) in enumerate(
        narrative(f, option_set, plans, comparison, probability), start=1
    ):
        begin = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        status = (
            ClaimStatus.ASSUMPTION if looks_like_assumption(sentence) else ClaimStatus.UNVERIFIED
        )
        rows = [e for e in dict.fromkeys(evidence) if e in known]
        claims.append(
            classify_claim(
                Claim(sentence, status, rows, f"CL-{n:03d}", begin, begin + len(sentence))
            )
        )
    result = summarise(claims)
    if result.evidence_link_rate < MIN_LINK_RATE:
        raise WorkflowError(
            DecisionError.E005,
            f"근거 연결률 {result.evidence_link_rate * 100:.0f}%가 "
            f"기준 {MIN_LINK_RATE * 100:.0f}%보다 낮습니다.",
            f"evidence link rate {result.evidence_link_rate:.0%} is below {MIN_LINK_RATE:.0%}",
        )
    return result, text
