"""Decisions a senior reviewer takes on the decision-support surfaces (seeds 001, 002, 003):

- ``approval_response`` — ``POST /v1/approvals/{request_id}/responses``
  ``{status, approval_level, selected_option_id, rationale, conditions}``
- ``approval_escalate`` — ``POST /v1/approvals/{request_id}/escalate`` ``{reason}``
- ``generated_decision`` — ``POST /v1/generated/{id}/decision`` ``{decision, note}`` (seed 003;
  API.md names no endpoint for generated content, this one is ours)
- ``checkpoint_feedback`` — ``POST /v1/checkpoints/{id}/feedback?choice=…``, the seed's
  feedback JSON field for field as the body; the SC / EC lettered choice is not part of that
  schema, so it travels as the ``choice`` query parameter (docs/API-EXTENSIONS.md) and is kept
  in ``user_input`` too

Each validates with app.rules, then writes the optimistic change and its outbox row in ONE
transaction (If-Match: the version the user saw). Any failure raises ValidationFailed /
Forbidden / InvalidTransition / RuleError and writes nothing.

Generated content is the change feed's ``generated`` entity (its own store table).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.commands import COMMANDS, parse, run
from app.commands.base import Actor
from app.commands.checkpoint_feedback import CheckpointState
from app.domain.checkpoints import Checkpoint
from app.domain.decisions import ApprovalRequest, ApprovalResponse
from app.domain.enums import Action, ApprovalLevel, ApprovalStatus, EntityKind
from app.domain.generated import GeneratedContent
from app.domain.people import User
from app.domain.wire import to_wire
from app.rules import approvals
from app.rules import checkpoints as cp_rules
from app.rules import generated as gen_rules
from app.rules.checkpoint_choice import feedback_path, parse_choice
from app.rules.errors import FieldError, Forbidden, ValidationFailed
from app.services.common import ActionResult, apply_result, load, push, require, save
from app.store.apply import write_local
from app.store.lookups import get_data, get_user
from app.store.store import Store

CP_FEEDBACK = COMMANDS["checkpoint_feedback"]

GENERATED_DECISIONS = gen_rules.DECISIONS


def approval_level_of(store: Store, user_id: str) -> ApprovalLevel | None:
    """The user's approval level as synced into the store (None when the user has none)."""
    with store.session() as session:
        user = get_user(session, user_id)
    return user.approval_level if user else None


def _lines(value: Any) -> list[str]:
    """Conditions as typed: a list, or one condition a line."""
    items = value.splitlines() if isinstance(value, str) else list(value or [])
    return [str(c).strip() for c in items if str(c).strip()]


def response_payload(form: Mapping[str, Any]) -> dict[str, Any]:
    """The exact body of ``POST /approvals/{id}/responses`` from the form."""
    option = form.get("selected_option_id") or None
    return {
        "status": str(form.get("status") or ""),
        "approval_level": str(form.get("approval_level") or ""),
        "selected_option_id": option,
        "rationale": str(form.get("rationale") or "").strip(),
        "conditions": _lines(form.get("conditions")),
    }


def _option_ids(session, execution_id: str) -> list[str]:
    decision = get_data(session, EntityKind.DECISION, execution_id) or {}
    options = (decision.get("option_set") or {}).get("options") or []
    return [str(o.get("option_id")) for o in options if o.get("option_id")]


