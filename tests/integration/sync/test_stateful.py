"""Hypothesis state machine: two reviewers, each behind its own cuttable link, acting on shared
tasks while going offline / online, losing replies after commit and being killed.

Invariants after quiet (links up, everyone synced): every action ended exactly once as applied,
conflict or rejected; the server holds at most one effect per action (exactly one if applied);
each workstation's copy of every task and case equals the server's."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from datetime import UTC, datetime

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from sqlalchemy import select

from app.rules.errors import RuleError
from app.services.task_actions import approve, comment, deny
from app.store.local_models import OutboxRow
from app.store.outbox import mark_inflight
from sync.problems import NetworkError
from sync.retry import RetryPolicy
from tests.hypothesis_profiles import budget
from tests.integration.sync.helpers import Workstation, api_get, make_task
from tests.integration.sync.proxy import FaultProxy

ONE_TRY = RetryPolicy(max_attempts=1)
FINAL = ("applied", "conflict", "rejected")
APPROVE = {"limit": 5_000_000, "rate": 5.0, "note": "ok", "reason_codes": ["A-1"]}
DENY = {"reason_codes": ["D-1"], "note": "no", "improvement_advice": "later"}
counter = itertools.count()


def _now() -> datetime:
    return datetime.now(UTC)


def _actions(method: str, path: str) -> bool:
    return method == "POST" and "/actions/" in path


def test_offline_online_actions_and_kills(server, tmp_path) -> None:
    proxies = [FaultProxy(server.port), FaultProxy(server.port)]

    class Machine(RuleBasedStateMachine):
        @initialize()
        def setup(self) -> None:
            n = next(counter)
            self.tasks = [make_task(server.url, None, tag=f"sm{n}-{i}") for i in range(2)]
            for p in proxies:
                p.down = False
                p.clear()
            self.ws = [
                Workstation(tmp_path, proxies[0].url, "reviewer1", name=f"r1-{n}"),
                Workstation(tmp_path, proxies[1].url, "reviewer2", name=f"r2-{n}"),
            ]
            self.actions: list[tuple[int, int, str, str]] = []  # ws, outbox id, kind, task
            for ws in self.ws:
                ws.sync()

        def _act(self, w: int, kind: str, t: int, form: dict, fn) -> None:
            ws, task = self.ws[w], self.tasks[t]
            try:
                result = fn(ws.store, ws.actor(), task["task_id"], form, _now())
            except RuleError:
                return  # refused locally (e.g. the task is already done here): nothing queued
            self.actions.append((w, result.outbox_id, kind, task["task_id"]))

        @rule(w=st.integers(0, 1), t=st.integers(0, 1))
        def add_comment(self, w: int, t: int) -> None:
            body = f"sm-comment-{next(counter)}"
            self._act(w, body, t, {"body": body}, comment)

        @rule(w=st.integers(0, 1), t=st.integers(0, 1), yes=st.booleans())
        def decide(self, w: int, t: int, yes: bool) -> None:
            self._act(w, "decide", t, APPROVE if yes else DENY, approve if yes else deny)

        @rule(w=st.integers(0, 1), down=st.booleans())
        def link(self, w: int, down: bool) -> None:
            proxies[w].down = down

        @rule(w=st.integers(0, 1), cut=st.sampled_from(["", "before", "after"]))
        def sync(self, w: int, cut: str) -> None:
            if cut:
                proxies[w].add(_actions, cut)
            with contextlib.suppress(NetworkError):
                self.ws[w].sync(retry=ONE_TRY)
            proxies[w].clear()

        @rule(w=st.integers(0, 1))
        def killed_after_reply_before_ack(self, w: int) -> None:
            ws = self.ws[w]
            with ws.store.transaction() as s:
                row = (
                    s.execute(
                        select(OutboxRow)
                        .where(OutboxRow.status == "pending")
                        .order_by(OutboxRow.id)
                    )
                    .scalars()
                    .first()
                )
                if row is None:
                    return
                mark_inflight(s, row.id, _now())
                job = (row.path, dict(row.payload), row.idempotency_key, row.if_match)

            async def send() -> None:
                async with ws.session.client() as api:
                    await api.mutate(job[0], job[1], idempotency_key=job[2], if_match=job[3])

            with contextlib.suppress(Exception):  # offline or refused: the process dies
                asyncio.run(send())
            ws.reopen()

        @rule(w=st.integers(0, 1))
        def killed_after_local_write(self, w: int) -> None:
            self.ws[w].reopen()

        def teardown(self) -> None:
            if not hasattr(self, "ws"):
                return
            for p in proxies:
                p.down = False
                p.clear()
            for _ in range(2):
                for ws in self.ws:
                    ws.sync()
            self._check()
            for ws in self.ws:
                ws.close()

        def _check(self) -> None:
            statuses = {}
            for w, outbox_id, kind, _task_id in self.actions:
                with self.ws[w].store.session() as s:
                    statuses[(w, outbox_id)] = s.get(OutboxRow, outbox_id).status
                assert statuses[(w, outbox_id)] in FINAL, (kind, statuses[(w, outbox_id)])
            for task in self.tasks:
                case = api_get(server.url, "admin1", f"/cases/{task['case_id']}")
                bodies = [e["body"] for e in case["timeline"] if e["kind"] == "comment"]
                assert len(bodies) == len(set(bodies))  # at most one effect per action
                for w, outbox_id, kind, task_id in self.actions:
                    if task_id != task["task_id"] or not kind.startswith("sm-comment"):
                        continue
                    applied = statuses[(w, outbox_id)] == "applied"
                    assert bodies.count(kind) == (1 if applied else 0)
                decided = [
                    a for a in self.actions
                    if a[3] == task["task_id"] and a[2] == "decide"
                    and statuses[(a[0], a[1])] == "applied"
                ]  # fmt: skip
                assert len(decided) <= 1  # first writer wins, nobody overwrites
                server_task = api_get(server.url, "admin1", f"/tasks/{task['task_id']}")
                assert (server_task["status"] == "completed") == bool(decided)
                for ws in self.ws:
                    assert ws.local("task", task["task_id"]) == server_task
                    assert ws.local("case", task["case_id"]) == case

    try:
        run_state_machine_as_test(
            Machine,
            settings=settings(
                max_examples=budget(4),
                stateful_step_count=12,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
    finally:
        for p in proxies:
            p.close()
