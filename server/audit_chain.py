"""The hash-chained audit log: each event's hash is sha256(prev_hash + canonical JSON of the
event). The chain is one line, its head signed (server/audit_anchor.py) by whoever extends it, in
the same transaction. ``verify_chain`` checks the chain against its signed head, incrementally
from the last verified point.

SQLite: appends happen where they are made (``BEGIN IMMEDIATE`` serialises writers), seq in
commit order. PostgreSQL (writers run concurrently, server/feed_seq.py): chaining is deferred.
``append_audit`` queues the event and ``flush_pending`` writes the queue, just before COMMIT, as
rows of ``audit_pending`` (one statement, no lock, no head read): committed with the mutation, so
every decision has its event, and a rolled-back transaction leaves none. The chainer
(server/audit_chainer.py) then moves pending rows into the chain in batches under the signed
head's row lock — one lock per batch, not one per mutation; seq is in chaining order. Every
reader of the chain (``audit_events``, ``verify_chain``) chains what is pending first.

The one window: a row is editable or deletable undetected only while it is pending — between its
commit and the next chain run (milliseconds: the writing instance wakes its chainer after the
commit; at most the chainer's 1 s poll when the writer died before waking it). Once chained,
edits, inserts, deletes and tail truncation are detected as before; ``verify_chain`` reports the
rows still pending (``pending``; always 0 on SQLite)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.domain.wire import format_time
from server import audit_anchor as anchor
from server import tables as t
from server.feed_seq import AUDIT_LOCK, lock
from server.hot_sql import Hot, tx_cache
from server.pii import redact_free_text
from server.storage import _aware, _naive

_LAST = Hot(select(t.audit.c.seq, t.audit.c.hash).order_by(t.audit.c.seq.desc()).limit(1))
_INSERT = Hot(insert(t.audit))
_AN = t.audit_anchor.c
_HEAD_LOCKED = Hot(select(_AN.seq, _AN.hash, _AN.mac).where(_AN.name == "head").with_for_update())
_FIELDS = ("seq", "at", "actor", "action", "entity", "entity_id", "data")
_INSERT_PENDING = insert(t.audit_pending)


def _canonical(event: dict) -> str:
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _audit_hash(prev_hash: str, event: dict) -> str:
    return hashlib.sha256((prev_hash + _canonical(event)).encode()).hexdigest()


def _head(session: Session) -> tuple[int, str]:
    """The chain's head (last seq and hash), read once per transaction, locked until COMMIT.

    PostgreSQL: the signed head row read ``FOR UPDATE`` — the chain's lock and its head in one
    round trip (after a wait, READ COMMITTED returns the head as committed by the one waited
    for). A chain with no head row yet (empty, or from before heads were signed) is started
    under ``AUDIT_LOCK``, then read again. SQLite: the last row (``BEGIN IMMEDIATE`` holds)."""
    head = tx_cache(session).get("audit_head")
    if head is not None:
        return head
    if session.info.get("pg"):
        rows = _HEAD_LOCKED.run(session, {})
        if not rows:
            lock(session, AUDIT_LOCK)
            rows = _HEAD_LOCKED.run(session, {}) or _LAST.run(session, {})
    else:
        rows = _LAST.run(session, {})
    return (rows[0][0], rows[0][1]) if rows else (0, "")


def _event(seq: int, actor: str, action: str, entity: str, entity_id: str, data: dict,
           now: datetime) -> dict:  # fmt: skip
    return {
        "seq": seq,
        "at": format_time(now),
        "actor": actor,
        "action": action,
        "entity": str(entity),
        "entity_id": entity_id,
        "data": json.loads(json.dumps(data, default=str)),
    }


def _row(event: dict, prev_hash: str, digest: str, at: datetime) -> dict:
    return {**event, "at": _naive(at), "prev_hash": prev_hash, "hash": digest}


def append_audit(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    data: dict,
    now: datetime,
) -> dict:
    """Append one event; its hash is sha256(prev_hash + canonical JSON of the event). On
    PostgreSQL it is queued, written to ``audit_pending`` just before COMMIT (``flush_pending``)
    and chained after it (server/audit_chainer.py): the event comes back without ``seq`` /
    ``hash`` then."""
    data = redact_free_text(data)  # an identifier typed into a note or a reason: [PII]
    if session.info.get("pg"):
        event_ = _event(0, actor, action, entity, entity_id, data, now)
        session.connection()  # the transaction begun (no round trip): the queue lives in it
        tx_cache(session).setdefault("audit_pending", []).append(
            {"at": _naive(now), **{k: event_[k] for k in _PENDING_FIELDS}}
        )
        return event_ | {"seq": None}
    return _append_now(session, actor, action, entity, entity_id, data, now)


_PENDING_FIELDS = ("actor", "action", "entity", "entity_id", "data")


def flush_pending(session: Session) -> None:
    """PostgreSQL, before COMMIT: the transaction's queued events become ``audit_pending`` rows,
    in one statement (no lock: the chainer chains them later). Called by the session's
    ``before_commit`` (server/storage.py); the commit then wakes this instance's chainer."""
    pending = tx_cache(session).pop("audit_pending", None)
    if pending:
        session.execute(_INSERT_PENDING, pending)
        session.info["audit_queued"] = True


