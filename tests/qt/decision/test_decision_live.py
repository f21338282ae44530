"""End to end against the real reference server on 127.0.0.1: a decision paused for HITL is
synced into the local store, approved on the decision page (outbox row with the exact payload),
pushed, and the server's answer comes back: the workflow resumed and the decision log appears."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from app.domain.enums import EntityKind
from app.domain.wire import to_wire
from app.store.store import Store
from server import storage
from server.app import create_app
from server.config import ServerConfig
from server.demo import seed_demo_once
from server.runner import start_server
from sync.auth import login
from sync.wiring import build_engine
from tests.qt.decision.demo_data import EXEC_CAPACITY, build_decision
from ui.bridge import SyncBridge
from ui.decision.page import DecisionPage
from ui.decision.source import DecisionSource
from ui.review_wiring import wire_actions


@pytest.fixture
def server(tmp_path):
    config = ServerConfig(db_url=f"sqlite:///{tmp_path / 'server.sqlite3'}", demo=True, port=0)
    app = create_app(config)
    now = config.clock()
    seed_demo_once(app.state.db, now)
    decision = build_decision(now=now)
    storage.bulk_insert(app.state.db, EntityKind.DECISION, [to_wire(decision)], now=now)
    storage.bulk_insert(
        app.state.db, EntityKind.APPROVAL, [to_wire(decision.approval_request)], now=now
    )
    running = start_server(config, app=app)
    yield running
    running.stop()


def test_approval_round_trip_resumes_the_workflow(qtbot, qloop, tmp_path, server, clock):
    clock.set_now_function(lambda: datetime.now(UTC))
    signing_in = asyncio.ensure_future(login(server.url, "senior1", "demo"))
    qtbot.waitUntil(signing_in.done, timeout=30_000)
    session = signing_in.result()
    store = Store.open(tmp_path / "client.sqlite3")
    source = DecisionSource(store)
    bridge = SyncBridge(store)
    engine = build_engine(store, session, live=False, writer=bridge.writer)  # as ui.app does
    bridge.attach(engine)
    try:
        engine.start()
        qtbot.waitUntil(lambda: source.load(EXEC_CAPACITY, clock.now()) is not None, timeout=30_000)
        qtbot.waitUntil(lambda: source.approval_level(session.user["id"]) is not None)
        actor = source.user(session.user["id"], None)
        page = DecisionPage(source, clock, actor, "en", bridge.runner)
        qtbot.addWidget(page)

        class Context:  # what wire_actions reads from the AppContext
            pass

        context = Context()
        context.bridge = bridge
        wire_actions(page, context)
        page.show_entity(EXEC_CAPACITY)
        assert page.form.submit.isEnabled()
        page.form.rationale.setPlainText("균형 잡힌 접근 방식이 적합함")
        page.form.conditions.setPlainText("외주 인력 품질 관리 필수")
        with qtbot.waitSignal(page.sig_action_saved):
            page.form.submit.click()
        assert page.view.pending_sync == 1
        qtbot.waitUntil(
            lambda: (
                page.view is not None
                and page.view.pending_sync == 0
                and page.view.log is not None
                and not page.view.log_is_local
            ),
            timeout=30_000,
        )
        assert page.view.execution.status == "COMPLETED"
        assert page.view.log.selected_option_id == "OPT-02"
        assert page.view.log.conditions == ["외주 인력 품질 관리 필수"]
        assert "Workflow Completed" in page.steps.text() and "pending" not in page.steps.text()
        assert (
            "Decision log" in page.form.log.text() and "local preview" not in page.form.log.text()
        )
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=30_000)
        bridge.detach()
        store.close()
