"""Fixtures of the call page tests: a real store with the demo queues and knowledge articles,
and the angry-customer call (no segments yet)."""

from __future__ import annotations

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
