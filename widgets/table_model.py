"""The one base of the UI's table models: rows held in a list, columns named by translated
headers, ``data`` answered per cell.

A subclass names its columns (``HEADERS``, source texts marked with ``QT_TRANSLATE_NOOP`` in
its ``CONTEXT``), lists its right-aligned columns (``NUMERIC``) and answers :meth:`cell` for
one row item, column and role; the base does the bounds checks, ``rowCount``,
``columnCount``, ``headerData``, resets and in-place repaints (``dataChanged``, STYLE.md §12).
A model whose columns are not fixed overrides :meth:`column_count` and :meth:`header`; one
with its own fast ``data`` (the inbox) keeps it and takes the header plumbing only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
_ALIGN = Qt.ItemDataRole.TextAlignmentRole


class TableModel(QAbstractTableModel):
    """Rows are any Python objects in a list; see the module docstring."""

    HEADERS: ClassVar[tuple[str, ...]] = ()
    """Column titles as source text, translated in ``CONTEXT`` when shown."""
    CONTEXT: ClassVar[str] = ""
    """The translation context of ``HEADERS``; the class name when empty."""
    NUMERIC: ClassVar[frozenset[int]] = frozenset()
    """Columns whose cells are right-aligned (numbers)."""
    HEADER_ROLES: ClassVar[frozenset[int]] = frozenset({int(DISPLAY)})
    """The roles :meth:`headerData` answers with the column's title."""
    HEADER_ALIGN: ClassVar[int | None] = None
    """The headers' text alignment, when not Qt's default."""

    def __init__(self, parent=None, *, load: Callable[[], Iterable[Any]] | None = None) -> None:
        """``load`` reads the rows (a store query) for :meth:`reload`."""
        super().__init__(parent)
        self._items: list[Any] = []
        self._load = load

    # -- rows -----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the rows again with the ``load`` given to the constructor and show them."""
        if self._load is None:
            raise TypeError(f"{type(self).__name__} was made without a load function")
        self.set_rows(self._load())

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show ``rows`` in place of the rows shown (a reset)."""
        self.beginResetModel()
        self._items = list(rows)
        self.endResetModel()

    def update_rows(self, rows: Iterable[Any]) -> None:
        """Show ``rows``; when their keys (:meth:`key_of`) are those shown, in the same order,
        repaint in place (selection and scroll stay), otherwise reset."""
        rows, key = list(rows), self.key_of
        if [key(r) for r in rows] != [key(r) for r in self._items]:
            self.set_rows(rows)
            return
        self._items = rows
        self.refresh()

    def rows(self) -> list[Any]:
        return list(self._items)

    def at(self, row: int) -> Any | None:
        """The item of ``row``, or ``None`` out of range."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def find(self, match: Callable[[Any], bool]) -> int:
        """The first row whose item matches, or -1."""
        return next((i for i, item in enumerate(self._items) if match(item)), -1)

    def key_of(self, item: Any) -> Hashable:
        """What identifies ``item`` among the rows: its ``id`` (a key of a dict, else an
        attribute)."""
        return item.get("id") if isinstance(item, dict) else item.id

    def row_of(self, key: Hashable) -> int:
        """The row of the item whose :meth:`key_of` is ``key``, or -1."""
        key_of = self.key_of
        return self.find(lambda item: key_of(item) == key)

    def refresh(self, column: int | None = None, roles: Sequence[int] = ()) -> None:
        """Repaint every row: all columns, or one ``column``, for ``roles`` (all when empty)."""
        if not self._items:
            return
        first, last = (0, self.column_count() - 1) if column is None else (column, column)
        bottom = len(self._items) - 1
        self.dataChanged.emit(self.index(0, first), self.index(bottom, last), list(roles))

    # -- columns --------------------------------------------------------------------------------
    def column_count(self) -> int:
        return len(self.HEADERS)

    def header(self, section: int) -> str:
        """The title of column ``section`` (in range), in the current language."""
        return QCoreApplication.translate(
            self.CONTEXT or type(self).__name__, self.HEADERS[section]
        )

    def cell(self, item: Any, column: int, role: int) -> Any:
        """What ``item``'s cell in ``column`` shows for ``role``; ``None`` for nothing."""
        return None

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.column_count()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.column_count():
            return None
        if role in self.HEADER_ROLES:
            return self.header(section)
        if role == _ALIGN and self.HEADER_ALIGN is not None:
            return self.HEADER_ALIGN
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._items) or not 0 <= column < self.column_count():
            return None
        if role == _ALIGN and column in self.NUMERIC:
            return RIGHT
        return self.cell(self._items[row], column, role)
