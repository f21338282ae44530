"""Step 4, IMPACT_SIMULATION (seed 002 §2.3): As-Is (nothing done) vs To-Be (the option) for the
seed's seven metrics, a per-week series of each, the weighted 0-100 score of
app.rules.options.impact_score, and a 90 % confidence interval of that score from a Monte Carlo
over the stated uncertainties (the generator is passed in, so a seed gives the same interval):

- weekly demand × N(1, 0.08) (demand forecast error), clipped at 0;
- productivity of the added people × U(0.8, 1.05);
- extra lead time of 0 / 1 / 2 weeks with probability 0.6 / 0.3 / 0.1;
- cost × N(1, 0.1).

Metrics over the horizon H (s = supply, d = demand, a = added FTE per week):
UTILIZATION mean d/(s+a) %; COST the unit's people cost + the option's cost (백만원);
REVENUE served demand min(d, s+a) × revenue per FTE-week (백만원); MARGIN (revenue − cost) /
revenue %; RISK share of weeks with demand above capacity %; TIME delivery delay in weeks
(unserved FTE-weeks ÷ mean supply); QUALITY mean competency level × 20, the added people counted
at their productivity (점). E004 without a baseline (no supply or no revenue).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.decisions.errors import WorkflowError
from app.decisions.facts import Facts
from app.decisions.plans import Measure, added_per_week, plan_cost
from app.domain.decisions import (
    DecisionError,
    ImpactAnalysis,
    MetricType,
    OptionSet,
    ScenarioComparison,
)
from app.rules.options import impact_score, metric_value

DRAWS = 400
METRICS = (
    (MetricType.UTILIZATION, "가동률", "%"),
    (MetricType.COST, "인력 비용", "백만원"),
    (MetricType.REVENUE, "수요 충족 매출", "백만원"),
    (MetricType.MARGIN, "마진율", "%"),
    (MetricType.RISK, "병목 주 비율", "%"),
    (MetricType.TIME, "납기 지연", "주"),
    (MetricType.QUALITY, "역량 수준", "점"),
)
ASSUMPTIONS = (
    "주간 수요 예측 오차 ±8% (정규분포)를 가정",
    "추가 인력 생산성은 단가표 생산성의 80~105%로 가정",
    "투입 지연 0/1/2주 (60/30/10%)를 가정",
)


def _values(
    f: Facts, demand: Sequence[float], added: Sequence[float], cost: float
) -> tuple[dict, dict]:
    """(totals, weekly series) of every metric for one scenario."""
    weeks = len(f.weeks)
    cap = [s + a for s, a in zip(f.supply, added, strict=True)]
    util = [d / c * 100 if c else 0.0 for d, c in zip(demand, cap, strict=True)]
    served = [min(d, c) for d, c in zip(demand, cap, strict=True)]
    unserved = [max(0.0, d - c) for d, c in zip(demand, cap, strict=True)]
    weekly_cost = f.weekly_cost + cost / weeks
    rev = [x * f.revenue_per_fte_week for x in served]
    mean_supply = sum(f.supply) / weeks
    total_added = sum(added)
    quality = (f.quality * sum(f.supply) + f.quality * 0.9 * total_added) / (
        sum(f.supply) + total_added
    )
    revenue = sum(rev)
    total_cost = f.weekly_cost * weeks + cost
    totals = {
        MetricType.UTILIZATION: sum(util) / weeks,
        MetricType.COST: total_cost / 1e6,
        MetricType.REVENUE: revenue / 1e6,
        MetricType.MARGIN: (revenue - total_cost) / revenue * 100 if revenue else 0.0,
        MetricType.RISK: sum(1 for u in unserved if u > 1e-9) / weeks * 100,
        MetricType.TIME: sum(unserved) / mean_supply if mean_supply else 0.0,
        MetricType.QUALITY: quality,
    }
    series = {
        MetricType.UTILIZATION: util,
        MetricType.COST: [weekly_cost / 1e6] * weeks,
        MetricType.REVENUE: [r / 1e6 for r in rev],
        MetricType.MARGIN: [(r - weekly_cost) / r * 100 if r else 0.0 for r in rev],
        MetricType.RISK: [100.0 if u > 1e-9 else 0.0 for u in unserved],
        MetricType.TIME: [u / mean_supply if mean_supply else 0.0 for u in unserved],
        MetricType.QUALITY: [quality] * weeks,
    }
    return totals, series


def _metrics(as_is: dict, to_be: dict) -> list:
    return [
        metric_value(mt, name, round(as_is[mt], 4), round(to_be[mt], 4), unit)
        for mt, name, unit in METRICS
    ]


def score(f: Facts, plan: list[Measure], as_is: dict, demand=None, delay=0, prod=1.0, cost_x=1.0):
    demand = list(f.demand) if demand is None else demand
    added = added_per_week(f, plan, delay, prod)
    to_be, _ = _values(f, demand, added, plan_cost(f, plan) * cost_x)
    return impact_score(_metrics(as_is, to_be))


def monte_carlo(
    f: Facts, plan: list[Measure], rng: np.random.Generator, draws: int = DRAWS
) -> tuple[float, float]:
    """The 5th and 95th percentile of the option's impact score under the uncertainties."""
    weeks = len(f.weeks)
    scores = []
    for _ in range(draws):
        demand = np.clip(np.array(f.demand) * rng.normal(1.0, 0.08, weeks), 0, None).tolist()
        as_is, _ = _values(f, demand, [0.0] * weeks, 0.0)
        delay = int(rng.choice(3, p=[0.6, 0.3, 0.1]))
        prod = float(rng.uniform(0.8, 1.05))
        cost_x = max(0.0, float(rng.normal(1.0, 0.1)))
        scores.append(score(f, plan, as_is, demand, delay, prod, cost_x))
    low, high = np.percentile(scores, [5, 95])
    return round(float(low), 2), round(float(high), 2)


