"""Faults 6, 8 and 9: two reviewers on one task, a client clock a day off, a feed reset."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from app.services.task_actions import approve, comment, deny
from app.store.apply import apply_changes
from sync import state
from sync.dosctl.views import remaining
from sync.problems import NetworkError
from sync.retry import RetryPolicy
from tests.integration.sync.helpers import (
    Workstation,
    api_get,
    make_task,
    outbox_status,
    server_comments,
)

APPROVE = {
    "limit": 10_000_000,
    "rate": 4.5,
    "conditions": ["보증인 필요"],
    "note": "소득 안정",
    "reason_codes": ["CREDIT-APPR-INCOME-001"],
}
DENY = {
    "reason_codes": ["CREDIT-DENY-SCORE-001"],
    "note": "점수 미달",
    "improvement_advice": "6개월",
}


def _now() -> datetime:
    return datetime.now(UTC)


def test_late_offline_reviewer_gets_the_conflict_naming_the_other(server, proxy, tmp_path) -> None:
    ids = make_task(server.url, None, tag="f6")
    late = Workstation(tmp_path, proxy.url, "reviewer1")
    early = Workstation(tmp_path, server.url, "reviewer2")
    late.sync()
    early.sync()
    proxy.down = True  # reviewer1 goes offline and approves
    mine = approve(late.store, late.actor(), ids["task_id"], APPROVE, _now())
    assert late.local("task", ids["task_id"])["status"] == "completed"  # optimistic
    with pytest.raises(NetworkError):
        late.sync(retry=RetryPolicy(max_attempts=1))
    deny(early.store, early.actor(), ids["task_id"], DENY, _now())
    assert early.sync().pushed.applied
    proxy.down = False
    report = late.sync().pushed
    assert report.conflict == [mine.outbox_id]
    problem = report.problems[mine.outbox_id]
    assert problem.status == 409 and problem.code == "conflict"
    assert early.user_id in problem.detail
    assert problem.current["outcome"] == "deny" and problem.current["completed_by"] == early.user_id
    from app.store.local_models import OutboxRow

    with late.store.session() as s:
        row = s.get(OutboxRow, mine.outbox_id)
        assert row.status == "conflict" and row.user_input == APPROVE  # nothing typed is lost
        assert row.problem["code"] == "conflict"
    for kind, entity_id in (("task", ids["task_id"]), ("case", ids["case_id"])):
        assert late.local(kind, entity_id) == api_get(server.url, "admin1", f"/{kind}s/{entity_id}")
    assert late.local("case", ids["case_id"])["status"] == "rejected"


@pytest.mark.parametrize("skew", [timedelta(days=1), timedelta(days=-1)], ids=["ahead", "behind"])
def test_client_clock_a_day_off(server, tmp_path, skew: timedelta) -> None:
    ids = make_task(server.url, "u_reviewer1", priority="p1", tag="f8")
    ws = Workstation(tmp_path, server.url, "reviewer1")

    def clock() -> datetime:
        return _now() + skew

    ws.sync(clock=clock)
    offset = state.server_offset(ws.store)
    assert abs(offset + skew.total_seconds()) < 5
    case = ws.local("case", ids["case_id"])
    corrected = state.server_now(ws.store, clock())
    assert remaining(case["sla"], corrected) == remaining(case["sla"], _now())
    assert remaining(case["sla"], corrected).startswith(("23h", "24h"))  # p1: 24 h, on track
    result = comment(ws.store, ws.actor(), ids["task_id"], {"body": "skew"}, corrected)
    done = approve(ws.store, ws.actor(), ids["task_id"], APPROVE, corrected)
    report = ws.sync(clock=clock).pushed
    assert report.applied == [result.outbox_id, done.outbox_id], report
    assert ws.local("case", ids["case_id"])["status"] == "approved"
    assert server_comments(server.url, ids["case_id"]) == ["skew"]


def test_reset_rebuilds_and_keeps_the_outbox(server, tmp_path) -> None:
    ids = make_task(server.url, "u_reviewer1", tag="f9")
    ws = Workstation(tmp_path, server.url, "reviewer1")
    ws.sync()
    ghost = {"seq": 1, "entity": "queue", "id": "ghost", "op": "upsert", "version": 1,
             "data": {"id": "ghost", "name": "gone", "version": 1}}  # fmt: skip
    with ws.store.transaction() as s:
        apply_changes(s, [ghost])
    state.set_value(ws.store, state.CURSOR, "a-cursor-of-another-database")
    queued = comment(ws.store, ws.actor(), ids["task_id"], {"body": "f9 queued"}, _now())

    async def pull_then_push():
        engine = ws.engine()
        try:
            pulled = await engine.parts.puller.pull()
            status = outbox_status(ws, queued.outbox_id)
            pushed = await engine.parts.pusher.push()
            return pulled, status, pushed
        finally:
            await engine.stop()

    pulled, status_after_reset, pushed = asyncio.run(pull_then_push())
    assert pulled.reset and status_after_reset == "pending"
    assert ws.local("queue", "ghost") is None
    assert ws.local("case", ids["case_id"]) is not None
    assert pushed.applied == [queued.outbox_id]
    assert server_comments(server.url, ids["case_id"]) == ["f9 queued"]
    assert state.get_value(ws.store, state.CURSOR) != "a-cursor-of-another-database"
