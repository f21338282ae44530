"""Python's cyclic garbage collector runs in whichever thread happens to allocate; if that is a
sync worker thread and the cycle holds a Qt object's Python wrapper, its C++ destructor runs off
the GUI thread — an intermittent crash. So automatic collection is switched off and a timer
collects on the GUI thread instead: generation 0 often (cheap), full collections rarely."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Owns the timer; keep a reference for the life of the application."""

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.start()

    def _on_timeout(self) -> None:
        self._ticks += 1
        gen = 2 if self._ticks % 120 == 0 else (1 if self._ticks % 10 == 0 else 0)
        if gc.get_count()[0] > 0 or gen:
            gc.collect(gen)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()


_lock = threading.Lock()
_pauses = 0
_restore = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """Wrap the work of a worker thread: automatic collection is off while any such block runs
    (where the GuiThreadCollector is not installed -- tests, benchmarks -- a big allocation in
    the worker would otherwise collect there); the GUI thread collects afterwards."""
    global _pauses, _restore
    with _lock:
        if _pauses == 0:
            _restore = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _restore:
                gc.enable()
