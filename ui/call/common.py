"""Small pieces shared by the call page's panes."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def section_title(text: str, parent: QWidget) -> QLabel:
    """A bold pane heading (``#sectionTitle`` for the theme to refine)."""
    label = QLabel(text, parent)
    label.setObjectName("sectionTitle")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
