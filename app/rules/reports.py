"""Operations reports — pure, the time passed in.

**Day boundaries.** Every report counts Asia/Seoul (KST) days, both ends inclusive: the dates
``first``..``last`` are the instants ``[first 00:00 KST, last+1 00:00 KST)``
(:func:`day_bounds`). The workstation's SLA report, ``dosctl ops sla report --from --to`` and
``GET /v1/ops/sla-report?from=YYYY-MM-DD&to=YYYY-MM-DD`` all go through :func:`bounds` and
:func:`sla_report`, and the answer states its boundaries (``boundaries``), so one date range
gives one set of numbers everywhere. (RFC 3339 times are taken as given, ``to`` exclusive.)

**SLA compliance** (:func:`sla_report`): the cases created in the range, per priority × queue,
per priority and per queue: ``met`` (met in time), ``breached`` (breached, or met late),
``in_progress`` (neither yet), and ``compliance_percent`` = met / (met + breached).

**Scheduled reports** ("일일/주간/월간 보고서 자동 생성", seed 004 / runbook 주간 점검): a daily
report per KST day, weekly per Monday-first week, monthly per calendar month
(:func:`periods_due`), each with the SLA compliance, the appeals submission rate
("전체 거부 중 이의 제기 비율"), overturn rate and p95 resolution time, the p95 case resolution
time per priority, and the QA bands (:func:`ops_report`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from app.domain.cases import SlaInfo
from app.domain.people import Appeal, QAReview
from app.domain.wire import format_time, parse_time
from app.rules import appeals as appeal_rules
from app.rules import ops_metrics
from app.rules import qa as qa_rules
from app.rules.zone import KST, RULE_ZONE_NAME

KINDS = ("daily", "weekly", "monthly")
BOUNDARIES = "KST (Asia/Seoul) days, both dates inclusive: [from 00:00 KST, to+1 00:00 KST)"
BOUNDARIES_KO = "한국 시간(KST) 기준 일 단위, 시작일과 종료일 모두 포함"


# -- day boundaries ---------------------------------------------------------------------------
def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """``[first 00:00 KST, last+1 00:00 KST)`` in UTC."""
    start = datetime.combine(first, time(0), tzinfo=KST)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=KST)
    return start.astimezone(UTC), end.astimezone(UTC)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def bounds(value_from: str, value_to: str) -> tuple[datetime, datetime]:
    """The range of a ``from`` / ``to`` pair: dates (``YYYY-MM-DD``) are KST days, both
    inclusive; RFC 3339 times are taken as given (``to`` exclusive). ValueError otherwise."""
    first, last = _date(value_from), _date(value_to)
    start = day_bounds(first, first)[0] if first else parse_time(value_from)
    end = day_bounds(last, last)[1] if last else parse_time(value_to)
    return start, end


def describe(start: datetime, end: datetime) -> dict:
    """What a range means, for the report's output: the instants and, when they fall on KST
    midnights, the inclusive dates."""
    a, b = start.astimezone(KST), end.astimezone(KST)
    midnight = time(0)
    whole = a.time() == midnight and b.time() == midnight
    return {
        "from": format_time(start),
        "to": format_time(end),
        "to_exclusive": True,
        "first_day": a.date().isoformat() if whole else None,
        "last_day": (b - timedelta(days=1)).date().isoformat() if whole else None,
        "zone": RULE_ZONE_NAME,
        "boundaries": BOUNDARIES,
        "boundaries_ko": BOUNDARIES_KO,
    }


# -- SLA compliance ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SlaItem:
    priority: str
    queue_id: str
    created_at: datetime
    sla: SlaInfo


def _line(counter: Counter[str], **key: str) -> dict:
    return {
        **key,
        "total": counter["total"],
        "met": counter["met"],
        "breached": counter["breached"],
        "in_progress": counter["in_progress"],
        "compliance_percent": ops_metrics.compliance(counter["met"], counter["breached"]),
    }


def sla_report(items: Iterable[SlaItem], start: datetime, end: datetime, now: datetime) -> dict:
    """SLA compliance of the items created in ``[start, end)``, judged at ``now``."""
    rows: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for item in items:
        if not (start <= item.created_at < end):
            continue
        row = rows[(item.priority, item.queue_id)]
        row["total"] += 1
        row[ops_metrics.sla_outcome(item.sla, now)] += 1
    by_priority: dict[str, Counter[str]] = defaultdict(Counter)
    by_queue: dict[str, Counter[str]] = defaultdict(Counter)
    for (prio, queue_id), counter in rows.items():
        by_priority[prio].update(counter)
        by_queue[queue_id].update(counter)
    return {
        **describe(start, end),
        "generated_at": format_time(now),
        "rows": [_line(c, priority=p, queue_id=q) for (p, q), c in sorted(rows.items())],
        "by_priority": [_line(c, priority=p) for p, c in sorted(by_priority.items())],
        "by_queue": [_line(c, queue_id=q) for q, c in sorted(by_queue.items())],
    }


# -- scheduled reports ------------------------------------------------------------------------
def period_start(kind: str, t: datetime) -> datetime:
    """The start (UTC) of the ``kind`` period holding ``t``: KST day, Monday week, month."""
    local = t.astimezone(KST)
    d = local.date()
    if kind == "weekly":
        d -= timedelta(days=d.weekday())
    elif kind == "monthly":
        d = d.replace(day=1)
    elif kind != "daily":
        raise ValueError(kind)
    return datetime.combine(d, time(0), tzinfo=KST).astimezone(UTC)


def period_end(kind: str, start: datetime) -> datetime:
    local = start.astimezone(KST)
    if kind == "daily":
        nxt = local.date() + timedelta(days=1)
    elif kind == "weekly":
        nxt = local.date() + timedelta(days=7)
    else:
        nxt = (local.date().replace(day=28) + timedelta(days=4)).replace(day=1)
    return datetime.combine(nxt, time(0), tzinfo=KST).astimezone(UTC)


def report_id(kind: str, start: datetime) -> str:
    local = start.astimezone(KST).date()
    return f"{kind}-{local:%Y-%m}" if kind == "monthly" else f"{kind}-{local.isoformat()}"


def periods_due(kind: str, after: datetime, now: datetime) -> list[tuple[datetime, datetime]]:
    """The ``kind`` periods that start at or after ``after``'s period and ended by ``now``
    (oldest first): after downtime each missed period gets its report once."""
    out = []
    start = period_start(kind, after)
    while (end := period_end(kind, start)) <= now:
        out.append((start, end))
        start = end
    return out


def p95(values: Sequence[float]) -> float | None:
    """95th percentile, nearest rank (as the appeals metric); None without data."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[math.ceil(0.95 * len(ordered)) - 1], 2)


