"""Run plain work on a worker thread and hand its result to the GUI thread, without an asyncio
loop (the inbox counts long results and loads their rest also in tests and benchmarks that run
none).

The worker touches no Qt object: it runs ``work()`` (plain Python over the store) with
automatic garbage collection paused (``ui.gc_guard``), then emits a signal of one relay object
that lives on the GUI thread for the whole application; the relay calls ``done(result)`` there
through a weak reference, so a widget deleted meanwhile is simply skipped.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from ui.gc_guard import collection_paused

log = logging.getLogger(__name__)


class _Relay(QObject):
    sig_done = Signal(object, object)  # (weak reference to the callback, result)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)  # owned by the application: deleted with it
        self.sig_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, ref: Any, result: Any) -> None:
        done = ref()
        if done is None:
            return  # its owner is gone
        try:
            done(result)
        except RuntimeError as exc:  # the widget's C++ side was deleted meanwhile
            log.debug("off-thread result dropped: %s", exc)


_relay: _Relay | None = None


def _get_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay(QCoreApplication.instance())
    return _relay


_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ui-worker")


def run_in_thread(
    work: Callable[[], Any],
    done: Callable[[Any], None],
    name: str = "",
    failed: Callable[[Exception], None] | None = None,
) -> None:
    """Queue ``work()`` for the one UI worker thread (jobs run in order, so a job can skip
    itself when a newer one made it stale); ``done(result)`` runs later on the GUI thread (a
    bound method is held weakly). A failure is logged, and ``failed(exception)`` (if given,
    held the same way) runs on the GUI thread instead of ``done``. Call from the GUI thread."""
    relay = _get_relay()
    ref, failed_ref = _weak(done), (_weak(failed) if failed is not None else None)

    def target() -> None:
        try:
            with collection_paused():
                result = work()
        except Exception as exc:
            log.exception("background work %s failed", name or work)
            if failed_ref is not None:
                relay.sig_done.emit(failed_ref, exc)
            return
        relay.sig_done.emit(ref, result)

    _worker.submit(target)


def _weak(fn: Callable[..., Any]) -> Any:
    """A callable's weak reference when it is a bound method (its object may be deleted), else a
    strong one with the same interface."""
    return weakref.WeakMethod(fn) if hasattr(fn, "__self__") else (lambda: fn)
