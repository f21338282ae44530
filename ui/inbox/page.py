"""The inbox page: filter bar over a lazily filled case table, with SLA countdowns and alerts."""

from __future__ import annotations

import asyncio
import functools
import logging
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import CaseStatus
from app.rules.lifecycle import ACTIVE_STATUSES
from app.store import views as saved_views
from app.store.inbox import InboxFilter
from app.store.store import Store
from ui.gc_guard import collection_paused
from ui.inbox.alerts import ACTIVE, InboxAlerts
from ui.inbox.columns import WIDTH_CHARS, Column
from ui.inbox.filter_bar import FilterBar
from ui.inbox.model import InboxModel
from ui.inbox.source import InboxSource, column_of_sort, with_sort
from ui.inbox.table import InboxTable
from ui.offthread import run_in_thread
from ui.runner import Op, OperationRunner
from ui.tasks import Latest, TaskKeeper
from widgets.clock import Clock
from widgets.table_view import set_up_table

WORKABLE = frozenset({CaseStatus.OPEN.value, CaseStatus.PENDING.value})
FIRST_IDS = 1_000
"""Ids a new result shows at once (30 screens). A longer result is counted on a worker thread
and the rest of its ids load (on a worker) when the reader scrolls near the end, so a filter
over 100 000 cases paints as fast as one over 1 000."""
log = logging.getLogger(__name__)


def _ids_off_gui(source: InboxSource, f: InboxFilter, now, limit: int) -> list[str]:
    with collection_paused():  # never collect Qt wrappers on a worker thread
        return source.ids(f, now, limit)


