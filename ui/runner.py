"""The one path of a user action (Anki's ``CollectionOp``): page → runner → app service on the
single store writer thread → result or error back on the GUI thread.

    context.runner.op(task_actions.approve, store, user, task_id, form, now) \\
        .success(self._on_saved).failure(self._on_refused).run("case.approve")

The work runs on the store writer (``sync.writer.StoreWriter``; the sync engine is handed the
same one, so user actions, pulled pages and outbox updates never interleave) inside
``app.store.changes.collecting()``. Back on the GUI thread the runner first hands what the
committed transactions changed to the bridge (``SyncBridge.announce_local``: typed change
signals with the ids, the engine told to push soon, the outbox count refreshed — the only place
a page's write does this), then calls ``success(result)``, or ``failure(exception)`` when the
work raised (a ``RuleError`` carries the field errors), and last tells screen readers how it
ended — politely on success, assertively on failure, one sentence in the user's language
(``ui.op_words``) — for every operation a user started (``Op.background()`` marks one that is
not), so no page announces its own results. The work itself never touches a widget;
the callbacks run only on the GUI thread and only the GUI thread holds them (the writer gets
the work and its arguments, never the operation), and a bound method is held weakly, so a page
deleted meanwhile is skipped. The work and its arguments must not reference widgets: read the
form on the GUI thread and bind plain values (``functools.partial``). An error without a
failure callback goes to ``sys.excepthook`` (the one place for unhandled errors).
"""

from __future__ import annotations

import itertools
import logging
import sys
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from app.rules.errors import RuleError
from app.store import changes
from sync.writer import StoreWriter
from ui import op_words
from ui.gc_guard import collection_paused
from widgets import a11y, formatting

log = logging.getLogger(__name__)
Callback = Callable[[Any], Any]


class Op:
    """One operation: ``work(*args)`` with its success and failure paths; :meth:`run` queues it."""

    def __init__(self, runner: OperationRunner, work: Callable[..., Any], args: tuple) -> None:
        self._runner, self.work, self.args = runner, work, args
        self.on_success: Any = None
        self.on_failure: Any = None
        self.name = getattr(work, "__name__", "op")
        self.user_started = True

    def background(self) -> Op:
        """Not started by the user (housekeeping after a sync): its outcome is not announced."""
        self.user_started = False
        return self

    def success(self, fn: Callback) -> Op:
        """``fn(result)`` on the GUI thread after the work returned."""
        self.on_success = _weak(fn)
        return self

    def failure(self, fn: Callback) -> Op:
        """``fn(exception)`` on the GUI thread when the work raised."""
        self.on_failure = _weak(fn)
        return self

    def run(self, name: str = "") -> Op:
        """Queue the work on the writer thread (call from the GUI thread); returns at once."""
        if name:
            self.name = name
        self._runner._start(self)
        return self


class OperationRunner(QObject):
    """Runs every user action's store write; see the module docstring."""

    sig_op_started = Signal(str)
    """Emitted with the operation's name when a page queues it (the recording hook of tests)."""

    sig_op_finished = Signal(str, bool)
    """Emitted with (name, succeeded) after its callbacks ran on the GUI thread."""

    _sig_done = Signal(int, object, object, object)  # (token, result, error, changes): queued

    def __init__(self, bridge: Any, writer: StoreWriter | None = None) -> None:
        super().__init__(bridge)
        self._bridge = bridge
        self.writer = writer or StoreWriter()
        self._pending: dict[int, Op] = {}  # held on the GUI thread only
        self._tokens = itertools.count(1)
        self._sig_done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    def op(self, work: Callable[..., Any], *args: Any) -> Op:
        """An operation running ``work(*args)``; chain ``.success(…).failure(…).run(name)``."""
        return Op(self, work, args)

    def running(self) -> int:
        """Operations queued or running whose callbacks have not run yet."""
        return len(self._pending)

    def close(self) -> None:
        """Finish queued work and stop the writer thread (at shutdown, after the engine)."""
        self.writer.close()

    # -- internals ---------------------------------------------------------------------------------
    def _start(self, op: Op) -> None:
        token = next(self._tokens)
        self._pending[token] = op
        self.sig_op_started.emit(op.name)
        self.writer.submit(_run_work, self._sig_done, token, op.work, op.args)

    def _on_done(self, token: int, result: Any, error: BaseException | None, changed: Any) -> None:
        op = self._pending.pop(token, None)
        if op is None:
            return
        self._bridge.announce_local(changed, result)
        try:
            if error is None:
                _call(op.on_success, result)
            elif op.on_failure is not None:
                if not isinstance(error, RuleError):
                    log.error("operation %s failed", op.name, exc_info=error)
                _call(op.on_failure, error)
            else:
                sys.excepthook(type(error), error, error.__traceback__)
        finally:
            if op.user_started:
                self.say_outcome(op.name, error)
            self.sig_op_finished.emit(op.name, error is None)

    def say_outcome(self, name: str, error: BaseException | None = None) -> None:
        """Tell screen readers how operation ``name`` ended (polite on success, assertive on
        failure). Also for an action refused on the GUI thread before it was queued."""
        text = op_words.outcome(name, error, formatting.language())
        a11y.announce_where_the_user_is(text, assertive=error is not None)


def _run_work(done: Any, token: int, work: Callable[..., Any], args: tuple) -> None:
    """On the writer thread: run the work, then queue its outcome to the GUI thread. No Qt
    object but the queued signal is touched here."""
    result = error = None
    with changes.collecting() as changed:
        try:
            with collection_paused():
                result = work(*args)
        except Exception as exc:  # handed to the failure path on the GUI thread
            error = exc
    try:
        done.emit(token, result, error, changed)
    except RuntimeError:  # the runner was deleted meanwhile (its window closed)
        log.debug("operation result dropped: the runner is gone")


def _weak(fn: Callable[..., Any]) -> Any:
    """A bound method's weak reference (its widget may be deleted), else a strong one."""
    return weakref.WeakMethod(fn) if hasattr(fn, "__func__") else (lambda: fn)


def _call(ref: Any, value: Any) -> None:
    fn = ref() if ref is not None else None
    if fn is None:
        return
    try:
        fn(value)
    except RuntimeError as exc:  # the widget's C++ side was deleted meanwhile
        if "already deleted" not in str(exc):
            raise
        log.debug("operation callback dropped: %s", exc)
