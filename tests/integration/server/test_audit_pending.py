"""Deferred audit chaining on PostgreSQL (server/audit_chainer.py): a mutation commits its audit
events as ``audit_pending`` rows, and a chainer moves them into the signed chain afterwards.

- With no chainer running, a mutation's events are pending right after its commit, and
  ``GET /v1/audit`` still shows them (chained on read), linked to the head before them; a chained
  row edited afterwards is detected. On SQLite nothing is ever pending.
- A head whose signature fails is not extended: the rows stay pending and verify says so.
- Two ``reviewer-server`` instances writing at once end with one linear chain that verifies,
  every mutation's event in it exactly once, chained by the instances' own chainers (no reader
  involved); a pending row left by a killed instance is chained by the other one's poll.
"""

from __future__ import annotations

import itertools
import signal
import threading
import uuid
from collections.abc import Iterator

import httpx
import pytest
from conftest import BACKENDS, START
from own_server import fresh_pg_database, own_server
from sqlalchemy import delete, func, insert, select, text, update
from test_instances import wait_for
from two_instances import two_instances

from server import audit_anchor
from server import tables as t
from server.audit_chain import append_audit, verify_chain
from server.audit_chainer import chain_pending
from server.storage import ServerDB, _naive

PG_ONLY = [b for b in BACKENDS if b == "postgresql"]
CHAINED_WITHIN_S = 20.0  # a deadline, polled: the chainer wakes at once or polls every second


def _pending(db: ServerDB, **where: str) -> list[dict]:
    p = t.audit_pending.c
    stmt = select(t.audit_pending).where(*(p[k] == v for k, v in where.items())).order_by(p.id)
    with db.read() as s:
        return [dict(r._mapping) for r in s.execute(stmt)]


def _chained(db: ServerDB, **where: str) -> list[dict]:
    a = t.audit.c
    stmt = select(t.audit).where(*(a[k] == v for k, v in where.items())).order_by(a.seq)
    with db.read() as s:
        return [dict(r._mapping) for r in s.execute(stmt)]


def _verify(api, full: bool = False) -> dict:
    r = api.get("/audit/verify", "auditor1", params={"full": "true"} if full else {})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("backend", PG_ONLY)
def test_an_event_is_pending_after_commit_and_chained_on_read(backend, tmp_path, pg_url) -> None:
    with own_server(backend, tmp_path, pg_url) as (server, _clock, api):
        db = server.app.state.db
        server.app.state.audit_chainer.stop()  # no chainer runs: only readers chain now
        api.new_case()
        chain_pending(db)  # a chain with a signed head to go on from
        before = _chained(db)[-1]
        case, _task = api.new_case()
        # committed with the mutation, not chained: no lock was taken, no head read
        pending = _pending(db, entity="case", entity_id=case["id"])
        assert [p["action"] for p in pending] == ["open_case"]
        assert _chained(db, entity="case", entity_id=case["id"]) == []
        # the reader chains it first: it reads its own writes
        body = api.get("/audit", "auditor1", params={"entity": "case", "id": case["id"]}).json()
        assert [e["action"] for e in body["events"]] == ["open_case"]
        assert body["chain_verified"] is True
        event = body["events"][0]
        assert event["seq"] > before["seq"] and event["data"] == pending[0]["data"]
        assert _pending(db) == []
        tail = [r for r in _chained(db) if r["seq"] > before["seq"]]
        assert tail[0]["seq"] == before["seq"] + 1 and tail[0]["prev_hash"] == before["hash"]
        for prev, row in itertools.pairwise(tail):
            assert row["seq"] == prev["seq"] + 1 and row["prev_hash"] == prev["hash"]
        checked = _verify(api, full=True)
        assert checked["verified"] is True and checked["pending"] == 0, checked
        # once chained, an edit is detected as before
        with db.session() as s:
            s.execute(update(t.audit).where(t.audit.c.seq == event["seq"]).values(actor="u_x"))
            s.commit()
        tampered = _verify(api, full=True)
        assert tampered["verified"] is False and tampered["problem"], tampered


