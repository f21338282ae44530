"""Per-transaction state and the write path's hot statements of the reference server.

``tx_cache`` keeps values for the session's current transaction only (the writer lock taken,
the last seq assigned, versions read, the sqlite3 connection). :class:`Hot` runs a statement
built once on the sqlite3 connection of that transaction, as SQLAlchemy would run it, without
its per-statement machinery. :class:`Encoded` / ``json_dumps``: a JSON document encoded once for
the entity row and its change row (the engines' JSON serializer).
"""

from __future__ import annotations

import json
from collections import namedtuple
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

    On SQLite it runs on the sqlite3 connection of the session's transaction: compiled once per
    dialect and parameter-key set; binds and result columns go through the column types' own
    processors for the dialect (what SQLAlchemy's execution does, without its per-statement
    machinery — cache lookup, execution context, result objects — which cost several times
    SQLite's own work). Elsewhere (PostgreSQL), and for a statement that does not compile to
    plain positional SQL, it is ``session.execute``. Returns the rows (named tuples) of a SELECT,
    else the rowcount."""

    def __init__(self, stmt: Any) -> None:
        self.stmt = stmt
        self.is_select = isinstance(stmt, Select)
        self._prepared: dict[tuple[Any, tuple[str, ...]], Any] = {}

    def _prepare(self, dialect: Any, keys: tuple[str, ...]) -> Any:
        column_keys = None if self.is_select else list(keys)
        compiled = self.stmt.compile(dialect=dialect, column_keys=column_keys)
        sql, order = compiled.string, compiled.positiontup
        if order is None or "POSTCOMPILE" in sql:
            return None
        binds = [compiled.binds[name] for name in order]
        bind = tuple(
            (name, b.type.dialect_impl(dialect).bind_processor(dialect), b.effective_value)
            for name, b in zip(order, binds, strict=True)
        )
        result = None
        if self.is_select:
            columns = list(self.stmt.selected_columns)
            row = namedtuple("Row", [c.key for c in columns], rename=True)  # type: ignore[misc]
            procs = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns]
            result = (row, procs)
        return sql, bind, result

    def run(self, session: Session, params: dict[str, Any]) -> Any:
        if session.info.get("pg"):
            return self._fallback(session, params)
        dbapi = _driver(session)
        dialect = session.get_bind().dialect
        key = (dialect, tuple(params))
        prepared = self._prepared.get(key, False)
        if prepared is False:
            if len(self._prepared) > 64:  # engines come and go (tests): keep the few in use
                self._prepared.clear()
            prepared = self._prepared[key] = self._prepare(dialect, key[1])
        if prepared is None:
            return self._fallback(session, params)
        sql, bind, result = prepared
        args = []
        for name, process, default in bind:
            value = params.get(name, default)
            args.append(value if process is None else process(value))
        cursor = dbapi.execute(sql, args)
        if result is None:
            return cursor.rowcount
        row, procs = result
        return [
            row(*[v if p is None else p(v) for p, v in zip(procs, raw, strict=True)])
            for raw in cursor.fetchall()
        ]

    def _fallback(self, session: Session, params: dict[str, Any]) -> Any:
        found = session.execute(self.stmt, params)
        return list(found) if self.is_select else found.rowcount


def _driver(session: Session) -> Any:
    """The sqlite3 connection of the session's transaction (begun if needed), once per
    transaction."""
    cache = tx_cache(session)
    dbapi = cache.get("driver")
    if dbapi is None:
        dbapi = session.connection().connection.driver_connection
        tx_cache(session)["driver"] = dbapi
    return dbapi
