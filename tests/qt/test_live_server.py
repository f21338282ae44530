"""Against the real reference server on 127.0.0.1: sign in, sync, the inbox shows demo cases."""

from __future__ import annotations

import asyncio

import pytest

from app.store.store import Store
from sync.auth import login
from sync.wiring import build_engine
from ui.bridge import SyncBridge
from ui.context import AppContext, UserInfo
from ui.demo import start_demo_server
from ui.main_window import MainWindow
from ui.tasks import TaskKeeper


@pytest.fixture
def demo_server(tmp_path):
    server = start_demo_server(tmp_path, live=False)
    yield server
    server.stop()


def test_login_and_inbox_loads_demo_cases(qtbot, qloop, tmp_path, demo_server, clock):
    signing_in = asyncio.ensure_future(login(demo_server.url, "reviewer1", "demo"))
    qtbot.waitUntil(signing_in.done, timeout=30_000)
    session = signing_in.result()
    assert "reviewer" in session.user.get("roles", [])
    store = Store.open(tmp_path / "client.sqlite3")
    bridge = SyncBridge(store)
    context = AppContext(
        store, clock, TaskKeeper(), bridge, UserInfo.from_wire({"id": "reviewer1", **session.user})
    )
    window = MainWindow(context)
    bridge.setParent(window)
    qtbot.addWidget(window)
    inbox = window.show_page("inbox")
    assert inbox.model.rowCount() == 0  # nothing local yet: the window opened anyway
    engine = build_engine(store, session, live=False)
    bridge.attach(engine)
    try:
        with qtbot.waitSignal(inbox.sig_result_loaded, timeout=30_000):
            engine.start()
        qtbot.waitUntil(lambda: inbox.model.rowCount() >= 20, timeout=30_000)
        assert window.status.connection.property("state") in ("online", "syncing")
        row = inbox.model.row_view(0)
        assert row.customer_masked.endswith(row.customer_masked[-4:])
        assert "•" in row.customer_masked or row.customer_masked == ""
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=30_000)
        bridge.detach()
        store.close()
