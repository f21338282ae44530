"""API.md "Demo mode": every demo approval can be decided by at least one demo user."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.enums import Action, ApprovalLevel, Role
from app.rules import access
from server.demo.decisions import demo_decisions
from server.demo.people import DEMO_USERS


def test_every_demo_approval_has_a_demo_user_who_may_decide_it() -> None:
    _executions, approvals = demo_decisions(datetime(2026, 12, 7, tzinfo=UTC))
    assert approvals
    for approval in approvals:
        needed = ApprovalLevel(approval["required_level"])
        deciders = [
            name
            for name, _display, roles, _skills, level in DEMO_USERS
            if level is not None
            and level.rank >= needed.rank
            and access.can(roles, Action.APPROVAL_RESPONSE)
        ]
        assert deciders, approval["id"]
    assert ApprovalLevel.DIVISION in {
        level for name, *_r, level in DEMO_USERS if name == "senior1"
    }, "the README names senior1 for decisions"
    assert Role.SENIOR_REVIEWER in next(r for n, _d, r, *_ in DEMO_USERS if n == "senior1")
