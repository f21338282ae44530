"""Live events: an in-process event bus and the ``GET /v1/events`` Server-Sent-Events route.

``EventBus.publish(type, data)`` is thread-safe and never blocks: it serialises the event once,
keeps it for ``retention_s`` seconds (for ``Last-Event-ID`` replay) and hands it to every
subscriber's bounded queue. A subscriber whose queue is full is dropped: its stream ends and the
client reconnects with ``Last-Event-ID`` and gets what it missed from the retention log.

Wire format per event (API.md "Live events")::

    id: 42
    event: call.segment
    retry: 3000
    data: {"contact_id": "...", "segment": {...}}

``data`` is JSON on one line. JSON already escapes CR/LF; U+2028, U+2029 and U+0085 are escaped
too (``\\u2028``) because some line splitters (``str.splitlines``, httpx ``iter_lines``) break
lines there. The JSON value is unchanged. A comment line (``: ping``) is sent as heartbeat.

Several instances over one PostgreSQL: :class:`server.pg_events.PgEventBus` keeps this
interface and routes every event through the database (``events`` table + ``LISTEN/NOTIFY``).

Shutdown: ``bus.close()`` ends every open stream (call it before stopping uvicorn, which waits
for open responses). Auth: the route calls ``app.state.authenticate(request)`` (sync or async,
returning a user or raising / returning ``None``); without it every request is refused.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

EVENT_TYPES = ("call.segment", "call.state", "queue.stats", "change", "decision.step", "alert")
_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


def encode_data(data: Any) -> str:
    """One-line JSON for an SSE ``data:`` field (no character a line splitter breaks on)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for raw, escaped in _LINE_BREAKERS.items():
        if raw in text:
            text = text.replace(raw, escaped)
    return text


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    type: str
    data: str  # encoded JSON, one line
    at: float  # time.monotonic() when published

    def payload(self) -> Any:
        return json.loads(self.data)

    def frame(self, retry_ms: int) -> bytes:
        return (
            f"id: {self.id}\nevent: {self.type}\nretry: {retry_ms}\ndata: {self.data}\n\n".encode()
        )


@dataclass(eq=False)
class Subscription:
    """One consumer; its queue is bounded. Filled by publishers, drained in the event loop."""

    loop: asyncio.AbstractEventLoop | None
    max_queue: int
    queue: deque[Event] = field(default_factory=deque)
    wakeup: asyncio.Event = field(default_factory=asyncio.Event)
    dropped: bool = False
    closed: bool = False
    after: int = 0  # Last-Event-ID: events up to it are never handed to this subscriber

    def take(self) -> list[Event]:
        items: list[Event] = []
        while self.queue:
            items.append(self.queue.popleft())
        return items


def notify_all(subs: list[Subscription]) -> None:
    """Wake ``subs`` after a publish: one ``call_soon_threadsafe`` per event loop, not one per
    subscriber (each is a write to the loop's self-pipe; 200 subscribers on one loop made 200)."""
    by_loop: dict[asyncio.AbstractEventLoop, list[Subscription]] = {}
    for sub in subs:
        if sub.loop is None:
            sub.wakeup.set()
        else:
            by_loop.setdefault(sub.loop, []).append(sub)
    for loop, group in by_loop.items():
        try:
            loop.call_soon_threadsafe(_set_wakeups, group)
        except RuntimeError:  # loop already closed: nobody is listening any more
            for sub in group:
                sub.closed = True


def _set_wakeups(subs: list[Subscription]) -> None:
    for sub in subs:
        sub.wakeup.set()


