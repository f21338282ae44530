"""A server killed with SIGKILL in the middle of a request (a ``reviewer-server`` subprocess): the
request's Idempotency-Key is free at once on the restarted server — the claim lived only in the
dead transaction —, and ``dosctl sync`` ends with what is still pending and why, exit 1."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid

import httpx

from tests.integration.sync.helpers import make_task, server_comments
from tests.integration.sync.test_dosctl import Cli


class WriteLock:
    """Hold the server database's write lock from outside (as a long writer would): the
    server's next write transaction waits in BEGIN IMMEDIATE, inside the request."""

    def __init__(self, path) -> None:
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


def _token(url: str, username: str) -> str:
    r = httpx.post(
        url + "/v1/auth/token", json={"username": username, "password": "demo"}, timeout=30
    )
    r.raise_for_status()
    return r.json()["access_token"]


def _in_background(fn) -> tuple[threading.Thread, dict]:
    result: dict = {}

    def run() -> None:
        try:
            result["value"] = fn()
        except Exception as exc:  # the connection dies with the server
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def test_key_of_a_request_killed_mid_flight_goes_through_at_once(server_proc) -> None:
    ids = make_task(server_proc.url, "u_reviewer1", tag="crash")
    headers = {"Authorization": f"Bearer {_token(server_proc.url, 'reviewer1')}",
               "Idempotency-Key": str(uuid.uuid4())}  # fmt: skip
    path = f"{server_proc.url}/v1/tasks/{ids['task_id']}/actions/comment"
    body = {"body": "killed mid-request"}
    lock = WriteLock(server_proc.db_path)
    try:
        thread, result = _in_background(
            lambda: httpx.post(path, json=body, headers=headers, timeout=60)
        )
        time.sleep(1.0)
        assert thread.is_alive()  # the request is inside the server, waiting to write
        server_proc.kill()
        thread.join(10)
        assert isinstance(result.get("error"), httpx.TransportError), result
    finally:
        lock.release()
    server_proc.start()
    started = time.monotonic()
    again = httpx.post(path, json=body, headers=headers, timeout=30)
    assert again.status_code == 200, again.text  # not 409 "in progress"
    assert "idempotent-replayed" not in again.headers  # it ran now, for the first time
    assert time.monotonic() - started < 5
    replay = httpx.post(path, json=body, headers=headers, timeout=30)
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert server_comments(server_proc.url, ids["case_id"]).count("killed mid-request") == 1


def test_dosctl_sync_lists_what_is_pending_and_why(server_proc, capsys, monkeypatch, tmp_path):
    ids = make_task(server_proc.url, "u_reviewer1", tag="crash-cli")
    cli = Cli(capsys, monkeypatch, tmp_path / "ws", server_proc.url)
    cli.login("reviewer1")
    server_proc.kill()
    for n in range(3):
        code, out, err = cli("tasks", "do", "comment", "--id", ids["task_id"], "--body", f"c{n}")
        assert code == 0 and "queued" in out + err
    server_proc.start()
    lock = WriteLock(server_proc.db_path)
    try:
        thread, result = _in_background(lambda: cli("sync"))
        time.sleep(1.0)
        assert thread.is_alive()  # the first comment is inside the server
        server_proc.kill()
        thread.join(30)
    finally:
        lock.release()
    code, out, err = result["value"]
    assert code == 1
    assert "still pending (3)" in err and "server unreachable" in err, err
    server_proc.start()
    code, out, err = cli("sync")
    assert code == 0, out + err
    assert "3 applied" in out and "still pending" not in out
    comments = server_comments(server_proc.url, ids["case_id"])
    assert [comments.count(f"c{n}") for n in range(3)] == [1, 1, 1]
    code, out, err = cli("--json", "sync")
    assert code == 0
