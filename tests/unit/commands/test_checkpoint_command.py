"""checkpoint_feedback: the guard and effect of the command (no store). The schema's field
rules are tested in tests/unit/rules/test_checkpoints.py through the command's
``field_errors`` (was app.rules.checkpoints.validate_feedback, deleted)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.commands import COMMANDS, run
from app.commands.base import Actor
from app.commands.checkpoint_feedback import CheckpointState
from app.domain.checkpoints import Checkpoint, ObservationWindow, Proposal, Signal
from app.domain.enums import CheckpointMode, CheckpointStatus, Role, Severity
from app.rules.errors import Forbidden, RuleError, ValidationFailed

CP = COMMANDS["checkpoint_feedback"]
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
ADMIN = Actor("u_admin1", (Role.OPS_ADMIN,))
BODY = {
    "checkpoint_id": "HC-2026-11-21-001",
    "mode": "scheduled",
    "signals_reviewed": ["AS-001"],
    "user_assessment": {"signal_validity": "disputed"},
    "proposal_decisions": [{"proposal_id": "IP-001", "decision": "approve"}],
}


def checkpoint(mode: CheckpointMode = CheckpointMode.SCHEDULED, **kw) -> Checkpoint:
    return Checkpoint(
        id="HC-2026-11-21-001",
        mode=mode,
        window=ObservationWindow(NOW - timedelta(days=7), NOW),
        signals=[Signal("AS-001", "retry_storm", 12, Severity.WARNING, ["sync"])],
        proposals=[Proposal("IP-001", "재시도 백오프 확대", 0.8)],
        **kw,
    )


def test_answers_the_checkpoint_and_records_the_feedback() -> None:
    st = CheckpointState(checkpoint())
    result = run(CP, st, BODY, ADMIN, NOW)
    cp = result.primary
    assert cp.status is CheckpointStatus.ANSWERED and cp.answered_by == "u_admin1"
    assert cp.proposals[0].confidence == 0.4  # disputed: confidence halved
    (event,) = result.audit
    assert (event.action, event.data["kind"]) == ("hitl_checkpoint", "hitl_feedback")
    assert st.checkpoint.status is CheckpointStatus.OPEN  # the state is never changed


def test_pause_and_escalate_records_an_escalation_event() -> None:
    body = {**BODY, "mode": "event", "proposal_decisions": []}
    st = CheckpointState(checkpoint(CheckpointMode.EVENT), "pause_and_escalate")
    result = run(CP, st, body, ADMIN, NOW)
    assert result.primary.workflow_paused
    assert [e.data["kind"] for e in result.audit] == ["hitl_feedback", "escalation"]


def test_guard_role_state_ids_and_choice() -> None:
    with pytest.raises(Forbidden):
        run(CP, CheckpointState(checkpoint()), BODY, Actor("u_r", (Role.REVIEWER,)), NOW)
    answered = checkpoint(status=CheckpointStatus.ANSWERED)
    with pytest.raises(RuleError) as info:
        run(CP, CheckpointState(answered), BODY, ADMIN, NOW)
    assert (info.value.status, info.value.code) == (409, "conflict")
    wrong = {**BODY, "signals_reviewed": ["AS-009"], "mode": "event"}
    with pytest.raises(ValidationFailed) as failed:
        run(CP, CheckpointState(checkpoint(), "monitor"), wrong, ADMIN, NOW)
    assert {"signals_reviewed[0]", "mode", "choice"} <= set(failed.value.errors)
