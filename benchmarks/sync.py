"""Sync figures against the reference server on 127.0.0.1: initial sync, delta sync, push rate.

- ``initial_sync_s``: empty store → every case pulled and applied by the real ``sync`` engine
  (``SyncEngine.sync_once``: push nothing, pull every page, apply each page in one transaction on
  the writer thread). Floor: plain ``httpx`` GETs of the same ``/v1/changes`` pages (same page
  size) with JSON decode, nothing applied. Both from the reference server in its own process
  (``Env.remote_server``, as for ``push_rate``): in the harness's in-process server the
  server's JSON encoding and the client's apply took turns on one interpreter lock. This run's
  store is reused by the inbox figures.
- ``delta_sync_ms``: 100 cases changed in one server transaction and a ``change`` event
  published (as the server's own scheduler does) → the live engine hears it, pulls and applies;
  the time from the server's commit to the engine's ``on_changed`` with all 100 ids. Median of
  several rounds.
- ``push_rate``: N comment actions queued offline in the outbox (as ``app.services`` writes them)
  → ``Pusher.push()`` after reconnect; actions per second; every comment found exactly once in
  the server's case timelines (none lost, none doubled), else the figure fails. The server is the
  reference server in its own process over the same database (``Env.remote_server``), as a
  deployment has it — not the harness's in-process uvicorn thread, whose Python would share the
  client's GIL.
"""

from __future__ import annotations

import asyncio
import random
import string
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import httpx

from benchmarks.fixtures import BENCH_USER, PASSWORD, Env
from benchmarks.harness import Figure, judge, median, unavailable


def _floor_pull_s(url: str, limit: int) -> tuple[float, int]:
    """GET every page of the feed and decode it; nothing applied."""
    with httpx.Client(base_url=url + "/v1", timeout=60) as http:
        grant = http.post("/auth/token", json={"username": BENCH_USER, "password": PASSWORD})
        http.headers["Authorization"] = "Bearer " + grant.json()["access_token"]
        t0 = time.perf_counter()
        cursor, n = None, 0
        while True:
            params: dict[str, Any] = {"limit": limit}
            if cursor:
                params["since"] = cursor
            page = http.get("/changes", params=params).json()
            n += len(page["changes"])
            cursor = page["cursor"]
            if not page["has_more"] or not page["changes"]:
                return time.perf_counter() - t0, n


def _server_url(env: Env) -> tuple[str, str]:
    """The server in its own process, as deployed (else the in-process one, said so)."""
    try:
        return env.remote_server.url, "server in its own process"
    except Exception as exc:
        return env.url, f"in-process server (server process failed: {exc!r})"


def initial_sync(env: Env) -> Figure:
    from app.store.store import Store
    from sync.puller import MAX_PAGE  # the engine's page size: the floor GETs the same pages
    from sync.wiring import build_engine

    name, floor = "initial_sync_s", "httpx GET of the same pages + JSON decode"
    url, where = _server_url(env)
    floor_s, n_floor = _floor_pull_s(url, MAX_PAGE)
    session = env.session(url=url)
    env.store_path.unlink(missing_ok=True)
    store = Store.open(env.store_path)

    async def run() -> Any:
        engine = build_engine(store, session, live=False)
        try:
            t0 = time.perf_counter()
            report = await engine.sync_once()
            return time.perf_counter() - t0, report
        finally:
            await engine.stop()

    try:
        value, report = asyncio.run(run())
    except Exception as exc:  # the engine is still being finished by its owner
        store.close()
        return unavailable(name, "s", "ratio <= 1.5", f"sync engine failed: {exc!r}", floor)
    store.close()
    env.store_filled_by = "initial sync (HTTP, real engine)"
    pulled = report.pulled
    return judge(
        name, value, "s", floor=floor, floor_value=floor_s, max_ratio=1.5,
        note=f"{pulled.changes} changes in {pulled.pages} pages ({n_floor} in the floor); "
        f"{pulled.changes / value:.0f} changes/s applied; {where}",
    )  # fmt: skip


def _change_cases(db: Any, ids: list[str], round_no: int) -> int:
    """One server transaction changing ``ids``, then the ``change`` event (server/scheduler)."""
    from server import storage

    now = datetime.now(UTC)
    with db.session() as s:
        seq = 0
        for case_id in ids:
            data = storage.get(s, "case", case_id)
            data["customer"] = {**(data.get("customer") or {}), "note": f"bench {round_no}"}
            storage.put(s, "case", data, actor="bench", now=now)
        changed = s.info.get("changed", [])
        seq = max(q for _k, _i, q in changed)
        s.commit()
    return seq


def delta_sync(env: Env, rounds: int = 5) -> Figure:
    from app.store.store import Store
    from sync.wiring import build_engine

    name = "delta_sync_ms"
    n = env.sizes.delta_changes
    store = Store.open(env.copy_store("delta.sqlite3"))
    session = env.session()
    app = env.server.app
    ids = _case_ids(app.state.db, n * rounds)
    samples: list[float] = []

    async def run() -> None:
        loop = asyncio.get_running_loop()
        waiting: dict[str, Any] = {}

        def on_changed(result: Any) -> None:
            got = result.changed.get("case", set())
            want = waiting.get("ids")
            if want and want <= got | waiting["seen"]:
                waiting["seen"] |= got
                waiting["done"].set_result(time.perf_counter())
            elif want:
                waiting["seen"] |= got

        engine = build_engine(store, session, live=True, on_changed=on_changed, periodic_s=3600)
        engine.start()
        try:
            await engine.wait_idle(120)
            await asyncio.sleep(0.5)  # the live stream connects after the first cycle
            for r in range(rounds):
                chunk = ids[r * n : (r + 1) * n]
                waiting.update(ids=set(chunk), seen=set(), done=loop.create_future())
                seq = await asyncio.to_thread(_change_cases, app.state.db, chunk, r)
                t0 = time.perf_counter()
                app.state.bus.publish("change", {"seq": seq})
                t1 = await asyncio.wait_for(waiting["done"], 30)
                samples.append((t1 - t0) * 1000)
                await asyncio.sleep(0.2)
        finally:
            await engine.stop()

    try:
        asyncio.run(run())
    except Exception as exc:
        return unavailable(name, "ms", "<= 150 ms", f"live sync failed: {exc!r}")
    finally:
        store.close()
    return judge(
        name, median(samples), "ms", max_value=150,
        note=f"median of {rounds} rounds of {n} changed cases, server commit -> SSE change -> "
        f"pulled and applied; rounds: {', '.join(f'{s:.0f}' for s in samples)} ms",
    )  # fmt: skip


