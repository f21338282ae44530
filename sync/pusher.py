"""Push the outbox: rows in ``id`` order, each with its own Idempotency-Key and If-Match.

Per row: mark ``inflight`` → send (retry policy of API.md) → on 200 ``mark_applied`` with the
server's entity; on 409 / 412 ``conflict`` and on 400 / 403 / 404 / 422 ``rejected``, with the
problem stored and the optimistic change replaced by the server's ``current`` (or by the pull
that follows every push); the user's input stays on the row. One bad row never blocks the rest.
A network failure stops the push: the row stays ``inflight`` / pending and is re-sent with the
SAME key later, so an answer lost "after commit, before reply" is replayed, not re-applied.
A row whose retries ran out on 5xx stays pending; later rows of the same entity wait behind it.

Pipelining: rows are grouped into lanes — rows that share an entity or a case (the case is the
``related`` entity whose new version re-bases later rows) are in one lane, strictly sequential in
``id`` order; up to ``concurrency`` lanes are in flight at once. Claiming a row (re-read + mark
``inflight``) and acknowledging it (``mark_applied``) are writer work; the claims and acks of the
lanes that are waiting while the writer is busy go together in ONE transaction (group commit,
:class:`GroupCommit`): a lane never has two of them in one batch (it awaits each), lanes share no
row, entity or case, so batching changes no outcome — and if one of a batch fails, the batch is
rolled back and each is run again in its own transaction. A network error or a 401 stops every
lane from starting another row.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from app.domain.enums import OutboxStatus
from app.store import outbox as store_outbox
from app.store.local_models import OutboxRow
from sync.api import ApiClient, Mutation
from sync.problems import ApiProblem, NetworkError
from sync.retry import RetryPolicy, is_retryable
from sync.writer import StoreWriter

CONFLICT_STATUS = frozenset({409, 412})


@dataclass(frozen=True, slots=True)
class Job:
    """A snapshot of one outbox row, safe to use off the writer thread."""

    id: int
    idempotency_key: str
    method: str
    path: str
    if_match: int | None
    payload: dict[str, Any]
    entity_kind: str
    entity_id: str
    case_id: str | None = None

    @classmethod
    def of(cls, row: Any) -> Job:
        return cls(
            row.id,
            row.idempotency_key,
            row.method or "POST",
            row.path,
            row.if_match,
            dict(row.payload or {}),
            row.entity_kind,
            row.entity_id,
            row.case_id,
        )

    @property
    def entity(self) -> tuple[str, str]:
        return (self.entity_kind, self.entity_id)


def lanes(jobs: list[Job]) -> list[list[Job]]:
    """Group jobs that share an entity or a case (union-find), each lane in ``id`` order."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(key: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def keys(job: Job) -> list[tuple[str, str]]:
        found = [job.entity]
        if job.case_id:
            found.append(("case", job.case_id))
        return found

    for job in jobs:
        first, *rest = keys(job)
        for key in rest:
            a, b = find(first), find(key)
            if a != b:
                parent[b] = a
    grouped: dict[tuple[str, str], list[Job]] = {}
    for job in sorted(jobs, key=lambda j: j.id):
        grouped.setdefault(find(job.entity), []).append(job)
    return list(grouped.values())  # in order of each lane's first row


@dataclass
class PushReport:
    applied: list[int] = field(default_factory=list)
    replayed: list[int] = field(default_factory=list)
    conflict: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    deferred: list[int] = field(default_factory=list)
    entities: dict[int, Any] = field(default_factory=dict)  # applied row → the server's entity
    problems: dict[int, ApiProblem] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return len(self.applied) + len(self.conflict) + len(self.rejected)


