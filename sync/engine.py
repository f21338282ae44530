"""``SyncEngine``: connection state, pulls, pushes and the live stream, Qt-free.

States: ``offline`` (server unreachable; retried every ``offline_retry_s``, jittered),
``connecting``, ``syncing`` (pushing the outbox / pulling changes), ``online`` (caught up,
live stream open) and ``error`` (needs the user: login refused, a bug). Listeners are plain
callables ``(state, detail)``; the UI's Qt bridge turns them into signals.

Offline is noticed at once: ``connection_lost()`` (called by the live stream when it drops and
by the API client when any request fails in transport) turns the state ``offline`` without waiting
for a cycle. While offline the engine probes ``parts.probe`` (``GET /healthz``, light, no auth)
with full-jitter backoff (``sync.retry.RetryPolicy``, ``probe_cap_s`` at most) and syncs the
moment it answers, so online comes back within a probe interval of the server's return.

Work is triggered by ``notify_local_write()`` (a service wrote an outbox row → push),
``request_pull()`` / SSE ``change`` (pull) and a periodic safety sync. ``await stop()`` cancels
the loop and the live stream and closes the HTTP client; a push interrupted by stop leaves its
row ``inflight`` and it is replayed with the same Idempotency-Key on the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from sync.problems import ApiProblem, NetworkError, NotLoggedIn
from sync.retry import RetryPolicy

log = logging.getLogger(__name__)


class SyncState(StrEnum):
    OFFLINE = "offline"
    CONNECTING = "connecting"
    SYNCING = "syncing"
    ONLINE = "online"
    ERROR = "error"


Listener = Callable[[SyncState, str], Any]


class PullerLike(Protocol):
    async def pull(self) -> Any: ...


class PusherLike(Protocol):
    async def push(self) -> Any: ...


class LiveLike(Protocol):
    async def run(self, stop: asyncio.Event) -> None: ...


@dataclass
class SyncReport:
    pushed: Any = None
    pulled: Any = None


@dataclass
class EngineParts:
    """What the engine drives; ``build_engine`` (sync.wiring) makes the real ones."""

    puller: PullerLike
    pusher: PusherLike
    live: LiveLike | None = None
    close: Callable[[], Awaitable[None]] | None = None
    probe: Callable[[], Awaitable[Any]] | None = None  # raises while the server is unreachable
    changed: list[Callable[[Any], Any]] = field(default_factory=list)  # (PullResult)
    pushed: list[Callable[[Any], Any]] = field(default_factory=list)  # (PushReport)


class SyncEngine:
    def __init__(
        self,
        parts: EngineParts,
        *,
        offline_retry_s: float = 10.0,
        periodic_s: float = 60.0,
        rng: Callable[[], float] = random.random,
        probe_cap_s: float = 2.0,
        probe_timeout_s: float = 2.0,
    ) -> None:
        self.parts = parts
        self.live = parts.live
        self.offline_retry_s = offline_retry_s
        self.periodic_s = periodic_s
        self._rng = rng
        self.probe_policy = RetryPolicy(base_s=0.1, cap_s=probe_cap_s, random=rng)
        self.probe_timeout_s = probe_timeout_s
        self.probes = 0
        self._unreachable = False
        self.state = SyncState.OFFLINE
        self.detail = ""
        self.last_error: BaseException | None = None
        self._listeners: list[Listener] = []
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._idle = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._live_task: asyncio.Task[None] | None = None
        self.cycles = 0
        self.server_offset_s: float | None = None

    # observable ---------------------------------------------------------------------------------
    def add_listener(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _set(self, state: SyncState, detail: str = "") -> None:
        if state == self.state and detail == self.detail:
            return
        self.state, self.detail = state, detail
        for listener in list(self._listeners):
            try:
                listener(state, detail)
            except Exception:  # a listener's bug must not stop syncing
                log.exception("sync state listener failed")

    # triggers -----------------------------------------------------------------------------------
    def notify_local_write(self) -> None:
        """A service wrote an outbox row: push soon."""
        self._idle.clear()
        self._wake.set()

    def request_pull(self, *_: Any) -> None:
        self._idle.clear()
        self._wake.set()

    def connection_lost(self, detail: str = "") -> None:
        """The live stream dropped or a request failed in transport: offline now, then probe."""
        if self._stop.is_set() or self._task is None or self.state == SyncState.ERROR:
            return
        if self._unreachable and self.state == SyncState.OFFLINE:
            return  # known already; the probe is running
        self._unreachable = True
        self._set(SyncState.OFFLINE, detail or "connection lost")
        self._idle.clear()
        self._wake.set()

    # lifecycle ----------------------------------------------------------------------------------
    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="sync-engine")

    async def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        for task in (self._task, self._live_task):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        self._task = self._live_task = None
        if self.parts.close is not None:
            await self.parts.close()
        self._set(SyncState.OFFLINE, "stopped")

    async def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until a cycle finished with nothing more requested (tests, dosctl)."""
        await asyncio.wait_for(self._idle.wait(), timeout)

    async def sync_once(self) -> SyncReport:
        """Push the outbox, then pull to the end of the feed; raises on failure."""
        self._set(SyncState.SYNCING)
        pushed = await self.parts.pusher.push()
        self._tell(self.parts.pushed, pushed)
        pulled = await self.parts.puller.pull()
        offset = getattr(pulled, "server_offset_s", None)
        if offset is not None:
            self.server_offset_s = offset
        self._tell(self.parts.changed, pulled)
        return SyncReport(pushed, pulled)

    @staticmethod
    def _tell(callbacks: list[Callable[[Any], Any]], value: Any) -> None:
        for callback in list(callbacks):
            try:
                callback(value)
            except Exception:  # the UI's bug must not stop syncing
                log.exception("sync callback failed")

    # the loop -----------------------------------------------------------------------------------
    async def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._wake.clear()
            if self._unreachable and self.parts.probe is not None:
                await self._wait_until_reachable()
                if self._stop.is_set():
                    break
            if self.state != SyncState.ONLINE:
                self._set(SyncState.CONNECTING)
            try:
                await self.sync_once()
            except asyncio.CancelledError:
                raise
            except (NetworkError, ApiProblem, NotLoggedIn, Exception) as exc:
                failures += 1
                self.last_error = exc
                state, wait = self._classify(exc, failures)
                self._set(state, str(exc))
                self._unreachable = isinstance(exc, NetworkError)
                if self._unreachable and self.parts.probe is not None:
                    continue  # the probe does the waiting, and notices the server's return
                await self._sleep(wait)
                continue
            failures = 0
            self._unreachable = False
            self.cycles += 1
            self._set(SyncState.ONLINE)
            self._ensure_live()
            if not self._wake.is_set():
                self._idle.set()
            await self._sleep(self.periodic_s)

    def _classify(self, exc: BaseException, failures: int) -> tuple[SyncState, float]:
        jittered = self.offline_retry_s * (0.5 + self._rng() / 2)
        if isinstance(exc, NetworkError):
            return SyncState.OFFLINE, jittered
        if isinstance(exc, ApiProblem) and (exc.status >= 500 or exc.status in (408, 429)):
            return SyncState.OFFLINE, max(jittered, exc.retry_after or 0.0)
        if isinstance(exc, NotLoggedIn | ApiProblem):
            return SyncState.ERROR, self.periodic_s  # a new login wakes the engine
        log.exception("sync cycle failed", exc_info=exc)
        return SyncState.ERROR, min(self.periodic_s, self.offline_retry_s * failures)

    async def _wait_until_reachable(self) -> None:
        """Probe with backoff until the server answers (or the engine stops)."""
        attempt = 0
        while not self._stop.is_set():
            self.probes += 1
            try:
                await asyncio.wait_for(self.parts.probe(), self.probe_timeout_s)
                self._unreachable = False
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # unreachable still: wait a little longer each time
                self.last_error = exc
            await self._sleep(max(0.05, self.probe_policy.backoff(attempt)))
            self._wake.clear()
            attempt += 1

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)

    def _ensure_live(self) -> None:
        live = self.parts.live
        if live is None or self._stop.is_set():
            return
        if self._live_task is None or self._live_task.done():
            self._live_task = asyncio.create_task(live.run(self._stop), name="sync-live")
        elif hasattr(live, "wake"):
            live.wake()  # reachable again: reconnect the stream now, not after its backoff
