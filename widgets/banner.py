"""An in-app notification banner: one line of text, a severity stripe, a close button.

Messages queue up; by default the first shows and later ones wait. With ``newest_first`` the
latest message shows at once and the one it covers waits behind it (for a live call, where the
newest news is the one that matters). Info banners hide themselves after a while;
warnings and critical ones stay until closed, because a missed SLA alert costs more than a click.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from widgets.a11y import announce

translate = QCoreApplication.translate

SEVERITIES = ("info", "warning", "critical")


class NotificationBanner(QFrame):
    """A dismissable strip across the top of a window."""

    sig_banner_activated = Signal(str)
    """Emitted with the message's key when the user clicks "Open" on it."""

    sig_banner_closed = Signal()
    """Emitted when the last queued message has been dismissed."""

    AUTO_HIDE_MS = 8000

    def __init__(self, parent: QWidget | None = None, *, newest_first: bool = False) -> None:
        super().__init__(parent)
        self.newest_first = newest_first
        self.setObjectName("notificationBanner")
        self.setProperty("severity", "info")
        self._queue: deque[tuple[str, str, str]] = deque()
        self._current: tuple[str, str, str] | None = None
        self._label = QLabel(self)
        self._label.setObjectName("bannerText")
        self._label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._open = QPushButton(translate("NotificationBanner", "Open"), self)
        self._open.setAccessibleName(
            translate("NotificationBanner", "Open the item of this notification")
        )
        self._close = QPushButton(translate("NotificationBanner", "Dismiss"), self)
        self._close.setAccessibleName(translate("NotificationBanner", "Dismiss notification"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self._label)
        layout.addWidget(self._open)
        layout.addWidget(self._close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_dismiss_clicked)
        self._open.clicked.connect(self._on_open_clicked)
        self._close.clicked.connect(self._on_dismiss_clicked)
        self.hide()

    def show_message(
        self, text: str, severity: str = "info", key: str = "", *, spoken: bool = True
    ) -> None:
        """Queue ``text``; shown at once when nothing else is showing. ``spoken=False`` for a
        message screen readers were already told (an action's result: ``ui.runner``)."""
        if severity not in SEVERITIES:
            severity = "info"
        if spoken:
            announce(self, text, assertive=severity == "critical")  # heard even while queued
        if self.newest_first:
            if self._current is not None:
                self._queue.appendleft(self._current)
            self._queue.appendleft((text, severity, key))
            self._show_next()
            return
        self._queue.append((text, severity, key))
        if self._current is None:
            self._show_next()

    def clear(self) -> None:
        """Drop every message, showing and queued (their subject is gone)."""
        self._queue.clear()
        self._show_next()

    def current_text(self) -> str:
        return self._current[0] if self._current else ""

    def pending_count(self) -> int:
        return len(self._queue)

    def _show_next(self) -> None:
        self._timer.stop()
        if not self._queue:
            self._current = None
            self.hide()
            self.sig_banner_closed.emit()
            return
        self._current = self._queue.popleft()
        text, severity, key = self._current
        more = len(self._queue)
        suffix = translate("NotificationBanner", " (+{n} more)").format(n=more) if more else ""
        self._label.setText(text + suffix)
        self._open.setVisible(bool(key))
        self.setProperty("severity", severity)
        self.setAccessibleDescription(text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        if severity == "info":
            self._timer.start(self.AUTO_HIDE_MS)

    def _on_open_clicked(self) -> None:
        if self._current and self._current[2]:
            self.sig_banner_activated.emit(self._current[2])
        self._show_next()

    def _on_dismiss_clicked(self) -> None:
        self._show_next()
