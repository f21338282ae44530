"""HITL checkpoints (seed 001, module.hitl-interaction): what an answer will cause, its effect on
the checkpoint, overdue handling and signal promotion. The feedback schema itself (and its
validation) is app.commands.checkpoint_feedback — one definition for server, form and service.

The seed's feedback JSON has no field for the form's choice ("c) 워크플로우 일시 중단 +
에스컬레이션", "c) 이번 리뷰 건너뛰기"), so that choice is a separate ``choice`` argument.
A disputed assessment multiplies every proposal's confidence by DISPUTED_CONFIDENCE_FACTOR (0.5).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.domain.checkpoints import (
    Checkpoint,
    CheckpointFeedback,
    Signal,
)
from app.domain.enums import (
    CheckpointMode,
    CheckpointStatus,
    ProposalDecisionKind,
    Severity,
    SignalValidity,
)
from app.domain.wire import to_wire
from app.rules.errors import InvalidTransition
from app.text.josa import josa
from app.text.labels import label_of

EVENT_TIMEOUT = timedelta(hours=48)
PROMOTE_AFTER_SCS = 3
DISPUTED_CONFIDENCE_FACTOR = 0.5

# recording policy (seed: 피드백 기록 정책)
AUDIT_ACTION = "hitl_checkpoint"
BEHAVIOUR_FEED_KIND = "hitl_feedback"
ESCALATION_EVENT_KIND = "escalation"

HALT_AND_ESCALATE = "halt_and_escalate_to_audit"
SKIPPED = "skipped"
ESCALATE = "escalate"  # an unanswered SC with a critical signal


class CheckpointChoice(StrEnum):
    """The lettered choices of the SC / EC forms."""

    DECIDE_PROPOSALS = "decide_proposals"  # SC a) 제안 승인/수정/거부
    REQUEST_ANALYSIS = "request_analysis"  # SC b) 추가 분석 요청
    SKIP_REVIEW = "skip_review"  # SC c) 이번 리뷰 건너뛰기
    ROOT_CAUSE = "root_cause"  # EC a) 근본 원인 분석 요청
    GENERATE_FIX = "generate_fix"  # EC b) 즉시 개선안 생성
    PAUSE_AND_ESCALATE = "pause_and_escalate"  # EC c) 워크플로우 일시 중단 + 에스컬레이션
    MONITOR = "monitor"  # EC d) 확인 후 모니터링 유지


SC_CHOICES = (
    CheckpointChoice.DECIDE_PROPOSALS,
    CheckpointChoice.REQUEST_ANALYSIS,
    CheckpointChoice.SKIP_REVIEW,
)
EC_CHOICES = (
    CheckpointChoice.ROOT_CAUSE,
    CheckpointChoice.GENERATE_FIX,
    CheckpointChoice.PAUSE_AND_ESCALATE,
    CheckpointChoice.MONITOR,
)


@dataclass(frozen=True, slots=True)
class Consequence:
    """One thing that will happen when the feedback is submitted (shown before submit)."""

    kind: str
    ko: str
    en: str

    def text(self, lang: str = "ko") -> str:
        return self.en if lang == "en" else self.ko


def consequences(
    checkpoint: Checkpoint,
    feedback: CheckpointFeedback,
    *,
    choice: CheckpointChoice | None = None,
) -> list[Consequence]:
    """What submitting this feedback will do, in order, to show before the user submits."""
    out = [
        Consequence(
            "recorded",
            "결과가 감사 로그와 행동 피드백 기록에 남습니다.",
            "recorded in the audit log and the behaviour feedback log",
        )
    ]
    if feedback.user_assessment.signal_validity is SignalValidity.DISPUTED:
        pct = round(DISPUTED_CONFIDENCE_FACTOR * 100)
        out.append(
            Consequence(
                "confidence_lowered",
                f"제안의 확신도가 {pct}%로 낮아집니다.",
                f"proposal confidence drops to {pct}% of its value",
            )
        )
        out.append(
            Consequence(
                "re_review_next_sc",
                "다음 정기 체크포인트(SC)에서 추가 데이터로 재검토합니다.",
                "re-reviewed with more data at the next scheduled checkpoint",
            )
        )
    override = feedback.user_assessment.priority_override
    if override is not None:
        word = "'" + label_of("PriorityOverride", override) + "'"
        out.append(
            Consequence(
                "priority_overridden",
                f"우선순위가 {josa(word, '으로')} 조정됩니다.",
                f"priority set to '{label_of('PriorityOverride', override, 'en')}'",
            )
        )
    verbs = {
        ProposalDecisionKind.APPROVE: ("승인", "approved"),
        ProposalDecisionKind.MODIFY: ("수정 후 반영", "applied with changes"),
        ProposalDecisionKind.REJECT: ("거부", "rejected"),
    }
    for d in feedback.proposal_decisions:
        ko, en = verbs[d.decision]
        out.append(
            Consequence(
                f"proposal_{d.decision}", f"{d.proposal_id}: {ko}", f"{d.proposal_id}: {en}"
            )
        )
    if choice is CheckpointChoice.PAUSE_AND_ESCALATE:
        out.append(
            Consequence(
                "escalation_event",
                "행동 피드에 에스컬레이션 이벤트가 기록됩니다.",
                "an escalation event is written to the behaviour feed",
            )
        )
        out.append(
            Consequence("workflow_paused", "워크플로가 일시정지됩니다.", "the workflow pauses")
        )
    elif choice is CheckpointChoice.SKIP_REVIEW:
        out.append(
            Consequence("skipped", "이번 검토를 건너뜁니다.", "this review is recorded as skipped")
        )
    return out


def apply_feedback(
    checkpoint: Checkpoint,
    feedback: CheckpointFeedback,
    now: datetime,
    user_id: str,
    *,
    choice: CheckpointChoice | None = None,
) -> Checkpoint:
    """The checkpoint after the feedback: answered (skipped for SC "skip"), proposals' confidence
    lowered when disputed, workflow paused on escalation. Only an open checkpoint is answered."""
    if checkpoint.status is not CheckpointStatus.OPEN:
        raise InvalidTransition(checkpoint.status, CheckpointStatus.ANSWERED, via="feedback")
    # the feedback was validated by its one schema, app.commands.checkpoint_feedback
    proposals = checkpoint.proposals
    if feedback.user_assessment.signal_validity is SignalValidity.DISPUTED:
        proposals = [
            dataclasses.replace(p, confidence=round(p.confidence * DISPUTED_CONFIDENCE_FACTOR, 6))
            for p in proposals
        ]
    escalated = choice is CheckpointChoice.PAUSE_AND_ESCALATE
    skipped = choice is CheckpointChoice.SKIP_REVIEW
    return dataclasses.replace(
        checkpoint,
        proposals=list(proposals),
        status=CheckpointStatus.SKIPPED if skipped else CheckpointStatus.ANSWERED,
        workflow_paused=checkpoint.workflow_paused or escalated,
        feedback=to_wire(feedback),
        answered_by=user_id,
        answered_at=now,
        version=checkpoint.version + 1,
        updated_at=now,
    )


def event_deadline(checkpoint: Checkpoint) -> datetime:
    """An EC must be answered within 48 h of being raised (created_at, else window end)."""
    return (checkpoint.created_at or checkpoint.window.end) + EVENT_TIMEOUT


def overdue_action(checkpoint: Checkpoint, now: datetime) -> str | None:
    """HALT_AND_ESCALATE for an EC unanswered 48 h; for an SC past due_at, SKIPPED, or ESCALATE
    when it holds a critical signal; None when nothing is due."""
    if checkpoint.status is not CheckpointStatus.OPEN:
        return None
    if checkpoint.mode is CheckpointMode.EVENT:
        return HALT_AND_ESCALATE if now >= event_deadline(checkpoint) else None
    if checkpoint.due_at is None or now < checkpoint.due_at:
        return None
    if any(s.severity is Severity.CRITICAL for s in checkpoint.signals):
        return ESCALATE
    return SKIPPED


def apply_overdue(checkpoint: Checkpoint, now: datetime) -> Checkpoint:
    """The checkpoint after its overdue action (unchanged when none is due)."""
    action = overdue_action(checkpoint, now)
    if action is None:
        return checkpoint
    changes: dict = {"version": checkpoint.version + 1, "updated_at": now}
    if action == SKIPPED:
        changes["status"] = CheckpointStatus.SKIPPED
    else:
        changes["status"] = CheckpointStatus.ESCALATED
        if action == HALT_AND_ESCALATE:
            changes.update(halted=True, workflow_paused=True)
    return dataclasses.replace(checkpoint, **changes)


def signal_key(signal: Signal) -> tuple[str, tuple[str, ...]]:
    """Signals are 'the same' across checkpoints when type and affected nodes match."""
    return signal.type, tuple(sorted(signal.affected_nodes))


def promote_signals(previous_scs: Sequence[Checkpoint], signals: Sequence[Signal]) -> list[Signal]:
    """``signals`` of the new SC with ``unresolved_streak`` set (consecutive SCs, this one
    included, in which the signal recurs) and a warning promoted to critical at 3.

    ``previous_scs`` oldest first; event checkpoints among them are ignored.
    """
    history = [c for c in previous_scs if c.mode is CheckpointMode.SCHEDULED]
    out: list[Signal] = []
    for signal in signals:
        key = signal_key(signal)
        walked, carried = 0, 0
        for n, sc in enumerate(reversed(history)):
            match = next((s for s in sc.signals if signal_key(s) == key), None)
            if match is None:
                break
            walked += 1
            if n == 0:
                carried = match.unresolved_streak  # history may be shorter than the streak
        streak = 1 + max(walked, carried)
        severity = signal.severity
        if severity is Severity.WARNING and streak >= PROMOTE_AFTER_SCS:
            severity = Severity.CRITICAL
        out.append(dataclasses.replace(signal, unresolved_streak=streak, severity=severity))
    return out
