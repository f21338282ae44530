"""The change feed on PostgreSQL with concurrent writers and no global lock (issue 15,
server/feed_seq.py): two ``reviewer-server`` instances over one throwaway database, writers on
both, and a reader polling ``GET /v1/changes`` through both while they write.

Over many rounds (each a different seeded mix of writers, instances and shared tasks, plus one
"slow" transaction that takes its seq early and commits late, after others committed higher
seqs), the reader's stream holds every change exactly once, in increasing seq order, each
entity's versions in order; and the audit chain verifies afterwards.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import func, select
from test_instances import wait_for
from two_instances import two_instances

from app.domain.enums import EntityKind
from server import storage
from server import tables as t
from server.feed import decode_cursor
from server.feed_seq import FEED_SHIFT
from server.storage import ServerDB
from tests.integration.pg import pg_bindir

pytestmark = pytest.mark.skipif(pg_bindir() is None, reason="PostgreSQL is not installed")

ROUNDS = 6
SLOW_HOLD_S = 1.5  # how long the slow transaction stays open after others committed past it


@pytest.fixture(scope="module")
def two(pg_url: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    assert pg_url, "PostgreSQL binaries exist but the cluster did not start"
    tmp = tmp_path_factory.mktemp("feed")
    users = ("admin1", "reviewer1", "auditor1")
    with two_instances(pg_url, tmp, "feed", users) as (db, instances, tokens, http):
        yield {"db": db, "urls": [i.url for i in instances], "tokens": tokens, "http": http}


def _new_task(env: dict, base: str) -> str:
    body = {
        "decision_id": f"F-{uuid.uuid4().hex[:8]}",
        "priority": "p2",
        "queue_id": "credit_review",
        "customer": {"customer_id": "CU-9", "name": "김민수", "account_id": "1234567890"},
        "application": {"amount": 10_000_000, "purpose": "생활자금", "term_months": 36},
    }
    headers = {"Authorization": f"Bearer {env['tokens']['admin1']}",
               "Idempotency-Key": str(uuid.uuid4())}  # fmt: skip
    r = env["http"].post(f"{base}/v1/cases", json=body, headers=headers)
    assert r.status_code == 200, r.text
    return next(e["id"] for e in r.json()["related"] if e.get("case_id"))


class Reader:
    """Polls ``/v1/changes`` with its cursor, alternating between the instances, until told to
    stop and a last pull brings nothing; keeps every change it was served, in order."""

    def __init__(self, urls: list[str], token: str, cursor: str | None) -> None:
        self.urls, self.token, self.cursor = urls, token, cursor
        self.served: list[tuple[int, str, str, int]] = []  # seq, entity, id, version
        self.pulls = 0
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _pull(self, client: httpx.Client) -> int:
        params = {"limit": 37} | ({"since": self.cursor} if self.cursor else {})
        url = self.urls[self.pulls % len(self.urls)]
        r = client.get(f"{url}/v1/changes", params=params)
        r.raise_for_status()
        page = r.json()
        assert page["reset"] is False, page
        with self.lock:
            self.served += [(c["seq"], c["entity"], c["id"], c["version"]) for c in page["changes"]]
            self.cursor = page["cursor"]
            self.pulls += 1
        return len(page["changes"]) + int(page["has_more"])

    def _run(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(headers=headers, timeout=60) as client:
            while not self._stop.is_set():
                self._pull(client)
            while self._pull(client):  # drain
                pass

    def finish(self) -> None:
        self._stop.set()
        self._thread.join(120)
        assert not self._thread.is_alive()

    def max_seq(self) -> int:
        with self.lock:
            return self.served[-1][0] if self.served else 0


def _writer(env: dict, base: str, user: str, tasks: list[str], n: int, out: list[int]) -> None:
    """``n`` comments on ``tasks`` in turn, as ``user`` or — the scheduler assigns new tasks to
    a signed-in user with the skill — as the task's assignee (asked again after a 403)."""
    tokens = env["tokens"]
    with httpx.Client(base_url=f"{base}/v1", timeout=60) as client:
        for i in range(n):
            task = tasks[i % len(tasks)]
            for _attempt in range(3):
                auth = {"Authorization": f"Bearer {tokens[user]}"}
                r = client.post(
                    f"/tasks/{task}/actions/comment",
                    json={"body": f"feed {user} {i}"},
                    headers={**auth, "Idempotency-Key": str(uuid.uuid4())},
                )
                if r.status_code != 403:
                    break
                assignee = client.get(f"/tasks/{task}", headers=auth).json().get("assignee_id")
                user = (assignee or "u_reviewer1").removeprefix("u_")
            out.append(r.status_code)


