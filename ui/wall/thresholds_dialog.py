"""The wall's thresholds dialog (key T on the wall): service level target and warning margin,
longest wait (warning, critical), abandon rate (warning, critical) and the breach sound's mute.
Saved to the settings file (``ui.wall.thresholds``); thresholds that cannot work together are
refused with the reason next to the field, and the dialog keeps what was typed."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.rules.wallboard import Thresholds
from ui.wall.thresholds import (
    FIELDS,
    load_muted,
    load_thresholds,
    save_muted,
    save_thresholds,
)
from widgets.a11y import label_for
from widgets.palette import css_color


class ThresholdsDialog(QDialog):
    sig_saved = Signal(object, bool)
    """Emitted with (Thresholds, muted) after they were written to the settings file."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallThresholdsDialog")
        self.setWindowTitle(self.tr("Wall thresholds"))
        self.settings = settings
        current = load_thresholds(settings)
        spec = {  # field: (label, suffix, maximum)
            "service_level_target": (self.tr("Service level target"), " %", 100),
            "service_level_margin": (self.tr("Service level warning margin"), self.tr(" points"),
                                     100),
            "wait_warning_s": (self.tr("Longest wait: warning at"), self.tr(" s"), 86_400),
            "wait_critical_s": (self.tr("Longest wait: critical at"), self.tr(" s"), 86_400),
            "abandon_warning": (self.tr("Abandon rate: warning at"), " %", 100),
            "abandon_critical": (self.tr("Abandon rate: critical at"), " %", 100),
        }  # fmt: skip
        form = QFormLayout()
        self.fields: dict[str, QDoubleSpinBox] = {}
        self.errors: dict[str, QLabel] = {}
        for name in FIELDS:
            text, suffix, maximum = spec[name]
            box = QDoubleSpinBox(self)
            box.setObjectName(name)
            box.setDecimals(0 if name.startswith("wait") else 1)
            box.setRange(0, maximum)
            box.setSuffix(suffix)
            box.setValue(getattr(current, name))
            label = QLabel(text, self)
            label_for(label, box)
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setStyleSheet(css_color("error"))
            error.hide()
            form.addRow(label, box)
            form.addRow("", error)
            self.fields[name], self.errors[name] = box, error
        self.mute = QCheckBox(self.tr("Mute the breach sound"), self)
        self.mute.setChecked(load_muted(settings))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.mute)
        layout.addWidget(buttons)

    def thresholds(self) -> Thresholds:
        return Thresholds(**{name: box.value() for name, box in self.fields.items()})

    def _messages(self) -> dict[str, str]:
        return {
            "service_level_target": self.tr("Choose a target above 0 %, at most 100 %."),
            "service_level_margin": self.tr("The margin must be below the target."),
            "wait_critical_s": self.tr("Critical must be above warning, and warning above 0."),
            "abandon_critical": self.tr(
                "Critical must be above warning, warning above 0 and critical at most 100 %."
            ),
        }

    def _on_save(self) -> None:
        chosen = self.thresholds()
        problems = chosen.problems()
        for name, error in self.errors.items():
            error.setVisible(name in problems)
            if name in problems:
                error.setText(self._messages()[name])
        if problems:
            self.fields[next(iter(problems))].setFocus()
            return  # nothing written; what was typed stays
        save_thresholds(self.settings, chosen)
        save_muted(self.settings, self.mute.isChecked())
        self.sig_saved.emit(chosen, self.mute.isChecked())
        self.accept()
