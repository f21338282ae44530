"""What every dosctl command needs: the store, who is signed in, the server, and a sync.

Who is signed in (username, server URL, profile) is kept in the store's sync_state; the token
only in the keyring (sync.auth). ``--server`` / ``RWS_SERVER`` override the remembered server.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.domain.people import User
from app.domain.wire import from_wire
from app.store.store import DB_FILE, Store, default_data_dir
from sync import state
from sync.auth import Session, load_token
from sync.dosctl.output import Out
from sync.problems import ApiProblem, NetworkError, NotLoggedIn
from sync.retry import RetryPolicy

DEFAULT_SERVER = "http://127.0.0.1:8765"
USERNAME, SERVER_URL, PROFILE = "username", "server_url", "user_profile"


class CommandError(Exception):
    """A failure dosctl reports as ``error: <title>`` + detail, exit code 1."""

    def __init__(self, title: str, detail: str = "", code: int = 1) -> None:
        super().__init__(title)
        self.title, self.detail, self.code = title, detail, code


@dataclass
class SyncOutcome:
    ok: bool
    error: BaseException | None = None
    pushed: Any = None
    pulled: Any = None


@dataclass
class Ctx:
    out: Out
    server_arg: str | None = None
    data_dir: Path = field(default_factory=default_data_dir)
    _store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.data_dir / DB_FILE)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def server_now(self) -> datetime:
        """Local clock corrected by the server-time offset measured at the last pull."""
        return state.server_now(self.store, self.now())

    @property
    def server(self) -> str:
        stored = state.get_value(self.store, SERVER_URL)
        url = self.server_arg or os.environ.get("RWS_SERVER") or stored or DEFAULT_SERVER
        return url.rstrip("/")

    def session(self) -> Session:
        username = state.get_value(self.store, USERNAME)
        if not username or not load_token(self.server, username):
            raise CommandError("not logged in", f"run: dosctl login --username U ({self.server})")
        profile = state.get_value(self.store, PROFILE) or {}
        return Session(self.server, username, profile)

    def actor(self) -> User:
        """The signed-in user as the services expect it."""
        session = self.session()
        profile = dict(session.user or {})
        profile.setdefault("id", session.username)
        profile.setdefault("display_name", session.username)
        return from_wire(User, profile)

    def sync(self, *, attempts: int = 2) -> SyncOutcome:
        """One push + pull; never raises for network trouble (the caller says it queued)."""
        from sync.engine import SyncEngine
        from sync.wiring import build_engine

        session = self.session()
        retry = RetryPolicy(base_s=0.2, cap_s=1.0, max_attempts=attempts)

        async def run() -> SyncOutcome:
            engine: SyncEngine = build_engine(self.store, session, live=False, retry=retry)
            try:
                report = await engine.sync_once()
                return SyncOutcome(True, None, report.pushed, report.pulled)
            except (NetworkError, ApiProblem, NotLoggedIn) as exc:
                return SyncOutcome(False, exc)
            finally:
                await engine.stop()

        return asyncio.run(run())
