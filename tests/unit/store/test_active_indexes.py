"""Partial indexes over active cases (schema step 8, ``app.store.active``): a version 7 file
holding cases gets them with its data intact, the inbox's sorted queries over active cases walk
them (EXPLAIN QUERY PLAN: the index, no full scan, no sort of every row) and answer as a Python
sort does, and a first pull that holds the indexes back restores them too."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.cases import Case
from app.domain.enums import CaseStatus, Priority
from app.rules.lifecycle import ACTIVE_STATUSES
from app.store import schema
from app.store.active import ACTIVE_WHERE
from app.store.bulk_load import restore_indexes
from app.store.inbox import SORTS, InboxFilter, inbox_count, inbox_ids, inbox_select
from app.store.store import Store
from tests.unit.store import builders as b
from tests.unit.store.old_files import ACTIVE_NAMES, version_7_file

N = 3000
NOW = b.T0 + timedelta(hours=30)
QUEUES = ["credit_review", "customer_service", "senior_review"]
NAMES = ["김민준", "이서연", "박지호", "최수아"]


def _cases() -> list[Case]:
    """Every status (two thirds active, as in the demo data), queues, assignees, amounts."""
    rng = random.Random(11)
    statuses = list(CaseStatus)
    out = []
    for i in range(N):
        created = b.T0 - timedelta(minutes=rng.randrange(0, 60 * 80))
        c = b.case(
            f"case_{i:05d}",
            priority=rng.choice(list(Priority)),
            status=rng.choice([*statuses, CaseStatus.OPEN, CaseStatus.PENDING]),
            queue_id=rng.choice(QUEUES),
            assignee_id=rng.choice([None, "reviewer1", "reviewer2"]),
            amount=rng.randrange(1, 500) * 1_000_000,
            name=rng.choice(NAMES),
            created_at=created,
        )
        if c.status is CaseStatus.AWAITING_DOCS:
            c.sla.paused_since = created + timedelta(hours=1)
        out.append(c)
    return out


def _index_sql(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'")
        ).all()
    return {name: sql for name, sql in rows if name in ACTIVE_NAMES}


def _plan(store: Store, f: InboxFilter) -> str:
    stmt = inbox_select(f, NOW).offset(0).limit(1001)
    with store.engine.connect() as conn:
        compiled = stmt.compile(conn, compile_kwargs={"literal_binds": True})
        rows = conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    return " | ".join(str(r[-1]) for r in rows)


def _ids(store: Store, f: InboxFilter) -> list[str]:
    with store.engine.connect() as conn:
        return inbox_ids(conn, f, NOW, 0, N + 10)


def _expected(cases: list[Case], sort: str, descending: bool, statuses) -> list[str]:
    keys = {
        "priority": lambda c: (c.priority.rank, c.sla.due_at, c.id),
        "due_at": lambda c: (c.sla.due_at, c.id),
        "updated_at": lambda c: (c.updated_at, c.id),
        "created_at": lambda c: (c.created_at, c.id),
        "amount": lambda c: (c.application.amount, c.id),
        "customer": lambda c: (c.customer.name, c.id),
        "status": lambda c: (c.status.value, c.id),
        "queue": lambda c: (c.queue_id, c.id),
        "id": lambda c: (c.id,),
    }
    chosen = [c for c in cases if not statuses or c.status.value in statuses]
    return [c.id for c in sorted(chosen, key=keys[sort], reverse=descending)]


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory):
    """A version 7 file with cases, opened (so upgraded) by this version."""
    path = tmp_path_factory.mktemp("active") / "v7.sqlite3"
    cases = _cases()
    version_7_file(path, cases)
    store = Store.open(path)
    yield store, cases
    store.close()


def test_a_version_7_file_gets_the_indexes_and_keeps_its_cases(upgraded) -> None:
    store, cases = upgraded
    with store.engine.connect() as conn:
        assert schema.current_version(conn) == schema.LATEST == 8
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar() == N
        analyzed = {
            idx for (idx,) in conn.execute(text("SELECT idx FROM sqlite_stat1 WHERE tbl='cases'"))
        }
    found = _index_sql(store)
    assert set(found) == ACTIVE_NAMES
    for sql in found.values():
        assert sql.endswith(f"WHERE {ACTIVE_WHERE}"), sql
    assert analyzed >= ACTIVE_NAMES  # the planner has statistics for them from the start
    active = sum(c.status.value in ACTIVE_STATUSES for c in cases)
    with store.session() as s:
        assert inbox_count(s, InboxFilter(statuses=ACTIVE_STATUSES), NOW) == active


SORT_INDEX = {
    "priority": "ix_cases_active_sort",
    "due_at": "ix_cases_active_due",
    "updated_at": "ix_cases_active_updated",
    "amount": "ix_cases_active_amount",
    "customer": "ix_cases_active_customer",
    "queue": "ix_cases_active_queue",
    "id": "ix_cases_active_id",
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", sorted(SORT_INDEX))
def test_each_sort_of_active_cases_walks_its_partial_index(upgraded, sort, descending) -> None:
    store, cases = upgraded
    f = InboxFilter(statuses=ACTIVE_STATUSES, sort=sort, descending=descending)
    plan = _plan(store, f)
    assert f"USING COVERING INDEX {SORT_INDEX[sort]}" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # walked in order, not every active case sorted
    assert _ids(store, f) == _expected(cases, sort, descending, ACTIVE_STATUSES)


@pytest.mark.parametrize(
    ("f", "index"),
    [
        (InboxFilter(queue_ids=frozenset({"credit_review"})), "ix_cases_active_queue_sort"),
        (InboxFilter(priorities=frozenset({Priority.P0, Priority.P1})), "ix_cases_active_sort"),
        (InboxFilter(sla="at_risk"), "ix_cases_active_sort"),
        (InboxFilter(sla="paused"), "ix_cases_active_sort"),
        (InboxFilter(text="김"), "ix_cases_active_sort"),
    ],
    ids=["queue", "priorities", "at_risk", "paused", "text"],
)
def test_filters_over_active_cases_read_the_index_alone(upgraded, f, index) -> None:
    store, _cases = upgraded
    plan = _plan(store, replace(f, statuses=ACTIVE_STATUSES))
    assert f"COVERING INDEX {index}" in plan, plan  # no case row read per index entry
    assert "SCAN cases |" not in f"{plan} |" and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize(
    "statuses",
    [frozenset({"open"}), frozenset({"open", "closed"}), frozenset({"archived"}), frozenset()],
    ids=["one-active", "active-and-not", "inactive", "any"],
)
def test_other_status_choices_answer_as_before(upgraded, statuses) -> None:
    store, cases = upgraded
    for sort in ("priority", "amount"):
        f = InboxFilter(statuses=statuses, sort=sort)
        expected = _expected(cases, sort, False, statuses)
        assert expected and _ids(store, f) == expected


def test_a_file_whose_first_pull_holds_the_indexes_gets_them_with_the_others(
    tmp_path: Path,
) -> None:
    path = tmp_path / "held.sqlite3"
    cases = _cases()[:200]
    version_7_file(path, cases, held=True)
    with Store.open(path) as store:
        with store.engine.connect() as conn:
            assert schema.current_version(conn) == 8
        assert _index_sql(store) == {}  # not built under a pull that rebuilds them anyway
        with store.transaction() as s:
            assert restore_indexes(s) >= len(ACTIVE_NAMES)
        found = _index_sql(store)
        assert set(found) == ACTIVE_NAMES
        assert all(sql.endswith(f"WHERE {ACTIVE_WHERE}") for sql in found.values())
        f = InboxFilter(statuses=ACTIVE_STATUSES, sort="amount")
        assert _ids(store, f) == _expected(cases, "amount", False, ACTIVE_STATUSES)


def test_every_sort_has_a_partial_index_but_status_and_created() -> None:
    """A new inbox sort needs its partial index (or a reason it does without: ``status`` walks its
    full (status, id) index; no column sorts by ``created_at``)."""
    assert set(SORTS) - set(SORT_INDEX) == {"status", "created_at"}


@pytest.mark.parametrize("sort", ["status", "created_at"])
def test_the_sorts_without_a_partial_index_answer_right(upgraded, sort) -> None:
    store, cases = upgraded
    f = InboxFilter(statuses=ACTIVE_STATUSES, sort=sort, descending=True)
    assert _ids(store, f) == _expected(cases, sort, True, ACTIVE_STATUSES)
