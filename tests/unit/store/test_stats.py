"""Planner statistics: missing statistics are made once, fresh ones are left alone, and with
them the inbox's sorted queries walk the sort index instead of sorting every active case."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import text

from app.domain.enums import CaseStatus, Priority
from app.store.apply import apply_changes
from app.store.inbox import InboxFilter, inbox_ids, inbox_select
from app.store.stats import analyze_if_stale, known_case_rows
from app.store.store import Store
from tests.unit.store import builders as b

N = 2_500
NOW = b.T0 + timedelta(hours=30)
# not the active statuses alone: those take the partial indexes whatever the statistics say
# (app.store.active); a wider choice leaves the plan to the statistics
OPEN_OR_CLOSED = frozenset({"open", "pending", "closed"})


def _store(path) -> Store:
    rng = random.Random(3)
    store = Store.open(path)
    cases = [
        b.case(
            f"case_{i:05d}",
            priority=rng.choice(list(Priority)),
            status=rng.choice([CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.CLOSED]),
            amount=rng.randrange(1, 500) * 1_000_000,
        )
        for i in range(N)
    ]
    with store.transaction() as s:
        apply_changes(s, b.page(*cases))
    return store


def _ids(store: Store, f: InboxFilter) -> list[str]:
    with store.engine.connect() as conn:
        return inbox_ids(conn, f, NOW, 0, 1001)


def _plan(store: Store, f: InboxFilter) -> str:
    stmt = inbox_select(f, NOW).limit(1001)
    compiled = stmt.compile(store.engine, compile_kwargs={"literal_binds": True})
    with store.engine.connect() as conn:
        rows = conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    return " | ".join(str(r[3]) for r in rows)


def test_statistics_are_made_once_and_steer_the_inbox_to_its_sort_index(tmp_path) -> None:
    store = _store(tmp_path / "stats.sqlite3")
    try:
        f = InboxFilter(statuses=OPEN_OR_CLOSED, sort="amount", descending=True)
        before = _ids(store, f)
        assert known_case_rows(store) is None
        assert analyze_if_stale(store) is True
        assert known_case_rows(store) == N
        assert analyze_if_stale(store) is False  # fresh: left alone
        plan = _plan(store, f)
        assert "ix_cases_amount" in plan and "TEMP B-TREE" not in plan, plan
        assert _ids(store, f) == before  # the same answer, faster
    finally:
        store.close()


def test_small_stores_need_no_statistics(tmp_path) -> None:
    store = Store.open(tmp_path / "small.sqlite3")
    try:
        with store.transaction() as s:
            apply_changes(s, b.page(b.case("case_1"), b.case("case_2")))
        assert analyze_if_stale(store) is False
        assert known_case_rows(store) is None
    finally:
        store.close()


def test_statistics_started_after_a_pull_are_kept_when_the_engine_closes_at_once(tmp_path) -> None:
    import asyncio

    from sync.wiring import _Statistics
    from sync.writer import StoreWriter

    store = _store(tmp_path / "closing.sqlite3")
    writer = StoreWriter()

    async def pull_then_close() -> None:
        stats = _Statistics(store, writer)
        stats.after_pull(type("Pulled", (), {"changes": N})())
        await stats.finish()  # what the engine's close() does right after the first sync

    try:
        asyncio.run(pull_then_close())
        assert known_case_rows(store) == N
    finally:
        writer.close()
        store.close()
