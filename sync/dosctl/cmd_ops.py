"""dosctl ops queues ls | queues stats | sla report | reassign."""

from __future__ import annotations

import argparse
import csv
import io

from sqlalchemy import select

from app.domain.wire import format_time
from app.rules import reports
from app.store.models import QueueRow
from sync.api import new_idempotency_key
from sync.dosctl.actions import online
from sync.dosctl.context import CommandError, Ctx
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


def sla_window(date_from: str, date_to: str) -> tuple[str, str]:
    """``--from`` / ``--to`` as the server is asked: dates are KST days, both inclusive
    (``app.rules.reports.bounds``, the rule the workstation's report uses too)."""
    try:
        start, end = reports.bounds(date_from, date_to)
    except ValueError as exc:
        raise CommandError(
            "잘못된 날짜입니다 (YYYY-MM-DD 또는 RFC 3339)", f"invalid date: {exc}"
        ) from exc
    return format_time(start), format_time(end)


def sla_report(ctx: Ctx, a: argparse.Namespace) -> int:
    start, end = sla_window(a.date_from, a.date_to)
    report = online(ctx, "sla report", lambda api: api.sla_report(start, end))
    rows = report.get("rows") if isinstance(report, dict) else report
    if isinstance(rows, list) and rows and isinstance(rows[0], dict):
        human = table(rows, list(rows[0].keys()))
    else:
        human = record(report) if isinstance(report, dict) else str(report)
    if isinstance(report, dict) and report.get("boundaries"):
        human = f"{report['from']} ~ {report['to']} — {report['boundaries']}\n{human}"
    ctx.out.emit(report, human)
    return 0


def reports_ls(ctx: Ctx, a: argparse.Namespace) -> int:
    """The stored daily / weekly / monthly operations reports, newest first."""
    params = {"period": a.period, "limit": a.limit}
    rows = online(ctx, "ops reports", lambda api: api.get_json("/ops/reports", **params))
    ctx.out.emit(rows, table(rows, ["id", "period", "from", "to", "generated_at"]))
    return 0


def reports_show(ctx: Ctx, a: argparse.Namespace) -> int:
    """One report: its SLA lines and figures (``--csv``: the server's CSV rows)."""
    report = online(ctx, "ops report", lambda api: api.get_json(f"/ops/reports/{a.id}"))
    rows = reports.csv_rows(report)
    if a.csv:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        ctx.out.emit(report, buf.getvalue().rstrip("\n"))
        return 0
    head = f"{report['id']}: {report['from']} ~ {report['to']} — {report['boundaries']}"
    body = table([dict(zip(rows[0], r, strict=True)) for r in rows[1:]], list(rows[0]))
    ctx.out.emit(report, f"{head}\n{body}")
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
