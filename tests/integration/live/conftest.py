"""A real reference server on 127.0.0.1 (server.runner.start_server) with one demo login."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from server import storage
from server.app import create_app
from server.config import ServerConfig
from server.runner import RunningServer, start_server


class MovableClock:
    """An injectable clock the tests move by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(datetime(2026, 11, 23, 1, 0, tzinfo=UTC))  # Mon 10:00 KST


@pytest.fixture
def live_server(tmp_path: Path, clock: MovableClock) -> Iterator[RunningServer]:
    config = ServerConfig(db_url=f"sqlite:///{tmp_path / 'live.db'}", port=0, clock=clock)
    app = create_app(config)
    app.state.events_heartbeat_s = 0.2
    with app.state.db.session() as s:
        storage.create_user(s, "agent1", "demo", "김하늘", ["agent"], ["general"], now=clock())
        s.commit()
    running = start_server(config, app=app)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def token(live_server: RunningServer) -> str:
    r = httpx.post(
        f"{live_server.url}/v1/auth/token",
        json={"username": "agent1", "password": "demo"},
        timeout=30,
    )
    r.raise_for_status()
    return r.json()["access_token"]