def test_sqlite_chains_at_once(tmp_path) -> None:
    with own_server("sqlite", tmp_path, None) as (server, _clock, api):
        case, _task = api.new_case()
        db = server.app.state.db
        assert _pending(db) == []
        assert [r["action"] for r in _chained(db, entity="case", entity_id=case["id"])] == [
            "open_case"
        ]
        checked = _verify(api)
        assert checked["verified"] is True and checked["pending"] == 0, checked
        assert getattr(server.app.state, "audit_chainer", None) is None


@pytest.mark.parametrize("backend", PG_ONLY)
def test_a_head_with_a_bad_signature_is_not_extended(backend, tmp_path, pg_url) -> None:
    with own_server(backend, tmp_path, pg_url) as (server, _clock, api):
        db = server.app.state.db
        api.new_case()
        chain_pending(db)  # a chain with a signed head
        head = t.audit_anchor.c
        with db.session() as s:
            s.execute(update(t.audit_anchor).where(head.name == "head").values(mac="0" * 64))
            s.commit()
        case, _task = api.new_case()
        refused = _verify(api)
        assert refused["verified"] is False and "signature" in refused["problem"], refused
        assert refused["pending"] >= 1  # chaining it would have signed the forged head
        assert [p["action"] for p in _pending(db, entity_id=case["id"])] == ["open_case"]
        with db.read() as s:
            seq, digest = s.execute(select(head.seq, head.hash).where(head.name == "head")).one()
            good = audit_anchor.mac(audit_anchor.key_for(s), "head", seq, digest)
        with db.session() as s:  # the head signed again with the key: chaining goes on
            s.execute(update(t.audit_anchor).where(head.name == "head").values(mac=good))
            s.commit()
        checked = _verify(api, full=True)
        assert checked["verified"] is True and checked["pending"] == 0, checked
        assert len(_chained(db, entity="case", entity_id=case["id"])) == 1


@pytest.mark.parametrize("backend", PG_ONLY)
def test_a_row_forged_past_the_head_is_reported_not_a_server_error(
    backend, tmp_path, pg_url
) -> None:
    """A row inserted after the signed head takes the seq the chainer needs: chaining fails and
    is retried, and verify still answers — not verified, with what is pending."""
    with own_server(backend, tmp_path, pg_url) as (server, _clock, api):
        db = server.app.state.db
        api.new_case()
        chain_pending(db)
        last = _chained(db)[-1]
        with db.session() as s:
            s.execute(insert(t.audit).values({**last, "seq": last["seq"] + 1, "actor": "u_x"}))
            s.commit()
        case, _task = api.new_case()
        refused = _verify(api)
        assert refused["verified"] is False and refused["problem"], refused
        assert refused["pending"] >= 1
        assert _pending(db, entity_id=case["id"])  # nothing lost: still waiting to be chained
        r = api.get("/audit", "auditor1", params={"entity": "case", "id": case["id"]})
        assert r.status_code == 200 and r.json()["chain_verified"] is False, r.text
        with db.session() as s:  # the forged row removed: the waiting rows are chained
            s.execute(delete(t.audit).where(t.audit.c.seq == last["seq"] + 1))
            s.commit()
        checked = _verify(api, full=True)
        assert checked["verified"] is True and checked["pending"] == 0, checked
        assert len(_chained(db, entity="case", entity_id=case["id"])) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_database_from_before_gets_the_pending_table(backend, tmp_path, pg_url) -> None:
    """An existing database (its id stored) gets the tables added since when a server starts on
    it (they were created in the start's transaction and rolled back with it before)."""
    pg = backend == "postgresql"
    url = fresh_pg_database(pg_url) if pg else f"sqlite:///{tmp_path / 'old.db'}"
    audit_anchor.configure(url, str(tmp_path / "audit.key"))
    old = ServerDB(url)
    with old.session() as s:
        s.execute(text("DROP TABLE audit_pending"))  # as a server before deferred chaining left it
        s.commit()
    old.dispose()
    db = ServerDB(url)  # the next start creates it
    try:
        with db.session() as s:
            append_audit(s, "u_admin1", "comment", "task", "T-old", {"body": "after"}, START)
            s.commit()
        assert [p["entity_id"] for p in _pending(db)] == (["T-old"] if pg else [])
        assert chain_pending(db) == (1 if pg else 0)
        with db.read() as s:
            checked = verify_chain(s, full=True)
        assert checked["verified"] is True and checked["rows"] == 1 and checked["pending"] == 0
    finally:
        db.dispose()