def _case_ids(db: Any, n: int) -> list[str]:
    from sqlalchemy import select

    from server import tables as t

    with db.read() as s:
        stmt = select(t.entities.c.id).where(t.entities.c.kind == "case").order_by(t.entities.c.id)
        return list(s.execute(stmt.limit(n)).scalars())


def _open_tasks(db: Any, n: int, user: dict) -> list[tuple[str, str]]:
    """(task id, case id) of open review tasks whose case still takes comments and that
    ``user`` may act on (shared/API.md "Access to objects": app.commands.guards)."""
    from sqlalchemy import select

    from app.commands.base import Actor
    from app.commands.guards import task_object
    from app.domain.cases import Case, Task
    from app.domain.wire import from_wire
    from app.rules.errors import Forbidden
    from server import storage
    from server import tables as t

    actor = Actor.of(user)
    out = []
    with db.read() as s:
        stmt = select(t.entities.c.data).where(t.entities.c.kind == "task")
        for (data,) in s.execute(stmt):
            if data.get("status") not in ("open", "assigned"):
                continue
            case = storage.get(s, "case", data["case_id"])
            if case is None or case.get("status") in ("archived",):
                continue
            try:
                task_object(actor, from_wire(Task, data), from_wire(Case, case))
            except Forbidden:
                continue
            out.append((data["id"], data["case_id"]))
            if len(out) >= n:
                break
    return out


def push_rate(env: Env) -> Figure:
    from app.domain.enums import EntityKind
    from app.store.outbox import enqueue
    from app.store.store import Store
    from sync.wiring import build_engine

    name = "push_rate"
    n = env.sizes.push_actions
    db = env.server.app.state.db
    url, where = _server_url(env)  # the DB and its checks stay shared with the harness
    session = env.session(url=url)
    tasks = _open_tasks(db, n, dict(session.user))
    if not tasks:
        return unavailable(name, "actions/s", ">= 300 actions/s", "no open tasks on the server")
    store = Store.open(env.copy_store("push.sqlite3"))
    # letters only: a long run of digits in a comment is redacted as an identifier (server.pii),
    # and the check below would then find none of them
    tag = "bench-push-" + "".join(random.choices(string.ascii_lowercase, k=12))
    with store.transaction() as s:  # offline: the outbox fills, nothing is sent
        for i in range(n):
            task_id, case_id = tasks[i % len(tasks)]
            body = f"{tag}-{i}"
            enqueue(
                s, intent="comment", path=f"/tasks/{task_id}/actions/comment",
                payload={"body": body}, user_input={"body": body},
                entity_kind=EntityKind.TASK, entity_id=task_id,
                created_by=str(session.user.get("id")), now=datetime.now(UTC), case_id=case_id,
            )  # fmt: skip

    async def run() -> Any:
        engine = build_engine(store, session, live=False)
        try:
            t0 = time.perf_counter()
            report = await engine.parts.pusher.push()
            return time.perf_counter() - t0, report
        finally:
            await engine.stop()

    try:
        seconds, report = asyncio.run(run())
    except Exception as exc:
        store.close()
        return unavailable(name, "actions/s", ">= 300 actions/s", f"push failed: {exc!r}")
    store.close()
    seen = _server_comments(db, {c for _t, c in tasks}, tag)
    lost = [i for i in range(n) if seen[f"{tag}-{i}"] == 0]
    doubled = [b for b, c in seen.items() if c > 1]
    rate = len(report.applied) / seconds
    checked = not lost and not doubled and len(report.applied) == n
    fig = judge(
        name, rate, "actions/s", min_value=300,
        note=f"{n} comments on {len(tasks)} tasks in {seconds:.2f} s; applied "
        f"{len(report.applied)}, conflict {len(report.conflict)}, rejected "
        f"{len(report.rejected)}, deferred {len(report.deferred)}; lost {len(lost)}, "
        f"doubled {len(doubled)} (checked on the server); {where}",
    )  # fmt: skip
    if not checked:
        fig.ok = False
    return fig


def _server_comments(db: Any, case_ids: set[str], tag: str) -> Counter:
    from server import storage

    seen: Counter = Counter()
    with db.read() as s:
        for case_id in case_ids:
            case = storage.get(s, "case", case_id) or {}
            for entry in case.get("timeline") or []:
                body = str(entry.get("body") or entry.get("note") or "")
                if entry.get("kind") == "comment" and body.startswith(tag):
                    seen[body] += 1
    return seen


def run(env: Env) -> list[Figure]:
    rounds = 3 if env.sizes.cases < 50_000 else 5
    return [initial_sync(env), delta_sync(env, rounds), push_rate(env)]
