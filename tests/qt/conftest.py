"""Qt test fixtures: one qasync loop per test, leak checks, a real store with a few thousand
cases, and the look (fonts, translations) the app uses."""

from __future__ import annotations

import asyncio
import gc
import sys
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from app.store.store import Store
from tests.qt.data import NOW, build_store
from ui.look import install_language, register_fonts
from widgets.clock import Clock, ManualTime

CASES = 2000


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread():
    """Collect reference cycles (Python wrappers of Qt objects among them) on the GUI thread
    only: automatic collection is off during a test, so a worker thread's allocation never runs
    a Qt destructor there (the app does the same with ui.gc_guard)."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication):
    """Fail a test that leaves a top-level widget behind (leaks become segfaults later)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()
    leaked = [
        f"{type(w).__name__}({w.objectName()})"
        for w in QApplication.topLevelWidgets()
        if id(w) not in before
    ]
    assert not leaked, f"leaked top-level widgets: {leaked}"


@pytest.fixture
def qloop(qapp: QApplication):
    """A qasync event loop for this test only, closed at teardown.

    qasync's ``run_forever`` is "mark the loop running, then let Qt spin"; pytest-qt's
    ``waitSignal`` / ``waitUntil`` spin Qt, so the loop is marked running for the test and
    coroutines (``asyncio.to_thread`` included) advance while qtbot waits.
    """
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    # what run_forever does besides: async generators (httpx's streams) are finalised on this
    # loop, and shut down before it closes, as asyncio.run does
    hooks = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook, finalizer=loop._asyncgen_finalizer_hook
    )
    yield loop
    asyncio.events._set_running_loop(None)
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    sys.set_asyncgen_hooks(*hooks)
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture(scope="session")
def fonts(qapp: QApplication) -> list[str]:
    return register_fonts()


@pytest.fixture
def lang_ko(qapp: QApplication):
    assert install_language(qapp, "ko")
    yield "ko"
    install_language(qapp, "en")


@pytest.fixture(scope="session")
def big_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "inbox.sqlite3"
    build_store(path, CASES).close()
    return path


@pytest.fixture
def big_store(big_store_path: Path):
    store = Store.open(big_store_path)
    yield store
    store.close()


@pytest.fixture
def small_store(tmp_path: Path):
    store = build_store(tmp_path / "small.sqlite3", 40)
    yield store
    store.close()


@pytest.fixture
def manual_time() -> ManualTime:
    return ManualTime(NOW)


@pytest.fixture
def clock(qapp: QApplication, manual_time: ManualTime):
    clock = Clock(now=manual_time)
    yield clock
    clock.stop()
    clock.deleteLater()


@pytest.fixture
def make_runner(qapp: QApplication):
    """``make_runner(store)``: the operation runner of a fresh sync bridge over ``store`` (what a
    page's user actions go through, ``ui.runner``), for pages built without an AppContext."""
    from ui.bridge import SyncBridge

    bridges: list[SyncBridge] = []

    def make(store):
        bridges.append(SyncBridge(store))
        return bridges[-1].runner

    yield make
    for bridge in bridges:
        bridge.runner.close()
        bridge.deleteLater()


@pytest.fixture
def demo_server(tmp_path: Path):
    """The reference server on 127.0.0.1 (in this process) over a fresh SQLite file with the
    demo users and data; stopped at teardown."""
    from server.app import create_app
    from server.config import ServerConfig
    from server.demo import seed_demo_once
    from server.runner import start_server

    config = ServerConfig(db_url=f"sqlite:///{tmp_path / 'server.sqlite3'}", demo=True, port=0)
    app = create_app(config)
    seed_demo_once(app.state.db, config.clock())
    running = start_server(config, app=app)
    yield running
    running.stop()
