"""Decision support (seed 002): POST /decisions (ask: 202, the workflow runs in the background,
server/jobs/decisions.py), GET /decisions/{execution_id}, POST /approvals/{id}/responses (a final
response runs step 8: decision log and final report), POST /approvals/{id}/escalate,
GET /decision-logs/{execution_id} (app.rules.approvals, app.decisions)."""

from __future__ import annotations

import json
from datetime import datetime

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.decisions.decompose import decompose
from app.decisions.errors import WorkflowError
from app.decisions.workflow import finalize, start
from app.domain.decisions import (
    ApprovalRequest,
    ApprovalResponse,
    DecisionExecution,
    StepType,
)
from app.domain.enums import Action, ApprovalLevel, ApprovalStatus, EntityKind
from app.domain.wire import from_wire, to_wire
from app.rules import approvals
from app.rules.errors import ValidationFailed
from server import storage
from server.auth import require
from server.hot_sql import Encoded
from server.hr.fetch import fetch_names
from server.hr.load import HR_EMPTY
from server.idempotency import Idem, User, commit_mutation
from server.jobs.decisions import decision_wire, runner_of
from server.problems import ProblemError, not_found
from server.routes import models as m
from server.routes.common import check_if_match, conflict, dump, load, new_id, now_of, read_one
from server.routes.common import save as save_entity

router = APIRouter(tags=["decisions"])
ExecId = Path(min_length=1, max_length=128)  # one Path object per parameter name
ReqId = Path(min_length=1, max_length=128)


def _e006(detail: str) -> ProblemError:
    return ProblemError(403, "E006", detail, title="Approval authority insufficient")


def _ask_problem(exc: WorkflowError) -> ProblemError:
    """E001 (and any decomposition failure) as 422 problem+json naming the field."""
    detail = f"{exc.en} — {exc.hint_en} / {exc.ko} ({exc.hint_ko})"
    return ProblemError(
        422, exc.code.value, detail, errors={exc.field or "query": f"{exc.ko} / {exc.en}"},
        title="Decision question not understood",
    )  # fmt: skip


@router.post(
    "/decisions",
    status_code=202,
    summary="Ask a decision question (seed 002 workflow, runs in the background)",
    responses={
        202: {
            "description": "Accepted: the workflow runs; follow it by decision.step events",
            "content": {"application/json": {"schema": {
                "type": "object", "required": ["execution_id"],
                "properties": {"execution_id": {"type": "string"}},
            }}},
        }
    },
)  # fmt: skip
def ask_decision(request: Request, body: m.DecisionAskBody, user: User, idem: Idem) -> Response:
    require(user, Action.DECISION_ASK)
    state = request.app.state
    now = now_of(request)
    context = dump(body.context)
    with state.db.read() as s:
        names = fetch_names(s)
    if not names.org_units:
        raise ProblemError(409, "E002", HR_EMPTY, title="No HR knowledge graph loaded")
    if context.get("org_unit_id") and names.unit(context["org_unit_id"]) is None:
        errors = {"context.org_unit_id": "조직이 없습니다 / no such org unit"}
        raise ProblemError(422, "validation", "unknown org unit", errors=errors)
    try:
        dq = decompose(body.query, context, names)
    except WorkflowError as exc:
        raise _ask_problem(exc) from exc
    decision = start(new_id("EXE"), now)
    decision.query = dq

    with state.db.session() as s:
        idem.claim(s)
        save_entity(s, EntityKind.DECISION, decision_wire(decision), actor=user["id"], now=now,
                    action="decision_ask", audit={"query_type": dq.query_type.value})  # fmt: skip
        text = json.dumps({"execution_id": decision.id}, separators=(",", ":"))
        idem.store(s, 202, Encoded(text))
        changed = s.info.get("changed", [])
        s.commit()
    if changed:
        state.bus.publish("change", {"seq": max(seq for _k, _i, seq in changed)})
    runner_of(request.app).submit(decision, context, user["id"])
    return Response(text.encode(), status_code=202, media_type="application/json")


@router.get("/decisions/{execution_id}", summary="A decision execution and its analyses")
def get_decision(request: Request, user: User, execution_id: str = ExecId) -> dict:
    require(user, Action.VIEW)
    return read_one(request, EntityKind.DECISION, execution_id)


@router.get("/decision-logs/{execution_id}", summary="The decision log of an execution")
def get_decision_log(request: Request, user: User, execution_id: str = ExecId) -> dict:
    require(user, Action.VIEW)
    decision = read_one(request, EntityKind.DECISION, execution_id)
    if not decision.get("decision_log"):
        raise not_found("decision_log", execution_id)
    return decision["decision_log"]


