"""The inbox's window onto the store: ids for a filter, rows for ids, both as plain data.

Everything SQL lives in ``app.store.inbox``; this adapter adds what a cell needs on top of an
``InboxRow`` — the case's full SLA record (so the countdown is computed by ``app.rules.sla`` at
paint time) and the assignee's display name — and nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.domain.cases import SlaInfo
from app.domain.enums import Priority
from app.domain.wire import from_wire, parse_time
from app.store.inbox import InboxFilter, inbox_cells, inbox_count, inbox_ids
from app.store.models import QueueRow, UserRow
from app.store.store import Store
from app.text.labels import person_name, queue_label
from ui.inbox.columns import Column
from widgets.formatting import language

SORT_KEYS: dict[Column, str] = {
    Column.PRIORITY: "priority",
    Column.SLA: "due_at",
    Column.CASE: "id",
    Column.CUSTOMER: "customer",
    Column.AMOUNT: "amount",
    Column.QUEUE: "queue",
    Column.STATUS: "status",
    Column.UPDATED: "updated_at",
}
MAX_IDS = 2_000_000


@dataclass(frozen=True, slots=True)
class RowView:
    """One inbox line as the model shows it."""

    id: str
    priority: str = ""
    status: str = ""
    queue_id: str = ""
    queue_name: str = ""
    assignee_id: str | None = None
    assignee_name: str = ""
    customer_name: str = ""
    customer_masked: str = ""
    amount: int | None = None
    updated_at: datetime | None = None
    pending_sync: int = 0
    sla: SlaInfo | None = None

    @classmethod
    def missing(cls, case_id: str) -> RowView:
        return cls(id=case_id)


class InboxSource:
    """Reads for the inbox; each call opens a short session (safe on a worker thread)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._user_names: dict[str, str] = {}

    @property
    def store(self) -> Store:
        return self._store

    def ids(self, f: InboxFilter, now: datetime, limit: int = MAX_IDS) -> list[str]:
        """The first ``limit`` ids of the result of ``f``, in display order."""
        # A Core connection, not an ORM session: the ORM's result machinery cost as much as
        # the query itself for a few thousand ids.
        with self._store.engine.connect() as conn:
            return inbox_ids(conn, f, now, 0, limit)

    def count(self, f: InboxFilter, now: datetime) -> int:
        with self._store.session() as session:
            return inbox_count(session, f, now)

    def rows(self, ids: list[str]) -> dict[str, RowView]:
        with self._store.engine.connect() as session:  # Core: lighter than an ORM session
            base = inbox_cells(session, ids)
            missing = {r[5] for r in base if r[5]} - set(self._user_names)
            if missing:
                stmt = select(UserRow.id, UserRow.display_name).where(UserRow.id.in_(missing))
                for user_id, name in session.execute(stmt):
                    self._user_names[user_id] = name
        names = self._user_names
        out: dict[str, RowView] = {}
        for (
            case_id,
            rank,
            status,
            queue_id,
            queue_name,
            assignee_id,
            customer_name,
            customer_masked,
            amount,
            updated_at,
            pending_sync,
            raw_sla,
        ) in base:
            assignee = assignee_id or ""
            out[case_id] = RowView(
                id=case_id,
                priority=_priority(rank),
                status=status,
                queue_id=queue_id,
                queue_name=queue_label(queue_id, language(), {queue_id: queue_name}),
                assignee_id=assignee_id,
                assignee_name=person_name(assignee, names, language()) if assignee else "",
                customer_name=customer_name,
                customer_masked=customer_masked,
                amount=amount,
                updated_at=updated_at,
                pending_sync=pending_sync,
                sla=_sla(raw_sla),
            )
        return out

    def queues(self) -> list[tuple[str, str]]:
        """(id, name) of every queue, for the filter bar."""
        with self._store.session() as session:
            stmt = select(QueueRow.id, QueueRow.name).order_by(QueueRow.name)
            lang = language()
            return [
                (qid, queue_label(qid, lang, {qid: name})) for qid, name in session.execute(stmt)
            ]

    def forget_user_names(self) -> None:
        self._user_names.clear()


_PRIORITY_OF_RANK = {p.rank: p.value for p in Priority}


def _priority(rank: int) -> str:
    """ "p0".."p3" for a stored rank (an unknown rank raises, as ``Priority`` would)."""
    found = _PRIORITY_OF_RANK.get(rank)
    return found if found is not None else str(Priority(f"p{rank}").value)


def _sla(raw: Any) -> SlaInfo | None:
    if not raw:
        return None
    if isinstance(raw, str):
        raw = json.loads(raw)
    fast = _sla_fast(raw)
    if fast is not None:
        return fast
    try:
        return from_wire(SlaInfo, raw)
    except (TypeError, ValueError, KeyError):
        return None


_SLA_TIMES = ("paused_since", "warning_at", "breached_at", "met_at")


def _sla_fast(raw: Any) -> SlaInfo | None:
    """``from_wire(SlaInfo, raw)`` for the well-formed common case (RFC 3339 strings, a number
    for ``paused_total_s``); None when anything is unusual, and ``from_wire`` decides."""
    try:
        policy = raw["policy"]
        started, due = raw["started_at"], raw["due_at"]
        total = raw.get("paused_total_s", 0.0)
        if (
            type(policy) is not str
            or type(started) is not str
            or type(due) is not str
            or type(total) not in (int, float)
        ):
            return None
        times = {}
        for key in _SLA_TIMES:
            value = raw.get(key)
            if value is not None:
                if type(value) is not str:
                    return None
                value = parse_time(value)
            times[key] = value
        return SlaInfo(
            policy=policy,
            started_at=parse_time(started),
            due_at=parse_time(due),
            paused_total_s=float(total),
            **times,
        )
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


def with_sort(f: InboxFilter, column: int, descending: bool) -> InboxFilter:
    """``f`` sorted by the table column (unknown columns keep the current sort)."""
    key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
    return replace(f, sort=key, descending=descending) if key else f


def column_of_sort(sort: str) -> int:
    for column, key in SORT_KEYS.items():
        if key == sort:
            return int(column)
    return int(Column.PRIORITY)
