"""The dashboard's "SLA 위반 임박 (1시간 이내)" figure and the appeals submission rate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from app.domain.enums import Priority
from app.rules import ops_metrics as om
from app.rules import sla

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_at_risk_is_under_one_hour_left_not_80_percent() -> None:
    p1 = sla.start(sla.policy_for(Priority.P1), T0)  # 24 h
    warn = T0 + timedelta(hours=20)  # 83 % used, 4 h left: the alert's warning, not at risk
    assert sla.evaluate(p1, warn).state.value == "warning"
    assert not om.is_at_risk(p1, warn)
    due = p1.due_at
    assert not om.is_at_risk(p1, due - timedelta(hours=1))
    assert om.is_at_risk(p1, due - timedelta(hours=1) + timedelta(seconds=1))
    assert om.sla_counts([p1], due - timedelta(minutes=30)) == (1, 0)
    assert om.sla_counts([p1], due + timedelta(seconds=1)) == (0, 1)


def test_paused_or_met_clock_is_not_at_risk() -> None:
    p0 = sla.start(sla.policy_for(Priority.P0), T0)
    near = p0.due_at - timedelta(minutes=10)
    assert om.is_at_risk(p0, near)
    assert not om.is_at_risk(sla.pause(p0, near - timedelta(minutes=1)), near)
    assert not om.is_at_risk(sla.mark_met(p0, near - timedelta(minutes=1)), near)


def test_submission_rate_of_rejected_cases() -> None:
    appeals = [SimpleNamespace(case_id="c1"), SimpleNamespace(case_id="c1")]
    appeals.append(SimpleNamespace(case_id="c9"))  # not a rejected case in the set
    assert om.submission_rate(["c1", "c2", "c3", "c4"], appeals) == 25.0
    assert om.submission_rate([], appeals) is None


def test_appeals_health_carries_the_submission_rate() -> None:
    appeals = [SimpleNamespace(case_id="c1", status=None, resolution=None)]
    assert om.appeals_health(appeals, ["c1", "c2"]).submission_rate == 50.0
    assert om.appeals_health(appeals).submission_rate is None