def approval_response(
    store: Store, actor: User, request_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """Approve / reject / approve-with-changes / escalate an approval request (seed 002 §3)."""
    require(actor, Action.APPROVAL_RESPONSE)
    payload = response_payload(form)
    with store.transaction() as session:
        request, version = load(session, EntityKind.APPROVAL, ApprovalRequest, request_id)
        verdict = approvals.can_approve(actor.approval_level, request.required_level)
        if not verdict:  # the request needs a higher level than the user holds (E006)
            raise Forbidden.from_verdict(verdict)
        errors = approvals.validate_response(
            payload, actor.approval_level, option_ids=_option_ids(session, request.execution_id)
        )
        if errors:
            raise ValidationFailed(errors)
        response = ApprovalResponse(
            request_id=request_id,
            status=ApprovalStatus(payload["status"]),
            approver_id=actor.id,
            approval_level=ApprovalLevel(payload["approval_level"]),
            approver_name=actor.display_name,
            selected_option_id=payload["selected_option_id"],
            rationale=payload["rationale"],
            conditions=list(payload["conditions"]),
            responded_at=now,
        )
        after = approvals.apply_response(request, response, now)
        save(session, EntityKind.APPROVAL, after)
        return push(
            session,
            actor,
            now,
            intent="approval.response",
            path=f"/v1/approvals/{request_id}/responses",
            payload=payload,
            form=form,
            kind=EntityKind.APPROVAL,
            entity_id=request_id,
            if_match=version,
            case_id=None,
        )


def approval_escalate(
    store: Store, actor: User, request_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """Hand the request to the next approval level with a reason; its 24 h clock restarts."""
    require(actor, Action.APPROVAL_ESCALATE)
    reason = str(form.get("reason") or "").strip()
    if not reason:
        raise ValidationFailed(
            {
                "reason": FieldError(
                    "required", "에스컬레이션 사유를 입력하세요.", "a reason is required"
                )
            }
        )
    payload = {"reason": reason}
    with store.transaction() as session:
        request, version = load(session, EntityKind.APPROVAL, ApprovalRequest, request_id)
        after = approvals.escalate(request, reason, actor.id, now)
        save(session, EntityKind.APPROVAL, after)
        return push(
            session,
            actor,
            now,
            intent="approval.escalate",
            path=f"/v1/approvals/{request_id}/escalate",
            payload=payload,
            form=form,
            kind=EntityKind.APPROVAL,
            entity_id=request_id,
            if_match=version,
            case_id=None,
        )


def generated_decision(
    store: Store, actor: User, content_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """Approve / reject / request changes to generated content (seed 003: nothing generated is
    applied without a human's approval); app.rules.generated decides what is allowed. A note is
    required unless approving content whose fact-check passed."""
    require(actor, Action.APPROVAL_RESPONSE)
    decision = str(form.get("decision") or "")
    note = str(form.get("note") or "").strip()
    with store.transaction() as session:
        content, version = load(session, EntityKind.GENERATED, GeneratedContent, content_id)
        after = gen_rules.apply_decision(content, decision, note, actor.id, now)
        write_local(session, EntityKind.GENERATED, to_wire(after))
        return push(
            session,
            actor,
            now,
            intent="generated.decision",
            path=f"/v1/generated/{content_id}/decision",
            payload={"decision": decision, "note": note},
            form=form,
            kind=EntityKind.GENERATED,
            entity_id=content_id,
            if_match=version,
            case_id=None,
        )


def checkpoint_feedback(
    store: Store,
    actor: User,
    checkpoint_id: str,
    feedback: Mapping[str, Any],
    now: datetime,
    *,
    choice: cp_rules.CheckpointChoice | str | None = None,
) -> ActionResult:
    """Answer an SC / EC with the seed's feedback JSON — app.commands.checkpoint_feedback, the
    command the server runs; the payload pushed is that JSON unchanged, the lettered choice (one
    of the checkpoint mode's form) goes in the path as ``?choice=…`` so the server applies it."""
    payload = copy.deepcopy(dict(feedback))
    with store.transaction() as session:
        checkpoint, version = load(session, EntityKind.CHECKPOINT, Checkpoint, checkpoint_id)
        picked = parse_choice(str(choice) if choice else None, checkpoint.mode)
        data = parse(CP_FEEDBACK.input, payload)
        state = CheckpointState(checkpoint, picked.value if picked else None)
        result = run(CP_FEEDBACK, state, data, Actor.of(actor), now)
        apply_result(session, result)
        form = {"feedback": payload, "choice": picked.value if picked else None}
        return push(
            session,
            actor,
            now,
            intent="checkpoint.feedback",
            path=feedback_path(checkpoint_id, picked),
            payload=payload,
            form=form,
            kind=EntityKind.CHECKPOINT,
            entity_id=checkpoint_id,
            if_match=version,
            case_id=None,
        )