def ops_report(
    kind: str,
    start: datetime,
    end: datetime,
    now: datetime,
    *,
    sla_items: Sequence[SlaItem],
    appeals: Sequence[Appeal],
    rejected_case_ids: Iterable[str],
    qa_reviews: Sequence[QAReview],
) -> dict:
    """One stored report of ``[start, end)``."""
    inside = [i for i in sla_items if start <= i.created_at < end]
    hours: dict[str, list[float]] = defaultdict(list)
    for i in sla_items:
        met = i.sla.met_at
        if met is not None and start <= met < end:
            hours[i.priority].append((met - i.sla.started_at).total_seconds() / 3600.0)
    submitted = [a for a in appeals if a.submitted_at and start <= a.submitted_at < end]
    resolved = [a for a in appeals if a.resolved_at and start <= a.resolved_at < end]
    rate = appeal_rules.overturn_rate(resolved)
    bands: Counter[str] = Counter()
    for r in qa_reviews:
        if r.total is not None and r.created_at and start <= r.created_at < end:
            bands[(r.band or qa_rules.band(r.total)).value] += 1
    return {
        "id": report_id(kind, start),
        "period": kind,
        **describe(start, end),
        "generated_at": format_time(now),
        "sla": sla_report(inside, start, end, now),
        "appeals": {
            "submitted": len(submitted),
            "submission_rate": ops_metrics.submission_rate(rejected_case_ids, submitted),
            "resolved": len(resolved),
            "overturn_rate": None if rate is None else round(rate, 1),
            "resolution_p95_hours": appeal_rules.resolution_p95_hours(resolved),
        },
        "resolution_p95_hours": {p: p95(v) for p, v in sorted(hours.items())},
        "qa_bands": dict(sorted(bands.items())),
    }


CSV_HEADER = ("section", "key", "total", "met", "breached", "in_progress", "value")


def csv_rows(report: dict) -> list[list[str]]:
    """The report as CSV rows (header first): SLA lines, then one row per figure."""

    def num(v: object) -> str:
        return "" if v is None else str(v)

    sla = report.get("sla") or {}
    rows = [list(CSV_HEADER)]
    for section, key in (("priority", "priority"), ("queue", "queue_id")):
        for line in sla.get(f"by_{section}") or []:
            rows.append(
                [f"sla_{section}", str(line[key])]
                + [num(line[k]) for k in ("total", "met", "breached", "in_progress")]
                + [num(line["compliance_percent"])]
            )
    for name, value in (report.get("appeals") or {}).items():
        rows.append(["appeals", name, "", "", "", "", num(value)])
    for prio, value in (report.get("resolution_p95_hours") or {}).items():
        rows.append(["resolution_p95_hours", prio, "", "", "", "", num(value)])
    for band_name, count in (report.get("qa_bands") or {}).items():
        rows.append(["qa_band", band_name, "", "", "", "", num(count)])
    return rows
