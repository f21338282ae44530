"""Issue 17, the senior reviewer's day walked over the real reference server on 127.0.0.1 with
keys, as a new user would: N then A opens the approve form; Enter opens the row J selected; the
palette finds a case by id and runs an action; approving 1억 or more asks for confirmation with a
summary first."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.enums import Action
from app.rules.reason_codes import APPROVE_CODES
from app.store.store import Store
from sync.auth import login
from sync.wiring import build_engine
from ui.bridge import SyncBridge
from ui.context import AppContext, UserInfo
from ui.demo import start_demo_server
from ui.main_window import MainWindow
from ui.tasks import TaskKeeper

DEADLINE = 20_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_demo_server(tmp_path_factory.mktemp("server"), live=False)
    yield running
    running.stop()


@pytest.fixture
def window(qtbot, qloop, tmp_path, server, clock):
    signing_in = asyncio.ensure_future(login(server.url, "senior1", "demo"))
    qtbot.waitUntil(signing_in.done, timeout=30_000)
    session = signing_in.result()
    store = Store.open(tmp_path / "senior1.sqlite3")
    bridge = SyncBridge(store)
    user = UserInfo.from_wire({"id": "senior1", **session.user})
    context = AppContext(store, clock, TaskKeeper(), bridge, user, "en", server.url)
    win = MainWindow(context)
    bridge.setParent(win)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    inbox = win.show_page("inbox")
    engine = build_engine(store, session, live=False)
    bridge.attach(engine)
    engine.start()
    try:
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: inbox.model.rowCount() >= 5, timeout=30_000)
        yield win
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=30_000)
        bridge.detach()
        store.close()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the user types it: to whatever widget has the keyboard now."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard"
    qtbot.keyClick(target, key, modifier)


def test_n_then_a_opens_the_approve_form(qtbot, window):
    press(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: window.current_page_name() == "case", timeout=DEADLINE)
    case_page = window.page("case")
    assert case_page.case is not None
    assert case_page.isAncestorOf(QApplication.focusWidget()) or (
        QApplication.focusWidget() is case_page
    ), "after N the case has the keyboard, not the navigation rail"
    assert case_page.actions_by[Action.APPROVE].isEnabled(), "senior1 may approve his next task"
    press(qtbot, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: case_page.current_form() is not None, timeout=DEADLINE)
    assert window.current_page_name() == "case", "A did not jump to another page"
    assert case_page.current_form().objectName() == "actionForm_approve"


def test_letters_never_move_the_navigation_rail(qtbot, window):
    window.rail.setFocus()
    before = window.current_page_name()
    press(qtbot, Qt.Key.Key_A)  # "Appeals" starts with A
    press(qtbot, Qt.Key.Key_C)  # "Case", "Checkpoints"
    assert window.current_page_name() == before


def test_enter_opens_the_row_selected_with_j(qtbot, window):
    press(qtbot, Qt.Key.Key_J)
    press(qtbot, Qt.Key.Key_J)
    inbox = window.page("inbox")
    chosen = inbox.current_case_id()
    assert chosen is not None and inbox.table.currentIndex().row() == 1
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page_name() == "case", timeout=DEADLINE)
    assert window.page("case").case.id == chosen


def test_palette_finds_a_case_by_id_and_runs_its_action(qtbot, window):
    inbox = window.page("inbox")
    wanted = inbox.model.id_at(2)
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.palette_popup
    assert palette.isVisible()
    qtbot.keyClicks(palette.line_edit, "no-such-case-or-command")
    assert palette.model.rowCount() == 0
    assert palette.empty_label.isVisible() and "no-such-case" in palette.empty_label.text()
    palette.line_edit.clear()
    qtbot.keyClicks(palette.line_edit, wanted)
    assert palette.model.case_at(0) is not None and palette.model.case_at(0).case_id == wanted
    with qtbot.waitSignal(palette.sig_case_chosen, timeout=DEADLINE):
        qtbot.keyClick(palette.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page_name() == "case", timeout=DEADLINE)
    case_page = window.page("case")
    assert case_page.case.id == wanted
    # the case's own actions are commands of the palette too
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(palette.line_edit, "comment")
    assert palette.model.action_at(0).objectName() == "case_comment"
    with qtbot.waitSignal(palette.sig_action_triggered, timeout=DEADLINE):
        qtbot.keyClick(palette.line_edit, Qt.Key.Key_Return)
    assert case_page.current_form().objectName() == "actionForm_comment"


def big_case_senior1_may_approve(window) -> str:
    """An open case of 1억원 or more whose approve action is enabled for senior1."""
    inbox, case_page = window.page("inbox"), None
    for row in range(inbox.model.rowCount()):
        r = inbox.model.row_view(row)
        if r.amount < 100_000_000:
            continue
        case_page = window.show_page("case", r.id)
        if case_page.actions_by[Action.APPROVE].isEnabled():
            return r.id
    raise AssertionError("no case of 1억원 or more senior1 may approve in the demo data")


def test_approving_1eok_or_more_asks_first_with_a_summary(qtbot, window):
    case_id = big_case_senior1_may_approve(window)
    case_page = window.page("case")
    press(qtbot, Qt.Key.Key_A)
    form = case_page.current_form()
    assert form is not None and form.objectName() == "actionForm_approve"
    amount = case_page.case.application.amount
    form.fields.set_values(
        {
            "limit": f"{amount:,}",
            "rate": "4.9",
            "note": "소득 확인",
            "reason_codes": "CREDIT-APPR-INCOME-001",
        }
    )
    with qtbot.waitSignal(form.sig_confirmation_requested, timeout=DEADLINE) as asked:
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    summary = asked.args[0]
    assert case_id in summary and f"₩{amount:,}" in summary
    box = form.confirmation
    assert box is not None and box.isVisible()
    # "Go back" writes nothing and keeps what was typed
    with qtbot.assertNotEmitted(form.sig_form_submitted):
        go_back = next(b for b in box.buttons() if b.text() == "Go back")
        qtbot.mouseClick(go_back, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: form.confirmation is None, timeout=DEADLINE)
    assert form.values()["note"] == "소득 확인"
    assert case_page.case.status.value != "approved"
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    box = form.confirmation
    confirm = next(b for b in box.buttons() if b.text() == "Confirm")
    with qtbot.waitSignal(form.sig_action_submitted, timeout=DEADLINE):
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: case_page.case.status.value == "approved", timeout=DEADLINE)
    assert case_page.notice.isVisible() and case_id in case_page.notice.text()


def test_reason_codes_are_picked_from_the_catalogue(qtbot, window):
    press(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: window.current_page_name() == "case", timeout=DEADLINE)
    press(qtbot, Qt.Key.Key_A)
    case_page = window.page("case")
    qtbot.waitUntil(lambda: case_page.current_form() is not None, timeout=DEADLINE)
    picker = case_page.current_form().fields.rows["reason_codes"].editor
    offered = [picker.item(i).data(Qt.ItemDataRole.UserRole) for i in range(picker.count())]
    assert offered == [c.code for c in APPROVE_CODES]
    assert "A01" not in offered and not hasattr(picker, "setText")  # nothing free-typed
    picker.setFocus()
    picker.setCurrentRow(1)
    press(qtbot, Qt.Key.Key_Space)  # the keyboard ticks a code
    assert case_page.current_form().values()["reason_codes"] == [APPROVE_CODES[1].code]
