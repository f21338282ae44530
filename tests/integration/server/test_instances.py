"""Two server instances over one throwaway PostgreSQL database (README "Running several
instances"), each a real ``reviewer-server`` subprocess on its own loopback port.

A client on each instance follows ``GET /v1/events`` and fails over to the other URL with
``Last-Event-ID``: an action through A reaches B's subscriber within 2 s, ``Last-Event-ID`` from
A resumes on B, and after ``kill -9`` of A its client continues on B with every event once;
the leadership of the time-driven work moves to B.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest
from conftest import START, seed
from httpx_sse import connect_sse
from sqlalchemy.engine import make_url

from server.leader import LEADER_LOCK
from server.runner import free_port
from server.storage import ServerDB

ROOT = Path(__file__).resolve().parents[3]
LEADER_POLL_S = 0.5  # the recipe's --leader-poll, small so the takeover test is fast


def wait_for(cond: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass
class Instance:
    name: str
    url: str
    proc: subprocess.Popen
    log: Path


def start_instance(name: str, db_url: str, tmp: Path) -> Instance:
    """The README recipe: ``reviewer-server --db <postgresql url> --port <p> --instance <n>
    --leader-poll <s>``."""
    port = free_port()
    log = tmp / f"{name}.log"
    cmd = [sys.executable, "-m", "server.cli", "--db", db_url, "--port", str(port)]
    cmd += ["--instance", name, "--leader-poll", str(LEADER_POLL_S)]
    cmd += ["--scheduler-interval", "1", "--log-level", "warning"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        assert proc.poll() is None, log.read_text(errors="replace")
        try:
            return httpx.get(f"{url}/v1/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(healthy, 30, f"instance {name} to serve")
    return Instance(name, url, proc, log)


class Follower:
    """An SSE client over several server URLs: on a broken stream it goes on with the next URL
    and ``Last-Event-ID`` (what the workstation's event client does)."""

    def __init__(self, urls: list[str], token: str) -> None:
        self.urls, self.token = urls, token
        self.events: list[tuple[int, str, str]] = []
        self.served_by: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        wait_for(lambda: self.served_by, 10, "the event stream to open")

    def ids(self) -> list[int]:
        with self._lock:
            return [e[0] for e in self.events]

    def _run(self) -> None:
        turn = 0
        while not self._stop.is_set():
            url = self.urls[turn % len(self.urls)]
            headers = {"Authorization": f"Bearer {self.token}"}
            with self._lock:
                if self.events:
                    headers["Last-Event-ID"] = str(self.events[-1][0])
            try:
                with (
                    httpx.Client(timeout=httpx.Timeout(5, read=30)) as client,
                    connect_sse(client, "GET", f"{url}/v1/events", headers=headers) as source,
                ):
                    source.response.raise_for_status()
                    with self._lock:
                        self.served_by.append(url)
                    for sse in source.iter_sse():
                        with self._lock:
                            self.events.append((int(sse.id), sse.event, sse.data))
                        if self._stop.is_set():
                            return
            except httpx.HTTPError:
                pass
            turn += 1
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()


@pytest.fixture(scope="module")
def pair(pg_url: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    assert pg_url, "PostgreSQL binaries exist but the cluster did not start"
    name = f"rws_multi_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq(pg_url), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    db = ServerDB(url)
    seed(db, START)
    db.dispose()
    tmp = tmp_path_factory.mktemp("instances")
    a = start_instance("rws-A", url, tmp)
    wait_for(lambda: leader(url) == "rws-A", 20, "A to lead")  # the first instance leads
    b = start_instance("rws-B", url, tmp)
    http = httpx.Client(timeout=30)
    token = http.post(
        f"{a.url}/v1/auth/token", json={"username": "admin1", "password": "demo"}
    ).json()["access_token"]
    yield {"a": a, "b": b, "url": url, "token": token, "http": http}
    http.close()
    for inst in (a, b):
        if inst.proc.poll() is None:
            inst.proc.send_signal(signal.SIGTERM)
            try:
                inst.proc.wait(15)
            except subprocess.TimeoutExpired:
                inst.proc.kill()
                inst.proc.wait()


def leader(url: str) -> str | None:
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.objid = %s AND a.datname = %s",
            (LEADER_LOCK, make_url(url).database),
        ).fetchone()
    return row[0].removeprefix("rws-leader:") if row else None


def event_ids(url: str, first: int, last: int) -> list[int]:
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT id FROM events WHERE id BETWEEN %s AND %s ORDER BY id", (first, last)
        ).fetchall()
    return [r[0] for r in rows]


