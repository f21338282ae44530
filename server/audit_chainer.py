"""PostgreSQL: the chainer that moves ``audit_pending`` rows into the audit chain
(server/audit_chain.py's module docstring: why chaining is deferred there).

``chain_pending`` runs one transaction per batch: the signed head row ``FOR UPDATE`` (the chain's
one lock; no head row yet: the ``AUDIT_LOCK`` advisory lock), the oldest pending rows taken (a
``DELETE … RETURNING`` in id order, up to ``BATCH``), their hashes computed as ``append_audit``
computes them, the rows inserted with consecutive seqs, the head signed once, COMMIT. Any
instance may run it at any time: the head lock serialises chainers, and the second one's
statements (READ COMMITTED) see the first one's deletes, so it chains only what is left. A head
whose signature does not check out is not extended (that would sign a forgery): the rows stay
pending and ``verify`` reports the head.

:class:`AuditChainer` is an instance's chainer thread: woken after each of its own commits that
queued audit events (``ServerDB.after_audit``), and polling every ``poll_s`` seconds, so the
rows of an instance that died before its chainer ran are chained by another one.
"""

from __future__ import annotations

import hmac
import logging
import threading
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from server import audit_anchor as anchor
from server import tables as t
from server.audit_chain import _HEAD_LOCKED, _head, chain_rows
from server.storage import ServerDB

log = logging.getLogger(__name__)
BATCH = 5_000
POLL_S = 1.0
THREAD_NAME = "audit-chainer"
_P = t.audit_pending.c
_ANY = select(_P.id).limit(1)
_TAKE = (
    delete(t.audit_pending)
    .where(_P.id.in_(select(_P.id).order_by(_P.id).limit(BATCH).scalar_subquery()))
    .returning(_P.id, _P.at, _P.actor, _P.action, _P.entity, _P.entity_id, _P.data)
)


_said: set[str] = set()  # problems logged, until they clear (not once per poll)


def _say_once(what: str, message: str) -> None:
    if what not in _said:
        _said.add(what)
        log.error(message, exc_info=what == "failed")


def _engine(target: ServerDB | Session | Engine) -> Engine:
    if isinstance(target, ServerDB):
        return target.engine
    if isinstance(target, Session):
        return target.get_bind()
    return target


def chain_pending(target: ServerDB | Session | Engine) -> int:
    """Chain every pending row, in transactions of its own (one per batch of ``BATCH``); returns
    how many were chained. Nothing on SQLite (appends chain at once there). One autocommit
    round trip when nothing is pending."""
    engine = _engine(target)
    if engine.dialect.name != "postgresql":
        return 0
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if conn.execute(_ANY).first() is None:
            return 0
    total = 0
    while True:
        chained = _chain_batch(engine)
        total += chained
        if chained < BATCH:
            return total


def _chain_batch(engine: Engine) -> int:
    with Session(engine) as s:
        s.info["pg"] = True
        head = _locked_head(s)  # the chain's lock, held until COMMIT
        if head is None:
            _say_once("head", "audit chain head's signature does not match: rows left pending")
            return 0
        _said.discard("head")
        taken = sorted(s.execute(_TAKE).all(), key=lambda r: r.id)
        chained = chain_rows(s, head, taken)
        if chained:
            s.commit()
        return chained


def _locked_head(s: Session) -> tuple[int, str] | None:
    """The signed head (seq, hash), locked ``FOR UPDATE``; None when its signature fails. No
    head row yet (an empty chain): ``_head`` takes ``AUDIT_LOCK`` and reads again."""
    rows = _HEAD_LOCKED.run(s, {})
    if not rows:
        return _head(s)
    seq, digest, mac = rows[0]
    if not hmac.compare_digest(mac, anchor.mac(anchor.key_for(s), "head", int(seq), digest)):
        return None
    return int(seq), digest


def chain_before_reading(session: Session) -> None:
    """A reader of the chain (``audit_events``, ``verify_chain``) on PostgreSQL: chain what is
    pending first, in a transaction of its own, so it reads its own writes. Not inside a write
    session: it may hold the chain's lock (``append_many``), which the chainer would wait for.
    When chaining fails (a row forged past the signed head takes the next seq), the reader goes
    on with what is chained: verify reports the problem and the rows still pending."""
    if session.info.get("write"):
        return
    try:
        chain_pending(session)
    except SQLAlchemyError as exc:
        log.warning("audit chain: pending rows could not be chained: %s", type(exc).__name__)


class AuditChainer:
    """An instance's chainer thread (PostgreSQL): ``start()`` with the app, ``stop()`` at
    shutdown (a daemon thread: it never holds the process up)."""

    def __init__(self, db: ServerDB, poll_s: float = POLL_S) -> None:
        self.db = db
        self.poll_s = poll_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)

    def start(self) -> AuditChainer:
        self.db.after_audit = self.wake
        self._thread.start()
        return self

    def wake(self, *_args: Any) -> None:
        """Chain now: called after a commit of this instance that queued audit events."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.poll_s)
            self._wake.clear()  # a commit from now on wakes it again
            if self._stop.is_set():
                return
            try:
                chain_pending(self.db)
                _said.discard("failed")
            except Exception:  # the database away for a moment: the next poll tries again
                _say_once("failed", "audit chainer: chaining failed; retrying every poll")
                self._stop.wait(self.poll_s)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self.db.after_audit == self.wake:
            self.db.after_audit = None
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(self.poll_s + 10)