class EventBus:
    """Thread-safe publish/subscribe with time-bounded retention for ``Last-Event-ID`` replay."""

    def __init__(
        self,
        retention_s: float = 900,
        *,
        max_retained: int = 200_000,
        subscriber_queue: int = 2_000,
        heartbeat_s: float = 15.0,
        retry_ms: int = 3_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.retention_s = retention_s
        self.max_retained = max_retained
        self.subscriber_queue = subscriber_queue
        self.heartbeat_s = heartbeat_s
        self.retry_ms = retry_ms
        self._clock = clock
        self._lock = threading.Lock()
        self._log: deque[Event] = deque()
        self._subs: set[Subscription] = set()
        self._next_id = 1
        self._closed = False

    # -- publishing -------------------------------------------------------------------------
    def publish(self, type: str, data: dict) -> int:
        """Publish one event; returns its id. Never blocks on subscribers."""
        encoded = encode_data(data)
        to_wake: list[Subscription] = []
        with self._lock:
            if self._closed:
                return 0
            event = Event(self._next_id, type, encoded, self._clock())
            self._next_id += 1
            self._log.append(event)
            self._prune_locked(event.at)
            for sub in list(self._subs):
                if len(sub.queue) >= sub.max_queue:
                    sub.dropped = True
                    self._subs.discard(sub)
                else:
                    sub.queue.append(event)
                to_wake.append(sub)
        notify_all(to_wake)
        return event.id

    def _prune_locked(self, now: float) -> None:
        log = self._log
        while log and (len(log) > self.max_retained or now - log[0].at > self.retention_s):
            log.popleft()

    # -- reading ----------------------------------------------------------------------------
    @property
    def last_id(self) -> int:
        with self._lock:
            return self._next_id - 1

    @property
    def closed(self) -> bool:
        return self._closed

    def retained(self, after: int | None = None) -> list[Event]:
        """Events still retained with an id greater than ``after`` (all when ``None``)."""
        with self._lock:
            self._prune_locked(self._clock())
            return [e for e in self._log if after is None or e.id > after]

    def subscribe(
        self, last_event_id: int | None = None, loop: asyncio.AbstractEventLoop | None = None
    ) -> Subscription:
        """Register a subscriber; with ``last_event_id`` its queue starts with the missed events.

        Backlog and registration happen under one lock, so nothing is missed or duplicated.
        """
        sub = Subscription(loop=loop, max_queue=self.subscriber_queue)
        with self._lock:
            if self._closed:
                sub.closed = True
                return sub
            if last_event_id is not None:
                self._prune_locked(self._clock())
                backlog = [e for e in self._log if e.id > last_event_id]
                sub.queue.extend(backlog)
                sub.max_queue = max(sub.max_queue, len(backlog) + self.subscriber_queue)
            self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            self._subs.discard(sub)

    @property
    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subs)

    def close(self) -> None:
        """End all streams; later publishes are ignored."""
        with self._lock:
            self._closed = True
            subs = list(self._subs)
            self._subs.clear()
        for sub in subs:
            sub.closed = True
        notify_all(subs)

    async def stream(
        self, sub: Subscription, heartbeat_s: float | None = None
    ) -> AsyncIterator[bytes]:
        """SSE frames for one subscription until it is dropped or the bus is closed."""
        interval = self.heartbeat_s if heartbeat_s is None else heartbeat_s
        try:
            yield b": connected\n\n"
            while True:
                if events := sub.take():  # what queued meanwhile goes out as one chunk
                    yield b"".join(event.frame(self.retry_ms) for event in events)
                if sub.closed or sub.dropped or self._closed:
                    return
                sub.wakeup.clear()
                if sub.queue:
                    continue
                try:
                    await asyncio.wait_for(sub.wakeup.wait(), timeout=interval)
                except TimeoutError:
                    yield b": ping\n\n"
        finally:
            self.unsubscribe(sub)


# -- HTTP route -------------------------------------------------------------------------------
router = APIRouter()


def _problem(status: int, code: str, title: str, detail: str) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "code": code}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


async def _authenticate(request: Request) -> Any:
    auth = getattr(request.app.state, "authenticate", None)
    if auth is None:
        return None
    result = auth(request)
    if inspect.isawaitable(result):
        result = await result
    return result


def _parse_last_event_id(request: Request) -> int | None:
    raw = request.headers.get("last-event-id") or request.query_params.get("last_event_id")
    if raw is None or not raw.strip():
        return None
    try:
        return int(raw.strip())
    except ValueError:
        return None


@router.get("/events", response_class=StreamingResponse, summary="Live events (SSE)")
async def events(request: Request) -> Any:
    bus: EventBus | None = getattr(request.app.state, "bus", None)
    if bus is None:
        return _problem(503, "unavailable", "Service Unavailable", "event bus not running")
    user = await _authenticate(request)  # may raise the core's 401 problem itself
    if user is None:
        return _problem(401, "unauthenticated", "Unauthorized", "missing or invalid token")
    # run in a worker thread: over several instances the backlog is read from the database
    sub = await run_in_threadpool(
        bus.subscribe, _parse_last_event_id(request), asyncio.get_running_loop()
    )
    heartbeat = getattr(request.app.state, "events_heartbeat_s", None)
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(
        bus.stream(sub, heartbeat), media_type="text/event-stream", headers=headers
    )
