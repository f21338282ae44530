"""Active cases in the store: one SQL text for ``app.rules.lifecycle.ACTIVE_STATUSES``, shared by
the partial indexes over active cases (``CaseRow``, schema step 8) and the inbox's query.

SQLite uses a partial index only when the query's WHERE holds the index's WHERE term as the same
expression, value for value and in the same order; a bound parameter never matches it. So the
query does not bind the active statuses: it carries this text, which the inbox adds whenever the
statuses asked for are active ones (``app.store.inbox``).

The text is ``+status IN (…)``: the unary plus keeps the term off the full indexes that start
with ``status``. Their sampled statistics (``app.store.stats``) count at most ~5 000 rows per
status, so at 1 000 000 cases (660 000 active) the planner took ``status IN (…)`` for a small
range, read every active case through it and sorted them all (1.4 s median of the benchmark's
filters, up to 6 s for one); with the plus only the partial indexes, holding the active cases in
each sort's order, can serve the term, and a sorted page stops after its last row.

Were ``ACTIVE_STATUSES`` to change, the indexes of older files would no longer match the query:
results stay right (a partial index is only used when the query implies its WHERE), the sorts get
slow again until a schema step rebuilds the indexes with the new text.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, text

from app.rules.lifecycle import ACTIVE_STATUSES

_VALUES = sorted(ACTIVE_STATUSES)
if not all(v.isidentifier() for v in _VALUES):  # written into SQL as literals
    raise ValueError(f"active statuses must be plain words: {_VALUES!r}")


def _status_in(column: str) -> str:
    return f"+{column} IN ({', '.join(repr(v) for v in _VALUES)})"


ACTIVE_WHERE = _status_in("status")
"""The WHERE of the partial indexes over active cases (``+status IN ('awaiting_docs', …)``)."""

ACTIVE_STATUS_VALUES = frozenset(_VALUES)


def active_cases() -> ColumnElement[bool]:
    """The inbox's condition "the case is active", written as the indexes' WHERE."""
    return text(_status_in("cases.status"))


def is_active_only(statuses: frozenset[str]) -> bool:
    """Whether every status asked for is an active one (then the index condition holds too)."""
    return bool(statuses) and statuses <= ACTIVE_STATUS_VALUES
