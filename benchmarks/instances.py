"""One instance vs two over one PostgreSQL: mutation rate and latency under live subscribers.

For each of 1 and 2 ``reviewer-server`` subprocesses over one throwaway PostgreSQL database
(``tests/integration/pg.py``; ``unavailable`` where PostgreSQL is not installed):

* 200 SSE subscribers (``GET /v1/events``, one asyncio loop, spread over the instances) are
  connected before the clock starts and count the events they receive;
* 20 writers (threads, one kept-alive connection each, spread over the instances) post
  ``comment`` actions on their own task (no conflicts) for the measured window.

Figures: ``instances_mutations_per_s`` (two instances, floor: one; target ratio >= 1.5) and
``instances_mutation_p99_ms`` (two instances, floor: one; target <= 200 ms), and a side-by-side
table on stderr. The load generators share the machine with the servers and PostgreSQL.

``instances_round_trips_per_mutation``: the PostgreSQL round trips of one ``comment`` through an
in-process server (statements, BEGIN, COMMIT, ROLLBACK, pool pings; counted by
``tests/integration/pg_round_trips.py``), an ``approve``'s in the note; deterministic, unlike the
figures above. Its floor is what the mutation logically needs: the early Idempotency-Key
look-up, BEGIN, the key claim, the key's row under the claim, the task, its case, every write
(its audit events as pending rows among them) sent as one batch, COMMIT — 8 (no global writer
lock, server/feed_seq.py; no audit chain head either: it is chained after the COMMIT,
server/audit_chainer.py).
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psycopg
from sqlalchemy.engine import make_url

from benchmarks.harness import Figure, percentile, unavailable

ROOT = Path(__file__).resolve().parents[1]
SUBSCRIBERS, WRITERS = 200, 20
RATE = ("instances_mutations_per_s", "mutations/s", "ratio >= 1.5")
P99 = ("instances_mutation_p99_ms", "ms", "<= 200 ms")
TRIPS = ("instances_round_trips_per_mutation", "round trips", "-")
TRIPS_FLOOR = 8  # see the module docstring
APPROVE = {"limit": 10_000_000, "rate": 4.5, "conditions": [], "note": "bench",
           "reason_codes": ["CREDIT-APPR-INCOME-001"]}  # fmt: skip


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _database(cluster_url: str, name: str) -> str:
    """A fresh database in the cluster with the demo users and queues."""
    from server.demo import seed_demo
    from server.storage import ServerDB

    with psycopg.connect(_libpq(cluster_url), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = make_url(cluster_url).set(database=name).render_as_string(hide_password=False)
    db = ServerDB(url)
    seed_demo(db, datetime.now(UTC))
    db.dispose()
    return url


def _free_port() -> int:
    from server.runner import free_port

    return free_port()


def _start(url: str, name: str, stack: ExitStack) -> str:
    port = _free_port()
    cmd = [sys.executable, "-m", "server.cli", "--db", url, "--port", str(port)]
    cmd += ["--instance", name, "--log-level", "warning"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    stack.callback(lambda: (proc.terminate(), proc.wait(20)))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"instance {name} exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/v1/healthz", timeout=2).status_code == 200:
                return base
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"instance {name} did not start")
        time.sleep(0.1)


def _token(base: str, user: str) -> str:
    r = httpx.post(f"{base}/v1/auth/token", json={"username": user, "password": "demo"})
    r.raise_for_status()
    return r.json()["access_token"]


def _task(base: str, admin: str) -> str:
    body = {
        "decision_id": f"B-{uuid.uuid4().hex[:8]}",
        "priority": "p2",
        "queue_id": "credit_review",
        "customer": {"customer_id": "CU-1", "name": "김민수", "account_id": "1234567890"},
        "application": {"amount": 10_000_000, "purpose": "생활자금", "term_months": 36},
    }
    headers = {"Authorization": f"Bearer {admin}", "Idempotency-Key": str(uuid.uuid4())}
    r = httpx.post(f"{base}/v1/cases", json=body, headers=headers, timeout=30)
    r.raise_for_status()
    return next(e["id"] for e in r.json()["related"] if e.get("case_id"))


class _Subscribers:
    """``n`` SSE streams on one asyncio loop in a thread; counts connections and events.

    Each stream is a plain HTTP/1.1 request on an asyncio socket whose bytes are counted, not
    parsed into events (an ``event:`` line starts every event): the load generator shares two
    cores with the servers, and httpx + an SSE parser spent ~4.8 ms of CPU per mutation on the
    200 copies of each event — as much as a third of what the servers spent."""

    def __init__(self, bases: list[str], token: str, n: int) -> None:
        self.connected = 0
        self.events = 0
        self._loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(
            target=self._loop.run_until_complete, args=(self._main(bases, token, n),), daemon=True
        )
        self._thread.start()

    async def _one(self, base: str, token: str) -> None:
        url = httpx.URL(base)
        writer = None
        try:
            reader, writer = await asyncio.open_connection(url.host, url.port)
            writer.write(
                f"GET /v1/events HTTP/1.1\r\nHost: {url.host}:{url.port}\r\n"
                f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n".encode()
            )
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200"):
                return
            self.connected += 1
            tail = b""
            while chunk := await reader.read(65536):
                data = tail + chunk  # a marker split across two reads is counted once
                self.events += data.count(_MARKER)
                tail = data[-(len(_MARKER) - 1) :]
        except (OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            if writer is not None:
                writer.close()

    async def _main(self, bases: list[str], token: str, n: int) -> None:
        self._stop = asyncio.Event()
        tasks = [asyncio.create_task(self._one(bases[i % len(bases)], token)) for i in range(n)]
        await self._stop.wait()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def close(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)


_MARKER = b"\nevent: "  # every SSE event has an event line after its id line


def _write(base: str, token: str, task_id: str, until: float, out: list[float]) -> None:
    """One writer: ``comment`` actions on its own task over one kept-alive connection, each
    latency in ``out``. ``http.client`` rather than httpx: the writers share the machine with
    the servers, and httpx's per-request Python cost is several times that of the stdlib's."""
    url = httpx.URL(base)
    conn = http.client.HTTPConnection(url.host, url.port, timeout=30)
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        n = 0
        while time.monotonic() < until:
            n += 1
            body = json.dumps({"body": f"bench {n}"})
            t0 = time.perf_counter()
            conn.request(
                "POST",
                f"/v1/tasks/{task_id}/actions/comment",
                body=body,
                headers={**auth, "Idempotency-Key": str(uuid.uuid4())},
            )
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                out.append((time.perf_counter() - t0) * 1000)
    finally:
        conn.close()


def _measure(cluster: str, instances: int, seconds: float) -> dict:
    url = _database(cluster, f"bench_{instances}_{uuid.uuid4().hex[:6]}")
    with ExitStack() as stack:
        bases = [_start(url, f"bench-{i}", stack) for i in range(instances)]
        admin, reviewer = _token(bases[0], "admin1"), _token(bases[0], "reviewer1")
        tasks = [_task(bases[0], admin) for _ in range(WRITERS)]
        subs = _Subscribers(bases, reviewer, SUBSCRIBERS)
        stack.callback(subs.close)
        deadline = time.monotonic() + 60
        while subs.connected < SUBSCRIBERS and time.monotonic() < deadline:
            time.sleep(0.05)
        before = subs.events
        until = time.monotonic() + seconds
        lat: list[list[float]] = [[] for _ in range(WRITERS)]
        started = time.monotonic()
        writers = [
            threading.Thread(
                target=_write, args=(bases[i % instances], reviewer, tasks[i], until, lat[i])
            )
            for i in range(WRITERS)
        ]
        for w in writers:
            w.start()
        for w in writers:
            w.join(seconds + 60)
        elapsed = time.monotonic() - started
        done = [x for per in lat for x in per]
        time.sleep(0.5)  # the last events reach the subscribers
        return {
            "instances": instances,
            "rate": len(done) / elapsed,
            "p50": percentile(done, 50),
            "p99": percentile(done, 99),
            "mutations": len(done),
            "subscribers": subs.connected,
            "events": subs.events - before,
        }


def _round_trips(cluster: str) -> Figure:
    """Round trips of a ``comment`` and an ``approve`` through an in-process server."""
    from server.config import ServerConfig
    from server.runner import start_server
    from tests.integration.pg_round_trips import APART, RoundTrips

    url = _database(cluster, f"trips_{uuid.uuid4().hex[:6]}")
    running = start_server(ServerConfig(db_url=url, port=0))
    counts: dict[str, RoundTrips] = {}
    try:
        base = running.url
        admin, reviewer = _token(base, "admin1"), _token(base, "reviewer1")
        task = _task(base, admin)
        headers = {"Authorization": f"Bearer {reviewer}"}
        with httpx.Client(base_url=f"{base}/v1", headers=headers, timeout=30) as client:
            client.get("/me")
            steps = [("warm", "comment", {"body": "warm"}), ("comment", "comment", {"body": "b"}),
                     ("approve", "approve", APPROVE)]  # fmt: skip
            for name, action, body in steps:
                counter = RoundTrips(running.app.state.db.engine)
                with counter.installed():
                    r = client.post(
                        f"/tasks/{task}/actions/{action}",
                        json=body,
                        headers={"Idempotency-Key": str(uuid.uuid4())},
                    )
                r.raise_for_status()
                counts[name] = counter
    finally:
        running.stop()
    comment, approve = counts["comment"], counts["approve"]
    apart = set(APART.values())  # the event listener's and the audit chainer's round trips
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(comment.counts.items()) if k not in apart)
    note = f"comment: {kinds}; approve: {approve.total}"
    return Figure(TRIPS[0], comment.total, TRIPS[1], TRIPS[2], "logically needed", TRIPS_FLOOR,
                  round(comment.total / TRIPS_FLOOR, 2), None, note)  # fmt: skip


def _table(rows: list[dict]) -> None:
    head = "instances  mutations/s  p50 ms  p99 ms  mutations  subscribers  events"
    print("\n" + head, file=sys.stderr)
    for r in rows:
        print(
            f"{r['instances']:>9}  {r['rate']:>11.1f}  {r['p50']:>6.1f}  {r['p99']:>6.1f}"
            f"  {r['mutations']:>9}  {r['subscribers']:>11}  {r['events']:>6}",
            file=sys.stderr,
        )


def run(quick: bool) -> list[Figure]:
    sys.path.insert(0, str(ROOT))
    from tests.integration.pg import postgres_cluster

    seconds = 4.0 if quick else 12.0
    with postgres_cluster() as cluster:
        if cluster is None:
            why = "PostgreSQL is not installed (scripts/bootstrap.sh installs it)"
            return [unavailable(n, u, t, why) for n, u, t in (RATE, P99, TRIPS)]
        trips = _round_trips(cluster)
        one = _measure(cluster, 1, seconds)
        two = _measure(cluster, 2, seconds)
    _table([one, two])
    ratio = round(two["rate"] / one["rate"], 2) if one["rate"] else None
    note = (
        f"{SUBSCRIBERS} SSE subscribers, {WRITERS} writers, {seconds:g} s; "
        f"events delivered 1: {one['events']}, 2: {two['events']}"
    )
    return [
        Figure(RATE[0], round(two["rate"], 1), RATE[1], RATE[2], "one instance",
               round(one["rate"], 1), ratio, ratio is not None and ratio >= 1.5, note),
        Figure(P99[0], round(two["p99"], 1), P99[1], P99[2], "one instance",
               round(one["p99"], 1), round(two["p99"] / one["p99"], 2) if one["p99"] else None,
               two["p99"] <= 200, note),
        trips,
    ]  # fmt: skip