def _append_now(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    data: dict,
    now: datetime,
) -> dict:
    """SQLite: the row and its signed head, where the event is made."""
    seq, prev_hash = _head(session)
    seq += 1
    event_ = _event(seq, actor, action, entity, entity_id, data, now)
    digest = _audit_hash(prev_hash, event_)
    row = _row(event_, prev_hash, digest, now)
    tx_cache(session)["audit_head"] = (seq, digest)
    _INSERT.run(session, row)
    anchor.sign_head(session, seq, digest, now)
    return {**event_, "prev_hash": prev_hash, "hash": digest}


def chain_rows(session: Session, head: tuple[int, str], pending: list[Any]) -> int:
    """Chain ``pending`` rows (``actor, action, entity, entity_id, data, at``, in order) after
    ``head`` (seq, hash), hashed exactly as ``append_audit`` hashes, and sign the new head once.
    The caller holds the chain's lock. Returns how many rows were chained."""
    seq, prev_hash = head
    rows, at = [], None
    for p in pending:
        seq += 1
        at = _aware(p.at)
        event_ = _event(seq, p.actor, p.action, p.entity, p.entity_id, p.data, at)
        digest = _audit_hash(prev_hash, event_)
        rows.append(_row(event_, prev_hash, digest, at))
        prev_hash = digest
    if not rows:
        return 0
    session.execute(insert(t.audit), rows)
    tx_cache(session)["audit_head"] = (seq, prev_hash)
    anchor.sign_head(session, seq, prev_hash, at)
    return len(rows)


def append_many(session: Session, events: Iterable[tuple], now: datetime) -> int:
    """Append ``(actor, action, entity, entity_id, data, at)`` events in one executemany (demo
    seeding); the head is signed once. Returns how many were appended."""
    seq, prev_hash = _head(session)
    rows = []
    for actor, action, entity, entity_id, data, at in events:
        seq += 1
        event_ = _event(seq, actor, action, entity, entity_id, data, at)
        digest = _audit_hash(prev_hash, event_)
        rows.append(_row(event_, prev_hash, digest, at))
        prev_hash = digest
    for start in range(0, len(rows), 5000):
        session.execute(insert(t.audit), rows[start : start + 5000])
    if rows:
        tx_cache(session)["audit_head"] = (seq, prev_hash)
        anchor.sign_head(session, seq, prev_hash, now)
    return len(rows)


