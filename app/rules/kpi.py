"""The KPI data store generated content is checked against (seed 003 "출력과 KPI 데이터스토어를
비교하는 사실 검증기"): figures computed from the server's own data — SLA compliance, volumes,
appeal overturn rate, QA bands, call metrics — per period. Pure: the caller passes the records
and the time.

A figure is named ``<metric>@<period>``; a period is ``daily:YYYY-MM-DD``,
``weekly:YYYY-MM-DD`` (its Monday) or ``monthly:YYYY-MM`` — KST periods of app.rules.reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.enums import AppealResolution, QABand
from app.domain.people import Appeal, QAReview
from app.rules import ops_metrics, reports
from app.rules import qa as qa_rules
from app.rules.zone import KST

METRICS = (
    "cases_created",  # 건: cases created in the period
    "sla_compliance_pct",  # %: of the period's cases whose clock is judged (app.rules.reports)
    "sla_breached",  # 건
    "appeals_resolved",  # 건
    "overturn_rate_pct",  # %: overturned of resolved appeals
    "qa_reviews",  # 건: scored QA reviews
    "qa_excellent",  # 건: per QA band
    "qa_good",
    "qa_needs_improvement",
    "qa_poor",
    "calls_total",  # 건: calls started in the period
    "calls_answered",  # 건: calls connected to an agent
    "avg_handle_min",  # 분: connected → ended, ended calls
)
UNITS = {
    "cases_created": "건", "sla_compliance_pct": "%", "sla_breached": "건",
    "appeals_resolved": "건", "overturn_rate_pct": "%", "qa_reviews": "건", "qa_excellent": "건",
    "qa_good": "건", "qa_needs_improvement": "건", "qa_poor": "건", "calls_total": "건",
    "calls_answered": "건", "avg_handle_min": "분",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class CallTimes:
    started_at: datetime | None
    connected_at: datetime | None
    ended_at: datetime | None


@dataclass(slots=True)
class KpiInputs:
    sla_items: Sequence[reports.SlaItem] = ()
    case_created: Sequence[datetime] = ()
    appeals: Sequence[Appeal] = ()
    qa_reviews: Sequence[QAReview] = ()
    calls: Sequence[CallTimes] = field(default_factory=list)


def period_key(kind: str, start: datetime) -> str:
    local = start.astimezone(KST).date()
    return f"monthly:{local:%Y-%m}" if kind == "monthly" else f"{kind}:{local.isoformat()}"


def period_bounds(key: str) -> tuple[datetime, datetime]:
    """``[start, end)`` in UTC of a period key; ValueError when it is not one."""
    kind, _, day = key.partition(":")
    if kind not in reports.KINDS:
        raise ValueError(f"unknown period kind {kind!r}")
    first = date.fromisoformat(day + "-01" if kind == "monthly" else day)
    start = reports.day_bounds(first, first)[0]
    if reports.period_start(kind, start) != start:
        raise ValueError(f"{key} does not start a {kind} period")
    return start, reports.period_end(kind, start)


def split(name: str) -> tuple[str, str]:
    """``metric@period`` → (metric, period); ValueError for an unknown metric."""
    metric, _, period = name.partition("@")
    if metric not in METRICS or not period:
        raise ValueError(f"unknown figure {name!r}")
    return metric, period


def compute(data: KpiInputs, start: datetime, end: datetime, now: datetime) -> dict[str, float]:
    """Every metric of ``[start, end)`` judged at ``now``; a rate without data is left out."""
    inside = [i for i in data.sla_items if start <= i.created_at < end]
    outcomes = [ops_metrics.sla_outcome(i.sla, now) for i in inside]
    met, late = outcomes.count("met"), outcomes.count("breached")
    out: dict[str, float] = {
        "cases_created": sum(1 for t in data.case_created if start <= t < end),
        "sla_breached": late,
    }
    if (pct := ops_metrics.compliance(met, late)) is not None:
        out["sla_compliance_pct"] = pct
    resolved = [a for a in data.appeals if a.resolved_at and start <= a.resolved_at < end]
    out["appeals_resolved"] = len(resolved)
    if resolved:
        overturned = sum(1 for a in resolved if a.resolution is AppealResolution.OVERTURN)
        out["overturn_rate_pct"] = round(100.0 * overturned / len(resolved), 1)
    scored = [r for r in data.qa_reviews
              if r.total is not None and r.created_at and start <= r.created_at < end]  # fmt: skip
    out["qa_reviews"] = len(scored)
    for band in QABand:
        out[f"qa_{band.value}"] = sum(1 for r in scored if (r.band or _band(r)) is band)
    calls = [c for c in data.calls if c.started_at and start <= c.started_at < end]
    out["calls_total"] = len(calls)
    out["calls_answered"] = sum(1 for c in calls if c.connected_at)
    handled = [(c.ended_at - c.connected_at).total_seconds() / 60.0
               for c in calls if c.connected_at and c.ended_at]  # fmt: skip
    if handled:
        out["avg_handle_min"] = round(sum(handled) / len(handled), 1)
    return out


def _band(review: QAReview) -> QABand:
    return qa_rules.band(review.total or 0.0)


def lookup(data: KpiInputs, names: Sequence[str], now: datetime) -> dict[str, float | None]:
    """The stored value of each ``metric@period`` (None when the store has no such figure)."""
    cache: dict[str, dict[str, float]] = {}
    out: dict[str, float | None] = {}
    for name in names:
        try:
            metric, period = split(name)
            if period not in cache:
                cache[period] = compute(data, *period_bounds(period), now)
        except ValueError:
            out[name] = None
            continue
        out[name] = cache[period].get(metric)
    return out
