"""dosctl ops queues ls | queues stats | sla report | reassign."""

from __future__ import annotations

import argparse

from sqlalchemy import select

from app.store.models import QueueRow
from sync.api import new_idempotency_key
from sync.dosctl.actions import online
from sync.dosctl.context import Ctx
from sync.dosctl.output import record, table
from sync.dosctl.views import fresh


def queues_ls(ctx: Ctx, a: argparse.Namespace) -> int:
    fresh(ctx)
    with ctx.store.session() as s:
        rows = [r.data for r in s.execute(select(QueueRow).order_by(QueueRow.id)).scalars()]
    ctx.out.emit(rows, table(rows, ["id", "name", "kind", "sla_policy"]))
    return 0


def queue_stats(ctx: Ctx, a: argparse.Namespace) -> int:
    stats = online(ctx, "queue stats", lambda api: api.queue_stats(a.queue))
    flat = {k: v for k, v in stats.items() if k != "metrics"}
    flat.update(stats.get("metrics") or {})
    ctx.out.emit(stats, record(flat))
    return 0


def sla_report(ctx: Ctx, a: argparse.Namespace) -> int:
    report = online(ctx, "sla report", lambda api: api.sla_report(a.date_from, a.date_to))
    rows = report.get("rows") if isinstance(report, dict) else report
    if isinstance(rows, list) and rows and isinstance(rows[0], dict):
        human = table(rows, list(rows[0].keys()))
    else:
        human = record(report) if isinstance(report, dict) else str(report)
    ctx.out.emit(report, human)
    return 0


def reassign(ctx: Ctx, a: argparse.Namespace) -> int:
    form = {"from": a.from_user, "to": a.to_user}
    result = online(
        ctx,
        "ops reassign",
        lambda api: api.mutate("/ops/reassign", form, idempotency_key=new_idempotency_key()),
    )
    ctx.sync(attempts=1)
    moved = [e for e in result.related if isinstance(e, dict)]
    data = result.data if result.data is not None else {}
    ctx.out.emit({"data": data, "related": moved}, f"reassigned: {len(moved)} entities moved")
    return 0