def _store(
    s: Session, request_: ApprovalRequest, actor: str, now: datetime, action: str, audit: dict
) -> tuple[dict, dict, dict | None]:
    """Save the approval and its decision (execution resumed, log when final)."""
    approval = save_entity(
        s, EntityKind.APPROVAL, to_wire(request_), actor=actor, now=now, action=action, audit=audit
    )
    stored = storage.get(s, EntityKind.DECISION, request_.execution_id)
    log = None
    if stored is None:
        return approval, {}, None
    decision = from_wire(DecisionExecution, stored)
    decision.approval_request = request_
    decision.execution = approvals.resume_execution(decision.execution, request_, now)
    final = approvals.is_final(request_.status)
    if final:  # step 8: the decision log and the final report (E008 when it cannot be made)
        try:
            log, _report = finalize(decision, new_id("DL"), now)
        except WorkflowError as exc:
            raise ProblemError(500, exc.code.value, exc.en) from exc
    wire = decision_wire(decision, stored)
    if final:
        wire["decision_log"] = log
        s.info.setdefault("events", []).append(
            ("decision.step", {"execution_id": decision.id, "step": StepType.FINALIZATION.value,
                               "status": "done"})
        )  # fmt: skip
    saved = save_entity(
        s,
        EntityKind.DECISION,
        wire,
        actor=actor,
        now=now,
        action=action,
        audit={"approval_id": request_.request_id, "status": request_.status.value},
    )
    return approval, saved, log


@router.post("/approvals/{request_id}/responses", summary="Respond to an approval request")
def respond(
    request: Request, body: m.ApprovalResponseBody, user: User, idem: Idem, request_id: str = ReqId
) -> Response:
    require(user, Action.APPROVAL_RESPONSE)
    now = now_of(request)
    payload = dump(body)
    level = ApprovalLevel(user["approval_level"]) if user.get("approval_level") else None

    def effect(s: Session) -> tuple[dict, list[dict]]:
        stored = load(s, EntityKind.APPROVAL, request_id)
        req = from_wire(ApprovalRequest, stored)
        if approvals.is_final(req.status):
            raise conflict(stored, f"approval {request_id} is already {req.status}")
        check_if_match(request, stored)
        verdict = approvals.can_approve(level, req.required_level)
        if not verdict:
            raise _e006(f"{verdict.en} / {verdict.ko}")
        decision = storage.get(s, EntityKind.DECISION, req.execution_id) or {}
        options = [
            o.get("option_id") for o in (decision.get("option_set") or {}).get("options", [])
        ]
        errors = approvals.validate_response(payload, level, option_ids=options)
        if errors.get("approval_level") and errors["approval_level"].code == "forbidden":
            raise _e006(errors["approval_level"].en)
        if errors:
            raise ValidationFailed(errors)
        response = ApprovalResponse(
            request_id=request_id,
            status=ApprovalStatus(body.status),
            approver_id=user["id"],
            approval_level=body.approval_level,
            approver_name=user.get("display_name", ""),
            selected_option_id=body.selected_option_id,
            rationale=body.rationale,
            conditions=body.conditions,
            responded_at=now,
        )
        after = approvals.apply_response(req, response, now)
        approval, saved, log = _store(s, after, user["id"], now, "approval_response", payload)
        if log is not None:  # API.md: "→ the approval and, when final, the decision log"
            s.info["extra"] = {"decision_log": log}
        return approval, [saved] if saved else []

    return commit_mutation(request, idem, effect)


@router.post("/approvals/{request_id}/escalate", summary="Escalate an approval request")
def escalate(
    request: Request, body: m.ApprovalEscalateBody, user: User, idem: Idem, request_id: str = ReqId
) -> Response:
    require(user, Action.APPROVAL_ESCALATE)
    now = now_of(request)

    def effect(s: Session) -> tuple[dict, list[dict]]:
        stored = load(s, EntityKind.APPROVAL, request_id)
        req = from_wire(ApprovalRequest, stored)
        if approvals.is_final(req.status):
            raise conflict(stored, f"approval {request_id} is already {req.status}")
        check_if_match(request, stored)
        after = approvals.escalate(req, body.reason, user["id"], now)
        approval, saved, _ = _store(s, after, user["id"], now, "approval_escalate", dump(body))
        return approval, [saved] if saved else []

    return commit_mutation(request, idem, effect)
