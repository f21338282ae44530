"""A layout that wraps: items sit left to right at their size hints and go on to the next row
when the width runs out (Qt ships this only as an example, ``layouts/flowlayout``). Used where a
row of controls must not clip its text at a large font (issue 22: 200 % on 1920×1080): a filter
bar or a row of action buttons wraps instead of squeezing its labels.

The last item added with ``stretch=True`` takes the rest of its row (a search field).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Rows of items at their size hints, wrapped to the width it is given."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: set[int] = set()
        self._spacing = spacing

    # -- building ------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget, *, stretch: bool = False) -> None:
        """Add ``widget``; ``stretch`` lets it fill the rest of its row."""
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        if stretch:
            self._stretch.add(id(item))
        self.addItem(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._stretch.discard(id(item))
        return item

    # -- sizes ----------------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """One row of everything (what it would take unwrapped)."""
        width = sum(i.sizeHint().width() for i in self._shown()) + self._gap() * max(
            0, len(self._shown()) - 1
        )
        height = max((i.sizeHint().height() for i in self._shown()), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """The widest single item: narrower than that, something would be cut."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize()).expandedTo(
                QSize(item.sizeHint().width(), item.minimumSize().height())
            )
        return size.grownBy(self.contentsMargins())

    # -- internals ------------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        gap = self._gap()
        rows: list[list[QLayoutItem]] = [[]]
        x = 0
        for item in self._shown():
            w = item.sizeHint().width()
            if rows[-1] and x + w > area.width():
                rows.append([])
                x = 0
            rows[-1].append(item)
            x += w + gap
        y = area.top()
        for row in rows:
            if not row:
                continue
            height = max(i.sizeHint().height() for i in row)
            if move:
                used = sum(i.sizeHint().width() for i in row) + gap * (len(row) - 1)
                spare = max(0, area.width() - used)
                x = area.left()
                for item in row:
                    w = item.sizeHint().width()
                    if id(item) in self._stretch:
                        w += spare
                        spare = 0
                    policy = item.widget().sizePolicy() if item.widget() else None
                    h = height
                    if policy is not None and policy.verticalPolicy() == QSizePolicy.Policy.Fixed:
                        h = item.sizeHint().height()
                    top = y + (height - h) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(min(w, area.width()), h)))
                    x += w + gap
            y += height + gap
        return y - gap - rect.top() + margins.bottom() if y > area.top() else 0
