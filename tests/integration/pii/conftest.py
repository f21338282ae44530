"""One real reference server on 127.0.0.1 for the module, over a fresh SQLite file with the full
demo data (``seed_demo``), a fixed clock, and every demo call script played through the real
call simulator (at high speed, synchronously, so the transcripts are the same on every run);
one call is left connected so ``/calls?state=live`` has something to show. The event bus keeps
every event, so a stream opened later with ``Last-Event-ID: 0`` sees all of them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from app.domain.calls import Call, CallCustomer
from app.domain.enums import CallFlow, CallState
from server import pii
from server.app import create_app
from server.config import ServerConfig
from server.demo import seed_demo
from server.runner import RunningServer, start_server
from server.simulator import DEMO_AGENTS, CallSimulator

START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 10:00 in Seoul
ROLES = {
    "agent1": "agent",
    "reviewer1": "reviewer",
    "senior1": "senior_reviewer",
    "qa1": "qa",
    "admin1": "ops_admin",
    "supervisor1": "supervisor",
    "auditor1": "auditor",
}
END_QUEUE = "__end_of_demo_session__"


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def advance(self, **kw: float) -> None:
        with self._lock:
            self.now += timedelta(**kw)


@dataclass
class Demo:
    running: RunningServer
    clock: Clock
    full_values: list[str]
    call_ids: list[str]
    live_call_id: str
    db_path: Any

    @property
    def url(self) -> str:
        return self.running.url

    @contextmanager
    def client(self, username: str) -> Iterator[httpx.Client]:
        """httpx over real HTTP, signed in as ``username``."""
        with httpx.Client(base_url=self.url + "/v1", timeout=30) as http:
            r = http.post("/auth/token", json={"username": username, "password": "demo"})
            r.raise_for_status()
            http.headers["Authorization"] = "Bearer " + r.json()["access_token"]
            yield http


@pytest.fixture(autouse=True)
def keyring_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    path = tmp_path_factory.mktemp("pii") / "demo-server.sqlite3"
    clock = Clock(START)
    config = ServerConfig(db_url=f"sqlite:///{path}", demo=True, port=0, clock=clock)
    app = create_app(config)
    db, bus = app.state.db, app.state.bus
    seed_demo(db, clock())
    sim = CallSimulator(
        db, bus, speed=100_000, clock=clock, ring_s=0, acw_s=0, pause_s=0, partials=3
    )
    call_ids = [
        sim.run_call(script, DEMO_AGENTS[i % len(DEMO_AGENTS)])
        for i, script in enumerate(sim.scripts)
    ]
    script = sim.scripts[0]
    c = script["customer"]
    live = Call(
        id=sim.new_call_id(),
        queue=script["queue"],
        flow=CallFlow(script["flow"]),
        state=CallState.CONNECTED,
        customer=CallCustomer(c["name"], c["tier"], c["account_id"], c["phone"], c["customer_id"]),
        agent_id=DEMO_AGENTS[0],
        started_at=clock(),
        script_id=script["id"],
    )
    sim._save_call(live)
    with db.read() as s:
        full_values = pii.all_full_values(s)
    running = start_server(config, app=app)
    bus.publish("queue.stats", {"queue_id": END_QUEUE})  # the last event of the session
    try:
        yield Demo(running, clock, full_values, [*call_ids, live.id], live.id, path)
    finally:
        running.stop()
