"""Builds a real local store file with cases, queues and users (no mocks): each entity goes in
through ``app.store.apply.apply_changes``, exactly as a pulled change-feed page would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.cases import Application, Case, Customer, Queue
from app.domain.enums import CaseStatus, Priority, Role
from app.domain.people import User
from app.domain.wire import to_wire
from app.rules import sla
from app.store.apply import apply_changes
from app.store.store import Store

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 10:00 KST
QUEUES = [
    ("credit_review", "여신 심사"),
    ("customer_service", "고객 서비스"),
    ("fraud", "사기 점검"),
]
USERS = [
    ("reviewer1", "김검토", [Role.REVIEWER]),
    ("reviewer2", "이검토", [Role.REVIEWER]),
    ("senior1", "박선임", [Role.SENIOR_REVIEWER]),
]
NAMES = ["김민준", "이서연", "박지호", "최수아", "정하준", "강지유", "조서윤", "윤도윤"]
STATUSES = [CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.AWAITING_DOCS, CaseStatus.ESCALATED]


def case_wire(i: int, now: datetime = NOW) -> dict:
    """Case ``C-00001`` …: priorities, queues, assignees and SLA ages cycle deterministically."""
    priority = list(Priority)[i % 4]
    started = now - timedelta(minutes=(i * 37) % (60 * 80))
    clock = sla.start(priority.value, started)
    status = STATUSES[i % len(STATUSES)]
    if status is CaseStatus.AWAITING_DOCS:
        clock = sla.pause(clock, started + timedelta(minutes=5))
    assignee = [None, "reviewer1", "reviewer2", "senior1"][i % 4 if i % 3 else 0]
    case = Case(
        id=f"C-{i:05d}",
        decision_id=f"D-{i:05d}",
        priority=priority,
        status=status,
        queue_id=QUEUES[i % len(QUEUES)][0],
        customer=Customer(
            customer_id=f"CU{i:06d}",
            name=NAMES[i % len(NAMES)],
            account_id=f"110-{i:03d}-{(i * 7919) % 1_000_000:06d}",
        ),
        application=Application(amount=(i % 50 + 1) * 10_000_000 + (i % 7) * 1_000_000),
        sla=clock,
        assignee_id=assignee,
        created_at=started,
        updated_at=started,
        version=1,
    )
    return to_wire(case)


def changes(count: int, now: datetime = NOW) -> list[dict]:
    out: list[dict] = []
    seq = 0

    def add(entity: str, data: dict) -> None:
        nonlocal seq
        seq += 1
        out.append(
            {
                "seq": seq,
                "entity": entity,
                "id": data["id"],
                "op": "upsert",
                "version": data.get("version", 1),
                "data": data,
            }
        )

    for qid, name in QUEUES:
        add("queue", to_wire(Queue(id=qid, name=name)))
    for uid, name, roles in USERS:
        add("user", to_wire(User(id=uid, display_name=name, roles=roles)))
    for i in range(1, count + 1):
        add("case", case_wire(i, now))
    return out


def build_store(path: Path, count: int, now: datetime = NOW) -> Store:
    store = Store.open(path)
    with store.transaction() as session:
        apply_changes(session, changes(count, now))
    return store


def upsert_case(store: Store, data: dict) -> None:
    with store.transaction() as session:
        apply_changes(
            session,
            [
                {
                    "seq": 1,
                    "entity": "case",
                    "id": data["id"],
                    "op": "upsert",
                    "version": data["version"],
                    "data": data,
                }
            ],
        )
