"""A small bar chart of an answer's series (pyqtgraph): the bar item is created once and given
new heights with ``setOpts`` (STYLE.md §13)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QMenu, QVBoxLayout, QWidget

from widgets import palette


class SeriesChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatopsChart")
        palette.apply_to_charts()  # the theme's axes and background, read when a plot is made
        before = {id(w) for w in QApplication.topLevelWidgets()}
        self.plot = pg.PlotWidget(self, background=None)
        for widget in QApplication.topLevelWidgets():  # pyqtgraph's parentless context menus
            if id(widget) not in before and isinstance(widget, QMenu):
                widget.setParent(self, widget.windowFlags())
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=palette.series()[0])
        self.plot.addItem(self.bars)
        self.labels: list[str] = []
        self.values: list[float] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 9)  # follows the font

    def set_series(self, labels: list[str], values: list[float]) -> None:
        self.labels, self.values = list(labels), [float(v) for v in values]
        xs = list(range(len(self.values)))
        self.bars.setOpts(x=xs, height=self.values, width=0.6)
        step = max(1, len(xs) // 8)
        ticks = [(i, self.labels[i]) for i in xs[::step]]
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(-0.5, max(0.5, len(xs) - 0.5), padding=0)
        self.plot.setYRange(0, max([1.0, *self.values]) * 1.1, padding=0)
