"""Ctrl+K command palette: a search line over the window's registered ``QAction`` objects.

An overlay child of the window (not a top-level), with a ``QListView`` over a small list model;
typing narrows the list by every word, Enter or a click triggers the action.
"""

from __future__ import annotations

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
from PySide6.QtWidgets import QFrame, QLineEdit, QListView, QVBoxLayout, QWidget

translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex


def _plain(text: str) -> str:
    return text.replace("&", "")


class ActionListModel(QAbstractListModel):
    """Enabled actions whose text contains every word of the query (case-insensitive)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[QAction] = []
        self._shown: list[QAction] = []

    def set_actions(self, actions: list[QAction]) -> None:
        self.beginResetModel()
        self._all = list(actions)
        self._shown = [a for a in self._all if a.isEnabled() and a.isVisible()]
        self.endResetModel()

    def set_query(self, query: str) -> None:
        words = query.casefold().split()
        self.beginResetModel()
        self._shown = [
            a
            for a in self._all
            if a.isEnabled()
            and a.isVisible()
            and all(w in _plain(a.text()).casefold() for w in words)
        ]
        self.endResetModel()

    def action_at(self, row: int) -> QAction | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        action = self._shown[index.row()]
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self._line)
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

    def popup(self, actions: list[QAction]) -> None:
        self._model.set_actions(actions)
        self._line.clear()
        parent = self.parentWidget()
        width = min(640, max(360, parent.width() // 2))
        height = min(420, max(240, parent.height() // 2))
        self.setGeometry((parent.width() - width) // 2, 64, width, height)
        self._select_row(0)
        self.show()
        self.raise_()
        self._line.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.hide()
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

    def _on_return_pressed(self) -> None:
        self._trigger(self._list.currentIndex().row())

    def _on_row_activated(self, index: QModelIndex) -> None:
        self._trigger(index.row())

    def _trigger(self, row: int) -> None:
        action = self._model.action_at(row)
        self.hide()
        if action is not None:
            action.trigger()
            self.sig_action_triggered.emit(action.objectName())
