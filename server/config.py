"""Settings of the reference server; ``clock`` is injectable so tests can move time."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def instance_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(slots=True)
class ServerConfig:
    db_url: str = "sqlite:///reviewer-server.db"
    demo: bool = False
    host: str = "127.0.0.1"
    port: int = 8765
    speed: float = 1.0  # call simulator / scheduler time factor
    clock: Callable[[], datetime] = field(default=utc_now)
    token_ttl_s: int = 8 * 3600
    # Change-feed compaction: superseded change rows and tombstones older than the newest
    # ``compact_keep`` rows may be removed; cursors below the floor then answer ``reset: true``.
    compact_keep: int = 200_000
    compact_interval_s: float = 3600.0
    event_retention_s: float = 900.0
    in_progress_timeout_s: float = 120.0  # an idempotency key stuck in progress is taken over
    # Several instances over one PostgreSQL (README "Running several instances"): this instance's
    # name, how often a follower tries to take the leadership of the time-driven work (and the
    # leader checks it still holds it), how often the event listener polls besides NOTIFY.
    instance: str = field(default_factory=instance_name)
    leader_poll_s: float = 5.0
    scheduler_interval_s: float = 30.0
    event_poll_s: float = 1.0
