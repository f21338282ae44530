"""The signal summary table of a checkpoint (seed 001: Type | Count | Severity | Affected Nodes),
with the unresolved streak that promotes a warning to critical after three SCs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.checkpoints import Signal
from app.rules.checkpoints import PROMOTE_AFTER_SCS
from app.text.labels import label, label_of, queue_label
from widgets.formatting import language

Index = QModelIndex | QPersistentModelIndex
SEVERITY = {"critical": ("▲▲", "#B34700"), "warning": ("▲", "#8A5A00"),
            "info": ("●", "#005A8C")}  # fmt: skip


class SignalsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._signals: list[Signal] = []

    def set_signals(self, signals: list[Signal]) -> None:
        self.beginResetModel()
        self._signals = list(signals)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._signals)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Signal"), self.tr("Type"), self.tr("Count"), self.tr("Severity"),
                self.tr("Affected nodes"), self.tr("Unresolved"))[section]  # fmt: skip

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self._signals[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 5:
                if not s.unresolved_streak:
                    return "—"
                text = self.tr("{n} SCs in a row").format(n=s.unresolved_streak)
                if s.severity.value == "warning" and s.unresolved_streak + 1 >= PROMOTE_AFTER_SCS:
                    text += self.tr(" → critical next")
                return text
            lang = language()
            return (s.id, label_of("signal_type", s.type, lang), str(s.count),
                    f"{SEVERITY[s.severity.value][0]} {label(s.severity, lang)}",
                    ", ".join(queue_label(n, lang) for n in s.affected_nodes))[col]  # fmt: skip
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QColor(SEVERITY[s.severity.value][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.evidence}\n{s.impact}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
