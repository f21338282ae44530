"""Per-turn sentiment of a call over time (pyqtgraph), with the customer's rolling trend.

Each curve is created once; points go into growing float64 buffers and a ≤ 30 Hz timer hands
the dirty ones to ``setData`` (STYLE.md §13: never ``clear()`` + ``plot()`` per update;
``clipToView`` and peak downsampling for long calls). The y axis reads as words (negative /
neutral / positive) and the series differ by colour, line style *and* symbol. The x axis reads
as call time (m:ss at whole 10 s / 30 s / minute steps, never 0.02 minutes) and the legend sits
in one row above the curves, never over them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QMenu, QVBoxLayout, QWidget

from widgets.palette import Roles, apply_to_charts

translate = QCoreApplication.translate
FLUSH_MS = 34  # ≤ 30 Hz
SERIES = ("customer", "agent", "trend")
COLORS = Roles(
    {"customer": "speaker.customer", "agent": "speaker.agent", "trend": "sentiment.negative",
     "threshold": "accent.grey"},
    as_hex=True,
)  # fmt: skip


TICK_STEPS_MIN = (1 / 6, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0)
TICK_MIN_PX = 70
Y_TOP = 1.9  # room above "positive" (1.0) for the legend row


class CallTimeAxis(pg.AxisItem):
    """Minutes of the call shown as m:ss at whole steps."""

    def tickSpacing(self, minVal, maxVal, size):
        span = max(maxVal - minVal, 1e-9)
        fits = max(1, int(size // TICK_MIN_PX))
        step = next((s for s in TICK_STEPS_MIN if span / s <= fits), TICK_STEPS_MIN[-1])
        return [(step, 0)]

    def tickStrings(self, values, scale, spacing):
        return [call_time(v) for v in values]


def call_time(minutes: float) -> str:
    """``1.5`` → ``"1:30"``; hours as h:mm:ss."""
    seconds = max(0, round(minutes * 60))
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


class _Series:
    """A growing (x, y) float64 buffer with amortised O(1) append."""

    def __init__(self) -> None:
        self.x = np.zeros(64, dtype=np.float64)
        self.y = np.zeros(64, dtype=np.float64)
        self.n = 0

    def append(self, x: float, y: float) -> None:
        if self.n == len(self.x):
            self.x = np.resize(self.x, self.n * 2)
            self.y = np.resize(self.y, self.n * 2)
        self.x[self.n], self.y[self.n] = x, y
        self.n += 1

    def replace(self, xs, ys) -> None:
        xs = np.asarray(xs, dtype=np.float64)
        ys = np.asarray(ys, dtype=np.float64)
        size = max(64, len(xs))
        self.x = np.zeros(size, dtype=np.float64)
        self.y = np.zeros(size, dtype=np.float64)
        self.x[: len(xs)], self.y[: len(ys)] = xs, ys
        self.n = len(xs)


class SentimentChart(QWidget):
    """Customer and agent sentiment per turn (x in minutes of the call) and the trend."""

    def __init__(self, threshold: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sentimentChart")
        self.setAccessibleName(translate("SentimentChart", "Sentiment over the call"))
        before = {id(w) for w in QApplication.topLevelWidgets()}
        apply_to_charts()
        self.plot = pg.PlotWidget(
            self, background=None, axisItems={"bottom": CallTimeAxis(orientation="bottom")}
        )
        self.plot.setAccessibleName(self.accessibleName())
        for widget in QApplication.topLevelWidgets():  # pyqtgraph's parentless context menus
            if id(widget) not in before and isinstance(widget, QMenu):
                widget.setParent(self, widget.windowFlags())  # die with the chart, not leak
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        item = self.plot.getPlotItem()
        item.showGrid(x=False, y=True, alpha=0.25)
        item.setYRange(-1.25, Y_TOP, padding=0)
        item.setXRange(0, 1, padding=0.02)
        item.enableAutoRange(axis="x", enable=True)
        item.setLabel("bottom", translate("SentimentChart", "time in call"))
        item.getAxis("bottom").enableAutoSIPrefix(False)  # never "minutes (x0.001)"
        left = item.getAxis("left")
        left.setTicks(
            [
                [
                    (-1.0, translate("SentimentChart", "negative")),
                    (0.0, translate("SentimentChart", "neutral")),
                    (1.0, translate("SentimentChart", "positive")),
                ]
            ]
        )
        metrics = self.fontMetrics()  # sizes follow the app's font (issue 22: 200 %)
        ticks = ("negative", "neutral", "positive")
        widest = max(metrics.horizontalAdvance(translate("SentimentChart", t)) for t in ticks)
        left.setWidth(max(64, widest + 16))
        self.legend = item.addLegend(
            offset=(8, 2),
            labelTextSize=f"{self.font().pointSizeF() * 0.9:.1f}pt",
            colCount=len(SERIES),
        )
        self.curves = {
            "customer": self._curve(
                "customer", translate("SentimentChart", "Customer"), symbol="o", style=None
            ),
            "agent": self._curve(
                "agent",
                translate("SentimentChart", "Agent"),
                symbol="t",
                style=Qt.PenStyle.DashLine,
            ),
            "trend": self._curve(
                "trend",
                translate("SentimentChart", "Customer trend"),
                symbol=None,
                style=None,
                width=3,
            ),
        }
        self.threshold_line = None
        if threshold is not None:
            pen = pg.mkPen(COLORS["threshold"], width=1, style=Qt.PenStyle.DotLine)
            self.threshold_line = pg.InfiniteLine(
                pos=threshold,
                angle=0,
                pen=pen,
                label=translate("SentimentChart", "alert"),
                labelOpts={
                    "position": 0.97,
                    "color": COLORS["threshold"],
                    "anchors": [(1, 1), (1, 1)],
                },
            )
            item.addItem(self.threshold_line)
        self._data = {name: _Series() for name in SERIES}
        self._dirty: set[str] = set()
        self.flushes = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self.flush)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def _curve(self, name: str, label: str, *, symbol, style, width: int = 2):
        color = QColor(COLORS[name])
        pen = pg.mkPen(color, width=width, style=style or Qt.PenStyle.SolidLine)
        curve = self.plot.plot(
            [],
            [],
            pen=pen,
            symbol=symbol,
            symbolSize=7,
            symbolBrush=color,
            symbolPen=None,
            name=label,
        )
        curve.setClipToView(True)
        curve.setDownsampling(auto=True, method="peak")
        return curve

    # -- feeding ----------------------------------------------------------------------------------
    def append(self, series: str, x: float, y: float) -> None:
        self._data[series].append(float(x), float(y))
        self._mark(series)

    def set_series(self, series: str, xs, ys) -> None:
        self._data[series].replace(xs, ys)
        self._mark(series)

    def clear_data(self) -> None:
        for name in SERIES:
            self._data[name].replace([], [])
            self._mark(name)

    def count(self, series: str) -> int:
        return self._data[series].n

    def values(self, series: str) -> tuple[np.ndarray, np.ndarray]:
        s = self._data[series]
        return s.x[: s.n], s.y[: s.n]

    def _mark(self, series: str) -> None:
        self._dirty.add(series)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Hand the dirty series to their curves (called by the timer)."""
        for name in self._dirty:
            s = self._data[name]
            self.curves[name].setData(s.x[: s.n], s.y[: s.n])
        self._dirty.clear()
        self.flushes += 1

    def set_font(self, font: QFont) -> None:
        for axis in ("left", "bottom"):
            self.plot.getPlotItem().getAxis(axis).setStyle(tickFont=font)
