"""Seed 001 checkpoints: feedback schema, consequences, effects, overdue rules, promotion."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from app.commands.checkpoint_feedback import field_errors as validate_feedback
from app.commands.checkpoint_feedback import parse_feedback
from app.domain.checkpoints import Checkpoint, ObservationWindow, Proposal, Signal
from app.domain.enums import CheckpointMode, CheckpointStatus, Severity, SignalValidity
from app.rules.checkpoints import (
    AUDIT_ACTION,
    BEHAVIOUR_FEED_KIND,
    DISPUTED_CONFIDENCE_FACTOR,
    EVENT_TIMEOUT,
    CheckpointChoice,
    apply_feedback,
    apply_overdue,
    consequences,
    overdue_action,
    promote_signals,
)
from app.rules.errors import InvalidTransition, ValidationFailed

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def _checkpoint(mode: CheckpointMode = CheckpointMode.SCHEDULED, **kw) -> Checkpoint:
    return Checkpoint(
        id=kw.pop("id", "HC-2026-11-21-001"),
        mode=mode,
        window=ObservationWindow(NOW - timedelta(days=7), NOW),
        signals=kw.pop(
            "signals",
            [
                Signal("AS-001", "retry_storm", 12, Severity.WARNING, ["sync"]),
                Signal("AS-002", "sla_drift", 3, Severity.INFO, ["inbox"]),
            ],
        ),
        proposals=[Proposal("IP-001", "재시도 백오프 확대", 0.8), Proposal("IP-002", "알림", 0.6)],
        created_at=NOW,
        due_at=kw.pop("due_at", NOW + timedelta(days=2)),
        **kw,
    )


FEEDBACK = {
    "checkpoint_id": "HC-2026-11-21-001",
    "mode": "scheduled",
    "signals_reviewed": ["AS-001", "AS-002"],
    "user_assessment": {
        "signal_validity": "confirmed",
        "priority_override": "high",
        "additional_context": "배포 직후 현상",
    },
    "proposal_decisions": [
        {"proposal_id": "IP-001", "decision": "approve"},
        {"proposal_id": "IP-002", "decision": "modify", "modification_notes": "야간 제외"},
    ],
}


def _with(path: str, value: object, base: dict = FEEDBACK) -> dict:
    data = copy.deepcopy(base)
    target = data
    *parents, last = path.split(".")
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is ...:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


def test_seed_shaped_feedback_is_valid() -> None:
    assert validate_feedback(FEEDBACK, _checkpoint()) == {}
    minimal = _with("user_assessment", {"signal_validity": "needs_more_data"})
    assert validate_feedback(minimal | {"proposal_decisions": []}) == {}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (FEEDBACK | {"choice": "c"}, "choice"),
        (_with("user_assessment.mood", "ok"), "user_assessment.mood"),
        (_with("proposal_decisions.0.extra", 1), "proposal_decisions[0].extra"),
        (_with("proposal_decisions", ...), "proposal_decisions"),
        (_with("user_assessment.signal_validity", ...), "user_assessment.signal_validity"),
        (_with("checkpoint_id", "HC-2026-13-01-001"), "checkpoint_id"),
        (_with("checkpoint_id", "HC-2026-11-21-1"), "checkpoint_id"),
        (_with("mode", "weekly"), "mode"),
        (_with("signals_reviewed", ["AS-1"]), "signals_reviewed[0]"),
        (_with("signals_reviewed", ["AS-001\n"]), "signals_reviewed[0]"),
        (_with("signals_reviewed", ["AS-001", "AS-001"]), "signals_reviewed[1]"),
        (_with("user_assessment.signal_validity", "maybe"), "user_assessment.signal_validity"),
        (_with("user_assessment.priority_override", "urgent"), "user_assessment.priority_override"),
        (_with("proposal_decisions.0.proposal_id", "IP-1"), "proposal_decisions[0].proposal_id"),
        (_with("proposal_decisions.0.decision", "defer"), "proposal_decisions[0].decision"),
        (
            _with("proposal_decisions.0.modification_notes", "왜?"),
            "proposal_decisions[0].modification_notes",
        ),
    ],
)
def test_schema_violations(data: dict, field: str) -> None:
    assert field in validate_feedback(data)


def test_ids_must_exist_in_the_checkpoint() -> None:
    cp = _checkpoint()
    assert "signals_reviewed[0]" in validate_feedback(_with("signals_reviewed", ["AS-009"]), cp)
    wrong = _with("proposal_decisions.0.proposal_id", "IP-009")
    assert "proposal_decisions[0].proposal_id" in validate_feedback(wrong, cp)
    assert "checkpoint_id" in validate_feedback(_with("checkpoint_id", "HC-2026-11-21-002"), cp)
    assert "mode" in validate_feedback(_with("mode", "event"), cp)
    assert "signals_reviewed" in validate_feedback(_with("signals_reviewed", []), cp)


def test_parse_feedback() -> None:
    fb = parse_feedback(FEEDBACK)
    assert fb.user_assessment.signal_validity is SignalValidity.CONFIRMED
    assert fb.proposal_decisions[1].modification_notes == "야간 제외"
    with pytest.raises(ValidationFailed) as info:
        parse_feedback(FEEDBACK | {"extra": 1})
    assert "extra" in info.value.errors


def test_disputed_lowers_confidence_and_is_announced() -> None:
    cp = _checkpoint()
    fb = parse_feedback(_with("user_assessment.signal_validity", "disputed"))
    kinds = [c.kind for c in consequences(cp, fb)]
    assert kinds[0] == "recorded" and "confidence_lowered" in kinds and "re_review_next_sc" in kinds
    after = apply_feedback(cp, fb, NOW, "reviewer1")
    assert DISPUTED_CONFIDENCE_FACTOR == 0.5
    assert [p.confidence for p in after.proposals] == [0.4, 0.3]
    assert after.status is CheckpointStatus.ANSWERED and after.answered_by == "reviewer1"
    assert after.feedback["user_assessment"]["signal_validity"] == "disputed"
    assert after.version == cp.version + 1 and not after.workflow_paused
    assert [p.confidence for p in cp.proposals] == [0.8, 0.6]  # input untouched


def test_confirmed_keeps_confidence() -> None:
    after = apply_feedback(_checkpoint(), parse_feedback(FEEDBACK), NOW, "u")
    assert [p.confidence for p in after.proposals] == [0.8, 0.6]


def test_user_escalation_pauses_the_workflow() -> None:
    ec = _checkpoint(CheckpointMode.EVENT)
    fb = parse_feedback(_with("mode", "event") | {"proposal_decisions": []})
    choice = CheckpointChoice.PAUSE_AND_ESCALATE
    kinds = [c.kind for c in consequences(ec, fb, choice=choice)]
    assert "escalation_event" in kinds and "workflow_paused" in kinds
    after = apply_feedback(ec, fb, NOW, "u", choice=choice)
    assert after.workflow_paused
    with pytest.raises(InvalidTransition):
        apply_feedback(after, fb, NOW, "u")


def test_recording_policy_constants() -> None:
    assert AUDIT_ACTION == "hitl_checkpoint" and BEHAVIOUR_FEED_KIND == "hitl_feedback"
    recorded = consequences(_checkpoint(), parse_feedback(FEEDBACK))[0]
    assert "감사 로그" in recorded.ko and "audit log" in recorded.en
    assert "hitl_" not in recorded.ko + recorded.en  # no developer word reaches a person


def test_event_checkpoint_halts_after_48_hours() -> None:
    ec = _checkpoint(CheckpointMode.EVENT)
    assert timedelta(hours=48) == EVENT_TIMEOUT
    assert overdue_action(ec, NOW + timedelta(hours=47, minutes=59)) is None
    assert overdue_action(ec, NOW + timedelta(hours=48)) == "halt_and_escalate_to_audit"
    halted = apply_overdue(ec, NOW + timedelta(hours=48))
    assert halted.halted and halted.workflow_paused
    assert halted.status is CheckpointStatus.ESCALATED
    answered = apply_feedback(ec, parse_feedback(_with("mode", "event")), NOW, "u")
    assert overdue_action(answered, NOW + timedelta(days=5)) is None


def test_unanswered_scheduled_checkpoint_is_skipped_unless_critical() -> None:
    sc = _checkpoint()
    assert overdue_action(sc, sc.due_at - timedelta(seconds=1)) is None
    assert overdue_action(sc, sc.due_at) == "skipped"
    assert apply_overdue(sc, sc.due_at).status is CheckpointStatus.SKIPPED
    critical = _checkpoint(signals=[Signal("AS-001", "outage", 1, Severity.CRITICAL)])
    assert overdue_action(critical, critical.due_at) == "escalate"
    assert apply_overdue(critical, critical.due_at).status is CheckpointStatus.ESCALATED


def _sc(day: int, *signals: Signal) -> Checkpoint:
    return _checkpoint(id=f"HC-2026-11-{day:02d}-001", signals=list(signals))


def test_third_consecutive_unresolved_sc_promotes_warning_to_critical() -> None:
    def storm() -> Signal:
        return Signal("AS-001", "retry_storm", 5, Severity.WARNING, ["sync", "api"])

    history = [_sc(7, storm())]
    second = promote_signals(history, [storm()])[0]
    assert second.severity is Severity.WARNING and second.unresolved_streak == 2
    history.append(_sc(14, second))
    third = promote_signals(
        history, [Signal("AS-003", "retry_storm", 9, Severity.WARNING, ["api", "sync"])]
    )[0]
    assert third.severity is Severity.CRITICAL and third.unresolved_streak == 3


def test_a_gap_resets_the_streak_and_info_is_never_promoted() -> None:
    storm = Signal("AS-001", "retry_storm", 5, Severity.WARNING, ["sync"])
    other = Signal("AS-001", "sla_drift", 5, Severity.WARNING, ["inbox"])
    history = [_sc(1, storm), _sc(7, other), _sc(14, storm)]
    assert promote_signals(history, [storm])[0].unresolved_streak == 2
    info = Signal("AS-002", "note", 1, Severity.INFO, ["x"])
    history = [_sc(1, info), _sc(7, info)]
    assert promote_signals(history, [info])[0].severity is Severity.INFO
    ec = _checkpoint(CheckpointMode.EVENT, signals=[storm])
    assert promote_signals([_sc(1, storm), ec], [storm])[0].unresolved_streak == 2


def test_skip_choice_records_the_sc_as_skipped_and_overrides_are_announced() -> None:
    cp = _checkpoint()
    fb = parse_feedback(FEEDBACK)
    kinds = [c.kind for c in consequences(cp, fb, choice=CheckpointChoice.SKIP_REVIEW)]
    assert "priority_overridden" in kinds and "skipped" in kinds
    assert "proposal_approve" in kinds and "proposal_modify" in kinds
    after = apply_feedback(cp, fb, NOW, "u", choice=CheckpointChoice.SKIP_REVIEW)
    assert after.status is CheckpointStatus.SKIPPED
