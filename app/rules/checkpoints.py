"""HITL checkpoints (seed 001, module.hitl-interaction): the feedback schema, what an answer will
cause, its effect on the checkpoint, overdue handling and signal promotion.

The seed's feedback JSON has no field for the form's choice ("c) 워크플로우 일시 중단 +
에스컬레이션", "c) 이번 리뷰 건너뛰기"), so that choice is a separate ``choice`` argument.
A disputed assessment multiplies every proposal's confidence by DISPUTED_CONFIDENCE_FACTOR (0.5).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from app.domain.checkpoints import (
    Checkpoint,
    CheckpointFeedback,
    ProposalDecision,
    Signal,
    UserAssessment,
)
from app.domain.enums import (
    CheckpointMode,
    CheckpointStatus,
    PriorityOverride,
    ProposalDecisionKind,
    Severity,
    SignalValidity,
)
from app.domain.wire import to_wire
from app.rules.errors import FieldError, InvalidTransition, ValidationFailed

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

CHECKPOINT_ID = re.compile(r"HC-(\d{4}-\d{2}-\d{2})-\d{3}")
SIGNAL_ID = re.compile(r"AS-\d{3}")
PROPOSAL_ID = re.compile(r"IP-\d{3}")

TOP_KEYS = frozenset(
    {"checkpoint_id", "mode", "signals_reviewed", "user_assessment", "proposal_decisions"}
)
ASSESSMENT_KEYS = frozenset({"signal_validity", "priority_override", "additional_context"})
DECISION_KEYS = frozenset({"proposal_id", "decision", "modification_notes"})


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


def _e(code: str, ko: str, en: str) -> FieldError:
    return FieldError(code, ko, en)


_UNKNOWN = _e("unknown_field", "스키마에 없는 항목입니다.", "not part of the feedback schema")
_REQUIRED = _e("required", "필수 항목입니다.", "required")


def _choice(errors: dict, path: str, value: object, enum: type[StrEnum]) -> None:
    if not isinstance(value, str) or value not in {m.value for m in enum}:
        allowed = " | ".join(m.value for m in enum)
        errors[path] = _e("invalid_choice", f"{allowed} 중 하나여야 합니다.", f"one of {allowed}")


def _extra(errors: dict, prefix: str, data: Mapping, allowed: frozenset[str]) -> None:
    for key in data:
        if key not in allowed:
            errors[f"{prefix}{key}"] = _UNKNOWN


def _check_id(errors: dict, data: Mapping, checkpoint: Checkpoint | None) -> None:
    cid = data["checkpoint_id"]
    match = CHECKPOINT_ID.fullmatch(cid) if isinstance(cid, str) else None
    valid_date = False
    if match:
        try:
            date.fromisoformat(match.group(1))
            valid_date = True
        except ValueError:
            pass
    if not valid_date:
        errors["checkpoint_id"] = _e(
            "invalid_format", "HC-YYYY-MM-DD-NNN 형식이어야 합니다.", "must be HC-YYYY-MM-DD-NNN"
        )
    elif checkpoint is not None and cid != checkpoint.id:
        errors["checkpoint_id"] = _e("mismatch", "다른 체크포인트입니다.", "another checkpoint")


def _check_ids(
    errors: dict, path: str, ids: object, pattern: re.Pattern, known: set[str] | None, what: str
) -> None:
    if not isinstance(ids, list):
        errors[path] = _e("invalid", "목록이어야 합니다.", "must be a list")
        return
    seen: set[str] = set()
    for i, item in enumerate(ids):
        p = f"{path}[{i}]"
        if not isinstance(item, str) or not pattern.fullmatch(item):
            errors[p] = _e("invalid_format", f"{what} 형식이 아닙니다.", f"not a {what} id")
        elif known is not None and item not in known:
            errors[p] = _e("not_found", "체크포인트에 없는 항목입니다.", "not in this checkpoint")
        elif item in seen:
            errors[p] = _e("duplicate", "중복된 항목입니다.", "listed twice")
        else:
            seen.add(item)


def _check_assessment(errors: dict, ua: object) -> None:
    if not isinstance(ua, Mapping):
        errors["user_assessment"] = _e("invalid", "객체여야 합니다.", "must be an object")
        return
    _extra(errors, "user_assessment.", ua, ASSESSMENT_KEYS)
    if "signal_validity" not in ua:
        errors["user_assessment.signal_validity"] = _REQUIRED
    else:
        _choice(errors, "user_assessment.signal_validity", ua["signal_validity"], SignalValidity)
    if ua.get("priority_override") is not None:
        _choice(
            errors, "user_assessment.priority_override", ua["priority_override"], PriorityOverride
        )
    ctx = ua.get("additional_context")
    if ctx is not None and not isinstance(ctx, str):
        errors["user_assessment.additional_context"] = _e("invalid", "문자열", "must be text")


def _check_decisions(errors: dict, items: object, known: set[str] | None) -> None:
    if not isinstance(items, list):
        errors["proposal_decisions"] = _e("invalid", "목록이어야 합니다.", "must be a list")
        return
    seen: set[str] = set()
    for i, item in enumerate(items):
        p = f"proposal_decisions[{i}]"
        if not isinstance(item, Mapping):
            errors[p] = _e("invalid", "객체여야 합니다.", "must be an object")
            continue
        _extra(errors, f"{p}.", item, DECISION_KEYS)
        pid = item.get("proposal_id")
        if pid is None:
            errors[f"{p}.proposal_id"] = _REQUIRED
        elif not isinstance(pid, str) or not PROPOSAL_ID.fullmatch(pid):
            errors[f"{p}.proposal_id"] = _e("invalid_format", "IP-NNN 형식", "must be IP-NNN")
        elif known is not None and pid not in known:
            errors[f"{p}.proposal_id"] = _e("not_found", "없는 제안입니다.", "no such proposal")
        elif pid in seen:
            errors[f"{p}.proposal_id"] = _e("duplicate", "중복된 제안입니다.", "decided twice")
        else:
            seen.add(pid)
        if "decision" not in item:
            errors[f"{p}.decision"] = _REQUIRED
        else:
            _choice(errors, f"{p}.decision", item["decision"], ProposalDecisionKind)
        notes = item.get("modification_notes")
        if notes is not None:
            if not isinstance(notes, str):
                errors[f"{p}.modification_notes"] = _e("invalid", "문자열", "must be text")
            elif notes.strip() and item.get("decision") != ProposalDecisionKind.MODIFY:
                errors[f"{p}.modification_notes"] = _e(
                    "not_applicable",
                    "수정 메모는 modify 결정에만 쓸 수 있습니다.",
                    "modification notes go with a modify decision only",
                )


def validate_feedback(data: Mapping, checkpoint: Checkpoint | None = None) -> dict[str, FieldError]:
    """Field errors (dotted paths) of the seed's feedback JSON; empty when valid.

    All five top-level keys are required (proposal_decisions may be []); priority_override,
    additional_context and modification_notes are optional; no other key is allowed. With a
    checkpoint, ids and mode must match it and, if it has signals, one must be reviewed.
    """
    if not isinstance(data, Mapping):
        return {"": _e("invalid", "JSON 객체여야 합니다.", "must be a JSON object")}
    errors: dict[str, FieldError] = {}
    _extra(errors, "", data, TOP_KEYS)
    for key in sorted(TOP_KEYS - set(data)):
        errors[key] = _REQUIRED
    if "checkpoint_id" in data:
        _check_id(errors, data, checkpoint)
    if "mode" in data:
        _choice(errors, "mode", data["mode"], CheckpointMode)
        if checkpoint is not None and "mode" not in errors and data["mode"] != checkpoint.mode:
            errors["mode"] = _e("mismatch", "체크포인트 유형과 다릅니다.", "not this mode")
    known_signals = {s.id for s in checkpoint.signals} if checkpoint else None
    known_proposals = {p.id for p in checkpoint.proposals} if checkpoint else None
    if "signals_reviewed" in data:
        reviewed = data["signals_reviewed"]
        _check_ids(errors, "signals_reviewed", reviewed, SIGNAL_ID, known_signals, "AS-NNN")
        if known_signals and reviewed == []:
            errors["signals_reviewed"] = _e(
                "required", "검토한 신호를 선택하세요.", "select the signals you reviewed"
            )
    if "user_assessment" in data:
        _check_assessment(errors, data["user_assessment"])
    if "proposal_decisions" in data:
        _check_decisions(errors, data["proposal_decisions"], known_proposals)
    return errors


def parse_feedback(data: Mapping, checkpoint: Checkpoint | None = None) -> CheckpointFeedback:
    """The validated feedback as a dataclass; raises ValidationFailed."""
    errors = validate_feedback(data, checkpoint)
    if errors:
        raise ValidationFailed(errors)
    ua = data["user_assessment"]
    return CheckpointFeedback(
        checkpoint_id=data["checkpoint_id"],
        mode=CheckpointMode(data["mode"]),
        signals_reviewed=list(data["signals_reviewed"]),
        user_assessment=UserAssessment(
            SignalValidity(ua["signal_validity"]),
            PriorityOverride(ua["priority_override"]) if ua.get("priority_override") else None,
            ua.get("additional_context"),
        ),
        proposal_decisions=[
            ProposalDecision(
                d["proposal_id"],
                ProposalDecisionKind(d["decision"]),
                d.get("modification_notes"),
            )
            for d in data["proposal_decisions"]
        ],
    )


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
            f"결과가 감사 로그(action='{AUDIT_ACTION}')와 행동 피드"
            f"(kind='{BEHAVIOUR_FEED_KIND}')에 기록됩니다.",
            f"recorded in the audit log (action='{AUDIT_ACTION}') and the behaviour feed "
            f"(kind='{BEHAVIOUR_FEED_KIND}')",
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
        out.append(
            Consequence(
                "priority_overridden",
                f"우선순위가 '{override}'(으)로 조정됩니다.",
                f"priority set to '{override}'",
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
            Consequence("workflow_paused", "워크플로우가 일시 중단됩니다.", "the workflow pauses")
        )
    elif choice is CheckpointChoice.SKIP_REVIEW:
        out.append(
            Consequence(
                "skipped", "이번 리뷰를 건너뜁니다(skipped).", "this review is recorded as skipped"
            )
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
    errors = validate_feedback(to_wire(feedback), checkpoint)
    if errors:
        raise ValidationFailed(errors)
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
