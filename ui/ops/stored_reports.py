"""The daily / weekly / monthly operations reports the server generated ("일일/주간/월간 보고서
자동 생성"), listed on the ops desk from ``GET /v1/ops/reports``; the selected one is shown as
its rows (``app.rules.reports.csv_rows``) and exported to CSV (UTF-8 with BOM). What the table
shows is what the CSV holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.wire import parse_time
from app.rules import reports
from app.text.labels import has_label, queue_label
from ui.ops.export import write_csv
from ui.tasks import Latest, TaskKeeper
from widgets.formatting import language, local_time
from widgets.table_model import TableModel
from widgets.table_view import make_table

translate = QCoreApplication.translate
PERIODS = ("", "daily", "weekly", "monthly")


def period_label(period: str) -> str:
    return {
        "daily": translate("OpsStoredReports", "Daily"),
        "weekly": translate("OpsStoredReports", "Weekly"),
        "monthly": translate("OpsStoredReports", "Monthly"),
    }.get(period, period)


DETAIL_HEADER = (
    QT_TRANSLATE_NOOP("OpsStoredReports", "Figure"),
    QT_TRANSLATE_NOOP("OpsStoredReports", "Item"),
    QT_TRANSLATE_NOOP("OpsStoredReports", "Total"),
    QT_TRANSLATE_NOOP("OpsStoredReports", "Met"),
    QT_TRANSLATE_NOOP("OpsStoredReports", "Breached"),
    QT_TRANSLATE_NOOP("OpsStoredReports", "In progress"),
    QT_TRANSLATE_NOOP("OpsStoredReports", "Value"),
)
SECTIONS = {
    "sla_priority": QT_TRANSLATE_NOOP("OpsStoredReports", "SLA by priority"),
    "sla_queue": QT_TRANSLATE_NOOP("OpsStoredReports", "SLA by queue"),
    "appeals": QT_TRANSLATE_NOOP("OpsStoredReports", "Appeals"),
    "resolution_p95_hours": QT_TRANSLATE_NOOP("OpsStoredReports", "Resolution time p95 (h)"),
    "qa_band": QT_TRANSLATE_NOOP("OpsStoredReports", "QA band"),
}
FIGURES = {
    "submitted": QT_TRANSLATE_NOOP("OpsStoredReports", "Submitted"),
    "submission_rate": QT_TRANSLATE_NOOP("OpsStoredReports", "Submission rate (%)"),
    "resolved": QT_TRANSLATE_NOOP("OpsStoredReports", "Resolved"),
    "overturn_rate": QT_TRANSLATE_NOOP("OpsStoredReports", "Overturn rate (%)"),
    "resolution_p95_hours": QT_TRANSLATE_NOOP("OpsStoredReports", "Resolution p95 (h)"),
    "excellent": QT_TRANSLATE_NOOP("OpsStoredReports", "Excellent"),
    "good": QT_TRANSLATE_NOOP("OpsStoredReports", "Good"),
    "needs_improvement": QT_TRANSLATE_NOOP("OpsStoredReports", "Needs improvement"),
    "poor": QT_TRANSLATE_NOOP("OpsStoredReports", "Poor"),
}


def detail_header() -> list[str]:
    """The report's columns in words (the CSV keeps ``reports.CSV_HEADER`` for scripts)."""
    return [translate("OpsStoredReports", text) for text in DETAIL_HEADER]


def detail_word(column: int, value: str) -> str:
    """A report cell as a person reads it: the section and figure names in words, priorities
    upper-case, queue ids as the queue's name; numbers as they are."""
    if column == 0:
        return translate("OpsStoredReports", SECTIONS[value]) if value in SECTIONS else value
    if column == 1:
        if value in FIGURES:
            return translate("OpsStoredReports", FIGURES[value])
        if has_label("queue", value):
            return queue_label(value, language())  # a queue id: its name
        return value.upper() if value in ("p0", "p1", "p2", "p3") else value
    return value


