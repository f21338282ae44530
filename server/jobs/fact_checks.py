"""Pending generated content is fact-checked again against the KPI data store
(server/kpi_store.py) at most every ``EVERY``: when a figure no longer matches (or matches
again), the content is saved with its new check, so the change feed brings it to every approval
view. (Reading the store runs inside the scheduler's write transaction, hence the spacing; a
read of the content and its decision re-check on their own, always.)"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.enums import EntityKind
from app.domain.generated import GeneratedStatus
from app.domain.wire import format_time, parse_time, to_wire
from server import storage
from server.kpi_store import Lookup, recheck

EVERY = timedelta(minutes=5)
LAST_KEY = "fact_checks_last_run"


def run(s, before: datetime | None, now: datetime) -> list[dict]:
    last = storage.get_meta(s, LAST_KEY)
    if last and now - parse_time(last) < EVERY:
        return []
    storage.set_meta(s, LAST_KEY, format_time(now))
    pending = storage.query(s, EntityKind.GENERATED, status=GeneratedStatus.PENDING.value)
    lookup = Lookup(s, now)
    for stored in pending:
        content, changed = recheck(stored, lookup, now)
        if changed:
            fresh = {**stored, "fact_check": to_wire(content)["fact_check"]}
            storage.put(s, EntityKind.GENERATED, fresh, actor="system", now=now)
    return []
