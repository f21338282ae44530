"""One writer thread for every store write sync/ makes (STYLE.md 6: Anki's single worker).

``await writer.run(fn, *args)`` runs ``fn`` on the writer thread, off the event loop;
``writer.submit(fn, *args)`` does the same from code without a running loop (the workstation's
operation runner, ``ui.runner``) and returns a ``concurrent.futures.Future``. Writes are
serialised, so a user action, a pulled page and an outbox update never interleave. The
workstation makes one writer and hands it to the engine (``sync.wiring.build_engine(writer=…)``),
so its own writes and the engine's share the one thread.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class StoreWriter:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-writer")

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        return self._executor.submit(fn, *args, **kwargs)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
