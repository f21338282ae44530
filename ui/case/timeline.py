"""The case's timeline (notes, comments, actions, system entries = its audit trail) as a model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.cases import TimelineEntry
from app.rules.messages import action_label
from app.text.labels import person_name
from widgets.formatting import table_time

Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    """Columns: time (Asia/Seoul), who, what, text. Newest first."""

    COLUMNS = 4

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []
        self._names: dict[str, str] = {}
        self._lang = "ko"

    def set_entries(
        self, entries: list[TimelineEntry], names: dict[str, str], lang: str = "ko"
    ) -> None:
        self.beginResetModel()
        self._lang = lang
        self._entries = sorted(entries, key=lambda e: e.at, reverse=True)
        self._names = dict(names)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.COLUMNS:
            return None
        return (self.tr("Time"), self.tr("Who"), self.tr("What"), self.tr("Details"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        e = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            col = index.column()
            if col == 0:
                return table_time(e.at)
            if col == 1:
                return person_name(e.actor_id, self._names, self._lang)
            if col == 2:
                return action_label(e.kind, self._lang)
            text = e.body or ""
            return text if role == Qt.ItemDataRole.ToolTipRole else text.replace("\n", " ")
        return None
