"""A small multi-series line chart over dates (pyqtgraph) for compliance trends.

Series are declared up front and each curve is created once; ``set_series`` hands new arrays to
``setData`` (STYLE.md §13). Series differ by colour, line style and symbol (colour-blind-safe);
an optional target line is drawn once. x values are POSIX seconds (float64). The date axis labels
days as "12. 2." in the display time zone (no month names: the same in Korean and English), and
the x range is the window handed in even when no day has a value (no sub-second labels).
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMenu, QVBoxLayout, QWidget

from widgets import palette
from widgets.formatting import display_zone

SYMBOLS = ("o", "t", "s", "d", "+", "x")
STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
          Qt.PenStyle.DashDotLine)  # fmt: skip


class DayAxis(pg.DateAxisItem):
    """Ticks at days, labelled ``month. day.`` in the display zone (glossary date format)."""

    def tickStrings(self, values, scale, spacing):
        if spacing < 12 * 3600:
            return super().tickStrings(values, scale, spacing)
        zone = display_zone()
        out = []
        for value in values:
            try:
                day = datetime.fromtimestamp(float(value), UTC).astimezone(zone)
            except (OverflowError, OSError, ValueError):
                out.append("")
                continue
            out.append(f"{day.month}. {day.day}.")
        return out


class TrendChart(QWidget):
    """``TrendChart({"p0": "P0", ...}, y_range=(0, 100), target=80.0)``."""

    def __init__(
        self,
        series: dict[str, str],
        *,
        y_range: tuple[float, float] = (0.0, 100.0),
        target: float | None = None,
        line_width: float = 3.0,
        theme: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``theme``: the palette variant to draw with (default: the application's)."""
        super().__init__(parent)
        self.setObjectName("trendChart")
        before = {id(w) for w in QApplication.topLevelWidgets()}
        palette.apply_to_charts(theme)
        self.plot = pg.PlotWidget(self, background=None, axisItems={"bottom": DayAxis()})
        for widget in QApplication.topLevelWidgets():  # pyqtgraph's parentless context menus
            if id(widget) not in before and isinstance(widget, QMenu):
                widget.setParent(self, widget.windowFlags())
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setYRange(*y_range, padding=0.05)
        font = QFont(self.font())
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setTickFont(font)
        self.legend = self.plot.addLegend(offset=(10, 10), labelTextSize=f"{font.pointSizeF()}pt")
        self.curves: dict[str, pg.PlotDataItem] = {}
        for i, (key, label) in enumerate(series.items()):
            colors = palette.series(theme)
            color = colors[i % len(colors)]
            pen = pg.mkPen(color, width=line_width, style=STYLES[i % len(STYLES)])
            self.curves[key] = self.plot.plot(
                [],
                [],
                pen=pen,
                name=label,
                symbol=SYMBOLS[i % len(SYMBOLS)],
                symbolBrush=color,
                symbolPen=color,
                symbolSize=10,
                connect="finite",
            )
        if target is not None:
            self.plot.addItem(
                pg.InfiniteLine(
                    pos=target,
                    angle=0,
                    pen=pg.mkPen(
                        palette.hex_of("accent.unknown", theme), width=2, style=Qt.PenStyle.DashLine
                    ),
                )
            )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_text_px(self, px: int) -> None:
        """Axis and legend text at ``px`` pixels (the wall reads from across the room)."""
        font = QFont(self.font())
        font.setPixelSize(px)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setTickFont(font)
        for _sample, label in self.legend.items:
            label.setText(label.text, size=f"{px}px")

    def set_series(self, key: str, xs, ys) -> None:
        """Replace one series; NaN in ``ys`` leaves a gap (no closed work that day)."""
        x = np.asarray(xs, dtype=np.float64)
        y = np.asarray(ys, dtype=np.float64)
        if len(x):  # the window, even when no day has a value
            self.plot.setXRange(float(x.min()), float(x.max()), padding=0.03)
        if not np.isfinite(y).any():  # nothing closed in the window: an empty series, no NaNs
            x, y = x[:0], y[:0]
        self.curves[key].setData(x, y)

    def series_data(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        x, y = self.curves[key].getData()
        return (np.asarray(x if x is not None else []), np.asarray(y if y is not None else []))