class InboxPage(QWidget):
    """Page ``inbox``."""

    sig_case_opened = Signal(str)
    """Emitted with a case id when the user opens a case (Enter, double-click, N)."""

    sig_result_loaded = Signal(int)
    """Emitted with the row count each time a query result is shown (its first FIRST_IDS rows
    when it is longer)."""

    sig_result_completed = Signal(int)
    """Emitted with the row count once the table holds the whole result of the query."""

    sig_alert_raised = Signal(str, str, object)
    """Re-emits ``InboxAlerts.sig_alert_raised`` (kind, message, case ids) for the window."""

    def __init__(
        self,
        source: InboxSource,
        clock: Clock,
        keeper: TaskKeeper,
        me: str,
        *,
        runner: OperationRunner,
        korean_amounts: bool = True,
        mask_names: bool = False,
        synced: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("inboxPage")
        # False until this store's first sync is in: an empty result then means "not loaded
        # yet" (first start), never "no cases match"
        self._synced = synced
        self._progress: tuple[int, int] | None = None
        self._source, self._clock, self._me = source, clock, me
        self._runner = runner  # saving and deleting a view are store writes: on the runner
        self._latest = Latest(keeper, owner=self)
        self._loaded_once = False
        self._complete = True
        # the generation of the query shown, in a list that worker threads read: a worker's
        # result for an older query is dropped (or not even computed)
        self._generation = [0]
        self._query: tuple[InboxFilter, object] | None = None
        self._total: int | None = None  # the count of a long result, once counted
        self._rest_requested = False
        self._keep_after_rest: str | None = None
        self._filter = InboxFilter(me=me, statuses=ACTIVE_STATUSES)
        self.model = InboxModel(
            source, clock, korean_amounts=korean_amounts, mask_names=mask_names, parent=self
        )
        self.alerts = InboxAlerts(source, me, self, mask_names=mask_names)
        self.filter_bar = FilterBar(self)
        self.table = InboxTable(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("inboxCount")
        self.empty = QLabel(self.tr("Loading cases…"), self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._build()
        self.table.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.model.sig_sort_requested.connect(self._on_sort_requested)
        self.filter_bar.sig_filter_changed.connect(self._on_filter_changed)
        self.filter_bar.sig_view_save_requested.connect(self._on_view_save_requested)
        self.filter_bar.sig_view_selected.connect(self._on_view_selected)
        self.filter_bar.sig_view_delete_requested.connect(self._on_view_delete_requested)
        self.table.doubleClicked.connect(self._on_row_activated)
        self.table.activated.connect(self._on_row_activated)
        self.alerts.sig_alert_raised.connect(self._on_alert_raised)
        clock.sig_tick.connect(self._on_tick)

    def _build(self) -> None:
        t = set_up_table(
            self.table,
            self.model,
            name="inboxTable",
            accessible_name=self.tr("Case inbox"),
            resize=QHeaderView.ResizeMode.Interactive,
            stretch=Column.CUSTOMER,
            row_pad=14,
            min_row=30,
            alternating=True,
            grid=False,
        )
        t.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hh = t.horizontalHeader()
        hh.setSectionsMovable(True)
        hh.setHighlightSections(False)
        hh.setSortIndicator(int(Column.PRIORITY), Qt.SortOrder.AscendingOrder)
        hh.setSortIndicatorShown(True)
        hh.setSectionsClickable(True)
        hh.sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        char = t.fontMetrics().averageCharWidth()
        for column, chars in WIDTH_CHARS.items():
            t.setColumnWidth(column, chars * char + 16)
        head = QHBoxLayout()
        title = QLabel(self.tr("Inbox"), self)
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count_label)
        head.setContentsMargins(16, 12, 16, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.table.hide()

    # -- queries --------------------------------------------------------------------------------
    @property
    def current_filter(self) -> InboxFilter:
        return self._filter

    def reload(self) -> asyncio.Task:
        """Re-run the current query off the UI thread; the newest request wins."""
        f, now = self._filter, self._clock.now()
        source = self._source  # the worker sees no widget
        return self._latest.run(
            lambda: asyncio.to_thread(_ids_off_gui, source, f, now, FIRST_IDS + 1),
            lambda ids: self._show_first(ids, f, now),
        )

    def load_now(self) -> None:
        """Run the current query on this thread (start-up from the local store, tests); a
        result longer than FIRST_IDS shows its first part (:attr:`complete` is False)."""
        f, now = self._filter, self._clock.now()
        self._show_first(self._source.ids(f, now, FIRST_IDS + 1), f, now)

    @property
    def complete(self) -> bool:
        """Whether the table holds the whole result of the current query."""
        return self._complete

    def _show_first(self, ids: list[str], f: InboxFilter, now) -> None:
        """Show a new result, at most its first FIRST_IDS ids. For a longer one a worker
        counts it (one row out of SQLite: no contention with this thread) and the rest of the
        ids load when the reader scrolls near the end (:meth:`load_rest`)."""
        self._generation[0] += 1
        self._query, self._total, self._rest_requested = (f, now), None, False
        self._complete = len(ids) <= FIRST_IDS
        keep = self.current_case_id()
        self._show(ids if self._complete else ids[:FIRST_IDS])
        if self._complete:
            return
        source, latest = self._source, self._generation
        generation = latest[0]

        def count() -> tuple[int, int | None]:  # worker thread: plain objects only
            return generation, source.count(f, now) if latest[0] == generation else None

        run_in_thread(count, self._on_counted, "inbox-count")
        if keep and self.model.row_of(keep) < 0:
            self.load_rest()  # the selected case is further down: bring it back

    def load_rest(self) -> None:
        """Load the rest of a long result off this thread (once per query); the rows are
        appended when it arrives (:attr:`sig_result_completed`)."""
        if self._complete or self._rest_requested or self._query is None:
            return
        self._rest_requested = True
        (f, now), source = self._query, self._source
        latest = self._generation
        generation = latest[0]

        def rest() -> tuple[int, list[str] | None]:
            return generation, source.ids(f, now) if latest[0] == generation else None

        run_in_thread(rest, self._on_rest_loaded, "inbox-ids")

    def _on_counted(self, counted: tuple[int, int | None]) -> None:
        generation, total = counted
        if generation == self._generation[0] and total is not None and not self._complete:
            self._total = total
            self._show_count(self.model.rowCount())

    def _on_rest_loaded(self, loaded: tuple[int, list[str] | None]) -> None:
        generation, ids = loaded
        if generation != self._generation[0] or ids is None:
            return  # a newer query was shown meanwhile
        keep = self.current_case_id() or self._keep_after_rest
        self.model.extend_ids(ids)
        self._complete = True
        self._show_count(len(ids))
        if keep and self.current_case_id() != keep:
            self.select_case(keep)
        self.sig_result_completed.emit(len(ids))

    def _on_scrolled(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        if not self._complete and value >= bar.maximum() - 2 * bar.pageStep():
            self.load_rest()  # near the end of the part shown

    def _show(self, ids: list[str]) -> None:
        keep = self.current_case_id()
        self.model.set_ids(ids)
        self._loaded_once = True
        has_rows = bool(ids)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.empty.setText(
            self.tr("No cases match these filters.") if self._synced else self._loading_text()
        )
        self._show_count(len(ids))
        self._keep_after_rest = None
        if keep and not self.select_case(keep) and not self._complete:
            self._keep_after_rest = keep
        self.sig_result_loaded.emit(len(ids))
        if self._complete:
            self.sig_result_completed.emit(len(ids))

    def _show_count(self, n: int) -> None:
        if self._complete:
            self.count_label.setText(self.tr("{n} cases").format(n=f"{n:,}"))
        elif self._total is not None:
            self.count_label.setText(self.tr("{n} cases").format(n=f"{self._total:,}"))
        else:
            self.count_label.setText(self.tr("{n}+ cases").format(n=f"{n:,}"))

    def refresh_queues(self) -> None:
        self.filter_bar.set_queues(self._source.queues())
        self._refresh_view_names()

    def _loading_text(self) -> str:
        if self._progress is None:
            return self.tr("Loading cases…")
        done, total = self._progress
        if total < 0:
            return self.tr("Loading cases… {done} changes so far").format(done=f"{done:,}")
        return self.tr("Loading cases… {done} of {total}").format(
            done=f"{done:,}", total=f"{total:,}"
        )

    def on_pull_progress(self, done: int, total: int) -> None:
        """A long pull is under way: before the first sync, the empty inbox says how far."""
        self._progress = (done, total)
        if not self._synced and not self.model.rowCount():
            self.empty.setText(self._loading_text())

    def on_sync_finished(self, _at) -> None:
        """After each sync cycle: queues may be new; the first sync fills an empty inbox."""
        self._synced = True
        self.refresh_queues()
        if not self.model.rowCount():
            self.reload()

    def on_cases_changed(self, case_ids: set[str]) -> None:
        """A sync changed these cases: re-query, repaint, and look for alerts."""
        first_fill = self.model.rowCount() == 0
        self.model.invalidate(case_ids)
        self.reload()
        if first_fill:  # an empty store filling up: the backlog is not news
            self.alerts.prime(self._clock.now())
        else:
            self.alerts.on_cases_changed(case_ids, self._clock.now())

    # -- navigation -----------------------------------------------------------------------------
    def focus_target(self) -> QWidget:
        """Where the keyboard goes when the page is shown: the table (Enter opens its row)."""
        return self.table

    def current_case_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_case(self, case_id: str) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        self.select_row(row)
        return True

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, int(Column.CASE))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        flags |= QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def move_selection(self, step: int) -> None:
        """J / K: next / previous case."""
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        self.select_row(max(0, min(row, self.model.rowCount() - 1)))

    def next_task(self) -> str | None:
        """N: my highest-priority, earliest-due open case, else the top unassigned one."""
        now = self._clock.now()
        for who in ("me", "unassigned"):
            f = InboxFilter(assignee=who, me=self._me, statuses=WORKABLE)
            ids = self._source.ids(f, now, 1)
            if ids:
                if not self.select_case(ids[0]):
                    self.filter_bar.show_filter(InboxFilter(me=self._me, statuses=ACTIVE))
                self.sig_case_opened.emit(ids[0])
                return ids[0]
        return None

    def visible_rows(self) -> tuple[int, int]:
        """First and last row the viewport shows (-1, -1 when empty)."""
        if not self.model.rowCount() or not self.table.isVisible():
            return -1, -1
        first = self.table.rowAt(0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        if first < 0:
            return -1, -1
        return first, last if last >= 0 else self.model.rowCount() - 1

    # -- handlers -------------------------------------------------------------------------------
    def _on_tick(self, now) -> None:
        first, last = self.visible_rows()
        if first >= 0:
            self.model.refresh_sla(first, last)
        self.alerts.on_tick(now)

    def _on_filter_changed(self, f: InboxFilter) -> None:
        self._filter = replace(
            f, me=self._me, sort=self._filter.sort, descending=self._filter.descending
        )
        self.reload()

    def _on_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)

    def _on_sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        new = with_sort(self._filter, column, order == Qt.SortOrder.DescendingOrder)
        if new != self._filter:
            self._filter = new
            self.reload()

    def _on_row_activated(self, index: QModelIndex) -> None:
        case_id = self.model.id_at(index.row())
        if case_id:
            self.sig_case_opened.emit(case_id)

    def _on_alert_raised(self, kind: str, text: str, case_ids: set[str]) -> None:
        self.model.flash(case_ids)
        self.sig_alert_raised.emit(kind, text, case_ids)

    # -- saved views ----------------------------------------------------------------------------
    def _refresh_view_names(self) -> None:
        with self._source.store.session() as session:
            names = [name for name, _ in saved_views.list_views(session, self._me)]
        self.filter_bar.set_view_names(names)

    def save_view(self, name: str) -> Op | None:
        """Save the current filter under ``name`` (on the runner); the list refreshes after."""
        name = name.strip()
        if not name:
            return None
        work = functools.partial(
            _save_view, self._source.store, self._me, name, self._filter, self._clock.now()
        )
        return self._runner.op(work).success(self._on_views_changed).run("inbox.save_view")

    def _on_views_changed(self, _result: object = None) -> None:
        self._refresh_view_names()

    def apply_view(self, name: str) -> bool:
        with self._source.store.session() as session:
            found = dict(saved_views.list_views(session, self._me)).get(name)
        if found is None:
            return False
        self._filter = replace(found, me=self._me)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        order = Qt.SortOrder.DescendingOrder if found.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column_of_sort(found.sort), order)
        header.blockSignals(False)
        self.filter_bar.show_filter(self._filter)
        return True

    def _on_view_save_requested(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save view"))
        dialog.setLabelText(self.tr("Name of this view:"))
        dialog.textValueSelected.connect(self.save_view)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_view_selected(self, name: str) -> None:
        self.apply_view(name)

    def _on_view_delete_requested(self, name: str) -> Op:
        work = functools.partial(_delete_view, self._source.store, self._me, name)
        return self._runner.op(work).success(self._on_views_changed).run("inbox.delete_view")


def _save_view(store: Store, me: str, name: str, f: InboxFilter, now: datetime) -> None:
    """On the store writer (``ui.runner``)."""
    with store.transaction() as session:
        saved_views.save_view(session, me, name, f, now)


def _delete_view(store: Store, me: str, name: str) -> None:
    """On the store writer (``ui.runner``)."""
    with store.transaction() as session:
        saved_views.delete_view(session, me, name)
