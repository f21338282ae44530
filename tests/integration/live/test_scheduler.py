"""The scheduler applies app.rules decisions on an injected clock."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.enums import CaseStatus, EntityKind, Priority
from app.domain.wire import format_time
from server import storage
from server.demo.cases import build_case, sla_dict
from server.demo.checkpoints import demo_checkpoints
from server.events import EventBus
from server.scheduler import Scheduler
from server.storage import ServerDB

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def env(tmp_path):
    db = ServerDB(f"sqlite:///{tmp_path / 's.db'}")
    bus = EventBus()
    clock = Clock()
    yield db, bus, clock, Scheduler(db, bus, clock, interval_s=0.05)
    db.dispose()


def _alerts(bus: EventBus, kind: str) -> list[dict]:
    return [
        e.payload() for e in bus.retained() if e.type == "alert" and e.payload()["kind"] == kind
    ]


def _p0_case(db) -> dict:
    case, _ = build_case(
        random.Random(1),
        "case_sla_1",
        T0,
        priority=Priority.P0,
        status=CaseStatus.OPEN,
    )
    case["sla"] = sla_dict(Priority.P0, T0)
    with db.session() as s:
        storage.put(s, EntityKind.CASE, case, actor="test", now=T0)
        s.commit()
    return case


def test_sla_warning_once_then_breach_once(env) -> None:
    db, bus, clock, sched = env
    _p0_case(db)
    sched.tick()  # first run records the time only
    clock.now = T0 + timedelta(hours=1)
    sched.tick()
    assert _alerts(bus, "sla_warning") == []
    clock.now = T0 + timedelta(hours=3.3)  # past 80 % of 4 h
    sched.tick()
    clock.now = T0 + timedelta(hours=3.5)
    sched.tick()
    (warning,) = _alerts(bus, "sla_warning")
    assert warning["id"] == "case_sla_1" and warning["entity"] == "case"
    clock.now = T0 + timedelta(hours=4, minutes=1)
    sched.tick()
    sched.tick()
    assert len(_alerts(bus, "sla_breach")) == 1
    with db.read() as s:
        stored = storage.get(s, EntityKind.CASE, "case_sla_1")
    assert stored["sla"]["breached_at"] == format_time(T0 + timedelta(hours=4))
    assert any(e.type == "queue.stats" for e in bus.retained())


def test_event_checkpoint_unanswered_48h_halts_and_escalates(env) -> None:
    db, bus, clock, sched = env
    checkpoints = demo_checkpoints(T0)
    event = next(c for c in checkpoints if c["mode"] == "event")
    event["created_at"] = format_time(T0)
    scheduled = next(c for c in checkpoints if c["mode"] == "scheduled" and c["status"] == "open")
    scheduled["signals"] = [s for s in scheduled["signals"] if s["severity"] != "critical"]
    with db.session() as s:
        for c in (event, scheduled):
            storage.put(s, EntityKind.CHECKPOINT, c, actor="test", now=T0)
        s.commit()
    clock.now = T0 + timedelta(hours=47)
    sched.tick()
    with db.read() as s:
        assert storage.get(s, EntityKind.CHECKPOINT, event["id"])["status"] == "open"
        assert storage.get(s, EntityKind.CHECKPOINT, scheduled["id"])["status"] == "open"
    clock.now = T0 + timedelta(hours=48, minutes=1)
    sched.tick()
    with db.read() as s:
        stored = storage.get(s, EntityKind.CHECKPOINT, event["id"])
        audit = storage.audit_events(s, "checkpoint", event["id"])
        assert storage.get(s, EntityKind.CHECKPOINT, scheduled["id"])["status"] == "skipped"
    assert stored["status"] == "escalated" and stored["halted"] is True
    assert [a["action"] for a in audit] == ["halt_and_escalate_to_audit"]
    (alert,) = _alerts(bus, "checkpoint_halted")
    assert alert["action"] == "halt_and_escalate_to_audit"
    assert alert["code"] == "checkpoint_halted" and alert["params"]["hours"] == 48


def test_docs_deadline_passed_alerts_once(env) -> None:
    db, bus, clock, sched = env
    case, _ = build_case(
        random.Random(2), "case_docs_1", T0, priority=Priority.P2, status=CaseStatus.AWAITING_DOCS
    )
    case["docs_deadline"] = "2026-11-24"  # ends 2026-11-24 15:00 UTC (midnight KST)
    with db.session() as s:
        storage.put(s, EntityKind.CASE, case, actor="test", now=T0)
        s.commit()
    sched.tick()
    clock.now = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    sched.tick()
    assert _alerts(bus, "docs_overdue") == []
    clock.now = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
    sched.tick()
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    sched.tick()
    assert [a["id"] for a in _alerts(bus, "docs_overdue")] == ["case_docs_1"]


def test_case_alerts_carry_code_and_params(env) -> None:
    from app.rules.alert_text import render

    db, bus, clock, sched = env
    _p0_case(db)
    sched.tick()
    clock.now = T0 + timedelta(hours=5)
    sched.tick()
    (breach,) = _alerts(bus, "sla_breach")
    assert breach["code"] == "sla_breach" and breach["params"]["priority"] == "P0"
    assert render(breach["code"], breach["params"], "ko") == breach["message"]
    assert render(breach["code"], breach["params"], "en") == "SLA breached: case_sla_1 (P0)"
