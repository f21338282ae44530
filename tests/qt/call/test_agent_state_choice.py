"""The agent's state choice on the call page over the real reference server (issue 17, item 6):
with the keyboard the agent goes on Break (Alt+S, the arrow key); the server keeps it and the
simulator leaves the next call ringing instead of connecting it; back to Available the call is
connected and opens; during the call the choice is greyed out with the reason."""

from __future__ import annotations

import asyncio

import httpx
from PySide6.QtCore import Qt

from app.domain.enums import CallState, Role
from app.rules.agent_state import AgentState
from tests.qt.call.conftest import agent_engine, agent_page, make_page
from widgets.clock import Clock


def _server(running, kind: str, id: str) -> dict:
    from server import storage

    with running.app.state.db.session() as s:
        return storage.get(s, kind, id) or {}


def _ringing(running) -> list[dict]:
    from server import storage

    with running.app.state.db.session() as s:
        return storage.query(s, "call", status=["ringing"])


def test_break_holds_the_next_call_until_available(qtbot, qloop, tmp_path, day_server, lang_ko):
    clock = Clock()
    page, store, session = agent_page(qtbot, tmp_path, day_server.url, clock)
    notices: list[str] = []
    page.sig_notice.connect(lambda _severity, text: notices.append(text))
    engine = agent_engine(page, store, session)
    combo = page.chooser.combo
    try:
        engine.start()
        qtbot.waitUntil(lambda: page.remote.online(), timeout=30_000)
        assert page.chooser.isVisible() and combo.isEnabled()
        assert combo.currentData() == "available"
        assert page.chooser.caption.buddy() is combo  # Alt+S reaches it

        # chosen elsewhere (another device of the agent): the change feed brings it here
        elsewhere = httpx.post(
            f"{day_server.url}/v1/agents/me/state",
            json={"state": "offline"},
            headers={"Authorization": f"Bearer {session.token()}", "Idempotency-Key": "s-1"},
            timeout=30,
        )
        assert elsewhere.status_code == 200, elsewhere.text
        qtbot.waitUntil(lambda: page.chosen is AgentState.OFFLINE, timeout=20_000)
        assert combo.currentText() == "오프라인"
        assert page.agent_state_label.text() == "오프라인"
        combo.setCurrentIndex(combo.findData("available"))  # as it was, for the walk below
        page.chooser.sig_state_chosen.emit("available")
        qtbot.waitUntil(lambda: page.chosen is AgentState.AVAILABLE, timeout=20_000)

        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow, timeout=20_000)
        qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # 상태(S)
        assert combo.hasFocus()
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # 응대 가능 → 휴식
        qtbot.waitUntil(lambda: page.chosen is AgentState.BREAK, timeout=20_000)
        assert _server(day_server, "user", "u_agent1")["agent_state"] == "break"
        assert page.agent_state() is AgentState.BREAK
        assert "휴식" in notices[-1]
        assert combo.currentText() == "휴식"

        # a call comes in: it rings in its queue, not connected to the agent on Break
        day_server.sim.start(loop=False)
        qtbot.waitUntil(lambda: bool(_ringing(day_server)), timeout=30_000)
        waiting = _ringing(day_server)[0]
        assert not waiting.get("agent_id")
        assert page.call is None

        qtbot.keyClick(combo, Qt.Key.Key_Up)  # back to 응대 가능
        qtbot.waitUntil(lambda: page.call is not None, timeout=30_000)
        assert page.call.id == waiting["id"]
        assert _server(day_server, "user", "u_agent1")["agent_state"] == "available"

        # on the call: no state may be chosen, and the agent is told why
        qtbot.waitUntil(lambda: page.call.state is CallState.CONNECTED, timeout=30_000)
        qtbot.waitUntil(lambda: not combo.isEnabled(), timeout=20_000)
        assert "후처리" in combo.toolTip()
        assert page.agent_state() is AgentState.ON_CALL
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=30_000)
        page.bridge.detach()
        clock.stop()
        store.close()


def test_without_a_connection_the_choice_is_refused_in_words(qtbot, qloop, call_store, lang_ko):
    """Offline the server cannot decide: the agent is told, and the menu shows what holds."""
    clock = Clock()
    page = make_page(qtbot, call_store, clock, roles=(Role.AGENT,))
    page.show()
    notices: list[str] = []
    page.sig_notice.connect(lambda _severity, text: notices.append(text))
    combo = page.chooser.combo
    try:
        assert not page.remote.online() and combo.isEnabled()
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: bool(notices), timeout=20_000)
        assert "연결되어 있지 않습니다" in notices[-1]
        assert combo.currentData() == "available" and page.chosen is AgentState.AVAILABLE
    finally:
        clock.stop()
