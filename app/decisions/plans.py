"""Step 3, OPTION_GENERATION (seed 002 §2.2): three options CONSERVATIVE / BALANCED / AGGRESSIVE
built from the facts, each a cumulative set of measures (the next option keeps the previous
option's measures and adds one), so cost, added capacity and risk never fall from one to the
next:

- CAPACITY / HEADCOUNT / GO_NOGO: reassign spare FTE of other units (INTERNAL rate) → + contract
  the rest of the target (CONTRACTOR) → + hire the target as permanent staff (HIRE);
- COMPETENCY_GAP: train internal people (TRAINING) → + reassign skilled people of other units
  (INTERNAL) → + hire experienced people (HIRE).

A measure of ``fte`` with rate r over H weeks costs ``fte × r.weekly_cost × (H − r.lead_weeks)
+ ceil(fte) × r.one_off_cost`` and adds ``fte × r.productivity`` per week from week
``lead_weeks + 1``. Benefit = the revenue of the demand it covers (revenue per FTE-week from the
unit's project budgets). E003 when there is nothing to close (target 0) or no cost rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.decisions.errors import WorkflowError
from app.decisions.facts import Facts
from app.domain.decisions import DecisionError, DecisionOption, OptionSet
from app.domain.enums import DecisionType, Level3, OptionType


@dataclass(frozen=True, slots=True)
class Measure:
    kind: str  # INTERNAL, CONTRACTOR, HIRE, TRAINING
    fte: float


def e003(en: str, ko: str) -> WorkflowError:
    return WorkflowError(DecisionError.E003, ko, en)


def measures(facts: Facts) -> list[list[Measure]]:
    """The three options' measures, cumulative."""
    target = facts.target_fte
    if target <= 0:
        raise e003(
            f"{facts.org_unit_name}: nothing to close (no gap in the horizon)",
            f"{facts.org_unit_name}: 기간 내 부족분이 없어 대안을 만들 수 없습니다.",
        )
    reassign = round(min(target, facts.spare_fte * 0.5), 1)
    if facts.query_type is DecisionType.COMPETENCY_GAP:
        first = [Measure("TRAINING", float(math.ceil(target)))]
        second = [*first, Measure("INTERNAL", max(0.5, reassign))]
    else:
        first = [Measure("INTERNAL", reassign)] if reassign > 0 else []
        rest = round(max(0.5, target - reassign), 1)
        second = [*first, Measure("CONTRACTOR", rest)]
    third = [*second, Measure("HIRE", float(math.ceil(target)))]
    if not first:  # no spare capacity anywhere: the conservative option contracts half
        first = [Measure("CONTRACTOR", round(max(0.5, target / 2), 1))]
    plans = [first, second, third]
    missing = sorted({m.kind for p in plans for m in p} - set(facts.rates))
    if missing:
        raise e003(
            f"no cost rate for {', '.join(missing)}",
            f"비용 단가가 없습니다: {', '.join(missing)}",
        )
    return plans


def added_per_week(facts: Facts, plan: list[Measure], delay: int = 0, productivity: float = 1.0):
    """FTE the plan adds in each week of the horizon."""
    out = []
    for i in range(len(facts.weeks)):
        total = 0.0
        for m in plan:
            rate = facts.rates[m.kind]
            if i >= rate.lead_weeks + delay:
                total += m.fte * rate.productivity * productivity
        out.append(total)
    return out


def plan_cost(facts: Facts, plan: list[Measure]) -> int:
    weeks = len(facts.weeks)
    cost = 0.0
    for m in plan:
        rate = facts.rates[m.kind]
        cost += m.fte * rate.weekly_cost * max(0, weeks - rate.lead_weeks)
        cost += math.ceil(m.fte) * rate.one_off_cost
    return round(cost)


def covered_fte_weeks(facts: Facts, added: list[float]) -> float:
    """FTE-weeks of demand above supply that the added capacity covers."""
    return sum(
        min(a, max(0.0, d - s)) for a, s, d in zip(added, facts.supply, facts.demand, strict=True)
    )


