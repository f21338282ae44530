"""Run something right after a window has been painted for the first time.

Start-up work that the first picture does not need (the sync engine, background imports) waits
for it, so the window appears as early as possible (shared/DESIGN.md "Start": show the last known
state at once, then start syncing).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Application event filter until the first Paint event of ``window`` or a widget in it."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window, self._then = window, then
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and obj.window() is self._window
        ):
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after this paint has returned
        return False


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Call ``then()`` once, on the event loop, after ``window``'s first paint. Install it
    before ``window.show()``."""
    _FirstPaint(window, then)


def first_paint(window: QWidget) -> asyncio.Future[None]:
    """A future that resolves after ``window``'s first paint (install before ``show()``)."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    after_first_paint(window, lambda: done.done() or done.set_result(None))
    return done
