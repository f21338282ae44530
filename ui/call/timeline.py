"""The customer's prior interactions on the customer card (Amazon Connect's contact history
beside the agent workspace): earlier calls and the customer's cases, newest first, one line each
— date, channel / type, and the disposition or status in words (app/text/labels.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from app.text.labels import label_of
from ui.call.source import Interaction
from widgets.formatting import language, table_time

Index = QModelIndex | QPersistentModelIndex
INTERACTION_ROLE = Qt.ItemDataRole.UserRole + 71


def interaction_text(item: Interaction, lang: str) -> str:
    """ "12. 2. 21:28 · 전화 상담 · MSP · 정보 안내" / "… · 케이스 · 신용대출 · 승인"."""
    when = table_time(item.at) if item.at else "—"
    if item.kind == "call":
        channel = label_of("CallFlow", item.channel, lang)
        outcome = (
            label_of("Disposition", item.outcome, lang)
            if item.outcome not in ("ringing", "connected", "acw", "ended")
            else label_of("CallState", item.outcome, lang)
        )
    else:
        channel = label_of("product", item.channel, lang) if item.channel else "—"
        outcome = label_of("CaseStatus", item.outcome, lang)
    kind = label_of("InteractionKind", item.kind, lang)
    return f"{when} · {kind} · {channel} · {outcome}"


class TimelineModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Interaction] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return interaction_text(item, language())
        if role == Qt.ItemDataRole.ToolTipRole and item.kind == "case":
            return item.id  # a case reference, never a customer identifier
        if role == INTERACTION_ROLE:
            return item
        return None

    def set_rows(self, rows: list[Interaction]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def interaction(self, row: int) -> Interaction:
        return self._rows[row]


class TimelineView(QListView):
    """The list on the card: fixed row height, read-only, reachable by Tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerTimeline")
        self.setAccessibleName(self.tr("Prior interactions"))
        self.timeline = TimelineModel(self)
        self.setModel(self.timeline)
        self.setUniformItemSizes(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.timeline.modelReset.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        """As tall as its rows (up to 5; more scroll), so the card keeps its room."""
        rows = max(1, min(5, self.timeline.rowCount()))
        row = self.sizeHintForRow(0) if self.timeline.rowCount() else self.fontMetrics().height()
        self.setFixedHeight(row * rows + 2 * self.frameWidth() + 4)
