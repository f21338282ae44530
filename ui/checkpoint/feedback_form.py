"""The checkpoint feedback form. It produces EXACTLY the seed 001 feedback JSON
(checkpoint_id, mode, signals_reviewed, user_assessment {signal_validity, priority_override?,
additional_context?}, proposal_decisions [{proposal_id, decision, modification_notes?}]),
validates it with app.rules.checkpoints before saving (errors next to the fields) and shows the
rules' consequences before the user submits. The SC / EC lettered choice is kept beside it."""

from __future__ import annotations

import json
import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.commands import checkpoint_feedback as command
from app.domain.checkpoints import Checkpoint
from app.domain.enums import CheckpointMode
from app.rules import checkpoints as rules
from app.rules.checkpoints import CheckpointChoice as C
from app.rules.errors import ValidationFailed
from app.text.labels import label_of
from widgets.palette import css_color

PROPOSAL_PATH = re.compile(r"proposal_decisions\[(\d+)\](?:\.(\w+))?")


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(f"error_{name}")
    label.setStyleSheet(css_color("error"))
    label.setWordWrap(True)
    label.hide()
    return label


class FeedbackForm(QWidget):
    sig_feedback_submitted = Signal(object, str)
    """Emitted with (the seed's feedback JSON as a dict, the lettered choice) on submit."""

    def __init__(self, checkpoint: Checkpoint, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checkpoint, self.lang = checkpoint, lang
        event = checkpoint.mode is CheckpointMode.EVENT
        texts = {
            C.DECIDE_PROPOSALS: self.tr("a) Approve / modify / reject the proposals"),
            C.REQUEST_ANALYSIS: self.tr("b) Request more analysis"),
            C.SKIP_REVIEW: self.tr("c) Skip this review"),
            C.ROOT_CAUSE: self.tr("a) Request root-cause analysis"),
            C.GENERATE_FIX: self.tr("b) Generate an immediate fix"),
            C.PAUSE_AND_ESCALATE: self.tr("c) Pause the workflow + escalate"),
            C.MONITOR: self.tr("d) Acknowledge and keep monitoring"),
        }
        choices = QGroupBox(self.tr("Immediate choices") if event else self.tr("Feedback"), self)
        choices_layout = QVBoxLayout(choices)
        self.choice_group = QButtonGroup(self)
        self.choice_buttons: dict[str, QRadioButton] = {}
        for n, choice in enumerate(rules.EC_CHOICES if event else rules.SC_CHOICES):
            button = QRadioButton(texts[choice], choices)
            self.choice_group.addButton(button, n)
            self.choice_buttons[choice.value] = button
            choices_layout.addWidget(button)
        self.errors: dict[str, QLabel] = {"choice": _error_label(self, "choice")}
        choices_layout.addWidget(self.errors["choice"])
        # -- proposals ---------------------------------------------------------------------------
        proposals = QGroupBox(self.tr("Improvement proposals"), self)
        grid = QGridLayout(proposals)
        self.decisions: list[QComboBox] = []
        self.notes: list[QLineEdit] = []
        for i, p in enumerate(checkpoint.proposals):
            text = self.tr("[{id}] {summary} (confidence {c:.0%})").format(
                id=p.id, summary=p.summary, c=p.confidence
            )
            label = QLabel(text, proposals)
            label.setWordWrap(True)
            combo = QComboBox(proposals)
            combo.setAccessibleName(self.tr("Decision on {id}").format(id=p.id))
            for value, name in (
                ("", self.tr("— no decision")),
                ("approve", self.tr("Approve")),
                ("modify", self.tr("Modify")),
                ("reject", self.tr("Reject")),
            ):
                combo.addItem(name, value)
            note = QLineEdit(proposals)
            note.setPlaceholderText(self.tr("Modification notes"))
            note.setEnabled(False)
            error = _error_label(proposals, f"proposal_{i}")
            self.errors[f"proposal_decisions[{i}]"] = error
            grid.addWidget(label, i * 3, 0, 1, 2)
            grid.addWidget(combo, i * 3 + 1, 0)
            grid.addWidget(note, i * 3 + 1, 1)
            grid.addWidget(error, i * 3 + 2, 0, 1, 2)
            combo.currentIndexChanged.connect(self._on_changed)
            note.textChanged.connect(self._on_changed)
            self.decisions.append(combo)
            self.notes.append(note)
        grid.setColumnStretch(1, 1)
        self.proposals_box = proposals
        # -- assessment --------------------------------------------------------------------------
        assessment = QGroupBox(self.tr("Your assessment"), self)
        form = QVBoxLayout(assessment)
        form.addWidget(QLabel(self.tr("Signals reviewed"), assessment))
        signals_row = QHBoxLayout()
        self.signal_boxes: dict[str, QCheckBox] = {}
        for s in checkpoint.signals:
            box = QCheckBox(s.id, assessment)
            box.setToolTip(f"{label_of('signal_type', s.type, self.lang)}: {s.evidence}")
            box.setChecked(True)
            box.toggled.connect(self._on_changed)
            signals_row.addWidget(box)
            self.signal_boxes[s.id] = box
        signals_row.addStretch(1)
        form.addLayout(signals_row)
        self.errors["signals_reviewed"] = _error_label(assessment, "signals_reviewed")
        form.addWidget(self.errors["signals_reviewed"])
        validity_row = QHBoxLayout()
        validity_row.addWidget(QLabel(self.tr("Signal validity"), assessment))
        self.validity_group = QButtonGroup(self)
        self.validity_buttons: dict[str, QRadioButton] = {}
        for n, (value, name) in enumerate(
            (
                ("confirmed", self.tr("Confirmed")),
                ("disputed", self.tr("Disputed")),
                ("needs_more_data", self.tr("Needs more data")),
            )
        ):
            button = QRadioButton(name, assessment)
            self.validity_group.addButton(button, n)
            self.validity_buttons[value] = button
            validity_row.addWidget(button)
        validity_row.addStretch(1)
        form.addLayout(validity_row)
        self.errors["user_assessment.signal_validity"] = _error_label(assessment, "validity")
        form.addWidget(self.errors["user_assessment.signal_validity"])
        priority_row = QHBoxLayout()
        priority_row.addWidget(QLabel(self.tr("Priority override (optional)"), assessment))
        self.priority = QComboBox(assessment)
        for value, name in (
            ("", self.tr("— keep")),
            ("high", self.tr("High")),
            ("medium", self.tr("Medium")),
            ("low", self.tr("Low")),
        ):
            self.priority.addItem(name, value)
        priority_row.addWidget(self.priority)
        priority_row.addStretch(1)
        form.addLayout(priority_row)
        self.context = QPlainTextEdit(assessment)
        self.context.setPlaceholderText(self.tr("Additional context (optional)"))
        self.context.setFixedHeight(self.context.fontMetrics().lineSpacing() * 2 + 14)
        form.addWidget(self.context)
        form.addStretch(1)  # spare height below the fields, not between them
        # -- consequences, JSON, submit ----------------------------------------------------------
        self.consequences = QLabel(self)
        self.consequences.setObjectName("consequences")
        self.consequences.setWordWrap(True)
        self.json_preview = QPlainTextEdit(self)
        self.json_preview.setReadOnly(True)
        self.json_preview.setFont(QFont("monospace", 8))
        self.json_preview.setMinimumHeight(self.json_preview.fontMetrics().lineSpacing() * 8)
        self.json_preview.setAccessibleName(self.tr("Feedback JSON"))
        self.json_preview.hide()  # kept for the record, not shown: the consequences say it in words
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.submit = QPushButton(self.tr("Save feedback"), self)
        self.submit.setObjectName("primaryButton")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(choices)
        layout.addWidget(proposals)
        layout.addWidget(assessment)
        layout.addWidget(self.consequences)
        layout.addWidget(self.json_preview, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.submit)
        self.choice_group.idToggled.connect(self._on_choice_toggled)
        self.validity_group.idToggled.connect(self._on_changed)
        self.priority.currentIndexChanged.connect(self._on_changed)
        self.context.textChanged.connect(self._on_changed)
        self.submit.clicked.connect(self._on_submit_clicked)
        self._on_changed()

    # -- the JSON -------------------------------------------------------------------------------
    def choice(self) -> str:
        for value, button in self.choice_buttons.items():
            if button.isChecked():
                return value
        return ""

    def feedback(self) -> dict:
        """The seed's feedback JSON as entered (optional fields left out when empty)."""
        assessment: dict = {}
        validity = next((v for v, b in self.validity_buttons.items() if b.isChecked()), None)
        if validity is not None:
            assessment["signal_validity"] = validity
        if self.priority.currentData():
            assessment["priority_override"] = self.priority.currentData()
        if self.context.toPlainText().strip():
            assessment["additional_context"] = self.context.toPlainText().strip()
        decisions = []
        if self.choice() != C.SKIP_REVIEW:
            for p, combo, note in zip(
                self.checkpoint.proposals, self.decisions, self.notes, strict=True
            ):
                if not combo.currentData():
                    continue
                item = {"proposal_id": p.id, "decision": combo.currentData()}
                if combo.currentData() == "modify" and note.text().strip():
                    item["modification_notes"] = note.text().strip()
                decisions.append(item)
        return {
            "checkpoint_id": self.checkpoint.id,
            "mode": self.checkpoint.mode.value,
            "signals_reviewed": [k for k, box in self.signal_boxes.items() if box.isChecked()],
            "user_assessment": assessment,
            "proposal_decisions": decisions,
        }

    def validate(self) -> dict[str, str]:
        """Field errors (the rules' dotted paths → text), plus the form's own: a choice."""
        errors = {
            k: e.text(self.lang)
            for k, e in command.field_errors(self.feedback(), self.checkpoint).items()
        }
        if not self.choice():
            errors["choice"] = self.tr("Choose one of the options above.")
        if self.choice() == C.DECIDE_PROPOSALS and not self.feedback()["proposal_decisions"]:
            errors["proposal_decisions"] = self.tr("Decide at least one proposal.")
        return errors

    # -- display --------------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        rest = []
        for path, text in errors.items():
            match = PROPOSAL_PATH.fullmatch(path)
            key = f"proposal_decisions[{match.group(1)}]" if match else path
            if key == "proposal_decisions" and self.errors.get("proposal_decisions[0]"):
                key = "proposal_decisions[0]"
            label = self.errors.get(key)
            if label is None:
                rest.append(f"{path}: {text}")
                continue
            label.setText(f"{label.text()} {text}".strip())
            label.show()
        self.message.setStyleSheet(css_color("error"))
        self.message.setText("\n".join(rest))

    def _on_choice_toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        self.errors["choice"].clear()  # a choice was made: "choose one" no longer applies
        self.errors["choice"].hide()
        choice = self.choice()
        if choice in (C.REQUEST_ANALYSIS, C.ROOT_CAUSE) and self.validity_group.checkedId() < 0:
            self.validity_buttons["needs_more_data"].setChecked(True)
        self.proposals_box.setEnabled(choice != C.SKIP_REVIEW)
        self._on_changed()

    def _on_changed(self, *_args) -> None:
        for combo, note in zip(self.decisions, self.notes, strict=True):
            note.setEnabled(combo.currentData() == "modify")
        data = self.feedback()
        self.json_preview.setPlainText(json.dumps(data, ensure_ascii=False, indent=2))
        try:
            parsed = command.parse_feedback(data, self.checkpoint)
        except ValidationFailed:
            self.consequences.setText(self.tr("<b>When you save</b>: complete the form first."))
            return
        choice = self.choice() or None
        items = rules.consequences(self.checkpoint, parsed, choice=C(choice) if choice else None)
        lines = "".join(f"<br>• {c.text(self.lang)}" for c in items)
        self.consequences.setText(self.tr("<b>When you save</b>:") + lines)

    def _on_submit_clicked(self) -> None:
        errors = self.validate()
        if errors:
            self.show_errors(errors)
            return
        self.show_errors({})
        self.sig_feedback_submitted.emit(self.feedback(), self.choice())
