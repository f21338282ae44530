"""Each runbook rule of the command layer end to end through dosctl against the real server:
the close conditions, the escalation ladder, escalation keeping the breach history (counted by
the SLA report), escalate behaving like the server (queue move, new task, P0 alert) and the
authority check on max(amount, limit). The server runs with a clock the test moves."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.sync.helpers import api_get, make_task, start_thread_server
from tests.integration.sync.test_dosctl import APPROVE, Cli
from tests.reason_codes import APPROVE_CODE

START = datetime(2026, 11, 23, 0, 30, tzinfo=UTC)  # Monday 09:30 KST


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now, self._lock = start, threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def advance(self, **kw: float) -> None:
        with self._lock:
            self.now += timedelta(**kw)


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock(START)


@pytest.fixture(scope="module")
def server(tmp_path_factory, clock):
    running = start_thread_server(tmp_path_factory.mktemp("rules") / "server.db", clock=clock)
    yield running
    running.stop()


@pytest.fixture
def cli(server, capsys, monkeypatch, tmp_path):
    def make(user: str) -> Cli:
        c = Cli(capsys, monkeypatch, tmp_path / user, server.url)
        c.login(user)
        return c

    return make


def case_of(server, case_id: str) -> dict:
    return api_get(server.url, "admin1", f"/cases/{case_id}")


def test_close_needs_decision_notice_and_every_task_complete(server, cli) -> None:
    """ "종료 조건: 최종 결정 완료, 고객 통지 완료, 모든 Task 완료"."""
    ids = make_task(server.url, "u_reviewer1", tag="close")
    r1 = cli("reviewer1")
    close = ["cases", "close", "--id", ids["case_id"], "--resolution", "승인 완료"]
    code, _, err = r1(*close, "--final-decision", "approve")
    assert code == 1 and "no final decision" in err
    code, _, err = r1("tasks", "do", "approve", "--id", ids["task_id"], *APPROVE)
    assert code == 0, err
    code, _, err = r1(*close, "--final-decision", "approve")
    assert code == 1 and "not been notified" in err
    code, _, err = r1(*close, "--final-decision", "deny")
    assert code == 1 and "'approve', not 'deny'" in err
    code, _, err = r1("cases", "notify-customer", "--id", ids["case_id"], "--template", "approval")
    assert code == 0, err
    assert case_of(server, ids["case_id"])["status"] == "approved"  # nothing closed so far
    code, _, err = r1(*close, "--final-decision", "approve")
    assert code == 0, err
    case = case_of(server, ids["case_id"])
    assert case["status"] == "closed" and case["notifications"][0]["template"] == "approval"


def test_the_server_refuses_a_close_the_client_did_not_check(server, cli) -> None:
    """The same rule on the server: a close sent straight to the API is 422 too."""
    import httpx

    ids = make_task(server.url, "u_reviewer1", tag="close-api")
    r1 = cli("reviewer1")
    code, _, err = r1("tasks", "do", "approve", "--id", ids["task_id"], *APPROVE)
    assert code == 0, err
    token = httpx.post(
        server.url + "/v1/auth/token", json={"username": "reviewer1", "password": "demo"}
    ).json()["access_token"]
    r = httpx.post(
        f"{server.url}/v1/cases/{ids['case_id']}/close",
        json={"resolution": "x", "final_decision": "approve"},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "close-api-1"},
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid_transition"
    assert "notified" in r.json()["detail"]


def test_escalation_ladder_and_server_behaviour_through_dosctl(server, cli) -> None:
    """ "Level 1 → Level 2 (reviewer → senior_reviewer)", "Level 2 → Level 3 (senior_reviewer →
    ops_admin)", "P0로 격상": the queue move, the new task and the P0 alert on both sides."""
    ids = make_task(server.url, "u_reviewer1", priority="p2", tag="ladder")
    r1 = cli("reviewer1")
    esc = ["tasks", "do", "escalate", "--id", ids["task_id"], "--reason", "정책 예외 검토 필요"]
    code, _, err = r1(*esc, "--to", "ops_admin")
    assert code == 1 and "Level 1 → Level 2" in err  # refused locally, nothing queued
    code, result = r1.json(*esc, "--to", "senior_reviewer")
    assert code == 0 and result["status"] == "applied", result
    case = case_of(server, ids["case_id"])
    assert (case["status"], case["escalation_level"], case["queue_id"]) == (
        "escalated", "L2", "senior_review",
    )  # fmt: skip
    old = api_get(server.url, "admin1", f"/tasks/{ids['task_id']}")
    assert old["status"] == "completed" and old["outcome"] == "escalate"
    (new_id,) = [t for t in case["task_ids"] if t != ids["task_id"]]
    # the workstation made the same new task optimistically, and the sync kept one row
    code, local = r1.json("tasks", "show", "--id", new_id)
    assert code == 0 and local["queue_id"] == "senior_review" and local["status"] == "open"
    code, _, err = r1("tasks", "do", "comment", "--id", new_id, "--body", "참고")
    assert code == 1 and "forbidden" in err  # escalated to senior_reviewer: that role only
    s1 = cli("senior1")
    code, taken = s1.json("tasks", "next", "--queue", "senior_review")
    assert code == 0 and taken["id"] == new_id and taken["assignee_id"] == "u_senior1"
    esc2 = ["tasks", "do", "escalate", "--id", new_id, "--reason", "정책 검토 필요"]
    code, result = s1.json(*esc2, "--to", "ops_admin", "--impact", "월 50건 이상 발생")
    assert code == 0 and result["status"] == "applied", result
    case = case_of(server, ids["case_id"])
    assert (case["escalation_level"], case["priority"], case["queue_id"]) == (
        "L3", "p0", "ops_escalation",
    )  # fmt: skip
    alerts = api_get(server.url, "admin1", "/alerts")
    items = alerts.get("alerts", alerts) if isinstance(alerts, dict) else alerts
    assert any(
        a.get("kind") == "p0_arrival" and a.get("entity_id") == ids["case_id"] for a in items
    ), items


