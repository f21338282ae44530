"""Appeals: ``POST /v1/appeals`` (submit; the appeal gets a ``local-…`` id until the server
names it) and ``POST /v1/appeals/{id}/resolve`` (If-Match: appeal version)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain.cases import Case
from app.domain.enums import Action, AppealResolution, AppealStatus, EntityKind
from app.domain.people import Appeal, User
from app.rules import appeals, lifecycle
from app.rules.errors import FieldError, Forbidden, ValidationFailed
from app.services.common import ActionResult, load, note, push, require, save
from app.store.apply import LOCAL_PREFIX
from app.store.store import Store

_REASON = FieldError("required", "이의 제기 사유: 필수 입력입니다.", "Reason: required")
_EVIDENCE = FieldError("invalid_type", "증빙: 목록이어야 합니다.", "Evidence: must be a list")


def _submission(form: Mapping[str, Any]) -> dict[str, Any]:
    reason = form.get("reason")
    evidence = form.get("evidence") or []
    if isinstance(evidence, str):
        evidence = [e.strip() for e in evidence.split(",") if e.strip()]
    errors = {}
    if not isinstance(reason, str) or not reason.strip():
        errors["reason"] = _REASON
    if not isinstance(evidence, list):
        errors["evidence"] = _EVIDENCE
    if errors:
        raise ValidationFailed(errors)
    return {"reason": reason.strip(), "evidence": evidence}


def run_submit_appeal(
    session: Session, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    p = _submission(form)
    case, _ = load(session, EntityKind.CASE, Case, case_id)
    require(actor, Action.SUBMIT_APPEAL)
    verdict = appeals.check_submission(case, now)
    if not verdict:
        raise Forbidden.from_verdict(verdict)
    lifecycle.transition(case.status, Action.SUBMIT_APPEAL)
    appeal = Appeal(
        id=f"{LOCAL_PREFIX}{uuid.uuid4()}",
        case_id=case_id,
        reason=p["reason"],
        evidence=p["evidence"],
        submitted_by=actor.id,
        submitted_at=now,
        original_decider_id=case.decided_by,
        version=0,
        updated_at=now,
    )
    save(session, EntityKind.APPEAL, appeal)
    note(case, actor, Action.SUBMIT_APPEAL.value, p["reason"], now, p)
    save(session, EntityKind.CASE, case)
    return push(
        session,
        actor,
        now,
        intent="appeal.submit",
        path="/v1/appeals",
        payload={"case_id": case_id, **p},
        form=form,
        kind=EntityKind.APPEAL,
        entity_id=appeal.id,
        if_match=None,
        case_id=case_id,
    )


def run_resolve_appeal(
    session: Session, actor: User, appeal_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    payload = {k: v for k, v in dict(form).items() if v is not None}
    errors = appeals.validate_resolution(payload)
    if errors:
        raise ValidationFailed(errors)
    appeal, version = load(session, EntityKind.APPEAL, Appeal, appeal_id)
    case, _ = load(session, EntityKind.CASE, Case, appeal.case_id)
    require(actor, Action.RESOLVE_APPEAL)
    verdict = appeals.check_resolver(actor, appeal.original_decider_id or case.decided_by)
    if not verdict:
        raise Forbidden.from_verdict(verdict)
    lifecycle.transition(case.status, Action.RESOLVE_APPEAL)
    appeal.status = AppealStatus.RESOLVED
    appeal.resolution = AppealResolution(payload["resolution"])
    appeal.message = payload["message"]
    appeal.reason_codes = list(payload.get("reason_codes") or [])
    appeal.new_decision = payload.get("new_decision")
    appeal.limit = payload.get("limit")
    appeal.rate = payload.get("rate")
    appeal.conditions = list(payload.get("conditions") or [])
    appeal.resolved_by = actor.id
    appeal.resolved_at = now
    save(session, EntityKind.APPEAL, appeal)
    note(case, actor, Action.RESOLVE_APPEAL.value, appeal.message, now, payload)
    save(session, EntityKind.CASE, case)
    return push(
        session,
        actor,
        now,
        intent="appeal.resolve",
        path=f"/v1/appeals/{appeal_id}/resolve",
        payload=payload,
        form=form,
        kind=EntityKind.APPEAL,
        entity_id=appeal_id,
        if_match=version,
        case_id=case.id,
    )


def submit_appeal(
    store: Store, actor: User, case_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{reason, evidence}`` for a rejected case within 30 days of the decision."""
    with store.transaction() as session:
        return run_submit_appeal(session, actor, case_id, form, now)


def resolve_appeal(
    store: Store, actor: User, appeal_id: str, form: Mapping[str, Any], now: datetime
) -> ActionResult:
    """``{resolution, message, reason_codes?, new_decision?, limit?, rate?, conditions?}`` by a
    senior reviewer who did not make the original decision."""
    with store.transaction() as session:
        return run_resolve_appeal(session, actor, appeal_id, form, now)
