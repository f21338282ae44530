"""Per-transaction state and the write path's hot statements of the reference server.

``tx_cache`` keeps values for the session's current transaction only (the writer lock taken,
the last seq assigned, versions read). :class:`Hot` runs a statement built once with SQLAlchemy
Core, whose compiled-statement cache compiles it once. :class:`Encoded` / ``json_dumps``: a JSON
document encoded once for the entity row and its change row (the engines' JSON serializer).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session


class Encoded:
    """A JSON document already encoded to text: bound as is to a JSON column (the engines'
    ``json_serializer``), so a document written to several rows is encoded once."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def json_dumps(value: Any) -> str:
    """The engines' JSON serializer: ``json.dumps`` (SQLAlchemy's default), or the text of an
    :class:`Encoded` document."""
    return value.text if isinstance(value, Encoded) else json.dumps(value)


def tx_cache(session: Session) -> dict:
    """Values that hold until the session's current transaction ends (commit or rollback):
    the writer lock taken, the last change / audit seq assigned under it. An empty, unsaved
    dict when no transaction has begun yet (nothing is cached then)."""
    tx = session.get_transaction()
    if tx is None:
        return {}
    cached = session.info.get("tx_cache")
    if cached is None or cached[0] is not tx:
        cached = session.info["tx_cache"] = (tx, {})
    return cached[1]


class Hot:
    """A statement of the write path, built once, run with ``hot.run(session, params)``.

    SQLAlchemy Core on the connection of the session's transaction: the statement object is
    built once, so its cache key is the same on every call and the engine's compiled-statement
    cache (``compiled_cache``, keyed by the statement and the parameter keys) compiles it once.
    Returns the rows of a SELECT (``Row``: attribute access by column key), else the rowcount."""

    __slots__ = ("is_select", "stmt")

    def __init__(self, stmt: Any) -> None:
        self.stmt = stmt
        self.is_select = isinstance(stmt, Select)

    def run(self, session: Session, params: dict[str, Any]) -> Any:
        result = session.connection().execute(self.stmt, params)
        return result.all() if self.is_select else result.rowcount
