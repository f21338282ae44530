"""Fixtures of the case / appeals / QA / Sync problems page tests: a seeded store file per test
and an AppContext for any seeded user."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.qt.case.seed import USERS, build
from ui.bridge import SyncBridge
from ui.context import AppContext, UserInfo
from ui.tasks import TaskKeeper


@pytest.fixture
def seeded(tmp_path):
    store = build(tmp_path / "pages.sqlite3")
    yield store
    store.close()


@pytest.fixture
def make_context(qapp, seeded, clock) -> Callable[..., AppContext]:
    bridges: list[SyncBridge] = []

    def make(user: str = "reviewer1", lang: str = "en") -> AppContext:
        bridge = SyncBridge(seeded)
        bridges.append(bridge)
        info = UserInfo(user, user, list(USERS[user]), ["credit_review"])
        return AppContext(seeded, clock, TaskKeeper(), bridge, info, lang)

    yield make
    for bridge in bridges:
        bridge.runner.close()  # its writer thread ends with the test
        bridge.deleteLater()
