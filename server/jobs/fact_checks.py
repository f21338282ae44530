"""Pending generated content is fact-checked again against the KPI data store on every tick
(server/kpi_store.py): when a figure no longer matches (or matches again), the content is saved
with its new check, so the change feed brings it to every approval view."""

from __future__ import annotations

from datetime import datetime

from app.domain.enums import EntityKind
from app.domain.generated import GeneratedStatus
from app.domain.wire import to_wire
from server import storage
from server.kpi_store import Lookup, recheck


def run(s, before: datetime | None, now: datetime) -> list[dict]:
    pending = storage.query(s, EntityKind.GENERATED, status=GeneratedStatus.PENDING.value)
    lookup = Lookup(s, now)
    for stored in pending:
        content, changed = recheck(stored, lookup, now)
        if changed:
            fresh = {**stored, "fact_check": to_wire(content)["fact_check"]}
            storage.put(s, EntityKind.GENERATED, fresh, actor="system", now=now)
    return []
