"""On PostgreSQL the Idempotency-Key claim is a transaction-level advisory lock: a server killed
with SIGKILL while its request waits inside the transaction leaves nothing behind — the database
ends the dead connection's transaction, and the same key runs on the restarted server within
seconds (the old committed ``in_progress`` row blocked it for 120 s). And ``dosctl sync`` says
which action is still pending, and why, while another transaction holds its key; exit 1."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from conftest import BACKENDS, seed
from own_server import fresh_pg_database, own_server
from sqlalchemy import create_engine, func, select, text

from app.store.outbox import enqueue
from app.store.store import DB_FILE, Store
from server import audit_anchor
from server.idempotency import _KEY_CLASS, _lock_id
from server.runner import free_port
from server.storage import ServerDB
from sync.dosctl.cli import main
from tests.integration.sync.helpers import ROOT, make_task, server_comments, wait_healthy

PG_ONLY = [b for b in BACKENDS if b == "postgresql"]


@pytest.fixture(params=PG_ONLY)
def pg_server(request, pg_url, monkeypatch, tmp_path) -> Iterator:
    """``reviewer-server`` as a subprocess on a fresh PostgreSQL database (SIGKILL-able)."""
    url = fresh_pg_database(pg_url)
    monkeypatch.setenv(audit_anchor.KEY_ENV, os.urandom(32).hex())
    audit_anchor.configure(url)
    db = ServerDB(url)
    seed(db, datetime.now(UTC))
    db.dispose()
    proc = _Proc(url, tmp_path)
    proc.start()
    yield proc
    proc.kill()


class _Proc:
    def __init__(self, db_url: str, tmp) -> None:
        self.db_url, self.tmp, self.port = db_url, tmp, free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        cmd = [sys.executable, "-m", "server.cli", "--port", str(self.port), "--db", self.db_url,
               "--log-level", "warning"]  # fmt: skip
        with open(self.tmp / "server.log", "ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=log)
        wait_healthy(self.url)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None


@contextlib.contextmanager
def task_row_locked(db_url: str, task_id: str) -> Iterator[None]:
    """Hold the task's row lock: a mutation on it waits inside its transaction (its key
    claimed)."""
    engine = create_engine(db_url)
    with engine.connect() as conn:
        conn.execute(
            text("SELECT 1 FROM entities WHERE kind = 'task' AND id = :i FOR UPDATE"),
            {"i": task_id},
        )
        try:
            yield
        finally:
            conn.rollback()
    engine.dispose()


def test_killed_mid_transaction_the_key_runs_within_seconds(pg_server) -> None:
    ids = make_task(pg_server.url, "u_reviewer1", tag="pgcrash")
    token = httpx.post(
        pg_server.url + "/v1/auth/token",
        json={"username": "reviewer1", "password": "demo"},
        timeout=30,
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())}
    path = f"{pg_server.url}/v1/tasks/{ids['task_id']}/actions/comment"
    body = {"body": "killed inside the transaction"}
    outcome: dict = {}

    def send() -> None:
        try:
            outcome["r"] = httpx.post(path, json=body, headers=headers, timeout=60)
        except httpx.TransportError as exc:
            outcome["error"] = exc

    with task_row_locked(pg_server.db_url, ids["task_id"]):
        thread = threading.Thread(target=send, daemon=True)
        thread.start()
        engine = create_engine(pg_server.db_url)
        deadline = time.monotonic() + 10
        with engine.connect() as conn:  # the request holds its key's claim and waits for ours
            claim = text("select count(*) from pg_locks where locktype = 'advisory' and "
                         "classid = :c and objid = :o and granted")  # fmt: skip
            objid = _lock_id("u_reviewer1", headers["Idempotency-Key"]) & 0xFFFFFFFF
            while not conn.execute(claim, {"c": _KEY_CLASS, "o": objid}).scalar():
                assert time.monotonic() < deadline, "the request never claimed its key"
                time.sleep(0.05)
        engine.dispose()
        pg_server.kill()
        thread.join(10)
        assert "error" in outcome
    pg_server.start()
    started = time.monotonic()
    while True:  # at most a moment of 409 while PostgreSQL reaps the dead connection
        again = httpx.post(path, json=body, headers=headers, timeout=30)
        if again.status_code != 409:
            break
        assert again.json()["code"] == "idempotency_key_in_progress"
        assert time.monotonic() - started < 10
        time.sleep(0.2)
    assert again.status_code == 200, again.text
    assert "idempotent-replayed" not in again.headers
    assert time.monotonic() - started < 10
    comments = server_comments(pg_server.url, ids["case_id"])
    assert comments.count("killed inside the transaction") == 1


@pytest.fixture(params=PG_ONLY)
def own_pg(request, tmp_path) -> Iterator:
    with own_server(request.param, tmp_path, request.getfixturevalue("pg_url")) as found:
        yield found


def test_dosctl_sync_names_the_action_whose_key_is_still_running(
    own_pg, tmp_path, monkeypatch, capsys
) -> None:
    server, _clock, _api = own_pg
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    base = ["--server", server.url, "--data-dir", str(tmp_path / "ws")]

    def dosctl(*argv: str, stdin: str = "") -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main([*base, *argv])
        out, err = capsys.readouterr()
        return code, out + err

    assert dosctl("login", "--username", "reviewer1", "--password-stdin", stdin="demo\n")[0] == 0
    first = make_task(server.url, "u_reviewer1", tag="held")
    other = make_task(server.url, "u_reviewer1", tag="free")
    keys = []
    with Store.open(tmp_path / "ws" / DB_FILE) as store, store.transaction() as s:
        for ids, text_ in ((first, "held back"), (other, "goes through")):
            row = enqueue(
                s, intent="comment", path=f"/tasks/{ids['task_id']}/actions/comment",
                payload={"body": text_}, user_input={"body": text_}, entity_kind="task",
                entity_id=ids["task_id"], created_by="u_reviewer1", now=datetime.now(UTC),
                case_id=ids["case_id"],
            )  # fmt: skip
            keys.append(row.idempotency_key)
    db = server.app.state.db
    with db.session() as s:  # another transaction (another instance) is running the first key
        s.execute(select(func.pg_advisory_xact_lock(_KEY_CLASS, _lock_id("u_reviewer1", keys[0]))))
        code, out = dosctl("sync")
    assert code == 1, out
    assert "1 applied" in out and "still pending (1)" in out
    assert "Idempotency-Key is still running" in out, out
    deadline = time.monotonic() + 15
    while True:  # the row waits for its next attempt (Retry-After), then goes
        code, out = dosctl("sync")
        if code == 0 or time.monotonic() > deadline:
            break
        assert "still pending (1)" in out
        time.sleep(0.5)
    assert code == 0 and "1 applied" in out, out
    assert server_comments(server.url, first["case_id"]).count("held back") == 1
    assert server_comments(server.url, other["case_id"]).count("goes through") == 1
