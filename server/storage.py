"""Server storage: one SQLAlchemy 2.0 engine over SQLite (WAL) or PostgreSQL, same code.

Change-feed ``seq`` never lets a client skip a change that commits late. On SQLite every
``db.session()`` transaction starts with ``BEGIN IMMEDIATE`` (one writer at a time, readers keep
going under WAL) and ``seq`` is ``max(seq) + 1``. On PostgreSQL writers run concurrently, with no
global lock: a seq carries its transaction id and the feed serves only seqs below the snapshot's
xmin horizon (server/feed_seq.py). ``db.read()`` opens a plain (deferred) transaction for queries.

First writer wins (version checks are atomic): on PostgreSQL a write transaction reads entities
with ``SELECT … FOR UPDATE`` (``get``, ``query``, the version ``put`` compares), so a status or
``If-Match`` compare and the write that follows it happen under the row's lock, as SQLite's
``BEGIN IMMEDIATE`` does for the whole transaction. Every update is also conditional
(``UPDATE … WHERE version = :expected``, the version this transaction read) and an insert of an
id that appeared meanwhile does nothing: either raises :class:`StaleVersion` (409) instead of
writing a second document with the same version.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, create_engine, event, func, insert, literal, select, update
from sqlalchemy import delete as sa_delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session

from app.domain.enums import ChangeOp, EntityKind
from app.domain.wire import format_time, parse_time
from server import feed_seq, passwords, pii
from server import tables as t
from server.files import secure_sqlite
from server.hot_sql import Encoded, Hot, json_dumps, tx_cache
from server.problems import ProblemError


def _naive(value: datetime | None) -> datetime | None:
    """UTC without tzinfo, as stored in DateTime columns."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


