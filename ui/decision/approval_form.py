"""The HITL approval form (seed 002 §3): status, approval level (the user's; a level above it is
refused with the reason), selected option, rationale (required), conditions; escalation to the
next level with a reason; the decision log once the request is final. Emits what the user
entered; the page calls app.services.decision_actions and hands errors back.

Submit lives in :attr:`ApprovalForm.footer`, a bar the page keeps below its scrolling content:
at 1440×900 the form's bottom is below the fold, so the button, what it will submit and the
result stay in sight (issue 17); Ctrl+Enter submits from anywhere on the page."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.decisions import ApprovalRequest, DecisionLog, DecisionOption
from app.domain.enums import ApprovalLevel
from app.rules import approvals
from app.text.josa import fill
from app.text.labels import label as word
from widgets.clock import Clock
from widgets.countdown import CountdownLabel
from widgets.formatting import local_time
from widgets.palette import css_color


class ApprovalForm(QGroupBox):
    sig_response_submitted = Signal(object)
    """Emitted with the form {status, approval_level, selected_option_id, rationale,
    conditions} when the user submits."""

    sig_escalation_requested = Signal(str)
    """Emitted with the reason when the user escalates to the next level."""

    def __init__(self, clock: Clock, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Approval"), parent)
        self.setObjectName("approvalForm")
        self._lang = lang
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.countdown = CountdownLabel(clock, self, what=self.tr("approval timeout"))
        self.refusal = QLabel(self)
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(css_color("error") + " font-weight: bold;")
        self.status = QComboBox(self)
        for value, text in (
            ("APPROVED", self.tr("Approve")),
            ("MODIFIED", self.tr("Approve with changes")),
            ("REJECTED", self.tr("Reject")),
            ("ESCALATED", self.tr("Escalate")),
        ):
            self.status.addItem(text, value)
        self.level = QComboBox(self)
        for level in ApprovalLevel:
            self.level.addItem(word(level, lang), level.value)
        self.option = QComboBox(self)
        self.rationale = QPlainTextEdit(self)
        self.rationale.setPlaceholderText(self.tr("Why this decision (required)"))
        line = self.fontMetrics().lineSpacing()  # heights follow the font (issue 22)
        self.rationale.setFixedHeight(line * 3 + 12)
        self.conditions = QPlainTextEdit(self)
        self.conditions.setPlaceholderText(self.tr("One condition a line"))
        self.conditions.setFixedHeight(line * 2 + 12)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, widget in (
            ("status", self.tr("Decision"), self.status),
            ("approval_level", self.tr("Approval level"), self.level),
            ("selected_option_id", self.tr("Selected option"), self.option),
            ("rationale", self.tr("Rationale"), self.rationale),
            ("conditions", self.tr("Conditions"), self.conditions),
        ):
            error = QLabel(self)
            error.setObjectName(f"error_{key}")
            error.setStyleSheet(css_color("error"))
            error.setWordWrap(True)
            error.hide()
            self.errors[key] = error
            column = QVBoxLayout()
            column.setSpacing(1)
            column.addWidget(widget)
            column.addWidget(error)
            widget.setAccessibleName(label)  # its row's label, not the group box (issue 22)
            form.addRow(label, column)
        self.footer = QFrame(self)  # placed by the page below its scroll area, always in sight
        self.footer.setObjectName("approvalFooter")
        self.footer.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary = QLabel(self.footer)
        self.summary.setObjectName("approvalSummary")
        self.submit = QPushButton(self.tr("Submit decision (Ctrl+Enter)"), self.footer)
        self.submit.setObjectName("primaryButton")
        self.submit.setShortcut("Ctrl+Return")
        self.message = QLabel(self.footer)
        self.message.setWordWrap(True)
        bar = QHBoxLayout(self.footer)
        bar.setContentsMargins(16, 6, 16, 6)
        bar.addWidget(self.summary)
        bar.addWidget(self.message, 1)
        bar.addWidget(self.submit)
        self.status.currentIndexChanged.connect(self._on_choice_changed)
        self.option.currentIndexChanged.connect(self._on_choice_changed)
        self.escalate_reason = QLineEdit(self)
        self.escalate_reason.setPlaceholderText(self.tr("Reason for escalating"))
        self.escalate_reason.setAccessibleName(self.tr("Reason for escalating"))
        self.escalate_button = QPushButton(self.tr("Escalate"), self)
        self.errors["reason"] = QLabel(self)
        self.errors["reason"].setStyleSheet(css_color("error"))
        self.errors["reason"].hide()
        escalate = QHBoxLayout()
        escalate.addWidget(self.escalate_reason, 1)
        escalate.addWidget(self.escalate_button)
        self.log = QLabel(self)
        self.log.setObjectName("decisionLog")
        self.log.setWordWrap(True)
        self.log.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.countdown)
        layout.addWidget(self.refusal)
        layout.addLayout(form)
        layout.addLayout(escalate)
        layout.addWidget(self.errors["reason"])
        layout.addWidget(self.log)
        layout.addStretch(1)
        self.submit.clicked.connect(self._on_submit_clicked)
        self.escalate_button.clicked.connect(self._on_escalate_clicked)

    # -- filling --------------------------------------------------------------------------------
    def set_request(
        self,
        request: ApprovalRequest | None,
        options: list[DecisionOption],
        user_level: ApprovalLevel | None,
        *,
        may_escalate: bool,
        pending_sync: int,
    ) -> None:
        self.clear_errors()
        self.option.clear()
        self.option.addItem(self.tr("(none)"), "")
        for o in options:
            self.option.addItem(f"{o.option_id} · {o.name}", o.option_id)
        if user_level is not None:
            self.level.setCurrentIndex(self.level.findData(user_level.value))
        if request is None:
            self.state.setText(self.tr("No approval request for this execution."))
            self._enable(False, False)
            return
        final = approvals.is_final(request.status)
        sync = self.tr(" · pending sync") if pending_sync else ""
        pattern = self.tr("<b>{id}</b> · {status} · needs <b>{level}</b> · yours: {mine}{sync}")
        self.state.setText(
            fill(
                pattern, id=request.request_id, status=word(request.status, self._lang),
                level=word(request.required_level, self._lang),
                mine=word(user_level, self._lang) if user_level else self.tr("none"), sync=sync,
            )
        )  # fmt: skip
        self.countdown.set_deadline(None if final else request.expires_at)
        verdict = approvals.can_approve(user_level, request.required_level)
        self.refusal.setText("" if verdict or final else verdict.text(self._lang))
        self.refusal.setVisible(not verdict and not final)
        upper = approvals.next_level(request.required_level)
        self.escalate_button.setText(
            fill(self.tr("Escalate to {level}"), level=word(upper, self._lang))
            if upper
            else self.tr("Escalate")
        )
        self.escalate_button.setToolTip(
            "" if may_escalate else self.tr("Escalating needs the operations admin role.")
        )
        # no dead end: a user who may not escalate sees no escalation controls (issue 17)
        self.escalate_reason.setVisible(may_escalate)
        self.escalate_button.setVisible(may_escalate)
        self._enable(bool(verdict) and not final, may_escalate and not final and upper is not None)

    def _enable(self, respond: bool, escalate: bool) -> None:
        for w in (self.status, self.level, self.option, self.rationale, self.conditions):
            w.setEnabled(respond)
        self.submit.setEnabled(respond)
        self.summary.setVisible(respond)
        self.escalate_reason.setEnabled(escalate)
        self.escalate_button.setEnabled(escalate)

    def _on_choice_changed(self, _index: int = 0) -> None:
        """The footer says what Submit will send: the decision and the selected option."""
        option = self.option.currentData() or ""
        text = self.option.currentText() if option else self.tr("no option selected")
        pattern = self.tr("To submit: {decision} · {option}")
        self.summary.setText(fill(pattern, decision=self.status.currentText(), option=text))

    def select_option(self, option_id: str) -> None:
        index = self.option.findData(option_id)
        if index >= 0:
            self.option.setCurrentIndex(index)

    def set_log(self, log: DecisionLog | None, local: bool) -> None:
        if log is None:
            self.log.hide()
            return
        where = self.tr(" (local preview until the server confirms)") if local else ""
        conditions = "".join(f"<br>• {html.escape(c)}" for c in log.conditions)
        self.log.setText(
            self.tr("<b>Decision log</b>{where}<br>{status} · option {option} {name}<br>"
                    "Rationale: {why}{conditions}<br>Decided {at}").format(
                where=where, status=word(log.final_status, self._lang),
                option=log.selected_option_id or "—",
                name=html.escape(log.selected_option_name), why=html.escape(log.rationale),
                conditions=conditions, at=local_time(log.created_at),
            )
        )  # fmt: skip
        self.log.show()

    # -- results --------------------------------------------------------------------------------
    def form(self) -> dict:
        return {
            "status": self.status.currentData(),
            "approval_level": self.level.currentData(),
            "selected_option_id": self.option.currentData() or None,
            "rationale": self.rationale.toPlainText(),
            "conditions": self.conditions.toPlainText(),
        }

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.message.clear()

    def show_errors(self, messages: dict[str, str]) -> None:
        self.clear_errors()
        for key, text in messages.items():
            label = self.errors.get(key)
            if label is None:
                self.message.setText(f"{self.message.text()}\n{key}: {text}".strip())
                continue
            label.setText(text)
            label.show()

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(css_color("error" if error else "ok"))
        self.message.setText(text)  # the runner announced the action's result (ui/runner.py)

    def _on_submit_clicked(self) -> None:
        self.sig_response_submitted.emit(self.form())

    def _on_escalate_clicked(self) -> None:
        self.sig_escalation_requested.emit(self.escalate_reason.text())