def new_case(pair: dict, base: str) -> dict:
    body = {
        "decision_id": f"D-{uuid.uuid4().hex[:8]}",
        "priority": "p1",
        "queue_id": "credit_review",
        "customer": {"customer_id": "CU-1", "name": "김민수", "account_id": "1234567890"},
        "application": {"amount": 10_000_000, "purpose": "생활자금", "term_months": 36},
    }
    headers = {"Authorization": f"Bearer {pair['token']}", "Idempotency-Key": str(uuid.uuid4())}
    r = pair["http"].post(f"{base}/v1/cases", json=body, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def change_seqs(follower: Follower) -> set[int]:
    with follower._lock:
        return {json.loads(d)["seq"] for _i, t, d in follower.events if t == "change"}


def saw(follower: Follower, seq: int) -> bool:
    """A ``change`` event at or past ``seq`` arrived (one event per commit: its highest seq)."""
    return any(s >= seq for s in change_seqs(follower))


def feed_seq(pair: dict, base: str, entity_id: str) -> int:
    r = pair["http"].get(
        f"{base}/v1/changes",
        params={"limit": 1000},
        headers={"Authorization": f"Bearer {pair['token']}"},
    )
    seqs = []
    body = r.json()
    while True:
        seqs += [c["seq"] for c in body["changes"] if c["id"] == entity_id]
        if not body["has_more"]:
            break
        body = (
            pair["http"]
            .get(
                f"{base}/v1/changes",
                params={"limit": 1000, "since": body["cursor"]},
                headers={"Authorization": f"Bearer {pair['token']}"},
            )
            .json()
        )
    return max(seqs)


def test_action_through_a_reaches_b_within_two_seconds(pair: dict) -> None:
    a, b = pair["a"], pair["b"]
    on_a = Follower([a.url, b.url], pair["token"])
    on_b = Follower([b.url, a.url], pair["token"])
    try:
        case = new_case(pair, a.url)
        sent = time.monotonic()
        seq = feed_seq(pair, b.url, case["id"])  # the feed on B already has A's write
        wait_for(lambda: saw(on_b, seq), 2.0, "A's change on B's stream")
        assert time.monotonic() - sent < 2.0
        wait_for(lambda: saw(on_a, seq), 2.0, "A's change on A's stream")
        # both instances hand out the same events, in the same order, with the same ids
        last = max(on_a.ids()[-1], on_b.ids()[-1])
        wait_for(lambda: on_a.ids()[-1] >= last and on_b.ids()[-1] >= last, 5, "both streams")
        first = max(on_a.ids()[0], on_b.ids()[0])
        in_a = [i for i in on_a.ids() if first <= i <= last]
        in_b = [i for i in on_b.ids() if first <= i <= last]
        assert in_a == in_b == event_ids(pair["url"], first, last)
    finally:
        on_a.stop()
        on_b.stop()


def test_last_event_id_from_a_resumes_on_b(pair: dict) -> None:
    a, b = pair["a"], pair["b"]
    on_a = Follower([a.url], pair["token"])
    try:
        for _ in range(3):
            new_case(pair, a.url)
        wait_for(lambda: len(on_a.ids()) >= 4, 10, "events on A")
        with on_a._lock:
            seen = list(on_a.events)
    finally:
        on_a.stop()
    pivot = seen[0][0]
    headers = {"Authorization": f"Bearer {pair['token']}", "Last-Event-ID": str(pivot)}
    resumed: list[tuple[int, str, str]] = []
    with (
        httpx.Client(timeout=httpx.Timeout(5, read=30)) as client,
        connect_sse(client, "GET", f"{b.url}/v1/events", headers=headers) as source,
    ):
        for sse in source.iter_sse():
            resumed.append((int(sse.id), sse.event, sse.data))
            if resumed[-1][0] >= seen[-1][0]:
                break
    assert resumed == seen[1:]  # exactly what followed the pivot on A: ids, types and data


def test_kill_a_client_continues_on_b_and_leadership_moves(pair: dict) -> None:
    a, b = pair["a"], pair["b"]
    client_a = Follower([a.url, b.url], pair["token"])
    try:
        before = new_case(pair, a.url)
        seq_before = feed_seq(pair, a.url, before["id"])
        wait_for(lambda: saw(client_a, seq_before), 5, "the change before the kill")
        assert leader(pair["url"]) == "rws-A"
        a.proc.send_signal(signal.SIGKILL)
        a.proc.wait(10)
        killed = time.monotonic()
        # the client goes on through B: its writes and its stream
        after = [new_case(pair, b.url) for _ in range(3)]
        seqs = [feed_seq(pair, b.url, c["id"]) for c in after]
        wait_for(lambda: all(saw(client_a, s) for s in seqs), 10, "the changes after the kill")
        assert client_a.served_by[-1] == b.url
        # nothing lost, nothing twice: the stream holds every event id of its span, once
        ids = client_a.ids()
        assert ids == event_ids(pair["url"], ids[0], ids[-1])
        wait_for(lambda: leader(pair["url"]) == "rws-B", 30, "B to take the leadership")
        took = time.monotonic() - killed
        assert took < 30
        # the new leader's scheduler publishes: queue.stats keep arriving, now from B
        mark = client_a.ids()[-1]
        wait_for(
            lambda: any(i > mark and t == "queue.stats" for i, t, _d in list(client_a.events)),
            10,
            "queue.stats from the new leader",
        )
    finally:
        client_a.stop()
