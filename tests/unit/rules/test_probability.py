"""Success probability: seed 002 factor weights and our documented confidence thresholds."""

from __future__ import annotations

import math

import pytest

from app.domain.enums import Level3
from app.rules.probability import FACTOR_WEIGHTS, success_probability

ALL_GOOD = {
    "resource_fit": 1.0,
    "competency_match": 1.0,
    "historical_success": 1.0,
    "timeline_feasibility": 1.0,
    "risk_level": 1.0,
}


def test_weights_are_the_seeds() -> None:
    assert FACTOR_WEIGHTS == {
        "resource_fit": 0.30,
        "competency_match": 0.25,
        "historical_success": 0.20,
        "timeline_feasibility": 0.15,
        "risk_level": 0.10,
    }
    assert math.isclose(sum(FACTOR_WEIGHTS.values()), 1.0)


def test_weighted_sum() -> None:
    factors = {
        "resource_fit": 0.8,
        "competency_match": 0.6,
        "historical_success": 0.5,
        "timeline_feasibility": 0.9,
        "risk_level": 0.4,
    }
    result = success_probability(factors)
    expected = 0.3 * 0.8 + 0.25 * 0.6 + 0.2 * 0.5 + 0.15 * 0.9 + 0.1 * 0.4
    assert result.overall_probability == pytest.approx(expected)
    assert result.confidence_level is Level3.HIGH
    assert sum(r.contribution for r in result.factor_results) == pytest.approx(expected)
    # risk_level 0.4 is a risk factor (MEDIUM), with a recommendation
    assert [(r.name, r.severity) for r in result.risk_factors] == [("리스크 수준", Level3.MEDIUM)]
    assert len(result.recommendations) == 1


def test_perfect_scores_give_one_and_no_risks() -> None:
    result = success_probability(ALL_GOOD)
    assert result.overall_probability == pytest.approx(1.0)
    assert result.risk_factors == []


def test_missing_factors_lower_confidence_and_rescale() -> None:
    partial = {k: ALL_GOOD[k] for k in ("resource_fit", "competency_match", "historical_success")}
    result = success_probability(partial | {"resource_fit": 0.5})  # 75 % of the weight
    assert result.confidence_level is Level3.MEDIUM
    assert result.overall_probability == pytest.approx((0.3 * 0.5 + 0.25 + 0.2) / 0.75)
    low = success_probability({"resource_fit": 0.2})
    assert low.confidence_level is Level3.LOW
    assert low.risk_factors[0].severity is Level3.HIGH
    assert low.risk_factors[0].impact == pytest.approx(0.8)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        success_probability({"resource_fit": 1.5})
    with pytest.raises(ValueError):
        success_probability({"luck": 0.5})
    with pytest.raises(ValueError):
        success_probability({})
