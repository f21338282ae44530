"""A real SQLite server DB, an event bus and a scheduler on a fake clock that tests step."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from server import storage
from server.events import EventBus
from server.scheduler import Scheduler
from server.storage import ServerDB

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 10:00 KST


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Env:
    """One server: ``restart()`` drops the scheduler, bus and engine and opens the same file."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.clock = Clock()
        self._open()

    def _open(self) -> None:
        self.db = ServerDB(self.url)
        self.bus = EventBus()
        self.sched = Scheduler(self.db, self.bus, self.clock, interval_s=0.05)

    def restart(self) -> None:
        self.db.dispose()
        self._open()

    def at(self, now: datetime) -> dict:
        self.clock.now = now
        return self.sched.tick()

    def put(self, kind, *items: dict) -> None:
        with self.db.session() as s:
            for item in items:
                storage.put(s, kind, item, actor="test", now=self.clock.now)
            s.commit()

    def get(self, kind, id: str) -> dict | None:
        with self.db.read() as s:
            return storage.get(s, kind, id)

    def alerts(self, kind: str) -> list[dict]:
        return [
            e.payload()
            for e in self.bus.retained()
            if e.type == "alert" and e.payload()["kind"] == kind
        ]


@pytest.fixture
def env(tmp_path):
    e = Env(f"sqlite:///{tmp_path / 's.db'}")
    yield e
    e.db.dispose()
