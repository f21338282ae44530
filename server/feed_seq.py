"""Change-feed ``seq`` on PostgreSQL without a global writer lock, and the server's named locks.

SQLite has one writer at a time (``BEGIN IMMEDIATE``): there ``seq`` is ``max + 1`` and commit
order is seq order. On PostgreSQL writers run concurrently, so a seq taken early may commit late;
the feed stays gap-safe with the transaction-id horizon (as event stores on PostgreSQL do):

* A change row's ``seq`` is ``pos << FEED_SHIFT | (nextval('rws_change_ids') & LOW_MASK)`` where
  ``pos = GREATEST(pg_current_xact_id(), pos of the entity's previous change)``.
* ``GET /changes`` reads in one REPEATABLE READ snapshot and serves only rows with
  ``seq < horizon = pg_snapshot_xmin(snapshot) << FEED_SHIFT``, i.e. ``pos < xmin``.

Why nothing is skipped: a row is served only if ``pos < xmin``, so its transaction (``xid <= pos``)
had finished before the snapshot — every such committed row is visible, none is still to come.
Any transaction that commits later was running (or not yet begun) at the snapshot, so its xid,
hence every ``pos`` it writes, is ``>= xmin``: its rows sort after everything served, and a cursor
(the last seq served) never passes a change that commits late.

Why an entity's changes keep version order: a transaction that changes an entity after another
(its row lock waited, or its ``If-Match`` read came later) may hold an older xid; taking the
entity's previous ``pos`` as a floor keeps its change after the earlier one (same ``pos``: the
later ``nextval`` wins). The previous change is visible to the statement that writes the new one:
the entity's row lock was taken by an earlier statement of this transaction (``get`` / ``query``
``FOR UPDATE``), and under READ COMMITTED each statement sees everything committed before it.

``seq`` stays a signed 64-bit integer while ``pos < 2**35`` (xid8 epochs 0-7, 34 billion
transactions); the low 28 bits only order changes that share a ``pos`` and would collide only
after 2**28 changes between a transaction's change and one bumped onto its ``pos``.
Rows written before this scheme (dense seqs below ``2**28``) have ``pos`` 0: served at once, and
every new seq is above them, so existing cursors stay valid.

The audit chain stays one linear chain by its own lock, taken once per batch by the chainer after
the mutations committed (server/audit_chain.py, server/audit_chainer.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Text, cast, func, literal_column, select
from sqlalchemy.orm import Session

from server.hot_sql import tx_cache

FEED_SHIFT = 28
LOW_MASK = (1 << FEED_SHIFT) - 1
CHANGE_IDS = "rws_change_ids"

# Transaction-level advisory locks (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises).
# 724_002 (events), 724_003 (leader) and 724_004 (seeding) are taken elsewhere.
SCHEMA_LOCK = 724_001  # tables and sequences created once when instances start together
AUDIT_LOCK = 724_005  # the audit chain's first head row (no row to lock yet): the chainer
TICK_LOCK = 724_006  # the scheduler's tick: two overlapping ticks never alert twice
UNMASK_LOCK = 724_007  # the unmask counter of every instance
COMPACT_LOCK = 724_008  # one compaction at a time

_XID = cast(cast(func.pg_current_xact_id(), Text), BigInteger)
_HORIZON = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)
# constants written into the SQL (``bigint >> integer``: no bind parameters of guessed types)
_SHIFT = literal_column(str(FEED_SHIFT))
_MASK = literal_column(str(LOW_MASK))
_ZERO = literal_column("0")


def next_seq_expr(previous: Any) -> Any:
    """The SQL expression of a new change's seq, ``previous`` being the entity's last change seq
    (a scalar subquery; NULL when it has none)."""
    pos = func.greatest(_XID, func.coalesce(previous, _ZERO).op(">>")(_SHIFT))
    low = func.nextval(literal_column(f"'{CHANGE_IDS}'")).op("&")(_MASK)
    return pos.op("<<")(_SHIFT).op("|")(low)


def horizon_expr() -> Any:
    """Seqs below this are safe to serve in the statement's snapshot (see the module docstring)."""
    return _HORIZON.op("<<")(_SHIFT)


def create_sequence_sql() -> str:
    return f"CREATE SEQUENCE IF NOT EXISTS {CHANGE_IDS}"


def lock(session: Session, key: int) -> None:
    """Take the transaction-level advisory lock ``key`` once per transaction (PostgreSQL only)."""
    if not session.info.get("pg"):
        return
    held = tx_cache(session).setdefault("locks", set())
    if key in held:
        return
    session.execute(_LOCKS.setdefault(key, _lock_stmt(key)))
    tx_cache(session).setdefault("locks", set()).add(key)  # the statement may have begun it


_LOCKS: dict[int, Any] = {}


def _lock_stmt(key: int) -> Any:
    return select(func.pg_advisory_xact_lock(literal_column(str(int(key)))))
