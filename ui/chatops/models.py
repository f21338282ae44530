"""The conversation (one row per question asked) and the selected answer's table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ui.chatops.words import Names, cell, column_label

Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class Entry:
    """One question (or one tool run) and what came back."""

    question: str
    tool: str | None = None  # a tool chosen directly (re-run, alternative, tool list)
    args: dict = field(default_factory=dict)
    reply: dict | None = None
    local: tuple | None = None  # the workstation's half (app.store.diagnostics)
    error: str = ""

    @property
    def answered(self) -> bool:
        return self.reply is not None or bool(self.error)


class ConversationModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []

    def add(self, entry: Entry) -> int:
        row = len(self.entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self.entries.append(entry)
        self.endInsertRows()
        return row

    def changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.entries)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            entry = self.entries[index.row()]
            state = "" if entry.answered else " …"
            if entry.error:
                state = " ⚠"
            return f"{entry.question}{state}"
        if role == Qt.ItemDataRole.UserRole:
            return self.entries[index.row()]
        return None


class AnswerModel(QAbstractTableModel):
    """An answer's ``table`` (column ids and raw rows), shown in words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.columns: list[str] = []
        self.rows: list[list] = []
        self.names: Names = {}

    def set_table(self, columns: list[str], rows: list[list]) -> None:
        self.beginResetModel()
        self.columns, self.rows = list(columns), [list(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return column_label(self.columns[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if not (0 <= index.column() < len(row)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell(self.columns[index.column()], row[index.column()], self.names)
        return None


def confidence_text(value: float | None) -> str:
    if value is None:
        return ""
    return QCoreApplication.translate("ChatOps", "Confidence {p}%").format(p=round(value * 100))
