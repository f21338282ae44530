"""The first start over the real server: an empty store fills from a long change feed. Until the
first sync is in, the inbox says how far the loading is ("Loading cases… 1,200 of 31,000") and
the status bar shows progress — never "No cases match these filters" nor "Offline"."""

from __future__ import annotations

import asyncio

from app.store.store import Store
from sync.auth import login
from sync.wiring import build_engine
from ui.bridge import SyncBridge
from ui.context import AppContext, UserInfo
from ui.main_window import MainWindow
from ui.tasks import TaskKeeper


def test_first_start_shows_progress_not_no_cases(qtbot, qloop, tmp_path, demo, clock):
    signing_in = asyncio.ensure_future(login(demo.url, "reviewer1", "demo"))
    qtbot.waitUntil(signing_in.done, timeout=20_000)
    session = signing_in.result()
    store = Store.open(tmp_path / "client.sqlite3")
    bridge = SyncBridge(store)
    user = UserInfo.from_wire({"id": "reviewer1", **session.user})
    window = MainWindow(AppContext(store, clock, TaskKeeper(), bridge, user))
    bridge.setParent(window)
    qtbot.addWidget(window)
    inbox = window.show_page("inbox")
    window.show()
    status = window.status.connection
    assert "Offline" not in status.text()  # nothing has failed: the engine is not even built
    assert "No cases" not in inbox.empty.text()
    seen: list[tuple[int, int, str, str]] = []
    states: list[str] = []

    def on_progress(done: int, total: int) -> None:
        seen.append((done, total, inbox.empty.text(), status.text()))

    bridge.sig_pull_progress.connect(on_progress)
    bridge.sig_connection_changed.connect(lambda state, _d: states.append(state))
    engine = build_engine(store, session, live=False, periodic_s=600.0)
    engine.parts.puller.limit = 20  # many pages, as 31,000 changes are at 1,000 a page
    bridge.attach(engine)
    try:
        engine.start()
        qtbot.waitUntil(lambda: bridge.first_sync_done, timeout=20_000)
        qtbot.waitUntil(lambda: inbox.model.rowCount() > 0, timeout=20_000)
        assert len(seen) >= 3
        done, total, empty_text, status_text = seen[1]
        assert 0 < done < total
        assert f"{done:,} of {total:,}" in empty_text and "Loading cases" in empty_text
        assert f"Loading {done:,} of {total:,}" in status_text
        assert all(total == seen[0][1] for _d, total, _e, _s in seen)  # one honest total
        assert not any("No cases" in text for _d, _t, text, _s in seen)
        assert "offline" not in states
        assert not inbox.empty.isVisible()
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=20_000)
        bridge.detach()
        store.close()
