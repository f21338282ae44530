"""Option scoring: seed 002 weights, good directions, impact score and re-ranking."""

from __future__ import annotations

import math

import pytest

from app.domain.decisions import ImpactAnalysis, MetricType, ScenarioComparison
from app.domain.enums import ChangeDirection, DecisionType
from app.rules.options import (
    METRIC_WEIGHTS,
    change_percent,
    impact_score,
    is_improvement,
    metric_value,
    normalise_weights,
    rank_options,
    ranking_differs,
)


def test_default_weights_are_the_seeds_and_sum_to_one() -> None:
    assert math.isclose(sum(METRIC_WEIGHTS.values()), 1.0)
    assert METRIC_WEIGHTS[MetricType.UTILIZATION] == 0.20
    assert METRIC_WEIGHTS[MetricType.QUALITY] == 0.05
    assert len(METRIC_WEIGHTS) == 7


def test_change_percent() -> None:
    assert change_percent(100, 90) == -10.0
    assert change_percent(-50, -25) == 50.0
    assert change_percent(0, 0) == 0.0
    assert change_percent(0, 5) is None


def test_lower_is_better_for_cost_risk_and_time() -> None:
    assert is_improvement("COST", 100, 80) is True
    assert is_improvement("RISK", 0.3, 0.5) is False
    assert is_improvement("TIME", 12, 10) is True
    assert is_improvement("REVENUE", 100, 80) is False
    assert is_improvement("MARGIN", 0.1, 0.2) is True
    assert is_improvement("COST", 100, 100) is None
    assert is_improvement("UTILIZATION", 0.92, 0.80) is None  # seed gives no direction
    assert metric_value("COST", "비용", 100, 80).change_direction is ChangeDirection.POSITIVE
    assert metric_value("REVENUE", "매출", 100, 80).change_direction is ChangeDirection.NEGATIVE


def test_impact_score_formula() -> None:
    cost_down = metric_value("COST", "비용", 100, 80)  # -20 % -> 60
    revenue_double = metric_value("REVENUE", "매출", 100, 200)  # +100 % -> 100
    assert impact_score([cost_down]) == pytest.approx(60.0)
    assert impact_score([revenue_double]) == pytest.approx(100.0)
    # weight-averaged: (0.15 * 60 + 0.20 * 100) / 0.35
    assert impact_score([cost_down, revenue_double]) == pytest.approx(29.0 / 0.35, abs=1e-3)
    assert impact_score([metric_value("UTILIZATION", "가동률", 0.9, 0.7)]) == 50.0
    assert impact_score([]) == 50.0
    worst = metric_value("COST", "비용", 100, 500)
    assert impact_score([worst]) == 0.0  # clamped


def test_normalise_weights() -> None:
    w = normalise_weights({"COST": 2, "RISK": 2})
    assert w == {"COST": 0.5, "RISK": 0.5}
    with pytest.raises(ValueError):
        normalise_weights({"COST": -0.1, "RISK": 1})
    with pytest.raises(ValueError):
        normalise_weights({"COST": 0})
    with pytest.raises(ValueError):
        normalise_weights({"HAPPINESS": 1})


def _comparison() -> ScenarioComparison:
    growth = ImpactAnalysis(
        "OPT-03",
        "정규직 채용",
        metrics=[
            metric_value("REVENUE", "매출", 100, 180),  # 90
            metric_value("RISK", "리스크", 0.2, 0.22),  # +10 % -> 45
        ],
    )
    safe = ImpactAnalysis(
        "OPT-01",
        "내부 재배치",
        metrics=[
            metric_value("REVENUE", "매출", 100, 105),  # 52.5
            metric_value("RISK", "리스크", 0.2, 0.16),  # -20 % -> 60
        ],
    )
    return ScenarioComparison(
        DecisionType.CAPACITY, analyses=[safe, growth], best_option_id="OPT-03"
    )


def test_ranking_follows_default_weights_and_changes_when_risk_weighs_more() -> None:
    comparison = _comparison()
    default = rank_options(comparison)
    assert [oid for oid, _ in default] == ["OPT-03", "OPT-01"]
    assert not ranking_differs(comparison, METRIC_WEIGHTS)
    risk_heavy = {"REVENUE": 0.1, "RISK": 0.9}
    assert [oid for oid, _ in rank_options(comparison, risk_heavy)] == ["OPT-01", "OPT-03"]
    assert ranking_differs(comparison, risk_heavy)


def test_ties_rank_by_option_id() -> None:
    a = ImpactAnalysis("B", "b", metrics=[metric_value("COST", "c", 1, 1)])
    b = ImpactAnalysis("A", "a", metrics=[metric_value("COST", "c", 1, 1)])
    comparison = ScenarioComparison(DecisionType.CAPACITY, analyses=[a, b], best_option_id="A")
    assert rank_options(comparison) == [("A", 50.0), ("B", 50.0)]
