"""The KPI data store of the reference server: app.rules.kpi over the server's own records
(cases with their SLA clocks, appeals, QA reviews, calls), read in the caller's session — the
figures are always those of the data as it now is, never a copy that could drift.

``recheck`` is the fact check of one generated content against it (app.rules.fact_check); the
decision route, GET /generated/{id}, the ``fact_checks`` job and GET /ops/kpi use it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.enums import EntityKind
from app.domain.generated import GeneratedContent
from app.domain.people import Appeal, QAReview
from app.domain.wire import from_wire, parse_time, to_wire
from app.rules import fact_check, kpi
from server import storage
from server.routes.ops import sla_items


def _time(value: str | None) -> datetime | None:
    return parse_time(value) if value else None


def inputs(s: Session) -> kpi.KpiInputs:
    cases = storage.query(s, EntityKind.CASE)
    return kpi.KpiInputs(
        sla_items=sla_items(cases),
        case_created=[parse_time(c["created_at"]) for c in cases if c.get("created_at")],
        appeals=[from_wire(Appeal, a) for a in storage.query(s, EntityKind.APPEAL)],
        qa_reviews=[from_wire(QAReview, q) for q in storage.query(s, EntityKind.QA_REVIEW)],
        calls=[_call(c) for c in storage.query(s, EntityKind.CALL)],
    )


def _call(c: dict) -> kpi.CallTimes:
    return kpi.CallTimes(
        _time(c.get("started_at")), _time(c.get("connected_at")), _time(c.get("ended_at"))
    )


class Lookup:
    """``names → values`` over one session's data, its inputs read once on first use."""

    def __init__(self, s: Session, now: datetime) -> None:
        self.s, self.now, self._data = s, now, None

    def __call__(self, names: list[str]) -> dict[str, float | None]:
        if self._data is None:
            self._data = inputs(self.s)
        return kpi.lookup(self._data, names, self.now)


def recheck(stored: dict, lookup: Lookup, now: datetime) -> tuple[GeneratedContent, bool]:
    """The content with a fresh fact check, and whether the check differs from the stored one."""
    content = from_wire(GeneratedContent, stored)
    old = content.fact_check
    claims = old.claims if old else []
    fresh = fact_check.check(content.body, claims, lookup, now)
    changed = fact_check.fingerprint(fresh) != fact_check.fingerprint(old)
    content.fact_check = fresh
    return content, changed


def with_fresh_check(stored: dict, lookup: Lookup, now: datetime) -> dict:
    content, _changed = recheck(stored, lookup, now)
    return {**stored, "fact_check": to_wire(content)["fact_check"]}
