"""The decision page's window commands (shown in the Ctrl+K command palette): "Ask a decision
question" for the users who may ask (senior reviewers, ops admins)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from app.domain.enums import Action
from app.rules import access


def register_decision_commands(window) -> QAction | None:
    """Add the window-level action; None when the user may not ask."""
    if not access.can(window.context.user.roles, Action.DECISION_ASK):
        return None
    text = QCoreApplication.translate("MainWindow", "Ask a decision question")
    action = QAction(text, window)
    action.setObjectName("ask_decision")

    def _on_triggered(_checked: bool = False) -> None:
        page = window.show_page("decision")
        if page is not None and hasattr(page, "ask"):
            page.ask()

    action.triggered.connect(_on_triggered)
    window.addAction(action)
    return action