class RowsModel(TableModel):
    """Plain string rows under a header; ``word`` turns a stored cell into what a person reads
    (``rows()`` keeps the stored values, which the CSV export writes)."""

    def __init__(self, header: list[str], parent=None, word=None) -> None:
        super().__init__(parent)
        self.titles = header
        self.word = word

    def column_count(self) -> int:
        return len(self.titles)

    def header(self, section: int) -> str:
        return self.titles[section]

    def cell(self, row: list[str], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            value = row[column]
            return self.word(column, value) if self.word else value
        return None


def list_rows(items: list[dict]) -> list[list[str]]:
    """id, period (in words), from / to (local time), generated."""

    def when(value: str | None) -> str:
        return local_time(parse_time(value), "%Y-%m-%d %H:%M") if value else "—"

    return [
        [
            str(i["id"]),
            period_label(str(i.get("period") or "")),
            when(i.get("from")),
            when(i.get("to")),
            when(i.get("generated_at")),
        ]
        for i in items
    ]


class StoredReportsTab(QWidget):
    sig_listed = Signal(int)
    """Emitted with the number of reports after the list was fetched."""

    sig_report_loaded = Signal(str, int)
    """Emitted with (report id, rows) after one report was fetched."""

    sig_export_done = Signal(str, int)
    """Emitted with (path, rows written) after a CSV export."""

    def __init__(self, api: Callable[[], Any], keeper: TaskKeeper, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("opsStoredReports")
        self._api = api
        self._list_latest = Latest(keeper, owner=self)
        self._one_latest = Latest(keeper, owner=self)
        self._items: list[dict] = []
        self.report: dict | None = None
        self.period = QComboBox(self)
        self.period.addItem(translate("OpsStoredReports", "All periods"), "")
        for p in PERIODS[1:]:
            self.period.addItem(period_label(p), p)
        self.refresh_button = QPushButton(translate("OpsStoredReports", "Refresh"), self)
        self.export = QPushButton(translate("OpsStoredReports", "Export CSV…"), self)
        self.export.setEnabled(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.list_model = RowsModel(
            [
                translate("OpsStoredReports", "Report"),
                translate("OpsStoredReports", "Period"),
                translate("OpsStoredReports", "From"),
                translate("OpsStoredReports", "To (exclusive)"),
                translate("OpsStoredReports", "Generated"),
            ],
            self,
        )
        self.detail_model = RowsModel(detail_header(), self, word=detail_word)
        self.list_view = make_table(self, self.list_model, name="opsStoredReportList")
        self.detail_view = make_table(self, self.detail_model, name="opsStoredReportRows")
        bar = QHBoxLayout()
        bar.addWidget(self.period)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.detail_view, 2)
        self.refresh_button.clicked.connect(self.refresh)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list_view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.show_report(current.row())
        )
        self.export.clicked.connect(self._on_export_clicked)

    # -- list -------------------------------------------------------------------------------
    def refresh(self) -> None:
        period = str(self.period.currentData() or "")
        params = {"period": period} if period else {}
        self.status.setText(translate("OpsStoredReports", "Loading…"))
        self._list_latest.run(lambda: self._get("/ops/reports", **params), self._on_listed)

    async def _get(self, path: str, **params: Any) -> Any:
        api = self._api()
        if api is None:
            return None
        try:
            return await api.get_json(path, **params)
        except Exception as exc:  # shown, never raised into the loop
            return exc

    def _failed(self, result: Any) -> bool:
        if result is None or isinstance(result, Exception):
            why = str(result) if result is not None else translate("OpsStoredReports", "offline")
            self.status.setText(
                translate("OpsStoredReports", "Could not load the reports: {why}").format(why=why)
            )
            return True
        return False

    def _on_listed(self, result: Any) -> None:
        if self._failed(result):
            return
        self._items = list(result)
        self.list_model.set_rows(list_rows(self._items))
        self.status.setText(
            translate("OpsStoredReports", "{n} reports. KST days; the end is exclusive.").format(
                n=len(self._items)
            )
        )
        self.sig_listed.emit(len(self._items))

    # -- one report -------------------------------------------------------------------------
    def show_report(self, row: int) -> None:
        if not (0 <= row < len(self._items)):
            return
        report_id = str(self._items[row]["id"])
        self._one_latest.run(lambda: self._get(f"/ops/reports/{report_id}"), self._on_report)

    def _on_report(self, result: Any) -> None:
        if self._failed(result):
            return
        self.report = result
        rows = reports.csv_rows(result)[1:]
        self.detail_model.set_rows(rows)
        self.export.setEnabled(True)
        self.sig_report_loaded.emit(str(result.get("id")), len(rows))

    def export_to(self, path: Path) -> int:
        count = write_csv(path, reports.CSV_HEADER, self.detail_model.rows())
        self.sig_export_done.emit(str(path), count)
        return count

    def _on_export_clicked(self) -> None:
        name = f"{(self.report or {}).get('id', 'ops-report')}.csv"
        dialog = QFileDialog(self, translate("OpsStoredReports", "Export report"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("CSV (*.csv)")
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(name)
        dialog.fileSelected.connect(lambda p: self.export_to(Path(p)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # never exec() inside the loop (STYLE.md §10)
