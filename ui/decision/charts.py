"""Charts of the decision page (pyqtgraph): the weighted impact score per option with its
confidence interval as error bars, and each option's projection of one metric over the horizon.
Items are created once and updated with ``setOpts`` / ``setData`` (STYLE.md §13)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.decisions import ImpactAnalysis
from app.text.labels import label_of
from widgets.formatting import language
from widgets.metrics_matrix import unit_text
from widgets.option_card import TYPE_COLOURS
from widgets.palette import apply_to_charts as use_theme
from widgets.palette import hex_of

pg.setConfigOptions(antialias=True)


def _colour(kind: str) -> str:
    return TYPE_COLOURS.get(kind) or hex_of("accent.blue")


class ImpactChart(pg.PlotWidget):
    """Bars of the weighted impact score (0-100) with the analysis' confidence interval."""

    def __init__(self, parent: QWidget | None = None) -> None:
        use_theme()
        super().__init__(parent)
        self.setObjectName("impactChart")
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 15)
        self.setMouseEnabled(x=False, y=False)
        self.setMenuEnabled(False)
        self.getPlotItem().showGrid(y=True, alpha=0.25)
        self.setLabel("left", self.tr("Weighted impact score"))
        self.setYRange(0, 100)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.55, brushes=[])
        self.errors = pg.ErrorBarItem(
            x=np.array([]),
            y=np.array([]),
            beam=0.18,
            pen=pg.mkPen(hex_of("chart.foreground"), width=2),
        )
        self.addItem(self.bars)
        self.addItem(self.errors)
        self._analyses: list[ImpactAnalysis] = []
        self._colours: list[str] = []

    def set_analyses(self, analyses: list[ImpactAnalysis], kinds: list[str]) -> None:
        self._analyses = list(analyses)
        self._colours = [_colour(k) for k in kinds]
        ticks = [(i, f"{a.option_id}\n{a.option_name}") for i, a in enumerate(analyses)]
        self.getPlotItem().getAxis("bottom").setTicks([ticks])
        self.set_scores([a.overall_impact_score for a in analyses])

    def set_scores(self, scores: list[float]) -> None:
        """Scores under the current weights; the interval keeps the analysis' half-widths."""
        x = np.arange(len(scores), dtype=float)
        y = np.array(scores, dtype=float)
        low = np.array([a.overall_impact_score - a.confidence_interval[0] for a in self._analyses])
        high = np.array([a.confidence_interval[1] - a.overall_impact_score for a in self._analyses])
        self.bars.setOpts(x=x, height=y, width=0.55, brushes=[pg.mkBrush(c) for c in self._colours])
        self.errors.setData(x=x, y=y, top=high, bottom=low, beam=0.18)
        self.setXRange(-0.6, max(len(scores) - 0.4, 0.6), padding=0)


class ProjectionChart(QWidget):
    """One curve per option: the chosen metric's projection week by week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metric_box = QComboBox(self)
        self.metric_box.setAccessibleName(self.tr("Metric to project"))
        use_theme()
        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName("projectionChart")
        self.plot.setMinimumHeight(self.fontMetrics().lineSpacing() * 15)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("bottom", self.tr("Week"))
        self.plot.addLegend(offset=(10, 10))
        self._curves: list[pg.PlotDataItem] = []
        self._analyses: list[ImpactAnalysis] = []
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Metric"), self))
        top.addWidget(self.metric_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        self.metric_box.currentIndexChanged.connect(self._on_metric_changed)

    def set_analyses(self, analyses: list[ImpactAnalysis], kinds: list[str]) -> None:
        self._analyses = list(analyses)
        for curve in self._curves:
            self.plot.removeItem(curve)
        styles = ("solid", "dash", "dot")
        pens = {"solid": pg.QtCore.Qt.PenStyle.SolidLine, "dash": pg.QtCore.Qt.PenStyle.DashLine,
                "dot": pg.QtCore.Qt.PenStyle.DotLine}  # fmt: skip
        self._curves = [
            self.plot.plot(
                [],
                [],
                name=f"{a.option_id} {a.option_name}",
                pen=pg.mkPen(_colour(k), width=2.5, style=pens[styles[i % 3]]),
                symbol="o",
                symbolSize=5,
                symbolBrush=_colour(k),
            )
            for i, (a, k) in enumerate(zip(analyses, kinds, strict=False))
        ]
        self.metric_box.blockSignals(True)
        self.metric_box.clear()
        names = {m.metric_type.value: m for a in analyses for m in a.metrics}
        for key in analyses[0].time_series if analyses else []:
            metric = names.get(key)
            word = label_of("MetricType", key, language())
            name = metric.name if metric and language() == "ko" else word
            label = f"{name} ({unit_text(metric.unit)})" if metric else word
            self.metric_box.addItem(label, key)
        self.metric_box.blockSignals(False)
        self._on_metric_changed(0)

    def _on_metric_changed(self, _index: int) -> None:
        key = self.metric_box.currentData()
        for curve, analysis in zip(self._curves, self._analyses, strict=False):
            series = analysis.time_series.get(key) or []
            weeks = np.arange(1, len(series) + 1, dtype=np.float64)
            curve.setData(weeks, np.array(series, dtype=np.float64))
