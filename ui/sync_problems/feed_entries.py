"""Server changes this workstation could not apply (``app.store.quarantine``), on the Sync
problems page: which entity, why (the reason and the field), when, and the raw text the server
sent. Nothing to do here but know: the rest of the sync went on, and an entry clears by itself
when the server sends a corrected version of the entity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelection,
    Qt,
)
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store import quarantine
from app.store.store import Store
from app.text.labels import label_of
from widgets.formatting import language, local_time
from widgets.table_model import TableModel
from widgets.table_view import set_up_table

RAW_SHOWN = 20_000  # characters of the raw text shown (the store keeps more)

REASONS = {
    quarantine.NOT_AN_OBJECT: QT_TRANSLATE_NOOP("FeedEntriesModel", "Not an entity"),
    quarantine.INTEGER_OUT_OF_RANGE: QT_TRANSLATE_NOOP("FeedEntriesModel", "Number out of range"),
    quarantine.BAD_SHAPE: QT_TRANSLATE_NOOP("FeedEntriesModel", "Malformed entity"),
    quarantine.BAD_VALUE: QT_TRANSLATE_NOOP("FeedEntriesModel", "Invalid value"),
    quarantine.MISSING_FIELD: QT_TRANSLATE_NOOP("FeedEntriesModel", "Missing field"),
}


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry kept aside, detached from the session."""

    entity: str
    entity_id: str
    seq: int | None
    reason: str
    field: str | None
    detail: str
    raw: str
    seen_at: datetime | None


def load_entries(store: Store) -> list[FeedEntry]:
    with store.session() as session:
        return [
            FeedEntry(r.entity, r.entity_id, r.seq, r.reason, r.field, r.detail, r.raw, r.seen_at)
            for r in quarantine.list_entries(session)
        ]


def _tr(text: str) -> str:
    return QCoreApplication.translate("FeedEntriesModel", text)


def reason_label(code: str) -> str:
    return _tr(REASONS[code]) if code in REASONS else code


def entity_label(entity: str) -> str:
    return label_of("EntityKind", entity, language())


class FeedEntriesModel(TableModel):
    """Columns: seen, entity, id, reason, field (the tooltip adds the English detail)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Seen"),
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Entity"),
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Id"),
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Reason"),
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Field"),
    )

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent, load=lambda: load_entries(store))

    def entry(self, row: int) -> FeedEntry | None:
        return self.at(row)

    def cell(self, e: FeedEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return e.detail if column >= 3 else self._values(e)[column]
        return self._values(e)[column] if role == Qt.ItemDataRole.DisplayRole else None

    @staticmethod
    def _values(e: FeedEntry) -> tuple[str, ...]:
        return (
            local_time(e.seen_at),
            entity_label(e.entity),
            e.entity_id,
            reason_label(e.reason),
            e.field or "—",
        )


class FeedEntriesGroup(QGroupBox):
    """The list of server changes not applied, and the raw text of the selected one. Hidden
    while there is none."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Server changes not applied"), parent)
        self.setObjectName("feedEntries")
        self.model = FeedEntriesModel(store, self)
        self.table = QTableView(self)
        self.raw = QPlainTextEdit(self)
        self.raw.setObjectName("feedEntryRaw")
        self.raw.setReadOnly(True)
        self.raw.setAccessibleName(self.tr("Raw text from the server"))
        note = QLabel(
            self.tr(
                "These changes from the server could not be stored on this computer. The rest "
                "of the sync went on; each entry clears by itself when the server sends a "
                "corrected version."
            ),
            self,
        )
        note.setWordWrap(True)
        t = set_up_table(
            self.table,
            self.model,
            name="feedEntriesTable",
            accessible_name=self.tr("Server changes not applied"),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(t, 2)
        layout.addWidget(QLabel(self.tr("Raw text from the server"), self))
        layout.addWidget(self.raw, 1)
        t.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def reload(self) -> None:
        self.model.reload()
        has_rows = self.model.rowCount() > 0
        self.setVisible(has_rows)
        if has_rows:
            self.table.selectRow(0)
        else:
            self.raw.clear()

    def _on_selection_changed(self, selected: QItemSelection, _deselected) -> None:
        rows = {i.row() for i in selected.indexes()}
        entry = self.model.entry(min(rows)) if rows else None
        self.raw.setPlainText(entry.raw[:RAW_SHOWN] if entry else "")
