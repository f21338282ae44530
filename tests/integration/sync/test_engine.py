"""SyncEngine against the real server: states, pushes on local writes, pulls on `change`
events, offline and back, re-login on 401, clean stop."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from app.services.task_actions import comment
from sync import auth
from sync.auth import Session
from sync.engine import SyncState
from sync.wiring import build_engine
from tests.integration.sync.helpers import FAST, Workstation, make_task, outbox_status


async def _until(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def test_engine_lifecycle_offline_and_back(server, proxy, tmp_path) -> None:
    ids = make_task(server.url, "u_reviewer1", tag="eng")
    ws = Workstation(tmp_path, proxy.url, "reviewer1")
    states: list[SyncState] = []

    async def main() -> None:
        engine = ws.engine(live=True, offline_retry_s=0.1, heartbeat_timeout_s=2)
        engine.add_listener(lambda state, _detail: states.append(state))
        engine.start()
        await engine.wait_idle(15)
        assert engine.state == SyncState.ONLINE
        assert engine.server_offset_s is not None and abs(engine.server_offset_s) < 5
        assert ws.local("task", ids["task_id"]) is not None
        # another user's change arrives through SSE `change` → pull
        other = make_task(server.url, "u_reviewer2", tag="eng-other")
        await _until(lambda: ws.local("case", other["case_id"]) is not None)
        # offline: the write is queued, the engine says offline, then catches up by itself
        proxy.down = True
        proxy.drop_all()
        result = comment(ws.store, ws.actor(), ids["task_id"], {"body": "eng"}, datetime.now(UTC))
        engine.notify_local_write()
        await _until(lambda: engine.state == SyncState.OFFLINE)  # at once: the stream dropped
        # the push still retrying may hold the row a moment; it goes back to pending, not lost
        await _until(lambda: outbox_status(ws, result.outbox_id) == "pending")
        proxy.down = False
        await _until(lambda: outbox_status(ws, result.outbox_id) == "applied")
        await _until(lambda: engine.state == SyncState.ONLINE)
        await engine.stop()
        assert engine.state == SyncState.OFFLINE and engine.detail == "stopped"

    asyncio.run(main())
    assert states[:3] == [SyncState.CONNECTING, SyncState.SYNCING, SyncState.ONLINE]
    assert SyncState.OFFLINE in states


def test_401_calls_the_relogin_callback(server, tmp_path) -> None:
    ws = Workstation(tmp_path, server.url, "reviewer1")
    auth.save_token(server.url, "reviewer1", "a-token-the-server-never-issued")
    asked: list[str] = []

    async def relogin(session: Session) -> str | None:
        asked.append(session.username)
        fresh = await auth.login(session.server_url, session.username, "demo")
        return fresh.token()

    async def main() -> SyncState:
        session = Session(server.url, "reviewer1", ws.session.user, on_relogin=relogin)
        engine = build_engine(ws.store, session, live=False, retry=FAST)
        engine.start()
        await engine.wait_idle(15)
        state = engine.state
        await engine.stop()
        return state

    assert asyncio.run(main()) == SyncState.ONLINE
    assert asked == ["reviewer1"]
    assert auth.load_token(server.url, "reviewer1") != "a-token-the-server-never-issued"


def test_401_without_relogin_is_an_error_state(server, tmp_path) -> None:
    ws = Workstation(tmp_path, server.url, "reviewer1")
    auth.save_token(server.url, "reviewer1", "revoked")

    async def main() -> tuple[SyncState, str]:
        engine = build_engine(ws.store, Session(server.url, "reviewer1"), live=False, retry=FAST)
        engine.start()
        await _until(lambda: engine.state == SyncState.ERROR)
        result = engine.state, engine.detail
        await engine.stop()
        return result

    state, detail = asyncio.run(main())
    assert state == SyncState.ERROR and "401" in detail