def simulate(
    f: Facts, option_set: OptionSet, plans: list[list[Measure]], rng: np.random.Generator
) -> ScenarioComparison:
    """As-Is vs To-Be of every option; fills each option's ``scores['impact']``."""
    weeks = len(f.weeks)
    if not sum(f.supply) or f.revenue_per_fte_week <= 0:
        raise WorkflowError(
            DecisionError.E004,
            f"{f.org_unit_name}: 베이스라인(가용 인력·프로젝트 예산)이 없어 "
            "시뮬레이션할 수 없습니다.",
            f"{f.org_unit_name}: no baseline (supply or project budgets) to simulate from",
        )
    as_is, as_is_series = _values(f, f.demand, [0.0] * weeks, 0.0)
    analyses = []
    for option, plan in zip(option_set.options, plans, strict=True):
        added = added_per_week(f, plan)
        to_be, series = _values(f, f.demand, added, plan_cost(f, plan))
        metrics = _metrics(as_is, to_be)
        overall = impact_score(metrics)
        low, high = monte_carlo(f, plan, rng)
        option.scores["impact"] = round(overall, 1)
        analyses.append(
            ImpactAnalysis(
                option_id=option.option_id,
                option_name=option.name,
                metrics=metrics,
                time_series={k.value: [round(x, 3) for x in v] for k, v in series.items()},
                overall_impact_score=overall,
                confidence_interval=(min(low, overall), max(high, overall)),
                assumptions=list(ASSUMPTIONS),
                risks=list(option.trade_offs),
                horizon_weeks=weeks,
            )
        )
    best = max(analyses, key=lambda a: (a.overall_impact_score, a.option_id == "OPT-02"))
    ranking = [a.option_id for a in sorted(analyses, key=lambda a: -a.overall_impact_score)]
    option_set.recommendation = best.option_id
    option_set.recommendation_reason = (
        f"가중 영향 점수 {best.overall_impact_score:.1f}점으로 가장 높습니다 "
        f"(90% 구간 {best.confidence_interval[0]:.1f}~{best.confidence_interval[1]:.1f})."
    )
    return ScenarioComparison(
        query_type=f.query_type,
        baseline={
            "org_unit": f.org_unit_name,
            "utilization": round(as_is[MetricType.UTILIZATION] / 100, 4),
            "headcount": f.headcount,
            "gap_fte": f.target_fte,
            "cost": round(as_is[MetricType.COST] * 1e6),
            "series": {k.value: [round(x, 3) for x in v] for k, v in as_is_series.items()},
        },
        analyses=analyses,
        comparison_summary={"ranking": ranking},
        best_option_id=best.option_id,
        best_option_reason=option_set.recommendation_reason,
    )
