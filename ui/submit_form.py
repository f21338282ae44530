"""The form that calls a service, shared by the case page's actions and the appeals page's forms:
exactly the service's fields, messages next to each field in the UI
language, Ctrl+Enter to submit and Esc to cancel. A refused submit keeps what the user typed.

A submit reads the form on the GUI thread (``prepare(values)`` returns the work: the service with
its arguments bound) and hands that work to the operation runner (``ui.runner``), which runs it
on the store writer; the form hears back on the GUI thread — success clears it, a refusal shows
why by the field (the runner tells screen readers either way). While the work runs a second
submit is ignored."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.errors import RuleError, ValidationFailed
from ui.runner import Op, OperationRunner
from widgets.forms import FieldForm, FieldSpec
from widgets.palette import css_color

Prepare = Callable[[dict[str, Any]], Callable[[], Any]]
Confirm = Callable[[dict[str, Any]], str]
"""Given the form's values: a summary to confirm before running, or "" to run at once."""
translate = QCoreApplication.translate


class SubmitForm(QWidget):
    """A titled :class:`FieldForm` with Submit / Cancel; ``prepare(values)`` (GUI thread) gives
    the work the runner runs on the store writer."""

    sig_form_submitted = Signal(object)
    """Emitted with what the work returned (e.g. an ActionResult) after a successful submit."""

    sig_form_refused = Signal(str)
    """Emitted with the message shown when the submit was refused (the input is kept)."""

    sig_form_cancelled = Signal()
    """Emitted when the user cancels (Esc or the Cancel button)."""

    sig_confirmation_requested = Signal(str)
    """Emitted with the summary when a submit waits for the user's confirmation."""

    def __init__(
        self,
        title: str,
        specs: Iterable[FieldSpec],
        prepare: Prepare,
        runner: OperationRunner,
        lang: str,
        parent: QWidget | None = None,
        *,
        cancellable: bool = True,
        op_name: str = "form",
    ) -> None:
        super().__init__(parent)
        self._prepare, self._runner, self._lang = prepare, runner, lang
        self.op_name = op_name
        self.busy = False
        self._confirm: Confirm | None = None
        self._confirmed = False
        self.confirmation: QMessageBox | None = None
        self.title = QLabel(title, self)
        self.title.setObjectName("sectionTitle")
        self.fields = FieldForm(specs, self)
        self.problem = QLabel(self)
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(css_color("error") + " font-weight: bold;")
        self.problem.hide()
        self.submit_button = QPushButton(translate("SubmitForm", "Submit (Ctrl+Enter)"), self)
        self.submit_button.setObjectName("submitButton")
        self.cancel_button = QPushButton(translate("SubmitForm", "Cancel (Esc)"), self)
        self.cancel_button.setVisible(cancellable)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.fields)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.sig_form_cancelled)
        self.fields.sig_submit_requested.connect(self.submit)
        self.fields.sig_cancel_requested.connect(self.sig_form_cancelled)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def values(self) -> dict[str, Any]:
        return self.fields.values()

    def refuse(self, messages: Mapping[str, str], general: str = "") -> None:
        """Show ``messages`` under their fields and the rest (and ``general``) under the form."""
        left = self.fields.set_errors(messages)
        text = "\n".join([*left, general] if general else left)
        self.show_problem(text)
        self.sig_form_refused.emit(text or "\n".join(messages.values()))

    def set_confirmation(self, confirm: Confirm | None) -> None:
        """Ask before running when ``confirm(values)`` returns a summary (see Confirm): the
        question is asked on the GUI thread, before the work is handed to the runner."""
        self._confirm = confirm

    def submit(self) -> Op | None:
        """Queue the work on the runner; on refusal show why (per field when it is a field) and
        keep the input. Returns the queued operation (None when refused at once, busy, or
        waiting for the user's confirmation)."""
        if self.busy or not self.submit_button.isEnabled():
            return None
        summary = self._confirm(self.values()) if self._confirm and not self._confirmed else ""
        if summary:
            self._ask(summary)
            return None
        try:
            work = self._prepare(self.values())
        except Exception as exc:  # refused before it was queued: said as the runner says it
            self._runner.say_outcome(self.op_name, exc)
            self._on_failed(exc)
            return None
        self.busy = True
        op = self._runner.op(work).success(self._on_done).failure(self._on_failed)
        return op.run(self.op_name)

    def _on_done(self, result: Any) -> None:
        self.busy = False
        self.fields.clear()
        self.show_problem("")  # the runner told screen readers how it ended
        self.sig_form_submitted.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, ValidationFailed):
            self.refuse(exc.messages(self._lang))
        elif isinstance(exc, RuleError):
            self.refuse({}, exc.text(self._lang))
        else:  # a bug, not a refusal: reported once, the input kept
            if not isinstance(exc, KeyError):
                sys.excepthook(type(exc), exc, exc.__traceback__)
            self.refuse({}, str(exc))

    def _ask(self, summary: str) -> None:
        """The confirmation: a window-modal box opened (never exec'd) with the summary; Yes
        hands the work to the runner, No keeps the form as it is."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("SubmitForm", "Please confirm"),
            summary,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirmationBox")
        box.button(QMessageBox.StandardButton.Yes).setText(translate("SubmitForm", "Confirm"))
        box.button(QMessageBox.StandardButton.No).setText(translate("SubmitForm", "Go back"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda code: self._on_confirmed(box, code))
        self.confirmation = box
        box.open()
        self.sig_confirmation_requested.emit(summary)

    def _on_confirmed(self, box: QMessageBox, _code: int) -> None:
        self.confirmation = None
        box.deleteLater()
        clicked = box.clickedButton()
        if clicked is None or box.standardButton(clicked) != QMessageBox.StandardButton.Yes:
            return
        self._confirmed = True
        try:
            self.submit()
        finally:
            self._confirmed = False
