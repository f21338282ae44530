"""Planner statistics of the local store (``ANALYZE``).

Without statistics SQLite guesses that ``status IN (…)`` is selective, so the inbox's default
query walked the status index and sorted every active case in a temporary B-tree (150–250 ms
at 100 000 cases) instead of walking the sort index and stopping after the first page
(1–15 ms). ``ANALYZE`` with ``analysis_limit`` samples each index (~80 ms at 100 000 cases).
It runs on the sync engine's writer thread: at its start when the statistics are missing or
the case count has changed more than twofold since, and after a pull of many changes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

ANALYSIS_LIMIT = 5_000
"""Rows sampled per index (SQLite's ``PRAGMA analysis_limit``): a 1 000-row sample misjudged
the status index; 5 000 plans as well as a full ``ANALYZE`` at a seventh of its cost."""

MIN_ROWS = 1_000
"""Below this many cases every plan is fast; no statistics needed."""


def analyze(store: Any) -> None:
    """Refresh the planner statistics of every table (sampled)."""
    with store.engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")


def known_case_rows(store: Any) -> int | None:
    """The case count the statistics were made for (None: no statistics)."""
    with store.engine.connect() as conn:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
        ).scalar()
        if not exists:
            return None
        stat = conn.execute(
            text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'cases' AND stat IS NOT NULL LIMIT 1")
        ).scalar()
    try:
        return int(str(stat).split()[0]) if stat else None
    except ValueError:
        return None


def analyze_if_stale(store: Any) -> bool:
    """:func:`analyze` when the statistics are missing or off by more than twofold; True when
    it ran."""
    with store.engine.connect() as conn:
        rows = int(conn.exec_driver_sql("SELECT count(*) FROM cases").scalar() or 0)
    known = known_case_rows(store)
    if known is None:
        stale = rows >= MIN_ROWS
    else:
        stale = rows > 2 * known or 2 * rows < known
    if stale:
        analyze(store)
    return stale
