"""Appeals (runbook "Appeals 처리"): who may appeal and until when, who may resolve, what a
resolution must contain, and the two monitored figures (overturn rate, p95 resolution time).

- Only a rejected case (status rejected, or closed with final_decision deny) within 30 days of
  ``case.decided_at`` (inclusive: exactly 30 x 24 h later is still on time).
- The resolver is a senior_reviewer other than the original decider.
- overturn_rate counts only ``overturn`` (번복); ``partial`` is not a reversal. Percent.
- p95 by the nearest-rank method over resolved appeals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from app.domain.cases import Case
from app.domain.enums import AppealResolution, AppealStatus, CaseStatus, FinalDecision, Role
from app.domain.people import Appeal, User
from app.rules.errors import ALLOWED, FieldError, Verdict

APPEAL_WINDOW = timedelta(days=30)
TARGET_OVERTURN_BAND = (10.0, 20.0)  # percent
RESOLUTION_P95_TARGET_HOURS = 72.0
MAX_RATE = 30.0  # percent, as for approve (shared/API.md: 0 < rate < 30)

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


def check_resolver(resolver: User, original_decider_id: str | None) -> Verdict:
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


def _required(ko: str, en: str) -> FieldError:
    return FieldError("required", ko, en)


def _str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def validate_resolution(payload: Mapping) -> dict[str, FieldError]:
    """Field errors of ``POST /appeals/{id}/resolve``; empty when valid.

    uphold: message, reason_codes >= 1. overturn: message, new_decision=approve, limit > 0,
    0 < rate < 30. partial: message, new_decision=approve_conditional, limit > 0,
    conditions >= 1 (rate optional, checked when given).
    """
    errors: dict[str, FieldError] = {}
    try:
        resolution = AppealResolution(payload.get("resolution"))
    except ValueError:
        errors["resolution"] = FieldError(
            "invalid_choice",
            "결과는 uphold, overturn, partial 중 하나여야 합니다.",
            "resolution must be uphold, overturn or partial",
        )
        return errors
    message = payload.get("message")
    if not isinstance(message, str) or not message.strip():
        errors["message"] = _required("고객 안내 메시지를 입력하세요.", "a message is required")
    if resolution is AppealResolution.UPHOLD:
        codes = payload.get("reason_codes")
        if not _str_list(codes) or not codes:
            errors["reason_codes"] = _required(
                "유지 사유 코드를 하나 이상 입력하세요.", "at least one reason code is required"
            )
        return errors
    expected = NEW_DECISION[resolution]
    if payload.get("new_decision") != expected:
        errors["new_decision"] = FieldError(
            "invalid_choice",
            f"새 결정은 '{expected}'이어야 합니다.",
            f"new_decision must be '{expected}'",
        )
    limit = payload.get("limit")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0:
        errors["limit"] = FieldError(
            "invalid",
            "한도는 0보다 큰 정수(원)여야 합니다.",
            "limit must be a positive KRW integer",
        )
    rate = payload.get("rate")
    bad_rate = (
        isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 < rate < MAX_RATE
    )
    if (rate is not None or resolution is AppealResolution.OVERTURN) and bad_rate:
        errors["rate"] = FieldError(
            "invalid",
            "금리는 0보다 크고 30 미만(%)이어야 합니다.",
            "rate must be 0 < rate < 30",
        )
    conditions = payload.get("conditions", [])
    if conditions is not None and not isinstance(conditions, list):
        errors["conditions"] = FieldError("invalid", "조건은 목록입니다.", "conditions is a list")
    elif resolution is AppealResolution.PARTIAL and not (_str_list(conditions) and conditions):
        errors["conditions"] = _required(
            "조건을 하나 이상 입력하세요.", "at least one condition is required"
        )
    return errors


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
