"""dosctl tasks next | show | do <action>."""

from __future__ import annotations

import argparse
from typing import Any

from app.domain.enums import EntityKind
from sync.api import new_idempotency_key
from sync.dosctl.actions import online, run_intent
from sync.dosctl.context import CommandError, Ctx
from sync.dosctl.output import record
from sync.dosctl.services import service
from sync.dosctl.views import fresh, load, remaining

FIELDS = {
    "approve": ("limit", "rate", "conditions", "note", "reason_codes"),
    "deny": ("reason_codes", "note", "improvement_advice"),
    "request_docs": ("docs", "deadline", "note"),
    "escalate": ("to", "reason", "priority", "recommendation", "urgent", "note", "context",
                 "impact"),
    "comment": ("body",),
}  # fmt: skip
TASK_KEYS = (
    "id", "case_id", "type", "status", "queue_id", "priority", "assignee_id", "due_at",
    "sla_remaining", "outcome", "completed_by", "version",
)  # fmt: skip


def form_of(action: str, a: argparse.Namespace) -> dict[str, Any]:
    """The action's fields as typed; the service validates them (app.commands)."""
    form = {name: getattr(a, name, None) for name in FIELDS[action]}
    return {k: v for k, v in form.items() if v is not None}


def do(ctx: Ctx, a: argparse.Namespace) -> int:
    unused = [
        f"--{name.replace('_', '-')}"
        for names in FIELDS.values()
        for name in names
        if name not in FIELDS[a.action] and getattr(a, name, None) not in (None, [])
    ]
    if unused:
        raise CommandError(f"{a.action} does not take {', '.join(sorted(set(unused)))}")
    return run_intent(ctx, f"tasks do {a.action}", service(a.action), a.id, form_of(a.action, a))


def show(ctx: Ctx, a: argparse.Namespace) -> int:
    fresh(ctx)
    task = load(ctx, EntityKind.TASK, a.id)
    due = {"due_at": task["due_at"]} if task.get("due_at") else None
    view = {**task, "sla_remaining": remaining(due, ctx.server_now())}
    ctx.out.emit(view, record(view, TASK_KEYS))
    return 0


def next_task(ctx: Ctx, a: argparse.Namespace) -> int:
    """Needs the server (it assigns the most urgent open task to the caller)."""
    result = online(
        ctx, "tasks next", lambda api: api.next_task(a.queue, idempotency_key=new_idempotency_key())
    )
    ctx.sync(attempts=1)  # bring the assignment into the local store
    if result.data is None:
        ctx.out.emit({"task": None}, f"no open task in queue {a.queue}")
        return 0
    task = result.data
    ctx.out.emit(task, record(task, [k for k in TASK_KEYS if k in task]))
    return 0
