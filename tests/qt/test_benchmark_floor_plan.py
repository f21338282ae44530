"""``benchmarks.inbox``'s filter floor runs the page's own query (compiled from
``app.store.inbox.inbox_select``), so raw sqlite3 takes the same partial index over active cases as
the app and the ratio stays honest; checked on a store grown as the scale curve grows its stores
(statistics included)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.store.active import ACTIVE_WHERE
from benchmarks.inbox import _compiled, filter_changes
from benchmarks.scale import build_store
from tests.qt.data import NOW
from tests.qt.data import build_store as real_store

SORT_INDEX = {
    ("priority", False): "ix_cases_active_sort",
    ("due_at", False): "ix_cases_active_due",
    ("amount", True): "ix_cases_active_amount",
    ("customer", False): "ix_cases_active_customer",
    ("updated_at", True): "ix_cases_active_updated",
    ("queue", False): "ix_cases_active_queue",
    ("id", True): "ix_cases_active_id",
}


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("floor")
    real_store(tmp / "template.sqlite3", 300).close()
    path, _ = build_store(tmp / "template.sqlite3", 3_000, tmp)
    return path


def _plain(f) -> bool:
    return not (f.queue_ids or f.priorities or f.sla or f.text or f.assignee != "anyone")


def test_the_floor_runs_the_page_query_and_walks_the_same_partial_index(grown: Path) -> None:
    from sqlalchemy import create_engine

    engine = create_engine("sqlite://")
    now: datetime = NOW + timedelta(hours=2)
    checked = set()
    conn = sqlite3.connect(grown)
    try:
        for f in filter_changes("u_admin1", 20):
            sql, params = _compiled(f, now, engine)
            key = (f.sort, f.descending)
            if f.statuses:  # the active statuses: the page's query carries the indexes' WHERE
                assert ACTIVE_WHERE.replace("+status", "+cases.status") in sql
            if not (_plain(f) and f.statuses and key in SORT_INDEX):
                continue
            plan = " | ".join(r[-1] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
            assert f"COVERING INDEX {SORT_INDEX[key]}" in plan, (key, plan)
            assert "TEMP B-TREE" not in plan, (key, plan)
            checked.add(key)
    finally:
        conn.close()
    assert len(checked) >= 6  # the benchmark's sorts of active cases
