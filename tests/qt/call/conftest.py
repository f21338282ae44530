"""Fixtures of the call page tests: a real store with the demo queues and knowledge articles,
and the angry-customer call (no segments yet)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from app.domain.enums import Role
from app.store.store import Store
from tests.qt.call.helpers import apply, call_wire, load_script, seed_reference
from tests.qt.data import NOW
from ui.bridge import SyncBridge
from ui.call.page import CallPage
from ui.call.remote import CallRemote
from ui.call.source import CallSource
from ui.context import UserInfo
from ui.tasks import TaskKeeper

CALL_ID = "call_20261123_0001"


@pytest.fixture
def angry() -> dict:
    return load_script("angry_customer_fee")


@pytest.fixture
def call_store(tmp_path, angry):
    store = Store.open(tmp_path / "call.sqlite3")
    seed_reference(store)
    apply(store, "call", [call_wire(CALL_ID, angry, NOW - timedelta(minutes=2))])
    yield store
    store.close()


def make_page(qtbot, store, clock, roles=(Role.AGENT,), user_id="u_agent1") -> CallPage:
    bridge = SyncBridge(store)
    user = UserInfo(user_id, "김하늘", list(roles))
    page = CallPage(CallSource(store), CallRemote(bridge, store), clock, TaskKeeper(), user, "ko")
    bridge.setParent(page)
    page.bridge = bridge
    page.connect_bridge(bridge)
    qtbot.addWidget(page)
    page.resize(1500, 950)
    return page


def agent_page(qtbot, tmp_path, url: str, clock):
    """agent1 signed in to the server at ``url``, on the call page over a store of its own:
    (page, store, session). The caller closes the store."""
    from sync.auth import login

    signing_in = asyncio.ensure_future(login(url, "agent1", "demo"))
    qtbot.waitUntil(signing_in.done, timeout=30_000)
    session = signing_in.result()
    store = Store.open(tmp_path / "agent.sqlite3")
    page = make_page(qtbot, store, clock, roles=(Role.AGENT,), user_id=session.user["id"])
    page.show()
    page.load_now()
    return page, store, session


def agent_engine(page, store, session):
    """The sync engine of ``page``, built as ui.app builds it (one writer for the engine and the
    page's actions, live segments to the page), attached to its bridge; not started."""
    from sync.live import LiveHandlers
    from sync.wiring import build_engine

    engine = build_engine(
        store,
        session,
        live_handlers=LiveHandlers(on_segment=page.bridge.on_live_segment),
        heartbeat_timeout_s=20,
        offline_retry_s=1,
        writer=page.bridge.writer,
    )
    page.bridge.attach(engine)
    return engine


SCRIPTS = ("angry_customer_fee", "msp_general_inquiry")


@pytest.fixture
def day_server(demo_server):
    from server.simulator import CallSimulator, load_scripts

    app = demo_server.app
    scripts = {s["id"]: s for s in load_scripts()}
    sim = CallSimulator(
        app.state.db,
        app.state.bus,
        [scripts[name] for name in SCRIPTS],
        speed=10.0,
        clock=app.state.config.clock,
        agents=["u_agent1"],
        ring_s=2.0,
        acw_s=10**6,  # the wrap-up holds until the test lets its limit run out
        pause_s=2.0,
    )
    demo_server.sim = sim
    yield demo_server
    sim.stop()