def _slow_write(
    db: ServerDB,
    article_id: str,
    taken: threading.Event,
    others_passed: threading.Event,
    out: list[tuple[int, int]],
) -> None:
    """A transaction that writes a change early and commits late: its seq is taken, then other
    writers commit higher seqs, then it commits. Appends (its seq, higher seqs committed
    before it) to ``out``. It writes a new knowledge article: no row the scheduler's jobs or the
    writers wait for (a row lock held this long would hold them up, as it should)."""
    now = datetime.now(UTC)
    with db.session() as s:
        article = {"id": article_id, "title": "늦게 커밋된 문서", "body": "taken early"}
        storage.put(s, EntityKind.KNOWLEDGE_ARTICLE, article, actor="u_admin1", now=now)
        storage.append_audit(s, "u_admin1", "slow_write", "knowledge_article", article_id, {}, now)
        mine = s.info["changed"][-1][2]
        taken.set()
        with db.read() as r:  # others commit past it meanwhile
            c = t.changes.c
            higher = select(func.count()).where(c.seq > mine)
            wait_for(lambda: r.execute(higher).scalar(), 30, "later seqs")
            past = r.execute(higher).scalar()
        others_passed.set()
        time.sleep(SLOW_HOLD_S)  # held open while the reader polls (the point of the test)
        s.commit()
    out.append((mine, int(past)))


def test_reader_never_misses_or_doubles_a_change_under_two_instances(two) -> None:
    env = two
    urls = env["urls"]
    first = (
        env["http"]
        .get(
            f"{urls[0]}/v1/changes",
            params={"limit": 1000},
            headers={"Authorization": f"Bearer {env['tokens']['reviewer1']}"},
        )
        .json()
    )
    while first["has_more"]:  # the reader starts at the head of the feed
        first = (
            env["http"]
            .get(
                f"{urls[0]}/v1/changes",
                params={"limit": 1000, "since": first["cursor"]},
                headers={"Authorization": f"Bearer {env['tokens']['reviewer1']}"},
            )
            .json()
        )
    start_cursor = first["cursor"]
    start_seq = decode_cursor(start_cursor, env["db"].db_id)
    reader = Reader(urls, env["tokens"]["reviewer1"], start_cursor)
    statuses: list[int] = []
    slow: list[tuple[int, int]] = []
    for round_ in range(ROUNDS):
        rnd = random.Random(1500 + round_)
        shared = _new_task(env, urls[round_ % 2])
        own = {"reviewer1": _new_task(env, urls[round_ % 2])}
        threads = []
        for _w in range(rnd.randint(3, 6)):
            user = "reviewer1"  # a task is acted on by its assignee only
            tasks = [shared] if rnd.random() < 0.5 else [own[user], shared]
            args = (env, urls[rnd.randrange(2)], user, tasks, rnd.randint(3, 8), statuses)
            threads.append(threading.Thread(target=_writer, args=args))
        taken, passed = threading.Event(), threading.Event()
        slow_thread = threading.Thread(
            target=_slow_write, args=(env["db"], f"KA-slow-{round_}", taken, passed, slow)
        )
        slow_thread.start()
        assert taken.wait(30), "the slow transaction never wrote"
        for th in threads:
            th.start()
        for th in threads:
            th.join(120)
        slow_thread.join(120)
        assert passed.is_set() and not slow_thread.is_alive(), sorted(set(statuses))
    reader.finish()

    assert statuses and all(code == 200 for code in statuses), sorted(set(statuses))
    served = reader.served
    seqs = [s for s, *_ in served]
    assert seqs == sorted(set(seqs)), "served twice or out of order"
    with env["db"].read() as s:
        c = t.changes.c
        in_table = [r[0] for r in s.execute(select(c.seq).where(c.seq > start_seq).order_by(c.seq))]
    assert seqs == in_table, "the reader missed a change that is in the feed"
    # each slow transaction's change came after higher seqs had committed, and was served once
    assert len(slow) == ROUNDS and all(past > 0 for _seq, past in slow)
    for mine, _past in slow:
        assert seqs.count(mine) == 1
    # an entity's changes come in version order
    last_version: dict[tuple[str, str], int] = {}
    for _seq, entity, id_, version in served:
        assert version > last_version.get((entity, id_), 0), (entity, id_, version)
        last_version[(entity, id_)] = version
    # and the audit chain is one unbroken line, signed at its head
    r = env["http"].get(
        f"{urls[1]}/v1/audit/verify",
        params={"full": "true"},
        headers={"Authorization": f"Bearer {env['tokens']['auditor1']}"},
    )
    assert r.status_code == 200 and r.json()["verified"] is True, r.text
    assert reader.pulls > ROUNDS  # it polled while the writers wrote, not only at the end


