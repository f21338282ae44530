"""Ctrl+K command palette: a search line over the window's registered ``QAction`` objects (the
shown page's own actions among them) and, through an optional search function, over cases by id
or customer.

An overlay child of the window (not a top-level), with a ``QListView`` over a small list model;
typing narrows the list by every word, Enter or a click triggers the action or opens the case; a
query nothing matches says so.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex


def _plain(text: str) -> str:
    return text.replace("&", "")


@dataclass(frozen=True, slots=True)
class CaseHit:
    """A case the search function found: its id and what the row shows (id · customer · …)."""

    case_id: str
    label: str


CaseSearch = Callable[[str], list[CaseHit]]


class ActionListModel(QAbstractListModel):
    """Enabled actions whose text contains every word of the query (case-insensitive), then the
    cases the search function finds for the query."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[QAction] = []
        self._shown: list[QAction | CaseHit] = []
        self._case_search: Callable[[], CaseSearch | None] = lambda: None

    def set_case_search(self, search: CaseSearch | None) -> None:
        """Held weakly when a bound method (no cycle keeps the window alive)."""
        if search is not None and hasattr(search, "__self__"):
            self._case_search = weakref.WeakMethod(search)  # type: ignore[arg-type]
        else:
            self._case_search = lambda: search

    def set_actions(self, actions: list[QAction]) -> None:
        self.beginResetModel()
        self._all = list(dict.fromkeys(actions))
        self._shown = [a for a in self._all if a.isEnabled() and a.isVisible()]
        self.endResetModel()

    def set_query(self, query: str) -> None:
        words = query.casefold().split()
        found: list[QAction | CaseHit] = [
            a
            for a in self._all
            if a.isEnabled()
            and a.isVisible()
            and all(w in _plain(a.text()).casefold() for w in words)
        ]
        search = self._case_search()
        if query.strip() and search is not None:
            found += search(query.strip())
        self.beginResetModel()
        self._shown = found
        self.endResetModel()

    def action_at(self, row: int) -> QAction | None:
        entry = self._shown[row] if 0 <= row < len(self._shown) else None
        return entry if isinstance(entry, QAction) else None

    def case_at(self, row: int) -> CaseHit | None:
        entry = self._shown[row] if 0 <= row < len(self._shown) else None
        return entry if isinstance(entry, CaseHit) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        action = self._shown[index.row()]
        if isinstance(action, CaseHit):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return translate("CommandPalette", "Open case {label}").format(label=action.label)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            shortcut = action.shortcut().toString()
            text = _plain(action.text())
            return f"{text}    {shortcut}" if shortcut else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return action.toolTip()
        return None


class CommandPalette(QFrame):
    """The overlay; :meth:`popup` shows it over its parent and focuses the search line."""

    sig_action_triggered = Signal(str)
    """Emitted with the action's object name after the palette triggered it."""

    sig_case_chosen = Signal(str)
    """Emitted with a case id when the user chose a case the search found."""

    sig_closed = Signal()
    """Emitted when the palette hides (a choice made, or Escape)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("commandPalette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._model = ActionListModel(self)
        self._line = QLineEdit(self)
        self._line.setPlaceholderText(translate("CommandPalette", "Type a command…"))
        self._line.setAccessibleName(translate("CommandPalette", "Command search"))
        self._list = QListView(self)
        self._list.setModel(self._model)
        self._list.setUniformItemSizes(True)
        self._list.setAccessibleName(translate("CommandPalette", "Commands"))
        self._empty = QLabel(self)
        self._empty.setObjectName("emptyState")
        self._empty.setWordWrap(True)
        self._empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self._line)
        layout.addWidget(self._empty)
        layout.addWidget(self._list)
        self._line.textChanged.connect(self._on_query_changed)
        self._line.returnPressed.connect(self._on_return_pressed)
        self._list.activated.connect(self._on_row_activated)
        self._line.installEventFilter(self)
        self.hide()

    @property
    def model(self) -> ActionListModel:
        return self._model

    @property
    def line_edit(self) -> QLineEdit:
        return self._line

    @property
    def empty_label(self) -> QLabel:
        """Says that nothing matches the query (hidden while something does)."""
        return self._empty

    def set_case_search(self, search: CaseSearch | None) -> None:
        """Cases by id or customer for a query (a short store query; None: commands only)."""
        self._model.set_case_search(search)

    def popup(self, actions: list[QAction]) -> None:
        self._model.set_actions(actions)
        self._line.clear()
        parent = self.parentWidget()
        width = min(640, max(360, parent.width() // 2))
        height = min(420, max(240, parent.height() // 2))
        self.setGeometry((parent.width() - width) // 2, 64, width, height)
        self._select_row(0)
        self._empty.hide()
        self.show()
        self.raise_()
        self._line.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self._close()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                self._select_row(self._list.currentIndex().row() + step)
                return True
        return super().eventFilter(watched, event)

    def _select_row(self, row: int) -> None:
        count = self._model.rowCount()
        if count:
            self._list.setCurrentIndex(self._model.index(max(0, min(row, count - 1)), 0))

    def _on_query_changed(self, text: str) -> None:
        self._model.set_query(text)
        self._select_row(0)
        none = self._model.rowCount() == 0
        self._empty.setText(
            translate("CommandPalette", "No command or case matches “{query}”.").format(
                query=text.strip()
            )
            if none
            else ""
        )
        self._empty.setVisible(none)

    def _on_return_pressed(self) -> None:
        self._trigger(self._list.currentIndex().row())

    def _on_row_activated(self, index: QModelIndex) -> None:
        self._trigger(index.row())

    def _close(self) -> None:
        self.hide()
        self.sig_closed.emit()

    def _trigger(self, row: int) -> None:
        action, hit = self._model.action_at(row), self._model.case_at(row)
        if action is None and hit is None:
            return  # nothing matches: the palette stays open and says so
        self._close()
        if action is not None:
            action.trigger()
            self.sig_action_triggered.emit(action.objectName())
        elif hit is not None:
            self.sig_case_chosen.emit(hit.case_id)
