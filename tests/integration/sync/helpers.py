"""Real servers (thread or subprocess), workstations (store + login + engine) for sync tests."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from app.store.store import Store
from server.config import ServerConfig
from server.runner import RunningServer, free_port, start_server
from sync.auth import Session, login
from sync.engine import SyncEngine
from sync.retry import RetryPolicy
from sync.wiring import build_engine

ROOT = Path(__file__).resolve().parents[3]


def start_thread_server(db_path: Path, **config: Any) -> RunningServer:
    """The reference server in a uvicorn thread, with the demo users and data."""
    cfg = ServerConfig(db_url=f"sqlite:///{db_path}", demo=True, port=0, **config)
    running = start_server(cfg)
    seed_users(running.app.state.db, cfg.clock())
    return running


def seed_users(db: Any, now: Any) -> None:
    """The demo users and queues (the full demo data is not needed by these tests)."""
    from server.demo.people import create_users, put_queues

    with db.session() as s:
        create_users(s, now)
        put_queues(s, now)
        s.commit()


def wait_healthy(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url + "/v1/healthz", timeout=1.0).status_code == 200:
                return
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not become healthy")


class ServerProc:
    """``reviewer-server`` (demo users pre-seeded) as a subprocess; fixed port and database;
    SIGKILL-able."""

    def __init__(self, db_path: Path, port: int | None = None) -> None:
        self.db_path = db_path
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        url = f"sqlite:///{self.db_path}"
        if not self.db_path.exists():  # the demo users, without the slow full demo data
            from datetime import UTC, datetime

            from server.storage import ServerDB

            db = ServerDB(url)
            seed_users(db, datetime.now(UTC))
            db.dispose()
        cmd = [sys.executable, "-m", "server.cli", "--port", str(self.port),
               "--db", url, "--log-level", "warning"]  # fmt: skip
        log = open(self.db_path.with_suffix(".log"), "ab")  # noqa: SIM115 - closed by the child
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=log)
        log.close()
        wait_healthy(self.url)

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, nothing flushed beyond what was committed."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def restart(self) -> None:
        self.kill()
        self.start()


FAST = RetryPolicy(base_s=0.05, cap_s=0.2, max_attempts=4)


class Workstation:
    """One user's client: its own store file, token in the (file) keyring, engines on demand."""

    def __init__(self, tmp: Path, server_url: str, username: str, name: str = "") -> None:
        self.path = tmp / f"{name or username}.sqlite3"
        self.server_url = server_url
        self.username = username
        self.store = Store.open(self.path)
        self.session: Session = asyncio.run(login(server_url, username, "demo"))

    @property
    def user_id(self) -> str:
        return str(self.session.user["id"])

    def actor(self) -> Any:
        from app.domain.people import User
        from app.domain.wire import from_wire

        return from_wire(User, dict(self.session.user))

    def local(self, kind: str, entity_id: str) -> dict | None:
        from app.domain.enums import EntityKind
        from app.store.lookups import get_data

        with self.store.session() as s:
            return get_data(s, EntityKind(kind), entity_id)

    def reopen(self) -> None:
        """A new process would: close the store, open the file again (same keyring token)."""
        self.store.close()
        self.store = Store.open(self.path)

    def engine(self, *, url: str | None = None, **kw: Any) -> SyncEngine:
        session = Session(url or self.server_url, self.username, self.session.user)
        if url and url != self.server_url:
            from sync.auth import load_token, save_token

            save_token(url, self.username, load_token(self.server_url, self.username) or "")
        kw.setdefault("retry", FAST)
        kw.setdefault("live", False)
        return build_engine(self.store, session, **kw)

    def sync(self, *, url: str | None = None, **kw: Any) -> Any:
        async def run() -> Any:
            engine = self.engine(url=url, **kw)
            try:
                return await engine.sync_once()
            finally:
                await engine.stop()

        return asyncio.run(run())

    def close(self) -> None:
        self.store.close()


def api_get(url: str, username: str, path: str, **params: Any) -> Any:
    """Read the server's truth directly (a fresh login, plain httpx)."""
    with httpx.Client(base_url=url + "/v1", timeout=10) as http:
        token = http.post("/auth/token", json={"username": username, "password": "demo"})
        token.raise_for_status()
        auth = {"Authorization": "Bearer " + token.json()["access_token"]}
        response = http.get(path, params=params, headers=auth)
        response.raise_for_status()
        return response.json()


def _admin(url: str) -> httpx.Client:
    http = httpx.Client(base_url=url + "/v1", timeout=10)
    token = http.post("/auth/token", json={"username": "admin1", "password": "demo"})
    token.raise_for_status()
    http.headers["Authorization"] = "Bearer " + token.json()["access_token"]
    return http


def make_task(url: str, assignee: str | None, *, priority: str = "p2", tag: str = "") -> dict:
    """A fresh case + review task (as admin1), assigned to ``assignee`` (a user id)."""
    import uuid

    http = _admin(url)
    with contextlib.closing(http):
        body = {
            "decision_id": f"dec-{tag}-{uuid.uuid4().hex[:8]}",
            "priority": priority,
            "queue_id": "credit_review",
            "customer": {"customer_id": f"cust-{uuid.uuid4().hex[:6]}", "name": "홍길동"},
            "application": {"amount": 20_000_000, "purpose": "생활자금", "credit_score": 640},
        }
        r = http.post("/cases", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
        r.raise_for_status()
        created = r.json()
        case = created["data"]
        task = next(e for e in created["related"] if e.get("case_id") == case["id"])
        if assignee:
            r = http.post(
                f"/cases/{case['id']}/assign",
                json={"to": assignee},
                headers={"Idempotency-Key": str(uuid.uuid4()), "If-Match": f'"{case["version"]}"'},
            )
            r.raise_for_status()
        return {"case_id": case["id"], "task_id": task["id"]}


def queue_comment(ws: Workstation, ids: dict, body: str) -> int:
    """An outbox row exactly as a service writes it for ``tasks do comment``; returns its id."""
    from datetime import UTC, datetime

    from app.domain.enums import EntityKind
    from app.store.outbox import enqueue

    with ws.store.transaction() as s:
        row = enqueue(
            s,
            intent="comment",
            path=f"/tasks/{ids['task_id']}/actions/comment",
            payload={"body": body},
            user_input={"body": body},
            entity_kind=EntityKind.TASK,
            entity_id=ids["task_id"],
            created_by=ws.user_id,
            now=datetime.now(UTC),
            case_id=ids["case_id"],
        )
        return row.id


def outbox_status(ws: Workstation, outbox_id: int) -> str:
    from app.store.local_models import OutboxRow

    with ws.store.session() as s:
        return s.get(OutboxRow, outbox_id).status


def server_comments(url: str, case_id: str) -> list[str]:
    """Comment bodies on the server's case timeline, in order (one per effect)."""
    case = api_get(url, "admin1", f"/cases/{case_id}")
    return [e.get("body", "") for e in case.get("timeline", []) if e.get("kind") == "comment"]
