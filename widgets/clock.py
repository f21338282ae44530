"""One shared 1 Hz clock for every countdown on screen (shared/DESIGN.md "Clocks").

The clock reads time through an injectable function and corrects it by the server-time offset,
so tests drive it by hand and every countdown agrees with the server's idea of "now".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal


def _system_now() -> datetime:
    return datetime.now(UTC)


class Clock(QObject):
    """A ticking source of the corrected current time (UTC, timezone-aware)."""

    sig_tick = Signal(object)
    """Emitted once a second (and by :meth:`tick`) with the corrected ``datetime`` now."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        now: Callable[[], datetime] = _system_now,
        interval_ms: int = 1000,
    ) -> None:
        super().__init__(parent)
        self._now_fn = now
        self._offset = timedelta(0)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)

    # -- time -------------------------------------------------------------------------------
    def now(self) -> datetime:
        """The local clock corrected by the server offset."""
        return self._now_fn() + self._offset

    @property
    def offset(self) -> timedelta:
        return self._offset

    def set_server_time(self, server_time: datetime) -> None:
        """Record the server's time as seen now; later :meth:`now` calls follow the server."""
        self._offset = server_time - self._now_fn()

    def set_offset(self, offset: timedelta) -> None:
        self._offset = offset

    def set_offset_seconds(self, seconds: float) -> None:
        """Seconds to add to the local clock to get the server's (sync stores this)."""
        self._offset = timedelta(seconds=seconds)

    def set_now_function(self, now: Callable[[], datetime]) -> None:
        """Replace the time source (tests inject a controllable clock)."""
        self._now_fn = now

    # -- ticking ----------------------------------------------------------------------------
    def start(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def tick(self) -> None:
        """Emit :attr:`sig_tick` now (the timer calls this; tests may too)."""
        self.sig_tick.emit(self.now())


class ManualTime:
    """A settable time source for tests and screenshots: ``clock = Clock(now=ManualTime(t))``."""

    def __init__(self, start: datetime) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def advance(self, delta: timedelta) -> datetime:
        self.value += delta
        return self.value
