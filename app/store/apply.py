"""Applying pages of the change feed (``GET /v1/changes``) to the typed tables.

The caller wraps one page and its cursor in one transaction::

    with store.transaction() as s:
        changed = apply_changes(s, page["changes"])
        set_cursor(s, page["cursor"])

An upsert whose version is not newer than the stored one changes nothing, so re-applying a page
is harmless; a later change to the same id in a page supersedes the earlier ones. An entry this
client cannot store (a value past int64, a malformed entity) is refused on its own and kept aside
(``app.store.quarantine``); the rest of the page applies.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from app.domain.enums import ChangeOp, EntityKind, OutboxStatus
from app.store import changes, quarantine
from app.store.extract import MODELS, columns
from app.store.local_models import CallSegmentRow, OutboxRow
from app.store.models import ArticleRow, CaseRow
from app.store.sync_state import set_state
from app.store.types import JSONText
from app.store.upsert import OnError, execute_upsert
from app.store.upsert import driver_connection as driver_connection  # for app.store.outbox
from app.text.korean import index_text

ChangedIds = dict[EntityKind, set[str]]
LOCAL_PREFIX = "local-"  # ids of entities created offline, before the server named them
ACTIVE = (OutboxStatus.PENDING.value, OutboxStatus.INFLIGHT.value)
_CHUNK = 500  # ids per IN (…) query


def write_entity(
    session: Session, kind: EntityKind, data: dict[str, Any], *, force: bool = False
) -> bool:
    """Insert or update one entity from its wire ``data``; True when something was written.

    Without ``force`` the row is only replaced by a strictly newer ``version``; with ``force``
    (the server's answer to our own action) by the same version too. ``server_data`` is cleared
    (the row is server truth again); local columns such as ``pending_sync`` are left alone.
    """
    values = {"id": str(data["id"]), "server_data": None, **columns(kind, data)}
    written = execute_upsert(session, kind, force, [values]) > 0
    if written and kind is EntityKind.KNOWLEDGE_ARTICLE:
        _index_article(session, values["id"], data)
    return written


def write_server_copy(
    session: Session, kind: EntityKind, data: dict[str, Any], *, now: datetime | None = None
) -> bool:
    """:func:`write_entity` with ``force`` for an entity the server answered an action with;
    one this store cannot hold (a value past int64, a malformed entity) is kept aside like a
    feed entry (``app.store.quarantine``) instead of failing the answer's transaction. False
    only when it was kept aside (a copy that is not newer than the stored one is no error)."""
    try:
        write_entity(session, kind, data, force=True)
    except Exception as exc:  # the upsert statement is atomic: nothing of it was stored
        if not quarantine.is_entry_error(exc):
            raise
        change = {"op": "upsert", "version": data.get("version"), "data": data}
        refused = quarantine.refusal(kind.value, str(data.get("id")), change, exc)
        quarantine.keep_aside(session, [refused], now)
        return False
    return True


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
    changes.note(session, kind, entity_id)


def delete_entity(session: Session, kind: EntityKind, entity_id: str, version: int | None) -> bool:
    """Delete one entity (unless the stored copy is newer than the delete)."""
    model = MODELS[kind]
    stmt = delete(model).where(model.id == entity_id)
    if version is not None:
        stmt = stmt.where(model.version <= version)
    removed = session.execute(stmt).rowcount > 0
    if removed:
        changes.note(session, kind, entity_id)
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
    on_error: OnError | None = None,
) -> set[str]:
    """Upsert many entities of one kind (wire ``data``); returns the ids actually written.

    The stored versions of the ids are read in one query; only strictly newer copies are sent,
    as one executemany of the same version-guarded ``INSERT … ON CONFLICT`` as
    :func:`write_entity` (the guard stays, so the result is the same row by row). ``texts``
    (id → the JSON text of exactly that ``data``, e.g. cut from the feed's body) is stored
    as is instead of encoding the document again. With ``on_error`` an entity that cannot be
    read or stored is reported (its id, the error) and left out; the others are written.
    """
    model = MODELS[kind]
    rows: dict[str, dict[str, Any]] = {}
    failed: set[str] = set()

    def refuse(entity_id: str, exc: BaseException) -> None:
        if on_error is None or not quarantine.is_entry_error(exc):
            raise exc
        failed.add(entity_id)
        on_error(entity_id, exc)

    for data in items:
        try:
            values = {"id": str(data["id"]), "server_data": None, **columns(kind, data)}
        except Exception as exc:
            refuse(str(data.get("id")), exc)
            continue
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
        execute_upsert(session, kind, False, group, refuse if on_error else None)
    written = {values["id"] for values in newer} - failed
    if kind is EntityKind.KNOWLEDGE_ARTICLE and written:
        documents = {str(data["id"]): data for data in items}
        _index_articles(session, [(i, documents[i]) for i in written])
    return written


def apply_changes(
    session: Session, changes: list[dict[str, Any]], *, now: datetime | None = None
) -> ChangedIds:
    """Apply one page of changes; returns the ids that actually changed, by kind.

    Upserts are grouped by kind: one version query and one executemany per kind (see
    :func:`write_entities`); deletes go one by one (rare). An entry that cannot be applied is
    kept aside (``app.store.quarantine``, seen at ``now``) and the others apply; an entity
    kept aside earlier is released once a later version of it applies.
    """
    latest: dict[tuple[EntityKind, str], dict[str, Any]] = {}
    refused: list[quarantine.Refusal] = []

    def refuse(entity: Any, entity_id: Any, change: dict[str, Any], exc: BaseException) -> None:
        if not quarantine.is_entry_error(exc):
            raise exc
        refused.append(quarantine.refusal(str(entity), str(entity_id), change, exc))

    for change in sorted(changes, key=lambda c: c.get("seq", 0)):
        try:
            kind = EntityKind(change["entity"])
        except ValueError:
            continue  # an entity kind this client does not know yet
        except Exception as exc:
            refuse(change.get("entity"), change.get("id"), change, exc)
            continue
        key = (kind, str(change.get("id")))
        latest.pop(key, None)  # keep seq order of the last change per id
        latest[key] = change
    changed: ChangedIds = {}
    upserts: dict[EntityKind, list[dict[str, Any]]] = {}
    feed_ids: dict[EntityKind, dict[str, str]] = {}  # data id → the change's id, per kind
    texts: dict[EntityKind, dict[str, str]] = {}  # data id → stored text of that data
    for (kind, entity_id), change in latest.items():
        try:
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
            data_id = str(data["id"])
        except Exception as exc:
            refuse(kind.value, entity_id, change, exc)
            continue
        upserts.setdefault(kind, []).append(data)
        feed_ids.setdefault(kind, {})[data_id] = entity_id
        text_ = _stored_text(change.get("data_text"), wire, version)
        if text_ is not None:
            texts.setdefault(kind, {})[data_id] = text_
    for kind, items in upserts.items():
        names = feed_ids[kind]

        def on_error(data_id: str, exc: BaseException, kind: EntityKind = kind) -> None:
            name = feed_ids[kind].get(data_id, data_id)
            refuse(kind.value, name, latest.get((kind, name), {}), exc)

        written = write_entities(session, kind, items, texts.get(kind), on_error)
        if written:
            changed.setdefault(kind, set()).update(names.get(i, i) for i in written)
    refresh_pending(session, changed.get(EntityKind.CASE, ()))
    _settle_quarantine(session, changed, refused, now)
    return changed


_ANY_KEPT_ASIDE = "SELECT 1 FROM feed_quarantine LIMIT 1"


def _settle_quarantine(
    session: Session,
    changed: ChangedIds,
    refused: list[quarantine.Refusal],
    now: datetime | None,
) -> None:
    """Release the entities kept aside that now applied; keep aside this page's refusals.
    Almost always there is nothing kept aside: one bare lookup on the driver tells so."""
    if not refused and driver_connection(session).execute(_ANY_KEPT_ASIDE).fetchone() is None:
        return
    held = quarantine.quarantined_keys(session)
    if held:
        applied = {(kind.value, i) for kind, ids in changed.items() for i in ids}
        quarantine.release(session, held & applied)
        quarantine.release_superseded(session)
    if refused:
        quarantine.keep_aside(session, refused, now)


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
    """Delete every synced entity (feed reset) and the entries kept aside (all are sent
    again); outbox, settings and saved views stay."""
    quarantine.release_all(session)
    for model in MODELS.values():
        session.execute(delete(model))
    session.execute(delete(CallSegmentRow))
    session.execute(text("DELETE FROM knowledge_fts"))
    session.execute(delete(ArticleRow))
