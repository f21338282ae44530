"""First writer wins under real concurrency, on SQLite and on the throwaway PostgreSQL cluster.

Two reviewers act on one task at the same moment with ``If-Match: "1"`` (approve and deny),
each over its own kept-alive connection, released together by a barrier: exactly one 200, the
other a 409 (already decided) or 412 (stale version); the change feed never holds two
documents with one version of an entity.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict

import httpx
from conftest import Api
from test_server_tasks import APPROVE, DENY

from server.runner import RunningServer

TRIALS = 50


def _client(server: RunningServer, api: Api, user: str) -> httpx.Client:
    client = httpx.Client(
        base_url=server.url + "/v1",
        timeout=30,
        headers={"Authorization": f"Bearer {api.token(user)}"},
    )
    assert client.get("/me").status_code == 200  # the connection is open before the races
    return client


def _race(clients: list[httpx.Client], task: dict) -> list[int]:
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = [0] * len(clients)
    plans = [("approve", APPROVE), ("deny", DENY)]

    def run(i: int) -> None:
        action, body = plans[i % 2]
        headers = {"Idempotency-Key": str(uuid.uuid4()), "If-Match": f'"{task["version"]}"'}
        barrier.wait(10)
        r = clients[i].post(f"/tasks/{task['id']}/actions/{action}", json=body, headers=headers)
        statuses[i] = r.status_code

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    return statuses


def _feed(api: Api) -> list[dict]:
    out: list[dict] = []
    cursor = None
    while True:
        params = {"limit": 1000, **({"since": cursor} if cursor else {})}
        body = api.get("/changes", params=params).json()
        out += body["changes"]
        cursor = body["cursor"]
        if not body["has_more"]:
            return out


def test_concurrent_approve_deny_has_exactly_one_winner(server: RunningServer, api: Api) -> None:
    clients = [_client(server, api, "reviewer1"), _client(server, api, "reviewer2")]
    try:
        outcomes = []
        tasks = []
        for _ in range(TRIALS):
            _case, task = api.new_case(amount=10_000_000)
            tasks.append(task["id"])
            outcomes.append(sorted(_race(clients, task)))
    finally:
        for c in clients:
            c.close()
    losers = [o for o in outcomes if o[0] != 200 and o[1] != 200]
    doubles = [o for o in outcomes if o == [200, 200]]
    assert not doubles, f"{len(doubles)}/{TRIALS} races had two winners"
    assert not losers, f"races with no winner: {losers}"
    assert all(o in ([200, 409], [200, 412]) for o in outcomes), outcomes
    # every decided task ends completed, and the feed has one document per (entity, version)
    docs: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    for row in _feed(api):
        if row["data"] is not None:
            docs[(row["entity"], row["id"], row["version"])].add(
                repr(sorted(row["data"].items(), key=lambda kv: kv[0]))
            )
    twice = {key: len(v) for key, v in docs.items() if len(v) > 1}
    assert not twice, f"versions with two documents: {twice}"
    for tid in tasks:
        task = api.get(f"/tasks/{tid}").json()
        assert task["status"] == "completed" and task["version"] == 2, task
