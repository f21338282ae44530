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
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
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

Index = QModelIndex | QPersistentModelIndex
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


class FeedEntriesModel(QAbstractTableModel):
    """Columns: seen, entity, id, reason, field (the tooltip adds the English detail)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Seen"),
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Entity"),
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Id"),
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Reason"),
        QT_TRANSLATE_NOOP("FeedEntriesModel", "Field"),
    )

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[FeedEntry] = []

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = load_entries(self._store)
        self.endResetModel()

    def entry(self, row: int) -> FeedEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.HEADERS):
            return None
        return _tr(self.HEADERS[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        e = self.entry(index.row())
        if e is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 3:
            return e.detail
        values = (
            local_time(e.seen_at),
            entity_label(e.entity),
            e.entity_id,
            reason_label(e.reason),
            e.field or "—",
        )
        return values[index.column()]


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
        t = self.table
        t.setObjectName("feedEntriesTable")
        t.setAccessibleName(self.tr("Server changes not applied"))
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setWordWrap(False)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 12)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setStretchLastSection(True)
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
