"""Appeals (runbook "Appeals 처리"): who may appeal and until when, who may resolve, and the two
monitored figures (overturn rate, p95 resolution time). What a resolution must contain, one
appeal per decision and the effects live in app.commands.appeal_submit / appeal_resolve.

- Only a rejected case (status rejected, or closed with final_decision deny) within 30 days of
  ``case.decided_at`` (inclusive: exactly 30 x 24 h later is still on time).
- The resolver is a senior_reviewer other than the original decider.
- overturn_rate counts only ``overturn`` (번복); ``partial`` is not a reversal. Percent.
- p95 by the nearest-rank method over resolved appeals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Protocol

from app.domain.cases import Case
from app.domain.enums import AppealResolution, AppealStatus, CaseStatus, FinalDecision, Role
from app.domain.people import Appeal, User
from app.rules.errors import ALLOWED, Verdict

APPEAL_WINDOW = timedelta(days=30)
TARGET_OVERTURN_BAND = (10.0, 20.0)  # percent
RESOLUTION_P95_TARGET_HOURS = 72.0

NEW_DECISION = {
    AppealResolution.OVERTURN: "approve",
    AppealResolution.PARTIAL: "approve_conditional",
}


def is_rejected(case: Case) -> bool:
    return case.status is CaseStatus.REJECTED or (
        case.status is CaseStatus.CLOSED and case.final_decision is FinalDecision.DENY
    )


def window_closes_at(case: Case) -> datetime | None:
    return case.decided_at + APPEAL_WINDOW if case.decided_at else None


def check_submission(case: Case, now: datetime) -> Verdict:
    """May an appeal be submitted for ``case`` now?"""
    if not is_rejected(case) or case.decided_at is None:
        return Verdict(
            False,
            "invalid_transition",
            "거부된 케이스에만 이의 제기할 수 있습니다.",
            "only a rejected case can be appealed",
        )
    closes = window_closes_at(case)
    assert closes is not None
    if now > closes:
        return Verdict(
            False,
            "appeal_window_closed",
            "이의 제기 기한(결정 후 30일)이 지났습니다.",
            "the appeal window (30 days after the decision) has closed",
        )
    return ALLOWED


class Resolver(Protocol):
    id: str

    def has(self, role: Role) -> bool: ...


def check_resolver(resolver: User | Resolver, original_decider_id: str | None) -> Verdict:
    """senior_reviewer only ('forbidden'), never the original decider ('appeal_not_independent')."""
    if not resolver.has(Role.SENIOR_REVIEWER):
        return Verdict(
            False,
            "forbidden",
            "이의 제기는 선임 검토자만 처리할 수 있습니다.",
            "only a senior reviewer can resolve an appeal",
        )
    if original_decider_id is not None and resolver.id == original_decider_id:
        return Verdict(
            False,
            "appeal_not_independent",
            "원래 결정을 내린 검토자는 이의 제기를 처리할 수 없습니다.",
            "the original decider cannot resolve the appeal",
        )
    return ALLOWED


def _resolved(appeals: Iterable[Appeal]) -> list[Appeal]:
    return [a for a in appeals if a.status is AppealStatus.RESOLVED and a.resolution]


def overturn_rate(appeals: Iterable[Appeal]) -> float | None:
    """Percent of resolved appeals that were overturned; None when none is resolved."""
    done = _resolved(appeals)
    if not done:
        return None
    overturned = sum(1 for a in done if a.resolution is AppealResolution.OVERTURN)
    return overturned / len(done) * 100.0


def overturn_in_band(rate: float | None) -> bool | None:
    """Within the 10-20 % target (inclusive); None without a rate."""
    if rate is None:
        return None
    low, high = TARGET_OVERTURN_BAND
    return low <= rate <= high


def resolution_p95_hours(appeals: Iterable[Appeal]) -> float | None:
    """95th percentile (nearest rank) of submitted→resolved hours; None without data."""
    hours = sorted(
        (a.resolved_at - a.submitted_at).total_seconds() / 3600.0
        for a in _resolved(appeals)
        if a.submitted_at and a.resolved_at
    )
    if not hours:
        return None
    return hours[math.ceil(0.95 * len(hours)) - 1]
