"""Against the real reference server on 127.0.0.1 with the call simulator at high speed: agent1
signs in, the sync engine pulls and streams ``call.segment`` events into a real store, and a
scripted call plays through into the call page (opened on assignment), with the server's
recommendations shown and no duplicate turns."""

from __future__ import annotations

import asyncio

import pytest

from app.domain.enums import Role
from app.store.store import Store
from sync.auth import login
from sync.live import LiveHandlers
from sync.wiring import build_engine
from tests.qt.call.conftest import make_page


@pytest.fixture
def live_server(tmp_path):
    from server.app import create_app
    from server.config import ServerConfig
    from server.demo import seed_demo_once, start_live
    from server.runner import start_server

    config = ServerConfig(
        db_url=f"sqlite:///{tmp_path / 'server.sqlite3'}", demo=True, port=0, speed=20.0
    )
    app = create_app(config)
    seed_demo_once(app.state.db, config.clock())
    running = start_server(config, app=app)
    live = start_live(app)
    yield running
    live.stop()
    running.stop()


def test_a_simulated_call_plays_into_the_page(qtbot, qloop, tmp_path, live_server, clock):
    signing_in = asyncio.ensure_future(login(live_server.url, "agent1", "demo"))
    qtbot.waitUntil(signing_in.done, timeout=30_000)
    session = signing_in.result()
    store = Store.open(tmp_path / "agent.sqlite3")
    page = make_page(qtbot, store, clock, roles=(Role.AGENT,), user_id=session.user["id"])
    page.load_now()
    stored: list[str] = []
    page.bridge.sig_call_segments_received.connect(lambda cid, _segments: stored.append(cid))
    handlers = LiveHandlers(on_segment=page.bridge.on_live_segment)  # as ui.app wires it
    engine = build_engine(
        store,
        session,
        live_handlers=handlers,
        heartbeat_timeout_s=20,
        offline_retry_s=1,
        writer=page.bridge.writer,  # as ui.app builds it: one writer for engine and actions
    )
    page.bridge.attach(engine)
    try:
        engine.start()
        qtbot.waitUntil(lambda: page.call is not None, timeout=30_000)
        call_id = page.call.id
        qtbot.waitUntil(lambda: sum(t.final for t in page.model.turns()) >= 4, timeout=30_000)
        # The live consumer signals each segment it stores; under load the first turns may
        # arrive by the catch-up fetch before the event stream is up, so wait for the stream.
        qtbot.waitUntil(lambda: call_id in stored, timeout=30_000)
        qtbot.waitUntil(lambda: page.suggestions.model.origin == "server", timeout=20_000)
        assert page.suggestions.model.rowCount() > 0
        qtbot.waitUntil(
            lambda: (
                page.call is not None
                and (page.call.id != call_id or page.call.state.value in ("acw", "ended"))
            ),
            timeout=60_000,
        )
        turns = page.model.turns() if page.call.id == call_id else []
        if turns:
            keys = [t.key for t in turns]
            assert len(keys) == len(set(keys))
            begins = [t.begin_ms for t in turns]
            assert begins == sorted(begins)
        assert page.sentiment.chart.count("customer") + page.sentiment.chart.count("agent") > 0
    finally:
        stopping = asyncio.ensure_future(engine.stop())
        qtbot.waitUntil(stopping.done, timeout=30_000)
        page.bridge.detach()
        page.shutdown()
        cancelling = asyncio.ensure_future(page.actions.keeper.cancel_all())
        qtbot.waitUntil(cancelling.done, timeout=30_000)
        store.close()
