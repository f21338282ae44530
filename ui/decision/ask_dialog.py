""" "Ask a decision question" (seed 002): the dialog, and the controller that queues the question
through app.services.decision_ask (outbox: offline it waits), follows the execution the server
makes of it and shows its steps live as ``decision.step`` events arrive."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.decisions.decompose import DEFAULT_HORIZON, MAX_HORIZON
from app.domain.decisions import default_steps
from app.domain.enums import EntityKind
from app.rules.errors import RuleError, ValidationFailed
from app.services.decision_ask import decision_ask
from app.store.lookups import get_data
from app.text.labels import label

EXAMPLES = (
    "향후 12주간 AI팀의 가동률 병목 구간을 분석해줘",
    "이 프로젝트를 수주해도 될까요?",
    "개발자 2명 증원이 타당한가요?",
    "데이터 엔지니어링 역량 갭을 분석해줘",
)


class AskDialog(QDialog):
    sig_submitted = Signal(dict)
    """Emitted with the form (query, horizon_weeks, org_unit_id) when the user asks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("askDecisionDialog")
        self.setWindowTitle(self.tr("Ask a decision question"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 93)
        self.query = QLineEdit(self)
        self.query.setObjectName("askQuery")
        self.query.setMaxLength(1000)
        self.query.setPlaceholderText(EXAMPLES[0])
        self.horizon = QSpinBox(self)
        self.horizon.setRange(1, MAX_HORIZON)
        self.horizon.setValue(DEFAULT_HORIZON)
        self.horizon.setSuffix(self.tr(" weeks"))
        self.org_unit = QLineEdit(self)
        self.org_unit.setPlaceholderText(self.tr("optional, e.g. ORG-AI-001"))
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        hint = QLabel(self.tr("Examples: {examples}").format(examples=" · ".join(EXAMPLES)), self)
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Question"), self.query)
        form.addRow(self.tr("Horizon"), self.horizon)
        form.addRow(self.tr("Org unit"), self.org_unit)
        self.buttons = QDialogButtonBox(self)
        self.ask_button = self.buttons.addButton(
            self.tr("Ask"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_ask)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(hint)
        column.addWidget(self.error)
        column.addWidget(self.buttons)

    def form(self) -> dict:
        return {"query": self.query.text(), "horizon_weeks": self.horizon.value(),
                "org_unit_id": self.org_unit.text().strip()}  # fmt: skip

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _on_ask(self) -> None:
        self.sig_submitted.emit(self.form())


class AskController(QObject):
    """Owned by the decision page: asks, then follows the asked execution."""

    sig_asked = Signal(int)
    """Emitted with the outbox id of a queued question."""

    def __init__(self, page) -> None:
        super().__init__(page)  # the page is the parent: no Python reference cycle to it
        self.dialog: AskDialog | None = None
        self.asked_query: str | None = None
        self.execution_id: str | None = None
        self.step_log: dict[str, dict[str, str]] = {}  # execution id → step → status

    @property
    def page(self):
        return self.parent()

    def open_dialog(self) -> AskDialog:
        if self.dialog is None:
            self.dialog = AskDialog(self.page)
            self.dialog.sig_submitted.connect(self._on_submitted)
        self.dialog.error.hide()
        self.dialog.open()  # not exec(): never a nested loop under qasync
        return self.dialog

    def _on_submitted(self, form: dict) -> None:
        """Queue the question on the operation runner (the store writer); the dialog hears back
        on the GUI thread: closed on success, the reason shown by the question on a refusal."""
        page = self.page
        op = page.runner.op(decision_ask, page.source.store, page.actor, form, page.clock.now())
        op.success(lambda result: self._on_queued(form, result)).failure(self._on_refused)
        op.run("decision.ask")

    def _on_refused(self, exc: Exception) -> None:
        page, dialog = self.page, self.dialog
        if isinstance(exc, ValidationFailed):
            dialog.show_error("\n".join(exc.messages(page.lang).values()))
        elif isinstance(exc, RuleError):
            dialog.show_error(exc.text(page.lang))
        else:
            dialog.show_error(str(exc))

    def _on_queued(self, form: dict, result) -> None:
        page = self.page
        self.dialog.accept()
        self.asked_query = " ".join(form["query"].split())
        self.execution_id = None
        page.live.setText(self.tr("Question queued: {query} — it is sent when the server is "
                                  "reachable.").format(query=self.asked_query))  # fmt: skip
        page.live.show()
        self.sig_asked.emit(result.outbox_id)

    def on_entities_changed(self, changed: dict) -> bool:
        """Follow the execution of the asked question once the change feed brings it; True
        when the page was switched to it."""
        if not self.asked_query:
            return False
        with self.page.source.store.session() as s:
            for execution_id in changed.get("decision", ()):
                data = get_data(s, EntityKind.DECISION, execution_id) or {}
                if (data.get("query") or {}).get("original_query") == self.asked_query:
                    self.execution_id, self.asked_query = execution_id, None
                    break
        if self.execution_id is None:
            return False
        self.page.show_entity(self.execution_id)
        self._show_steps()
        return True

    def on_decision_step(self, data: dict) -> None:
        """A live ``decision.step`` event: kept per execution (the asked one may not be in the
        store yet), shown when it is the execution on the page."""
        execution_id = str(data.get("execution_id") or "")
        if not execution_id:
            return
        steps = self.step_log.setdefault(execution_id, {})
        steps[str(data.get("step"))] = str(data.get("status"))
        while len(self.step_log) > 50:
            self.step_log.pop(next(iter(self.step_log)))
        shown = self.page.view.decision.id if self.page.view else None
        if execution_id in (shown, self.execution_id):
            self._show_steps()

    def _show_steps(self) -> None:
        steps = self.step_log.get(self.execution_id or "", {})
        if not steps:
            return
        marks = {"done": "✔", "waiting": "◆", "failed": "✖"}
        parts = [  # the steps' words, as the page's step line shows them
            f"{marks.get(steps[s.step_type.value], '•')} {s.step_number}. "
            f"{label(s.step_type, self.page.lang)}"
            for s in default_steps()
            if s.step_type.value in steps
        ]
        self.page.live.setText(self.tr("Live: {steps}").format(steps="  ".join(parts)))
        self.page.live.setTextFormat(Qt.TextFormat.PlainText)
        self.page.live.show()
