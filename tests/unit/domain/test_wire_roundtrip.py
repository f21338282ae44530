"""The command layer works on the domain dataclasses and the server converts its stored JSON
with from_wire / to_wire: every field the server stores on a case or a task must survive the
round trip (timeline, task_ids, documents, notifications, appeal ids, SLA breach history…)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from app.domain.cases import Case, Task
from app.domain.enums import EntityKind
from app.domain.wire import from_wire, parse_time, to_wire
from server import storage
from server.demo import seed_demo
from server.storage import ServerDB

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def same(a: Any, b: Any, where: str = "") -> None:
    """``b`` holds everything ``a`` holds (times compared as instants)."""
    if isinstance(a, dict):
        assert isinstance(b, dict), where
        for key, value in a.items():
            assert key in b, f"{where}.{key} lost"
            same(value, b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, str) and isinstance(b, str) and a != b and "T" in a:
        assert parse_time(a) == parse_time(b), where
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> dict[str, list[dict]]:
    db = ServerDB(f"sqlite:///{tmp_path_factory.mktemp('wire') / 'demo.db'}")
    seed_demo(db, NOW)
    with db.session() as s:
        return {
            "case": storage.query(s, EntityKind.CASE),
            "task": storage.query(s, EntityKind.TASK),
        }


@pytest.mark.parametrize(("kind", "cls"), [("case", Case), ("task", Task)])
def test_every_stored_field_survives_the_round_trip(stored, kind: str, cls: type) -> None:
    rows = stored[kind]
    assert rows
    keys: set[str] = set()
    for data in rows:
        keys |= set(data)
        same(data, to_wire(from_wire(cls, data)), f"{kind} {data['id']}")
    if kind == "case":
        assert {"timeline", "documents", "sla", "task_ids", "appeal_ids"} <= keys


def test_the_fields_the_server_routes_add_survive_too(stored) -> None:
    """Keys written by routes (cases, appeals, QA, notify-customer, escalate) not in the demo."""
    case = {
        **stored["case"][0],
        "task_ids": ["T-1", "T-2"],
        "appeal_ids": ["AP-1"],
        "appeal": {"id": "AP-1", "resolution": "uphold", "resolved_at": "2026-11-23T01:00:00Z"},
        "qa_review_id": "QA-1",
        "notifications": [
            {"template": "approval", "eta": "+2h", "at": "2026-11-23T01:00:00Z", "by": "u_r1"}
        ],
    }
    case["sla"] = {**case["sla"], "breach_history": ["2026-11-22T20:00:00Z"]}
    same(case, to_wire(from_wire(Case, case)), "case")
    task = {
        **stored["task"][0],
        "appeal_id": "AP-1",
        "qa_review_id": "QA-1",
        "created_at": "2026-11-23T01:00:00Z",
    }
    same(task, to_wire(from_wire(Task, task)), "task")
