"""The senior-review queue: open appeals (submitted / in review) from the local store."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select

from app.domain.enums import AppealStatus
from app.domain.people import Appeal
from app.domain.wire import from_wire
from app.store.lookups import user_names
from app.store.models import AppealRow
from app.store.store import Store
from app.text.labels import label, person_name
from widgets.formatting import language, table_time
from widgets.table_model import TableModel

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


class AppealsModel(TableModel):
    """Columns: appeal, case, submitted, by, original decider, status."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AppealsModel", "Appeal"),
        QT_TRANSLATE_NOOP("AppealsModel", "Case"),
        QT_TRANSLATE_NOOP("AppealsModel", "Submitted"),
        QT_TRANSLATE_NOOP("AppealsModel", "By"),
        QT_TRANSLATE_NOOP("AppealsModel", "Decided by"),
        QT_TRANSLATE_NOOP("AppealsModel", "Status"),
    )

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent, load=self._load_rows)
        self._store = store
        self._names: dict[str, str] = {}

    def _load_rows(self) -> list[Appeal]:
        with self._store.session() as session:
            self._names = user_names(session)
        return open_appeals(self._store)

    def names(self) -> dict[str, str]:
        return self._names

    def name(self, user_id: str | None) -> str:
        """A user id as the person's display name (never the raw id)."""
        return person_name(user_id, self._names, language())

    def appeal(self, row: int) -> Appeal | None:
        return self.at(row)

    def cell(self, a: Appeal, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            a.id,
            a.case_id,
            table_time(a.submitted_at),
            self.name(a.submitted_by),
            self.name(a.original_decider_id),
            label(a.status, language()),
        )[column]
