"""Issue 17: at 1440×900 the decision page's Submit was half below the fold. In the real shell
(navigation rail, status bar) from a real store, after choosing an option the Submit button is
wholly inside the visible window — not clipped by the page's scroll area — at 1440×900 and at
1920×1080, says what it will submit, and Ctrl+Enter submits from the rationale field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from sqlalchemy import select

from app.domain.enums import Role
from app.store.local_models import OutboxRow
from tests.qt.decision.demo_data import EXEC_CAPACITY
from tests.qt.decision.shots import window_for
from tests.qt.decision.test_decision_page import make_page


@pytest.fixture
def shell(qtbot, dstore, clock):
    def make(width: int, height: int):
        window = window_for(dstore, clock, "u_senior1", [Role.SENIOR_REVIEWER])
        qtbot.addWidget(window)
        window.resize(width, height)
        page = window.show_page("decision", EXEC_CAPACITY)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: len(page.cards) == 3, timeout=20_000)
        return window, page

    return make


def seen_in(window, widget) -> bool:
    """Is all of ``widget`` painted inside ``window`` (no ancestor clips any of it)?"""
    on_window = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    unclipped = widget.visibleRegion().boundingRect() == widget.rect()
    return widget.isVisible() and window.rect().contains(on_window) and unclipped


@pytest.mark.parametrize("size", [(1440, 900), (1920, 1080)])
def test_submit_is_in_the_visible_viewport_after_choosing_an_option(qtbot, shell, size):
    window, page = shell(*size)
    card = page.cards[2]  # choose OPT-03 by clicking its card, as a user would
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: page.form.option.currentData() == card.option.option_id, timeout=20_000)
    submit = page.form.submit
    assert submit.isEnabled()
    qtbot.waitUntil(lambda: seen_in(window, submit), timeout=20_000)
    assert page.form.footer.geometry().height() < size[1] // 8  # a bar, not half the page
    assert card.option.option_id in page.form.summary.text()
    assert seen_in(window, page.form.summary)


def test_ctrl_enter_submits_from_the_rationale(qtbot, dstore, clock, users):
    page = make_page(qtbot, dstore, clock, users["u_senior1"], EXEC_CAPACITY)
    page.show()
    qtbot.waitExposed(page)
    page.form.rationale.setFocus()
    qtbot.waitUntil(page.form.rationale.hasFocus, timeout=20_000)
    page.form.rationale.insertPlainText("균형안이 적절")  # (QTest types ASCII only)
    with qtbot.waitSignal(page.sig_action_saved, timeout=20_000):
        qtbot.keyClick(page.form.rationale, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with dstore.session() as s:
        (row,) = s.scalars(select(OutboxRow)).all()
    assert row.payload["rationale"] == "균형안이 적절" and row.payload["status"] == "APPROVED"
