"""The heartbeat of the wall and the ops desk: polls the server, tracks how fresh the data is, and
never stops.

* Every ``poll_s`` (default 5 s) one snapshot is fetched (``WallSource.snapshot``); a poll still
  running is not doubled, and each one is cut off after ``timeout_s`` (4 s: a server that hangs
  veils the wall within a poll, as one that is gone does).
* Failures are only counted: the next poll simply tries again, so after a server restart the
  wall recovers by itself (httpx opens a new connection; nobody has to click).
* **Unreachable is stale at once**: a poll failing in transport, or the sync engine reporting
  ``offline`` (``on_connection``), veils the data immediately (not after ``stale_after_s``),
  polls again, and the first good poll unveils it and refreshes the trend.
* **Staleness**: a 1 Hz check compares the time since the last good update with
  ``stale_after_s`` (``STALE_AFTER_S`` = 30 s: six missed polls) and emits
  ``sig_freshness_changed(stale, age_s)``; the page greys itself with the age.
* SSE hints when the sync engine has a live stream: ``on_alert`` polls at once,
  ``on_queue_stats`` merges a ``queue.stats`` snapshot into the current one.
* The SLA trend (``GET /v1/ops/sla-report`` per day) refreshes every ``trend_s`` (5 min), and
  after any good poll while it has never loaded (the first try may run before sign-in).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.wire import parse_time
from app.rules import ops_metrics
from sync.problems import NetworkError
from ui.ops_source import WallSnapshot, WallSource
from ui.tasks import TaskKeeper

log = logging.getLogger(__name__)
POLL_S = 5.0
STALE_AFTER_S = 30.0
TREND_S = 300.0


class WallFeed(QObject):
    sig_snapshot_updated = Signal(object)
    """Emitted with a ``WallSnapshot`` after every good poll (or merged ``queue.stats``)."""

    sig_trend_updated = Signal(object)
    """Emitted with a ``Trend`` (daily SLA compliance per priority)."""

    sig_freshness_changed = Signal(bool, float)
    """Emitted with (stale, age in seconds) once a second while stale, and on every change."""

    sig_poll_failed = Signal(str)
    """Emitted with a short reason when a poll failed (the feed keeps trying)."""

    def __init__(
        self,
        source: WallSource,
        keeper: TaskKeeper,
        *,
        poll_s: float = POLL_S,
        stale_after_s: float = STALE_AFTER_S,
        trend_s: float = TREND_S,
        timeout_s: float = 4.0,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self._keeper = keeper
        self.stale_after_s = stale_after_s
        self.timeout_s = timeout_s
        self._now = now
        self._mono = monotonic
        self.snapshot: WallSnapshot | None = None
        self.trend: Any = None
        self.failures = 0
        self.stale = False
        self._last_ok: float | None = None
        self._unreachable = False
        self._stopped = False
        self._started = monotonic()
        self._poll_task: asyncio.Task | None = None
        self._trend_task: asyncio.Task | None = None
        self._poll_timer = self._timer(poll_s, self.poll_now)
        self._trend_timer = self._timer(trend_s, self.refresh_trend)
        self._fresh_timer = self._timer(1.0, self._on_freshness_tick)

    def _timer(self, seconds: float, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(max(50, int(seconds * 1000)))
        timer.timeout.connect(slot)
        return timer

    # -- control ----------------------------------------------------------------------------
    def start(self) -> None:
        self._stopped = False
        for timer in (self._poll_timer, self._trend_timer, self._fresh_timer):
            timer.start()
        self.poll_now()
        self.refresh_trend()

    def stop(self) -> None:
        self._stopped = True
        for timer in (self._poll_timer, self._trend_timer, self._fresh_timer):
            timer.stop()
        for task in (self._poll_task, self._trend_task):
            if task is not None and not task.done():
                task.cancel()

    def age_s(self) -> float:
        return self._mono() - (self._last_ok if self._last_ok is not None else self._started)

    def poll_now(self) -> None:
        if self._poll_task is not None and not self._poll_task.done():
            return
        self._poll_task = self._keeper.start(self._poll(), name="wall-poll")

    def refresh_trend(self) -> None:
        if self._trend_task is not None and not self._trend_task.done():
            return
        self._trend_task = self._keeper.start(self._trend(), name="wall-trend")

    def on_connection(self, state: str, _detail: str = "") -> None:
        """The sync engine's connection state: offline veils at once; any change polls now."""
        if state == "offline":
            self._mark_unreachable()
        if state == "online" and self.trend is None:
            self.refresh_trend()  # the first trend fetch may have run before sign-in
        self.poll_now()

    # -- SSE hints (connect to the bridge when it offers them) -------------------------------
    def on_alert(self, _data: Any = None) -> None:
        self.poll_now()

    def on_queue_stats(self, data: dict) -> None:
        snap = self.snapshot
        queue_id = data.get("queue_id") if isinstance(data, dict) else None
        if snap is None or queue_id not in snap.stats:
            return
        snap.stats[queue_id] = ops_metrics.merge_stats(snap.stats[queue_id], data)
        if data.get("snapshot_time"):
            snap.as_of = max(filter(None, (snap.as_of, parse_time(data["snapshot_time"]))))
        self._mark_fresh()
        self.sig_snapshot_updated.emit(snap)

    # -- work -------------------------------------------------------------------------------
    async def _poll(self) -> None:
        try:
            snap = await asyncio.wait_for(self.source.snapshot(), self.timeout_s)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # network down, server restarting, 5xx: try again next tick
            self.failures += 1
            log.info("wall poll failed (%s): %s", self.failures, exc)
            if self._alive():
                if isinstance(exc, NetworkError | TimeoutError):
                    self._mark_unreachable()
                self.sig_poll_failed.emit(type(exc).__name__)
            return
        if not self._alive():  # wait_for may return a result although the task was cancelled
            return
        self.snapshot = snap
        self._mark_fresh()
        self.sig_snapshot_updated.emit(snap)
        if self.trend is None:
            self.refresh_trend()  # not loaded yet (before sign-in, or failed): now it can be

    async def _trend(self) -> None:
        try:
            trend = await asyncio.wait_for(self.source.trend(self._now()), self.timeout_s * 3)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.info("wall trend failed: %s", exc)
            return
        if self._alive():
            self.trend = trend
            self.sig_trend_updated.emit(trend)

    def _alive(self) -> bool:
        """Not stopped, and the QObject not deleted with its page while a request ran."""
        return not self._stopped and shiboken6.isValid(self)

    def _mark_unreachable(self) -> None:
        self._unreachable = True
        if not self.stale and self._alive():
            self.stale = True
            self.sig_freshness_changed.emit(True, self.age_s())

    def _mark_fresh(self) -> None:
        self._last_ok = self._mono()
        self.failures = 0
        self._unreachable = False
        if self.stale:
            self.stale = False
            self.sig_freshness_changed.emit(False, 0.0)
            self.refresh_trend()

    def _on_freshness_tick(self) -> None:
        age = self.age_s()
        stale = self._unreachable or age > self.stale_after_s
        if stale or stale != self.stale:
            self.stale = stale
            self.sig_freshness_changed.emit(stale, age)


def engine_api(context: Any) -> Any:
    """The sync engine's ``ApiClient`` (shared token and connection pool), or None."""
    return context.bridge.api()


def connect_bridge(feed: WallFeed, bridge: Any) -> None:
    """Live hints: an ``alert`` event polls at once; ``queue.stats`` merges when offered."""
    bridge.sig_alert_received.connect(feed.on_alert)
    stats_signal = getattr(bridge, "sig_queue_stats_received", None)
    if stats_signal is not None:
        stats_signal.connect(feed.on_queue_stats)
