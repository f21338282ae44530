"""Seed 001 checkpoints raised by Scheduler.tick on a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.enums import EntityKind
from server import storage
from tests.integration.jobs.conftest import T0

WEEK_END = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)  # Monday 2026-11-30 00:00 KST


def _checkpoints(env) -> list[dict]:
    with env.db.read() as s:
        return sorted(storage.query(s, EntityKind.CHECKPOINT), key=lambda c: c["id"])


def _raise(env, kind: str, n: int, queue: str = "credit_review") -> None:
    with env.db.session() as s:
        for i in range(n):
            storage.add_alert(s, kind, "case", f"c{i}", {"queue_id": queue}, env.clock.now)
        s.commit()


def test_sc_at_the_end_of_the_weekly_window_even_after_downtime(env) -> None:
    env.at(T0)
    _raise(env, "sla_breach", 3)
    env.at(WEEK_END - timedelta(seconds=1))
    assert [c for c in _checkpoints(env) if c["mode"] == "scheduled"] == []
    env.restart()  # down across the window's end
    env.at(WEEK_END + timedelta(hours=5))
    env.at(WEEK_END + timedelta(hours=6))
    (sc,) = [c for c in _checkpoints(env) if c["mode"] == "scheduled"]
    assert sc["id"] == "HC-2026-11-30-001" and sc["cadence"] == "weekly"
    assert [(s["type"], s["count"], s["severity"]) for s in sc["signals"]] == [
        ("sla_breach", 3, "warning")
    ]
    assert sc["review_document"].startswith("# 주간 리뷰 — HC-2026-11-30-001")
    with env.db.read() as s:
        audit = storage.audit_events(s, "checkpoint", sc["id"])
    assert [a["action"] for a in audit] == ["hitl_checkpoint_created"]
    env.at(WEEK_END + timedelta(days=2, hours=6))  # unanswered past its due: skipped
    (sc,) = [c for c in _checkpoints(env) if c["mode"] == "scheduled"]
    assert sc["status"] == "skipped"


def test_critical_signal_raises_an_ec_at_once_and_only_once(env) -> None:
    env.at(T0)
    _raise(env, "sla_breach", 9)
    env.at(T0 + timedelta(minutes=1))
    assert _checkpoints(env) == []
    _raise(env, "sla_breach", 1)  # the tenth breach of the window: critical
    env.at(T0 + timedelta(minutes=2))
    env.at(T0 + timedelta(minutes=3))
    (ec,) = _checkpoints(env)
    assert ec["mode"] == "event" and ec["signals"][0]["severity"] == "critical"
    (alert,) = [a for a in env.alerts("critical_signal") if a.get("code") == "ec_created"]
    assert alert["params"]["checkpoint_id"] == ec["id"]


def test_warning_in_three_consecutive_scs_promoted_and_raises_an_ec(env) -> None:
    env.at(T0)
    for week in range(3):
        env.clock.now = WEEK_END + timedelta(days=7 * (week - 1), hours=1)
        _raise(env, "docs_overdue", 3)  # a warning every week
        env.at(WEEK_END + timedelta(days=7 * week, minutes=1))
    scs = [c for c in _checkpoints(env) if c["mode"] == "scheduled"]
    assert [s["signals"][0]["severity"] for s in scs] == ["warning", "warning", "critical"]
    assert [s["signals"][0]["unresolved_streak"] for s in scs] == [1, 2, 3]
    ecs = [c for c in _checkpoints(env) if c["mode"] == "event"]
    assert len(ecs) == 1 and ecs[0]["raised_by"] == f"promoted:{scs[2]['id']}"


def test_disputed_signal_carried_into_the_next_sc(env) -> None:
    env.at(T0)
    _raise(env, "negative_sentiment", 6, "general")
    env.at(WEEK_END + timedelta(minutes=1))
    (sc,) = _checkpoints(env)
    sc.update(
        status="answered",
        feedback={
            "user_assessment": {"signal_validity": "disputed"},
            "signals_reviewed": [sc["signals"][0]["id"]],
        },
    )
    env.put(EntityKind.CHECKPOINT, sc)
    env.at(WEEK_END + timedelta(days=7, minutes=1))  # nothing observed in the second week
    second = _checkpoints(env)[-1]
    assert second["id"] != sc["id"]
    assert [s["type"] for s in second["signals"]] == ["negative_sentiment"]
    assert "재검토" in second["signals"][0]["impact"]


def test_unanswered_sc_with_a_critical_signal_is_escalated_not_skipped(env) -> None:
    from server.demo.checkpoints import demo_checkpoints

    sc = next(c for c in demo_checkpoints(T0) if c["mode"] == "scheduled" and c["status"] == "open")
    assert any(s["severity"] == "critical" for s in sc["signals"])
    env.put(EntityKind.CHECKPOINT, sc)
    env.at(T0)
    env.at(T0 + timedelta(days=2) - timedelta(seconds=1))
    assert env.get(EntityKind.CHECKPOINT, sc["id"])["status"] == "open"
    env.at(T0 + timedelta(days=2))
    assert env.get(EntityKind.CHECKPOINT, sc["id"])["status"] == "escalated"
    (alert,) = [a for a in env.alerts("critical_signal") if a["id"] == sc["id"]]
    assert alert["code"] == "critical_unanswered" and alert["action"] == "escalate"
