"""The approvals inbox page: executions paused for HITL and generated content awaiting review,
with the selected item's preview. Generated content shows its fact-check beside the text and is
approved / rejected / sent back for changes here (seed 003: nothing generated is applied without
a human's approval); a decision row opens the decision page."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.generated import GeneratedContent
from app.domain.people import User
from app.rules.errors import RuleError, ValidationFailed
from app.services.decision_actions import generated_decision
from app.store.store import Store
from app.text.labels import label
from ui.approvals.model import ApprovalItem, ApprovalsModel, load_items
from ui.runner import OperationRunner
from widgets.clock import Clock
from widgets.formatting import language
from widgets.palette import alert_span_style, css_color, css_size
from widgets.table_view import make_table


def content_html(content: GeneratedContent) -> str:
    """The generated text with mismatching figures marked, then the fact-check table."""
    text, out, pos = content.body, [], 0
    claims = content.fact_check.claims if content.fact_check else []
    for c in sorted((c for c in claims if c.begin_char is not None), key=lambda c: c.begin_char):
        out.append(html.escape(text[pos : c.begin_char]))
        piece = html.escape(text[c.begin_char : c.end_char])
        if not c.matches:
            piece = f"<span style='{alert_span_style()}'>⚠ {piece}</span>"
        out.append(piece)
        pos = c.end_char
    out.append(html.escape(text[pos:]))
    return "".join(out)


class ApprovalsPage(QWidget):
    sig_execution_opened = Signal(str)
    """Emitted with an execution id when the user opens a decision row."""

    sig_action_saved = Signal(int)
    """Emitted with the outbox id after a generated-content decision was saved."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        actor: User,
        lang: str,
        runner: OperationRunner,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalsPage")
        self.store, self.clock, self.actor, self.lang = store, clock, actor, lang
        self.runner = runner
        self.model = ApprovalsModel(self)
        self.table = make_table(
            self,
            self.model,
            name="approvalsTable",
            stretch=1,
            row_pad=0,
            min_row=28,
            accessible_name=self.tr("Approval requests"),
        )
        title = QLabel(self.tr("Approvals"), self)
        title.setObjectName("pageTitle")
        self.preview_title = QLabel(self)
        self.preview_title.setWordWrap(True)
        self.preview_title.setStyleSheet("font-weight: bold; " + css_size("subheading"))
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(self.tr("Request details"))
        self.check = QLabel(self)
        self.check.setWordWrap(True)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Note (required to reject or request changes)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.error = QLabel(self)
        self.error.setStyleSheet(css_color("error"))
        self.error.setWordWrap(True)
        self.approve = QPushButton(self.tr("Approve"), self)
        self.approve.setObjectName("primaryButton")
        self.reject = QPushButton(self.tr("Reject"), self)
        self.changes = QPushButton(self.tr("Request changes"), self)
        self.open_decision = QPushButton(self.tr("Open decision"), self)
        buttons = QHBoxLayout()
        for b in (self.approve, self.reject, self.changes, self.open_decision):
            buttons.addWidget(b)
        buttons.addStretch(1)
        preview = QWidget(self)
        right = QVBoxLayout(preview)
        right.addWidget(self.preview_title)
        split = QHBoxLayout()
        split.addWidget(self.text, 3)
        split.addWidget(self.check, 2)
        right.addLayout(split, 1)
        right.addWidget(self.note)
        right.addWidget(self.error)
        right.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 16)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.table.doubleClicked.connect(self._on_open_clicked)
        self.open_decision.clicked.connect(self._on_open_clicked)
        self.approve.clicked.connect(lambda: self._decide("approve"))
        self.reject.clicked.connect(lambda: self._decide("reject"))
        self.changes.clicked.connect(lambda: self._decide("request_changes"))
        clock.sig_tick.connect(self.model.on_tick)
        self._show(None)

    def reload(self) -> None:
        current = self.current()
        self.model.set_items(load_items(self.store), self.clock.now())
        row = self.model.row_of(current.id) if current else -1
        self.table.selectRow(max(row, 0))
        self._show(self.current())

    def show_entity(self, item_id: str | None) -> None:
        row = self.model.row_of(item_id) if item_id else -1
        if row >= 0:
            self.table.selectRow(row)

    def on_sync_finished(self, _at=None) -> None:
        if self.model.rowCount() == 0:
            self.reload()

    def on_entities_changed(self, changed: dict) -> None:
        if changed.get("approval") or changed.get("generated"):
            self.reload()

    def current(self) -> ApprovalItem | None:
        return self.model.item(self.table.currentIndex().row())

    def _show(self, item: ApprovalItem | None) -> None:
        generated = bool(item and item.generated)
        for w in (self.approve, self.reject, self.changes, self.note):
            w.setVisible(generated)
        self.open_decision.setVisible(bool(item and not item.generated))
        self.error.clear()
        if item is None:
            self.preview_title.setText(self.tr("Nothing is waiting for approval."))
            self.text.clear()
            self.check.clear()
            return
        if not generated:
            r = item.request
            self.preview_title.setText(f"{r.execution_id} · {label(r.decision_type, language())}")
            ctx = r.workflow_context or {}
            lines = [str(ctx.get("query") or "")]
            if ctx.get("recommended"):
                lines.append(self.tr("Recommended: {option}").format(option=ctx["recommended"]))
            lines += [f"{k}: {v}" for k, v in ctx.items() if k not in ("query", "recommended")]
            self.text.setPlainText("\n".join(line for line in lines if line))
            self.check.setText(self.tr("Open the decision to compare the options and respond."))
            return
        c = item.content
        kind = label(c.kind, language())
        self.preview_title.setText(f"{c.title} · {kind} · {c.model} {c.prompt_version}")
        self.text.setHtml(content_html(c))
        not_stored = self.tr("not in the KPI store")  # a figure no store can confirm
        rows = "".join(
            f"<tr><td>{'✔' if f.matches else '⚠'}</td><td>{html.escape(f.text)}</td>"
            f"<td>{f.stated_value}</td>"
            f"<td>{not_stored if f.stored_value is None else f.stored_value}</td></tr>"
            for f in (c.fact_check.claims if c.fact_check else [])
        )
        verdict = (
            self.tr("Fact-check: no check yet")
            if c.fact_check is None
            else self.tr("Fact-check passed")
            if c.fact_check.passed
            else self.tr("Fact-check: {n} mismatch(es)").format(n=len(c.fact_check.mismatches))
        )
        if c.fact_check is not None and not c.fact_check.passed:
            verdict += " — " + self.tr("approving needs a note, recorded as the override reason")
        self.check.setText(
            f"<b>{verdict}</b> ({html.escape(c.fact_check.source if c.fact_check else '')})"
            f"<table cellspacing=4><tr><th></th><th>{self.tr('Claim')}</th>"
            f"<th>{self.tr('Stated')}</th><th>{self.tr('Stored')}</th></tr>{rows}</table>"
        )

    def _on_row_changed(self, current, _previous) -> None:
        self._show(self.model.item(current.row()))

    def _on_open_clicked(self, *_args) -> None:
        item = self.current()
        if item and not item.generated:
            self.sig_execution_opened.emit(item.request.execution_id)

    def _decide(self, decision: str) -> None:
        item = self.current()
        if item is None or not item.generated:
            return
        form = {"decision": decision, "note": self.note.text()}
        op = self.runner.op(
            generated_decision, self.store, self.actor, item.id, form, self.clock.now()
        )
        op.success(self._on_saved).failure(self._on_refused).run("approvals.generated_decision")

    def _on_saved(self, result) -> None:
        self.note.clear()
        self.sig_action_saved.emit(result.outbox_id)
        self.reload()

    def _on_refused(self, exc: Exception) -> None:
        if isinstance(exc, ValidationFailed):
            self.error.setText("\n".join(exc.messages(self.lang).values()))
        else:
            self.error.setText(exc.text(self.lang) if isinstance(exc, RuleError) else str(exc))