class GroupCommit:
    """Writer work of concurrent lanes, committed together: ``await group.run(fn, *args)`` runs
    ``fn(session, *args)`` on the writer thread in a transaction shared with every call queued
    while the previous transaction ran. ``fn`` must only touch the store (it may run twice: when
    any call of a batch raises, the batch is rolled back and each call runs alone)."""

    def __init__(self, store: Any, writer: StoreWriter) -> None:
        self.store = store
        self.writer = writer
        self._queue: list[tuple[Callable[..., Any], tuple[Any, ...], asyncio.Future[Any]]] = []
        self._drain: asyncio.Task[None] | None = None
        self.batches = 0  # transactions committed (for tests and the benchmark's notes)

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append((fn, args, future))
        if self._drain is None or self._drain.done():
            self._drain = asyncio.ensure_future(self._drain_queue())
        return await future

    async def idle(self) -> None:
        """Wait until everything queued so far has been committed (or failed)."""
        while self._drain is not None and not self._drain.done():
            await asyncio.wait([self._drain])

    async def _drain_queue(self) -> None:
        while self._queue:
            batch, self._queue = self._queue, []
            calls = [(fn, args) for fn, args, _future in batch]
            try:
                outcomes = await self.writer.run(self._run_batch, calls)
            except Exception as exc:  # the writer is gone: every call of the batch fails
                for _fn, _args, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            except BaseException:  # cancelled (the loop is closing): nobody waits any more
                for _fn, _args, future in [*batch, *self._queue]:
                    future.cancel()
                self._queue = []
                raise
            for (_fn, _args, future), (ok, value) in zip(batch, outcomes, strict=True):
                if future.done():  # its lane was cancelled meanwhile
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

    def _run_batch(self, calls: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> list:
        if len(calls) > 1:
            try:
                with self.store.transaction() as session:
                    results = [(True, fn(session, *args)) for fn, args in calls]
                self.batches += 1
                return results
            except Exception:  # rolled back: each call alone below
                pass
        outcomes: list[tuple[bool, Any]] = []
        for fn, args in calls:
            try:
                with self.store.transaction() as session:
                    outcomes.append((True, fn(session, *args)))
                self.batches += 1
            except Exception as exc:
                outcomes.append((False, exc))
        return outcomes


def failure_status(problem: ApiProblem) -> OutboxStatus:
    return OutboxStatus.CONFLICT if problem.status in CONFLICT_STATUS else OutboxStatus.REJECTED


class Pusher:
    def __init__(
        self,
        store: Any,
        api: ApiClient,
        writer: StoreWriter,
        *,
        retry: RetryPolicy | None = None,
        relogin: Callable[[], Awaitable[bool]] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        concurrency: int = 8,
    ) -> None:
        self.store = store
        self.api = api
        self.writer = writer
        self.retry = retry or RetryPolicy(max_attempts=4)
        self.relogin = relogin
        self.clock = clock
        self.concurrency = max(1, concurrency)
        self._group: GroupCommit | None = None  # while push() runs

    async def push(self) -> PushReport:
        report = PushReport()
        await self.writer.run(self._in_tx, recover_inflight, self.clock())
        todo = iter(lanes(await self.writer.run(self._pending)))
        fatal: list[BaseException] = []
        self._group = group = GroupCommit(self.store, self.writer)
        try:
            await self._run_lanes(todo, report, fatal)
        finally:
            self._group = None
            await group.idle()
        for ids in (report.applied, report.replayed, report.conflict, report.rejected):
            ids.sort()
        report.deferred.sort()
        if fatal:
            raise fatal[0]
        if report.deferred and not report.done and report.problems:
            # nothing could be pushed at all: let the engine show the server trouble
            raise next(iter(report.problems.values()))
        return report

    async def _run_lanes(self, todo: Any, report: PushReport, fatal: list[BaseException]) -> None:
        async def worker() -> None:
            for lane in todo:  # shared: each lane is taken by one worker
                if fatal:
                    return
                try:
                    await self._push_lane(lane, report, fatal)
                except BaseException as exc:  # network, 401, a bug: stop starting rows
                    fatal.append(exc)
                    if not isinstance(exc, Exception):
                        raise

        await asyncio.gather(*(worker() for _ in range(self.concurrency)))

    async def _push_lane(
        self, lane: list[Job], report: PushReport, fatal: list[BaseException]
    ) -> None:
        blocked: set[tuple[str, str]] = set()
        for pending in lane:
            if fatal:
                return
            if pending.entity in blocked:
                report.deferred.append(pending.id)
                continue
            # re-read: an earlier row's answer may have re-based this row's If-Match
            job = await self._write(_claim, pending.id, self.clock())
            if job is None:
                continue
            try:
                await self.push_one(job, report, claimed=True)
            except ApiProblem as exc:  # retries ran out on 5xx / 429 / in-progress
                if exc.status == 401:
                    raise
                later = self.clock() + timedelta(seconds=self.retry.delay(exc, 3))
                await self.writer.run(self._retry_later, job.id, later, exc)
                blocked.add(job.entity)
                report.deferred.append(job.id)
                report.problems[job.id] = exc

    async def _write(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(session, *args)`` in a writer transaction, grouped with other lanes' work
        while a push runs (:class:`GroupCommit`), else in its own."""
        if self._group is not None:
            return await self._group.run(fn, *args)
        return await self.writer.run(self._in_tx, fn, *args)

    def _pending(self) -> list[Job]:
        with self.store.session() as session:
            return [Job.of(row) for row in store_outbox.outbox_pending(session, self.clock())]

    def _retry_later(self, outbox_id: int, when: datetime, exc: BaseException | None) -> None:
        problem = exc.to_dict() if isinstance(exc, ApiProblem) else None
        with self.store.transaction() as session:
            store_outbox.mark_retry(session, outbox_id, self.clock(), when, problem)

    async def push_one(self, job: Job, report: PushReport, *, claimed: bool = False) -> None:
        if not claimed:
            await self.writer.run(self._in_tx, store_outbox.mark_inflight, job.id, self.clock())

        async def send() -> Mutation:
            return await self.api.mutate(
                job.path,
                job.payload,
                idempotency_key=job.idempotency_key,
                if_match=job.if_match,
                method=job.method,
            )

        try:
            result = await self.retry.run(send, relogin=self.relogin)
        except NetworkError:
            # the answer may be lost after the server committed: same key next time
            await self.writer.run(self._retry_later, job.id, self.clock(), None)
            raise
        except ApiProblem as problem:
            if problem.status == 401:
                await self.writer.run(self._retry_later, job.id, self.clock(), None)
                raise
            if is_retryable(problem):
                raise
            status = failure_status(problem)
            await self.writer.run(
                self._in_tx,
                store_outbox.mark_failed,
                job.id,
                status,
                problem.to_dict(),
                problem.current,
                self.clock(),
            )
            (report.conflict if status == OutboxStatus.CONFLICT else report.rejected).append(job.id)
            report.problems[job.id] = problem
            return
        response = {"data": result.data, "related": result.related}
        await self._write(store_outbox.mark_applied, job.id, response, self.clock())
        report.applied.append(job.id)
        report.entities[job.id] = result.data
        if result.replayed:
            report.replayed.append(job.id)

    def _in_tx(self, fn: Callable[..., Any], *args: Any) -> Any:
        with self.store.transaction() as session:
            return fn(session, *args)


def _claim(session: Any, outbox_id: int, now: datetime) -> Job | None:
    """Re-read a row and, when still pending, mark it ``inflight``: one statement."""
    row = store_outbox.claim_inflight(session, outbox_id, now)
    return None if row is None else Job.of(row)


def recover_inflight(session: Any, now: datetime) -> int:
    """Rows left ``inflight`` by a crash or a cut connection go back to pending (same key)."""
    rows = session.execute(
        select(OutboxRow.id).where(OutboxRow.status == OutboxStatus.INFLIGHT.value)
    ).scalars()
    count = 0
    for outbox_id in list(rows):
        store_outbox.mark_retry(session, outbox_id, now, now)
        count += 1
    return count
