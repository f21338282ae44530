"""Inbox filters and sorts in SQL at a few thousand rows, against a Python expectation."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
from sqlalchemy import text

from app.domain.cases import Case
from app.domain.enums import CaseStatus, Priority
from app.store.apply import apply_changes
from app.store.inbox import InboxFilter, inbox_count, inbox_ids, inbox_rows, inbox_select
from app.store.store import Store
from tests.unit.store import builders as b

N = 3000
NOW = b.T0 + timedelta(hours=30)
QUEUES = ["credit_review", "customer_service", "senior_review"]
NAMES = ["김민준", "이서연", "박지호", "최수아", "정도윤"]


def _cases() -> list[Case]:
    rng = random.Random(7)
    out = []
    for i in range(N):
        created = b.T0 - timedelta(minutes=rng.randrange(0, 60 * 80))
        c = b.case(
            f"case_{i:05d}",
            priority=rng.choice(list(Priority)),
            status=rng.choice([CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.AWAITING_DOCS]),
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


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory):
    store = Store.open(tmp_path_factory.mktemp("inbox") / "inbox.sqlite3")
    cases = _cases()
    with store.transaction() as s:
        apply_changes(
            s,
            b.page(b.queue("credit_review", "신용 심사"), b.queue("senior_review", "선임 심사")),
        )
        apply_changes(s, b.page(*cases))
    yield store, cases
    store.close()


def _key(c: Case):
    return (c.priority.rank, c.sla.due_at, c.id)


def _all_ids(store: Store, f: InboxFilter) -> list[str]:
    with store.session() as s:
        return inbox_ids(s, f, NOW, 0, N + 10)


def test_default_sort_is_priority_then_due(seeded) -> None:
    store, cases = seeded
    f = InboxFilter()
    expected = [c.id for c in sorted(cases, key=_key)]
    assert _all_ids(store, f) == expected
    with store.session() as s:
        assert inbox_count(s, f, NOW) == N
        assert inbox_ids(s, f, NOW, 100, 50) == expected[100:150]


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("amount", lambda c: (c.application.amount, c.id)),
        ("created_at", lambda c: (c.created_at, c.id)),
        ("customer", lambda c: (c.customer.name, c.id)),
    ],
)
def test_other_sorts_both_directions(seeded, sort, key) -> None:
    store, cases = seeded
    expected = [c.id for c in sorted(cases, key=key)]
    assert _all_ids(store, InboxFilter(sort=sort)) == expected
    assert _all_ids(store, InboxFilter(sort=sort, descending=True)) == expected[::-1]


def test_filters_match_python(seeded) -> None:
    store, cases = seeded
    ordered = sorted(cases, key=_key)
    f = InboxFilter(
        queue_ids=frozenset({"credit_review"}),
        priorities=frozenset({Priority.P0, Priority.P1}),
        assignee="me",
        me="reviewer1",
    )
    expected = [
        c.id
        for c in ordered
        if c.queue_id == "credit_review"
        and c.priority in (Priority.P0, Priority.P1)
        and c.assignee_id == "reviewer1"
    ]
    assert expected and _all_ids(store, f) == expected
    with store.session() as s:
        assert inbox_count(s, f, NOW) == len(expected)

    unassigned = [c.id for c in ordered if c.assignee_id is None and c.status.value == "open"]
    f = InboxFilter(assignee="unassigned", statuses=frozenset({"open"}))
    assert _all_ids(store, f) == unassigned


def test_sla_filters(seeded) -> None:
    store, cases = seeded
    ordered = sorted(cases, key=_key)
    running = [c for c in ordered if c.sla.paused_since is None]
    breached = [c.id for c in running if c.sla.due_at <= NOW]
    at_risk = [c.id for c in running if c.sla.warning_at <= NOW < c.sla.due_at]
    paused = [c.id for c in ordered if c.sla.paused_since is not None]
    assert breached and at_risk and paused
    assert _all_ids(store, InboxFilter(sla="breached")) == breached
    assert _all_ids(store, InboxFilter(sla="at_risk")) == at_risk
    assert _all_ids(store, InboxFilter(sla="paused")) == paused


def test_free_text_matches_id_customer_and_queue_name(seeded) -> None:
    store, cases = seeded
    ordered = sorted(cases, key=_key)
    assert _all_ids(store, InboxFilter(text="case_0004")) == [
        c.id for c in ordered if "case_0004" in c.id
    ]
    assert _all_ids(store, InboxFilter(text="서연")) == [
        c.id for c in ordered if "서연" in c.customer.name
    ]
    assert _all_ids(store, InboxFilter(text="선임")) == [
        c.id for c in ordered if c.queue_id == "senior_review"
    ]
    assert _all_ids(store, InboxFilter(text="100%")) == []


def test_rows_come_back_in_the_order_asked(seeded) -> None:
    store, cases = seeded
    by_id = {c.id: c for c in cases}
    ids = _all_ids(store, InboxFilter())[:40][::-1]
    with store.session() as s:
        rows = inbox_rows(s, [*ids, "missing"])
    assert [r.id for r in rows] == ids
    first = rows[0]
    c = by_id[first.id]
    assert first.priority is c.priority and first.amount == c.application.amount
    assert first.customer_masked.endswith("6789") and "123" not in first.customer_masked
    assert first.due_at == c.sla.due_at and first.pending_sync == 0
    if c.queue_id == "credit_review":
        assert first.queue_name == "신용 심사"


def test_cells_read_the_sqlite_connection_directly_and_match_the_orm_rows(seeded) -> None:
    from app.store.inbox import inbox_cells

    store, _cases = seeded
    ids = _all_ids(store, InboxFilter())[:40][::-1]
    with store.session() as s:
        rows = {r.id: r for r in inbox_rows(s, ids)}
    with store.engine.connect() as conn:
        cells = inbox_cells(conn, [*ids, "missing"])
    assert [c[0] for c in cells] == ids  # asked order, missing ids left out
    for cell in cells:
        row = rows[cell[0]]
        assert cell[1] == row.priority.rank and cell[2] == row.status
        assert cell[8] == row.amount and cell[10] == row.pending_sync
        assert cell[9] == row.updated_at and cell[9].tzinfo is not None  # converted as the ORM
        assert json.loads(cell[11])["due_at"]  # the raw SLA record


def _plan(store: Store, f: InboxFilter) -> str:
    stmt = inbox_select(f, NOW).offset(0).limit(100)
    with store.session() as s:
        compiled = stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
        rows = s.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    return "\n".join(r[-1] for r in rows)


@pytest.mark.parametrize(
    ("f", "index"),
    [
        (InboxFilter(), "ix_cases_sort"),
        (InboxFilter(queue_ids=frozenset({"credit_review"})), "ix_cases_queue_sort"),
        (InboxFilter(sort="amount", descending=True), "ix_cases_amount"),
        (InboxFilter(sort="customer"), "ix_cases_customer"),
    ],
)
def test_sorts_walk_an_index_without_temp_btree(seeded, f: InboxFilter, index: str) -> None:
    store, _ = seeded
    with store.session() as s:
        s.execute(text("ANALYZE"))
    plan = _plan(store, f)
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan, plan