def _doc(id_: str) -> dict:
    return {"id": id_, "status": "open", "queue_id": "credit_review"}


def test_late_commit_is_held_back_and_an_entity_keeps_its_version_order(pg_url) -> None:
    """Two transactions by hand: ``old`` takes its xid first (a change of F), ``new`` changes E
    and commits, then ``old`` changes E too and commits. While ``old`` is open the feed serves
    neither F nor E's new change (both behind the horizon, the page says so); afterwards it
    serves all, E's versions in order although ``old`` holds the older xid."""
    from own_server import fresh_pg_database

    from server.feed import _page

    db = ServerDB(fresh_pg_database(pg_url))
    now = datetime.now(UTC)
    try:
        with db.session() as s:
            for id_ in ("E", "F"):
                storage.put(s, EntityKind.TASK, _doc(id_), actor="t", now=now)
            s.commit()
        head, _ = _page(db, None, 1000)
        cursor = head["cursor"]
        with db.session() as old:
            f = storage.get(old, EntityKind.TASK, "F")
            storage.put(old, EntityKind.TASK, {**f, "note": "old"}, actor="t", now=now)
            f_seq = old.info["changed"][-1][2]
            with db.session() as new:
                e = storage.get(new, EntityKind.TASK, "E")
                storage.put(new, EntityKind.TASK, {**e, "note": "new"}, actor="t", now=now)
                e_new = new.info["changed"][-1][2]
                new.commit()
            assert e_new > f_seq  # the later transaction's xid, the higher seq
            page, held_back = _page(db, cursor, 1000)
            assert page["changes"] == [] and held_back  # E's change waits behind old's xid
            e = storage.get(old, EntityKind.TASK, "E")  # version 2, as ``new`` left it
            storage.put(old, EntityKind.TASK, {**e, "note": "old"}, actor="t", now=now)
            e_old = old.info["changed"][-1][2]
            old.commit()
        assert e_old > e_new  # bumped onto new's pos: E's changes stay in version order
        assert e_old >> FEED_SHIFT == e_new >> FEED_SHIFT
        page, held_back = _page(db, cursor, 1000)
        assert not held_back
        served = [(c["seq"], c["id"], c["version"]) for c in page["changes"]]
        assert served == [(f_seq, "F", 2), (e_new, "E", 2), (e_old, "E", 3)]
    finally:
        db.dispose()
