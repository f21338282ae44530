"""Escalate computed once (app.commands.escalate) on both sides: a workstation's optimistic
escalation and the server's make the same case and the same new task (a derived id), so an
action queued offline on the new task is applied once the escalation is — no divergence, no
duplicate task."""

from __future__ import annotations

from datetime import UTC, datetime

from app.services.task_actions import approve, escalate
from tests.integration.sync.helpers import Workstation, api_get, make_task
from tests.reason_codes import APPROVE_CODE

APPROVE = {"limit": 20_000_000, "rate": 4.5, "note": "예외 승인", "reason_codes": [APPROVE_CODE]}
KEYS = ("status", "priority", "queue_id", "escalation_level", "assignee_id", "task_ids")


def test_offline_escalation_and_approval_of_the_new_task_sync_without_divergence(
    server, tmp_path
) -> None:
    ids = make_task(server.url, None, priority="p2", tag="esc-sync")  # unassigned credit_review
    ws = Workstation(tmp_path, server.url, "senior1")  # senior1 holds the credit_review skill
    ws.sync()
    now = datetime.now(UTC)
    esc = escalate(
        ws.store, ws.actor(), ids["task_id"], {"to": "senior_reviewer", "reason": "정책"}, now
    )
    local_case = ws.local("case", ids["case_id"])
    (new_id,) = [t for t in local_case["task_ids"] if t != ids["task_id"]]
    assert ws.local("task", new_id)["queue_id"] == "senior_review"  # made here, offline
    done = approve(ws.store, ws.actor(), new_id, APPROVE, now)
    report = ws.sync().pushed
    assert report.applied == [esc.outbox_id, done.outbox_id], report
    server_case = api_get(server.url, "admin1", f"/cases/{ids['case_id']}")
    assert server_case["task_ids"] == [ids["task_id"], new_id]  # the same id on both sides
    assert server_case["status"] == "approved" and server_case["escalation_level"] == "L2"
    ws.sync()
    mine = ws.local("case", ids["case_id"])
    assert {k: mine[k] for k in KEYS} == {k: server_case[k] for k in KEYS}
    assert mine == server_case  # after the pull: the whole entity, field for field
    for task_id in (ids["task_id"], new_id):
        assert ws.local("task", task_id) == api_get(server.url, "admin1", f"/tasks/{task_id}")