def test_escalation_keeps_the_breach_and_the_sla_report_counts_it(server, cli, clock) -> None:
    """A case 3 h 37 m overdue at L1 stays breached in the SLA report after escalating."""
    ids = make_task(server.url, "u_reviewer1", priority="p0", tag="breach")
    case = case_of(server, ids["case_id"])
    clock.advance(hours=4 + 3, minutes=37)
    try:
        r1 = cli("reviewer1")
        code, result = r1.json(
            "tasks", "do", "escalate", "--id", ids["task_id"], "--to", "senior_reviewer",
            "--reason", "고액 거래 (권한 초과)",
        )  # fmt: skip
        assert code == 0 and result["status"] == "applied", result
        sla = case_of(server, ids["case_id"])["sla"]
        assert sla["breached_at"] is None and sla["breach_history"] == [case["sla"]["due_at"]]
        admin = cli("admin1")
        day = clock().date()
        code, report = admin.json(
            "ops", "sla", "report", "--from", f"{day - timedelta(days=1)}T00:00:00Z",
            "--to", f"{day + timedelta(days=1)}T00:00:00Z",
        )  # fmt: skip
        assert code == 0
        (row,) = [
            r for r in report["rows"] if (r["priority"], r["queue_id"]) == ("p0", "senior_review")
        ]
        assert (row["total"], row["breached"], row["in_progress"]) == (1, 1, 0)
    finally:
        clock.advance(hours=-(4 + 3), minutes=-37)


def test_authority_is_the_larger_of_amount_and_limit_through_dosctl(server, cli) -> None:
    ids = make_task(server.url, "u_reviewer1", tag="authority")  # amount 20,000,000
    r1 = cli("reviewer1")
    approve = ["tasks", "do", "approve", "--id", ids["task_id"], "--rate", "4.5",
               "--note", "양호", "--reason-codes", APPROVE_CODE]  # fmt: skip
    code, _, err = r1(*approve, "--limit", "5000000000")
    assert code == 1 and "forbidden" in err and "authority" in err
    code, _, err = r1(*approve, "--limit", str(10**30))
    assert code == 1 and "invalid input" in err and "limit" in err
    assert case_of(server, ids["case_id"])["status"] == "pending"
    code, _, err = r1(*approve, "--limit", "20000000")
    assert code == 0, err
