"""Seed 001 time rules: SC per cadence at the window's end, EC on a critical signal, 3-SC
promotion, disputed signals carried, the review document from the cadence's template."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.checkpoints import Checkpoint, ObservationWindow, Signal
from app.domain.enums import CheckpointMode, CheckpointStatus, Severity
from app.rules import checkpoint_schedule as cs

T0 = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)  # Monday 00:00 KST
S = timedelta(seconds=1)


def _alerts(kind: str, n: int, queue: str = "credit_review", at: datetime = T0) -> list[dict]:
    return [{"kind": kind, "at": at + timedelta(minutes=i), "queue_id": queue} for i in range(n)]


def test_windows_per_cadence_cross_the_boundary() -> None:
    week = timedelta(days=7)
    assert cs.windows_due(None, "weekly", T0 + week - S, T0) == []
    (w,) = cs.windows_due(None, "weekly", T0 + week, T0)
    assert (w.start, w.end) == (T0, T0 + week)
    assert cs.windows_due(T0 + week, "weekly", T0 + week + S, T0) == []
    assert cs.windows_due(T0, "biweekly", T0 + week * 2 - S, T0) == []
    assert len(cs.windows_due(T0, "biweekly", T0 + week * 2, T0)) == 1
    assert cs.windows_due(T0, "on_demand", T0 + week * 10, T0) == []
    assert len(cs.windows_due(T0, "weekly", T0 + week * 3 + S, T0)) == 3  # down 3 weeks


def test_observe_counts_and_severity() -> None:
    alerts = _alerts("sla_breach", 10) + _alerts("docs_overdue", 2) + _alerts("sla_breach", 1, "x")
    alerts += _alerts("sla_breach", 5, at=T0 + timedelta(days=8))  # outside the window
    alerts += _alerts("critical_signal", 3) + _alerts("checkpoint_halted", 1)  # our own
    signals = cs.observe(alerts, T0, T0 + timedelta(days=7))
    got = [(s.id, s.type, s.count, s.severity, s.affected_nodes) for s in signals]
    assert got == [
        ("AS-001", "docs_overdue", 2, Severity.INFO, ["credit_review"]),
        ("AS-002", "sla_breach", 10, Severity.CRITICAL, ["credit_review"]),
        ("AS-003", "sla_breach", 1, Severity.WARNING, ["x"]),
    ]
    nine = cs.observe(_alerts("sla_breach", 9), T0, T0 + timedelta(days=1))
    assert nine[0].severity is Severity.WARNING


def _sc(n: int, signals: list[Signal], status=CheckpointStatus.SKIPPED, feedback=None):
    start = T0 + timedelta(days=7 * n)
    return Checkpoint(
        f"HC-2026-11-{n:02d}-001",
        CheckpointMode.SCHEDULED,
        ObservationWindow(start, start + timedelta(days=7)),
        signals,
        status=status,
        feedback=feedback,
    )


def test_third_consecutive_sc_promotes_a_warning_to_critical() -> None:
    warn = Signal("AS-001", "sla_breach", 2, Severity.WARNING, ["credit_review"])
    history = [_sc(0, [warn])]
    second = cs.build_sc("HC-2", ObservationWindow(T0, T0), [warn], history, "weekly", T0)
    assert second.signals[0].severity is Severity.WARNING
    history.append(second)
    third = cs.build_sc("HC-3", ObservationWindow(T0, T0), [warn], history, "weekly", T0)
    assert third.signals[0].severity is Severity.CRITICAL
    assert [s.id for s in cs.promoted([warn], third.signals)] == ["AS-001"]
    assert third.due_at == T0 + cs.SC_ANSWER_WINDOW


def test_disputed_signals_are_carried_into_the_next_sc() -> None:
    sig = Signal("AS-002", "negative_sentiment", 6, Severity.WARNING, ["general"])
    other = Signal("AS-001", "docs_overdue", 3, Severity.WARNING, ["credit_review"])
    fb = {"user_assessment": {"signal_validity": "disputed"}, "signals_reviewed": ["AS-002"]}
    answered = _sc(0, [other, sig], CheckpointStatus.ANSWERED, fb)
    carried = cs.carried_signals(answered)
    assert [s.type for s in carried] == ["negative_sentiment"]
    merged = cs.merge_carried([other], carried)
    assert [(s.id, s.type) for s in merged] == [
        ("AS-001", "docs_overdue"),
        ("AS-002", "negative_sentiment"),
    ]
    assert "재검토" in merged[1].impact
    confirmed = _sc(0, [sig], CheckpointStatus.ANSWERED, {"user_assessment": {}})
    assert cs.carried_signals(confirmed) == []


def test_event_signals_once_per_signal() -> None:
    crit = Signal("AS-001", "sla_breach", 12, Severity.CRITICAL, ["credit_review"])
    warn = Signal("AS-002", "docs_overdue", 3, Severity.WARNING, ["credit_review"])
    assert cs.event_signals([crit, warn], []) == [crit]
    ec = cs.build_ec("HC-2026-11-23-002", crit, T0)
    assert ec.mode is CheckpointMode.EVENT and ec.signals[0].severity is Severity.CRITICAL
    assert cs.event_signals([crit], [ec]) == []


def test_ids_and_review_document() -> None:
    now = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)  # 11-24 KST
    assert cs.next_id(["HC-2026-11-24-001", "HC-2026-11-23-007"], now) == "HC-2026-11-24-002"
    sig = Signal("AS-001", "sla_breach", 2, Severity.WARNING, ["credit_review"])
    sc = cs.build_sc("HC-1", ObservationWindow(T0, T0 + timedelta(days=7)), [sig], [], "weekly", T0)
    doc = cs.review_document(sc)
    assert doc.startswith("# 주간 리뷰 — HC-1")
    assert "weekly_review.template.md" in doc
    assert "## Observation Summary (OW: 2026-11-23 00:00 ~ 2026-11-30 00:00)" in doc
    assert "| sla_breach | 2 | warning | credit_review |" in doc
    assert "c) 이번 리뷰 건너뛰기" in doc
    biweekly = cs.build_sc("HC-2", sc.window, [], [], "biweekly", T0)
    assert cs.review_document(biweekly).startswith("# 격주 리뷰")
