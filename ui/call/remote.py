"""The call page's use of the sync engine: its API client (recommendations, transcript backfill)
and its single store writer (every write off the UI thread, through one worker — STYLE.md §6).

Nothing here blocks the UI: every method is a coroutine on the qasync loop. Without an engine
(offline start, tests) the network calls answer ``None`` and writes go to a worker thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from app.store.segments import store_segment
from app.store.store import Store
from sync.problems import ApiProblem, NetworkError
from ui.bridge import SyncBridge

T = TypeVar("T")


class CallRemote:
    def __init__(self, bridge: SyncBridge, store: Store) -> None:
        self._bridge = bridge
        self._store = store

    def _puller(self) -> Any:
        engine = self._bridge.engine
        parts = getattr(engine, "parts", None)
        return getattr(parts, "puller", None)

    def api(self) -> Any:
        """The engine's ``sync.api.ApiClient`` (shared token and connection pool), or None."""
        return getattr(self._puller(), "api", None)

    def online(self) -> bool:
        return self.api() is not None and self._bridge.state in ("online", "syncing")

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store write on the engine's single writer (a worker thread without one)."""
        writer = getattr(self._puller(), "writer", None)
        if writer is not None:
            return await writer.run(fn, *args)
        return await asyncio.to_thread(fn, *args)

    def notify_written(self) -> None:
        """A service wrote an outbox row: push soon, and show it as pending."""
        engine = self._bridge.engine
        if engine is not None:
            engine.notify_local_write()
        self._bridge.refresh_outbox()

    async def recommendations(self, call_id: str) -> list[dict[str, Any]] | None:
        """``GET /v1/calls/{id}/recommendations``; None when offline or refused."""
        api = self.api()
        if api is None:
            return None
        try:
            body = await api.get_json(f"/calls/{call_id}/recommendations")
        except (ApiProblem, NetworkError):
            return None
        return body if isinstance(body, list) else None

    async def backfill(self, call_id: str) -> int | None:
        """Fetch the transcript so far and store what is missing (de-duplicated by the store).

        Returns the number of segments that changed the store, None when offline.
        """
        api = self.api()
        if api is None:
            return None
        try:
            segments = await api.call_segments(call_id)
        except (ApiProblem, NetworkError):
            return None
        if not segments:
            return 0
        return await self.write(self._store_all, call_id, segments)

    def _store_all(self, call_id: str, segments: list[dict[str, Any]]) -> int:
        now = datetime.now(UTC)
        changed = 0
        with self._store.transaction() as s:
            for wire in segments:
                try:
                    changed += store_segment(s, call_id, wire, now) is not None
                except ValueError:
                    continue
        return changed
