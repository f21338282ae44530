"""The time-zone option: a small dialog (opened from the command palette, "Time zone…") that
stores the display zone in the ``display/time_zone`` setting through :mod:`ui.time_zone`.

Opened with ``open()``; an unknown zone keeps the dialog open with the text as typed and an
error under it, and changes nothing.
"""

from __future__ import annotations

from zoneinfo import available_timezones

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.time_zone import save_time_zone
from widgets.formatting import display_zone
from widgets.palette import css_color


def zone_names() -> list[str]:
    """The IANA region zones (``Area/City``) and UTC, sorted."""
    skip = ("Etc/", "SystemV/")
    return ["UTC", *sorted(n for n in available_timezones() if "/" in n and not n.startswith(skip))]


class TimeZoneDialog(QDialog):
    sig_zone_changed = Signal(str)
    """Emitted with the IANA name once a new display zone is saved and in use."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeZoneDialog")
        self.setWindowTitle(self.tr("Time zone"))
        self._settings = settings
        self.zone = QComboBox(self)
        self.zone.setObjectName("timeZoneBox")
        self.zone.setEditable(True)
        self.zone.addItems(zone_names())
        self.zone.setCurrentText(display_zone().key)
        self.zone.setAccessibleName(self.tr("Time zone"))
        note = QLabel(
            self.tr(
                "Times are shown in this zone. Business hours, holidays, SLA due times and "
                "report days keep Korean time (KST)."
            ),
            self,
        )
        note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("timeZoneError")
        self.error.setStyleSheet(css_color("error"))
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_ok_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.zone)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_ok_clicked(self) -> None:
        name = self.zone.currentText().strip()
        try:
            zone = save_time_zone(self._settings, name)
        except ValueError:
            self.error.setText(self.tr("Unknown time zone: {name}").format(name=name))
            self.error.show()
            return
        self.error.hide()
        self.sig_zone_changed.emit(zone.key)
        self.accept()
