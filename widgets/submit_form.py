"""A form that calls a service: its fields, messages next to each field in the UI language,
Ctrl+Enter to submit and Esc to cancel. A refused submit keeps what the user typed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.rules.errors import RuleError, ValidationFailed
from widgets.forms import FieldForm, FieldSpec
from widgets.palette import css_color

Run = Callable[[dict[str, Any]], Any]
translate = QCoreApplication.translate


class SubmitForm(QWidget):
    """A titled :class:`FieldForm` with Submit / Cancel; ``run(values)`` does the work."""

    sig_form_submitted = Signal(object)
    """Emitted with what ``run`` returned (e.g. an ActionResult) after a successful submit."""

    sig_form_refused = Signal(str)
    """Emitted with the message shown when the submit was refused (the input is kept)."""

    sig_form_cancelled = Signal()
    """Emitted when the user cancels (Esc or the Cancel button)."""

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

    def submit(self) -> Any:
        """Run; on refusal show why (per field when it is a field) and keep the input."""
        if not self.submit_button.isEnabled():
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
