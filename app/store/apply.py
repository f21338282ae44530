"""Applying pages of the change feed (``GET /v1/changes``) to the typed tables.

The caller wraps one page and its cursor in one transaction::

    with store.transaction() as s:
        changed = apply_changes(s, page["changes"])
        set_cursor(s, page["cursor"])

An upsert whose version is not newer than the stored one changes nothing, so re-applying a page
is harmless; a later change to the same id in a page supersedes the earlier ones.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import bindparam, delete, func, select, text, update
from sqlalchemy.dialects.sqlite import Insert, insert
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite as sqlite_dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from app.domain.enums import ChangeOp, EntityKind, OutboxStatus
from app.store.extract import MODELS, columns
from app.store.local_models import CallSegmentRow, OutboxRow
from app.store.models import ArticleRow, CaseRow
from app.store.sync_state import set_state
from app.store.types import JSONText
from app.text.korean import index_text

ChangedIds = dict[EntityKind, set[str]]
_LOCAL_COLUMNS = frozenset({"id", "pending_sync"})  # never overwritten by the server's copy
LOCAL_PREFIX = "local-"  # ids of entities created offline, before the server named them
ACTIVE = (OutboxStatus.PENDING.value, OutboxStatus.INFLIGHT.value)
_CHUNK = 500  # ids per IN (…) query


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


def _execute_upsert(
    session: Session, kind: EntityKind, force: bool, rows: list[dict[str, Any]]
) -> int:
    """Run the upsert for rows sharing one key set (executemany for several); rowcount.

    Executed on the sqlite3 connection with the binds processed as SQLAlchemy would (same SQL,
    same stored text); the plain statement where the text form is not available."""
    bind = session.get_bind()
    prepared = _upsert_driver_sql(kind, force, tuple(rows[0]), bind.dialect)
    if prepared is None or bind.dialect.name != "sqlite":
        stmt: Any = _upsert_statement(kind, force)
        return session.execute(stmt, rows[0] if len(rows) == 1 else rows).rowcount
    sql, processors, defaults = prepared
    params = []
    for row in rows:
        if defaults:
            row = {**defaults, **row}
        params.append({n: (p(row[n]) if p is not None else row[n]) for n, p in processors})
    dbapi = driver_connection(session)
    cursor = dbapi.execute(sql, params[0]) if len(params) == 1 else dbapi.executemany(sql, params)
    return cursor.rowcount


def write_entity(
    session: Session, kind: EntityKind, data: dict[str, Any], *, force: bool = False
) -> bool:
    """Insert or update one entity from its wire ``data``; True when something was written.

    Without ``force`` the row is only replaced by a strictly newer ``version``; with ``force``
    (the server's answer to our own action) by the same version too. ``server_data`` is cleared
    (the row is server truth again); local columns such as ``pending_sync`` are left alone.
    """
    values = {"id": str(data["id"]), "server_data": None, **columns(kind, data)}
    written = _execute_upsert(session, kind, force, [values]) > 0
    if written and kind is EntityKind.KNOWLEDGE_ARTICLE:
        _index_article(session, values["id"], data)
    return written


def write_local(
    session: Session, kind: EntityKind, data: dict[str, Any], *, server_copy: bool = True
) -> None:
    """Write an optimistic change: new ``data`` and typed columns, the version unchanged.

    With ``server_copy`` the first optimistic change keeps the server's copy in ``server_data``
    (undo on rejection); without it ``server_data`` is cleared (the server copy is restored).
    A new local entity is inserted with version 0, so any server copy replaces it.
    """
    model = MODELS[kind]
    entity_id = str(data["id"])
    stored = session.execute(
        select(model.data, model.server_data, model.version).where(model.id == entity_id)
    ).first()
    values = columns(kind, data)
    if stored is None:
        values.update(id=entity_id, version=0, server_data=None)
        session.execute(model.__table__.insert().values(values))
    else:
        values["version"] = stored.version
        values["server_data"] = (stored.server_data or stored.data) if server_copy else None
        session.execute(update(model.__table__).where(model.id == entity_id).values(values))
    if kind is EntityKind.KNOWLEDGE_ARTICLE:
        _index_article(session, entity_id, data)


def delete_entity(session: Session, kind: EntityKind, entity_id: str, version: int | None) -> bool:
    """Delete one entity (unless the stored copy is newer than the delete)."""
    model = MODELS[kind]
    stmt = delete(model).where(model.id == entity_id)
    if version is not None:
        stmt = stmt.where(model.version <= version)
    removed = session.execute(stmt).rowcount > 0
    if removed and kind is EntityKind.KNOWLEDGE_ARTICLE:
        session.execute(text("DELETE FROM knowledge_fts WHERE article_id = :id"), {"id": entity_id})
    if removed and kind is EntityKind.CALL:
        session.execute(delete(CallSegmentRow).where(CallSegmentRow.call_id == entity_id))
    return removed


def _index_article(session: Session, article_id: str, data: dict[str, Any]) -> None:
    _index_articles(session, [(article_id, data)])


def _index_articles(session: Session, articles: list[tuple[str, dict[str, Any]]]) -> None:
    """Re-index articles in the FTS table: one executemany DELETE and one INSERT."""
    rows = [
        {"id": article_id, "tokens": index_text(f"{d.get('title') or ''}\n{d.get('body') or ''}")}
        for article_id, d in articles
    ]
    session.execute(text("DELETE FROM knowledge_fts WHERE article_id = :id"), rows)
    session.execute(
        text("INSERT INTO knowledge_fts (article_id, tokens) VALUES (:id, :tokens)"), rows
    )


def refresh_pending(session: Session, case_ids: Iterable[str]) -> None:
    """Recount ``cases.pending_sync`` from the outbox rows still pending or in flight."""
    ids = [c for c in set(case_ids) if c]
    if not ids:
        return
    cases, outbox = CaseRow.__table__, OutboxRow.__table__  # Core: no ORM bulk-update work
    count = (
        select(func.count(outbox.c.id))
        .where(outbox.c.case_id == cases.c.id, outbox.c.status.in_(ACTIVE))
        .scalar_subquery()
    )
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        session.execute(update(cases).where(cases.c.id.in_(chunk)).values(pending_sync=count))


def write_entities(
    session: Session,
    kind: EntityKind,
    items: list[dict[str, Any]],
    texts: dict[str, str] | None = None,
) -> set[str]:
    """Upsert many entities of one kind (wire ``data``); returns the ids actually written.

    The stored versions of the ids are read in one query; only strictly newer copies are sent,
    as one executemany of the same version-guarded ``INSERT … ON CONFLICT`` as
    :func:`write_entity` (the guard stays, so the result is the same row by row). ``texts``
    (id → the JSON text of exactly that ``data``, e.g. cut from the feed's body) is stored
    as is instead of encoding the document again.
    """
    model = MODELS[kind]
    rows: dict[str, dict[str, Any]] = {}
    for data in items:
        values = {"id": str(data["id"]), "server_data": None, **columns(kind, data)}
        if texts and (stored_text := texts.get(values["id"])) is not None:
            values["data"] = JSONText(stored_text)
        rows.pop(values["id"], None)
        rows[values["id"]] = values  # the last copy of an id wins (page order)
    stored: dict[str, int] = {}
    ids = list(rows)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        stored.update(
            session.execute(select(model.id, model.version).where(model.id.in_(chunk))).all()
        )
    newer = [
        values
        for entity_id, values in rows.items()
        if entity_id not in stored
        or (stored[entity_id] is not None and values["version"] > stored[entity_id])
    ]
    if not newer:
        return set()
    by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for values in newer:  # executemany needs one key set per call
        by_keys.setdefault(tuple(values), []).append(values)
    for group in by_keys.values():
        _execute_upsert(session, kind, False, group)
    written = {values["id"] for values in newer}
    if kind is EntityKind.KNOWLEDGE_ARTICLE:
        documents = {str(data["id"]): data for data in items}
        _index_articles(session, [(v["id"], documents[v["id"]]) for v in newer])
    return written


def apply_changes(session: Session, changes: list[dict[str, Any]]) -> ChangedIds:
    """Apply one page of changes; returns the ids that actually changed, by kind.

    Upserts are grouped by kind: one version query and one executemany per kind (see
    :func:`write_entities`); deletes go one by one (rare).
    """
    latest: dict[tuple[EntityKind, str], dict[str, Any]] = {}
    for change in sorted(changes, key=lambda c: c.get("seq", 0)):
        try:
            kind = EntityKind(change["entity"])
        except ValueError:
            continue  # an entity kind this client does not know yet
        key = (kind, str(change["id"]))
        latest.pop(key, None)  # keep seq order of the last change per id
        latest[key] = change
    changed: ChangedIds = {}
    upserts: dict[EntityKind, list[dict[str, Any]]] = {}
    feed_ids: dict[EntityKind, dict[str, str]] = {}  # data id → the change's id, per kind
    texts: dict[EntityKind, dict[str, str]] = {}  # data id → stored text of that data
    for (kind, entity_id), change in latest.items():
        version = change.get("version")
        if change.get("op") == ChangeOp.DELETE:
            if delete_entity(session, kind, entity_id, version):
                changed.setdefault(kind, set()).add(entity_id)
            continue
        wire = change["data"]
        data = dict(wire)
        data.setdefault("id", entity_id)
        if version is not None:
            data["version"] = version
        upserts.setdefault(kind, []).append(data)
        feed_ids.setdefault(kind, {})[str(data["id"])] = entity_id
        text_ = _stored_text(change.get("data_text"), wire, version)
        if text_ is not None:
            texts.setdefault(kind, {})[str(data["id"])] = text_
    for kind, items in upserts.items():
        written = write_entities(session, kind, items, texts.get(kind))
        if written:
            names = feed_ids[kind]
            changed.setdefault(kind, set()).update(names.get(i, i) for i in written)
    refresh_pending(session, changed.get(EntityKind.CASE, ()))
    return changed


def _stored_text(text_: Any, wire: dict[str, Any], version: Any) -> str | None:
    """The feed's text of ``wire`` when it is what :func:`dumps` would store for the applied
    document: ``wire`` unchanged by the apply (its own ``id`` and ``version``) and no
    ``\\u`` escapes (the store keeps Korean readable). Else None: the document is encoded."""
    if text_.__class__ is not str or "id" not in wire or "\\u" in text_:
        return None
    if version is not None and not (
        type(version) is int and type(wire.get("version")) is int and wire["version"] == version
    ):
        return None
    if not (text_.startswith("{") and text_.endswith("}")):
        return None
    return text_


BULK_CACHE_KIB = 65536  # SQLite page cache for one page of the feed (default: 2 MiB)


@contextlib.contextmanager
def bulk_cache(session: Session) -> Iterator[None]:
    """A larger SQLite page cache on the session's connection while a feed page is applied.

    A page inserts ~1 000 rows into up to 12 B-trees each (cases: table, id and 10 indexes);
    with the default 2 MiB cache a large store's index pages are evicted and re-read between
    rows (and dirty ones spilled mid-transaction). Restored before the caller commits, so the
    connection's memory drops back afterwards (dirty pages stay pinned until the commit)."""
    conn = session.connection()
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(previous)}")


def set_cursor(session: Session, cursor: str) -> None:
    """Store the change-feed cursor (in the caller's transaction, with its page)."""
    set_state(session, "cursor", cursor)


def reset_synced(session: Session) -> None:
    """Delete every synced entity (feed reset); outbox, settings and saved views stay."""
    for model in MODELS.values():
        session.execute(delete(model))
    session.execute(delete(CallSegmentRow))
    session.execute(text("DELETE FROM knowledge_fts"))
    session.execute(delete(ArticleRow))
