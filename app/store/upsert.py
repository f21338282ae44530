"""The version-guarded upsert of the feed's entities, run on the sqlite3 connection itself.

``INSERT … ON CONFLICT (id) DO UPDATE … WHERE excluded.version > version`` per entity kind,
compiled once; the binds are processed as SQLAlchemy would (same SQL, same stored text) and the
rows sent with one ``executemany``. With an ``on_error`` callback a row that cannot be bound or
stored (a malformed time, an integer past SQLite's 64 bits) is left out and reported while the
other rows are written (``app.store.apply`` keeps such entries aside).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.sqlite import Insert, insert
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite as sqlite_dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from app.domain.enums import EntityKind
from app.store import quarantine
from app.store.extract import MODELS

_LOCAL_COLUMNS = frozenset({"id", "pending_sync"})  # never overwritten by the server's copy


@functools.cache
def _upsert_statement(kind: EntityKind, force: bool) -> Insert:
    """INSERT … ON CONFLICT DO UPDATE … WHERE newer, built once per kind (compiled once)."""
    table = MODELS[kind].__table__
    stmt = insert(table)
    newer = (
        stmt.excluded.version >= table.c.version
        if force
        else (stmt.excluded.version > table.c.version)
    )
    updates = {c.name: stmt.excluded[c.name] for c in table.c if c.name not in _LOCAL_COLUMNS}
    return stmt.on_conflict_do_update(index_elements=["id"], set_=updates, where=newer)


_NAMED = sqlite_dialect(paramstyle="named")


@functools.cache
def _upsert_text(
    kind: EntityKind, force: bool, keys: tuple[str, ...]
) -> tuple[TextClause, dict[str, Any]] | None:
    """The upsert for one set of value keys as a cacheable ``text()`` with typed binds.

    SQLAlchemy never caches the SQLite ``ON CONFLICT`` insert (``Insert.inherit_cache`` is
    False), so every execution compiled it again; the SQL is the same, compiled once here.
    Scalar column defaults of the columns not in ``keys`` are bound as the insert would.
    """
    table = MODELS[kind].__table__
    defaults: dict[str, Any] = {}
    for column in table.c:
        if column.name in keys or column.default is None:
            continue
        if not column.default.is_scalar:
            return None  # a callable default: keep the plain statement
        defaults[column.name] = column.default.arg
    names = [*keys, *defaults]
    compiled = _upsert_statement(kind, force).compile(dialect=_NAMED, column_keys=names)
    binds = [bindparam(name, type_=table.c[name].type) for name in names]
    return text(str(compiled)).bindparams(*binds), defaults


Processors = tuple[tuple[str, Callable[[Any], Any] | None], ...]


@functools.lru_cache(maxsize=256)
def _upsert_driver_sql(
    kind: EntityKind, force: bool, keys: tuple[str, ...], dialect: Any
) -> tuple[str, Processors, dict[str, Any]] | None:
    """The upsert of :func:`_upsert_text` for the sqlite3 driver itself: its SQL (``:name``
    binds) and each bind's processor for ``dialect`` (the column types' own, e.g. JSON text with
    the store's serializer, UtcDateTime text)."""
    prepared = _upsert_text(kind, force, keys)
    if prepared is None:
        return None
    stmt, defaults = prepared
    table = MODELS[kind].__table__
    processors = tuple(
        (name, table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        for name in (*keys, *defaults)
    )
    return stmt.text, processors, defaults


def driver_connection(session: Session) -> Any:
    """The session's sqlite3 connection, inside the session's transaction (begun if needed).

    For the few hot statements whose SQLAlchemy execution (compiled-cache lookup, execution
    context, bind and result processing) cost several times SQLite's own work. Looked up once
    per transaction (``Session.connection()`` is not free either)."""
    tx = session.get_transaction()
    cached = session.info.get("driver_connection")
    if tx is not None and cached is not None and cached[0] is tx:
        return cached[1]
    dbapi = session.connection().connection.driver_connection
    session.info["driver_connection"] = (session.get_transaction(), dbapi)
    return dbapi


OnError = Callable[[str, BaseException], None]  # (entity id, what its row raised)


def execute_upsert(
    session: Session,
    kind: EntityKind,
    force: bool,
    rows: list[dict[str, Any]],
    on_error: OnError | None = None,
) -> int:
    """Run the upsert for rows sharing one key set (executemany for several); rowcount.

    Executed on the sqlite3 connection with the binds processed as SQLAlchemy would (same SQL,
    same stored text); the plain statement where the text form is not available. With
    ``on_error`` a row that cannot be bound or stored is left out and reported, the others are
    written (see :func:`_run_rows`); without it the error propagates."""
    bind = session.get_bind()
    prepared = _upsert_driver_sql(kind, force, tuple(rows[0]), bind.dialect)
    if prepared is None or bind.dialect.name != "sqlite":
        stmt: Any = _upsert_statement(kind, force)

        def run_plain(batch: list[dict[str, Any]]) -> int:
            return session.execute(stmt, batch[0] if len(batch) == 1 else batch).rowcount

        if on_error is None:
            return run_plain(rows)
        return _run_rows(session, rows, run_plain, on_error)
    sql, processors, defaults = prepared
    params = []
    for row in rows:
        if defaults:
            row = {**defaults, **row}
        try:
            params.append({n: (p(row[n]) if p is not None else row[n]) for n, p in processors})
        except Exception as exc:
            if on_error is None or not quarantine.is_entry_error(exc):
                raise
            on_error(str(row["id"]), _column_error(row, processors, exc))
    if not params:
        return 0
    dbapi = driver_connection(session)

    def run(batch: list[dict[str, Any]]) -> int:
        if len(batch) == 1:
            return dbapi.execute(sql, batch[0]).rowcount
        return dbapi.executemany(sql, batch).rowcount

    if on_error is None:
        return run(params)
    return _run_rows(session, params, run, on_error)


def _column_error(row: dict[str, Any], processors: Processors, exc: BaseException) -> BaseException:
    """The column whose bind raised ``exc`` (looked up again, on this rare path only)."""
    for name, processor in processors:
        if processor is None:
            continue
        try:
            processor(row[name])
        except Exception as cause:
            return quarantine.ColumnError(name, cause)
    return exc


def _run_rows(
    session: Session,
    rows: list[dict[str, Any]],
    run: Callable[[list[dict[str, Any]]], int],
    on_error: OnError,
) -> int:
    """``run(rows)`` in a savepoint; if one row cannot be stored (SQLite refuses an integer
    past 64 bits, a constraint), the batch is undone and each row is written in its own
    savepoint, the failing ones reported to ``on_error``. Errors that are not a row's own
    (a locked database) propagate."""
    dbapi = driver_connection(session)
    dbapi.execute("SAVEPOINT feed_rows")
    try:
        count = run(rows)
    except Exception as exc:
        dbapi.execute("ROLLBACK TO feed_rows")
        dbapi.execute("RELEASE feed_rows")
        if not quarantine.is_entry_error(exc):
            raise
        if len(rows) == 1:
            on_error(str(rows[0]["id"]), exc)
            return 0
        return sum(_run_rows(session, [row], run, on_error) for row in rows)
    dbapi.execute("RELEASE feed_rows")
    return count
