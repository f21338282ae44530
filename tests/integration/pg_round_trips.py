"""Count the PostgreSQL round trips a request costs (issue 15): a counter on a server's engine.

A round trip is a message the server process sends PostgreSQL and waits for an answer to:

* every statement SQLAlchemy runs (``before_cursor_execute``; an executemany counts once, as
  psycopg sends it in one pipeline);
* the ``BEGIN`` psycopg sends before the first statement of a transaction (SQLAlchemy's ``begin``
  event of a connection that then runs a statement, unless the connection is in autocommit);
* ``COMMIT`` and ``ROLLBACK`` of a transaction that ran a statement (psycopg sends nothing for an
  idle connection);
* the pool's pre-ping on checkout (``dialect.do_ping``).

Only the threads that serve requests are counted: the event listener thread of
:class:`server.pg_events.PgEventBus` (``pg-events``) reads new events once per notification,
shared by every mutation of that moment, and the audit chainer's thread
(:class:`server.audit_chainer.AuditChainer`, ``audit-chainer``) chains the audit events of every
mutation of that moment in one transaction; both are reported apart.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

LISTENER = "pg-events"
CHAINER = "audit-chainer"
APART = {LISTENER: "listener", CHAINER: "chainer"}  # background threads, not counted in total


class RoundTrips:
    """Round trips of an engine by kind (``statement``, ``begin``, ``commit``, ``rollback``,
    ``ping``), for the request threads; ``listener`` and ``chainer`` for the round trips of the
    event listener and of the audit chainer."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.counts: Counter[str] = Counter()
        self.statements: list[str] = []
        self._lock = threading.Lock()
        self._open: set[int] = set()  # connections in a transaction that ran a statement
        self._begun: set[int] = set()  # connections SQLAlchemy began, no statement yet

    def _add(self, kind: str, sql: str | None = None) -> None:
        kind = APART.get(threading.current_thread().name, kind)
        with self._lock:
            self.counts[kind] += 1
            if sql is not None and kind not in APART.values():
                self.statements.append(" ".join(sql.split())[:120])

    # -- events ------------------------------------------------------------------------------
    def _begin(self, conn: Any) -> None:
        self._begun.add(id(conn))

    def _execute(self, conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        key = id(conn)
        if key in self._begun:
            self._begun.discard(key)
            if not getattr(conn.connection.driver_connection, "autocommit", False):
                self._open.add(key)  # psycopg sends BEGIN first (none in autocommit)
                self._add("begin", "BEGIN")
        self._add("statement", sql)

    def _end(self, kind: str) -> Any:
        def handler(conn: Any) -> None:
            key = id(conn)
            self._begun.discard(key)
            if key in self._open:
                self._open.discard(key)
                self._add(kind, kind.upper())

        return handler

    def _ping(self, dbapi_connection: Any) -> bool:
        self._add("ping", "ping")
        return self._do_ping(dbapi_connection)

    @contextmanager
    def installed(self) -> Iterator[RoundTrips]:
        handlers = [
            ("begin", self._begin),
            ("before_cursor_execute", self._execute),
            ("commit", self._end("commit")),
            ("rollback", self._end("rollback")),
        ]
        for name, fn in handlers:
            event.listen(self.engine, name, fn)
        dialect = self.engine.dialect
        self._do_ping = dialect.do_ping
        dialect.do_ping = self._ping  # type: ignore[method-assign]
        try:
            yield self
        finally:
            dialect.do_ping = self._do_ping  # type: ignore[method-assign]
            for name, fn in handlers:
                event.remove(self.engine, name, fn)

    def reset(self) -> None:
        with self._lock:
            self.counts.clear()
            self.statements.clear()

    @property
    def total(self) -> int:
        """Round trips of the request threads (the listener and the chainer apart)."""
        return sum(n for kind, n in self.counts.items() if kind not in APART.values())
