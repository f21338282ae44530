"""A real reference server on 127.0.0.1 over a fresh SQLite file, seeded through the storage API:
the API.md demo users (password "demo"), queues, a rejected case, a checkpoint, a decision
execution paused for approval, a live call with segments and Korean knowledge articles."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from server_seed import seed_extras, seed_more

from app.domain.enums import EntityKind
from server import storage
from server.config import ServerConfig
from server.runner import RunningServer, start_server
from server.storage import ServerDB
from tests.integration.pg import fresh_pg_database, pg_bindir, postgres_cluster

START = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # a Friday, 10:00 in Seoul

USERS = {
    "agent1": (["agent"], ["msp_emergency", "general"], None),
    "agent2": (["agent"], ["general"], None),
    "reviewer1": (["reviewer"], ["credit_review", "customer_service"], None),
    "reviewer2": (["reviewer"], ["credit_review"], None),
    "senior1": (["senior_reviewer"], ["senior_review", "appeals", "credit_review"], "DEPARTMENT"),
    "senior2": (["senior_reviewer"], ["senior_review", "appeals"], "DIVISION"),
    "qa1": (["qa"], ["qa_review"], None),
    "admin1": (["ops_admin"], ["credit_review", "ops_escalation", "senior_review"], "EXECUTIVE"),
    "supervisor1": (["supervisor"], [], "TEAM_LEAD"),
    "auditor1": (["auditor"], [], None),
}
QUEUES = [
    ("credit_review", "Credit review", "review", "priority"),
    ("customer_service", "Customer service", "review", "priority"),
    ("senior_review", "Senior review", "review", "priority"),
    ("ops_escalation", "Ops escalation", "review", "priority"),
    ("appeals", "Appeals", "appeals", "priority"),
    ("qa_review", "QA", "qa", "priority"),
    ("msp_emergency", "MSP Emergency", "contact", "msp_emergency"),
    ("general", "General", "contact", "general"),
]


class Clock:
    """The server's injectable clock; tests move it forward."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def advance(self, **kwargs: float) -> None:
        with self._lock:
            self.now += timedelta(**kwargs)


def seed(db: ServerDB, now: datetime) -> None:
    with db.session() as s:
        for name, (roles, skills, level) in USERS.items():
            storage.create_user(s, name, "demo", name.capitalize(), roles, skills, level, now=now)
        for qid, name, kind, policy in QUEUES:
            storage.put(
                s,
                EntityKind.QUEUE,
                {"id": qid, "name": name, "kind": kind, "sla_policy": policy, "skills": [qid]},
                actor="system",
                now=now,
            )
        s.commit()
    seed_extras(db, now)
    seed_more(db, now)


@pytest.fixture(scope="session")
def clock() -> Clock:
    return Clock(START)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str | None]:
    """A throwaway PostgreSQL database when the machine has PostgreSQL (tests/integration/pg)."""
    with postgres_cluster() as url:
        yield url


# The same contract suite runs against SQLite and, where it can be started, PostgreSQL.
BACKENDS = ["sqlite"] + (["postgresql"] if pg_bindir() else [])


@pytest.fixture(scope="session", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, clock: Clock
) -> Iterator[RunningServer]:
    if request.param == "postgresql":
        cluster = request.getfixturevalue("pg_url")
        assert cluster, "PostgreSQL binaries exist but the cluster did not start"
        # a database of its own each time pytest sets this fixture up (it may, more than once
        # per session, when tests of the two backends interleave, as under pytest-xdist)
        url = fresh_pg_database(cluster)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('server') / 'server.db'}"
    clock.now = START
    config = ServerConfig(db_url=url, port=0, clock=clock)
    seed(ServerDB(config.db_url), clock())
    running = start_server(config)
    yield running
    running.stop()


class Api:
    """httpx over real HTTP, one bearer token per demo user, Idempotency-Key made per call."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url + "/v1", timeout=30)
        self.tokens: dict[str, str] = {}

    def token(self, user: str) -> str:
        if user not in self.tokens:
            r = self.http.post("/auth/token", json={"username": user, "password": "demo"})
            assert r.status_code == 200, r.text
            self.tokens[user] = r.json()["access_token"]
        return self.tokens[user]

    def headers(self, user: str | None, **extra: str) -> dict[str, str]:
        out = {k.replace("_", "-"): v for k, v in extra.items()}
        if user:
            out["Authorization"] = f"Bearer {self.token(user)}"
        return out

    def get(self, path: str, user: str | None = "admin1", **kw: Any) -> httpx.Response:
        return self.http.get(path, headers=self.headers(user), **kw)

    def post(
        self,
        path: str,
        body: Any = None,
        user: str | None = "admin1",
        *,
        key: str | None = "auto",
        version: int | None = None,
        **kw: Any,
    ) -> httpx.Response:
        extra: dict[str, str] = {}
        if key:
            extra["Idempotency_Key"] = str(uuid.uuid4()) if key == "auto" else key
        if version is not None:
            extra["If_Match"] = f'"{version}"'
        return self.http.post(path, json=body, headers=self.headers(user, **extra), **kw)

    def new_case(
        self, amount: int = 30_000_000, priority: str = "p1", queue: str = "credit_review"
    ) -> tuple[dict, dict]:
        body = {
            "decision_id": f"D-{uuid.uuid4().hex[:8]}",
            "priority": priority,
            "queue_id": queue,
            "customer": {"customer_id": "CU-1", "name": "김민수", "account_id": "1234567890"},
            "application": {"amount": amount, "purpose": "생활자금", "term_months": 36},
            "decision_context": {"automatic_decision": "refer", "score": 0.5},
        }
        r = self.post("/cases", body, "admin1")
        assert r.status_code == 200, r.text
        return r.json()["data"], r.json()["related"][0]


@pytest.fixture(scope="session")
def api(server: RunningServer) -> Iterator[Api]:
    client = Api(server.url)
    yield client
    client.http.close()


@pytest.fixture(scope="session")
def db(server: RunningServer) -> ServerDB:
    return server.app.state.db


def assert_problem(r: httpx.Response, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers
    body = r.json()
    for key in ("type", "title", "status", "detail", "code"):
        assert key in body, body
    assert body["status"] == status
    if code:
        assert body["code"] == code, body
    if status == 422:
        assert isinstance(body.get("errors"), dict), body
    if status in (409, 412) and body["code"] in ("conflict", "version_mismatch"):
        assert isinstance(body.get("current"), dict), body
    return body