def _audit_row(row: Any) -> dict:
    return {
        "seq": row.seq,
        "at": format_time(_aware(row.at)),
        "actor": row.actor,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "data": row.data,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def audit_events(
    session: Session, entity: str | None = None, entity_id: str | None = None, limit: int = 1000
) -> list[dict]:
    """Chained events in seq order (on PostgreSQL what is pending is chained first)."""
    audit_chainer.chain_before_reading(session)
    stmt = select(t.audit).order_by(t.audit.c.seq)
    if entity:
        stmt = stmt.where(t.audit.c.entity == entity)
    if entity_id:
        stmt = stmt.where(t.audit.c.entity_id == entity_id)
    return [_audit_row(r) for r in session.execute(stmt.limit(limit))]


def _rehashes(row: Any) -> bool:
    ev = _audit_row(row)
    return _audit_hash(ev["prev_hash"], {k: ev[k] for k in _FIELDS}) == ev["hash"]


def verify_chain(session: Session, *, full: bool = False) -> dict:
    """``{verified, rows, head_hash, checked_from, problem}`` of the chain against its signed
    head. Cheap checks first — the rows are exactly seq 1..head (none deleted, inserted or cut
    off) —, then the rows after the last verified point (and that row itself) are re-hashed and
    linked, and the last must be the signed head. ``session`` should be one snapshot (a read
    transaction; REPEATABLE READ on PostgreSQL). On PostgreSQL what is pending is chained first
    (its own transaction); ``pending`` counts the rows committed but not chained in the snapshot
    (0 on SQLite)."""
    audit_chainer.chain_before_reading(session)
    key = anchor.key_for(session)
    a = t.audit.c
    waiting = select(func.count()).select_from(t.audit_pending).scalar_subquery()
    count, top, pending = session.execute(
        select(func.count(), func.coalesce(func.max(a.seq), 0), waiting)
    ).one()
    count, top = int(count), int(top)
    head = anchor.read_point(session, "head", key)
    out = {"verified": False, "rows": count, "head_hash": head.hash if head else None,
           "checked_from": 1, "problem": None, "pending": int(pending)}  # fmt: skip
    if head is None:
        out["verified"] = count == 0
        out["problem"] = None if count == 0 else "no signed head: the chain is not anchored"
        return out
    if not head.signed:
        out["problem"] = "the head's signature does not match (edited without the key)"
        return out
    if top != head.seq or count != head.seq:
        out["problem"] = (
            f"rows 1..{head.seq} expected (signed head), found {count} rows up to seq {top}"
        )
        return out
    start = None if full else anchor.read_point(session, "verified", key)
    if start is None or not start.signed or start.seq > head.seq:
        start = anchor.Point(0, "", True)
    out["checked_from"] = max(start.seq, 1)
    prev, expected = start.hash, start.seq + 1
    if start.seq:
        row = session.execute(select(t.audit).where(a.seq == start.seq)).first()
        if row is None or row.hash != start.hash or not _rehashes(row):
            out["problem"] = f"row {start.seq} (last verified) changed"
            return out
    stmt = select(t.audit).where(a.seq > start.seq, a.seq <= head.seq).order_by(a.seq)
    for row in session.execute(stmt.execution_options(yield_per=2000)):
        if row.seq != expected or row.prev_hash != prev or not _rehashes(row):
            out["problem"] = f"row {expected} does not re-hash or link to the row before it"
            return out
        prev, expected = row.hash, expected + 1
    if prev != head.hash:
        out["problem"] = "the last row is not the signed head"
        return out
    out["verified"] = True
    out["advanced"] = head.seq != start.seq  # the caller moves the verified point
    return out


def events_hold(events: list[dict]) -> bool:
    """Each listed event re-hashes, and links to the one before it when that one is listed too
    (GET /audit checks what it shows, on top of the incremental check of the chain)."""
    before: dict | None = None
    for ev in events:
        if _audit_hash(ev["prev_hash"], {k: ev[k] for k in _FIELDS}) != ev["hash"]:
            return False
        if (
            before is not None
            and before["seq"] + 1 == ev["seq"]
            and ev["prev_hash"] != before["hash"]
        ):
            return False
        before = ev
    return True


def anchor_unanchored(db: Any, now: datetime) -> bool:
    """A chain written before heads were signed (an upgraded database): if its sha256 links
    hold, sign its head now (trust on first use); True when it did."""
    with db.read() as s:
        if s.execute(select(t.audit_anchor.c.name).where(t.audit_anchor.c.name == "head")).first():
            return False
        prev, expected = "", 1
        for row in s.execute(select(t.audit).order_by(t.audit.c.seq)):
            if row.seq != expected or row.prev_hash != prev or not _rehashes(row):
                return False  # broken already: left unanchored, verify reports it
            prev, expected = row.hash, expected + 1
    if expected == 1:
        return False  # no rows: the first append signs the head
    with db.session() as s:
        anchor.save_point(s, "head", expected - 1, prev, now)
        s.commit()
    return True


def verify_audit(session: Session) -> bool:
    """The whole chain re-hashed against its signed head."""
    return bool(verify_chain(session, full=True)["verified"])


# The chainer (PostgreSQL) builds on the functions above; imported last, as they are defined.
from server import audit_chainer  # noqa: E402
