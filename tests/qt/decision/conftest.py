"""A real store seeded with the decision-support world (tests.qt.decision.demo_data)."""

from __future__ import annotations

import pytest

from app.store.lookups import get_user
from tests.qt.decision.demo_data import build_store


@pytest.fixture
def dstore(tmp_path):
    store = build_store(tmp_path / "decisions.sqlite3")
    yield store
    store.close()


@pytest.fixture
def users(dstore):
    with dstore.session() as s:
        return {uid: get_user(s, uid) for uid in ("u_senior1", "u_senior2", "u_admin1")}
