"""The call page's use of the bridge: the engine's API client (recommendations, transcript
backfill), the operation runner its user actions go through (``ui.runner``) and the one store
writer the backfill stores segments on (every write off the UI thread, through one worker —
STYLE.md §6).

Nothing here blocks the UI: every method is a coroutine on the qasync loop. Without an engine
(offline start, tests) the network calls answer ``None``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from app.store.segments import store_segment
from app.store.store import Store
from sync.problems import ApiProblem, NetworkError
from ui.bridge import SyncBridge
from ui.runner import OperationRunner

T = TypeVar("T")


class CallRemote:
    def __init__(self, bridge: SyncBridge, store: Store) -> None:
        self._bridge = bridge
        self._store = store

    @property
    def runner(self) -> OperationRunner:
        """The operation runner every user action of the page goes through."""
        return self._bridge.runner

    def api(self) -> Any:
        """The engine's ``sync.api.ApiClient`` (shared token and connection pool), or None."""
        return self._bridge.api()

    def online(self) -> bool:
        return self.api() is not None and self._bridge.state in ("online", "syncing")

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store write (not a user action: the backfill) on the one store writer."""
        return await self._bridge.writer.run(fn, *args)

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

    async def choose_state(self, state: str) -> dict[str, Any] | None:
        """``POST /v1/agents/me/state`` (docs/API-EXTENSIONS.md): the server decides, so this
        is online only and never queued. Returns the user entity; None when there is no
        connection; raises ``ApiProblem`` when the server refuses, ``NetworkError`` when the
        request failed on its way."""
        api = self.api()
        if api is None or not self.online():
            return None
        done = await api.mutate(
            "/agents/me/state", {"state": state}, idempotency_key=str(uuid.uuid4())
        )
        return done.data if isinstance(done.data, dict) else None

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
