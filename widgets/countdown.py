"""A deadline countdown label driven by the shared 1 Hz clock (no timer of its own).

Used for the 24 h approval timeout and the 48 h halt-and-escalate of an event checkpoint. The
``state`` property (``ok`` / ``warning`` / ``overdue``) lets themes colour it; the text always
says it in words too (never colour alone).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QWidget

from widgets.clock import Clock
from widgets.formatting import format_duration, local_time, zone_label
from widgets.palette import Roles

translate = QCoreApplication.translate
COLOURS = Roles({"ok": "info", "warning": "warning", "overdue": "error"}, as_hex=True)


def countdown_state(deadline: datetime, now: datetime, warn_within: timedelta) -> str:
    if now >= deadline:
        return "overdue"
    return "warning" if deadline - now <= warn_within else "ok"


class CountdownLabel(QLabel):
    """ "⏱ 19h 0m left" until ``deadline``, then "overdue by …"; updates on ``clock.sig_tick``."""

    sig_deadline_reached = Signal()
    """Emitted once when a tick finds the deadline passed."""

    def __init__(
        self,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        warn_within: timedelta = timedelta(hours=4),
        what: str = "",
        point_size: float = 0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineCountdown")
        self._clock = clock
        self._deadline: datetime | None = None
        self._warn = warn_within
        self._what = what
        self._fired = False
        self._size = f" font-size: {point_size:g}pt;" if point_size else ""
        self.state = "ok"
        clock.sig_tick.connect(self._on_tick)

    def set_deadline(self, deadline: datetime | None) -> None:
        self._deadline = deadline
        self._fired = False
        self._on_tick(self._clock.now())

    def deadline(self) -> datetime | None:
        return self._deadline

    def remaining(self) -> timedelta | None:
        return None if self._deadline is None else self._deadline - self._clock.now()

    def _on_tick(self, now: datetime) -> None:
        if self._deadline is None:
            self.setText("")
            return
        self.state = countdown_state(self._deadline, now, self._warn)
        left = self._deadline - now
        what = f"{self._what} " if self._what else ""
        if self.state == "overdue":
            text = translate("CountdownLabel", "{what}overdue by {time}").format(
                what=what, time=format_duration(left)
            )
        else:
            text = translate("CountdownLabel", "{what}{time} left").format(
                what=what, time=format_duration(left)
            )
        self.setText(f"{text}")
        self.setToolTip(
            translate("CountdownLabel", "Deadline {at} ({zone})").format(
                at=local_time(self._deadline), zone=zone_label(self._deadline)
            )
        )
        self.setAccessibleName(text)
        self.setProperty("state", self.state)
        self.setStyleSheet(f"color: {COLOURS[self.state]}; font-weight: bold;{self._size}")
        if self.state == "overdue" and not self._fired:
            self._fired = True
            self.sig_deadline_reached.emit()
