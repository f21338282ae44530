"""Pull the change feed: ``GET /v1/changes?since=<cursor>`` page by page.

Each page is applied with ``app.store.apply.apply_changes`` in ONE transaction together with its
cursor, the server-time offset and ``last_sync_at``, on the single writer thread (never on the
event loop). A cut connection mid-pull leaves the cursor where the last fully applied page put
it; re-pulling converges, and a page applied twice changes nothing (apply is version-checked and
idempotent). An entry the store cannot apply (a value past int64, a malformed entity) is kept
aside by the apply (``app.store.quarantine``) and the page and its cursor go on. A ``reset:
true`` answer (unknown cursor) rebuilds the synced copy with ``reset_synced`` in the same
transaction as the first page; the outbox is kept and replayed.
An empty store's first pull holds the bulk tables' secondary indexes back and builds them once
at its end (``app.store.bulk_load``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.store import apply as store_apply
from app.store import bulk_load
from sync import state
from sync.api import ApiClient, ChangesPage
from sync.retry import RetryPolicy
from sync.writer import StoreWriter

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
MAX_PAGE = 1000  # the feed's largest page (API.md): fewer round trips, fewer transactions


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class PullResult:
    pages: int = 0
    changes: int = 0
    reset: bool = False
    changed: dict[str, set[str]] = field(default_factory=dict)  # entity → ids
    cursor: str | None = None
    server_offset_s: float | None = None

    def merge(self, kind_ids: Any) -> None:
        for kind, ids in _as_mapping(kind_ids).items():
            self.changed.setdefault(str(kind), set()).update(ids)

    def ids(self, entity: str) -> set[str]:
        return self.changed.get(entity, set())


def _as_mapping(changed: Any) -> dict[str, set[str]]:
    """ChangedIds of app.store.apply as {entity: ids}, whatever its exact shape."""
    if changed is None:
        return {}
    if isinstance(changed, dict):
        return {str(k): set(v) for k, v in changed.items()}
    for name in ("by_entity", "ids", "changed"):
        value = getattr(changed, name, None)
        if isinstance(value, dict):
            return {str(k): set(v) for k, v in value.items()}
    return {}


class Puller:
    def __init__(
        self,
        store: Any,
        api: ApiClient,
        writer: StoreWriter,
        *,
        retry: RetryPolicy | None = None,
        relogin: Callable[[], Awaitable[bool]] | None = None,
        limit: int = MAX_PAGE,
        clock: Clock = utcnow,
    ) -> None:
        self.store = store
        self.api = api
        self.writer = writer
        self.retry = retry or RetryPolicy(max_attempts=3)
        self.relogin = relogin
        self.limit = limit
        self.clock = clock
        self.progress: list[Callable[[int, int | None], Any]] = []
        """Told (changes applied so far, total of this pull or None) after each page."""

    async def pull(self) -> PullResult:
        """Pull until ``has_more`` is false; returns what changed.

        Page N+1 is fetched while page N is applied on the writer thread; pages are still
        applied strictly in order, each with its cursor in one transaction. A failed apply
        cancels the prefetch; a failed prefetch surfaces after page N is committed.
        """
        result = PullResult()
        cursor, held = await self.writer.run(self._start)
        fetch: asyncio.Future[tuple[ChangesPage, float | None]] | None
        fetch = asyncio.ensure_future(self._fetch(cursor))
        try:
            while True:
                page, offset = await fetch
                fetch = None
                more = page.has_more and bool(page.changes)
                if more:
                    fetch = asyncio.ensure_future(self._fetch(page.cursor))
                changed = await self.writer.run(self._apply_page, page, offset)
                result.pages += 1
                result.changes += len(page.changes)
                result.reset = result.reset or page.reset
                result.server_offset_s = offset
                result.merge(changed)
                self._tell_progress(result.changes, page.remaining if more else 0)
                cursor = page.cursor
                result.cursor = cursor
                if not more:
                    if held:  # the first full pull is in: build the held indexes once
                        await self.writer.run(self._restore_indexes)
                    return result
        finally:
            if fetch is not None and not fetch.done():
                fetch.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await fetch

    def _tell_progress(self, done: int, remaining: int | None) -> None:
        total = done + remaining if remaining is not None else None
        for listener in list(self.progress):
            try:
                listener(done, total)
            except Exception:  # the UI's bug must not stop a pull
                log.exception("pull progress listener failed")

    def _start(self) -> tuple[str | None, bool]:
        """The cursor, and whether this pull holds the bulk tables' indexes back: an empty,
        never-synced store's first pull does (``app.store.bulk_load``), and so does the pull
        after one that stopped half-way (a cut connection, a crash)."""
        with self.store.transaction() as session:
            cursor = state.get_in(session, state.CURSOR)
            if bulk_load.indexes_held(session):
                return cursor, True
            if cursor is None and bulk_load.is_empty(session):
                bulk_load.hold_indexes(session)
                return cursor, True
        return cursor, False

    def _restore_indexes(self) -> None:
        with self.store.transaction() as session:
            built = bulk_load.restore_indexes(session)
        log.info("first pull done: %d held indexes built", built)

    async def _fetch(self, cursor: str | None) -> tuple[ChangesPage, float | None]:
        sent_mono, sent = time.monotonic(), self.clock()

        async def call() -> ChangesPage:
            nonlocal sent_mono, sent
            sent_mono, sent = time.monotonic(), self.clock()
            return await self.api.changes(cursor, self.limit)

        page = await self.retry.run(call, relogin=self.relogin)
        if page.server_time is None:
            return page, None
        half_trip = (time.monotonic() - sent_mono) / 2
        local_mid = sent.timestamp() + half_trip
        return page, page.server_time.timestamp() - local_mid

    def _apply_page(self, page: ChangesPage, offset: float | None) -> Any:
        changes = [
            {
                "seq": c.seq,
                "entity": c.entity,
                "id": c.id,
                "op": c.op,
                "version": c.version,
                "data": c.data,
                "data_text": c.data_text,
            }
            for c in page.changes
        ]
        with self.store.transaction() as session, store_apply.bulk_cache(session):
            if page.reset:
                store_apply.reset_synced(session)
            changed = store_apply.apply_changes(session, changes, now=self.clock())
            if page.cursor is not None:
                store_apply.set_cursor(session, page.cursor)
            if offset is not None:
                state.set_in(session, state.SERVER_OFFSET, round(offset, 3))
            state.set_in(session, state.LAST_SYNC_AT, self.clock().isoformat())
        return changed
