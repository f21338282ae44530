"""Store writes of the ops desk go through the sync engine's single writer (STYLE.md §6), or a
worker thread when no engine runs; afterwards the engine is told to push soon."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class DeskWriter:
    def __init__(self, bridge: Any) -> None:
        self._bridge = bridge

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        parts = getattr(self._bridge.engine, "parts", None)
        writer = getattr(getattr(parts, "puller", None), "writer", None)
        if writer is not None:
            result = await writer.run(fn, *args)
        else:
            result = await asyncio.to_thread(fn, *args)
        engine = self._bridge.engine
        if engine is not None:
            engine.notify_local_write()
        self._bridge.refresh_outbox()
        return result
