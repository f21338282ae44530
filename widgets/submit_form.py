"""A form that calls a service: its fields, messages next to each field in the UI language,
Ctrl+Enter to submit and Esc to cancel. A refused submit keeps what the user typed."""

from __future__ import annotations

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
from widgets.forms import FieldForm, FieldSpec
from widgets.palette import css_color

Run = Callable[[dict[str, Any]], Any]
Confirm = Callable[[dict[str, Any]], str]
"""Given the form's values: a summary to confirm before running, or "" to run at once."""
translate = QCoreApplication.translate


class SubmitForm(QWidget):
    """A titled :class:`FieldForm` with Submit / Cancel; ``run(values)`` does the work."""

    sig_form_submitted = Signal(object)
    """Emitted with what ``run`` returned (e.g. an ActionResult) after a successful submit."""

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
        run: Run,
        lang: str,
        parent: QWidget | None = None,
        *,
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent)
        self._run, self._lang = run, lang
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
        """Ask before running when ``confirm(values)`` returns a summary (see Confirm)."""
        self._confirm = confirm

    def submit(self) -> Any:
        """Run; on refusal show why (per field when it is a field) and keep the input."""
        if not self.submit_button.isEnabled():
            return None
        summary = self._confirm(self.values()) if self._confirm and not self._confirmed else ""
        if summary:
            self._ask(summary)
            return None
        try:
            result = self._run(self.values())
        except ValidationFailed as exc:
            self.refuse(exc.messages(self._lang))
            return None
        except (RuleError, KeyError) as exc:
            self.refuse({}, exc.text(self._lang) if isinstance(exc, RuleError) else str(exc))
            return None
        self.fields.clear()
        self.show_problem("")
        self.sig_form_submitted.emit(result)
        return result

    def _ask(self, summary: str) -> None:
        """The confirmation: a window-modal box opened (never exec'd) with the summary; Yes
        runs the submit, No keeps the form as it is."""
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
