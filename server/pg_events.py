"""Live events shared by every instance over one PostgreSQL database (API.md "Live events").

:class:`PgEventBus` keeps :class:`server.events.EventBus`'s interface (``publish``,
``subscribe``, ``stream``, ``close``) and holds nothing another instance needs:

* ``publish`` inserts the event into the ``events`` table in a short transaction of its own,
  its id taken from the sequence ``rws_event_ids`` under the transaction-level advisory lock
  ``EVENTS_LOCK``, and ``pg_notify('rws_events', id)`` in the same transaction — lock, row and
  notification in one statement. The lock is held until COMMIT, so ids commit in increasing
  order: a reader that has seen id n never sees a smaller id commit later.
* The ``change`` event of a write transaction (``{seq}``, its highest change seq) is stored by
  that transaction itself, just before it commits (``ServerDB.before_commit``, called by
  server/storage.py after the audit events' pending rows): a process killed
  right after a commit cannot lose its change event. The same event published again after the
  commit (``commit_mutation``, the scheduler) is dropped.
* One listener thread per instance ``LISTEN``s on its own connection; on a notification (or every
  ``poll_s`` seconds, which also catches up after a lost connection) it reads the rows past the
  last id it handed out and gives them to the subscribers of this instance, in id order. The
  publishing instance's own subscribers get their events the same way, so every instance sees one
  order.
* ``subscribe(last_event_id)`` reads the backlog from the table, so ``Last-Event-ID`` from any
  instance resumes on any other. Rows older than ``retention_s`` are pruned (the newest row is
  kept, so ids never start again).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from datetime import UTC, datetime, timedelta

import psycopg
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from server import tables as t
from server.events import Event, EventBus, Subscription, encode_data, notify_all
from server.storage import ServerDB

log = logging.getLogger(__name__)
CHANNEL = "rws_events"
EVENTS_LOCK = 724_002  # advisory lock id for event id assignment
_E = t.events.c
ID_SEQUENCE = "rws_event_ids"
# The lock, the row (its id from the sequence, taken after the lock: ids are taken, and commit,
# in lock order) and its notification in one statement, one round trip. A sequence, not
# MAX(id) + 1: the statement's snapshot is taken before it waits for the lock.
_INSERT = text(
    f"WITH held AS MATERIALIZED (SELECT pg_advisory_xact_lock({EVENTS_LOCK})), "
    "row AS (INSERT INTO events (id, type, data, at) "
    f"SELECT nextval('{ID_SEQUENCE}'), :type, :data, :at FROM held RETURNING id) "
    f"SELECT id, pg_notify('{CHANNEL}', CAST(id AS text)) FROM row"
)
_LOCK = select(func.pg_advisory_xact_lock(EVENTS_LOCK))
# A database from before the sequence: it starts after the highest stored id (under the lock,
# so no instance takes an id meanwhile).
_ENSURE_SEQUENCE = f"CREATE SEQUENCE IF NOT EXISTS {ID_SEQUENCE}"
_CATCH_UP = text(
    f"SELECT setval('{ID_SEQUENCE}', top) FROM (SELECT COALESCE(MAX(id), 0) AS top FROM events) m "
    f"WHERE top > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
    f"FROM {ID_SEQUENCE})"
)
_BATCH = 5_000
# After a notification the listener waits this long before it reads, so the events of a busy
# moment go to each subscriber together (one wake-up and one chunk per subscriber instead of one
# per event): the fan-out to 200 streams was most of an instance's CPU per mutation.
COALESCE_S = 0.015


def psycopg_dsn(db: ServerDB) -> str:
    """The engine's URL as a libpq connection string (for psycopg's own connections)."""
    return db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


class PgEventBus(EventBus):
    def __init__(
        self,
        db: ServerDB,
        retention_s: float = 900,
        *,
        poll_s: float = 1.0,
        coalesce_s: float = COALESCE_S,
    ) -> None:
        super().__init__(retention_s)
        self.db = db
        self.poll_s = poll_s
        self.coalesce_s = coalesce_s
        self._dsn = psycopg_dsn(db)
        with db.engine.begin() as conn:
            conn.execute(_LOCK)
            conn.exec_driver_sql(_ENSURE_SEQUENCE)
            conn.execute(_CATCH_UP)
            self._last = int(conn.execute(select(func.coalesce(func.max(_E.id), 0))).scalar_one())
        self._stop = threading.Event()
        self._pruned = 0.0
        self._stored_change = 0  # the highest change seq whose event a transaction stored
        db.before_commit = self._store_change
        self._thread = threading.Thread(target=self._listen, name="pg-events", daemon=True)
        self._thread.start()

    # -- publishing -------------------------------------------------------------------------
    def publish(self, type: str, data: dict) -> int:
        """Store one event (committed before this returns) and notify every instance; 0 when it
        could not be stored (logged: the caller's own work is done and stays done)."""
        if self._closed:
            return 0
        if type == "change" and isinstance(data.get("seq"), int):
            with self._lock:
                if data["seq"] <= self._stored_change:
                    return 0  # its transaction stored it already
        try:
            with self.db.engine.begin() as conn:
                return self._insert(conn, type, data)
        except Exception:  # a committed mutation must not answer 500 for its event
            log.exception("event %s not published", type)
            return 0

    @staticmethod
    def _insert(conn, type: str, data: dict) -> int:
        """The event's row (id from the sequence, under ``EVENTS_LOCK``) and its notification,
        in the connection's transaction: one statement."""
        at = datetime.now(UTC).replace(tzinfo=None)
        params = {"type": type, "data": encode_data(data), "at": at}
        return int(conn.execute(_INSERT, params).first()[0])

    def _store_change(self, session: Session) -> None:
        """``before_commit`` of every write transaction: its ``change`` event, in it (after the
        transaction's pending audit rows). The event only says "pull now": the
        feed serves the change once the xid horizon passes it (server/feed_seq.py)."""
        changed = session.info.get("changed")
        if not changed or self._closed:
            return
        seq = max(seq for _k, _i, seq in changed)
        self._insert(session.connection(), "change", {"seq": seq})
        changed.clear()  # published; a later commit in this session publishes its own
        with self._lock:
            self._stored_change = max(self._stored_change, seq)

    # -- reading ----------------------------------------------------------------------------
    def _rows(self, after: int, upto: int | None = None) -> list[Event]:
        stmt = select(_E.id, _E.type, _E.data).where(_E.id > after).order_by(_E.id).limit(_BATCH)
        if upto is not None:
            stmt = stmt.where(_E.id <= upto)
        now = self._clock()
        with self.db.read_one() as conn:  # one round trip (autocommit)
            return [Event(int(r.id), r.type, r.data, now) for r in conn.execute(stmt)]

    @property
    def last_id(self) -> int:
        with self._lock:
            return self._last

    def retained(self, after: int | None = None) -> list[Event]:
        return self._rows(after or 0)

    def subscribe(
        self, last_event_id: int | None = None, loop: asyncio.AbstractEventLoop | None = None
    ) -> Subscription:
        """Register a subscriber; with ``last_event_id`` its queue starts with what it missed,
        read from the table up to the last id this instance handed out (under the lock, so the
        listener hands it everything after that: nothing missed or doubled)."""
        sub = Subscription(loop=loop, max_queue=self.subscriber_queue)
        with self._lock:
            if self._closed:
                sub.closed = True
                return sub
            sub.after = self._last if last_event_id is None else last_event_id
            backlog: list[Event] = []
            while True:
                more = self._rows(backlog[-1].id if backlog else sub.after, self._last)
                backlog += more
                if len(more) < _BATCH:
                    break
            sub.queue.extend(backlog)
            sub.max_queue = max(sub.max_queue, len(backlog) + self.subscriber_queue)
            self._subs.add(sub)
        return sub

    # -- the listener -------------------------------------------------------------------------
    def _dispatch(self) -> None:
        while True:
            rows = self._rows(self._last)
            if not rows:
                return
            to_wake: list[Subscription] = []
            with self._lock:
                fresh = [e for e in rows if e.id > self._last]
                if fresh:
                    self._last = fresh[-1].id
                for sub in list(self._subs):
                    mine = [e for e in fresh if e.id > sub.after]
                    if not mine:
                        continue
                    if len(sub.queue) + len(mine) > sub.max_queue:
                        sub.dropped = True  # it reconnects with Last-Event-ID and catches up
                        self._subs.discard(sub)
                    else:
                        sub.queue.extend(mine)
                        sub.after = mine[-1].id
                    to_wake.append(sub)
            notify_all(to_wake)
            if len(rows) < _BATCH:
                return

    def _prune(self) -> None:
        now = time.monotonic()
        if now - self._pruned < min(60.0, self.retention_s):
            return
        self._pruned = now
        cutoff = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=self.retention_s)
        with self.db.engine.begin() as conn:
            conn.execute(
                text("DELETE FROM events WHERE at < :cutoff AND id < (SELECT MAX(id) FROM events)"),
                {"cutoff": cutoff},
            )

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    while not self._stop.is_set():
                        self._dispatch()  # also catches up after a (re)connect
                        self._prune()
                        woken = False
                        for _ in conn.notifies(timeout=self.poll_s, stop_after=1):
                            woken = True
                        if woken and self.coalesce_s:
                            self._stop.wait(self.coalesce_s)  # the events of the next few ms too
            except Exception:
                if self._stop.is_set():
                    return
                log.warning("event listener lost its connection; reconnecting", exc_info=True)
                self._stop.wait(min(self.poll_s, 1.0))

    def close(self) -> None:
        super().close()
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(self.poll_s + 5)
