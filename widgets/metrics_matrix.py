"""The As-Is → To-Be metrics matrix of a scenario comparison (seed 002 ImpactSimulator): one row
per metric, one column per option. The change is coloured by whether its direction is good for
that metric (Okabe–Ito blue = better, vermillion = worse, grey = no good direction) and always
carries an arrow glyph and a word in the tooltip, so colour is never the only cue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.domain.decisions import ImpactAnalysis, MetricValue
from app.rules.options import GOOD_DIRECTION, METRIC_WEIGHTS, is_improvement, normalise_weights
from widgets.palette import Roles

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
TREND = Roles({"better": "info", "worse": "error", "neutral": "muted"})
FIXED = 3  # metric, unit, weight


def compact_value(value: float, unit: str, korean: bool) -> str:
    """Short numbers: 1억 4,800만 / ₩148.0M for money, plain with unit otherwise."""
    if unit == "원":
        if korean:
            eok, man = divmod(round(value / 10_000), 10_000)
            if eok and man:
                return f"{eok:,}억 {man:,}만"
            return f"{eok:,}억" if eok else f"{man:,}만"
        return f"₩{value / 1_000_000:,.1f}M"
    text = f"{value:,.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return text


def arrow(metric: MetricValue) -> str:
    if metric.to_be_value > metric.as_is_value:
        return "▲"
    return "▼" if metric.to_be_value < metric.as_is_value else "■"


class MetricsMatrixModel(QAbstractTableModel):
    """Rows: metrics (in METRIC_WEIGHTS order); columns: metric, unit, weight, then options."""

    def __init__(self, parent=None, *, korean: bool = True) -> None:
        super().__init__(parent)
        self._analyses: list[ImpactAnalysis] = []
        self._metrics: list[str] = []
        self._weights = normalise_weights(METRIC_WEIGHTS)
        self._korean = korean

    def set_analyses(self, analyses: list[ImpactAnalysis]) -> None:
        self.beginResetModel()
        self._analyses = list(analyses)
        present = {m.metric_type.value for a in analyses for m in a.metrics}
        self._metrics = [m for m in METRIC_WEIGHTS if m in present]
        self.endResetModel()

    def set_weights(self, weights: dict[str, float]) -> None:
        self._weights = normalise_weights(weights)
        if self._metrics:
            top, bottom = self.index(0, 2), self.index(len(self._metrics) - 1, 2)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._metrics)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else FIXED + len(self._analyses)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = (
            translate("MetricsMatrix", "Metric"),
            translate("MetricsMatrix", "Unit"),
            translate("MetricsMatrix", "Weight"),
        )
        if section < FIXED:
            return fixed[section]
        if section - FIXED < len(self._analyses):
            a = self._analyses[section - FIXED]
            return f"{a.option_id} {a.option_name}"
        return None

    def metric_at(self, row: int, column: int) -> MetricValue | None:
        if column < FIXED or not 0 <= row < len(self._metrics):
            return None
        analysis = self._analyses[column - FIXED]
        key = self._metrics[row]
        return next((m for m in analysis.metrics if m.metric_type.value == key), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        key = self._metrics[row]
        first = next((m for a in self._analyses for m in a.metrics if m.metric_type == key), None)
        if col < FIXED:
            if role == Qt.ItemDataRole.DisplayRole:
                if col == 0:
                    return f"{first.name} ({key})" if first else key
                if col == 1:
                    return first.unit if first else ""
                return f"{self._weights.get(key, 0.0) * 100:.0f}%"
            return None
        metric = self.metric_at(row, col)
        if metric is None:
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        good = is_improvement(key, metric.as_is_value, metric.to_be_value)
        if role == Qt.ItemDataRole.DisplayRole:
            k = self._korean
            return (
                f"{compact_value(metric.as_is_value, metric.unit, k)} → "
                f"{compact_value(metric.to_be_value, metric.unit, k)}   "
                f"{arrow(metric)} {metric.change_percent:+.1f}%"
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return TREND["neutral" if good is None else ("better" if good else "worse")]
        if role == Qt.ItemDataRole.FontRole and good is not None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if GOOD_DIRECTION[key] == 0:
                verdict = translate("MetricsMatrix", "no good direction for this metric")
            elif good is None:
                verdict = translate("MetricsMatrix", "unchanged")
            else:
                verdict = (
                    translate("MetricsMatrix", "better")
                    if good
                    else translate("MetricsMatrix", "worse")
                )
            return f"{metric.name}: {metric.change_percent:+.2f}% — {verdict}"
        if role == Qt.ItemDataRole.UserRole:
            return good
        return None


class MetricsMatrixView(QTableView):
    def __init__(self, model: MetricsMatrixModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metricsMatrix")
        self.setModel(model)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
