"""Appeals: 30-day window on rejected cases, independent senior resolver, overturn rate and p95
resolution time. (What a resolution must contain moved with the deleted
``validate_resolution`` to the command: tests/unit/commands/test_appeal_commands.py.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.cases import Application, Case, Customer
from app.domain.enums import (
    AppealResolution,
    AppealStatus,
    CaseStatus,
    FinalDecision,
    Priority,
    Role,
)
from app.domain.people import Appeal, User
from app.rules.appeals import (
    APPEAL_WINDOW,
    TARGET_OVERTURN_BAND,
    check_resolver,
    check_submission,
    overturn_in_band,
    overturn_rate,
    resolution_p95_hours,
)

DECIDED = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def _case(status: CaseStatus, final: FinalDecision | None = None) -> Case:
    return Case(
        id="case-1",
        decision_id="d",
        priority=Priority.P2,
        status=status,
        queue_id="q",
        customer=Customer("c", "김민수"),
        application=Application(amount=30_000_000),
        decided_at=DECIDED,
        decided_by="reviewer1",
        final_decision=final,
    )


def test_window_is_thirty_days() -> None:
    case = _case(CaseStatus.REJECTED)
    assert timedelta(days=30) == APPEAL_WINDOW
    assert check_submission(case, DECIDED + timedelta(days=1))
    assert check_submission(case, DECIDED + timedelta(days=30))
    late = check_submission(case, DECIDED + timedelta(days=30, seconds=1))
    assert not late and late.code == "appeal_window_closed"
    day_31 = check_submission(case, DECIDED + timedelta(days=31))
    assert day_31.code == "appeal_window_closed"


def test_closed_denied_case_may_be_appealed() -> None:
    assert check_submission(_case(CaseStatus.CLOSED, FinalDecision.DENY), DECIDED)


@pytest.mark.parametrize(
    "case",
    [
        _case(CaseStatus.APPROVED),
        _case(CaseStatus.PENDING),
        _case(CaseStatus.CLOSED, FinalDecision.APPROVE),
    ],
)
def test_only_rejected_cases(case: Case) -> None:
    verdict = check_submission(case, DECIDED)
    assert not verdict and verdict.code == "invalid_transition"


def test_resolver_must_be_another_senior_reviewer() -> None:
    senior = User("senior1", "선임", roles=[Role.SENIOR_REVIEWER])
    assert check_resolver(senior, "reviewer1")
    own = check_resolver(senior, "senior1")
    assert not own and own.code == "appeal_not_independent"
    reviewer = User("reviewer2", "검토자", roles=[Role.REVIEWER])
    assert check_resolver(reviewer, "reviewer1").code == "forbidden"


def _appeal(n: int, resolution: AppealResolution | None, hours: float) -> Appeal:
    submitted = DECIDED + timedelta(days=2)
    return Appeal(
        f"ap-{n}",
        "case-1",
        "reason",
        status=AppealStatus.RESOLVED if resolution else AppealStatus.IN_REVIEW,
        submitted_at=submitted,
        resolution=resolution,
        resolved_at=submitted + timedelta(hours=hours) if resolution else None,
    )


def test_overturn_rate_counts_overturns_among_resolved() -> None:
    appeals = [_appeal(0, AppealResolution.OVERTURN, 10), _appeal(1, AppealResolution.PARTIAL, 5)]
    appeals += [_appeal(n, AppealResolution.UPHOLD, 20) for n in range(2, 10)]
    appeals.append(_appeal(99, None, 0))  # still open: not counted
    rate = overturn_rate(appeals)
    assert rate == pytest.approx(10.0)
    assert overturn_in_band(rate) and TARGET_OVERTURN_BAND == (10.0, 20.0)
    assert overturn_in_band(25.0) is False
    assert overturn_rate([_appeal(1, None, 0)]) is None


def test_p95_resolution_hours_nearest_rank() -> None:
    appeals = [_appeal(n, AppealResolution.UPHOLD, float(n + 1)) for n in range(20)]
    assert resolution_p95_hours(appeals) == 19.0  # ceil(0.95 * 20) = 19th value
    appeals.append(_appeal(99, AppealResolution.UPHOLD, 100.0))
    assert resolution_p95_hours(appeals) == 20.0  # ceil(0.95 * 21) = 20th
    assert resolution_p95_hours([]) is None
