"""Option scoring (seed 002, ImpactSimulator): metric weights, good directions, impact score and
ranking of the three options under user-chosen weights.

Impact score (the seed gives the 0-100 range and the weights, not the formula; ours):
each metric scores ``50 + signed_change / 2`` clamped to 0-100, where ``signed_change`` is the
change in percent made positive when the change is good (a cost falling 20 % scores 60, a revenue
doubling scores 100). A metric with no good direction (UTILIZATION, "-" in the seed) scores 50.
The overall score is the weight-averaged metric score over the metrics present.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.domain.decisions import MetricType, MetricValue, ScenarioComparison
from app.domain.enums import ChangeDirection

METRIC_WEIGHTS: dict[str, float] = {
    MetricType.UTILIZATION: 0.20,
    MetricType.COST: 0.15,
    MetricType.REVENUE: 0.20,
    MetricType.MARGIN: 0.15,
    MetricType.RISK: 0.15,
    MetricType.TIME: 0.10,
    MetricType.QUALITY: 0.05,
}

# +1: higher is better, -1: lower is better, 0: no good direction (the seed's "-")
GOOD_DIRECTION: dict[str, int] = {
    MetricType.UTILIZATION: 0,
    MetricType.COST: -1,
    MetricType.REVENUE: 1,
    MetricType.MARGIN: 1,
    MetricType.RISK: -1,
    MetricType.TIME: -1,
    MetricType.QUALITY: 1,
}

NEUTRAL_SCORE = 50.0


def change_percent(as_is: float, to_be: float) -> float | None:
    """``(to_be - as_is) / |as_is| * 100``; 0.0 when both are 0, None when only as_is is 0."""
    if as_is == 0:
        return 0.0 if to_be == 0 else None
    return (to_be - as_is) / abs(as_is) * 100.0


def is_improvement(metric: str, as_is: float, to_be: float) -> bool | None:
    """True when the change goes the metric's good way, False when it goes the other way;
    None when nothing changed or the metric has no good direction (UTILIZATION)."""
    sign = GOOD_DIRECTION[MetricType(metric)]
    if sign == 0 or to_be == as_is:
        return None
    return (to_be - as_is) * sign > 0


def change_direction(metric: str, as_is: float, to_be: float) -> ChangeDirection:
    better = is_improvement(metric, as_is, to_be)
    if better is None:
        return ChangeDirection.NEUTRAL
    return ChangeDirection.POSITIVE if better else ChangeDirection.NEGATIVE


def metric_value(metric: str, name: str, as_is: float, to_be: float, unit: str = "") -> MetricValue:
    """A MetricValue with change_percent and change_direction filled in."""
    pct = change_percent(as_is, to_be)
    if pct is None:
        pct = 100.0 if to_be > 0 else -100.0
    return MetricValue(
        MetricType(metric),
        name,
        float(as_is),
        float(to_be),
        unit,
        round(pct, 4),
        change_direction(metric, as_is, to_be),
    )


def metric_score(metric: MetricValue) -> float:
    """One metric's 0-100 score (see the module docstring)."""
    sign = GOOD_DIRECTION[MetricType(metric.metric_type)]
    if sign == 0:
        return NEUTRAL_SCORE
    pct = change_percent(metric.as_is_value, metric.to_be_value)
    if pct is None:
        pct = 100.0 if metric.to_be_value > metric.as_is_value else -100.0
    return max(0.0, min(100.0, NEUTRAL_SCORE + sign * pct / 2.0))


def normalise_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Scale to sum 1. Unknown metrics, negative weights and an all-zero set raise ValueError."""
    out: dict[str, float] = {}
    for key, value in weights.items():
        try:
            metric = MetricType(key)
        except ValueError:
            raise ValueError(f"unknown metric {key!r}") from None
        if value < 0:
            raise ValueError(f"weight of {key} is negative")
        out[metric.value] = float(value)
    total = sum(out.values())
    if total <= 0:
        raise ValueError("weights must not all be zero")
    return {k: v / total for k, v in out.items()}


def impact_score(
    metrics: Sequence[MetricValue], weights: Mapping[str, float] | None = None
) -> float:
    """Weighted 0-100 impact over the metrics present (METRIC_WEIGHTS by default); 50 if none
    of them carries weight."""
    w = normalise_weights(weights if weights is not None else METRIC_WEIGHTS)
    num = den = 0.0
    for m in metrics:
        weight = w.get(MetricType(m.metric_type).value, 0.0)
        num += weight * metric_score(m)
        den += weight
    if den == 0:
        return NEUTRAL_SCORE
    return round(num / den, 4)


def rank_options(
    comparison: ScenarioComparison, weights: Mapping[str, float] | None = None
) -> list[tuple[str, float]]:
    """(option_id, score) best first, ties by option id. Without weights the seed's defaults."""
    scored = [(a.option_id, impact_score(a.metrics, weights)) for a in comparison.analyses]
    return sorted(scored, key=lambda item: (-item[1], item[0]))


def rank_of(ranking: Sequence[tuple[str, float]], option_id: str) -> int | None:
    """1-based place of ``option_id`` in a ``rank_options`` result (None if absent)."""
    for place, (oid, _score) in enumerate(ranking, start=1):
        if oid == option_id:
            return place
    return None


def ranking_differs(comparison: ScenarioComparison, weights: Mapping[str, float]) -> bool:
    """True when these weights put another option first than the one recommended."""
    ranking = rank_options(comparison, weights)
    return bool(ranking) and ranking[0][0] != comparison.best_option_id
