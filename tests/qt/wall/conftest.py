"""A real demo server on 127.0.0.1 (seed_demo_once + start_live, as ``ui.demo`` does) that a
test can stop and start again on the same port and database, and an ``ApiClient`` for it."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.app import create_app
from server.config import ServerConfig
from server.demo import seed_demo_once, start_live
from server.runner import free_port, start_server
from sync.api import ApiClient
from widgets.clock import Clock


@dataclass
class DemoServer:
    db_path: Path
    port: int = field(default_factory=free_port)
    running: Any = None
    live: Any = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        config = ServerConfig(db_url=f"sqlite:///{self.db_path}", demo=True, port=self.port)
        app = create_app(config)
        seed_demo_once(app.state.db, config.clock())
        self.running = start_server(config, app=app)
        self.live = start_live(app)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
        if self.running is not None:
            self.running.stop()
        self.running = self.live = None

    def token(self, user: str) -> str:
        r = httpx.post(
            f"{self.url}/v1/auth/token", json={"username": user, "password": "demo"}, timeout=30
        )
        r.raise_for_status()
        return r.json()["access_token"]

    def get(self, path: str, user: str = "supervisor1", **params: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.token(user)}"}
        r = httpx.get(f"{self.url}/v1{path}", headers=headers, params=params, timeout=30)
        r.raise_for_status()
        return r.json()

    def post(self, path: str, body: dict, user: str) -> httpx.Response:
        headers = {
            "Authorization": f"Bearer {self.token(user)}",
            "Idempotency-Key": str(uuid.uuid4()),
        }
        return httpx.post(f"{self.url}/v1{path}", json=body, headers=headers, timeout=30)


@pytest.fixture
def demo(tmp_path: Path):
    server = DemoServer(tmp_path / "server.sqlite3")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def api_for(qloop, qtbot):
    """``api_for(server, user)``: an ApiClient closed at teardown (on the test's qasync loop)."""
    clients: list[ApiClient] = []

    def make(server: DemoServer, user: str = "supervisor1") -> ApiClient:
        client = ApiClient(server.url, token=server.token(user))
        clients.append(client)
        return client

    yield make
    for client in clients:
        closing = asyncio.ensure_future(client.aclose())
        qtbot.waitUntil(closing.done, timeout=20_000)


@pytest.fixture
def live_clock(qapp):
    clock = Clock()
    yield clock
    clock.stop()
    clock.deleteLater()
