"""A translucent "stale data" veil over a widget: greys it and says how old the data is.

It covers its parent (the parent calls ``cover()`` from its ``resizeEvent`` — no event filter on
the parent, which PySide can call while the overlay is being destroyed), lets the mouse through
so hover-to-pause and clicks still reach the page, and paints one line of large text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from widgets.palette import qcolor


class StaleOverlay(QWidget):
    """``overlay.set_text("Data is 42 s old")``; ``show()`` / ``hide()``."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("staleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._text = ""
        self.setGeometry(parent.rect())
        self.hide()

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.update()

    def cover(self) -> None:
        """Match the parent's size (call from the parent's ``resizeEvent``)."""
        self.setGeometry(self.parentWidget().rect())

    def showEvent(self, event: QShowEvent) -> None:
        self.cover()
        super().showEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), qcolor("stale.veil"))
        if not self._text:
            return
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 2.2, 20))
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        box = self.rect().adjusted(40, 0, -40, 0)
        band = metrics.boundingRect(box, Qt.TextFlag.TextWordWrap, self._text).adjusted(
            -24, -16, 24, 16
        )
        band.moveCenter(self.rect().center())
        painter.fillRect(band, qcolor("stale.band"))
        painter.setPen(qcolor("stale.text"))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._text)
