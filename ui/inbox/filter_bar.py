"""The inbox filter bar: queue, priority, status, assignee, SLA state, free text, saved views.

Combo changes apply at once; typing is debounced (300 ms) and the page runs the query with
"latest request wins", so a fast typist never waits for stale results.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.domain.enums import CaseStatus, Priority
from app.rules.lifecycle import ACTIVE_STATUSES
from app.store.inbox import InboxFilter
from ui.inbox.columns import status_label
from widgets.flow_layout import FlowLayout

DEBOUNCE_MS = 300
ACTIVE_KEY = "__active__"


def _statuses(choice: str | None) -> frozenset[str]:
    if choice == ACTIVE_KEY:
        return ACTIVE_STATUSES
    return frozenset([choice]) if choice else frozenset()


class FilterBar(QFrame):
    """Edits an ``InboxFilter``; the sort part is left to the table header."""

    sig_filter_changed = Signal(object)
    """Emitted with the new ``InboxFilter`` (text changes after the debounce)."""

    sig_view_save_requested = Signal()
    """Emitted when the user asks to save the current filter as a named view."""

    sig_view_selected = Signal(str)
    """Emitted with the name of the saved view the user picked."""

    sig_view_delete_requested = Signal(str)
    """Emitted with the name of the saved view the user wants deleted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._filter = InboxFilter(statuses=ACTIVE_STATUSES)
        self._quiet = False
        self.queue = self._combo(self.tr("Queue"))
        self.priority = self._combo(self.tr("Priority"))
        self.status = self._combo(self.tr("Status"))
        self.assignee = self._combo(self.tr("Assignee"))
        self.sla = self._combo(self.tr("SLA state"))
        self.views = self._combo(self.tr("Saved views"))
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("Search case, customer, queue…"))
        self.text.setAccessibleName(self.tr("Search"))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(self.text.fontMetrics().averageCharWidth() * 24)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.save_view = QPushButton(self.tr("Save view…"), self)
        self.save_view.setAccessibleName(self.tr("Save the current filter as a view"))
        self.delete_view = QPushButton(self.tr("Delete view"), self)
        self.delete_view.setAccessibleName(self.tr("Delete the selected saved view"))
        self._fill_static()
        layout = FlowLayout(self)  # wraps at a large font instead of clipping (issue 22)
        layout.setContentsMargins(12, 8, 12, 8)
        for label, widget in (
            (self.tr("Queue"), self.queue),
            (self.tr("Priority"), self.priority),
            (self.tr("Status"), self.status),
            (self.tr("Assignee"), self.assignee),
            (self.tr("SLA"), self.sla),
        ):
            layout.add(self._labelled(label, widget))
        layout.add(self.text, stretch=True)
        views = self._labelled(self.tr("Saved views"), self.views)  # named for screen readers
        layout.add(views)
        layout.add(self.save_view)
        layout.add(self.delete_view)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_text_settled)
        self.text.textChanged.connect(self._on_text_edited)
        for combo in (self.queue, self.priority, self.status, self.assignee, self.sla):
            combo.currentIndexChanged.connect(self._on_combo_changed)
        self.views.activated.connect(self._on_view_activated)
        self.save_view.clicked.connect(self.sig_view_save_requested)
        self.delete_view.clicked.connect(self._on_delete_clicked)

    def _labelled(self, text: str, widget: QWidget) -> QWidget:
        """A caption and its field, kept on one row when the bar wraps."""
        pair = QWidget(self)
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        caption = QLabel(text, pair)
        caption.setBuddy(widget)
        widget.setParent(pair)
        row.addWidget(caption)
        row.addWidget(widget)
        return pair

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _fill_static(self) -> None:
        self.priority.addItem(self.tr("Any"), None)
        for p in Priority:
            self.priority.addItem(p.value.upper(), p.value)
        self.status.addItem(self.tr("Active"), ACTIVE_KEY)
        self.status.addItem(self.tr("Any"), None)
        for s in CaseStatus:
            self.status.addItem(status_label(s.value), s.value)
        self.assignee.addItem(self.tr("Anyone"), "anyone")
        self.assignee.addItem(self.tr("Me"), "me")
        self.assignee.addItem(self.tr("Unassigned"), "unassigned")
        self.sla.addItem(self.tr("Any"), None)
        self.sla.addItem(self.tr("At risk"), "at_risk")
        self.sla.addItem(self.tr("Breached"), "breached")
        self.sla.addItem(self.tr("Paused"), "paused")
        self.queue.addItem(self.tr("All queues"), None)
        self.views.addItem(self.tr("Views…"), None)

    # -- public ---------------------------------------------------------------------------------
    def current_filter(self) -> InboxFilter:
        return self._filter

    def set_queues(self, queues: list[tuple[str, str]]) -> None:
        wanted = self.queue.currentData()
        self._quiet = True
        self.queue.clear()
        self.queue.addItem(self.tr("All queues"), None)
        for queue_id, name in queues:
            self.queue.addItem(name, queue_id)
        self._select(self.queue, wanted)
        self._quiet = False

    def set_view_names(self, names: list[str]) -> None:
        self.views.clear()
        self.views.addItem(self.tr("Views…"), None)
        for name in names:
            self.views.addItem(name, name)
        self.delete_view.setEnabled(bool(names))

    def show_filter(self, f: InboxFilter) -> None:
        """Show ``f`` in the controls and emit it once."""
        self._quiet = True
        self._select(self.queue, next(iter(sorted(f.queue_ids)), None))
        self._select(self.priority, next(iter(sorted(str(p) for p in f.priorities)), None))
        status = ACTIVE_KEY if f.statuses == ACTIVE_STATUSES else None
        self._select(self.status, status or next(iter(sorted(f.statuses)), None))
        self._select(self.assignee, f.assignee)
        self._select(self.sla, f.sla)
        self.text.setText(f.text)
        self._debounce.stop()
        self._quiet = False
        self._filter = f
        self.sig_filter_changed.emit(f)

    @staticmethod
    def _select(combo: QComboBox, data) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(0, index))

    # -- handlers -------------------------------------------------------------------------------
    def _compose(self) -> InboxFilter:
        queue, prio, status = (c.currentData() for c in (self.queue, self.priority, self.status))
        return replace(
            self._filter,
            queue_ids=frozenset([queue]) if queue else frozenset(),
            priorities=frozenset([Priority(prio)]) if prio else frozenset(),
            statuses=_statuses(status),
            assignee=self.assignee.currentData() or "anyone",
            sla=self.sla.currentData(),
            text=self.text.text().strip(),
        )

    def _on_combo_changed(self, _index: int) -> None:
        if not self._quiet:
            self._emit()

    def _on_text_edited(self, _text: str) -> None:
        if not self._quiet:
            self._debounce.start()

    def _on_text_settled(self) -> None:
        self._emit()

    def _emit(self) -> None:
        new = self._compose()
        if new != self._filter:
            self._filter = new
            self.sig_filter_changed.emit(new)

    def _on_view_activated(self, index: int) -> None:
        name = self.views.itemData(index)
        if name:
            self.sig_view_selected.emit(name)

    def _on_delete_clicked(self) -> None:
        name = self.views.currentData()
        if name:
            self.sig_view_delete_requested.emit(name)
