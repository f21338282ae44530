"""Issue 22: one keyboard model on every page, and a name for every control.

For each page, Tab is pressed until focus comes back to where it started: every enabled
control is visited once, in visual order, the walk ends within controls + 2 presses, and no
text field keeps a Tab. Every control Tab reaches has a non-empty accessible name that is not
its group box's title.
"""

from __future__ import annotations

import gc
import itertools

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from app.domain.enums import Role
from tests.qt.test_shell import make_window
from ui.page_table import PAGES

ALL_ROLES = [Role.OPS_ADMIN, Role.SENIOR_REVIEWER, Role.AUDITOR, Role.QA, Role.SUPERVISOR]
PAGE_NAMES = [p.name for p in PAGES]


@pytest.fixture
def window(qtbot, qloop, small_store, clock):
    window = make_window(qtbot, small_store, clock, ALL_ROLES)
    window.resize(1600, 1000)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    yield window
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    # The decision page's charts (ui/decision/charts.py) leave pyqtgraph's parentless plot
    # menus behind (widgets/trend_chart.py reparents them; those charts do not yet): not this
    # test's subject, so they are closed here rather than failing the keyboard walk.
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMenu) and widget.parent() is None and not widget.isVisible():
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _is_part(widget: QWidget) -> bool:
    """A scroll bar, viewport or inner line edit of a composite control."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(
            parent, (QAbstractItemView, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)
        ):
            return True
        parent = parent.parentWidget()
    return False


def _controls(window) -> list[QWidget]:
    """Every enabled control Tab should reach, found without the app's own ordering code."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled() or widget.isWindow():
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or _is_part(widget):
            continue
        if isinstance(widget, QRadioButton) and not widget.isChecked():
            group = widget.group()
            siblings = group.buttons() if group else []
            if any(b.isChecked() for b in siblings):
                continue  # one stop per radio group
        found.append(widget)
    return found


def _texts(window) -> dict[int, str]:
    texts = {}
    for widget in window.findChildren(QLineEdit):
        texts[id(widget)] = widget.text()
    for widget in window.findChildren(QTextEdit) + window.findChildren(QPlainTextEdit):
        texts[id(widget)] = widget.toPlainText()
    return texts


def _rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def _goes_back_up(a: QWidget, b: QWidget) -> bool:
    """b sits wholly above a in the same column: a step against reading order."""
    ra, rb = _rect(a), _rect(b)
    same_column = rb.left() < ra.right() and ra.left() < rb.right()
    return same_column and rb.bottom() < ra.top()


def _walk(qtbot, window, presses: int) -> list[QWidget]:
    visited = [QApplication.focusWidget()]
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not visited[-1], f"Tab kept focus in {type(now).__name__}"
        if now is visited[0]:
            return visited
        visited.append(now)
    return visited


def _name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


def _group_title(widget: QWidget) -> str:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QGroupBox):
            return parent.title().replace("&", "")
        parent = parent.parentWidget()
    return ""


def _open(qtbot, window, name):
    page = window.show_page(name)
    assert page is not None
    qtbot.waitUntil(lambda: page.isVisible(), timeout=20_000)
    QApplication.processEvents()
    return page


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_tab_walks_every_control_once_in_visual_order(qtbot, window, name):
    _assert_walk(qtbot, window, _open(qtbot, window, name), name)


def test_tab_walks_a_case_opened_from_the_inbox(qtbot, window):
    inbox = _open(qtbot, window, "inbox")
    inbox.select_row(0)
    case_id = inbox.current_case_id()
    assert case_id
    page = window.show_page("case", case_id)

    def shown() -> bool:
        return page.isVisible() and sum(page.isAncestorOf(w) for w in _controls(window)) > 3

    qtbot.waitUntil(shown, timeout=20_000)  # the case's header, sections and actions
    _assert_walk(qtbot, window, page, f"case {case_id}")


def _assert_walk(qtbot, window, page, name):
    controls = _controls(window)
    assert controls, name
    start = window.focus_order()[0]
    if any(page.isAncestorOf(w) for w in controls):
        assert page.isAncestorOf(start), "the page's content comes first"
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=20_000)
    before = _texts(window)
    visited = _walk(qtbot, window, len(controls) + 2)
    assert QApplication.focusWidget() is start, f"Tab never came back on {name}: {visited[-5:]}"
    assert len(visited) == len(set(map(id, visited))), "a control was visited twice"
    missing = [f"{type(w).__name__}:{w.objectName()}" for w in controls if w not in visited]
    assert not missing, f"never reached on {name}: {missing}"
    assert _texts(window) == before, "a text field kept a Tab"
    in_page = [w for w in visited if page.isAncestorOf(w)]
    assert visited[: len(in_page)] == in_page, "the page's controls come before the shell's"
    assert visited[-1].window() is window and window.status.isAncestorOf(visited[-1])
    backwards = [
        (a.objectName() or type(a).__name__, b.objectName() or type(b).__name__)
        for a, b in itertools.pairwise(in_page)
        if _goes_back_up(a, b)
    ]
    assert not backwards, f"Tab went back up on {name}: {backwards}"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_control_has_its_own_name(qtbot, window, name):
    _open(qtbot, window, name)
    unnamed = []
    for widget in _controls(window):
        label = _name(widget).strip()
        if not label or (not widget.accessibleName() and label == _group_title(widget)):
            unnamed.append(f"{type(widget).__name__}:{widget.objectName()}={label!r}")
    assert not unnamed, f"controls without their own name on {name}: {unnamed}"


def test_shift_tab_walks_back_and_ctrl_tab_moves_between_panes(qtbot, window):
    _open(qtbot, window, "inbox")
    order = window.focus_order()
    order[1].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is order[1], timeout=20_000)
    qtbot.keyClick(order[1], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is order[0]
    panes = window.focus_panes()
    assert len(panes) >= 3
    seen = []
    for _ in panes:
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
        )
        seen.append(
            next(
                p
                for p in panes
                if p.isAncestorOf(QApplication.focusWidget()) or p is QApplication.focusWidget()
            )
        )
    assert len(set(map(id, seen))) == len(panes), "Ctrl+Tab visits each pane once"


def test_escape_returns_to_the_main_list(qtbot, window):
    page = _open(qtbot, window, "inbox")
    window.status.problems.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.status.problems, timeout=20_000)
    qtbot.keyClick(window.status.problems, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.table
