"""Stored operations reports (server/jobs/reports.py): ``GET /ops/reports?period=&limit=``
(newest first: ``{id, period, from, to, generated_at}``), ``GET /ops/reports/{id}`` (the whole
report) and ``GET /ops/reports/{id}?format=csv`` (UTF-8 with BOM, ``app.rules.reports.csv_rows``).
Roles: ``view_ops`` (supervisor, ops_admin)."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from app.domain.enums import Action
from app.domain.wire import format_time
from app.rules import reports
from server import storage
from server import tables as t
from server.auth import require
from server.idempotency import User
from server.problems import not_found

router = APIRouter(tags=["operations"])


@router.get("/ops/reports", summary="Stored daily / weekly / monthly operations reports")
def list_reports(
    request: Request,
    user: User,
    period: Annotated[Literal["daily", "weekly", "monthly"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict]:
    require(user, Action.VIEW_OPS)
    r = t.ops_reports.c
    stmt = select(r.id, r.period, r.start, r.end, r.generated_at)
    if period:
        stmt = stmt.where(r.period == period)
    stmt = stmt.order_by(r.start.desc(), r.period).limit(limit)
    with request.app.state.db.read() as s:
        rows = s.execute(stmt).all()
    return [
        {
            "id": row.id,
            "period": row.period,
            "from": format_time(storage._aware(row.start)),
            "to": format_time(storage._aware(row.end)),
            "generated_at": format_time(storage._aware(row.generated_at)),
        }
        for row in rows
    ]


@router.get(
    "/ops/reports/{report_id}",
    summary="One operations report (JSON, or CSV with format=csv)",
    responses={200: {"content": {"text/csv": {}}}},
)
def get_report(
    request: Request,
    user: User,
    report_id: str = Path(min_length=1, max_length=64),
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Response:
    require(user, Action.VIEW_OPS)
    with request.app.state.db.read() as s:
        data = s.execute(select(t.ops_reports.c.data).where(t.ops_reports.c.id == report_id))
        row = data.first()
    if row is None:
        raise not_found("ops_report", report_id)
    if format == "csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(reports.csv_rows(row[0]))
        headers = {"Content-Disposition": f'attachment; filename="{report_id}.csv"'}
        return Response("\ufeff" + buf.getvalue(), media_type="text/csv", headers=headers)
    return Response(storage.json_dumps(row[0]), media_type="application/json")
