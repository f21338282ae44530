"""Issue 22 on the decision-support pages: at 200 % on 1920×1080, with a real request, its
options and charts, the approvals list and a checkpoint form showing, no text is clipped (the
check is tests/qt/test_scaling.py's)."""

from __future__ import annotations

import pytest

from app.domain.enums import Role
from tests.qt.decision.demo_data import EXEC_CAPACITY, checkpoint_ids
from tests.qt.test_scaling import at_200_percent, check, settle, shown_window  # noqa: F401


def _entity(name: str) -> str | None:
    return {"decision": EXEC_CAPACITY, "checkpoint": checkpoint_ids()[0]}.get(name)


@pytest.mark.parametrize("name", ["decision", "approvals", "checkpoint"])
def test_decision_pages_with_data_fit_at_200_percent(qtbot, qloop, dstore, clock, shown, name):
    window = shown(dstore, clock, [Role.OPS_ADMIN, Role.SENIOR_REVIEWER], "u_admin1")
    page = window.show_page(name, _entity(name))
    settle(qtbot, window, page)
    check(window, name)
