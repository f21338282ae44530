"""dosctl cases … and appeals …"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.domain.enums import EntityKind
from sync.api import new_idempotency_key
from sync.dosctl.actions import online, run_intent
from sync.dosctl.context import CommandError, Ctx
from sync.dosctl.output import record
from sync.dosctl.services import service
from sync.dosctl.views import CASE_KEYS, case_view, fresh, load


def _obj(text: str, name: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise CommandError(f"--{name} is not JSON", str(exc)) from exc
    if not isinstance(value, dict):
        raise CommandError(f"--{name} must be a JSON object")
    return value


OPEN_KEYS = ("id", "status", "priority", "queue_id", "assignee_id", "version")


def open_case(ctx: Ctx, a: argparse.Namespace) -> int:
    form = {
        "decision_id": a.decision,
        "priority": a.priority,
        "queue_id": a.queue,
        "customer": _obj(a.customer, "customer"),
        "application": _obj(a.application, "application"),
        "decision_context": _obj(a.context, "context"),
    }
    result = online(
        ctx,
        "cases open",
        lambda api: api.mutate("/cases", form, idempotency_key=new_idempotency_key()),
    )
    ctx.sync(attempts=1)  # bring the new case and its task into the local store
    case = result.data or {}
    ctx.out.emit({"case": case, "related": result.related}, record(case, OPEN_KEYS))
    return 0


def show(ctx: Ctx, a: argparse.Namespace) -> int:
    fresh(ctx)
    view = case_view(ctx, load(ctx, EntityKind.CASE, a.id))
    ctx.out.emit(view, record(view, CASE_KEYS))
    return 0


def assign(ctx: Ctx, a: argparse.Namespace) -> int:
    return run_intent(ctx, "cases assign", service("assign"), a.id, {"to": a.to})


def close(ctx: Ctx, a: argparse.Namespace) -> int:
    form = {"resolution": a.resolution, "final_decision": a.final_decision}
    return run_intent(ctx, "cases close", service("close"), a.id, form)


def notify(ctx: Ctx, a: argparse.Namespace) -> int:
    form = {"template": a.template, "eta": a.eta}
    return run_intent(ctx, "cases notify-customer", service("notify_customer"), a.id, form)


def appeal_submit(ctx: Ctx, a: argparse.Namespace) -> int:
    form = {"reason": a.reason, "evidence": a.evidence or []}
    return run_intent(ctx, "appeals submit", service("submit_appeal"), a.case, form)


APPEAL_KEYS = (
    "id", "case_id", "status", "reason", "assignee_id", "original_decider_id", "resolution",
    "message", "new_decision", "resolved_by", "version",
)  # fmt: skip


def appeal_show(ctx: Ctx, a: argparse.Namespace) -> int:
    fresh(ctx)
    appeal = load(ctx, EntityKind.APPEAL, a.id)
    ctx.out.emit(appeal, record(appeal, APPEAL_KEYS))
    return 0


def appeal_resolve(ctx: Ctx, a: argparse.Namespace) -> int:
    form = {
        "resolution": a.resolution,
        "message": a.message,
        "reason_codes": a.reason_codes or [],
        "new_decision": a.new_decision,
        "limit": a.limit,
        "rate": a.rate,
        "conditions": a.conditions or [],
    }
    form = {k: v for k, v in form.items() if v is not None}
    return run_intent(ctx, "appeals resolve", service("resolve_appeal"), a.id, form)