NAMES = {
    "INTERNAL": ("타 조직 유휴 인력 {fte} FTE 재배치", "reassign {fte} FTE from other units"),
    "CONTRACTOR": ("외주 인력 {fte} FTE 계약", "contract {fte} FTE"),
    "HIRE": ("정규직 {n}명 채용", "hire {n} permanent staff"),
    "TRAINING": ("내부 인력 {n}명 역량 교육", "train {n} employees"),
}
TITLES = {
    DecisionType.CAPACITY: ("내부 재배치", "외주 활용", "정규직 채용"),
    DecisionType.HEADCOUNT: ("증원 없이 재배치", "계약직 증원", "정규직 증원"),
    DecisionType.GO_NOGO: (
        "보수적 수주(재배치 범위)",
        "조건부 수주(외주 병행)",
        "전면 수주(채용 포함)",
    ),
    DecisionType.COMPETENCY_GAP: ("내부 교육", "교육과 재배치", "경력 채용"),
}
RISKS = (Level3.LOW, Level3.MEDIUM, Level3.HIGH)
TRADE_OFFS = {
    "INTERNAL": "지원 조직의 일정 여유 감소",
    "CONTRACTOR": "외주 인력 품질 관리 필요, 단가가 높음",
    "HIRE": "채용 리드타임 동안 효과 없음, 고정비 증가",
    "TRAINING": "교육 기간 동안 생산성 저하",
}
PREREQUISITES = {
    "INTERNAL": "지원 조직장 합의",
    "CONTRACTOR": "외주 예산 승인",
    "HIRE": "채용 TO 승인",
    "TRAINING": "교육 과정 확보",
}


def _action(m: Measure, facts: Facts) -> str:
    text = NAMES[m.kind][0].format(fte=f"{m.fte:g}", n=math.ceil(m.fte))
    if m.kind == "INTERNAL" and facts.donors:
        text += f" ({', '.join(n for n, _ in facts.donors[:2])})"
    return text


def generate_options(facts: Facts) -> OptionSet:
    """The three options with cost, benefit, risk, time, actions, prerequisites, trade-offs and
    scores computed from the facts (``scores['impact']`` is filled by the impact step)."""
    plans = measures(facts)
    weeks = len(facts.weeks)
    options = []
    costs = [plan_cost(facts, p) for p in plans]
    for n, (plan, otype) in enumerate(zip(plans, OptionType, strict=True)):
        added = added_per_week(facts, plan)
        covered = covered_fte_weeks(facts, added)
        benefit = round(covered * facts.revenue_per_fte_week)
        lead = max(facts.rates[m.kind].lead_weeks for m in plan)
        title = TITLES[facts.query_type][n]
        options.append(
            DecisionOption(
                option_id=f"OPT-{n + 1:02d}",
                option_type=otype,
                name=title,
                description=f"{facts.org_unit_name}: " + ", ".join(_action(m, facts) for m in plan),
                actions=[_action(m, facts) for m in plan],
                estimated_cost=costs[n],
                estimated_benefit=benefit,
                risk_level=RISKS[n],
                implementation_time=f"{lead}주",
                prerequisites=list(dict.fromkeys(PREREQUISITES[m.kind] for m in plan)),
                trade_offs=list(dict.fromkeys(TRADE_OFFS[m.kind] for m in plan)),
                scores={
                    "impact": 0.0,
                    "feasibility": round(max(0.0, 100 - 100 * lead / max(weeks, 1)), 1),
                    "risk": [20.0, 45.0, 70.0][n],
                    "cost": round(100 * (1 - costs[n] / max(costs[-1], 1)), 1),
                    "time": round(max(0.0, 100 - 100 * lead / max(weeks, 1)), 1),
                },
            )
        )
    return OptionSet(
        query_type=facts.query_type,
        context={
            "org_unit": facts.org_unit_name,
            "gap_fte": facts.target_fte,
            "bottleneck_weeks": list(facts.bottleneck_weeks),
            "added_fte": [round(sum(m.fte for m in p), 1) for p in plans],
        },
        options=options,
    )
