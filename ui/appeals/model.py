"""The senior-review queue: open appeals (submitted / in review) from the local store."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy import select

from app.domain.enums import AppealStatus
from app.domain.people import Appeal
from app.domain.wire import from_wire
from app.store.lookups import user_names
from app.store.models import AppealRow
from app.store.store import Store
from app.text.labels import label, person_name
from widgets.formatting import language, table_time

Index = QModelIndex | QPersistentModelIndex
OPEN = (AppealStatus.SUBMITTED.value, AppealStatus.IN_REVIEW.value)


def open_appeals(store: Store) -> list[Appeal]:
    """Oldest first: the order a senior reviewer works the queue in."""
    stmt = (
        select(AppealRow.data)
        .where(AppealRow.status.in_(OPEN))
        .order_by(AppealRow.submitted_at, AppealRow.id)
    )
    with store.session() as session:
        return [from_wire(Appeal, d) for d in session.execute(stmt).scalars()]


class AppealsModel(QAbstractTableModel):
    """Columns: appeal, case, submitted, by, original decider, status."""

    COLUMNS = 6

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[Appeal] = []
        self._names: dict[str, str] = {}

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = open_appeals(self._store)
        with self._store.session() as session:
            self._names = user_names(session)
        self.endResetModel()

    def names(self) -> dict[str, str]:
        return self._names

    def name(self, user_id: str | None) -> str:
        """A user id as the person's display name (never the raw id)."""
        return person_name(user_id, self._names, language())

    def appeal(self, row: int) -> Appeal | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, appeal_id: str) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == appeal_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            self.tr("Appeal"),
            self.tr("Case"),
            self.tr("Submitted"),
            self.tr("By"),
            self.tr("Decided by"),
            self.tr("Status"),
        )
        return names[section] if 0 <= section < self.COLUMNS else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        a = self.appeal(index.row())
        if a is None:
            return None
        return (
            a.id,
            a.case_id,
            table_time(a.submitted_at),
            self.name(a.submitted_by),
            self.name(a.original_decider_id),
            label(a.status, language()),
        )[index.column()]
