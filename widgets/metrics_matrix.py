"""The As-Is → To-Be metrics matrix of a scenario comparison (seed 002 ImpactSimulator): one row
per metric, one column per option. The change is coloured by whether its direction is good for
that metric (Okabe–Ito blue = better, vermillion = worse, grey = no good direction) and always
carries an arrow glyph and a word in the tooltip, so colour is never the only cue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from app.domain.decisions import ImpactAnalysis, MetricValue
from app.rules.options import GOOD_DIRECTION, METRIC_WEIGHTS, is_improvement, normalise_weights
from app.text.formats import money, unit
from app.text.labels import label_of
from widgets.palette import Roles
from widgets.table_model import TableModel
from widgets.table_view import TO_LOOK_AT, set_up_table

translate = QCoreApplication.translate
TREND = Roles({"better": "info", "worse": "error", "neutral": "muted"})
FIXED = 4  # metric, unit, weight, as-is (the same for every option: shown once)


MONEY_UNITS = {"원": 1, "만원": 10_000, "백만원": 1_000_000, "억원": 100_000_000}
"""Money units the seeds use; every amount is shown in 원 with 만 / 억 grouping, one way."""


def unit_text(unit: str) -> str:
    """The unit column: money is always 원 (the values are converted), others as given."""
    return "원" if unit in MONEY_UNITS else unit


def compact_value(value: float, unit: str, korean: bool) -> str:
    """Money as everywhere else (app.text.formats): 1억 4,800만원 / ₩148,000,000, to the 만원;
    other numbers plain (the unit column names their unit)."""
    if unit in MONEY_UNITS:
        won = round(value * MONEY_UNITS[unit], -4)
        return money(won, "ko" if korean else "en")
    text = f"{value:,.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return text


def arrow(metric: MetricValue) -> str:
    if metric.to_be_value > metric.as_is_value:
        return "▲"
    return "▼" if metric.to_be_value < metric.as_is_value else "■"


class MetricsMatrixModel(TableModel):
    """Rows: metrics (in METRIC_WEIGHTS order); columns: metric, unit, weight, the As-Is value,
    then each option's To-Be value and change (an option whose As-Is differs from the first
    option's shows its own As-Is → To-Be)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("MetricsMatrix", "Metric"),
        QT_TRANSLATE_NOOP("MetricsMatrix", "Unit"),
        QT_TRANSLATE_NOOP("MetricsMatrix", "Weight"),
        QT_TRANSLATE_NOOP("MetricsMatrix", "As-Is"),
    )
    CONTEXT = "MetricsMatrix"

    def __init__(self, parent=None, *, korean: bool = True) -> None:
        super().__init__(parent)
        self._analyses: list[ImpactAnalysis] = []
        self._weights = normalise_weights(METRIC_WEIGHTS)
        self._korean = korean

    def set_analyses(self, analyses: list[ImpactAnalysis]) -> None:
        self.beginResetModel()
        self._analyses = list(analyses)
        present = {m.metric_type.value for a in analyses for m in a.metrics}
        self._items = [m for m in METRIC_WEIGHTS if m in present]
        self.endResetModel()

    def set_weights(self, weights: dict[str, float]) -> None:
        self._weights = normalise_weights(weights)
        self.refresh(2, [Qt.ItemDataRole.DisplayRole])

    def column_count(self) -> int:
        return FIXED + len(self._analyses)

    def header(self, section: int) -> str:
        if section < FIXED:
            return super().header(section)
        a = self._analyses[section - FIXED]
        return f"{a.option_id} {a.option_name}"

    def metric_at(self, row: int, column: int) -> MetricValue | None:
        if column < FIXED or not 0 <= row < len(self._items):
            return None
        return self._metric(self._items[row], column)

    def _metric(self, key: str, column: int) -> MetricValue | None:
        analysis = self._analyses[column - FIXED]
        return next((m for m in analysis.metrics if m.metric_type.value == key), None)

    def cell(self, key: str, col: int, role: int) -> Any:
        first = next((m for a in self._analyses for m in a.metrics if m.metric_type == key), None)
        k = self._korean
        if col < FIXED:
            if role == Qt.ItemDataRole.DisplayRole:
                if col == 0:  # the seed's (Korean) name; its word in English, never the token
                    word = label_of("MetricType", key, "ko" if k else "en")
                    return first.name if first and k else word
                if col == 1:
                    return unit(unit_text(first.unit), "ko" if k else "en") if first else ""
                if col == 3:
                    return compact_value(first.as_is_value, first.unit, k) if first else "—"
                return f"{self._weights.get(key, 0.0) * 100:.0f}%"
            if role == Qt.ItemDataRole.ToolTipRole and col == 0 and first is not None:
                return f"{first.name} · {label_of('MetricType', key, 'ko' if k else 'en')}"
            return None
        metric = self._metric(key, col)
        if metric is None:
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        good = is_improvement(key, metric.as_is_value, metric.to_be_value)
        if role == Qt.ItemDataRole.DisplayRole:
            to_be = compact_value(metric.to_be_value, metric.unit, k)
            if first is not None and metric.as_is_value != first.as_is_value:
                to_be = f"{compact_value(metric.as_is_value, metric.unit, k)} → {to_be}"
            return f"{to_be}  {arrow(metric)} {metric.change_percent:+.1f}%"
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
            return (
                f"{metric.name}: {compact_value(metric.as_is_value, metric.unit, k)} → "
                f"{compact_value(metric.to_be_value, metric.unit, k)}, "
                f"{metric.change_percent:+.2f}% — {verdict}"
            )
        if role == Qt.ItemDataRole.UserRole:
            return good
        return None


class MetricsMatrixView(QTableView):
    def __init__(self, model: MetricsMatrixModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_up_table(self, model, name="metricsMatrix", row_pad=0, min_row=26, **TO_LOOK_AT)
        header = self.horizontalHeader()
        for column in range(FIXED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        model.modelReset.connect(self._fit_columns)
        model.headerDataChanged.connect(self._fit_columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The options share the width when their text fits in it; when it does not, each takes
        its text's width and the table scrolls sideways (an amount is never cut)."""
        header = self.horizontalHeader()
        count = self.model().columnCount()
        needed = sum(
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(count)
        )
        fits = needed <= self.viewport().width()
        mode = QHeaderView.ResizeMode.Stretch if fits else QHeaderView.ResizeMode.ResizeToContents
        for column in range(FIXED, count):
            if header.sectionResizeMode(column) != mode:
                header.setSectionResizeMode(column, mode)
