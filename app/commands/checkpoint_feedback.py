"""checkpoint feedback — ``POST /v1/checkpoints/{id}/feedback`` (seed 001, module.hitl-interaction).

Seed 001's feedback JSON, field for field, is :class:`CheckpointFeedbackInput` — the only
validator of it: the server's request body (OpenAPI), the workstation's checkpoint form
(:func:`field_errors`) and the service (was a hand validator in app.rules.checkpoints and a
pydantic copy in server/routes/models.py, both deleted).

- All five keys are required (``proposal_decisions`` may be ``[]``); no other key anywhere.
- ``checkpoint_id`` HC-YYYY-MM-DD-NNN with a real date; signal ids AS-NNN, proposal ids IP-NNN,
  none twice; ``modification_notes`` only with a ``modify`` decision.
- Against the checkpoint: its id and mode, ids that exist in it, and — when it has signals —
  at least one reviewed.
- The SC / EC lettered ``choice`` travels beside the JSON (``?choice=``) and must belong to the
  checkpoint's mode (app.rules.checkpoint_choice).
- Guard: role (checkpoint_feedback), an open checkpoint (409 otherwise), the rules above (one
  422 with every field). Effect: app.rules.checkpoints.apply_feedback — answered (skipped for
  SC "skip"), confidence halved when disputed, workflow paused on escalation; recorded under
  the seed's audit action ``hitl_checkpoint`` (and an escalation event).

Field errors use the seed JSON's paths: ``user_assessment.signal_validity``,
``signals_reviewed[0]``, ``proposal_decisions[1].proposal_id``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import Field, Strict

from app.commands import steps
from app.commands.base import Actor, AuditEvent, Command, CommandInput, Result
from app.commands.fields import MAX_ITEMS, OptText, kind
from app.commands.guards import Conflict
from app.commands.guards import role as role_guard
from app.commands.parse import parse
from app.domain.checkpoints import (
    Checkpoint,
    CheckpointFeedback,
    ProposalDecision,
    UserAssessment,
)
from app.domain.enums import (
    Action,
    CheckpointMode,
    CheckpointStatus,
    PriorityOverride,
    ProposalDecisionKind,
    SignalValidity,
)
from app.rules import checkpoints as rules
from app.rules.checkpoint_choice import choice_error
from app.rules.errors import FieldError, ValidationFailed
from app.text.labels import label

CHECKPOINT_ID = r"^HC-\d{4}-\d{2}-\d{2}-\d{3}$"  # the seed's id formats (HC-, AS-, IP-)
SIGNAL_ID = r"^AS-\d{3}$"
PROPOSAL_ID = r"^IP-\d{3}$"
SignalId = Annotated[str, Strict(), Field(pattern=SIGNAL_ID, max_length=6, examples=["AS-001"])]
ProposalId = Annotated[
    str,
    Strict(),
    Field(pattern=PROPOSAL_ID, max_length=6, examples=["IP-001"], json_schema_extra=kind("id")),
]


def _e(code: str, ko: str, en: str) -> FieldError:
    return FieldError(code, ko, en)


class UserAssessmentInput(CommandInput):
    signal_validity: SignalValidity = Field(json_schema_extra=kind("choice"))
    priority_override: PriorityOverride | None = Field(
        default=None, json_schema_extra=kind("choice")
    )
    additional_context: OptText | None = None


class ProposalDecisionInput(CommandInput):
    proposal_id: ProposalId
    decision: ProposalDecisionKind = Field(json_schema_extra=kind("choice"))
    modification_notes: OptText | None = None


class CheckpointFeedbackInput(CommandInput):
    ITEM_PATHS: ClassVar[bool] = True  # errors name list items: signals_reviewed[0]

    checkpoint_id: str = Field(
        pattern=CHECKPOINT_ID,
        max_length=17,
        strict=True,
        examples=["HC-2026-11-21-001"],
        json_schema_extra=kind("id"),
    )
    mode: CheckpointMode = Field(json_schema_extra=kind("choice"))
    signals_reviewed: list[SignalId] = Field(max_length=MAX_ITEMS, json_schema_extra=kind("list"))
    user_assessment: UserAssessmentInput
    proposal_decisions: list[ProposalDecisionInput] = Field(max_length=MAX_ITEMS)

    def check_at(self, today: date) -> dict[str, FieldError]:
        """The rules that need no checkpoint: a real date in the id, no id twice, notes only
        with a modify decision."""
        errors: dict[str, FieldError] = {}
        cid = getattr(self, "checkpoint_id", None)
        if isinstance(cid, str) and re.fullmatch(CHECKPOINT_ID, cid):
            try:
                date.fromisoformat(cid[3:13])
            except ValueError:
                errors["checkpoint_id"] = _e(
                    "invalid_format",
                    "HC-YYYY-MM-DD-NNN 형식이어야 합니다.",
                    "must be HC-YYYY-MM-DD-NNN",
                )
        seen: set[str] = set()
        for i, sid in enumerate(getattr(self, "signals_reviewed", None) or []):
            if sid in seen:
                errors[f"signals_reviewed[{i}]"] = _e(
                    "duplicate", "중복된 항목입니다.", "listed twice"
                )
            seen.add(sid)
        seen = set()
        for i, d in enumerate(getattr(self, "proposal_decisions", None) or []):
            if not isinstance(d, ProposalDecisionInput):
                continue
            if d.proposal_id in seen:
                errors[f"proposal_decisions[{i}].proposal_id"] = _e(
                    "duplicate", "중복된 제안입니다.", "decided twice"
                )
            seen.add(d.proposal_id)
            notes = d.modification_notes
            if notes and notes.strip() and d.decision is not ProposalDecisionKind.MODIFY:
                errors[f"proposal_decisions[{i}].modification_notes"] = _e(
                    "not_applicable",
                    "수정 메모는 modify 결정에만 쓸 수 있습니다.",
                    "modification notes go with a modify decision only",
                )
        return errors

    def against(self, checkpoint: Checkpoint) -> dict[str, FieldError]:
        """The rules that need the checkpoint: its id and mode, known ids, a signal reviewed."""
        errors: dict[str, FieldError] = {}
        if self.checkpoint_id != checkpoint.id:
            errors["checkpoint_id"] = _e("mismatch", "다른 체크포인트입니다.", "another checkpoint")
        if self.mode is not CheckpointMode(checkpoint.mode):
            errors["mode"] = _e("mismatch", "체크포인트 유형과 다릅니다.", "not this mode")
        signals = {s.id for s in checkpoint.signals}
        for i, sid in enumerate(self.signals_reviewed):
            if sid not in signals:
                errors[f"signals_reviewed[{i}]"] = _e(
                    "not_found", "체크포인트에 없는 항목입니다.", "not in this checkpoint"
                )
        if signals and not self.signals_reviewed:
            errors["signals_reviewed"] = _e(
                "required", "검토한 신호를 선택하세요.", "select the signals you reviewed"
            )
        proposals = {p.id for p in checkpoint.proposals}
        for i, d in enumerate(self.proposal_decisions):
            if d.proposal_id not in proposals:
                errors[f"proposal_decisions[{i}].proposal_id"] = _e(
                    "not_found", "없는 제안입니다.", "no such proposal"
                )
        return errors

    def feedback(self) -> CheckpointFeedback:
        """As the domain dataclass of seed 001."""
        ua = self.user_assessment
        return CheckpointFeedback(
            checkpoint_id=self.checkpoint_id,
            mode=self.mode,
            signals_reviewed=list(self.signals_reviewed),
            user_assessment=UserAssessment(
                ua.signal_validity, ua.priority_override, ua.additional_context
            ),
            proposal_decisions=[
                ProposalDecision(d.proposal_id, d.decision, d.modification_notes)
                for d in self.proposal_decisions
            ],
        )


def field_errors(data: Any, checkpoint: Checkpoint | None = None) -> dict[str, FieldError]:
    """Every field error of the seed's feedback JSON (empty: valid) — the form's check."""
    try:
        parsed = parse(CheckpointFeedbackInput, data)
    except ValidationFailed as exc:
        return dict(exc.errors)
    errors = parsed.check_at(date.min)
    if checkpoint is not None:
        errors = {**parsed.against(checkpoint), **errors}
    return errors


def parse_feedback(data: Mapping, checkpoint: Checkpoint | None = None) -> CheckpointFeedback:
    """The valid feedback as the domain dataclass; raises ValidationFailed."""
    errors = field_errors(data, checkpoint)
    if errors:
        raise ValidationFailed(errors)
    return parse(CheckpointFeedbackInput, data).feedback()


@dataclass(slots=True)
class CheckpointState:
    checkpoint: Checkpoint
    choice: str | None = None  # the ?choice= of the request


def guard(
    state: CheckpointState, data: CheckpointFeedbackInput, actor: Actor, now: datetime
) -> None:
    role_guard(actor, Action.CHECKPOINT_FEEDBACK)
    cp = state.checkpoint
    if cp.status is not CheckpointStatus.OPEN:
        raise Conflict(
            f"이미 처리된 체크포인트입니다 ({label(cp.status)}).",
            f"checkpoint {cp.id} is already {cp.status}",
        )
    errors = {**data.against(cp), **data.check_at(now.date())}
    if (wrong := choice_error(state.choice, cp.mode)) is not None:
        errors["choice"] = wrong  # reported with the body's errors, in one 422
    if errors:
        raise ValidationFailed(errors)


def effect(
    state: CheckpointState, data: CheckpointFeedbackInput, actor: Actor, now: datetime
) -> Result:
    cp = steps.copied(state.checkpoint)
    chosen = rules.CheckpointChoice(state.choice) if state.choice else None
    answered = rules.apply_feedback(cp, data.feedback(), now, actor.id, choice=chosen)
    feed = {"kind": rules.BEHAVIOUR_FEED_KIND, "feedback": data.wire(), "choice": state.choice}
    audit = [AuditEvent(rules.AUDIT_ACTION, "checkpoint", cp.id, feed)]
    if chosen is rules.CheckpointChoice.PAUSE_AND_ESCALATE:
        escalation = {
            "kind": rules.ESCALATION_EVENT_KIND,
            "choice": state.choice,
            "workflow_paused": True,
        }
        audit.append(AuditEvent(rules.AUDIT_ACTION, "checkpoint", cp.id, escalation))
    return Result(primary=answered, others=[answered], audit=audit)


COMMAND = Command(
    name="checkpoint_feedback",
    action=Action.CHECKPOINT_FEEDBACK,
    path="/checkpoints/{id}/feedback",
    input=CheckpointFeedbackInput,
    guard=guard,
    effect=effect,
    on="checkpoint",
    who_may="an open checkpoint; ids and mode of that checkpoint; ?choice= of its mode's form",
    summary="checkpoint → answered (SC skip: skipped) with the feedback; disputed halves the "
    "proposals' confidence; pause_and_escalate pauses the workflow and records an escalation",
    seed_rule="seed 001 피드백 스키마 (field for field); 피드백 기록 정책: hitl_checkpoint",
)
