"""Faults 1, 2, 3, 5 and 7: exactly one effect per action whatever breaks, in order."""

from __future__ import annotations

import asyncio

from app.domain.enums import EntityKind
from app.store.outbox import enqueue, mark_inflight
from sync.api import ApiClient
from sync.problems import NetworkError
from sync.retry import RetryPolicy
from tests.integration.sync.helpers import (
    Workstation,
    make_task,
    outbox_status,
    queue_comment,
    server_comments,
)

ONE_TRY = RetryPolicy(max_attempts=1)


def _actions(method: str, path: str) -> bool:
    return method == "POST" and "/actions/" in path


def _sync_fails(ws: Workstation, **kw) -> None:
    try:
        ws.sync(**kw)
    except NetworkError:
        return
    raise AssertionError("the sync should have failed with a network error")


def test_cut_after_commit_before_reply_gives_one_effect(server, proxy, tmp_path) -> None:
    ids = make_task(server.url, None, tag="f1")
    ws = Workstation(tmp_path, proxy.url, "reviewer1")
    row = queue_comment(ws, ids, "f1: 통화 완료")
    proxy.add(_actions, "after")  # the server commits, the reply is lost
    _sync_fails(ws, retry=ONE_TRY)
    assert outbox_status(ws, row) == "pending"  # not lost, not doubled
    assert server_comments(server.url, ids["case_id"]) == ["f1: 통화 완료"]
    report = ws.sync().pushed  # same Idempotency-Key: the stored answer is replayed
    assert report.applied == [row] and report.replayed == [row]
    assert server_comments(server.url, ids["case_id"]) == ["f1: 통화 완료"]
    assert outbox_status(ws, row) == "applied"


def test_cut_after_commit_retried_within_one_sync(server, proxy, tmp_path) -> None:
    ids = make_task(server.url, None, tag="f1b")
    ws = Workstation(tmp_path, proxy.url, "reviewer1")
    row = queue_comment(ws, ids, "f1b")
    proxy.add(_actions, "after", times=2)
    report = ws.sync().pushed  # FAST policy: retried until the reply gets through
    assert report.applied == [row] and report.replayed == [row]
    assert server_comments(server.url, ids["case_id"]) == ["f1b"]


def test_cut_before_commit_applies_once_in_order(server, proxy, tmp_path) -> None:
    ids = make_task(server.url, None, tag="f2")
    ws = Workstation(tmp_path, proxy.url, "reviewer1")
    rows = [queue_comment(ws, ids, f"f2-{n}") for n in range(3)]
    proxy.add(_actions, "before")  # the first request never reaches the server
    _sync_fails(ws, retry=ONE_TRY)
    assert server_comments(server.url, ids["case_id"]) == []
    assert ws.sync().pushed.applied == rows
    assert server_comments(server.url, ids["case_id"]) == ["f2-0", "f2-1", "f2-2"]


def test_server_killed_then_restarted_applies_once(server_proc, tmp_path) -> None:
    ids = make_task(server_proc.url, "u_reviewer1", tag="f2k")  # (else the scheduler may assign it)
    ws = Workstation(tmp_path, server_proc.url, "reviewer1")
    first = queue_comment(ws, ids, "before kill")
    assert ws.sync().pushed.applied == [first]
    server_proc.kill()
    second = queue_comment(ws, ids, "while down")
    _sync_fails(ws, retry=ONE_TRY)
    assert outbox_status(ws, second) == "pending"
    server_proc.start()  # same database, same port
    assert ws.sync().pushed.applied == [second]
    assert server_comments(server_proc.url, ids["case_id"]) == ["before kill", "while down"]


def test_client_killed_between_local_write_and_push(server, tmp_path) -> None:
    ids = make_task(server.url, None, tag="f3a")
    ws = Workstation(tmp_path, server.url, "reviewer1")
    row = queue_comment(ws, ids, "f3a")
    ws.reopen()  # the process died after the commit of the local write
    assert ws.sync().pushed.applied == [row]
    assert server_comments(server.url, ids["case_id"]) == ["f3a"]


def test_client_killed_between_server_reply_and_local_ack(server, tmp_path) -> None:
    from datetime import UTC, datetime

    from app.store.local_models import OutboxRow

    ids = make_task(server.url, None, tag="f3b")
    ws = Workstation(tmp_path, server.url, "reviewer1")
    row_id = queue_comment(ws, ids, "f3b")
    with ws.store.transaction() as s:
        mark_inflight(s, row_id, datetime.now(UTC))
        row = s.get(OutboxRow, row_id)
        key, path, payload = row.idempotency_key, row.path, dict(row.payload)

    async def send_without_ack() -> None:  # what the pusher sends; then the process dies
        async with ws.session.client() as api:
            await api.mutate(path, payload, idempotency_key=key)

    asyncio.run(send_without_ack())
    ws.reopen()
    assert outbox_status(ws, row_id) == "inflight"
    report = ws.sync().pushed
    assert report.applied == [row_id] and report.replayed == [row_id]
    assert server_comments(server.url, ids["case_id"]) == ["f3b"]


def test_same_push_sent_twice_concurrently_has_one_effect(server, tmp_path) -> None:
    ids = make_task(server.url, None, tag="f5")
    ws = Workstation(tmp_path, server.url, "reviewer1")
    path = f"/tasks/{ids['task_id']}/actions/comment"
    policy = RetryPolicy(base_s=0.05, cap_s=0.2, max_attempts=20)

    async def main() -> list:
        async with ws.session.client() as a, ws.session.client() as b:

            def send(api: ApiClient):
                return policy.run(
                    lambda: api.mutate(
                        path, {"body": "f5"}, idempotency_key="k-f5-" + ids["task_id"]
                    )
                )

            return await asyncio.gather(*(send(api) for api in (a, b, a, b)))

    results = asyncio.run(main())
    assert len({r.data["version"] for r in results}) == 1
    assert sum(not r.replayed for r in results) == 1
    assert server_comments(server.url, ids["case_id"]) == ["f5"]


def test_a_422_mid_queue_does_not_block_later_actions(server, tmp_path) -> None:
    from datetime import UTC, datetime

    ids = make_task(server.url, None, tag="f7")
    ws = Workstation(tmp_path, server.url, "reviewer1")
    first = queue_comment(ws, ids, "f7-first")
    with ws.store.transaction() as s:  # a body only the server can refuse (its newer rules)
        bad = enqueue(
            s, intent="comment", path=f"/tasks/{ids['task_id']}/actions/comment",
            payload={"body": ""}, user_input={"body": ""}, entity_kind=EntityKind.TASK,
            entity_id=ids["task_id"], created_by=ws.user_id, now=datetime.now(UTC),
            case_id=ids["case_id"],
        ).id  # fmt: skip
    last = queue_comment(ws, ids, "f7-last")
    report = ws.sync().pushed
    assert report.applied == [first, last] and report.rejected == [bad]
    assert report.problems[bad].status == 422
    assert server_comments(server.url, ids["case_id"]) == ["f7-first", "f7-last"]
    from app.store.local_models import OutboxRow

    with ws.store.session() as s:
        row = s.get(OutboxRow, bad)
        assert row.status == "rejected" and row.problem["status"] == 422
        assert row.user_input == {"body": ""}
