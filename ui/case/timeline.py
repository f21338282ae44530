"""The case's timeline (notes, comments, actions, system entries = its audit trail) as a model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from app.domain.cases import TimelineEntry
from app.rules.messages import action_label
from app.text.labels import has_label, label_of, person_name
from widgets.formatting import table_time
from widgets.table_model import TableModel


class TimelineModel(TableModel):
    """Columns: time (Asia/Seoul), who, what, text. Newest first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("TimelineModel", "Time"),
        QT_TRANSLATE_NOOP("TimelineModel", "Who"),
        QT_TRANSLATE_NOOP("TimelineModel", "What"),
        QT_TRANSLATE_NOOP("TimelineModel", "Details"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}
        self._lang = "ko"

    def set_entries(
        self, entries: list[TimelineEntry], names: dict[str, str], lang: str = "ko"
    ) -> None:
        self._lang = lang
        self._names = dict(names)
        self.set_rows(sorted(entries, key=lambda e: e.at, reverse=True))

    def entry(self, row: int) -> TimelineEntry:
        return self._items[row]

    def cell(self, e: TimelineEntry, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return table_time(e.at)
        if column == 1:
            return person_name(e.actor_id, self._names, self._lang)
        if column == 2:
            if has_label("timeline_kind", e.kind):  # "system", not an action: its word
                return label_of("timeline_kind", e.kind, self._lang)
            return action_label(e.kind, self._lang)
        text = e.body or ""
        return text if role == Qt.ItemDataRole.ToolTipRole else text.replace("\n", " ")
