"""Seed 003 generated content awaiting human approval: a weekly narrative report and a
generated strategy, written from the KPI data store's figures of the last complete week
(server/kpi_store.py) and annotated with the figure each number states. The fact check is not
stored here: the server makes it against the KPI store (app.rules.fact_check) — the report's
SLA figure is stated 2 points off (a generator's slip the reviewer sees highlighted), and the
strategy's forecast is a number no store can confirm (approving it needs a recorded reason).
``seed_demo`` stores them as the change feed's ``generated`` entities (GET /v1/generated/{id},
POST /v1/generated/{id}/decision — docs/API-EXTENSIONS.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from app.domain.generated import GeneratedContent, GeneratedKind, GeneratedStatus
from app.domain.wire import to_wire
from app.rules import fact_check, kpi, reports
from app.rules.zone import KST

Stored = Callable[[list[str]], Mapping[str, float | None]]


def last_week(now: datetime) -> tuple[str, datetime]:
    start = reports.period_start("weekly", now) - timedelta(days=7)
    return kpi.period_key("weekly", start), start


def _n(value: float | None) -> str:
    return "0" if value is None else f"{value:g}"


def _report(period: str, start: datetime, v: Mapping) -> tuple[str, list]:
    day = start.astimezone(KST)
    end = day + timedelta(days=6)
    sla = v.get("sla_compliance_pct")
    body = f"{day.month}월 {day.day}일~{end.month}월 {end.day}일 주간 운영 보고: 접수 케이스 "
    parts = [(f"{_n(v.get('cases_created'))}건", "cases_created")]
    text = f"{parts[0][0]}"
    if sla is not None:
        slipped = f"{sla + (2.0 if sla < 98 else -2.0):.1f}%"  # the generator's slip: 2 points
        breached = f"{_n(v.get('sla_breached'))}건"
        text += f", SLA 준수율 {slipped}(위반 {breached})"
        parts += [(slipped, "sla_compliance_pct"), (breached, "sla_breached")]
    text += f", 이의 제기 처리 {_n(v.get('appeals_resolved'))}건"
    parts.append((f"{_n(v.get('appeals_resolved'))}건", "appeals_resolved"))
    if (rate := v.get("overturn_rate_pct")) is not None:
        text += f"(번복률 {rate:.1f}%)"
        parts.append((f"{rate:.1f}%", "overturn_rate_pct"))
    text += f", QA 평가 {_n(v.get('qa_reviews'))}건입니다."
    parts.append((f"{_n(v.get('qa_reviews'))}건", "qa_reviews"))
    figures = [(t, f"{m}@{period}") for t, m in parts]
    return body + text, figures


def demo_generated(now: datetime, stored: Stored) -> list[dict]:
    """The two contents, written from ``stored`` (the KPI store's lookup) at ``now``."""
    period, start = last_week(now)
    names = [f"{m}@{period}" for m in kpi.METRICS]
    values = {k.split("@")[0]: v for k, v in stored(names).items()}
    body, figures = _report(period, start, values)
    report = GeneratedContent(
        "GEN-RPT-2026-0042",
        GeneratedKind.NARRATIVE_REPORT,
        "지난주 운영 보고서",
        body,
        source_ref=f"kpi:{period}",
        prompt_version="report-v5",
        model="ko-llm-2026-09",
        generated_at=now - timedelta(hours=1),
        status=GeneratedStatus.PENDING,
    )
    report.fact_check = fact_check.check(body, fact_check.annotate(body, figures), stored, now)
    sla = values.get("sla_compliance_pct")
    base = f"{sla:.1f}%" if sla is not None else "0.0%"
    text = (
        "월말 주간 P1 적체 해소 전략: 매월 마지막 주에 선임 검토자 1명을 P1 전담으로 배치하고, "
        "자영업자 서류 요청은 홈택스 간편 제출 링크로 안내합니다. 지난주 SLA 준수율 "
        f"{base}는 시뮬레이션상 95.0%까지 오릅니다."
    )
    strategy = GeneratedContent(
        "GEN-STR-2026-0007",
        GeneratedKind.STRATEGY,
        "월말 P1 적체 해소 전략",
        text,
        source_ref=f"kpi:{period}",
        prompt_version="strategy-v3",
        model="ko-llm-2026-09",
        generated_at=now - timedelta(hours=2),
        status=GeneratedStatus.PENDING,
    )
    claims = fact_check.annotate(text, [(base, f"sla_compliance_pct@{period}")])
    strategy.fact_check = fact_check.check(text, claims, stored, now)
    return [to_wire(report), to_wire(strategy)]
