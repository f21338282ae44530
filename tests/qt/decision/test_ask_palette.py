""" "Ask a decision question" is a command of the Ctrl+K palette for the roles that may ask: it
opens the decision page with the dialog; a reviewer has no such command."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.enums import Role
from tests.qt.test_shell import make_window
from ui.decision.page import DecisionPage


def _palette(qtbot, window, text: str) -> int:
    window.resize(1280, 800)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.palette_popup.isVisible()
    qtbot.keyClicks(window.palette_popup.line_edit, text)
    return window.palette_popup.model.rowCount()


def test_the_palette_opens_the_ask_dialog_on_the_decision_page(qtbot, qloop, small_store, clock):
    window = make_window(qtbot, small_store, clock, [Role.SENIOR_REVIEWER], user="senior1")
    assert _palette(qtbot, window, "ask a decision") == 1
    with qtbot.waitSignal(window.palette_popup.sig_action_triggered):
        qtbot.keyClick(window.palette_popup.line_edit, Qt.Key.Key_Return)
    page = window.stack.currentWidget()
    assert isinstance(page, DecisionPage)
    qtbot.waitUntil(lambda: page.asker.dialog is not None and page.asker.dialog.isVisible())
    assert page.ask_button.isVisibleTo(page)
    page.asker.dialog.reject()


def test_a_reviewer_has_no_ask_command(qtbot, qloop, small_store, clock):
    window = make_window(qtbot, small_store, clock, [Role.REVIEWER])
    assert _palette(qtbot, window, "ask a decision") == 0
    assert window.findChild(object, "ask_decision") is None
