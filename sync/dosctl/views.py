"""Reading cases, tasks and appeals from the local store for dosctl ``show`` commands."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.domain.enums import EntityKind
from app.domain.wire import parse_time
from app.store.local_models import FeedQuarantineRow
from app.store.lookups import get_data
from sync.dosctl.context import CommandError, Ctx


def fresh(ctx: Ctx) -> bool:
    """A quick best-effort sync before a read; False (and a note) when offline."""
    outcome = ctx.sync(attempts=1)
    if not outcome.ok:
        ctx.out.note(f"note: offline ({outcome.error}); showing the local copy")
    return outcome.ok


def load(ctx: Ctx, kind: EntityKind, entity_id: str) -> dict[str, Any]:
    """The entity as the local store holds it; says so when the server's newest copy of it was
    kept aside (``app.store.quarantine``)."""
    with ctx.store.session() as s:
        data = get_data(s, kind, entity_id)
        kept = s.execute(
            select(FeedQuarantineRow.reason, FeedQuarantineRow.detail).where(
                FeedQuarantineRow.entity == kind.value, FeedQuarantineRow.entity_id == entity_id
            )
        ).first()
    why = f"the server's newest copy could not be applied ({kept[0]}: {kept[1]})" if kept else ""
    if data is None:
        detail = f"{why}; see dosctl status" if why else "not in the local store (synced?)"
        raise CommandError(f"{kind} {entity_id} not found", detail)
    if why:
        ctx.out.note(f"note: showing an older copy; {why}")
    return data


def remaining(sla: dict[str, Any] | None, now: datetime) -> str | None:
    """SLA time left on the server's clock: ``3h12m``, ``-0h05m`` (breached) or ``paused``."""
    if not sla or not sla.get("due_at"):
        return None
    if sla.get("paused_since"):
        return "paused"
    if sla.get("met_at"):
        return "met"
    seconds = int((parse_time(sla["due_at"]) - now).total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600}h{seconds % 3600 // 60:02d}m"


CASE_KEYS = (
    "id", "status", "priority", "queue_id", "assignee_id", "escalation_level", "sla_due_at",
    "sla_remaining", "final_decision", "decided_by", "reason_codes", "note", "resolution",
    "version", "pending_sync", "tasks",
)  # fmt: skip


def case_view(ctx: Ctx, case: dict[str, Any]) -> dict[str, Any]:
    from app.store.lookups import tasks_for_case

    with ctx.store.session() as s:
        tasks = [f"{t.id}:{t.status}" for t in tasks_for_case(s, case["id"])]
        pending = _pending_count(s, case["id"])
    sla = case.get("sla") or {}
    return {
        **case,
        "sla_due_at": sla.get("due_at"),
        "sla_remaining": remaining(sla, ctx.server_now()),
        "pending_sync": pending,
        "tasks": tasks,
    }


def _pending_count(session: Any, case_id: str) -> int:
    from app.store.models import CaseRow

    row = session.get(CaseRow, case_id)
    return int(getattr(row, "pending_sync", 0) or 0) if row is not None else 0
