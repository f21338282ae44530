"""Build a ready ``SyncEngine`` for one store and one signed-in session.

    engine = build_engine(store, session, live_handlers=LiveHandlers(on_alert=...))
    engine.start(); ...; engine.notify_local_write(); ...; await engine.stop()

The engine, its HTTP client, the single store writer and the live stream share one lifetime.
``on_changed(PullResult)`` gets the ids each pull changed (``result.changed``: entity → ids) and
``on_pushed(PushReport)`` the outbox rows applied / conflict / rejected, for the UI's bridge.
``writer`` is the one store writer thread to share (the workstation's operation runner owns it);
without one the engine makes and closes its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from app.store.segments import store_segment
from app.store.stats import analyze_if_stale
from sync import state
from sync.api import ApiClient
from sync.auth import Session
from sync.engine import EngineParts, SyncEngine
from sync.live import LiveHandlers, LiveStream
from sync.puller import Puller
from sync.pusher import Pusher
from sync.retry import RetryPolicy
from sync.writer import StoreWriter

log = logging.getLogger(__name__)


def build_engine(
    store: Any,
    session: Session,
    *,
    live: bool = True,
    live_handlers: LiveHandlers | None = None,
    retry: RetryPolicy | None = None,
    heartbeat_timeout_s: float = 45.0,
    offline_retry_s: float = 10.0,
    periodic_s: float = 60.0,
    on_changed: Callable[[Any], Any] | None = None,
    on_pushed: Callable[[Any], Any] | None = None,
    api: ApiClient | None = None,
    clock: Callable[[], datetime] | None = None,
    writer: StoreWriter | None = None,
) -> SyncEngine:
    api = api or session.client()
    owns_writer = writer is None  # a writer handed in (the workstation's) outlives the engine
    writer = writer or StoreWriter()
    retry = retry or RetryPolicy(max_attempts=4)

    async def relogin() -> bool:
        return await session.relogin(api)

    clock = clock or (lambda: datetime.now(UTC))
    puller = Puller(store, api, writer, retry=retry, relogin=relogin, clock=clock)
    pusher = Pusher(store, api, writer, retry=retry, relogin=relogin, clock=clock)
    handlers = live_handlers or LiveHandlers()
    stream: LiveStream | None = None
    engine_ref: list[SyncEngine] = []

    if live:
        user_segment = handlers.on_segment
        user_change = handlers.on_change
        user_connected = handlers.on_connected
        user_disconnected = handlers.on_disconnected

        def _save(call_id: str, wire: dict[str, Any], event_id: str | None) -> bool:
            with store.transaction() as s:
                changed = store_segment(s, call_id, wire, clock()) is not None
                if event_id:
                    state.set_in(s, state.LAST_EVENT_ID, event_id)
                return changed

        async def on_segment(call_id: str, wire: dict[str, Any], event_id: str | None) -> None:
            try:
                changed = await writer.run(_save, call_id, wire, event_id)
            except ValueError:
                log.warning("call %s: segment not understood, skipped", call_id)
                return
            if changed and user_segment is not None:
                await _maybe_await(user_segment(call_id, wire, event_id))

        async def on_change(seq: int | None) -> None:
            engine_ref[0].request_pull()
            if user_change is not None:
                await _maybe_await(user_change(seq))

        async def on_connected() -> None:
            engine_ref[0].request_pull()  # back online: catch up now
            if user_connected is not None:
                await _maybe_await(user_connected())

        async def on_disconnected(error: BaseException | None) -> None:
            reason = f"event stream: {error}" if error is not None else "event stream ended"
            engine_ref[0].connection_lost(reason)  # offline at once; the probe brings it back
            if user_disconnected is not None:
                await _maybe_await(user_disconnected(error))

        wired = LiveHandlers(
            on_segment=on_segment,
            on_change=on_change,
            on_alert=handlers.on_alert,
            on_queue_stats=handlers.on_queue_stats,
            on_call_state=handlers.on_call_state,
            on_decision_step=handlers.on_decision_step,
            on_connected=on_connected,
            on_disconnected=on_disconnected,
        )
        stream = LiveStream(
            api.http,
            wired,
            headers=api.auth_headers,
            heartbeat_timeout_s=heartbeat_timeout_s,
            last_event_id=state.get_value(store, state.LAST_EVENT_ID),
            relogin=relogin,
        )

    statistics = _Statistics(store, writer)

    async def close() -> None:
        await statistics.finish()
        await api.aclose()
        if owns_writer:
            writer.close()

    parts = EngineParts(puller=puller, pusher=pusher, live=stream, close=close, probe=api.healthz)
    parts.changed.append(statistics.after_pull)
    if on_changed is not None:
        parts.changed.append(on_changed)
    if on_pushed is not None:
        parts.pushed.append(on_pushed)
    engine = SyncEngine(parts, offline_retry_s=offline_retry_s, periodic_s=periodic_s)
    engine_ref.append(engine)
    api.on_transport_error = engine.connection_lost  # any failed request: offline at once
    return engine


class _Statistics:
    """Keeps the store's planner statistics fresh (``app.store.stats``): checked after the
    engine's first pull and after any pull of many changes, on the writer thread."""

    MANY = 5_000

    def __init__(self, store: Any, writer: StoreWriter) -> None:
        self._store, self._writer = store, writer
        self._checked = False
        self._task: asyncio.Task | None = None

    def after_pull(self, pulled: Any) -> None:
        if self._checked and int(getattr(pulled, "changes", 0) or 0) < self.MANY:
            return
        if self._task is not None and not self._task.done():
            return
        self._checked = True
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        try:
            if await self._writer.run(analyze_if_stale, self._store):
                log.info("store statistics refreshed")
        except Exception:  # statistics only speed queries up: never fail a sync for them
            log.exception("store statistics not refreshed")

    async def finish(self, timeout_s: float = 5.0) -> None:
        """Let a running refresh end (a store closed right after its first sync keeps its
        statistics; sampled, it takes well under a second); cancel it after ``timeout_s``."""
        task = self._task
        if task is None or task.done():
            return
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(asyncio.shield(task), timeout_s)
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


async def _maybe_await(value: Any) -> Any:
    if hasattr(value, "__await__"):
        return await value
    return value
