"""Daily, weekly and monthly operations reports ("일일/주간/월간 보고서 자동 생성") built by
``app.rules.reports.ops_report`` when their KST period ends, stored in ``ops_reports`` once
each (a server down across a period's end writes it when it comes back). The first run of a
database only records where reporting starts (``ops_reports_from`` in the meta table)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select

from app.domain.enums import EntityKind
from app.domain.people import Appeal, QAReview
from app.domain.wire import format_time, from_wire, parse_time
from app.rules import reports as rules
from server import storage
from server import tables as t
from server.routes.ops import sla_items

ANCHOR_KEY = "ops_reports_from"


def _inputs(s) -> dict:
    cases = storage.query(s, EntityKind.CASE)
    return {
        "sla_items": sla_items(cases),
        "appeals": [from_wire(Appeal, a) for a in storage.query(s, EntityKind.APPEAL)],
        "qa_reviews": [from_wire(QAReview, q) for q in storage.query(s, EntityKind.QA_REVIEW)],
        "rejected": [  # app.rules.appeals.is_rejected, on the wire dict
            (c["id"], parse_time(c.get("decided_at") or c["updated_at"]))
            for c in cases
            if c.get("status") == "rejected"
            or (c.get("status") == "closed" and c.get("final_decision") == "deny")
        ],
    }


def run(s, before: datetime | None, now: datetime) -> list[dict]:
    raw = storage.get_meta(s, ANCHOR_KEY)
    if not raw:
        storage.set_meta(s, ANCHOR_KEY, format_time(now))
        return []
    anchor = parse_time(raw)
    done = {r[0] for r in s.execute(select(t.ops_reports.c.id))}
    due = [
        (kind, start, end)
        for kind in rules.KINDS
        for start, end in rules.periods_due(kind, anchor, now)
        if rules.report_id(kind, start) not in done
    ]
    if not due:
        return []
    data = _inputs(s)
    for kind, start, end in due:
        rejected = [cid for cid, at in data["rejected"] if start <= at < end]
        report = rules.ops_report(
            kind,
            start,
            end,
            now,
            sla_items=data["sla_items"],
            appeals=data["appeals"],
            rejected_case_ids=rejected,
            qa_reviews=data["qa_reviews"],
        )
        s.execute(
            insert(t.ops_reports).values(
                id=report["id"],
                period=kind,
                start=storage._naive(start),
                end=storage._naive(end),
                generated_at=storage._naive(now),
                data=report,
            )
        )
    return []
