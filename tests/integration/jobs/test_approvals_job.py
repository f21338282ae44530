"""Seed 002: approvals EXPIRED after the 24 h timeout; requester told; workflow failed E007."""

from __future__ import annotations

from datetime import timedelta

from app.domain.enums import EntityKind
from app.domain.wire import format_time
from app.rules.alert_text import render
from server.demo.decisions import demo_decisions
from tests.integration.jobs.conftest import T0


def _seed(env) -> dict:
    decisions, approvals = demo_decisions(T0)
    approval = approvals[0]
    approval.update(status="PENDING", expires_at=format_time(T0 + timedelta(hours=24)))
    env.put(EntityKind.DECISION, decisions[0])
    env.put(EntityKind.APPROVAL, approval)
    return approval


def test_expires_at_24h_once_and_tells_the_requester(env) -> None:
    approval = _seed(env)
    env.at(T0)
    env.at(T0 + timedelta(hours=23, minutes=59))
    assert env.get(EntityKind.APPROVAL, approval["id"])["status"] == "PENDING"
    env.at(T0 + timedelta(hours=24))
    env.at(T0 + timedelta(hours=25))
    stored = env.get(EntityKind.APPROVAL, approval["id"])
    assert stored["status"] == "EXPIRED"
    (alert,) = env.alerts("approval_expired")
    assert alert["to"] == approval["requester_id"]
    assert alert["code"] == "approval_expired"
    assert alert["params"]["request_id"] == approval["request_id"]
    assert alert["params"]["hours"] == 24
    assert "Approval request" in render(alert["code"], alert["params"], "en")
    decision = env.get(EntityKind.DECISION, approval["execution_id"])
    assert decision["execution"]["status"] == "FAILED"
    assert decision["execution"]["error_code"] == "E007"
    assert decision["decision_log"]["final_status"] == "EXPIRED"


def test_server_down_past_the_timeout_expires_on_restart(env) -> None:
    approval = _seed(env)
    env.at(T0 + timedelta(hours=1))
    env.restart()
    env.at(T0 + timedelta(days=3))
    env.at(T0 + timedelta(days=3, minutes=1))
    assert env.get(EntityKind.APPROVAL, approval["id"])["status"] == "EXPIRED"
    assert len(env.alerts("approval_expired")) == 1
