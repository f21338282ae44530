"""The wall's rotating panels: review queues, contact center (queues with abandon rate,
contacts waiting with running waits), agents (states, live calls), and trends (SLA compliance per
priority, appeals health, arrivals). No scrollbars: rows shrink to fit.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.rules import ops_metrics as om
from ui.wall.style import BODY_PX, CAPTION_PX, wall_theme
from widgets.kpi_tile import KpiTile
from widgets.ops_models import LiveCallsModel, QueueStatsModel
from widgets.table_view import TO_LOOK_AT, set_up_table
from widgets.trend_chart import TrendChart
from widgets.wallboard_models import AgentBoardModel, WaitingModel

translate = QCoreApplication.translate
REVIEW_KINDS = ("review", "appeals", "qa")
CONTACT_KINDS = ("contact",)
MIN_ROW_PX = BODY_PX + 14  # a row never clips its text


class FitTable(QTableView):
    """A read-only table whose rows share the height (no scrollbars, ``max_row_px`` at most)."""

    def __init__(self, model, columns: tuple[str, ...] | None, parent=None, max_row_px=120):
        super().__init__(parent)
        self.max_row_px = max_row_px
        set_up_table(
            self, model, name="wallTable", row_pad=None, alternating=True, grid=False, **TO_LOOK_AT
        )
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        if columns is not None and hasattr(model, "COLUMNS"):
            # figures and their headers ("서비스 수준", "3일 3시간") take their own width and are
            # never cut; the queue's name takes the rest (elided, the full name in its tooltip)
            for i, name in enumerate(model.COLUMNS):
                self.setColumnHidden(i, name not in columns)
                fit = QHeaderView.ResizeMode.ResizeToContents
                header.setSectionResizeMode(
                    i, QHeaderView.ResizeMode.Stretch if name == "queue" else fit
                )
            self.setTextElideMode(Qt.TextElideMode.ElideRight)
        model.modelReset.connect(self._fit_rows)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        rows = max(1, self.model().rowCount())
        height = self.viewport().height() // rows
        self.verticalHeader().setDefaultSectionSize(max(MIN_ROW_PX, min(self.max_row_px, height)))


def _title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("wallPanelTitle")
    return label


class QueuesPanel(QWidget):
    """Review work (seed 000): waiting by priority, in queue, oldest, service level, at risk
    (less than 1 h of the SLA left), breached, handled today."""

    COLUMNS = ("queue", "p0", "p1", "p2", "p3", "in_queue", "oldest", "service_level",
               "at_risk", "breached", "handled")  # fmt: skip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallReviewPanel")
        self.model = QueueStatsModel(self)
        self.table = FitTable(self.model, self.COLUMNS, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_title(translate("Wall", "Review queues"), self))
        layout.addWidget(self.table, 1)


def _empty(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("wallEmpty")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class _Listing(QWidget):
    """A titled table that gives way to a sentence when it has no rows."""

    def __init__(self, title: str, model, empty: str, parent: QWidget, max_row_px=96) -> None:
        super().__init__(parent)
        self.model = model
        self.table = FitTable(model, None, self, max_row_px=max_row_px)
        self.empty = _empty(empty, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_title(title, self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        model.modelReset.connect(self._on_reset)
        self._on_reset()

    def _on_reset(self) -> None:
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)


class ContactPanel(QWidget):
    """Contact center (seed 004): queues with agent counts and abandon rate; below, the contacts
    waiting, each wait running."""

    COLUMNS = ("queue", "in_queue", "oldest", "service_level", "abandon", "online", "available",
               "on_contact", "acw", "on_break")  # fmt: skip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallContactPanel")
        self.model = QueueStatsModel(self)
        self.table = FitTable(self.model, self.COLUMNS, self)
        self.waiting_model = WaitingModel(self)
        self.waiting = _Listing(
            translate("Wall", "Contacts waiting"),
            self.waiting_model,
            translate("Wall", "Nobody waiting"),
            self,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_title(translate("Wall", "Contact center: queues and agents"), self))
        layout.addWidget(self.table, 4)
        layout.addWidget(self.waiting, 5)


class AgentsPanel(QWidget):
    """Every agent's state and time in it (busy first, the longest in a state first), and the
    live calls with the customer's sentiment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallAgentsPanel")
        self.model = AgentBoardModel(self)
        self.board = _Listing(
            translate("Wall", "Agent states"),
            self.model,
            translate("Wall", "No agents"),
            self,
        )
        self.calls_model = LiveCallsModel(self)
        self.live = _Listing(
            translate("Wall", "Live calls"),
            self.calls_model,
            translate("Wall", "No live calls"),
            self,
        )
        self.calls, self.no_calls = self.live.table, self.live.empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.board, 1)
        layout.addWidget(self.live, 1)


class TrendsPanel(QWidget):
    """SLA compliance per priority by day, appeals health (seed 000 §4) and arrivals (burst)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallTrendsPanel")
        self.chart = TrendChart(
            {p: p.upper() for p in om.PRIORITIES},
            target=om.SERVICE_LEVEL_TARGET,
            theme=wall_theme(),  # the wall is dark whatever the desk's theme
            parent=self,
        )
        self.chart.set_text_px(CAPTION_PX)
        self.overturn = KpiTile(translate("Wall", "Appeals overturn rate (target 10-20 %)"), self)
        self.p95 = KpiTile(translate("Wall", "Appeals p95 resolution (≤ 72 h)"), self)
        self.burst = KpiTile(translate("Wall", "Case arrivals (normal 50 a day)"), self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(_title(translate("Wall", "SLA compliance by day and priority"), self), 0, 0)
        grid.addWidget(self.chart, 1, 0, 3, 1)
        grid.addWidget(self.overturn, 1, 1)
        grid.addWidget(self.p95, 2, 1)
        grid.addWidget(self.burst, 3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)

    def set_appeals(self, health: om.AppealsHealth) -> None:
        rate = health.overturn_rate
        self.overturn.set_value(
            "—" if rate is None else f"{rate:.1f}%",
            health.overturn_level,
            translate("Wall", "{n} resolved · {r} of rejections appealed").format(
                n=health.resolved,
                r="—" if health.submission_rate is None else f"{health.submission_rate:.0f}%",
            ),
        )
        p95 = health.p95_hours
        self.p95.set_value(
            "—" if p95 is None else translate("Wall", "{h} h").format(h=f"{p95:.0f}"),
            health.p95_level,
        )

    def set_burst(self, burst: om.Burst) -> None:
        note = (
            translate("Wall", "BURST ×{f}").format(f=f"{burst.factor:.0f}")
            if burst.level != om.OK
            else translate("Wall", "{n} in 2 h").format(n=burst.arrivals)
        )
        self.burst.set_value(
            translate("Wall", "{n}/day").format(n=f"{burst.per_day:.0f}"), burst.level, note
        )
