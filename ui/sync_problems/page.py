"""The Sync problems page (``--page sync-problems``; the status bar's button): every action the
server refused, with its reason and the user's original input, and what to do about it — retry
as a new action, copy to a new draft, or discard (recorded in the case's timeline); below them,
the server changes this workstation could not apply (``ui.sync_problems.feed_entries``)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.commands.forms import FIELD_LABELS
from app.rules.errors import RuleError
from app.rules.messages import action_label
from app.services import problems
from app.text.formats import money
from ui.context import AppContext
from ui.runner import Op
from ui.sync_problems.feed_entries import FeedEntriesGroup
from ui.sync_problems.model import Problem, ProblemsModel
from ui.wiring import domain_user, open_case
from widgets.flow_layout import FlowLayout
from widgets.info_panels import InfoGroup
from widgets.table_view import set_up_table


def field_label(name: str, lang: str) -> str:
    ko, en = FIELD_LABELS.get(name, (name, name))
    return en if lang == "en" else ko


MONEY_FIELDS = frozenset({"limit", "amount"})
"""Input fields that hold a KRW amount (``app.commands.fields.Money``)."""


def _shown(value: object, name: str = "", lang: str = "ko") -> str:
    if name in MONEY_FIELDS and isinstance(value, int | float):
        return money(value, lang)
    if name == "rate" and isinstance(value, int | float):
        return f"{value:g}%"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class SyncProblemsPage(QWidget):
    """Page ``sync-problems``."""

    sig_problem_resolved = Signal(str, int)
    """Emitted with (what: retry / draft / discard, outbox id) after the user chose."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncProblemsPage")
        self.context = context
        self.user = domain_user(context)
        self.current: Problem | None = None
        self.model = ProblemsModel(context.store, context.lang, self)
        self.table = QTableView(self)
        self.reason = InfoGroup(self.tr("Server's answer"), self)
        self.field_errors = InfoGroup(self.tr("Field errors"), self)
        self.user_input = InfoGroup(self.tr("Your original input"), self)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("problemOutcome")
        self.outcome.setWordWrap(True)
        self.empty = QLabel(self.tr("No sync problems: everything you did reached the server."))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Retry as a new action"), self)
        self.retry_button.setObjectName("retryProblem")
        self.draft_button = QPushButton(self.tr("Copy to a new draft"), self)
        self.draft_button.setObjectName("draftProblem")
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setObjectName("discardProblem")
        self.open_button = QPushButton(self.tr("Open case"), self)
        self.feed_entries = FeedEntriesGroup(context.store, self)
        self._build()
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.retry_button.clicked.connect(self.retry)
        self.draft_button.clicked.connect(self.copy_to_draft)
        self.discard_button.clicked.connect(self.discard)
        self.open_button.clicked.connect(self._on_open_case)
        context.bridge.sig_outbox_changed.connect(self._on_outbox_changed)
        self.reload()

    def _build(self) -> None:
        t = set_up_table(
            self.table, self.model, name="problemsTable", accessible_name=self.tr("Sync problems")
        )
        detail = QWidget(self)
        row = QWidget(detail)
        buttons = FlowLayout(row)  # wraps at a large font instead of clipping (issue 22)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.retry_button, self.draft_button, self.discard_button):
            buttons.add(button)
        buttons.add(self.open_button)
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.reason)
        column.addWidget(self.field_errors)
        column.addWidget(self.user_input)
        column.addWidget(self.outcome)
        column.addWidget(row)
        column.addStretch(1)
        box = QGroupBox(self.tr("Refused actions"), self)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(t)
        box_layout.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        split.addWidget(box)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        title = QLabel(self.tr("Sync problems"), self)
        title.setObjectName("pageTitle")
        note = QLabel(
            self.tr(
                "The server refused these actions. Nothing you typed is lost: retry it against "
                "the case as it is now, copy it into a new draft, or discard it (recorded)."
            ),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(split, 1)
        layout.addWidget(self.feed_entries, 1)

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.current.id if self.current else None
        self.feed_entries.reload()
        self.model.reload()
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        row = self.model.row_of(keep) if keep is not None else -1
        if has_rows:
            self.table.selectRow(row if row >= 0 else 0)
        else:
            self.show_problem(None)

    def show_problem(self, p: Problem | None) -> None:
        self.current = p
        for button in (self.retry_button, self.draft_button, self.discard_button):
            button.setEnabled(p is not None)
        self.open_button.setEnabled(bool(p and p.case_id))
        if p is None:
            for group in (self.reason, self.field_errors, self.user_input):
                group.set_rows([])
            return
        code = str(p.problem.get("code") or "")
        status = str(p.problem.get("status") or "")
        self.reason.set_rows(
            [
                (self.tr("Title"), p.title),
                (self.tr("Detail"), p.detail),
                (self.tr("Code"), f"{code} ({status})" if status else code),
                (self.tr("Request"), p.path),
            ]
        )
        errors = [(field_label(k, self.context.lang), v) for k, v in p.errors.items()]
        self.field_errors.set_rows(errors or [(self.tr("Fields"), "—")])
        self.field_errors.setVisible(bool(p.errors))
        lang = self.context.lang
        self.user_input.set_rows(
            [(field_label(k, lang), _shown(v, k, lang)) for k, v in p.user_input.items()]
        )

    # -- the three choices (each a store write, through the runner) -----------------------------
    def _run(self, what: str, work: Any, *args: Any, text: str) -> Op | None:
        p = self.current
        if p is None:
            return None
        outbox_id = p.id
        op = self.context.runner.op(work, self.context.store, *args)
        op.success(lambda result: self._done(what, outbox_id, text, result))
        return op.failure(self._refused).run(f"sync_problems.{what}")

    def _done(self, what: str, outbox_id: int, text: str, _result: Any) -> None:
        self.outcome.setText(text)
        if what != "draft":  # a draft keeps the problem listed
            self.current = None
            self.reload()
        self.sig_problem_resolved.emit(what, outbox_id)

    def _refused(self, exc: Exception) -> None:
        text = exc.text(self.context.lang) if isinstance(exc, RuleError) else str(exc)
        self.outcome.setText(self.tr("Not possible: {why}").format(why=text))

    def retry(self) -> Op | None:
        """Run the action again from the original input (new idempotency key)."""
        p, now = self.current, self.context.clock.now()
        text = self.tr("Retried as a new action; pending sync.")
        return self._run("retry", problems.retry_as_new, self.user, p and p.id, now, text=text)

    def copy_to_draft(self) -> Op | None:
        """Keep the original input as a draft the action's form opens with."""
        p = self.current
        if p is None:
            return None
        text = self.tr("Copied to a draft: the {intent} form of {id} opens with it.").format(
            intent=action_label(p.intent.split(".")[-1], self.context.lang),
            id=p.case_id or p.entity_id,
        )
        return self._run("draft", problems.copy_to_draft, p.id, text=text)

    def discard(self) -> Op | None:
        p, now = self.current, self.context.clock.now()
        text = self.tr("Discarded; the case timeline records it.")
        return self._run("discard", problems.discard, self.user, p and p.id, now, text=text)

    # -- handlers -------------------------------------------------------------------------------
    def _on_selection_changed(self, selected: QItemSelection, _deselected) -> None:
        rows = {i.row() for i in selected.indexes()}
        self.show_problem(self.model.problem(min(rows)) if rows else None)

    def _on_outbox_changed(self, _pending: int, _problems: int) -> None:
        self.reload()

    def _on_open_case(self) -> None:
        if self.current is not None and self.current.case_id:
            open_case(self, self.current.case_id)
