"""The signal summary table of a checkpoint (seed 001: Type | Count | Severity | Affected Nodes),
with the unresolved streak that promotes a warning to critical after three SCs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.checkpoints import Signal
from app.rules.checkpoints import PROMOTE_AFTER_SCS
from widgets.palette import qcolor

Index = QModelIndex | QPersistentModelIndex
SEVERITY = {"critical": ("▲▲ CRITICAL", "error"), "warning": ("▲ WARNING", "warning"),
            "info": ("● INFO", "info")}  # fmt: skip
"""Label and palette role by severity."""


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
            return (s.id, s.type, str(s.count), SEVERITY[s.severity.value][0],
                    ", ".join(s.affected_nodes))[col]  # fmt: skip
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return qcolor(SEVERITY[s.severity.value][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.evidence}\n{s.impact}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
