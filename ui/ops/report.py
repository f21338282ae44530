"""SLA report at the desk: a date range (Asia/Seoul days, both inclusive), as one summary or per
day / per week; compliance per priority and queue from ``GET /v1/ops/sla-report``; export to
CSV (UTF-8 with BOM). What the table shows is exactly what the CSV holds."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.wire import format_time
from app.rules import ops_metrics as om
from app.rules import reports
from app.text.labels import queue_label
from ui.ops.export import write_csv
from ui.tasks import Latest, TaskKeeper
from widgets.formatting import language
from widgets.table_model import TableModel
from widgets.table_view import make_table

translate = QCoreApplication.translate
UNITS = ("range", "day", "week")


def section_label(section: str) -> str:
    return {
        "total": translate("OpsReport", "All priorities"),
        "priority": translate("OpsReport", "By priority"),
        "queue": translate("OpsReport", "By queue"),
        "priority_queue": translate("OpsReport", "Priority × queue"),
    }.get(section, section)


def windows(first: date, last: date, unit: str) -> list[tuple[str, datetime, datetime]]:
    """(label, start, end) of each period; ``last`` is inclusive (Asia/Seoul days, the one
    boundary rule of ``app.rules.reports.day_bounds`` that dosctl uses too)."""
    start, end = reports.day_bounds(first, last)
    if unit == "range":
        return [(f"{first.isoformat()}~{last.isoformat()}", start, end)]
    out = []
    for a, b in om.periods(start, end, unit):
        label = a.date().isoformat()
        if unit == "week":
            label = f"{label}~{(b - timedelta(seconds=1)).date().isoformat()}"
        out.append((label, a, b))
    return out


class ReportModel(TableModel):
    """Rows of ``ops_metrics.summary_rows`` (the CSV rows), sections shown in words."""

    CONTEXT = "OpsReport"
    HEADERS = (
        QT_TRANSLATE_NOOP("OpsReport", "Group"),
        QT_TRANSLATE_NOOP("OpsReport", "Period"),
        QT_TRANSLATE_NOOP("OpsReport", "Priority"),
        QT_TRANSLATE_NOOP("OpsReport", "Queue"),
        QT_TRANSLATE_NOOP("OpsReport", "Total"),
        QT_TRANSLATE_NOOP("OpsReport", "Met"),
        QT_TRANSLATE_NOOP("OpsReport", "Breached"),
        QT_TRANSLATE_NOOP("OpsReport", "In progress"),
        QT_TRANSLATE_NOOP("OpsReport", "Compliance %"),
    )
    NUMERIC = frozenset(range(4, 9))

    def cell(self, row: list[str], column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        value = row[column]
        if column == 0:
            return section_label(value)
        if column == 2:
            return value.upper()
        if column == 3 and value:
            return queue_label(value, language())  # the queue's name, not its id
        if column == 8:
            return value if value else "—"


class ReportTab(QWidget):
    sig_report_loaded = Signal(int)
    """Emitted with the number of rows after a report was fetched."""

    sig_export_done = Signal(str, int)
    """Emitted with (path, rows written) after a CSV export."""

    def __init__(
        self, api: Callable[[], Any], keeper: TaskKeeper, today: date, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("opsReport")
        self._api = api
        self._latest = Latest(keeper, owner=self)
        self.first = QDateEdit(QDate(today - timedelta(days=6)), self)
        self.last = QDateEdit(QDate(today), self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.unit = QComboBox(self)
        for unit, text in zip(
            UNITS,
            (
                translate("OpsReport", "Whole range"),
                translate("OpsReport", "Daily"),
                translate("OpsReport", "Weekly"),
            ),
            strict=True,
        ):
            self.unit.addItem(text, unit)
        self.fetch = QPushButton(translate("OpsReport", "Show report"), self)
        self.fetch.setObjectName("primaryButton")
        self.export = QPushButton(translate("OpsReport", "Export CSV…"), self)
        self.export.setEnabled(False)
        self.status = QLabel(self)
        self.model = ReportModel(self)
        self.view = make_table(self, self.model, name="opsReportTable")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(translate("OpsReport", "From"), self))
        bar.addWidget(self.first)
        bar.addWidget(QLabel(translate("OpsReport", "To"), self))
        bar.addWidget(self.last)
        bar.addWidget(self.unit)
        bar.addWidget(self.fetch)
        bar.addStretch(1)
        bar.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.fetch.clicked.connect(self.load)
        self.export.clicked.connect(self._on_export_clicked)

    def set_range(self, first: date, last: date, unit: str = "range") -> None:
        self.first.setDate(QDate(first))
        self.last.setDate(QDate(last))
        self.unit.setCurrentIndex(UNITS.index(unit))

    def load(self) -> None:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        if last < first:
            self.status.setText(translate("OpsReport", "The end date is before the start date."))
            return
        periods = windows(first, last, str(self.unit.currentData()))
        self.status.setText(translate("OpsReport", "Loading…"))
        self._latest.run(lambda: self._fetch(periods), self._on_loaded)

    async def _fetch(self, periods: list[tuple[str, datetime, datetime]]) -> Any:
        api = self._api()
        if api is None:
            return None
        try:
            reports = await asyncio.gather(
                *(api.sla_report(format_time(a), format_time(b)) for _l, a, b in periods)
            )
        except Exception as exc:  # shown, never raised into the loop
            return exc
        return [(label, r) for (label, _a, _b), r in zip(periods, reports, strict=True)]

    def _on_loaded(self, result: Any) -> None:
        if result is None or isinstance(result, Exception):
            why = str(result) if result is not None else translate("OpsReport", "offline")
            self.status.setText(
                translate("OpsReport", "Could not load the report: {why}").format(why=why)
            )
            return
        rows = om.summary_rows(result)
        self.model.set_rows(rows)
        totals = om.combine(r for _l, rep in result for r in rep.get("by_priority") or [])
        pct = totals["compliance_percent"]
        self.status.setText(
            translate(
                "OpsReport",
                "Overall compliance {pct} ({met} met, {breached} breached, {open} in progress)",
            ).format(
                pct="—" if pct is None else f"{pct:.1f}%",
                met=totals["met"],
                breached=totals["breached"],
                open=totals["in_progress"],
            )
        )
        self.export.setEnabled(bool(rows))
        self.sig_report_loaded.emit(len(rows))

    def export_to(self, path: Path) -> int:
        count = write_csv(path, om.CSV_HEADER, self.model.rows())
        self.sig_export_done.emit(str(path), count)
        return count

    def _on_export_clicked(self) -> None:
        dialog = QFileDialog(self, translate("OpsReport", "Export SLA report"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("CSV (*.csv)")
        dialog.setDefaultSuffix("csv")
        dialog.selectFile("sla-report.csv")
        dialog.fileSelected.connect(lambda p: self.export_to(Path(p)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # never exec() inside the loop (STYLE.md §10)
