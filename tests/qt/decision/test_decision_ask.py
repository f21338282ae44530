"""Ask → pause → approve → COMPLETED through the real UI and the real reference server on
127.0.0.1 (demo mode: the demo HR graph is loaded): the "Ask a decision question" dialog refuses
a question without keywords with E001, queues a good one (outbox), the page follows the
execution the server makes of it, shows its steps live from ``decision.step`` events, and an
approval on the page completes it with the server's decision log."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from app.store.store import Store
from sync.auth import login
from sync.live import LiveHandlers
from sync.wiring import build_engine
from ui.bridge import SyncBridge
from ui.decision.build import wire_decision_page
from ui.decision.page import DecisionPage
from ui.decision.source import DecisionSource

QUESTION = "향후 12주간 AI팀의 가동률 병목 구간을 분석해줘"


def test_ask_pause_approve_completed_in_the_ui(qtbot, qloop, tmp_path, demo_server, clock):
    clock.set_now_function(lambda: datetime.now(UTC))
    signing_in = asyncio.ensure_future(login(demo_server.url, "senior1", "demo"))
    qtbot.waitUntil(signing_in.done, timeout=20_000)
    session = signing_in.result()
    store = Store.open(tmp_path / "client.sqlite3")
    source = DecisionSource(store)
    bridge = SyncBridge(store)
    connected: list[bool] = []
    handlers = LiveHandlers(
        on_decision_step=bridge.on_live_decision_step, on_connected=lambda: connected.append(True)
    )
    engine = build_engine(store, session, live_handlers=handlers, writer=bridge.writer)
    bridge.attach(engine)
    try:
        engine.start()
        qtbot.waitUntil(lambda: bool(connected), timeout=20_000)  # the live stream listens
        qtbot.waitUntil(lambda: source.approval_level(session.user["id"]) is not None,
                        timeout=20_000)  # fmt: skip
        actor = source.user(session.user["id"], None)
        page = DecisionPage(source, clock, actor, "en", bridge.runner)
        qtbot.addWidget(page)

        class Context:  # what wire_decision_page reads from the AppContext
            pass

        context = Context()
        context.bridge = bridge
        wire_decision_page(page, context)
        page.show_entity(None)
        assert page.ask_button.isVisible() or not page.isVisible()
        dialog = page.asker.open_dialog()
        dialog.query.setText("안녕하세요")
        dialog.ask_button.click()
        qtbot.waitUntil(lambda: "E001" in dialog.error.text(), timeout=20_000)  # via the runner
        assert dialog.isVisible()
        dialog.query.setText(QUESTION)
        with qtbot.waitSignal(page.sig_action_saved, timeout=20_000):
            dialog.ask_button.click()
        assert not dialog.isVisible() and "queued" in page.live.text()

        def paused() -> bool:
            view = page.view
            return (
                view is not None
                and page.asker.execution_id == view.decision.id
                and view.execution.status == "PAUSED_FOR_HITL"
                and view.request is not None
            )

        qtbot.waitUntil(paused, timeout=20_000)
        assert page.title.text() == QUESTION
        assert len(page.cards) == 3
        qtbot.waitUntil(lambda: "◆ 7. Human approval" in page.live.text(), timeout=20_000)
        live = page.live.text()
        assert "✔ 6. Validation" in live and "✔ 2. Knowledge graph query" in live  # in English
        assert page.form.submit.isEnabled()
        page.form.rationale.setPlainText("병목 구간 대응이 시급함")
        with qtbot.waitSignal(page.sig_action_saved, timeout=20_000):
            page.form.submit.click()
        qtbot.waitUntil(
            lambda: (
                page.view is not None
                and page.view.pending_sync == 0
                and page.view.log is not None
                and not page.view.log_is_local
            ),
            timeout=20_000,
        )
        assert page.view.execution.status == "COMPLETED"
        assert page.view.log.rationale == "병목 구간 대응이 시급함"
        assert "FINALIZATION" in page.view.decision.execution.results
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=20_000)
        bridge.detach()
        store.close()
