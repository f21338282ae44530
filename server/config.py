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
    # Several instances over one PostgreSQL (README "Running several instances"): this instance's
    # name, how often a follower tries to take the leadership of the time-driven work (and the
    # leader checks it still holds it), how often the event listener polls besides NOTIFY.
    instance: str = field(default_factory=instance_name)
    leader_poll_s: float = 5.0
    scheduler_interval_s: float = 30.0
    event_poll_s: float = 1.0
    # Idempotency rows are kept this long, then purged (at most once per purge_interval_s).
    idempotency_retention_s: float = 24 * 3600.0
    purge_interval_s: float = 60.0
    # Bearer tokens: a token found in the database is remembered this long per process (logout,
    # expiry changes and deleted or disabled users count everywhere within it; API.md: <= 5 s).
    token_cache_s: float = 2.0
    # Failed logins (API.md "Auth"): after ``login_limit`` failures within ``login_window_s`` per
    # username and per client address, 429 with Retry-After from ``login_lock_s``, doubling on
    # every further lock, capped at ``login_lock_max_s``. Password hashing runs in its own pool:
    # ``login_hash_workers`` threads for logins without recent failures, one for the rest.
    login_limit: int = 5
    login_window_s: float = 15 * 60.0
    login_lock_s: float = 60.0
    login_lock_max_s: float = 15 * 60.0
    login_hash_workers: int = 2
    # The audit chain's HMAC key (server/audit_anchor.py): ``RWS_AUDIT_KEY`` (hex) in the
    # environment, else this file (created 0600), else ``audit.key`` beside a SQLite database or
    # in the server's data directory.
    audit_key_file: str | None = None
