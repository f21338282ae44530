"""The agent's day (issue 17), walked over the real reference server on 127.0.0.1 with keys as a
user would press them: a call plays in, the sentiment headline follows the customer and stops at
the call's end; in after-call work the agent picks "callback scheduled" by keyboard, unticks the
time and saves — the error shows next to the callback field and goes with the fix; the agent
types the time and a follow-up and leaves the draft unsaved. The server's wrap-up limit runs out
(app.rules.agent_state), the call ends and the next call is assigned: the page keeps the draft,
the next call waits with a banner (newest first, nothing moved), and opens once the agent saves;
the server records the work."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.domain.enums import CallState
from app.rules import call_sentiment
from app.store import acw_drafts
from tests.qt.call.conftest import agent_engine, agent_page
from widgets.clock import Clock
from widgets.formatting import display_zone


def _server_call(running, call_id: str) -> dict:
    from server import storage

    with running.app.state.db.session() as s:
        return storage.get(s, "call", call_id) or {}


def type_hangul(widget, text: str) -> None:
    """Type Korean as a Korean input method does: each syllable committed by an input-method
    event (QTest's key clicks take Latin-1 only)."""
    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def _customer_values(page) -> list[float]:
    return [
        call_sentiment.value_of(t.sentiment)
        for t in page.model.turns()
        if t.final and t.role.value == "CUSTOMER"
    ]


def test_the_agents_day_over_the_real_server(qtbot, qloop, tmp_path, day_server, lang_ko):
    clock = Clock()
    page, store, session = agent_page(qtbot, tmp_path, day_server.url, clock)
    assert not page.acw.isEnabled()  # no call yet, no form
    notices: list[str] = []
    page.sig_notice.connect(lambda _severity, text: notices.append(text))
    engine = agent_engine(page, store, session)
    acw = page.acw
    try:
        engine.start()
        day_server.sim.start(loop=False)
        qtbot.waitUntil(lambda: page.call is not None, timeout=30_000)
        first = page.call.id
        assert acw.isEnabled()

        # the headline follows the customer's latest turns while the call is live
        qtbot.waitUntil(lambda: len(_customer_values(page)) >= 3, timeout=30_000)
        if page.call.state is CallState.CONNECTED:
            expected = call_sentiment.mood(_customer_values(page))
            assert page.sentiment.mood.property("mood") == expected.value.lower()

        # after-call work: the headline stops, the form is the agent's
        qtbot.waitUntil(lambda: page.call.state is CallState.ACW, timeout=60_000)
        assert page.call.id == first
        assert page.sentiment.ended and not page.sentiment.alert.isVisible()
        assert page.sentiment.mood.text() == page.sentiment.mood_text(
            call_sentiment.mood(page.sentiment.customer_values())
        )
        columns_at = page.columns.mapTo(page, page.columns.rect().topLeft())

        acw.disposition.setFocus()
        target = acw.disposition.findData("callback_scheduled")
        while acw.disposition.currentIndex() < target:
            qtbot.keyClick(acw.disposition, Qt.Key.Key_Down)
        assert acw.callback_on.isChecked()  # the choice opens the time editor
        qtbot.keyClick(acw.callback_on, Qt.Key.Key_Space)  # … and the agent unticks it
        assert not acw.callback_on.isChecked()
        with qtbot.waitSignal(page.actions.sig_action_failed, timeout=20_000) as failed:
            qtbot.keyClick(acw.save_button, Qt.Key.Key_Space)
        assert set(failed.args[1]) == {"callback_at"}
        assert "콜백 시각" in acw.field_error("callback_at")  # next to the callback field
        assert acw.field_errors["callback_at"].parentWidget() is acw.callback_at.parentWidget()
        assert acw.errors.isHidden()
        qtbot.keyClick(acw.callback_on, Qt.Key.Key_Space)  # the fix
        assert not acw.field_error("callback_at")
        when = (clock.now() + timedelta(hours=3)).astimezone(display_zone())
        acw.callback_at.setFocus()
        qtbot.keyClick(acw.callback_at, Qt.Key.Key_Home)
        qtbot.keyClicks(acw.callback_at, when.strftime("%Y%m%d%H%M"))
        assert acw.callback_at.text() == when.strftime("%Y-%m-%d %H:%M")
        acw.follow_up.setFocus()
        type_hangul(acw.follow_up, "환불 결과 전화 안내")
        qtbot.waitUntil(
            lambda: (acw_drafts.load(store, first) or {}).get("follow_up") == "환불 결과 전화 안내",
            timeout=20_000,
        )

        # the server's wrap-up limit runs out: the call ends, the next call is assigned
        day_server.sim.acw_s = 0
        qtbot.waitUntil(lambda: page.call.state is CallState.ENDED, timeout=30_000)
        qtbot.waitUntil(lambda: page.waiting_call_id is not None, timeout=60_000)
        second = page.waiting_call_id
        assert second != first and page.call.id == first  # the next call waits
        assert acw.follow_up.toPlainText() == "환불 결과 전화 안내"  # nothing wiped
        assert acw.disposition.currentData() == "callback_scheduled"
        assert "다음 통화" in notices[-1] and page.banner.current_text().startswith(notices[-1])
        assert page.columns.mapTo(page, page.columns.rect().topLeft()) == columns_at
        assert "다음 통화 대기" in page.agent_state_label.text()

        with qtbot.waitSignal(page.actions.sig_action_saved, timeout=20_000):
            qtbot.keyClick(acw.save_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: page.call.id == second, timeout=20_000)  # now it opens
        assert page.waiting_call_id is None
        qtbot.waitUntil(lambda: acw_drafts.load(store, first) is None, timeout=20_000)
        qtbot.waitUntil(
            lambda: _server_call(day_server, first).get("disposition") == "callback_scheduled",
            timeout=30_000,
        )
        assert _server_call(day_server, first)["follow_up"] == "환불 결과 전화 안내"
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=30_000)
        page.bridge.detach()
        clock.stop()
        store.close()
