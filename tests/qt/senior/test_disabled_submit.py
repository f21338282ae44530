"""Issue 17: a disabled primary Submit looks disabled (grey, not the blue accent) in every theme."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.look import RESOURCES


@pytest.mark.parametrize("theme", ["light", "dark", "wall", "high-contrast"])
def test_a_disabled_primary_button_is_not_painted_as_the_accent(qtbot, theme):
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet((RESOURCES / "themes" / f"{theme}.qss").read_text(encoding="utf-8"))
    layout = QVBoxLayout(host)
    enabled, disabled = QPushButton("Submit", host), QPushButton("Submit", host)
    for button in (enabled, disabled):
        button.setObjectName("primaryButton")
        button.setFixedSize(160, 40)
        layout.addWidget(button)
    disabled.setEnabled(False)
    host.show()
    qtbot.waitExposed(host)

    def back(button: QPushButton):
        return button.grab().toImage().pixelColor(6, 20)  # inside the border, left of the text

    assert back(enabled) != back(disabled), theme