class ServerDB:
    """Engine + sessions. ``session()`` is a write transaction, ``read()`` a read transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        secure_sqlite(url)  # server/files.py: the file 0600 (its WAL / SHM follow), dir 0700
        # Called in each write transaction before it commits (server/pg_events.py: its change
        # event is stored in the same transaction).
        self.before_commit: Callable[[Session], None] | None = None
        # Called after a write transaction that queued audit events commits (PostgreSQL: wakes
        # this instance's audit chainer, server/audit_chainer.py).
        self.after_audit: Callable[[], None] | None = None
        # SQLite: writers of this process queue here instead of in SQLite's busy handler, which
        # sleeps (1, 2, 5 … 100 ms) between polls; BEGIN IMMEDIATE still guards other processes.
        self._write_lock = threading.RLock() if self.is_sqlite else None
        if self.is_sqlite:
            self.engine = self._sqlite_engine(url, "BEGIN IMMEDIATE")
            self.read_engine = self._sqlite_engine(url, "BEGIN")
        else:
            self.engine = create_engine(
                url,
                pool_size=20,  # the request thread pool (40) plus the event bus
                max_overflow=30,
                json_serializer=json_dumps,
            )
            _ping_when_idle(self.engine)
            self.read_engine = self.engine
        self.db_id = self._ensure_schema()

    @staticmethod
    def _sqlite_engine(url: str, begin: str) -> Engine:
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            json_serializer=json_dumps,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql(begin)

        return engine

    def _ensure_schema(self) -> str:
        """Tables and the database id, once: instances starting together over one PostgreSQL
        take turns (the schema lock; SQLite's ``BEGIN IMMEDIATE``)."""
        with self.session() as s:
            feed_seq.lock(s, feed_seq.SCHEMA_LOCK)
            t.metadata.create_all(s.connection())
            if not self.is_sqlite:
                s.connection().exec_driver_sql(feed_seq.create_sequence_sql())
            row = s.execute(select(t.meta.c.value).where(t.meta.c.key == "db_id")).first()
            if row:  # an existing database: the tables it lacks (added since) are kept
                s.commit()
                return row[0]
            db_id = uuid.uuid4().hex
            s.execute(
                insert(t.meta),
                [{"key": "db_id", "value": db_id}, {"key": "feed_floor", "value": "0"}],
            )
            s.commit()
            return db_id

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write session; commit explicitly, rolled back if left uncommitted."""
        lock = self._write_lock
        if lock is not None:
            lock.acquire()
        try:
            with Session(self.engine, expire_on_commit=False) as s:
                s.info["pg"] = not self.is_sqlite
                s.info["write"] = True
                if self.before_commit is not None:
                    s.info["before_commit"] = self.before_commit
                if self.after_audit is not None:
                    s.info["after_audit"] = self.after_audit
                yield s
        finally:
            if lock is not None:
                lock.release()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.read_engine) as s:
            yield s

    @contextmanager
    def read_one(self) -> Iterator[Connection]:
        """A connection for one read statement: on PostgreSQL in autocommit (one round trip,
        no BEGIN / ROLLBACK around it); on SQLite a plain read connection."""
        if self.is_sqlite:
            with self.read_engine.connect() as conn:
                yield conn
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    """Every write transaction, just before COMMIT: its queued audit events are written as
    pending rows (PostgreSQL, server/audit_chain.py; no lock), then the hook of
    ``ServerDB.before_commit`` (the change event, server/pg_events.py)."""
    if session.info.get("pg") and session.info.get("write"):
        flush_pending(session)
    hook = session.info.get("before_commit")
    if hook is not None:
        hook(session)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    """A commit that wrote pending audit rows wakes the instance's chainer (``after_audit``)."""
    if session.info.pop("audit_queued", False):
        wake = session.info.get("after_audit")
        if wake is not None:
            wake()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop("audit_queued", None)  # rolled back: nothing was written


IDLE_PING_S = 10.0  # a pooled PostgreSQL connection idle this long is pinged on checkout


def _ping_when_idle(engine: Engine) -> None:
    """Pessimistic disconnect handling without a round trip per checkout: a connection is pinged
    only when it sat in the pool ``IDLE_PING_S`` or more (a database restart or an idle timeout
    happens while nobody uses it); under load connections come back within milliseconds and go
    out again unpinged. A failed ping discards the connection and the pool opens a new one
    (SQLAlchemy's ``DisconnectionError`` protocol)."""

    @event.listens_for(engine, "checkin")
    def _checkin(_dbapi: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < IDLE_PING_S:
            return  # new, or back in the pool a moment ago
        try:
            engine.dialect.do_ping(dbapi)
        except Exception as exc:
            raise DisconnectionError(f"stale pooled connection: {exc}") from exc


def next_seq(session: Session, column: Any) -> int:
    """A new seq of ``column`` (the change feed's, or the audit chain's on SQLite).

    SQLite: ``max(column) + 1``, read once per transaction; later calls in the same transaction
    count on from the cached value (``BEGIN IMMEDIATE`` holds off every other writer).
    PostgreSQL, change feed: a seq of server/feed_seq.py, above every change visible now."""
    if session.info.get("pg") and column is t.changes.c.seq:
        return next_seqs(session, 1)[0]
    cache = tx_cache(session)
    last = cache.get(column)
    if last is None:
        stmt = _MAX_SEQ.get(column)
        if stmt is None:
            stmt = _MAX_SEQ[column] = select(func.coalesce(func.max(column), 0))
        last = int(session.execute(stmt).scalar_one())
        cache = tx_cache(session)  # the query may have begun the transaction
    cache[column] = last + 1
    return last + 1


def next_seqs(session: Session, n: int) -> list[int]:
    """PostgreSQL: ``n`` change seqs in increasing order, above every change visible now (new
    entities in bulk: no previous change of theirs can be newer)."""
    top = select(func.max(t.changes.c.seq)).scalar_subquery()
    series = func.generate_series(1, n).table_valued("i")
    stmt = select(feed_seq.next_seq_expr(top)).select_from(series)
    return sorted(int(v) for v in session.execute(stmt).scalars())


def _seq_taken(session: Session, column: Any, last: int) -> None:
    """Seqs up to ``last`` were written directly (bulk): later ``next_seq`` counts on from it."""
    tx_cache(session)[column] = last


def _index_columns(data: dict) -> dict:
    due = data.get("due_at")
    if due is None and isinstance(data.get("sla"), dict):
        due = data["sla"].get("due_at")
    status = data.get("status") or data.get("state")
    return {
        "status": str(status) if status is not None else None,
        "queue_id": data.get("queue_id") or data.get("queue"),
        "assignee_id": data.get("assignee_id") or data.get("agent_id"),
        "priority": data.get("priority"),
        "due_at": _naive(parse_time(due)) if isinstance(due, str) else None,
    }


def _kind(kind: EntityKind | str) -> str:
    return EntityKind(kind).value


# Statements of the hot path, built once (bind parameters ``k`` / ``i``): no per-call
# construction and cache-key generation.
_E = t.entities.c
_BY_KEY = (_E.kind == bindparam("k")) & (_E.id == bindparam("i"))
_GET_DATA = Hot(select(_E.data, _E.version).where(_BY_KEY))
_GET_VERSION = Hot(select(_E.version).where(_BY_KEY))
_GET_DATA_LOCKED = Hot(select(_E.data, _E.version).where(_BY_KEY).with_for_update())
_GET_VERSION_LOCKED = Hot(select(_E.version).where(_BY_KEY).with_for_update())
_UPDATE_ENTITY = Hot(update(t.entities).where(_BY_KEY & (_E.version == bindparam("expected"))))
_INSERT_ENTITY = Hot(insert(t.entities))
_INSERT_CHANGE = Hot(insert(t.changes))
_UPSERT = ChangeOp.UPSERT.value
_MAX_SEQ: dict[Any, Any] = {}


def _with_change(written: Any, op: str, version: Any, data: Any) -> Any:
    """PostgreSQL: ``INSERT INTO changes`` the rows of the CTE ``written`` (an entity write
    returning kind and id), each with a new seq (server/feed_seq.py) above the entity's previous
    change; ``RETURNING seq``. No row back when the write hit no row."""
    c = t.changes.c
    previous = (
        select(func.max(c.seq))
        .where(c.kind == written.c.kind, c.id == written.c.id)
        .scalar_subquery()
    )
    rows = select(
        feed_seq.next_seq_expr(previous), written.c.kind, written.c.id, literal(op), version, data
    )
    return (
        insert(t.changes)
        .from_select(["seq", "kind", "id", "op", "version", "data"], rows)
        .returning(c.seq)
    )


def _pg_update_with_change() -> Any:
    """PostgreSQL: the conditional entity update and its change row in one statement, one round
    trip; no row back when the version no longer held."""
    row = {name: bindparam(name, type_=_E[name].type) for name in _ENTITY_VALUES}
    updated = (
        update(t.entities)
        .where(_BY_KEY & (_E.version == bindparam("expected")))
        .values(**row)
        .returning(_E.kind, _E.id, _E.version, _E.data)
        .cte("updated")
    )
    return _with_change(updated, _UPSERT, updated.c.version, updated.c.data)


def _pg_insert_with_change() -> Any:
    """PostgreSQL: a new entity and its change row in one statement; no row back when another
    transaction inserted the id first (it waits for that one's COMMIT, then does nothing)."""
    row = {name: bindparam(name, type_=_E[name].type) for name in ("kind", "id", *_ENTITY_VALUES)}
    inserted = (
        pg_insert(t.entities)
        .values(**row)
        .on_conflict_do_nothing()
        .returning(_E.kind, _E.id, _E.version, _E.data)
        .cte("inserted")
    )
    return _with_change(inserted, _UPSERT, inserted.c.version, inserted.c.data)


def _pg_delete_with_change() -> Any:
    """PostgreSQL: delete an entity (under its row lock) and write its tombstone."""
    gone = (
        sa_delete(t.entities)
        .where(_E.kind == bindparam("k"), _E.id == bindparam("i"))
        .returning(_E.kind, _E.id, _E.version)
        .cte("gone")
    )
    return _with_change(gone, ChangeOp.DELETE.value, gone.c.version + 1, literal(None))


_ENTITY_VALUES = ("version", "updated_at", "data", "status", "queue_id", "assignee_id",
                  "priority", "due_at")  # fmt: skip
_PG_UPDATE_WITH_CHANGE = _pg_update_with_change()
_PG_INSERT_WITH_CHANGE = _pg_insert_with_change()
_PG_DELETE_WITH_CHANGE = _pg_delete_with_change()


_RETRYABLE = {"40P01", "40001"}  # deadlock detected, serialization failure


def lost_race(exc: BaseException) -> bool:
    """PostgreSQL chose this transaction as the victim of a deadlock (row locks taken in another
    order by a concurrent writer): rolled back, nothing of it stored — run it again."""
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) in _RETRYABLE


class StaleVersion(ProblemError):
    """A conditional update hit no row: another transaction changed the entity since this one
    read it. 409 ``conflict`` with the stored document as ``current``."""

    def __init__(self, kind: str, id: str, expected: int, current: dict | None) -> None:
        super().__init__(
            409,
            "conflict",
            f"{kind} {id} changed since version {expected} was read",
            current=current,
        )


def _locking(session: Session) -> bool:
    """A PostgreSQL write transaction: reads take the writer lock and the row lock."""
    info = session.info
    return bool(info.get("pg") and info.get("write"))


def get(session: Session, kind: EntityKind | str, id: str) -> dict | None:
    """An entity's document. In a write transaction the version read is remembered (``put``
    updates on condition of it); on PostgreSQL the row is read ``FOR UPDATE``, so whatever the
    caller decides on it still holds when it writes."""
    k = _kind(kind)
    params = {"k": k, "i": id}
    if _locking(session):
        rows = _GET_DATA_LOCKED.run(session, params)
    else:
        rows = _GET_DATA.run(session, params)
    if not rows:
        return None
    if session.info.get("write"):  # a version ``query`` saw first stays the condition
        tx_cache(session).setdefault("versions", {}).setdefault((k, id), rows[0].version)
    return dict(rows[0].data)


def _current_version(session: Session, k: str, id: str) -> int | None:
    """The stored version of an entity: the one this transaction read (``get``) or wrote
    (``put``) if any — the row lock (PostgreSQL) or ``BEGIN IMMEDIATE`` (SQLite) held since
    then keeps it current — else read now (on PostgreSQL ``FOR UPDATE``)."""
    versions = tx_cache(session).get("versions")
    if versions is not None and (k, id) in versions:
        return versions[(k, id)]
    params = {"k": k, "i": id}
    if _locking(session):
        rows = _GET_VERSION_LOCKED.run(session, params)
    else:
        rows = _GET_VERSION.run(session, params)
    return rows[0][0] if rows else None


def _stale(session: Session, k: str, id: str, expected: int) -> StaleVersion:
    rows = _GET_DATA.run(session, {"k": k, "i": id})
    return StaleVersion(k, id, expected, dict(rows[0].data) if rows else None)


def put(session: Session, kind: EntityKind | str, data: dict, *, actor: str, now: datetime) -> dict:
    """Insert or update an entity: version + 1, updated_at = now, one change row. Returns it."""
    k = _kind(kind)
    data = pii.protect(session, k, data)  # the one place identifiers are masked
    current = _current_version(session, k, data["id"])
    version = (current + 1) if current is not None else max(int(data.get("version") or 1), 1)
    stored = {**data, "version": version, "updated_at": format_time(now)}
    text = json.dumps(stored, default=str)
    stored = json.loads(text)  # plain JSON only
    encoded = Encoded(text)  # the same text for the entity and its change row
    values = {
        "version": version,
        "updated_at": _naive(now),
        "data": encoded,
        **_index_columns(stored),
    }
    key = {"k": k, "i": data["id"]}
    if session.info.get("pg"):
        if current is not None:
            params = {**key, "expected": current, **values}
            seq = session.execute(_PG_UPDATE_WITH_CHANGE, params).scalar()
        else:
            params = {"kind": k, "id": data["id"], **values}
            seq = session.execute(_PG_INSERT_WITH_CHANGE, params).scalar()
        if seq is None:  # first writer wins: never a second document with one version
            raise _stale(session, k, data["id"], current or 0)
        tx_cache(session).setdefault("versions", {})[(k, data["id"])] = version
        session.info.setdefault("changed", []).append((k, data["id"], seq))
        return stored
    if current is not None:
        hit = _UPDATE_ENTITY.run(session, {**key, "expected": current, **values})
        if hit != 1:  # first writer wins: never a second document with one version
            raise _stale(session, k, data["id"], current)
    else:
        _INSERT_ENTITY.run(session, {"kind": k, "id": data["id"], **values})
    tx_cache(session).setdefault("versions", {})[(k, data["id"])] = version
    seq = next_seq(session, t.changes.c.seq)
    _INSERT_CHANGE.run(
        session,
        {"seq": seq, "kind": k, "id": data["id"], "op": _UPSERT, "version": version,
         "data": encoded},
    )  # fmt: skip
    session.info.setdefault("changed", []).append((k, data["id"], seq))
    return stored


def delete_entity(
    session: Session, kind: EntityKind | str, id: str, *, actor: str, now: datetime
) -> bool:
    k = _kind(kind)
    if session.info.get("pg"):
        seq = session.execute(_PG_DELETE_WITH_CHANGE, {"k": k, "i": id}).scalar()
        tx_cache(session).get("versions", {}).pop((k, id), None)  # see _current_version
        if seq is None:
            return False
        session.info.setdefault("changed", []).append((k, id, seq))
        return True
    row = session.execute(
        select(t.entities.c.version).where(t.entities.c.kind == k, t.entities.c.id == id)
    ).first()
    if not row:
        return False
    session.execute(sa_delete(t.entities).where(t.entities.c.kind == k, t.entities.c.id == id))
    tx_cache(session).get("versions", {}).pop((k, id), None)  # see _current_version
    seq = next_seq(session, t.changes.c.seq)
    session.execute(
        insert(t.changes).values(
            seq=seq, kind=k, id=id, op=ChangeOp.DELETE.value, version=row[0] + 1, data=None
        )
    )
    session.info.setdefault("changed", []).append((k, id, seq))
    return True


delete = delete_entity  # the seam's name; ``delete_entity`` avoids shadowing sqlalchemy.delete


def query(
    session: Session,
    kind: EntityKind | str,
    *,
    limit: int | None = None,
    order_by_due: bool = False,
    skip_locked: bool = False,
    fields: tuple[str, ...] = (),
    **filters: Any,
) -> list[dict]:
    """Entities of a kind filtered on the indexed columns (status, queue_id, assignee_id, …).

    ``fields``: instead of whole documents, only ``id``, the indexed columns and these top-level
    members, taken out of the JSON by the database (the scheduler's pass over every active case
    decoded 66 000 whole cases, timelines and all, to read their ``sla``).

    In a PostgreSQL write transaction the versions read are remembered: ``put`` of one of these
    documents updates on condition of that version, so a row changed since by another
    transaction is never overwritten (409 instead; no lock is taken, so a broad query of the
    scheduler holds up no writer). ``skip_locked`` (``/tasks/next``): the rows are locked
    ``FOR UPDATE SKIP LOCKED`` — rows another transaction is writing now are left out, so
    contenders each choose among the others and none waits or fails."""
    k = _kind(kind)
    locking = _locking(session)
    e = t.entities.c
    if fields:
        indexed = (e.id, e.status, e.queue_id, e.assignee_id, e.priority)
        members = [e.data[f].label(f) for f in fields]
        stmt = select(*indexed, *members, e.version).where(e.kind == k)
    else:
        stmt = select(e.data, e.id, e.version).where(e.kind == k)
    for name, value in filters.items():
        col = t.entities.c[name]
        stmt = stmt.where(col.in_(value) if isinstance(value, list | tuple | set) else col == value)
    if order_by_due:
        stmt = stmt.order_by(t.entities.c.priority, t.entities.c.due_at, t.entities.c.id)
    if limit:
        stmt = stmt.limit(limit)
    if locking and skip_locked:
        stmt = stmt.with_for_update(skip_locked=True)
    rows = session.execute(stmt).all()
    if locking:
        versions = tx_cache(session).setdefault("versions", {})
        for r in rows:  # the version the caller decides on (a later ``get`` keeps it)
            versions.setdefault((k, r.id), r.version)
    if fields:
        return [dict(r._mapping) for r in rows]
    return [dict(r.data) for r in rows]


# --- users and tokens -------------------------------------------------------------------------


def create_user(
    session: Session,
    username: str,
    password: str,
    display_name: str,
    roles: list[str],
    skills: list[str] | None = None,
    approval_level: str | None = None,
    *,
    user_id: str | None = None,
    now: datetime | None = None,
) -> dict:
    """A login (argon2 password hash) plus its ``user`` entity in the change feed."""
    uid = user_id or f"u_{username}"
    profile = {
        "id": uid,
        "username": username,
        "display_name": display_name,
        "roles": [str(r) for r in roles],
        "skills": list(skills or []),
        "approval_level": str(approval_level) if approval_level else None,
    }
    session.execute(
        insert(t.users).values(
            id=uid,
            username=username,
            password_hash=passwords.hash_password(password),
            display_name=display_name,
            roles=profile["roles"],
            skills=profile["skills"],
            approval_level=profile["approval_level"],
            data=profile,
        )
    )
    return put(session, EntityKind.USER, profile, actor="system", now=now or datetime.now(UTC))


def check_password(session: Session, username: str, password: str) -> dict | None:
    row = session.execute(select(t.users).where(t.users.c.username == username)).first()
    ok = passwords.verify(row.password_hash if row else None, password)  # same cost either way
    return dict(row.data) if ok and row is not None else None


def user_by_id(session: Session, user_id: str) -> dict | None:
    row = session.execute(select(t.users.c.data).where(t.users.c.id == user_id)).first()
    return dict(row[0]) if row else None


def all_users(session: Session) -> list[dict]:
    return [dict(r[0]) for r in session.execute(select(t.users.c.data))]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def store_token(session: Session, token: str, user_id: str, expires_at: datetime) -> None:
    session.execute(
        insert(t.tokens).values(
            token_hash=token_hash(token), user_id=user_id, expires_at=_naive(expires_at)
        )
    )


_USER_FOR_TOKEN = (
    select(t.tokens.c.expires_at, t.users.c.data)
    .select_from(t.tokens.join(t.users, t.users.c.id == t.tokens.c.user_id))
    .where(t.tokens.c.token_hash == bindparam("h"))
)  # every authenticated request: one query, built once


def token_user(session: Session | Connection, token: str) -> tuple[datetime, dict] | None:
    """(expiry, user profile) of a token, expired or not; None for an unknown token."""
    row = session.execute(_USER_FOR_TOKEN, {"h": token_hash(token)}).first()
    return None if row is None else (_aware(row.expires_at), dict(row.data))


def user_for_token(session: Session, token: str, now: datetime) -> dict | None:
    found = token_user(session, token)
    if found is None or found[0] <= now:
        return None
    return found[1]


def online_user_ids(session: Session, now: datetime) -> set[str]:
    rows = session.execute(select(t.tokens.c.user_id).where(t.tokens.c.expires_at > _naive(now)))
    return {r[0] for r in rows}


# Re-exported so ``storage.<name>`` stays the seam: the audit chain (server/audit_chain.py),
# seeding's fast path (server/bulk.py), both need ``next_seq`` above; alerts, call segments and
# meta rows (server/side_tables.py).
from server.audit_chain import append_audit, audit_events, flush_pending, verify_audit  # noqa: E402
from server.bulk import bulk_insert  # noqa: E402
from server.side_tables import (  # noqa: E402
    add_alert,
    append_segment,
    call_segments,
    get_meta,
    set_meta,
)

__all__ = [
    "ServerDB",
    "StaleVersion",
    "add_alert",
    "append_audit",
    "append_segment",
    "audit_events",
    "bulk_insert",
    "call_segments",
    "create_user",
    "delete",
    "get",
    "get_meta",
    "put",
    "query",
    "set_meta",
    "verify_audit",
]
