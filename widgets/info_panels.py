"""Small read-only panels: a titled key/value group (the case, appeals and Sync problems pages)
and a case's SLA badge."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.cases import SlaInfo
from app.domain.enums import SlaState
from app.rules import sla
from widgets.a11y import ending_in, name_with_value
from widgets.sla_countdown import BANDS, countdown_text, countdown_tooltip, paint_shape, state_label

WRAP_FROM = 40  # characters


class InfoGroup(QGroupBox):
    """A titled group of "label: value" rows; values are selectable and word-wrapped."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(4)
        self._values: dict[str, QLabel] = {}

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self._values.clear()
        for label, value in rows:
            shown = QLabel(value or "—", self)
            shown.setWordWrap(len(value or "") > WRAP_FROM)  # short values never clip
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            shown.setAccessibleName(name_with_value(label, ending_in(value or "")))
            self._values[label] = shown
            self.form.addRow(QLabel(label, self), shown)

    def value(self, label: str) -> str:
        return self._values[label].text()

    def add_footer(self, widget: QWidget) -> None:
        """A widget under the rows that survives :meth:`set_rows`."""
        widget.setParent(self)
        self.layout().addWidget(widget)


class SlaBadge(QWidget):
    """The SLA state of the open case: the countdown widget's shape, words and bar, larger."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseSla")
        self._view: sla.SlaView | None = None
        self.setMinimumHeight(max(30, self.fontMetrics().height() + 14))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_sla(self, info: SlaInfo | None, now: datetime) -> None:
        self._view = sla.evaluate(info, now) if info is not None else None
        text = self.text()
        self.setToolTip(countdown_tooltip(self._view) if self._view else "")
        self.setAccessibleName(text)
        self.updateGeometry()
        self.update()

    def state(self) -> SlaState | None:
        return self._view.state if self._view else None

    def text(self) -> str:
        if self._view is None:
            return self.tr("No SLA")
        return f"SLA {state_label(self._view.state)} · {countdown_text(self._view)}"

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.text()) + 48, self.minimumHeight())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = self.rect().adjusted(4, 3, -4, -3)
        if self._view is None:
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, self.text())
            return
        band = BANDS[self._view.state]
        size = 14
        paint_shape(
            painter, band, QRect(rect.left(), rect.center().y() - size // 2 - 2, size, size)
        )
        font = painter.font()
        font.setBold(self._view.state in (SlaState.WARNING, SlaState.BREACHED))
        painter.setFont(font)
        text_rect = rect.adjusted(size + 8, 0, 0, -5)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, self.text())
        bar = QRect(text_rect.left(), rect.bottom() - 3, text_rect.width(), 3)
        track = band.color.lighter(170)
        painter.fillRect(bar, track)
        done = 1.0 if self._view.state is SlaState.MET else self._view.elapsed_fraction
        width = round(bar.width() * max(0.0, min(1.0, done)))
        painter.fillRect(QRect(bar.left(), bar.top(), width, bar.height()), band.color)
