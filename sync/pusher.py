"""Push the outbox: rows in ``id`` order, each with its own Idempotency-Key and If-Match.

Per row: mark ``inflight`` → send (retry policy of API.md) → on 200 ``mark_applied`` with the
server's entity; on 409 / 412 ``conflict`` and on 400 / 403 / 404 / 422 ``rejected``, with the
problem stored and the optimistic change replaced by the server's ``current`` (or by the pull
that follows every push); the user's input stays on the row. One bad row never blocks the rest.
A network failure stops the push: the row stays ``inflight`` / pending and is re-sent with the
SAME key later, so an answer lost "after commit, before reply" is replayed, not re-applied.
A row whose retries ran out on 5xx stays pending; later rows of the same entity wait behind it.
"""

from __future__ import annotations

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
        )


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
    ) -> None:
        self.store = store
        self.api = api
        self.writer = writer
        self.retry = retry or RetryPolicy(max_attempts=4)
        self.relogin = relogin
        self.clock = clock

    async def push(self) -> PushReport:
        report = PushReport()
        blocked: set[tuple[str, str]] = set()
        await self.writer.run(self._in_tx, recover_inflight, self.clock())
        for pending in await self.writer.run(self._pending):
            # re-read: an earlier row's answer may have re-based this row's If-Match
            job = await self.writer.run(self._fresh, pending.id)
            if job is None:
                continue
            if (job.entity_kind, job.entity_id) in blocked:
                report.deferred.append(job.id)
                continue
            try:
                await self.push_one(job, report)
            except ApiProblem as exc:  # retries ran out on 5xx / 429 / in-progress
                if exc.status == 401:
                    raise
                later = self.clock() + timedelta(seconds=self.retry.delay(exc, 3))
                await self.writer.run(self._retry_later, job.id, later, exc)
                blocked.add((job.entity_kind, job.entity_id))
                report.deferred.append(job.id)
                report.problems[job.id] = exc
        if report.deferred and not report.done and report.problems:
            # nothing could be pushed at all: let the engine show the server trouble
            raise next(iter(report.problems.values()))
        return report

    def _pending(self) -> list[Job]:
        with self.store.session() as session:
            return [Job.of(row) for row in store_outbox.outbox_pending(session, self.clock())]

    def _retry_later(self, outbox_id: int, when: datetime, exc: BaseException | None) -> None:
        problem = exc.to_dict() if isinstance(exc, ApiProblem) else None
        with self.store.transaction() as session:
            store_outbox.mark_retry(session, outbox_id, self.clock(), when, problem)

    def _fresh(self, outbox_id: int) -> Job | None:
        with self.store.session() as session:
            row = session.get(OutboxRow, outbox_id)
            if row is None or row.status != OutboxStatus.PENDING.value:
                return None
            return Job.of(row)

    async def push_one(self, job: Job, report: PushReport) -> None:
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
        await self.writer.run(
            self._in_tx, store_outbox.mark_applied, job.id, response, self.clock()
        )
        report.applied.append(job.id)
        report.entities[job.id] = result.data
        if result.replayed:
            report.replayed.append(job.id)

    def _in_tx(self, fn: Callable[..., Any], *args: Any) -> Any:
        with self.store.transaction() as session:
            return fn(session, *args)


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
