"""Inbox queries: filter and sort cases in SQL, page by ids, fetch the shown rows by id.

The table model keeps the list of ids (``inbox_ids``) and fetches rows for the visible range
(``inbox_rows``); nothing is sorted or filtered in Python. Ties are always broken by ``id`` and
the secondary keys follow the direction of the primary one, so each sort walks one index
(``ix_cases_sort`` for the default priority, due time order) without a temporary b-tree. Over the
active cases (the inbox's default) the sorts walk partial indexes holding only those
(``ix_cases_active_*``), which the query reaches by carrying their condition as written
(``app.store.active``).
SQLite sorts NULL first: cases without an SLA come first within their priority.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import Connection, Select, func, or_, select
from sqlalchemy.orm import Session

from app.domain.enums import Priority
from app.store.active import ACTIVE_STATUS_VALUES, active_cases, is_active_only
from app.store.models import CaseRow, QueueRow
from app.store.types import read_time

Assignee = Literal["me", "unassigned", "anyone"]
SlaFilter = Literal["at_risk", "breached", "paused"]

SORTS: dict[str, tuple] = {
    "priority": (CaseRow.priority_rank, CaseRow.due_at, CaseRow.id),
    "due_at": (CaseRow.due_at, CaseRow.id),
    "updated_at": (CaseRow.updated_at, CaseRow.id),
    "created_at": (CaseRow.created_at, CaseRow.id),
    "amount": (CaseRow.amount, CaseRow.id),
    "customer": (CaseRow.customer_name, CaseRow.id),
    "status": (CaseRow.status, CaseRow.id),
    "queue": (CaseRow.queue_id, CaseRow.id),
    "id": (CaseRow.id,),
}


@dataclass(slots=True)
class InboxFilter:
    """What the inbox shows; empty collections mean "any"."""

    queue_ids: frozenset[str] = field(default_factory=frozenset)
    priorities: frozenset[Priority] = field(default_factory=frozenset)
    statuses: frozenset[str] = field(default_factory=frozenset)
    assignee: Assignee = "anyone"
    me: str | None = None
    sla: SlaFilter | None = None
    text: str = ""
    sort: str = "priority"
    descending: bool = False


@dataclass(frozen=True, slots=True)
class InboxRow:
    id: str
    decision_id: str
    priority: Priority
    status: str
    queue_id: str
    queue_name: str
    assignee_id: str | None
    due_at: datetime | None
    warning_at: datetime | None
    paused_since: datetime | None
    sla_met_at: datetime | None
    customer_name: str
    customer_masked: str
    amount: int
    updated_at: datetime | None
    pending_sync: int


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(stmt: Select, f: InboxFilter, now: datetime) -> Select:
    if f.queue_ids:
        stmt = stmt.where(CaseRow.queue_id.in_(sorted(f.queue_ids)))
    if f.priorities:
        stmt = stmt.where(CaseRow.priority_rank.in_(sorted(Priority(p).rank for p in f.priorities)))
    statuses = frozenset(str(s) for s in f.statuses)
    if is_active_only(statuses):
        stmt = stmt.where(active_cases())  # the partial indexes' own condition (app.store.active)
        if statuses != ACTIVE_STATUS_VALUES:
            stmt = stmt.where(CaseRow.status.in_(sorted(statuses)))
    elif statuses:
        stmt = stmt.where(CaseRow.status.in_(sorted(statuses)))
    if f.assignee == "me":
        stmt = stmt.where(CaseRow.assignee_id == (f.me or ""))
    elif f.assignee == "unassigned":
        stmt = stmt.where(CaseRow.assignee_id.is_(None))
    running = (CaseRow.paused_since.is_(None), CaseRow.sla_met_at.is_(None))
    if f.sla == "paused":
        stmt = stmt.where(CaseRow.paused_since.is_not(None), CaseRow.sla_met_at.is_(None))
    elif f.sla == "breached":
        stmt = stmt.where(*running, CaseRow.due_at <= now)
    elif f.sla == "at_risk":
        stmt = stmt.where(*running, CaseRow.warning_at <= now, CaseRow.due_at > now)
    text = f.text.strip()
    if text:
        pattern = _like(text)
        queue_match = select(QueueRow.id).where(QueueRow.name.like(pattern, escape="\\"))
        stmt = stmt.where(
            or_(
                CaseRow.id.like(pattern, escape="\\"),
                CaseRow.decision_id.like(pattern, escape="\\"),
                CaseRow.customer_name.like(pattern, escape="\\"),
                CaseRow.queue_id.like(pattern, escape="\\"),
                CaseRow.queue_id.in_(queue_match),
            )
        )
    return stmt


def inbox_select(f: InboxFilter, now: datetime) -> Select:
    """The SELECT of ids for ``f`` in display order (exposed for EXPLAIN QUERY PLAN)."""
    keys = SORTS.get(f.sort)
    if keys is None:
        raise ValueError(f"unknown inbox sort {f.sort!r}")
    order = [k.desc() if f.descending else k.asc() for k in keys]
    return _filtered(select(CaseRow.id), f, now).order_by(*order)


def inbox_count(session: Session, f: InboxFilter, now: datetime) -> int:
    stmt = _filtered(select(func.count()).select_from(CaseRow), f, now)
    return int(session.execute(stmt).scalar_one())


def inbox_ids(
    session: Session | Connection,
    f: InboxFilter,
    now: datetime,
    offset: int = 0,
    limit: int = 500,
) -> list[str]:
    """Ids of the cases ``f`` selects, in display order (an ORM session or a Core connection:
    the latter is about twice as fast for long results)."""
    stmt = inbox_select(f, now).offset(offset).limit(limit)
    result = session.execute(stmt)
    cursor = getattr(result, "cursor", None)  # a Core result: ids need no type processing,
    if cursor is not None:  # so skip building a Row per id (a third of the time for 5 000)
        return [row[0] for row in cursor.fetchall()]
    return list(result.scalars().all())


_ROW_COLUMNS = (
    CaseRow.id,
    CaseRow.decision_id,
    CaseRow.priority_rank,
    CaseRow.status,
    CaseRow.queue_id,
    QueueRow.name,
    CaseRow.assignee_id,
    CaseRow.due_at,
    CaseRow.warning_at,
    CaseRow.paused_since,
    CaseRow.sla_met_at,
    CaseRow.customer_name,
    CaseRow.customer_masked,
    CaseRow.amount,
    CaseRow.updated_at,
    CaseRow.pending_sync,
)
_PRIORITY_OF_RANK = {p.rank: p for p in Priority}


def _inbox_row(r) -> InboxRow:
    rank = r[2]
    priority = _PRIORITY_OF_RANK.get(rank) or Priority(f"p{rank}")
    return InboxRow(
        r[0], r[1], priority, r[3], r[4], r[5] or r[4], *r[6:16]
    )  # fields in _ROW_COLUMNS order


def inbox_rows(session: Session, ids: list[str]) -> list[InboxRow]:
    """The shown columns of ``ids``, in the order given (missing ids are left out)."""
    return [row for row, _sla in inbox_rows_with_sla(session, ids)]


def inbox_rows_with_sla(session: Session, ids: list[str]) -> list[tuple[InboxRow, object]]:
    """``inbox_rows`` plus each case's raw ``data.sla`` (JSON text or None), in one query.

    Reads only the shown columns (never the whole ``data`` document)."""
    if not ids:
        return []
    stmt = (
        select(*_ROW_COLUMNS, func.json_extract(CaseRow.data, "$.sla"))
        .outerjoin(QueueRow, QueueRow.id == CaseRow.queue_id)
        .where(CaseRow.id.in_(ids))
    )
    found: dict[str, tuple[InboxRow, object]] = {}
    for r in session.execute(stmt):
        found[r[0]] = (_inbox_row(r), r[16])
    return [found[i] for i in ids if i in found]


_CELL_COLUMNS = (
    CaseRow.id,
    CaseRow.priority_rank,
    CaseRow.status,
    CaseRow.queue_id,
    QueueRow.name,
    CaseRow.assignee_id,
    CaseRow.customer_name,
    CaseRow.customer_masked,
    CaseRow.amount,
    CaseRow.updated_at,
    CaseRow.pending_sync,
    func.json_extract(CaseRow.data, "$.sla"),
)


def inbox_cells(session: Session | Connection, ids: list[str]) -> list[tuple]:
    """What an inbox line shows, lighter than ``inbox_rows_with_sla`` (no SLA time columns to
    convert): tuples of (id, priority_rank, status, queue_id, queue name or None, assignee_id,
    customer_name, customer_masked, amount, updated_at, pending_sync, raw ``data.sla``), in the
    order of ``ids`` (missing ids are left out).

    On SQLite the statement runs on the sqlite3 connection (its text built once; the driver
    keeps it prepared): SQLAlchemy's statement building and result processing cost more than
    SQLite's own work for a screen of rows, which a scrolling view reads every frame."""
    if not ids:
        return []
    conn = session if isinstance(session, Connection) else session.connection()
    if conn.dialect.name == "sqlite":
        dbapi = conn.connection.driver_connection
        marks = ",".join("?" * len(ids))
        rows = dbapi.execute(_cells_sql(conn) + f" WHERE cases.id IN ({marks})", ids).fetchall()
        found = {r[0]: (*r[:9], read_time(r[9]), *r[10:]) for r in rows}
    else:
        stmt = _cells_select().where(CaseRow.id.in_(ids))
        found = {r[0]: tuple(r) for r in conn.execute(stmt)}
    return [found[i] for i in ids if i in found]


def _cells_select() -> Select:
    return select(*_CELL_COLUMNS).outerjoin(QueueRow, QueueRow.id == CaseRow.queue_id)


_CELLS_SQL: list[str] = []


def _cells_sql(conn: Connection) -> str:
    """The cells statement's SQLite text without its WHERE clause (binds rendered inline)."""
    if not _CELLS_SQL:
        compiled = _cells_select().compile(
            dialect=conn.dialect, compile_kwargs={"literal_binds": True}
        )
        _CELLS_SQL.append(str(compiled))
    return _CELLS_SQL[0]
