"""Asyncio task helpers for the UI: keep references, and let the latest request win.

``TaskKeeper`` holds every task the UI starts (asyncio keeps only weak references) and logs
failures to ``sys.excepthook`` (the one place for unhandled errors). ``Latest`` cancels the
previous run when a new one starts (Orange's ConcurrentMixin): search-as-you-type, re-queries.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class TaskKeeper:
    """Owns tasks until they finish; :meth:`cancel_all` at shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def start(self, coro: Coroutine[Any, Any, T], name: str = "") -> asyncio.Task[T]:
        task = asyncio.ensure_future(coro)
        if name:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._on_done)
        return task

    def _on_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def pending(self) -> int:
        return len(self._tasks)

    async def cancel_all(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


class Latest:
    """Run ``work`` and hand its result to ``done`` unless a newer run started meanwhile, or
    ``owner`` (a QObject: the page the result is for) was destroyed meanwhile."""

    def __init__(self, keeper: TaskKeeper, owner: Any = None) -> None:
        self._keeper = keeper
        self._current: asyncio.Task[Any] | None = None
        self.generation = 0
        if owner is not None:
            owner.destroyed.connect(self.cancel)

    def cancel(self, *_args: object) -> None:
        """The running work's result is dropped (its owner is gone, or nobody wants it)."""
        self.generation += 1
        if self._current is not None and not self._current.done():
            self._current.cancel()

    def run(self, work: Callable[[], Awaitable[T]], done: Callable[[T], None]) -> asyncio.Task:
        if self._current is not None and not self._current.done():
            self._current.cancel()
        self.generation += 1
        generation = self.generation

        async def runner() -> None:
            result = await work()
            if generation == self.generation:
                done(result)

        self._current = self._keeper.start(runner(), name="latest")
        return self._current

    def busy(self) -> bool:
        return self._current is not None and not self._current.done()
