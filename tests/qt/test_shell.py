"""The shell: pages per role, status bar, keyboard commands, banner, login dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.enums import Role
from ui.bridge import SyncBridge
from ui.context import AppContext, UserInfo
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.navigation import allowed_pages
from ui.page_table import PAGES
from ui.tasks import TaskKeeper

EXPECTED = {
    Role.REVIEWER: ["inbox", "chatops"],
    Role.SENIOR_REVIEWER: ["inbox", "appeals", "decision", "chatops"],
    Role.AGENT: ["call"],
    Role.SUPERVISOR: ["call", "wall", "ops", "chatops"],
    Role.QA: ["inbox", "qa"],
    Role.AUDITOR: ["inbox", "appeals", "checkpoint"],
    Role.OPS_ADMIN: [
        "inbox",
        "call",
        "appeals",
        "decision",
        "checkpoint",
        "qa",
        "wall",
        "ops",
        "chatops",
    ],
}


def make_window(qtbot, store, clock, roles, user="reviewer1") -> MainWindow:
    bridge = SyncBridge(store)
    context = AppContext(store, clock, TaskKeeper(), bridge, UserInfo(user, "김검토", roles))
    window = MainWindow(context)
    bridge.setParent(window)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize("role", list(EXPECTED))
def test_rail_shows_only_pages_the_role_allows(qtbot, qloop, small_store, clock, role):
    window = make_window(qtbot, small_store, clock, [role])
    assert sorted(window.page_names()) == sorted(EXPECTED[role])
    assert window.page_names() == [p.name for p in allowed_pages([role], rail_only=True)]
    for name in ("inbox", "wall", "call"):
        shown = window.show_page(name)
        assert (shown is not None) == (name in EXPECTED[role])


def test_status_bar_follows_the_bridge(qtbot, qloop, small_store, clock):
    window = make_window(qtbot, small_store, clock, [Role.REVIEWER])
    bridge = window.context.bridge
    with qtbot.waitSignal(bridge.sig_connection_changed):
        bridge._on_engine_state("online", "")
    assert window.status.connection.property("state") == "online"
    with qtbot.waitSignal(bridge.sig_outbox_changed):
        bridge.sig_outbox_changed.emit(3, 1)
    assert "3" in window.status.pending.text()
    assert "1" in window.status.problems.text()


def test_keyboard_j_k_n_and_the_command_palette(qtbot, qloop, small_store, clock):
    window = make_window(qtbot, small_store, clock, [Role.REVIEWER])
    window.resize(1280, 800)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    inbox = window.show_page("inbox")
    inbox.table.setFocus()
    inbox.select_row(0)
    qtbot.keyClick(inbox.table, Qt.Key.Key_J)
    qtbot.keyClick(inbox.table, Qt.Key.Key_J)
    qtbot.keyClick(inbox.table, Qt.Key.Key_K)
    assert inbox.table.currentIndex().row() == 1
    with qtbot.waitSignal(inbox.sig_case_opened) as opened:
        qtbot.keyClick(inbox.table, Qt.Key.Key_N)
    assert inbox.current_case_id() == opened.args[0]
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.palette_popup.isVisible()
    qtbot.keyClicks(window.palette_popup.line_edit, "previous")
    assert window.palette_popup.model.rowCount() == 1
    before = inbox.table.currentIndex().row()
    with qtbot.waitSignal(window.palette_popup.sig_action_triggered):
        qtbot.keyClick(window.palette_popup.line_edit, Qt.Key.Key_Return)
    assert inbox.table.currentIndex().row() == before - 1


def test_sign_out_is_a_command_of_the_palette(qtbot, qloop, small_store, clock):
    window = make_window(qtbot, small_store, clock, [Role.REVIEWER])
    window.resize(1280, 800)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.palette_popup.isVisible()
    qtbot.keyClicks(window.palette_popup.line_edit, "sign out")
    assert window.palette_popup.model.rowCount() == 1
    with qtbot.waitSignal(window.sig_sign_out_requested):
        qtbot.keyClick(window.palette_popup.line_edit, Qt.Key.Key_Return)


def test_alert_flashes_and_notifies(qtbot, qloop, small_store, clock):
    window = make_window(qtbot, small_store, clock, [Role.REVIEWER])
    inbox = window.show_page("inbox")
    case_id = inbox.model.id_at(0)
    with qtbot.waitSignal(window.sig_notification_shown) as shown:
        inbox.alerts.sig_alert_raised.emit("p0_arrival", "New P0 case", {case_id})
    assert shown.args == ["critical", "New P0 case"]
    assert inbox.model.is_flashing(case_id)
    assert window.banner.current_text() == "New P0 case"


def test_login_dialog_asks_without_exec(qtbot):
    dialog = LoginDialog("http://127.0.0.1:1", "reviewer1")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.password.setText("demo")
    with qtbot.waitSignal(dialog.sig_login_requested) as asked:
        dialog.sign_in.click()
    assert asked.args == ["http://127.0.0.1:1", "reviewer1", "demo", False]
    assert not dialog.sign_in.isEnabled()
    dialog.fail("nope")
    assert dialog.sign_in.isEnabled() and dialog.error.text() == "nope"
    dialog.reject()


ROOT = Path(__file__).resolve().parents[2]


def test_one_way_to_build_a_page_every_folder_through_the_table():
    """Each page folder has one row in the table of pages and one builder with one signature;
    the table names no builder outside a page folder (every package under ui/ is a page)."""
    folders = {f"ui.{p.parent.name}" for p in (ROOT / "ui").glob("*/__init__.py")}
    assert {page.builder for page in PAGES} == {f"{folder}.build" for folder in folders}
    assert len({page.name for page in PAGES}) == len(PAGES)
    for folder in folders:
        source = (ROOT / folder.replace(".", "/") / "build.py").read_text(encoding="utf-8")
        assert "\ndef build_page(context: AppContext, parent: QWidget)" in source, folder


def test_every_page_of_the_table_builds_its_own_page(qtbot, qloop, small_store, clock):
    """The shell builds each page with its folder's builder: no placeholder stands in."""
    window = make_window(qtbot, small_store, clock, [Role.OPS_ADMIN])
    for page in PAGES:
        widget = window.show_page(page.name)
        assert widget is not None, page.name
        assert type(widget).__module__.startswith(page.builder.removesuffix("build")), page.name
        assert window.current_page_name() == page.name
