"""dosctl decisions ask "…" and decisions show ID (seed 002 decision support).

``ask`` goes through the outbox (app.services.decision_ask): with the server up it prints the
execution id the server gave; offline the question waits in the outbox and ``dosctl sync``
sends it. ``show`` prints an execution from the local store after a best-effort pull."""

from __future__ import annotations

import argparse
from typing import Any

from app.domain.enums import EntityKind, OutboxStatus
from app.rules.errors import RuleError, ValidationFailed
from app.services.decision_ask import decision_ask
from sync.dosctl.actions import _row
from sync.dosctl.context import CommandError, Ctx
from sync.dosctl.output import record, table
from sync.dosctl.views import fresh, load
from sync.problems import ApiProblem


def ask(ctx: Ctx, a: argparse.Namespace) -> int:
    form = {"query": a.query, "org_unit_id": a.org_unit, "horizon_weeks": a.horizon,
            "opportunity_id": a.opportunity}  # fmt: skip
    try:
        result = decision_ask(ctx.store, ctx.actor(), form, ctx.server_now())
    except ValidationFailed as exc:
        detail = "; ".join(f"{k}: {v}" for k, v in exc.messages("en").items())
        raise CommandError("decisions ask: invalid input", detail) from exc
    except RuleError as exc:
        raise CommandError(f"decisions ask: {exc.code}", exc.text("en")) from exc
    outcome = ctx.sync()
    row = _row(ctx, result.outbox_id)
    if row is None or row.status == OutboxStatus.APPLIED.value:
        answer = (getattr(outcome.pushed, "entities", None) or {}).get(result.outbox_id) or {}
        execution_id = answer.get("execution_id")
        ctx.out.emit(
            {"status": "accepted", "outbox_id": result.outbox_id, "execution_id": execution_id},
            f"decisions ask: accepted, execution {execution_id}\n"
            f"`dosctl decisions show {execution_id}` shows its steps as they finish",
        )
        return 0
    if row.status in (OutboxStatus.CONFLICT.value, OutboxStatus.REJECTED.value):
        problem = ApiProblem.from_dict(row.problem or {}, status=(row.problem or {}).get("status"))
        ctx.out.problem(problem, prefix=f"decisions ask: {row.status}")
        return 1
    why = str(outcome.error) if outcome.error else "not sent yet"
    ctx.out.emit(
        {"status": "queued", "outbox_id": result.outbox_id, "reason": why},
        f"decisions ask: queued (server unreachable: {why}); `dosctl sync` sends it",
    )
    return 0


def _view(d: dict[str, Any]) -> dict[str, Any]:
    execution = d.get("execution") or {}
    query = d.get("query") or {}
    options = (d.get("option_set") or {}).get("options") or []
    scores = {a["option_id"]: a for a in (d.get("comparison") or {}).get("analyses") or []}
    request = d.get("approval_request") or {}
    final = (execution.get("results") or {}).get("FINALIZATION") or {}
    return {
        "id": d.get("id"),
        "status": execution.get("status"),
        "step": execution.get("current_step"),
        "error_code": execution.get("error_code"),
        "query": query.get("original_query"),
        "query_type": query.get("query_type"),
        "steps": {k: v.get("status") for k, v in (execution.get("results") or {}).items()},
        "options": [
            {
                "option_id": o["option_id"],
                "type": o["option_type"],
                "name": o["name"],
                "cost": o["estimated_cost"],
                "benefit": o["estimated_benefit"],
                "risk": o["risk_level"],
                "impact": (scores.get(o["option_id"]) or {}).get("overall_impact_score"),
            }
            for o in options
        ],
        "recommendation": (d.get("option_set") or {}).get("recommendation"),
        "success_probability": (d.get("probability") or {}).get("overall_probability"),
        "evidence_link_rate": (d.get("validation") or {}).get("evidence_link_rate"),
        "approval_request": request.get("id"),
        "approval_status": request.get("status"),
        "required_level": request.get("required_level"),
        "report": final.get("report_en"),
    }


SHOWN = ("id", "status", "step", "error_code", "query_type", "query", "recommendation",
         "success_probability", "evidence_link_rate", "approval_request", "approval_status",
         "required_level")  # fmt: skip


def show(ctx: Ctx, a: argparse.Namespace) -> int:
    fresh(ctx)
    view = _view(load(ctx, EntityKind.DECISION, a.id))
    text = record(view, SHOWN)
    if view["options"]:
        text += "\n" + table(view["options"], ["option_id", "type", "cost", "benefit", "risk",
                                               "impact", "name"])  # fmt: skip
    if view["report"]:
        text += "\n" + view["report"]
    ctx.out.emit(view, text)
    return 0
