"""A scroll area whose blocks stand in two columns when they fit side by side and in one when
they do not (issue 22: at 200 % the case sections would otherwise need a horizontal scroll bar
and cut the second column). Blocks keep their reading order either way: row by row, left to
right."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGridLayout, QScrollArea, QWidget


class ReflowArea(QScrollArea):
    """Vertical scrolling over ``blocks`` laid out in up to ``columns`` columns."""

    def __init__(self, blocks: Sequence[QWidget], parent: QWidget | None = None, columns: int = 2):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._blocks = list(blocks)
        self._most = columns
        self.inner = QWidget(self)
        self.grid = QGridLayout(self.inner)
        self.grid.setContentsMargins(0, 0, 8, 0)
        self.setWidget(self.inner)
        self.columns = 0
        self._place(columns)

    def _fits(self, columns: int) -> bool:
        widest = max((b.minimumSizeHint().width() for b in self._blocks), default=0)
        margins = self.grid.contentsMargins()
        spacing = max(0, self.grid.horizontalSpacing())
        need = widest * columns + spacing * (columns - 1) + margins.left() + margins.right()
        return need <= self.viewport().width()

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        for block in self._blocks:
            self.grid.removeWidget(block)
        for i in range(self.grid.rowCount()):
            self.grid.setRowStretch(i, 0)
        for i in range(self._most):
            self.grid.setColumnStretch(i, 1 if i < columns else 0)
        for i, block in enumerate(self._blocks):
            self.grid.addWidget(block, i // columns, i % columns)
        self.grid.setRowStretch((len(self._blocks) + columns - 1) // columns, 1)
        self.columns = columns

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        columns = next((n for n in range(self._most, 1, -1) if self._fits(n)), 1)
        self._place(columns)
