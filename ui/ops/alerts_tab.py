"""Open alerts at the desk, with Acknowledge (supervisor, ops_admin).

Acknowledging writes an outbox row (``app.services.ops_actions.acknowledge_alert``); the alert
leaves this list and the wall's banner at once (acks still in the outbox are filtered out) and
the server stops listing it once the row is pushed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.rules.pii import shared_subject
from app.text.labels import queue_label
from ui.wall.alert_strip import SEVERITY, alert_message, alert_time, kind_label, most_urgent
from widgets.formatting import language, table_time
from widgets.kpi_tile import LEVEL_COLORS, LEVEL_SHAPES

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


class AlertsModel(QAbstractTableModel):
    COLUMNS = ("time", "kind", "subject", "queue", "message")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._alerts: list[dict[str, Any]] = []

    def set_alerts(self, alerts: list[dict[str, Any]]) -> None:
        ordered = most_urgent(alerts)
        if [a.get("id") for a in ordered] == [a.get("id") for a in self._alerts]:
            self._alerts = ordered
            if ordered:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ordered) - 1, 4))
            return
        self.beginResetModel()
        self._alerts = ordered
        self.endResetModel()

    def alert(self, row: int) -> dict[str, Any] | None:
        return self._alerts[row] if 0 <= row < len(self._alerts) else None

    def row_of(self, alert_id: str) -> int:
        return next((i for i, a in enumerate(self._alerts) if a.get("id") == alert_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._alerts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            translate("AlertsModel", "Time"),
            translate("AlertsModel", "Alert"),
            translate("AlertsModel", "About"),
            translate("AlertsModel", "Queue"),
            translate("AlertsModel", "Message"),
        )
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._alerts)):
            return None
        a = self._alerts[index.row()]
        name = self.COLUMNS[index.column()]
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
            return QColor(LEVEL_COLORS[level])
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
        self.view = QTableView(self)
        self.view.setObjectName("opsAlertsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
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
