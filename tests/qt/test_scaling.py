"""Issue 22: text scales with the desktop and the user's font scale, and at 200 % on a
1920×1080 window no page clips text: every shown label and button is at least as large as the
size Qt computes from its text and font (wrapped labels: as tall as their text needs at their
width), none lies outside the window, and the window keeps 1920×1080 (pages whose content
cannot fit scroll). Real pages over real stores: here the test world for every page; the call
page with a call in after-call work in tests/qt/call/test_call_scaling.py, the decision world
in tests/qt/decision/test_decision_scaling.py."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QWidget,
)

from app.domain.enums import Role
from tests.qt.test_shell import make_window
from ui.look import apply_font, load_theme
from ui.page_table import PAGES
from widgets import palette
from widgets.reflow_area import ReflowArea

ALL_ROLES = [Role.OPS_ADMIN, Role.SENIOR_REVIEWER, Role.AUDITOR, Role.QA, Role.SUPERVISOR]
PAGE_NAMES = [p.name for p in PAGES if p.name != "case"]
SIZE = (1920, 1080)


@pytest.fixture(name="at_200")
def at_200_percent(qapp, fonts):
    """The app's look at a 200 % font scale (restored after the test)."""
    font, sheet, scale = qapp.font(), qapp.styleSheet(), palette.type_scale()
    theme = qapp.property("theme")
    apply_font(qapp, "light", 2.0)
    load_theme(qapp, "light")
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    qapp.setProperty("theme", theme)
    palette.set_type_scale(scale)


CHECKED = (QLabel, QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)


def _is_part(widget: QWidget) -> bool:
    """The line edit inside a combo box or spin box (checked as its control)."""
    parent = widget.parentWidget()
    return isinstance(parent, (QComboBox, QAbstractSpinBox))


def _scrolled(widget: QWidget) -> bool:
    """Inside a scroll area's viewport (reached by scrolling, not cut off)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def _has_text(widget: QWidget) -> bool:
    if isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox)):
        return True  # a field's text (or its placeholder) must be readable too
    return bool(widget.text().strip())


def clipped(window: QWidget) -> list[str]:
    """Every shown label, button or one-line field smaller than its text needs (the size
    Qt computes from the text and the font), or outside the window."""
    out = []
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CHECKED) or not widget.isVisibleTo(window):
            continue
        if _is_part(widget) or not _has_text(widget):
            continue
        text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
        name = f"{type(widget).__name__}:{widget.objectName() or text[:30]!r}"
        if isinstance(widget, QLabel) and widget.wordWrap():
            need_h = widget.heightForWidth(widget.width())
            if need_h > widget.height() + 1:
                out.append(f"{name} {widget.width()}x{widget.height()} < h {need_h} (wrapped)")
                continue
        else:
            need = (
                widget.sizeHint()
                if isinstance(widget, QAbstractButton)
                else (widget.minimumSizeHint())
            )
            if widget.width() + 1 < need.width() or widget.height() + 1 < need.height():
                out.append(f"{name} {widget.width()}x{widget.height()} < {need.toTuple()}")
                continue
        if not _scrolled(widget):
            rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
            if not bounds.contains(rect):
                out.append(f"{name} outside the window at {rect.getRect()}")
    for header in window.findChildren(QHeaderView):
        if header.orientation() != Qt.Orientation.Horizontal or not header.isVisibleTo(window):
            continue
        model, metrics = header.model(), header.fontMetrics()
        for i in range(header.count() if model is not None else 0):
            if header.isSectionHidden(i):
                continue
            text = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
            need = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)
            if header.sectionSize(i) < need:
                name = header.parentWidget().objectName() or type(header.parentWidget()).__name__
                out.append(f"header {text!r} of {name} {header.sectionSize(i)} < {need}")
    return out


def close(window) -> None:
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    # pyqtgraph's parentless plot menus (see tests/qt/test_keyboard_access.py)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMenu) and widget.parent() is None and not widget.isVisible():
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(name="shown")
def shown_window(qtbot, at_200):
    """``shown(store, clock, roles, user)``: a main window at 200 %, 1920×1080, shown; closed
    and deleted at teardown (after pytest-qt closed it)."""
    windows = []

    def make(store, clock, roles, user="reviewer1"):
        window = make_window(qtbot, store, clock, roles, user)
        window.resize(*SIZE)
        with qtbot.waitActive(window):
            window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        close(window)


def settle(qtbot, window, page) -> None:
    qtbot.waitUntil(lambda: page.isVisible(), timeout=20_000)
    for _ in range(5):
        QApplication.processEvents()
    # layouts settled: a pass over every layout changes nothing more (no timing involved)
    qtbot.waitUntil(lambda: not _relaid(window), timeout=20_000)
    assert window.size().toTuple() == SIZE, "the window grew past 1920×1080"


def _relaid(window: QWidget) -> bool:
    """Activate every layout under ``window`` once; True when one of them moved something."""
    before = [w.geometry() for w in window.findChildren(QWidget)]
    for widget in window.findChildren(QWidget):
        if widget.layout() is not None:
            widget.layout().invalidate()
            widget.layout().activate()
    QApplication.processEvents()
    return before != [w.geometry() for w in window.findChildren(QWidget)]


def check(window, name):
    problems = clipped(window)
    assert problems == [], f"clipped text on {name} at 200 %: {problems}"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_page_clips_text_at_200_percent(qtbot, qloop, small_store, clock, shown, name):
    window = shown(small_store, clock, ALL_ROLES)
    page = window.show_page(name)
    settle(qtbot, window, page)
    check(window, name)


def test_a_case_opened_from_the_inbox_fits_at_200_percent(qtbot, qloop, small_store, clock, shown):
    window = shown(small_store, clock, ALL_ROLES)
    inbox = window.show_page("inbox")
    settle(qtbot, window, inbox)
    inbox.select_row(0)
    case_id = inbox.current_case_id()
    assert case_id
    page = window.show_page("case", case_id)
    qtbot.waitUntil(lambda: case_id in page.title.text(), timeout=20_000)
    settle(qtbot, window, page)
    check(window, "case")
    assert page.findChild(ReflowArea).columns == 1  # the sections stand in one column


def test_case_sections_stand_two_a_row_at_the_design_size(qtbot, qloop, small_store, clock):
    window = make_window(qtbot, small_store, clock, ALL_ROLES)
    window.resize(*SIZE)
    with qtbot.waitActive(window):
        window.show()
    inbox = window.show_page("inbox")
    settle(qtbot, window, inbox)
    inbox.select_row(0)
    page = window.show_page("case", inbox.current_case_id())
    settle(qtbot, window, page)
    assert page.findChild(ReflowArea).columns == 2


def test_the_check_sees_a_squeezed_label_a_field_and_text_off_the_window(qtbot, at_200):
    box = QWidget()
    qtbot.addWidget(box)
    box.resize(400, 200)
    label = QLabel("Save after-call work", box)
    label.setFixedWidth(label.minimumSizeHint().width() // 2)
    field = QComboBox(box)
    field.addItem("Approve with changes (MODIFIED)")
    field.setGeometry(0, 60, field.minimumSizeHint().width(), field.minimumSizeHint().height() // 2)
    off = QLabel("Sync problems (0)", box)
    off.move(380, 150)
    off.adjustSize()
    box.show()
    found = clipped(box)
    assert len(found) == 3, found
    assert "outside the window" in found[2]
