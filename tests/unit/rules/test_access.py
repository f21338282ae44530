"""RBAC matrix and decision authority."""

from __future__ import annotations

import pytest

from app.domain.enums import Action, Role
from app.rules.access import (
    AUTHORITY_LIMITS,
    PERMISSIONS,
    authority_limit,
    can,
    can_act,
    can_decide,
)

A = Action
R = Role


def test_auditor_is_read_only_everywhere() -> None:
    assert PERMISSIONS[R.AUDITOR] == {A.VIEW, A.VIEW_AUDIT}
    verdict = can([R.AUDITOR], A.APPROVE)
    assert not verdict
    assert verdict.code == "forbidden"
    assert "승인" in verdict.ko and "Approve" in verdict.en
    assert "reviewer" in verdict.en  # says who may


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        (R.AGENT, A.AFTER_CALL_WORK, True),
        (R.AGENT, A.COMMENT, True),
        (R.AGENT, A.APPROVE, False),
        (R.REVIEWER, A.APPROVE, True),
        (R.REVIEWER, A.DOCS_RECEIVED, True),
        (R.REVIEWER, A.RESOLVE_APPEAL, False),
        (R.REVIEWER, A.UNMASK, True),  # API.md: reviewers may unmask (audited)
        (R.REVIEWER, A.ASSIGN, False),
        (R.SENIOR_REVIEWER, A.RESOLVE_APPEAL, True),
        (R.SENIOR_REVIEWER, A.APPROVAL_RESPONSE, True),
        (R.SENIOR_REVIEWER, A.DENY, True),
        (R.QA, A.QA_REVIEW, True),
        (R.QA, A.APPROVE, False),
        (R.OPS_ADMIN, A.REASSIGN, True),
        (R.OPS_ADMIN, A.VIEW_AUDIT, True),
        (R.OPS_ADMIN, A.APPROVE, True),
        (R.OPS_ADMIN, A.QA_REVIEW, False),
        (R.SUPERVISOR, A.VIEW_OPS, True),
        (R.SUPERVISOR, A.UNMASK, False),
        (R.SUPERVISOR, A.COMMENT, False),
        (R.AUDITOR, A.VIEW_AUDIT, True),
        (R.AUDITOR, A.VIEW_OPS, False),
    ],
)
def test_matrix(role: Role, action: Action, allowed: bool) -> None:
    assert bool(can([role], action)) is allowed


def test_senior_holds_every_reviewer_permission() -> None:
    assert PERMISSIONS[R.REVIEWER] < PERMISSIONS[R.SENIOR_REVIEWER]
    assert PERMISSIONS[R.REVIEWER] < PERMISSIONS[R.OPS_ADMIN]


def test_any_held_role_suffices_and_unknown_roles_grant_nothing() -> None:
    assert can([R.QA, R.REVIEWER], A.APPROVE)
    assert not can([], A.VIEW)
    assert not can(["janitor"], A.VIEW)  # type: ignore[list-item]
    assert can(["reviewer"], A.APPROVE)  # type: ignore[list-item]


def test_reviewer_cannot_decide_500m_senior_can() -> None:
    verdict = can_decide([R.REVIEWER], 500_000_000)
    assert not verdict and verdict.code == "forbidden"
    assert "1억원" in verdict.ko and "5억원" in verdict.ko
    assert "₩100,000,000" in verdict.en and "₩500,000,000" in verdict.en
    assert can_decide([R.SENIOR_REVIEWER], 500_000_000)
    assert can_decide([R.OPS_ADMIN], 50_000_000_000)


def test_limits_are_exclusive() -> None:
    assert can_decide([R.REVIEWER], 99_999_999)
    assert not can_decide([R.REVIEWER], 100_000_000)
    assert can_decide([R.SENIOR_REVIEWER], 999_999_999)
    assert not can_decide([R.SENIOR_REVIEWER], 1_000_000_000)
    assert "10억원" in can_decide([R.SENIOR_REVIEWER], 1_000_000_000).ko
    assert AUTHORITY_LIMITS[R.OPS_ADMIN] is None


def test_highest_authority_among_roles() -> None:
    assert authority_limit([R.REVIEWER, R.SENIOR_REVIEWER]) == 1_000_000_000
    assert authority_limit([R.REVIEWER, R.OPS_ADMIN]) is None
    assert authority_limit([R.QA]) == 0
    no_authority = can_decide([R.QA], 1)
    assert not no_authority and no_authority.code == "forbidden"


def test_can_act_combines_role_and_amount() -> None:
    by_role = can_act([R.AUDITOR], A.APPROVE, amount=1)
    assert not by_role and "allowed roles" in by_role.en  # the role fails before the amount
    assert not can_act([R.REVIEWER], A.DENY, amount=500_000_000)
    assert can_act([R.REVIEWER], A.DENY, amount=30_000_000)
    assert can_act([R.SENIOR_REVIEWER], A.APPROVE, amount=500_000_000)
    assert can_act([R.REVIEWER], A.COMMENT, amount=500_000_000)  # amount irrelevant
    assert can_act([R.REVIEWER], A.APPROVE)  # no amount: role check only
