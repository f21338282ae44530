"""When the wall's rotation pauses: on a person's hand, not on the pointer merely being there.

In kiosk full screen the pointer is always over the wall, so hovering cannot mean "someone is
reading". ``InteractionWatch`` filters the application's input while the wall is shown and calls
``on_touch`` for real pointer movement (the global position changed since the last move it saw —
the synthetic move Qt sends on enter or after a relayout carries the same position), a press, a
wheel turn or a key; the page pauses for ``resume_s`` after the last one and resumes by itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

RESUME_S = 30.0
TOUCH_EVENTS = frozenset(
    {
        QEvent.Type.MouseMove,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
    }
)


class InteractionWatch(QObject):
    """Application event filter, active only while ``widget`` is visible."""

    def __init__(self, widget: QWidget, on_touch: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._on_touch = on_touch
        self._last_pos: QPointF | None = None
        self._installed = False

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
        self._last_pos = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in TOUCH_EVENTS or not isinstance(watched, QWidget):
            return False
        if not watched.isWidgetType() or watched.window() is not self._widget.window():
            return False
        if event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            pos = event.globalPosition()
            moved = self._last_pos is not None and pos != self._last_pos
            self._last_pos = QPointF(pos)
            if not moved:
                return False
        self._on_touch()
        return False
