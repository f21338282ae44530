"""The supervisor's walk over the real server: the wall in the main window, signed in, syncing
with the live stream. The server dies: the status bar says offline and the wall veils itself
without waiting for the periodic sync or the stale timeout (both set far beyond the test's
deadlines, so only the immediate detection can show it). The server comes back on the same port:
the window goes online and the wall catches up, nobody touching anything. The SLA trend, first
asked for before the engine existed, loads as soon as the connection is there."""

from __future__ import annotations

import asyncio

from app.store.store import Store
from sync.auth import login
from sync.wiring import build_engine
from ui.bridge import SyncBridge
from ui.context import AppContext, UserInfo
from ui.main_window import MainWindow
from ui.tasks import TaskKeeper

FAR = 600.0  # seconds: no periodic sync, no stale-by-age during the test


def test_offline_at_once_then_the_wall_catches_up_by_itself(qtbot, qloop, tmp_path, demo, clock):
    signing_in = asyncio.ensure_future(login(demo.url, "supervisor1", "demo"))
    qtbot.waitUntil(signing_in.done, timeout=20_000)
    session = signing_in.result()
    store = Store.open(tmp_path / "client.sqlite3")
    bridge = SyncBridge(store)
    user = UserInfo.from_wire({"id": "supervisor1", **session.user})
    context = AppContext(store, clock, TaskKeeper(), bridge, user)
    window = MainWindow(context)
    bridge.setParent(window)
    qtbot.addWidget(window)
    wall = window.show_page("wall")  # as ui.app does: the page first, the engine after
    wall.feed.stale_after_s = FAR
    window.show()
    engine = build_engine(store, session, live=True, periodic_s=FAR, heartbeat_timeout_s=FAR)
    bridge.attach(engine)
    status = window.status.connection
    try:
        engine.start()
        qtbot.waitUntil(lambda: status.property("state") == "online", timeout=20_000)
        qtbot.waitUntil(lambda: wall.feed.snapshot is not None, timeout=20_000)
        # the trend's first fetch ran before there was a connection; it loads now, not in 5 min
        qtbot.waitUntil(lambda: wall.feed.trend is not None, timeout=20_000)
        qtbot.waitUntil(lambda: engine.live is not None and engine.live.connected, timeout=20_000)
        assert not wall.overlay.isVisible()
        before = wall.feed.snapshot
        connections = engine.live.connections

        demo.stop()  # the server dies; nobody touches the window from here on
        qtbot.waitUntil(lambda: status.property("state") == "offline", timeout=20_000)
        qtbot.waitUntil(wall.overlay.isVisible, timeout=20_000)
        assert "Offline" in status.text()
        assert "reconnecting" in wall.overlay.text()
        qtbot.waitUntil(lambda: engine.probes >= 2, timeout=20_000)  # probing, with backoff
        assert status.property("state") == "offline"

        demo.start()  # same port, same database
        qtbot.waitUntil(lambda: status.property("state") == "online", timeout=20_000)
        qtbot.waitUntil(lambda: not wall.overlay.isVisible(), timeout=20_000)
        qtbot.waitUntil(lambda: wall.feed.snapshot is not before, timeout=20_000)
        qtbot.waitUntil(lambda: engine.live.connections > connections, timeout=20_000)
        assert engine.live.connected  # the event stream is back too
        qtbot.waitUntil(lambda: "Online" in status.text(), timeout=20_000)  # after the catch-up
    finally:
        wall.stop()
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=20_000)
        bridge.detach()
        store.close()
