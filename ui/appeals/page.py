"""The appeals page (``--page appeals``): the senior-review queue, the original decision side by
side with the appeal, the resolve form (independence checked up front), and the submit form."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.commands.forms import validate
from app.domain.enums import Action
from app.domain.people import Appeal
from app.rules import access, appeals
from app.rules.confirmation import needs_confirmation
from app.services.common import today_kst
from app.store.lookups import get_appeal, get_case
from app.text.labels import label
from ui.appeals.forms import ResolveAppealForm, SubmitAppealForm
from ui.appeals.model import AppealsModel
from ui.context import AppContext
from ui.wiring import domain_user
from widgets import case_sections as sections
from widgets.formatting import local_time
from widgets.info_panels import InfoGroup
from widgets.palette import css_color
from widgets.table_view import set_up_table


class AppealsPage(QWidget):
    """Page ``appeals``."""

    sig_appeal_selected = Signal(str)
    """Emitted with the appeal id shown side by side with its original decision."""

    sig_appeal_written = Signal(str)
    """Emitted with "submit" or "resolve" after an appeal action was written locally."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appealsPage")
        self.context = context
        self.user = domain_user(context)
        self.appeal: Appeal | None = None
        now, lang, store = context.clock.now, context.lang, context.store
        self.model = AppealsModel(store, self)
        self.table = QTableView(self)
        self.original = InfoGroup(self.tr("Original decision"), self)
        self.details = InfoGroup(self.tr("Appeal"), self)
        self.independence = QLabel(self)
        self.independence.setObjectName("independenceNotice")
        self.independence.setWordWrap(True)
        self.independence.setStyleSheet(css_color("error") + " font-weight: bold;")
        self.independence.hide()
        runner = context.runner
        self.resolve_form = ResolveAppealForm(store, self.user, lang, now, runner, self)
        self.submit_form = SubmitAppealForm(store, self.user, lang, now, runner, self)
        self.resolve_form.setVisible(bool(access.can(self.user.roles, Action.RESOLVE_APPEAL)))
        self.submit_form.setVisible(bool(access.can(self.user.roles, Action.SUBMIT_APPEAL)))
        self.count = QLabel(self)
        self.done = QLabel(self)
        self.done.setObjectName("actionDone")
        self.done.setWordWrap(True)
        self.done.hide()
        self.resolve_form.set_confirmation(self._confirm_resolution)
        self._build()
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.resolve_form.sig_form_submitted.connect(lambda _r: self._on_written("resolve"))
        self.submit_form.sig_form_submitted.connect(lambda _r: self._on_written("submit"))
        context.bridge.sig_appeals_changed.connect(self._on_appeals_changed)
        self.reload()

    def _build(self) -> None:
        t = set_up_table(
            self.table, self.model, name="appealsQueue", accessible_name=self.tr("Open appeals")
        )
        queue = QGroupBox(self.tr("Senior-review queue"), self)
        queue_layout = QVBoxLayout(queue)
        queue_layout.addWidget(self.count)
        queue_layout.addWidget(t)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(queue, 3)
        submit_box = QGroupBox(self.tr("On behalf of the customer"), self)
        QVBoxLayout(submit_box).addWidget(self.submit_form)
        submit_box.setVisible(self.submit_form.isVisibleTo(self))
        left_layout.addWidget(submit_box, 2)
        compare = QHBoxLayout()
        compare.addWidget(self.original, 1)
        compare.addWidget(self.details, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(compare)
        right_layout.addWidget(self.independence)
        right_layout.addWidget(self.done)
        right_layout.addWidget(self.resolve_form, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        title = QLabel(self.tr("Appeals"), self)
        title.setObjectName("pageTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(split, 1)

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.appeal.id if self.appeal else None
        self.model.reload()
        self.count.setText(self.tr("{n} open appeals").format(n=self.model.rowCount()))
        row = self.model.row_of(keep) if keep else -1
        self.select_row(row if row >= 0 else 0)
        if not self.model.rowCount():
            self.show_appeal(None)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)

    def select_appeal(self, appeal_id: str) -> bool:
        row = self.model.row_of(appeal_id)
        self.select_row(row)
        return row >= 0

    def show_appeal(self, appeal_id: str | None) -> None:
        lang = self.context.lang
        with self.context.store.session() as s:
            appeal = get_appeal(s, appeal_id) if appeal_id else None
            case = get_case(s, appeal.case_id) if appeal else None
        self.appeal = appeal
        self.resolve_form.setEnabled(appeal is not None)
        if appeal is None or case is None:
            self.original.set_rows([])
            self.details.set_rows([])
            self.independence.hide()
            return
        self.original.setTitle(self.tr("Original decision — case {id}").format(id=case.id))
        self.original.set_rows(
            [
                *sections.outcome_rows(case, self.model.names(), lang)[:4],
                (self.tr("Amount"), sections.amount_text(case.application.amount, lang == "ko")),
                *sections.outcome_rows(case, self.model.names(), lang)[5:7],
                (self.tr("Improvement advice"), case.improvement_advice),
            ]
        )
        closes = appeals.window_closes_at(case)
        self.details.setTitle(self.tr("Appeal {id}").format(id=appeal.id))
        self.details.set_rows(
            [
                (self.tr("Reason"), appeal.reason),
                (self.tr("Evidence"), ", ".join(appeal.evidence)),
                (self.tr("Submitted by"), self.model.name(appeal.submitted_by)),
                (self.tr("Submitted at"), local_time(appeal.submitted_at)),
                (self.tr("Appeal window closes"), local_time(closes)),
                (self.tr("Status"), label(appeal.status, lang)),
            ]
        )
        verdict = appeals.check_resolver(self.user, appeal.original_decider_id or case.decided_by)
        self.independence.setText("" if verdict else verdict.text(lang))
        self.independence.setVisible(not verdict)
        self.resolve_form.submit_button.setEnabled(bool(verdict))
        self.resolve_form.submit_button.setToolTip("" if verdict else verdict.text(lang))
        self.resolve_form.set_appeal(appeal.id)
        self.sig_appeal_selected.emit(appeal.id)

    # -- handlers -------------------------------------------------------------------------------
    def _on_selection_changed(self, selected: QItemSelection, _deselected) -> None:
        rows = {i.row() for i in selected.indexes()}
        appeal = self.model.appeal(min(rows)) if rows else None
        self.show_appeal(appeal.id if appeal else None)

    def _confirm_resolution(self, _values) -> str:
        """An overturn reverses a decision: confirm it with a summary first."""
        appeal = self.appeal
        resolution = self.resolve_form.resolution()
        if appeal is None or not needs_confirmation("appeal_resolve", resolution=resolution):
            return ""
        today = today_kst(self.context.clock.now())
        if validate("appeal_resolve", self.resolve_form.payload(), today):
            return ""  # the form says what is wrong first
        return self.tr(
            "Overturn the decision on case {case} (appeal {id})?\n\nThe denial is reversed and "
            "the case is approved; this cannot be taken back."
        ).format(case=appeal.case_id, id=appeal.id)

    def _on_written(self, what: str) -> None:
        """The runner already announced the write to the other pages; this list reloads and a
        resolution says it waits to sync."""
        resolved = self.resolve_form.submitted_appeal_id
        if what == "resolve" and resolved:
            self.done.setText(
                self.tr("Appeal {id} resolved — waiting to sync.").format(id=resolved)
            )
            self.done.show()
        self.reload()
        self.sig_appeal_written.emit(what)

    def _on_appeals_changed(self, _appeal_ids: set[str]) -> None:
        """A pull or another page's write changed appeals (the bridge's signal, no poll)."""
        self.reload()
