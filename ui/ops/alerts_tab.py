"""Open alerts at the desk, with Acknowledge (supervisor, ops_admin).

Acknowledging writes an outbox row (``app.services.ops_actions.acknowledge_alert``); the alert
leaves this list and the wall's banner at once (acks still in the outbox are filtered out) and
the server stops listing it once the row is pushed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.alert_severity import SEVERITY, most_urgent
from app.rules.pii import shared_subject
from app.text.labels import queue_label
from ui.alert_words import alert_message, alert_time, kind_label
from widgets.formatting import language, table_time
from widgets.kpi_tile import LEVEL_SHAPES
from widgets.palette import qcolor
from widgets.table_model import TableModel
from widgets.table_view import make_table

translate = QCoreApplication.translate


class AlertsModel(TableModel):
    COLUMNS = ("time", "kind", "subject", "queue", "message")
    HEADERS = (
        QT_TRANSLATE_NOOP("AlertsModel", "Time"),
        QT_TRANSLATE_NOOP("AlertsModel", "Alert"),
        QT_TRANSLATE_NOOP("AlertsModel", "About"),
        QT_TRANSLATE_NOOP("AlertsModel", "Queue"),
        QT_TRANSLATE_NOOP("AlertsModel", "Message"),
    )

    def set_alerts(self, alerts: list[dict[str, Any]]) -> None:
        self.update_rows(most_urgent(alerts))

    def alert(self, row: int) -> dict[str, Any] | None:
        return self.at(row)

    def cell(self, a: dict[str, Any], column: int, role: int) -> Any:
        name = self.COLUMNS[column]
        level = SEVERITY.get(str(a.get("kind")), "warning")
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "time":
                at = alert_time(a)
                return table_time(at) if at else ""
            if name == "kind":
                return f"{LEVEL_SHAPES[level]} {kind_label(str(a.get('kind')))}"
            if name == "subject":
                prio = str(a.get("priority") or "").upper()
                return shared_subject(a) + (f" ({prio})" if prio else "")
            if name == "queue":
                return queue_label(a.get("queue_id"), language()) if a.get("queue_id") else ""
            return alert_message(a)
        if role == Qt.ItemDataRole.ForegroundRole and name == "kind":
            return qcolor(f"level.{level}")
        if role == Qt.ItemDataRole.ToolTipRole and name == "message":
            return alert_message(a)
        return None


class AlertsTab(QWidget):
    sig_ack_requested = Signal(object, str)
    """Emitted with (alert dict, note) when the user acknowledges the selected alert."""

    def __init__(self, can_ack: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opsAlerts")
        self.model = AlertsModel(self)
        self.view = make_table(self, self.model, name="opsAlertsTable", row_pad=None)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(translate("OpsPage", "Note (optional)"))
        self.note.setMaxLength(2000)
        self.ack = QPushButton(translate("OpsPage", "Acknowledge"), self)
        self.ack.setObjectName("primaryButton")
        self.ack.setEnabled(False)
        self.ack.setToolTip(
            translate("OpsPage", "Removes the alert from the wall banner for everyone")
            if can_ack
            else translate("OpsPage", "Only a supervisor or an ops admin may acknowledge")
        )
        self.empty = QLabel(translate("OpsPage", "No open alerts."), self)
        self.empty.setObjectName("emptyState")
        self._can_ack = can_ack
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.ack)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)
        self.ack.clicked.connect(self._on_ack_clicked)
        self._on_selection_changed()

    def selected(self) -> dict[str, Any] | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.alert(rows[0].row()) if rows else None

    def _on_selection_changed(self, *_: Any) -> None:
        self.ack.setEnabled(self._can_ack and self.selected() is not None)
        self.empty.setVisible(self.model.rowCount() == 0)

    def _on_ack_clicked(self) -> None:
        alert = self.selected()
        if alert is not None:
            self.sig_ack_requested.emit(alert, self.note.text().strip())
            self.note.clear()