# -- two instances ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two(pg_url: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    assert pg_url, "PostgreSQL binaries exist but the cluster did not start"
    tmp = tmp_path_factory.mktemp("chain")
    users = ("admin1", "auditor1")
    with two_instances(pg_url, tmp, "chain", users) as (db, instances, tokens, http):
        yield {"db": db, "instances": instances, "tokens": tokens, "http": http}


def _writer(base: str, token: str, n: int, out: list[str], lock: threading.Lock) -> None:
    """``n`` new cases through ``base`` (each commits an ``open_case`` audit event)."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=f"{base}/v1", timeout=60, headers=headers) as client:
        for _ in range(n):
            body = {
                "decision_id": f"C-{uuid.uuid4().hex[:8]}",
                "priority": "p2",
                "queue_id": "credit_review",
                "customer": {"customer_id": "CU-7", "name": "김민수", "account_id": "1234567890"},
                "application": {"amount": 5_000_000, "purpose": "생활자금", "term_months": 24},
            }
            r = client.post("/cases", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
            assert r.status_code == 200, r.text
            with lock:
                out.append(r.json()["data"]["id"])


def _verify_on(env: dict, base: str) -> dict:
    r = env["http"].get(
        f"{base}/v1/audit/verify",
        params={"full": "true"},
        headers={"Authorization": f"Bearer {env['tokens']['auditor1']}"},
    )
    assert r.status_code == 200, r.text
    return r.json()


def _pending_count(db: ServerDB) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(t.audit_pending)).scalar_one())


def test_two_instances_writing_at_once_end_with_one_chain(two: dict) -> None:
    db, (a, b) = two["db"], two["instances"]
    cases: list[str] = []
    lock = threading.Lock()
    writers = [
        threading.Thread(target=_writer, args=(inst.url, two["tokens"]["admin1"], 6, cases, lock))
        for inst in (a, b, a, b, a, b)
    ]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
    assert len(cases) == 36 and not any(w.is_alive() for w in writers)
    # the instances' own chainers chain it all, no reader asked
    wait_for(lambda: _pending_count(db) == 0, CHAINED_WITHIN_S, "the pending rows chained")
    opened = [r["entity_id"] for r in _chained(db, action="open_case")]
    assert sorted(c for c in opened if c in set(cases)) == sorted(cases)  # each exactly once
    rows = _chained(db)
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    for prev, row in itertools.pairwise(rows):
        assert row["prev_hash"] == prev["hash"]
    # the leader's scheduler keeps appending its own events meanwhile (checkpoints skipped,
    # approvals expired): verify covers at least the rows read above
    for inst in (a, b):
        checked = _verify_on(two, inst.url)
        assert checked["verified"] is True and checked["rows"] >= len(rows), checked


def test_a_killed_instances_pending_row_is_chained_by_the_other(two: dict) -> None:
    db, (a, b) = two["db"], two["instances"]
    a.proc.send_signal(signal.SIGKILL)
    a.proc.wait(10)
    mark = f"crashed-{uuid.uuid4().hex[:8]}"
    with db.session() as s:  # what A committed before it died, its chainer never woken
        s.execute(
            insert(t.audit_pending).values(
                at=_naive(START), actor="u_admin1", action="comment", entity="task",
                entity_id=mark, data={"body": "left by A"},
            )
        )  # fmt: skip
        s.commit()
    # B was not woken by it: its poll finds it (no reader asks meanwhile)
    wait_for(lambda: _chained(db, entity_id=mark), CHAINED_WITHIN_S, "B's poll to chain A's row")
    assert _pending(db, entity_id=mark) == []
    (row,) = _chained(db, entity_id=mark)
    assert row["data"] == {"body": "left by A"} and row["actor"] == "u_admin1"
    checked = _verify_on(two, b.url)  # B may be the leader now: its scheduler writes too
    assert checked["verified"] is True and checked["rows"] >= row["seq"], checked
